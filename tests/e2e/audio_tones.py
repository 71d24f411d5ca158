#!/usr/bin/env python3
"""Reads raw 48 kHz 16-bit stereo audio (SDL's disk driver) and prints the frequency of the
first and of the last stretch of sound, by zero crossings: "440 1500"."""
import struct
import sys

RATE = 48000
data = open(sys.argv[1], "rb").read()
samples = struct.unpack("<%dh" % (len(data) // 2), data[: len(data) // 2 * 2])[0::2]
BLOCK = RATE // 20
loud = []
for i in range(0, len(samples) - BLOCK, BLOCK):
    block = samples[i : i + BLOCK]
    if max(abs(s) for s in block) > 2000:
        crossings = sum(1 for a, b in zip(block, block[1:]) if (a < 0) != (b < 0))
        loud.append(crossings * 20 / 2)
if not loud:
    print("silence")
    sys.exit(0)
print("%d %d" % (sorted(loud[:10])[len(loud[:10]) // 2], sorted(loud[-10:])[len(loud[-10:]) // 2]))
