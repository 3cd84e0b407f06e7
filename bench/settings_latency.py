#!/usr/bin/env python3
"""Change-to-reload latency of `helder serve` for a template change and a
book.toml change (issue 19, point 5): the time from writing the file to the
browser's reload event arriving AND the page being served with the change.
Median of N changes of each kind.

A template change: the site's own copy of the built-in theme's page.html
(themes/helder/templates/page.html, made before serve starts so it is
watched) with a marker in its main block. A book.toml change: the name of
the first class, which every page of that class's site shows in its header
(without classes: the school's title).

usage: settings_latency.py HELDER_BINARY SITE_ROOT [--changes 10]
       [--theme-source themes/helder]   (the built-in theme, to copy from)
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import sys
import time

import preview_server


def timed_change(sse, port, write, url, marker):
    """Milliseconds from write() to the reload event and `marker` at `url`."""
    start = time.perf_counter()
    write()
    buf = b""
    while b"data: reload" not in buf:
        buf += sse.recv(4096)
    deadline = time.monotonic() + 60
    while marker not in preview_server.get(port, url):
        if time.monotonic() > deadline:
            sys.exit(f"{marker!r} never showed at {url}")
        time.sleep(0.002)
    return (time.perf_counter() - start) * 1000


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux /proc), or None."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("root")
    ap.add_argument("--changes", type=int, default=10)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--theme-source", default=os.path.join(here, "..", "themes", "helder"))
    a = ap.parse_args()

    book = os.path.join(a.root, "book.toml")
    book_text = open(book, encoding="utf-8").read()
    m = re.search(r'\[\[class\]\]\s*\nid = "([^"]+)"\s*\nname = "([^"]+)"', book_text)
    if m:
        site, name_line = m.group(1), f'name = "{m.group(2)}"'
    else:  # a school without classes: the school's title, on every page
        m = re.search(r'^title = "([^"]+)"', book_text, re.M)
        if not m:
            sys.exit("book.toml has no [[class]] name and no [book] title")
        site, name_line = "", m.group(0)
    theme_dir = os.path.join(a.root, "themes", "helder")
    had_theme = os.path.isdir(os.path.join(a.root, "themes"))
    template = os.path.join(theme_dir, "templates", "page.html")
    os.makedirs(os.path.dirname(template), exist_ok=True)
    page_html = open(os.path.join(a.theme_source, "templates", "page.html"), encoding="utf-8").read()
    write(template, page_html)

    proc, port = preview_server.start(a.binary, a.root)
    try:
        sse = socket.create_connection(("127.0.0.1", port), timeout=60)
        sse.sendall(b"GET /_helder/events HTTP/1.1\r\nHost: x\r\n\r\n")
        sse.recv(4096)  # headers and the first comment
        # A page that uses page.html: a link on its site's home.
        prefix = f"/{site}/" if site else "/"
        home = preview_server.get(port, prefix)
        links = [l for l in re.findall(r'href="([^":#/][^":#]*/index\.html)"', home)
                 if not l.startswith("zoeken/")]
        if not links:
            sys.exit(f"no page below {prefix} to watch")
        url = prefix + links[0]
        results = {}
        for kind in ("template", "book.toml"):
            times = []
            cpu_before = cpu_seconds(proc.pid)
            for i in range(a.changes):
                marker = f"meting-{kind}-{i}-{time.time_ns()}"
                if kind == "template":
                    change = lambda: write(template, page_html.replace(
                        "{% endblock main %}", f'<span data-meting="{marker}"></span>{{% endblock main %}}'))
                    seen = marker
                else:
                    new = book_text.replace(name_line, name_line[:-1] + f' {marker}"', 1)
                    change = lambda: write(book, new)
                    seen = marker
                times.append(timed_change(sse, port, change, url, seen))
                time.sleep(0.5)  # let the watcher go quiet between changes
            cpu_after = cpu_seconds(proc.pid)
            cpu = (cpu_after - cpu_before) / a.changes if cpu_before is not None and cpu_after is not None else None
            results[kind] = (times, cpu)
        # CPU time (user + system) per change tells the work apart from the
        # machine's load, which stretches the wall time.
        for kind, (times, cpu) in results.items():
            cpu_text = f", serve's CPU {cpu * 1000:.0f} ms per change" if cpu is not None else ""
            print(f"{a.root} {kind}: change-to-reload median {statistics.median(times):.0f} ms "
                  f"(min {min(times):.0f}, max {max(times):.0f}) over {len(times)} changes{cpu_text}")
    finally:
        write(book, book_text)
        proc.terminate()
        proc.wait()
        shutil.rmtree(theme_dir if had_theme else os.path.join(a.root, "themes"), ignore_errors=True)


if __name__ == "__main__":
    main()
