#!/usr/bin/env python3
"""Preview update time of the editor in `helder serve` (issue 18): the time
of the render request the form sends when typing stops (POST
/_helder/api/voorbeeld: the page read, rendered against the whole site and
analysed), as a browser sends it. Median of N requests, each with one more
sentence typed; the form waits 400 ms after the last key before it asks,
so the update shows 400 ms + this after typing stops.

usage: editor_preview.py HELDER_BINARY SITE_ROOT PAGE_CONTENT_PATH [--requests 20]
"""
import argparse
import json
import re
import socket
import statistics
import sys
import time

import preview_server


def request(port, method, path, body=b"", headers=None):
    host = f"127.0.0.1:{port}"
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    for k, v in (headers or {}).items():
        head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(head.encode() + body)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), rest.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("root")
    ap.add_argument("page")
    ap.add_argument("--requests", type=int, default=20)
    a = ap.parse_args()
    proc, port = preview_server.start(a.binary, a.root)
    try:
        status, form = request(port, "GET", f"/_helder/bewerk/{a.page}")
        if status != 200:
            sys.exit(f"no form for {a.page}: {status}")
        token = re.search(r'name="helder-token" content="([0-9a-f]+)"', form).group(1)
        _, front, body = open(f"{a.root}/content/{a.page}", encoding="utf-8").read().split("---\n", 2)
        # The fields as the form fills them (simple one-line keys).
        fields = {}
        for key in ["title", "type", "date", "time", "location", "start", "end", "summary", "color"]:
            m = re.search(rf"^{key}: ['\"]?(.*?)['\"]?$", front, re.M)
            if m:
                fields[key] = m.group(1)
        for key in ["classes", "bands"]:
            m = re.search(rf"^{key}: \[(.*)\]$", front, re.M)
            if m:
                fields[key] = [c.strip() for c in m.group(1).split(",")]
        headers = {"Origin": f"http://127.0.0.1:{port}", "X-Helder-Token": token,
                   "Content-Type": "application/json"}
        times = []
        for i in range(a.requests):
            body += f"\nDe brief wordt door de juf geschreven, zin {i}.\n"
            change = {"pad": a.page, "hash": "", "tekst": body, "velden": fields}
            start = time.perf_counter()
            status, answer = request(port, "POST", "/_helder/api/voorbeeld",
                                     json.dumps(change).encode(), headers)
            times.append((time.perf_counter() - start) * 1000)
            if status != 200 or '"html"' not in answer:
                sys.exit(f"preview failed ({status}): {answer[:500]}")
        print(f"{a.page}: median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f}, max {max(times):.1f} over {len(times)} requests")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
