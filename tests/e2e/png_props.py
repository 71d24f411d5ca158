#!/usr/bin/env python3
"""Compares text in a box of two PNGs (8-bit RGB or RGBA, as `kiosk render` writes them): the
height of the first run of rows holding bright text pixels in each, and the contrast (WCAG 2) of
the second image's text with its background. Prints "HEIGHT1 HEIGHT2 RATIO". Box: fractions
x0 y0 x1 y1."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def lum(r, g, b):
    def ch(c):
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def first_line_height(path, box):
    w, h, bpp, rows = read_png(path)
    x0, y0, x1, y1 = int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)
    bright, colours = [], {}
    for y in range(y0, y1):
        hit = False
        for x in range(x0, x1):
            p = rows[y][x * bpp : x * bpp + 3]
            colours[tuple(p)] = colours.get(tuple(p), 0) + 1
            if min(p) > 200:
                hit = True
        bright.append(hit)
    start = bright.index(True)
    end = start
    while end < len(bright) and bright[end]:
        end += 1
    ranked = sorted(colours.items(), key=lambda kv: -kv[1])
    background = ranked[0][0]
    text = max((c for c, _ in ranked[:20]), key=lambda c: abs(lum(*c) - lum(*background)))
    hi, lo = max(lum(*text), lum(*background)), min(lum(*text), lum(*background))
    return end - start, (hi + 0.05) / (lo + 0.05)


box = [float(v) for v in sys.argv[3:7]]
h1, _ = first_line_height(sys.argv[1], box)
h2, ratio = first_line_height(sys.argv[2], box)
print("%d %d %.1f" % (h1, h2, ratio))
