#!/usr/bin/env bash
# Draws the program's icon (a table with a check mark: 勾稽, reconciling a table) into
# assets/icon/: gouji.png (256×256, the window icon on every platform) and gouji.ico (16–256 px,
# embedded in the Windows executables by build.rs). Needs ImageMagick 6 (`apt-get install
# imagemagick`). The files are committed; run this only to change the design.
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
convert -size 256x256 xc:none \
  -fill '#1f4e79' -draw 'roundrectangle 8,8 247,247 40,40' \
  -fill none -stroke '#9fc3e6' -strokewidth 8 \
  -draw 'line 40,96 216,96' -draw 'line 40,152 216,152' \
  -draw 'line 96,40 96,216' -draw 'line 152,40 152,216' \
  -draw 'roundrectangle 40,40 216,216 10,10' \
  -stroke '#ffb300' -strokewidth 30 \
  -draw 'stroke-linecap round stroke-linejoin round polyline 62,134 108,184 198,70' \
  -strip -depth 8 -define png:compression-level=9 PNG32:gouji.png
convert gouji.png -depth 8 -define icon:auto-resize=256,64,48,32,24,16 gouji.ico
ls -l gouji.png gouji.ico
