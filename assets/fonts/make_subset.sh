#!/bin/sh
# Makes NotoSansSC-subset.otf: Noto Sans CJK SC (OFL 1.1, see OFL.txt) cut down to GB2312, ASCII,
# common punctuation and every non-ASCII character in the sources (form labels, UI strings) and
# the bundled sample. Re-run after adding UI text with new characters.
# Needs: apt-get install -y fonts-noto-cjk; pip install fonttools.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${NOTO_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
python3 - "$root" > "$chars" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
chars = set(chr(c) for c in range(0x20, 0x7F))
chars |= set("　、。，．：；？！“”‘’（）《》〈〉【】〔〕—…·×÷±≠≤≥→←↑↓●○■□▲△★☆√％＋－＝／")
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars |= set(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
files = list((root / "src").rglob("*.rs")) + list((root / "assets/samples").glob("*"))
for f in files:
    chars |= {c for c in f.read_text(encoding="utf-8") if ord(c) > 0x7F}
chars = {c for c in chars if c.isprintable() or c == "\u3000"}
sys.stdout.write("".join(sorted(chars)))
PY
pyftsubset "$src" --font-number=2 --text-file="$chars" \
  --layout-features='*' --no-hinting --desubroutinize \
  --output-file="$here/NotoSansSC-subset.otf"
ls -l "$here/NotoSansSC-subset.otf"
