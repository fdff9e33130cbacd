#!/usr/bin/env bash
# The keyboard-only path of the window, under a virtual X display (needs xvfb-run, xdotool, ImageMagick):
# open a photo, type a sentence, Enter, Ctrl+E -- no mouse. Then compare the exported copy with what
# `rpipp protect` writes for the same sentence: both must hide exactly the same pixels.
#
#   bash scripts/keyboard_check.sh PHOTO "hide the face of the man on the right" [OUT_DIR]
set -euo pipefail
photo=$1
sentence=$2
out=${3:-$(mktemp -d)}
python=${PYTHON:-.venv/bin/python}
mkdir -p "$out/home"
cp "$photo" "$out/photo.png"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config"

"$python" -m rpipp_gui.cli protect "$out/photo.png" --say "$sentence" -o "$out/cli.png" --mask-out "$out/cli.mask.png" --explain

xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  set -e
  "$0" -m rpipp_gui "$1/photo.png" &
  app=$!
  wid=$(xdotool search --sync --onlyvisible --name "RPIPP" | head -1)
  sleep 20                                  # the people are found in the background
  xdotool windowfocus --sync "$wid"         # keyboard focus (a bare X server has no window manager)
  # no Ctrl+L: an opened photo gives the command field the focus, so the sentence is typed straight in
  xdotool type --delay 40 "$2"
  xdotool key Return
  sleep 10
  import -window root "$1/after-enter.png"
  xdotool key ctrl+e
  sleep 5
  import -window root "$1/after-export.png"
  kill $app
' "$python" "$out" "$sentence"

"$python" - "$out" <<'PY'
import sys
from pathlib import Path

import numpy as np
from PIL import Image

out = Path(sys.argv[1])
source = np.asarray(Image.open(out / "photo.png").convert("RGB")).astype(int)
window = np.asarray(Image.open(out / "photo.protected.png").convert("RGB")).astype(int)
cli = np.asarray(Image.open(out / "cli.png").convert("RGB")).astype(int)
mask = np.asarray(Image.open(out / "cli.mask.png")) > 0
changed = (window != source).any(axis=2)
# the style hides the mask's cover outline (the mask grown so that no edge of the person shows), so
# pixels just outside the exact mask change too; the check is that both front ends write the same file
print(f"window export changed {changed.sum()} pixels, rpipp's exact mask has {mask.sum()} "
      f"({(changed & ~mask).sum()} changed outside it: the cover outline); "
      f"window == rpipp pixel for pixel: {np.array_equal(window, cli)}")
sys.exit(0 if np.array_equal(window, cli) and changed.any() else 1)
PY
