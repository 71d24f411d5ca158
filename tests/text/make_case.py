#!/usr/bin/env python3
"""Writes a golden layout case from what the engine does NOW. Only for drafting: every case
committed in layouts/ was read line by line as a Hebrew/Arabic reader would before committing,
and its comment says what that reader expects. Usage:
  make_case.py BUILD_DIR FONTS_DIR NAME 'comment' 'text' 'options' ['font: C NAME' ...]"""
import subprocess, sys, os
build, fonts, name, comment, text, options = sys.argv[1:7]
extra = sys.argv[7:]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'layouts', name + '.test')
body = ''.join('# ' + c + '\n' for c in comment.replace("\\n", "\n").split("\n"))
body += 'text: %s\noptions: %s\n' % (text, options)
with open(path, 'w') as f:
    f.write(body)
out = subprocess.run([os.path.join(build, 'test_golden_layout'), '--print', fonts, path],
                     capture_output=True, text=True, check=True).stdout
with open(path, 'a') as f:
    f.write(out)
    for e in extra:
        f.write(e + '\n')
print(open(path).read())
