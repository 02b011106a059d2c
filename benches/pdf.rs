//! PDF -> cells and findings, per file: the whole pipeline a user waits for when opening a PDF
//! report (interpretation, table rebuild, extraction, rules), on the fixture made by
//! tests/fixtures/formats/make.sh (three pages, a table over a page break).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gouji::{extract, ingest, rules};

fn pdf_to_cells_and_findings(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/report.pdf");
    let bytes = std::fs::read(&path).unwrap_or_default();
    assert!(!bytes.is_empty(), "missing fixture {}", path.display());
    c.bench_function("pdf_to_cells_and_findings", |b| {
        b.iter(|| {
            let Ok(doc) = ingest::read_bytes(black_box(&bytes)) else {
                return 0;
            };
            let extraction = extract::extract(&doc);
            let findings = rules::check(&extraction.report, rules::Policy::default());
            extraction.report.cells.len() + findings.len()
        })
    });
}

criterion_group!(benches, pdf_to_cells_and_findings);
criterion_main!(benches);
