"""`helder serve` started for a benchmark: the process and the port it chose."""

import re
import socket
import subprocess
import sys


def start(binary, root):
    """Starts `binary serve --port 0 --root root`; returns (process, port).
    Exits when the server never says where it listens."""
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--root", root],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    proc.terminate()
    proc.wait()
    sys.exit("serve did not start")


def get(port, path):
    """The whole answer of the running serve to GET `path`, as text."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode(errors="replace")
