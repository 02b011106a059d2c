#!/usr/bin/env bash
# Smoke test of the real review window (issue 14): starts the gouji binary under Xvfb at 1366x768
# and 1920x1080, drives it with the keyboard only through xdotool (F8, type, F8, Ctrl+S, then
# Save As through the in-window path field, as no file dialog exists here, then F6, Ctrl+S, the
# changes view F4 and Help F1), saves screenshots and
# checks that the saved review CSVs hold the typed values; then picks a reading of an ambiguous
# row with Enter and 2 and checks it is saved as chosen.
#
#   scripts/gui-smoke.sh [OUTPUT_DIR]        (default target/gui-smoke)
#
# GOUJI_BIN overrides the binary (default: target/debug/gouji, built when missing). Needs Xvfb,
# xdotool and ImageMagick; installs them with apt-get when run as root and they are missing.
# Not run by `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/gui-smoke}")
bin=${GOUJI_BIN:-target/debug/gouji}

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v import >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q xvfb xdotool imagemagick x11-apps
    else
        echo "gui-smoke: needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick)" >&2
        exit 2
    fi
fi
[ -x "$bin" ] || cargo build --bin gouji
bin=$(realpath "$bin")
mkdir -p "$out"
rm -f "$out"/*.png
work=$(mktemp -d)
xvfb=""
app=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "gui-smoke: FAIL: $*" >&2
    exit 1
}

shot() { # name
    sleep 0.7
    import -display "$DISPLAY" -window root "$out/$size-$1.png"
    echo "  $out/$size-$1.png"
}

key() { # keys...
    xdotool key --clearmodifiers "$@"
    sleep 0.4
}

# The value of the cell with this status and value in a review CSV, or nothing.
csv_has() { # file value
    python3 - "$1" "$2" <<'PY'
import csv, sys
path, value = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
hits = [r for r in rows if r["value"] == value and r["status"] == "corrected"]
sys.exit(0 if hits else 1)
PY
}

display=91
for size in 1366x768 1920x1080; do
    width=${size%x*}
    height=${size#*x}
    echo "gui-smoke: $size"
    export DISPLAY=":$display"
    Xvfb "$DISPLAY" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
    dir="$work/$size"
    mkdir -p "$dir/home"
    cp assets/samples/sample-report.txt "$dir/report.txt"
    # A fresh home (no remembered preferences), no desktop bus and no zenity: no file dialog.
    env -u DBUS_SESSION_BUS_ADDRESS HOME="$dir/home" XDG_DATA_HOME="$dir/home/data" \
        XDG_CONFIG_HOME="$dir/home/config" PATH=/usr/bin:/bin \
        "$bin" "$dir/report.txt" >"$out/$size-gouji.log" 2>&1 &
    app=$!
    win=$(xdotool search --sync --name 'gouji' | head -n 1)
    # No window manager: place and size the window ourselves, then give it the keyboard.
    xdotool windowmove "$win" 0 0 windowsize "$win" "$width" "$height"
    sleep 2
    xdotool windowfocus --sync "$win"
    # Keep the pointer off the grid: no hover tooltip in the screenshots.
    xdotool mousemove "$((width - 4))" "$((height - 4))"
    shot 1-opened
    key F8
    shot 2-first-finding
    xdotool type --delay 80 "7"
    shot 3-typed
    key F8
    shot 4-next-finding
    key ctrl+s
    shot 5-saved
    csv=$(find "$dir" -maxdepth 1 -name '*.gouji.csv' | head -n 1)
    [ -n "$csv" ] || fail "$size: Ctrl+S wrote no review CSV"
    csv_has "$csv" 7 || fail "$size: $csv lacks the typed 7"
    # One row up, type over that cell and Save As: the path field asks, in the window.
    key Up
    xdotool type --delay 80 "8"
    key ctrl+shift+s
    shot 6-save-as-field
    key ctrl+a
    xdotool type --delay 20 "$dir/saved-as.gouji.csv"
    shot 7-save-as-typed
    key Return
    shot 8-saved-as
    [ -f "$dir/saved-as.gouji.csv" ] || fail "$size: Save As wrote nothing"
    csv_has "$dir/saved-as.gouji.csv" 7 || fail "$size: saved-as lacks the 7"
    csv_has "$dir/saved-as.gouji.csv" 8 || fail "$size: saved-as lacks the typed 8"
    # Check the cell (F6: the tick joins the green corner), save, and look at the changes view
    # (F4) and the Help window (F1), each closed again with its key.
    key F6
    key ctrl+s
    key F4
    shot 9-checked-and-changes
    key F4
    key F1
    shot 10-help
    key F1
    key ctrl+q
    for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$app" 2>/dev/null && fail "$size: Ctrl+Q with nothing unsaved did not quit"
    app=""
    kill "$xvfb"
    wait "$xvfb" 2>/dev/null || true
    xvfb=""
    display=$((display + 1))
done
# Picking a reading (issue 18): rows 一 and 二 print `112 000013` (1 and 12, or 11 and 2); F8 to
# the first X4 finding, Enter opens the chooser (shot: docs/reading-chooser.png), 2 picks the
# second reading, Ctrl+S; the saved CSV holds its cells with status chosen.
size=1366x768
width=1366
height=768
echo "gui-smoke: reading chooser at $size"
export DISPLAY=":$display"
Xvfb "$DISPLAY" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
dir="$work/readings"
mkdir -p "$dir/home"
sed -e 's/115 000016/112 000013/' -e 's/226 000028/112 000013/' -e 's/341 000044/1214 000026/' \
    tests/fixtures/layouts/u4_rows_decided_together.txt >"$dir/两种读法.txt"
env -u DBUS_SESSION_BUS_ADDRESS HOME="$dir/home" XDG_DATA_HOME="$dir/home/data" \
    XDG_CONFIG_HOME="$dir/home/config" PATH=/usr/bin:/bin \
    "$bin" "$dir/两种读法.txt" >"$out/readings-gouji.log" 2>&1 &
app=$!
win=$(xdotool search --sync --name 'gouji' | head -n 1)
xdotool windowmove "$win" 0 0 windowsize "$win" "$width" "$height"
sleep 2
xdotool windowfocus --sync "$win"
xdotool mousemove "$((width - 4))" "$((height - 4))"
# Its findings, most serious first: three R2 columns broken (the rows are blank), then the two
# X4 rows: the fourth F8 lands on the first X4.
key F8
key F8
key F8
key F8
key Return
shot reading-chooser
key 2
shot reading-chosen
key ctrl+s
python3 - "$dir/两种读法.txt.gouji.csv" <<'PY' || fail "reading: no cell saved as chosen"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = [r for r in csv.DictReader(f) if r["status"] == "chosen"]
sys.exit(0 if rows and all(r["note"].startswith("读法 2/2") for r in rows) else 1)
PY
key ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
app=""
kill "$xvfb"
wait "$xvfb" 2>/dev/null || true
xvfb=""
echo "gui-smoke: OK, screenshots in $out"
