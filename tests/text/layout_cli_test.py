#!/usr/bin/env python3
"""`kiosk layout` prints the JSON object of issue 3 (format in docs/text.md). Runs the command
(test_layout_cli, the same cmd_layout.c the kiosk binary links) and checks the contract: valid
JSON, the fields and their types, lines covering the text in logical order, glyphs in visual
order, RTL start alignment (x + width = box width), default size/width, and font file names."""
import json, subprocess, sys

cli, fonts = sys.argv[1], sys.argv[2]
env = {"KIOSK_FONTS_DIR": fonts, "PATH": "/usr/bin:/bin"}
failures = []

def layout(*args):
    out = subprocess.run([cli, "layout", *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        failures.append("exit %d for %r: %s" % (out.returncode, args, out.stderr))
        return None
    return json.loads(out.stdout)

def check(cond, what):
    if not cond:
        failures.append(what)

text = "טלפון: +972-3-1234567 ומחיר ₪3,200\nשורה שנייה "
d = layout("--", text)
check(d and d["direction"] == "rtl", "auto direction of Hebrew text is rtl")
check(d and d["width"] == 600, "default width 600")
check(d and set(d.keys()) == {"direction", "width", "lines"}, "top-level fields")
if d:
    pos = 0
    for line in d["lines"]:
        check(set(line.keys()) == {"start", "end", "x", "y", "width", "glyphs"}, "line fields")
        check(line["start"] == pos, "lines cover the text in order")
        pos = line["end"]
        check(abs(line["x"] + line["width"] - 600) < 0.01, "rtl start alignment: x+width = 600")
        xs = [g["x"] for g in line["glyphs"] if g["advance"] > 0]
        check(xs == sorted(xs), "glyphs in visual order, left to right")
        for g in line["glyphs"]:
            check(set(g.keys()) == {"cluster", "x", "advance", "glyph", "font"}, "glyph fields")
            check(g["font"].endswith(".ttf") and "/" not in g["font"], "font is a file name")
            check(line["start"] <= g["cluster"] < line["end"], "cluster inside its line")
    check(pos == len(text), "lines end at the text's end (%d vs %d)" % (pos, len(text)))
    fonts_used = {g["font"] for l in d["lines"] for g in l["glyphs"]}
    check("NotoSansHebrew-Regular.ttf" in fonts_used and "NotoSans-Regular.ttf" in fonts_used,
          "Hebrew in Noto Sans Hebrew, digits in Noto Sans")
    check(d["lines"][0]["y"] < d["lines"][1]["y"], "second line below the first")

d = layout("--dir", "ltr", "--align", "end", "--width", "400", "--size", "20", "--", "Hello")
check(d and d["direction"] == "ltr" and d["width"] == 400, "explicit ltr, width")
check(d and abs(d["lines"][0]["x"] + d["lines"][0]["width"] - 400) < 0.01, "ltr end = right")
d = layout("--align", "center", "--lang", "ar", "--", "مرحبا")
check(d and d["direction"] == "rtl", "lang ar gives rtl")
if d:
    l = d["lines"][0]
    check(abs(l["x"] - (600 - l["width"]) / 2) < 0.01, "center alignment")
r = subprocess.run([cli, "layout", "--dir", "up", "--", "x"], capture_output=True, env=env)
check(r.returncode == 2, "usage error exits 2")

for f in failures:
    print("FAIL:", f)
print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
sys.exit(1 if failures else 0)
