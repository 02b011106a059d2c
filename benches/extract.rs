//! Extraction plus rules per report, one made-up report per layout family
//! (`tests/fixtures/layouts`). Target: a median at or under 100 µs per text report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gouji::{Document, Format, extract, rules};

const FIXTURES: &[&str] = &[
    "l1_cell_per_line",
    "l2_row_per_line",
    "l3_space_mostly_blank",
    "l4_tab_pdf",
    "l5_flattened_html",
    "l6_pdftotext_layout",
    "l7_reading_order",
    "l7_reading_order_blocks",
    "l8_pdf_markdown",
    "pre2019_narrative",
];

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts");
    let docs: Vec<(&str, Document)> = FIXTURES
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            (*name, Document::from_text(Format::Text, &text))
        })
        .collect();
    let mut group = c.benchmark_group("extract");
    for (name, doc) in &docs {
        group.bench_function(*name, |b| b.iter(|| extract::extract(black_box(doc))));
    }
    group.finish();
    let mut group = c.benchmark_group("extract+rules");
    for (name, doc) in &docs {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let extraction = extract::extract(black_box(doc));
                rules::check(&extraction.report, rules::Policy::default())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
