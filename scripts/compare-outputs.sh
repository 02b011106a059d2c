#!/usr/bin/env bash
# Runs two gouji binaries over the same inputs and compares every output byte for byte, so a
# refactor that must change no output can be checked against a baseline binary.
#
#   scripts/compare-outputs.sh BIN_A BIN_B [WORKDIR]
#
# Inputs, gathered afresh on each run (nothing is written into the repository):
#   - every report file under tests/fixtures/ (copied into WORKDIR/inputs/fixtures, so a file
#     someone writes beside a fixture meanwhile cannot make a difference);
#   - every report in ../shared/seeds and ../shared/corpus, in place, without their expected/
#     folders (skipped when ../shared is absent; GOUJI_SHARED overrides the place);
#   - deterministic mutations of the text, HTML and markdown ones (scripts/mutate-reports.py,
#     fixed seed) in WORKDIR/inputs/mut.
# Per input, each binary runs (outputs under WORKDIR/A/out/ID and WORKDIR/B/out/ID):
#   extract INPUT -o …/extract.gouji.csv      the review CSV, stdout, stderr, exit code
#   check INPUT; check --json INPUT; check --blank-as-zero --json INPUT
#   extract INPUT -o …/reextract.gouji.csv    onto a copy of A's review CSV holding a reviewer's
#                                             correction and note (the keep-reviewer-work path)
# Per folder (seeds, corpus, fixtures, mutations, a folder of reports with reviewed CSVs beside
# them, and all but the mutations at once), under WORKDIR/A/folders and WORKDIR/B/folders:
#   check, check --json, check --json --blank-as-zero, export (csv and json), extract -o DIR.
# Both binaries run from a directory of identical layout (WORKDIR/A, WORKDIR/B) with the same
# relative or absolute paths, so a path printed in an output is the same for both.
#
# WORKDIR (default: a new folder in /dev/shm, or in $TMPDIR when that is set) keeps inputs/,
# A/ and B/ for a look after a difference; a default one is removed when all is identical. A
# WORKDIR given must be empty or one this script used before (it then clears it).
#
# Exit status: 0 identical (prints "N inputs, M outputs compared, identical"), 1 some output
# differs (lists them, with a unified diff of the first few), 2 the harness could not run.
# Environment: JOBS (parallel inputs, default 2), GOUJI_TIMEOUT (seconds per run, default 60),
# GOUJI_SHARED (default REPO/../shared), MUTATION_SEED (default: the helper's fixed seed),
# SHOW_DIFFS (how many diffs to print, default 5).

set -euo pipefail

usage() {
    echo "usage: $0 BIN_A BIN_B [WORKDIR]" >&2
    exit 2
}
die() {
    echo "compare-outputs: $*" >&2
    exit 2
}
note() { echo "compare-outputs: $*" >&2; }

[[ $# -ge 2 && $# -le 3 ]] || usage

# An executable's absolute path (a bare name is looked up on PATH).
absolute_bin() {
    local bin=$1
    if [[ $bin != */* ]]; then
        bin=$(command -v -- "$bin") || die "$1: not found"
    fi
    [[ -f $bin && -x $bin ]] || die "$1: not an executable file"
    echo "$(cd "$(dirname -- "$bin")" && pwd)/$(basename -- "$bin")"
}

BIN_A=$(absolute_bin "$1")
BIN_B=$(absolute_bin "$2")
REPO=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
HELPER=$REPO/scripts/mutate-reports.py
SHARED=${GOUJI_SHARED:-$REPO/../shared}
JOBS=${JOBS:-2}
TIMEOUT=${GOUJI_TIMEOUT:-60}
SHOW_DIFFS=${SHOW_DIFFS:-5}
MARKER=.gouji-compare-outputs
[[ -f $HELPER ]] || die "$HELPER is missing"
# The interpreter itself, not a wrapper such as a pyenv shim (which costs a tenth of a second).
PYTHON=$(python3 -c 'import sys; print(sys.executable)') || die "python3 is needed"

if [[ $# -eq 3 ]]; then
    WORK=$3
    mkdir -p -- "$WORK"
    WORK=$(cd -- "$WORK" && pwd)
    # Only a folder this script made (or an empty one) is cleared.
    if [[ -n $(ls -A -- "$WORK") && ! -e $WORK/$MARKER ]]; then
        die "$WORK is not empty and was not made by this script: give an empty or new folder"
    fi
    rm -rf -- "${WORK:?}/A" "${WORK:?}/B" "${WORK:?}/inputs" "${WORK:?}/inputs.tsv"
else
    # In memory when it can be: every review CSV gouji writes is synced to disk.
    base=${TMPDIR:-/tmp}
    [[ -z ${TMPDIR:-} && -d /dev/shm && -w /dev/shm ]] && base=/dev/shm
    WORK=$(mktemp -d "$base/gouji-compare.XXXXXX")
    MADE_WORK=1
fi
touch "$WORK/$MARKER"
mkdir -p "$WORK/A/out" "$WORK/B/out" "$WORK/A/folders" "$WORK/B/folders" \
    "$WORK/inputs/fixtures" "$WORK/inputs/mut" "$WORK/inputs/edited" "$WORK/inputs/reviewed"
START=$SECONDS
note "workdir $WORK"

# ---------------------------------------------------------------------------------------------
# Inputs. inputs.tsv: ID <TAB> the path given to both binaries (relative to WORKDIR/A and
# WORKDIR/B, or absolute) <TAB> kind (fixture, shared, mutation).

# The extensions gouji opens (REPORT_EXTENSIONS in src/ingest/mod.rs).
REPORT_FIND=(\( -iname '*.txt' -o -iname '*.text' -o -iname '*.md' -o -iname '*.htm'
    -o -iname '*.html' -o -iname '*.shtml' -o -iname '*.docx' -o -iname '*.pdf' \))
TEXT_EXT_RE='\.(txt|text|md|htm|html|shtml)$'

slug() { local s=${1//\//__}; echo "${s// /_}"; }

LIST=$WORK/inputs.tsv
: >"$LIST"
BASES=$WORK/inputs/mutation-bases.tsv
: >"$BASES"

# Fixtures: report files only (not *.gouji.csv, expected CSVs, generators), hidden ones skipped.
while IFS= read -r -d '' rel; do
    rel=${rel#./}
    mkdir -p "$WORK/inputs/fixtures/$(dirname -- "$rel")"
    cp -- "$REPO/tests/fixtures/$rel" "$WORK/inputs/fixtures/$rel"
    printf '%s\t%s\t%s\n' "fixtures__$(slug "$rel")" "../inputs/fixtures/$rel" fixture >>"$LIST"
    if [[ ${rel,,} =~ $TEXT_EXT_RE ]]; then
        printf '%s\t%s\n' "fixtures__$(slug "$rel")" "$WORK/inputs/fixtures/$rel" >>"$BASES"
    fi
done < <(cd "$REPO/tests/fixtures" && find . -mindepth 1 -name '.*' -prune -o -type f "${REPORT_FIND[@]}" \
    ! -name '*.gouji.csv' -print0 | sort -z)

SHARED_FOLDERS=()
if [[ -d $SHARED ]]; then
    SHARED=$(cd -- "$SHARED" && pwd)
    for sub in seeds corpus; do
        [[ -d $SHARED/$sub ]] || continue
        SHARED_FOLDERS+=("$sub")
        while IFS= read -r -d '' path; do
            rel=${path#"$SHARED"/}
            printf '%s\t%s\t%s\n' "$(slug "$rel")" "$path" shared >>"$LIST"
            if [[ ${rel,,} =~ $TEXT_EXT_RE ]]; then
                printf '%s\t%s\n' "$(slug "$rel")" "$path" >>"$BASES"
            fi
        done < <(find "$SHARED/$sub" \( -name '.*' -o -name expected \) -prune -o -type f \
            "${REPORT_FIND[@]}" -print0 | sort -z)
    done
else
    note "no $SHARED: seeds and corpus skipped"
fi

# Mutations: WORKDIR/inputs/mut/BASE/KIND.EXT (BASE without dots, so no folder looks like a file).
seed_args=()
[[ -n ${MUTATION_SEED:-} ]] && seed_args=(--seed "$MUTATION_SEED")
while IFS= read -r path; do
    rel=${path#"$WORK/inputs/mut/"}
    printf '%s\t%s\t%s\n' "mut__$(slug "$rel")" "../inputs/mut/$rel" mutation >>"$LIST"
done < <(awk -F'\t' 'BEGIN { OFS = "\t" } { n = $1; gsub(/\./, "_", n); print n, $2 }' "$BASES" |
    "$PYTHON" "$HELPER" mutate "$WORK/inputs/mut" "${seed_args[@]}")

dups=$(cut -f1 "$LIST" | sort | uniq -d | head -3)
[[ -z $dups ]] || die "two inputs share an id: $dups"
N_INPUTS=$(wc -l <"$LIST")
N_MUT=$(grep -c $'\tmutation$' "$LIST" || true)
note "$N_INPUTS inputs ($N_MUT mutations of $(wc -l <"$BASES") text reports); running with $JOBS jobs"

# ---------------------------------------------------------------------------------------------
# Runs. `run SIDE TAG ARGS…` runs that side's binary from WORKDIR/SIDE and keeps TAG.stdout,
# TAG.stderr and TAG.rc (a run cut off after GOUJI_TIMEOUT seconds has rc 124).

run() {
    local side=$1 tag=$2 bin
    shift 2
    if [[ $side == A ]]; then bin=$BIN_A; else bin=$BIN_B; fi
    (
        cd "$WORK/$side" || exit 2
        rc=0
        timeout -k 5 "$TIMEOUT" "$bin" "$@" >"$tag.stdout" 2>"$tag.stderr" </dev/null || rc=$?
        echo "$rc" >"$tag.rc"
    )
}

# One input, both binaries: extract, check, check --json, check --blank-as-zero --json.
# shellcheck disable=SC2317
run_input() {
    local id path side dir
    IFS=$'\t' read -r id path _ <<<"$1"
    dir=out/$id
    for side in A B; do
        mkdir -p "$WORK/$side/$dir"
        run "$side" "$dir/extract" extract "$path" -o "$dir/extract.gouji.csv"
        run "$side" "$dir/check" check "$path"
        run "$side" "$dir/check-json" check --json "$path"
        run "$side" "$dir/check-json-bz" check --blank-as-zero --json "$path"
    done
}

# One input, both binaries: extract onto a copy of the review CSV a reviewer edited.
# shellcheck disable=SC2317
run_reextract() {
    local id path side dir
    IFS=$'\t' read -r id path _ <<<"$1"
    dir=out/$id
    [[ -f $WORK/inputs/edited/$id.gouji.csv ]] || return 0
    for side in A B; do
        cp -- "$WORK/inputs/edited/$id.gouji.csv" "$WORK/$side/$dir/reextract.gouji.csv"
        run "$side" "$dir/reextract" extract "$path" -o "$dir/reextract.gouji.csv"
    done
}

export WORK BIN_A BIN_B TIMEOUT
export -f run run_input run_reextract
for_each_input() {
    # shellcheck disable=SC2016 # $2 is expanded by the inner bash
    tr '\n' '\0' <"$LIST" | xargs -0 -r -n 1 -P "$JOBS" bash -c '"$1" "$2"' _ "$1"
}
for_each_input run_input
note "first runs done ($((SECONDS - START))s); reviewer edits and second extracts"

# A reviewer's edit of each review CSV A wrote (a value corrected, a note), for both binaries.
while IFS=$'\t' read -r id _; do
    first=$WORK/A/out/$id/extract.gouji.csv
    if [[ -f $first ]]; then
        printf '%s\t%s\n' "$first" "$WORK/inputs/edited/$id.gouji.csv"
    fi
done <"$LIST" | "$PYTHON" "$HELPER" edit-review
for_each_input run_reextract

# The reviewed folder: copies of the original reports, each with its edited review CSV beside
# it (export and check take the reviewer's values), one CSV of another report and one damaged.
reviewed=()
while IFS=$'\t' read -r id path kind; do
    [[ $kind != mutation && -f $WORK/inputs/edited/$id.gouji.csv ]] || continue
    name=$(basename -- "$path")
    mkdir -p "$WORK/inputs/reviewed/$id"
    (cd "$WORK/A" && cp -- "$path" "$WORK/inputs/reviewed/$id/$name")
    cp -- "$WORK/inputs/edited/$id.gouji.csv" "$WORK/inputs/reviewed/$id/$name.gouji.csv"
    reviewed+=("$id/$name")
done <"$LIST"
if [[ ${#reviewed[@]} -ge 2 ]]; then
    for special in other damaged; do
        mkdir -p "$WORK/inputs/reviewed/zz-$special"
        cp -- "$WORK/inputs/reviewed/${reviewed[0]}" "$WORK/inputs/reviewed/zz-$special/"
    done
    name=$(basename -- "${reviewed[0]}")
    cp -- "$WORK/inputs/reviewed/${reviewed[1]}.gouji.csv" \
        "$WORK/inputs/reviewed/zz-other/$name.gouji.csv"
    head -c 700 "$WORK/inputs/reviewed/${reviewed[0]}.gouji.csv" \
        >"$WORK/inputs/reviewed/zz-damaged/$name.gouji.csv"
    # extract onto that damaged review CSV is refused (exit 2), and that is compared too.
    for side in A B; do
        mkdir -p "$WORK/$side/folders/damaged"
        cp -- "$WORK/inputs/reviewed/zz-damaged/$name.gouji.csv" \
            "$WORK/$side/folders/damaged/review.gouji.csv"
        run "$side" folders/damaged/extract extract "../inputs/reviewed/zz-damaged/$name" \
            -o folders/damaged/review.gouji.csv
    done
fi

# ---------------------------------------------------------------------------------------------
# Folder runs: cross-year findings, the corpus writers, extract over a folder.
run_folder() {
    local name=$1 side d
    shift
    for side in A B; do
        d=folders/$name
        mkdir -p "$WORK/$side/$d"
        run "$side" "$d/check" check "$@"
        run "$side" "$d/check-json" check --json "$@"
        run "$side" "$d/check-json-bz" check --json --blank-as-zero "$@"
        run "$side" "$d/export-csv" export "$@" -o "$d/export.csv"
        run "$side" "$d/export-json" export "$@" --format json -o "$d/export.json"
        run "$side" "$d/extract" extract "$@" -o "$d/extracted"
    done
}
note "per-input runs done ($((SECONDS - START))s); folder runs"
all=()
for sub in "${SHARED_FOLDERS[@]}"; do
    run_folder "$sub" "$SHARED/$sub"
    all+=("$SHARED/$sub")
done
run_folder fixtures ../inputs/fixtures
run_folder mutations ../inputs/mut
run_folder reviewed ../inputs/reviewed
run_folder all "${all[@]}" ../inputs/fixtures ../inputs/reviewed

# ---------------------------------------------------------------------------------------------
# Compare.
cd "$WORK"
N_OUTPUTS=$({ (cd A && find . -type f) && (cd B && find . -type f); } | sort -u | wc -l)
ELAPSED=$((SECONDS - START))
DIFFS=$WORK/differences.txt
if diff -rq A B >"$DIFFS" 2>&1; then
    note "done in ${ELAPSED}s"
    # Nothing to look at: a folder this run made is removed (it may be in memory).
    [[ -n ${MADE_WORK:-} ]] && cd / && rm -rf -- "$WORK"
    echo "$N_INPUTS inputs, $N_OUTPUTS outputs compared, identical"
    exit 0
fi
echo "$(wc -l <"$DIFFS") of $N_OUTPUTS outputs differ ($N_INPUTS inputs; A=$BIN_A, B=$BIN_B; workdir $WORK, ${ELAPSED}s):"
cat "$DIFFS"
shown=0
while IFS= read -r line; do
    [[ $shown -lt $SHOW_DIFFS ]] || break
    if [[ $line =~ ^Files\ A/(.*)\ and\ B/.*\ differ$ ]]; then
        f=${BASH_REMATCH[1]}
        echo
        diff -u --text --label "A/$f" --label "B/$f" "A/$f" "B/$f" | head -n 40 || true
        shown=$((shown + 1))
    fi
done <"$DIFFS"
exit 1
