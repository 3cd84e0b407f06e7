#!/usr/bin/env python3
"""`helder serve` under load: many clients fetch pages while pages are saved.

Copies the site to a temporary folder (the original is never touched), starts
`helder serve` on it, and for a fixed time lets CLIENTS clients fetch its pages
as fast as they can while one writer saves a page every SAVE_EVERY seconds.
Every fifth save changes a title (a full rebuild); the others change only a
body (the quick incremental update). Saves are either

  atomic   write a temporary file beside the page, then rename it over it
           (what most editors do), or
  inplace  truncate the page and write it in small chunks with short pauses
           (what some editors do; the watcher sees a half-written file).

Half the clients open a new connection per request, half keep theirs open
(HTTP/1.1 keep-alive). Loopback only, bounded in time and in requests, and it
stops the server when done.

Counted:
  answered        responses read completely
  p50/p99/max     latency of those, in ms
  partial pages   200 HTML responses that are empty or do not end with </html>
  server errors   5xx responses (the preview's error page is a 500)
  other errors    connection errors, timeouts, other non-2xx/3xx statuses
  slow (>1 s)     responses that took more than a second

usage: serve_load.py HELDER_BINARY SITE_ROOT [--clients 100] [--seconds 60]
                     [--save-every 0.2] [--saves atomic|inplace] [--json]
Exit status 1 when there was any partial page, server error or other error.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"  # loopback only, never anything else
MAX_REQUESTS_PER_CLIENT = 1_000_000  # a bound besides the time
REQUEST_TIMEOUT = 30.0
SITE_PARTS = ("book.toml", "content", "themes", "static")


def copy_site(root, dest):
    for part in SITE_PARTS:
        src = os.path.join(root, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, part))
        elif os.path.isfile(src):
            shutil.copy2(src, os.path.join(dest, part))


def start_server(binary, root):
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", root],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "CI": "1"})
    port = None
    deadline = time.time() + 300
    for line in proc.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
        if time.time() > deadline:
            break
    if port is None:
        proc.kill()
        sys.exit("serve did not start")
    # Keep reading its output, so a full pipe never blocks the server.
    log = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    return proc, port, log


def fetch(conn, path):
    conn.request("GET", path, headers={"Host": "localhost"})
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("Content-Type") or "", body, \
        response.getheader("Connection", "").lower() == "close"


def page_urls(port):
    """Every page the overview lists, plus the home pages."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    status, _, body, _ = fetch(conn, "/_helder/")
    conn.close()
    if status != 200:
        sys.exit(f"the overview answered {status}")
    urls = sorted(set(re.findall(r'href="(/[^"#?]*/)"', body.decode("utf-8", "replace"))))
    return [u for u in urls if not u.startswith("/_helder")] or ["/"]


def is_partial(status, content_type, body):
    return status == 200 and content_type.startswith("text/html") and (
        not body or not body.rstrip().endswith(b"</html>"))


def client(port, urls, offset, keep_alive, stop_at, stats):
    """One client: fetches pages one after another until the time is up."""
    conn = None
    for i in range(MAX_REQUESTS_PER_CLIENT):
        if time.time() >= stop_at:
            break
        path = urls[(offset + i * 7) % len(urls)]
        start = time.perf_counter()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            status, content_type, body, closing = fetch(conn, path)
            if not keep_alive or closing:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            stats["errors"].append(f"{path}: {type(e).__name__}: {e}")
            if conn is not None:
                conn.close()
            conn = None
            continue
        ms = (time.perf_counter() - start) * 1000
        stats["latencies"].append(ms)
        if is_partial(status, content_type, body):
            stats["partial"].append(f"{path}: {len(body)} bytes")
        elif status >= 500:
            first = re.search(rb"<li[^>]*>(.{0,160})", body, re.S)
            stats["server_errors"].append(
                f"{path}: {status} {first.group(1).decode('utf-8', 'replace') if first else ''}")
        elif status >= 400:
            stats["errors"].append(f"{path}: status {status}")
    if conn is not None:
        conn.close()


def client_process(port, urls, first, count, stop_at, queue):
    """A process with `count` client threads (one Python process alone can
    not keep 100 clients busy)."""
    stats = {"latencies": [], "partial": [], "server_errors": [], "errors": []}
    threads = [threading.Thread(target=client, args=(
        port, urls, (first + n) * 13, (first + n) % 2 == 1, stop_at, stats))
        for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put(stats)


PAGE_FRONT = re.compile(r"\A(---\n(?:.*?\n)?title: *)([^\n]*)(\n(?:.*?\n)?---\n)", re.S)


def save(path, text, mode):
    data = text.encode("utf-8")
    if mode == "atomic":
        tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    else:
        with open(path, "r+b") as f:
            f.truncate(0)
            f.flush()
            for i in range(0, len(data), 200):
                f.write(data[i:i + 200])
                f.flush()
                time.sleep(0.002)


def saver(root, mode, every, stop_at, saves):
    """Saves a page every `every` seconds: bodies, and every fifth a title."""
    content = os.path.join(root, "content")
    pages = []
    for dirpath, _, files in os.walk(content):
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith((".", "_")) and name.count(".") == 1:
                text = open(os.path.join(dirpath, name), encoding="utf-8").read()
                if PAGE_FRONT.match(text):
                    pages.append(os.path.join(dirpath, name))
    if not pages:
        sys.exit("no page with a title in its front matter to save")
    pages.sort()
    pages = pages[:: max(1, len(pages) // 10)][:10]
    originals = {p: open(p, encoding="utf-8").read() for p in pages}
    n = 0
    next_save = time.time()
    while time.time() < stop_at and n < 100_000:
        path = pages[n % len(pages)]
        text = originals[path].rstrip("\n") + f"\n\nWijziging nummer {n} van de meting.\n"
        if n % 5 == 4:
            text = PAGE_FRONT.sub(lambda m: m.group(1) + f"Nieuwe titel {n}" + m.group(3), text, 1)
        save(path, text, mode)
        n += 1
        next_save += every
        time.sleep(max(0.0, next_save - time.time()))
    saves.append(n)


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("root")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--save-every", type=float, default=0.2)
    ap.add_argument("--saves", choices=("atomic", "inplace"), default="atomic")
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not 1 <= a.clients <= 1000 or not 0 < a.seconds <= 600:
        sys.exit("clients 1..1000 and seconds up to 600")

    work = tempfile.mkdtemp(prefix="helder-load-")
    proc = None
    try:
        root = os.path.join(work, "site")
        os.makedirs(root)
        copy_site(a.root, root)
        proc, port, log = start_server(os.path.abspath(a.binary), root)
        urls = page_urls(port)
        stop_at = time.time() + a.seconds
        queue = multiprocessing.Queue()
        procs = []
        per = [a.clients // a.processes + (1 if i < a.clients % a.processes else 0)
               for i in range(a.processes)]
        first = 0
        for count in per:
            if count:
                p = multiprocessing.Process(target=client_process, args=(
                    port, urls, first, count, stop_at, queue), daemon=True)
                p.start()
                procs.append(p)
                first += count
        saves = []
        saver(root, a.saves, a.save_every, stop_at, saves)
        results = [queue.get(timeout=a.seconds + 3 * REQUEST_TIMEOUT) for _ in procs]
        for p in procs:
            p.join(timeout=10)
        latencies = sorted(x for r in results for x in r["latencies"])
        merged = {k: [x for r in results for x in r[k]]
                  for k in ("partial", "server_errors", "errors")}
        summary = {
            "site": a.root, "pages": len(urls), "clients": a.clients,
            "seconds": a.seconds, "saves": a.saves, "saved": saves[0] if saves else 0,
            "answered": len(latencies),
            "p50_ms": round(percentile(latencies, 50), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "max_ms": round(latencies[-1], 1) if latencies else 0.0,
            "slow_over_1s": sum(1 for x in latencies if x > 1000),
            "partial_pages": len(merged["partial"]),
            "server_errors": len(merged["server_errors"]),
            "other_errors": len(merged["errors"]),
        }
        if a.json:
            print(json.dumps(summary))
        else:
            print(f"{a.root}: {len(urls)} pages, {a.clients} clients, {a.seconds:g} s, "
                  f"{summary['saved']} {a.saves} saves")
            print(f"  answered {summary['answered']}, p50 {summary['p50_ms']} ms, "
                  f"p99 {summary['p99_ms']} ms, max {summary['max_ms']} ms, "
                  f"slow (>1 s) {summary['slow_over_1s']}")
            print(f"  partial pages {summary['partial_pages']}, server errors "
                  f"{summary['server_errors']}, other errors {summary['other_errors']}")
        for kind in ("partial", "server_errors", "errors"):
            for example in sorted(set(merged[kind]))[:3]:
                print(f"  e.g. {kind}: {example}", file=sys.stderr)
        bad = summary["partial_pages"] + summary["server_errors"] + summary["other_errors"]
        return 1 if bad else 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
