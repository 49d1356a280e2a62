#!/usr/bin/env bash
# Renders a monthly report (chroniccare report --out FILE.html) to a full-page PNG with Debian's headless Chromium,
# to look at it or attach it:
#   scripts/render-report.sh report.html report.png [WIDTH]     (WIDTH in CSS pixels, default 1024)
# Two passes: a copy of the page with a one-line script measures the page height (the report itself has no script),
# then Chromium screenshots a window that tall. Needs /usr/bin/chromium (apt-get install -y chromium) and a CJK font
# (apt-get install -y fonts-noto-cjk), or Chinese renders as boxes. CHROMIUM=PATH picks another binary.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: scripts/render-report.sh HTML PNG [WIDTH]" >&2
  exit 2
fi
html=$1
png=$2
width=${3:-1024}
chromium=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$chromium" ]; then
  echo "render-report.sh: $chromium not found; install it with: apt-get install -y chromium" >&2
  exit 2
fi
if [ ! -f "$html" ]; then
  echo "render-report.sh: no such file: $html" >&2
  exit 2
fi
case $width in ''|*[!0-9]*) echo "render-report.sh: WIDTH must be a number of pixels, not '$width'" >&2; exit 2 ;; esac
if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
  echo "render-report.sh: warning: no CJK font installed (apt-get install -y fonts-noto-cjk); Chinese will render as boxes" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile")

# pass 1: the page height at this width
cp "$html" "$work/measure.html"
cat >>"$work/measure.html" <<'JS'
<script>window.addEventListener("load", function () { var h = Math.ceil(document.documentElement.scrollHeight); var p = document.createElement("pre"); p.id = "page-height"; p.textContent = "H" + h + "H"; document.body.appendChild(p); });</script>
JS
height=$("$chromium" "${flags[@]}" --window-size="$width,1000" --virtual-time-budget=5000 --dump-dom "file://$work/measure.html" 2>/dev/null \
  | grep -o 'H[0-9]*H' | tr -d H | head -n 1 || true)
if [ -z "$height" ]; then
  echo "render-report.sh: could not measure the page height; rendering 1000 px" >&2
  height=1000
fi
if [ "$height" -gt 32000 ]; then
  height=32000
fi

# pass 2: the screenshot
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
out=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
"$chromium" "${flags[@]}" --window-size="$width,$height" --screenshot="$out" "file://$abs" >/dev/null 2>&1
if [ ! -s "$out" ]; then
  echo "render-report.sh: chromium wrote no screenshot" >&2
  exit 1
fi
echo "render-report.sh: wrote $png (${width}x${height})"
