"""A demo photo drawn with the standard library alone (no Pillow): a PNG of a red hall with a gold star."""

from __future__ import annotations

import math
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _in_star(x: float, y: float, cx: float, cy: float, radius: float) -> bool:
    """Whether (x, y) lies in a five-pointed star centred on (cx, cy), point up."""
    dx, dy = x - cx, cy - y
    r = math.hypot(dx, dy)
    if r > radius:
        return False
    angle = (math.atan2(dx, dy) + 2 * math.pi) % (2 * math.pi / 5)
    # Distance from the centre to the star's edge at this angle (inner radius 0.382 of the outer).
    inner = radius * 0.382
    half = math.pi / 5
    t = abs(angle - half) / half
    edge = inner + (radius - inner) * t**1.6
    return r <= edge


def demo_photo_png(width: int = 640, height: int = 360) -> bytes:
    """A hall in the party's colours: a red backdrop with a gold star, a stage and rows of seats."""
    rows = bytearray()
    star_cx, star_cy, star_r = width / 2, height * 0.34, height * 0.18
    stage_top = int(height * 0.62)
    for y in range(height):
        rows.append(0)  # filter: none
        shade = 1 - 0.35 * y / height
        for x in range(width):
            if y >= stage_top:
                seat = (x // 24 + y // 14) % 2 == 0
                r, g, b = (90, 40, 30) if seat else (70, 30, 24)
                if y < stage_top + 10:
                    r, g, b = (200, 160, 60)
            elif _in_star(x, y, star_cx, star_cy, star_r):
                r, g, b = 255, 214, 0
            else:
                glow = max(0.0, 1 - math.hypot(x - star_cx, y - star_cy) / (width * 0.6))
                r = int(min(255, (150 + 80 * glow) * shade))
                g = int(20 * shade + 40 * glow)
                b = int(24 * shade)
            rows += bytes((r, g, b))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )
