#!/bin/sh
# Seed corpora for the fuzz targets from tests/fixtures (fuzz/corpus is not committed).
# Run from anywhere: fuzz/seed.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../tests/fixtures"
mkdir -p "$here/corpus/read_report" "$here/corpus/review_csv" "$here/corpus/walk_folder"
find "$fixtures" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.docx' -o -name '*.pdf' -o -name '*.doc' -o -name '*.wps' -o -name '*.xls' -o -name '*.xlsx' -o -name '*.ods' \) \
    -size -256k -exec cp {} "$here/corpus/read_report/" \;
find "$fixtures" -type f -name '*.csv' -size -256k -exec cp {} "$here/corpus/review_csv/" \;
# Folder trees: (op, arg) byte pairs, see fuzz_targets/walk_folder.rs.
printf '\000\010hello...\001\000\003\001\004\000\005\002\006\000\007\003\010\001' \
    > "$here/corpus/walk_folder/mixed"
printf '\001\000\001\000\000\020<html><p>x</p>\002\000\004\001' > "$here/corpus/walk_folder/nested"
