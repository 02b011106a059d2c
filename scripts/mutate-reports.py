#!/usr/bin/env python3
"""Helper of scripts/compare-outputs.sh (Python 3 standard library only).

  mutate-reports.py mutate OUTDIR [--seed N] < LIST
      LIST holds lines `NAME<TAB>PATH` (text, HTML or markdown reports). For each, writes
      deterministic small mutations to OUTDIR/NAME/KIND.EXT (same encoding, BOM and line ends as
      the original; a mutation that leaves the text unchanged or repeats another is not written)
      and prints one written path per line.

  mutate-reports.py edit-review [IN.gouji.csv OUT.gouji.csv] < LIST
      Writes a copy of a review CSV holding a reviewer's work: one value cell changed with status
      `corrected`, and a note (status `reviewed`) on another cell. Without arguments, one
      `IN<TAB>OUT` pair per line of LIST. A CSV that cannot be edited is copied as it is, with a
      message on stderr.

Every random choice comes from a generator seeded with the seed and the report's NAME, so the
mutations of one report do not depend on which other reports are listed.
"""

import codecs
import csv
import hashlib
import io
import os
import random
import re
import sys

DEFAULT_SEED = 20240611

DIGIT = re.compile(r"[0-9]")
NUMBER_GAP = re.compile(r"(?<=[0-9])[ \t\u3000]+(?=[0-9])")
NUMBER_RUN = re.compile(r"[0-9]{2,}")
YEAR = re.compile(r"(20[0-9]{2})(?=\s*年)")
TD_NUMBER = re.compile(
    r"(<t[dh][^>]*>\s*(?:<(?:p|span)[^>]*>\s*)*)([0-9][0-9.]*)(\s*(?:</(?:p|span)>\s*)*</t[dh]>)",
    re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")


def decode(data):
    """The text of a report and a function that encodes text the same way."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
            return text, lambda t, b=bom, c=codec: b + t.encode(c)
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), lambda t, c=codec: t.encode(c)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), lambda t: t.encode("latin-1")


def table_line(line):
    """A line that looks like part of a table: digits with a separator, or digits alone."""
    s = line.strip()
    return bool(DIGIT.search(s)) and ("|" in s or "\t" in s or "<td" in s.lower()
                                      or re.fullmatch(r"[0-9 .,\u3000]+", s) is not None)


def narrative_span(line):
    """Where a line holds a sentence (outside HTML tags, not in a table row), or None."""
    if "|" in line or "\t" in line.strip() or "<td" in line.lower():
        return None
    best = max(((m.start(), m.end()) for m in re.finditer(r"[^<>\r\n]+", line)),
               key=lambda se: se[1] - se[0], default=None)
    if best is None or best[1] - best[0] < 12 or not CJK.search(line[best[0]:best[1]]):
        return None
    if "<" in line and not line.lstrip().startswith("<p"):
        return None
    return best


def pick(rng, items):
    return rng.choice(items) if items else None


def change_digit(rng, text):
    spots = [m.start() for m in DIGIT.finditer(text)]
    i = pick(rng, spots)
    if i is None:
        return None
    new = rng.choice([d for d in "0123456789" if d != text[i]])
    return text[:i] + new + text[i + 1:]


def delete_digit(rng, text):
    i = pick(rng, [m.start() for m in DIGIT.finditer(text)])
    return None if i is None else text[:i] + text[i + 1:]


def split_number(rng, text):
    """A space inside a run of digits (`1850` → `18 50`)."""
    m = pick(rng, list(NUMBER_RUN.finditer(text)))
    if m is None:
        return None
    i = rng.randrange(m.start() + 1, m.end())
    return text[:i] + " " + text[i:]


def line_op(kind, prefer_table):
    def op(rng, lines):
        candidates = [i for i, l in enumerate(lines) if l.strip()]
        if prefer_table:
            candidates = [i for i in candidates if table_line(lines[i])] or candidates
        i = pick(rng, candidates)
        if i is None:
            return None
        out = list(lines)
        if kind == "delete":
            del out[i]
        elif kind == "dup":
            out.insert(i, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
        elif kind == "swap-next":
            j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if j is None:
                return None
            out[i], out[j] = _swap_ends(lines[j], lines[i]), _swap_ends(lines[i], lines[j])
        elif kind == "swap-far":
            j = pick(rng, [j for j in candidates if j != i])
            if j is None:
                return None
            out[i], out[j] = _swap_ends(lines[j], lines[i]), _swap_ends(lines[i], lines[j])
        return out
    return op


def _swap_ends(content_from, ending_from):
    """`content_from`'s text with `ending_from`'s line end (the last line may have none)."""
    body = content_from.rstrip("\r\n")
    return body + ending_from[len(ending_from.rstrip("\r\n")):]


def foreign_pipe(rng, lines):
    """A `|` inside a narrative sentence, away from the tables."""
    i = pick(rng, [i for i, l in enumerate(lines) if narrative_span(l)])
    if i is None:
        return None
    start, end = narrative_span(lines[i])
    k = rng.randrange(start + 1, end)
    out = list(lines)
    out[i] = lines[i][:k] + " | " + lines[i][k:]
    return out


def foreign_pipe_number(rng, lines):
    """A `|` before a number a narrative sentence states (`收到申请|5件`)."""
    spots = [(i, m.start()) for i, l in enumerate(lines) if narrative_span(l)
             for m in re.finditer(r"[0-9]+", l[slice(*narrative_span(l))])]
    spots = [(i, k + narrative_span(lines[i])[0]) for i, k in spots]
    spot = pick(rng, spots)
    if spot is None:
        return None
    i, k = spot
    out = list(lines)
    out[i] = lines[i][:k] + "|" + lines[i][k:]
    return out


def blank_cell(rng, lines):
    """One number of a table row made blank: a `|` cell, an HTML cell or a line of its own."""
    spots = []
    for i, l in enumerate(lines):
        if "|" in l:
            cells = l.split("|")
            spots += [(i, "pipe", c) for c, v in enumerate(cells)
                      if re.fullmatch(r"\s*[0-9][0-9.]*\s*", v)]
        for m in TD_NUMBER.finditer(l):
            spots.append((i, "td", m.start()))
        if re.fullmatch(r"[ \t]*[0-9]+[ \t]*\r?\n?", l):
            spots.append((i, "alone", 0))
    spot = pick(rng, spots)
    if spot is None:
        return None
    i, how, at = spot
    out = list(lines)
    l = lines[i]
    if how == "pipe":
        cells = l.split("|")
        cells[at] = " " if cells[at].startswith(" ") else ""
        out[i] = "|".join(cells)
    elif how == "td":
        m = TD_NUMBER.match(l, at)
        out[i] = l[:m.start()] + m.group(1) + m.group(3) + l[m.end():]
    else:
        out[i] = l[len(l.rstrip("\r\n")):]
    return out


def title_year(delta, everywhere):
    def op(_rng, text):
        m = YEAR.search(text[:2000]) or YEAR.search(text)
        if m is None:
            return None
        old = m.group(1)
        new = str(int(old) + delta)
        if everywhere:
            return text.replace(old, new)
        return text[:m.start()] + new + text[m.end():]
    return op


def fullwidth_line(rng, lines):
    """The digits of one table line written full-width (１２３)."""
    i = pick(rng, [i for i, l in enumerate(lines) if table_line(l)])
    if i is None:
        return None
    out = list(lines)
    out[i] = lines[i].translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    return out


def line_ends(_rng, text):
    if "\r\n" in text:
        return text.replace("\r\n", "\n")
    return text.replace("\n", "\r\n")


def text_mutation(f):
    return ("text", f)


def lines_mutation(f):
    return ("lines", f)


# Kind → mutation. Kinds with a number are the same operation at another random place.
MUTATIONS = [
    ("digit-change-1", text_mutation(change_digit)),
    ("digit-change-2", text_mutation(change_digit)),
    ("digit-change-3", text_mutation(change_digit)),
    ("digit-delete-1", text_mutation(delete_digit)),
    ("digit-delete-2", text_mutation(delete_digit)),
    ("number-split", text_mutation(split_number)),
    ("line-delete-any", lines_mutation(line_op("delete", False))),
    ("line-delete-table", lines_mutation(line_op("delete", True))),
    ("line-dup-any", lines_mutation(line_op("dup", False))),
    ("line-dup-table", lines_mutation(line_op("dup", True))),
    ("line-swap-next", lines_mutation(line_op("swap-next", True))),
    ("line-swap-far", lines_mutation(line_op("swap-far", False))),
    ("pipes-to-tabs", text_mutation(lambda _r, t: t.replace("|", "\t") if "|" in t else None)),
    ("pipes-to-spaces", text_mutation(lambda _r, t: t.replace("|", " ") if "|" in t else None)),
    ("number-gaps-removed", text_mutation(lambda _r, t: NUMBER_GAP.sub("", t))),
    ("truncated-half", text_mutation(lambda _r, t: t[: len(t) // 2])),
    ("foreign-pipe", lines_mutation(foreign_pipe)),
    ("foreign-pipe-number", lines_mutation(foreign_pipe_number)),
    ("title-year-minus1", text_mutation(title_year(-1, False))),
    ("all-years-plus1", text_mutation(title_year(+1, True))),
    ("blank-cell-1", lines_mutation(blank_cell)),
    ("blank-cell-2", lines_mutation(blank_cell)),
    ("fullwidth-digits", lines_mutation(fullwidth_line)),
    ("line-ends", text_mutation(line_ends)),
]


def mutate(outdir, seed):
    for entry in sys.stdin.read().splitlines():
        if not entry.strip():
            continue
        name, path = entry.split("\t", 1)
        with open(path, "rb") as f:
            data = f.read()
        text, encode = decode(data)
        ext = os.path.splitext(path)[1]
        seen = {data}
        os.makedirs(os.path.join(outdir, name), exist_ok=True)
        for kind, (shape, op) in MUTATIONS:
            digest = hashlib.sha256(f"{seed}/{name}/{kind}".encode()).digest()
            rng = random.Random(int.from_bytes(digest[:8], "big"))
            if shape == "text":
                new = op(rng, text)
            else:
                lines = op(rng, text.splitlines(keepends=True))
                new = None if lines is None else "".join(lines)
            if new is None:
                continue
            try:
                out = encode(new)
            except UnicodeEncodeError:
                continue
            if out in seen:
                continue
            seen.add(out)
            target = os.path.join(outdir, name, kind + ext)
            with open(target, "wb") as f:
                f.write(out)
            print(target)


def edit_review(src, dst):
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    value, status, note = col["value"], col["status"], col["note"]
    number = re.compile(r"[0-9]+")

    def first(pred):
        return next((r for r in body if pred(r)), None)

    # The reviewer corrects a count of table 三 (else any count, else fills a blank cell).
    row = (first(lambda r: r[col["table"]] == "requests" and r[status] == "extracted"
                 and number.fullmatch(r[value]))
           or first(lambda r: r[status] == "extracted" and number.fullmatch(r[value]))
           or first(lambda r: r[status] == "blank"))
    if row is not None:
        row[value] = str(int(row[value]) + 1) if number.fullmatch(row[value]) else "1"
        row[status] = "corrected"
    # ... and marks another cell checked, with a note that needs quoting.
    other = first(lambda r: r is not row and r[status] in ("extracted", "blank"))
    if other is not None:
        other[status] = "reviewed"
        other[note] = '对照原文, "已核"'
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header] + body)
    with open(dst, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def main(argv):
    if len(argv) >= 2 and argv[0] == "mutate":
        seed = DEFAULT_SEED
        if len(argv) == 4 and argv[2] == "--seed":
            seed = int(argv[3])
        elif len(argv) != 2:
            sys.exit(__doc__)
        mutate(argv[1], seed)
    elif len(argv) == 3 and argv[0] == "edit-review":
        edit_review(argv[1], argv[2])
    elif argv == ["edit-review"]:
        for entry in sys.stdin.read().splitlines():
            if not entry.strip():
                continue
            src, dst = entry.split("\t", 1)
            try:
                edit_review(src, dst)
            except (ValueError, KeyError, IndexError, UnicodeDecodeError, csv.Error) as e:
                print(f"mutate-reports: {src}: not edited, copied as it is ({e!r})",
                      file=sys.stderr)
                with open(src, "rb") as f, open(dst, "wb") as g:
                    g.write(f.read())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
