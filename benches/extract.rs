//! Extraction plus rules per report, one made-up report per layout family
//! (`tests/fixtures/layouts`), and the whole per-report work (extraction, rules and the narrative
//! check) on each real report text in `../shared/seeds` and `../shared/corpus` (group `report`,
//! named `seed 000`, `corpus 009`…; skipped with a message when those folders are absent;
//! `GOUJI_SHARED` names another place). Target: a median at or under 100 µs per text report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use gouji::{Document, Format, extract, rules};

/// The real report texts of the shared sets, named by set and number (`seed 000`), in order.
fn shared_reports() -> Vec<(String, String)> {
    let shared = std::env::var_os("GOUJI_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let mut out = Vec::new();
    for (folder, set) in [("seeds", "seed"), ("corpus", "corpus")] {
        let Ok(entries) = std::fs::read_dir(shared.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy();
            let number = name.split('_').next().unwrap_or(&name).to_owned();
            out.push((
                format!("{set} {number}"),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    out
}

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
    let reports = shared_reports();
    if reports.is_empty() {
        eprintln!("bench report: ../shared/seeds and ../shared/corpus not found, skipped");
        return;
    }
    // Everything a report costs once read: extraction, rules and the narrative check, as
    // `corpus::load` does them (the document is made afresh each time: nothing carries over).
    let mut group = c.benchmark_group("report");
    for (name, text) in &reports {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| {
                let doc = Document::from_text(Format::Text, black_box(text));
                let extraction = extract::extract(&doc);
                rules::report_findings(
                    &extraction.report,
                    &extraction.findings,
                    Some(&doc),
                    &[],
                    rules::Policy::default(),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
