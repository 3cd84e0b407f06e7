#!/usr/bin/env python3
"""Draws the demo school's class pictures (content/groep-5/*.png) as plain
PNG files: the demo has no real photos of children, and must not have any.
Pure Python (zlib), so it runs anywhere: python3 scripts/make-demo-drawings.py"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "content" / "groep-5"


def png(path, width, height, pixel):
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    data += chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


CAPS = [(245, 245, 245), (30, 30, 30), (200, 30, 40), (240, 200, 30)]
SKY, FLOOR, SKIN = (190, 220, 245), (222, 190, 140), (235, 190, 150)


def circle_kids(x, y):
    """Eight children in a circle seen from above, each with a cap."""
    cx, cy = 320, 200
    for i in range(8):
        a = i * math.pi / 4
        kx, ky = cx + 130 * math.cos(a), cy + 130 * math.sin(a)
        d = math.hypot(x - kx, y - ky)
        if d < 22:
            return CAPS[i % 4] if d < 16 else (60, 60, 60)
        if d < 32:
            return SKIN
    if math.hypot(x - cx, y - cy) < 60:
        return (120, 170, 90)  # the rug in the middle
    return FLOOR


def four_caps(x, y):
    """The four caps side by side, as the children drew them."""
    for i, color in enumerate(CAPS):
        cx = 80 + i * 160
        if (x - cx) ** 2 / 70 ** 2 + (y - 200) ** 2 / 50 ** 2 < 1 and y < 200:
            return color
        if abs(y - 205) < 8 and cx - 85 < x < cx + 95:
            return color if color != (245, 245, 245) else (200, 200, 200)
    return SKY


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    png(OUT / "kring.png", 640, 400, circle_kids)
    png(OUT / "petten-getekend.png", 640, 400, four_caps)
    print("written:", *(p.name for p in sorted(OUT.glob("*.png"))))
