#!/usr/bin/env python3
"""Save-to-reload latency of `helder serve`: the time from writing a page to
the browser's reload event arriving AND the page being served with the new
text. Median of N edits, each a body edit of one page.

usage: serve_latency.py HELDER_BINARY SITE_ROOT PAGE_CONTENT_PATH URL_PATH [--edits 20]
"""
import argparse
import os
import socket
import statistics
import sys
import time

import preview_server


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("root")
    ap.add_argument("page")
    ap.add_argument("url")
    ap.add_argument("--edits", type=int, default=20)
    a = ap.parse_args()
    proc, port = preview_server.start(a.binary, a.root)
    try:
        sse = socket.create_connection(("127.0.0.1", port), timeout=30)
        sse.sendall(b"GET /_helder/events HTTP/1.1\r\nHost: x\r\n\r\n")
        sse.recv(4096)  # headers and the first comment
        path = os.path.join(a.root, "content", a.page)
        original = open(path, encoding="utf-8").read()
        times = []
        try:
            for i in range(a.edits):
                marker = f"Meting nummer {i} van vandaag."
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original.rstrip("\n") + f"\n\n{marker}\n")
                buf = b""
                while b"data: reload" not in buf:
                    buf += sse.recv(4096)
                while marker not in preview_server.get(port, a.url):
                    time.sleep(0.002)
                times.append((time.perf_counter() - start) * 1000)
                time.sleep(0.3)  # let the watcher go quiet between edits
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        print(f"{a.root} {a.page}: save-to-reload median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}) over {len(times)} edits")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
