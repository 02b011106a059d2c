#!/bin/sh
# Regenerates every test fixture made by a script: the formats of tests/formats.rs (HTML, DOCX,
# PDF, DOC/WPS, XLS/XLSX/ODS; LibreOffice for the conversions), the layouts of
# tests/extract_golden.rs and the PDF-tool outputs of tests/pdf_tools.rs. Not run in CI: the
# outputs are committed. Review `git diff` after a run: LibreOffice stamps dates into the files
# it writes, so they change on every run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
sh "$root/tests/fixtures/formats/make.sh"
(cd "$root/tests/fixtures/layouts" && python3 make_fixtures.py)
# The PDF-tool outputs of tests/pdf_tools.rs (pdfplumber, PyMuPDF, pymupdf4llm from pip).
(cd "$root/tests/fixtures/pdf_tools" && python3 make.py)
