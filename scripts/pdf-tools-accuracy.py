#!/usr/bin/env python3
"""Scores gouji on the real PDFs of ../shared/corpus/native as the popular PDF tools print them.

Each PDF goes through pdfplumber (`extract_text`), PyMuPDF (`get_text`) and pymupdf4llm
(`to_markdown`) into a temporary folder, beside a copy of the hand-read answers, and
../shared/tools/accuracy.py scores `gouji extract` on each tool's folder with --max-wrong 0 (and
--min 0: cells a tool's text does not decide may stay blank). Nothing is written into the
project. Skipped (exit 0) when ../shared or a tool is missing.

usage: scripts/pdf-tools-accuracy.py [--bin target/release/gouji]"""
import argparse, pathlib, shutil, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NATIVE = ROOT.parent / "shared" / "corpus" / "native"
ACCURACY = ROOT.parent / "shared" / "tools" / "accuracy.py"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "gouji"))
    a = ap.parse_args()
    if not NATIVE.is_dir() or not ACCURACY.is_file():
        print("../shared absent: PDF-tool accuracy skipped")
        return 0
    try:
        import pdfplumber, pymupdf, pymupdf4llm
    except ImportError as e:
        print(f"PDF tools not installed ({e}): PDF-tool accuracy skipped")
        return 0
    pdfs = sorted(NATIVE.glob("*.pdf"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        tools = {
            "pdfplumber": (".txt", lambda p: "\n".join(pg.extract_text() or "" for pg in pdfplumber.open(p).pages)),
            "pymupdf": (".txt", lambda p: "".join(pg.get_text() for pg in pymupdf.open(p))),
            "pymupdf4llm": (".md", lambda p: pymupdf4llm.to_markdown(str(p))),
        }
        for tool, (ext, convert) in tools.items():
            out = tmp / tool
            (out / "expected").mkdir(parents=True)
            for pdf in pdfs:
                (out / (pdf.stem + ext)).write_text(convert(pdf), encoding="utf-8")
                answer = NATIVE / "expected" / (pdf.stem + ".csv")
                if answer.exists():
                    shutil.copy(answer, out / "expected" / answer.name)
            run = subprocess.run([sys.executable, str(ACCURACY), "--bin", a.bin, "--min", "0",
                                  "--max-wrong", "0", str(out)], capture_output=True, text=True)
            total = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()
            print(f"{tool}: {total}")
            failed |= run.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
