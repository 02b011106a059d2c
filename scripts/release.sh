#!/usr/bin/env bash
# Builds the programs a reviewer downloads into dist/, stripped, with dist/SHA256SUMS:
#   dist/linux-x86_64/gouji                      (window + command line; glibc of this machine)
#   dist/windows-x86_64/gouji.exe                (the window: GUI subsystem, no console)
#   dist/windows-x86_64/gouji-cli.exe            (the command line: console subsystem)
# Windows is cross-built with mingw-w64; nothing is installed for you: a missing tool is named
# with the command that installs it. Then checks the Windows executables (subsystem, icon and
# version resources, no MinGW runtime DLLs) and fails if one is wrong.
#
# Usage: scripts/release.sh    (from anywhere; takes a while: two release builds with thin LTO)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

windows=x86_64-pc-windows-gnu
mingw=x86_64-w64-mingw32

fail() {
  echo "release: $*" >&2
  exit 1
}

# What is needed, before anything is built.
missing=()
for tool in "$mingw-gcc" "$mingw-windres" "$mingw-objdump" "$mingw-strip"; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "release: the Windows cross-build needs mingw-w64 (missing: ${missing[*]}). Install it with:" >&2
  echo "    sudo apt-get install gcc-mingw-w64-x86-64" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx "$windows"; then
  echo "release: the Rust target $windows is missing. Install it with:" >&2
  echo "    rustup target add $windows" >&2
  exit 1
fi
[ "$(uname -sm)" = "Linux x86_64" ] || fail "the Linux build is made on Linux x86_64 (this is $(uname -sm))"

rm -rf dist
mkdir -p dist/linux-x86_64 dist/windows-x86_64

echo "release: building for Linux x86_64"
cargo build --release --bin gouji
cp target/release/gouji dist/linux-x86_64/gouji
strip dist/linux-x86_64/gouji

echo "release: building for Windows x86_64 ($windows)"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="$mingw-gcc" WINDRES="$mingw-windres" \
  cargo build --release --target "$windows" --bins
for bin in gouji gouji-cli; do
  cp "target/$windows/release/$bin.exe" "dist/windows-x86_64/$bin.exe"
  "$mingw-strip" "dist/windows-x86_64/$bin.exe"
done

# The Windows executables: subsystem 2 (GUI) for the window, 3 (console) for the command line;
# a resource directory with the icon and version information (naming the file); and no MinGW
# runtime DLL among the imports, which a reviewer's Windows would not have.
check_exe() {
  local exe=$1 subsystem=$2 headers
  headers=$("$mingw-objdump" -p "$exe")
  grep -E "^Subsystem[[:space:]]+0*$subsystem[[:space:]]" <<<"$headers" >/dev/null ||
    fail "$exe: subsystem is not $subsystem: $(grep '^Subsystem' <<<"$headers")"
  grep -E "^Entry 2 [0-9a-f]+ [0-9a-f]*[1-9a-f][0-9a-f]* Resource Directory" <<<"$headers" >/dev/null ||
    fail "$exe: no resource directory (icon, version information): was windres found? see build.rs"
  # Resource types at the top of the resource tree: 3 icon, 0xe icon group, 0x10 version.
  for type in 000003 00000e 000010; do
    grep -E "^[0-9a-f]+   Entry: ID: 0x$type," <<<"$headers" >/dev/null ||
      fail "$exe: no resource of type 0x$type (3 icon, e icon group, 10 version information)"
  done
  strings -el "$exe" >"$exe.strings"
  grep -qx "$(basename "$exe")" "$exe.strings" ||
    fail "$exe: the version information does not name $(basename "$exe")"
  rm "$exe.strings"
  if grep -iE "DLL Name: (libgcc|libwinpthread|libstdc)" <<<"$headers"; then
    fail "$exe: needs a MinGW runtime DLL"
  fi
  echo "release: $exe: $(grep '^Subsystem' <<<"$headers" | tr -s '\t ' ' '); $(grep '^Entry 2 ' <<<"$headers" | tr -s '\t ' ' ')"
}
check_exe dist/windows-x86_64/gouji.exe 2
check_exe dist/windows-x86_64/gouji-cli.exe 3

(cd dist && sha256sum linux-x86_64/gouji windows-x86_64/gouji.exe windows-x86_64/gouji-cli.exe >SHA256SUMS)

glibc=$(objdump -T dist/linux-x86_64/gouji | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
echo "release: the Linux build needs ${glibc/_/ } or later (built on $(ldd --version | head -1))"
echo "release: dist/"
(cd dist && ls -l linux-x86_64/gouji windows-x86_64/*.exe | awk '{printf "  %-32s %10d bytes\n", $9, $5}' && sed 's/^/  /' SHA256SUMS)
