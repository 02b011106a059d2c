//! Folder -> corpus CSV on a synthetic corpus of 10,000 reports (generated once into a temporary
//! folder; see `benches/support/synthetic.rs`). Target: ≤ 1 s on the 2-core reference machine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use criterion::{Criterion, criterion_group, criterion_main};
use gouji::{corpus, export, rules::Policy};

#[path = "support/synthetic.rs"]
mod synthetic;

fn folder_to_corpus_csv(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    synthetic::write_corpus(dir.path(), 10_000).expect("write the synthetic corpus");
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("10k reports -> corpus csv", |b| {
        b.iter(|| {
            let paths = gouji::corpus::walk::walk(dir.path())
                .expect("list reports")
                .reports;
            let mut out = Vec::with_capacity(64 << 20);
            let load = |path: &std::path::Path| corpus::load(path, Policy::default());
            export::export_corpus_csv(&mut out, &paths, load, || {}).expect("write");
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, folder_to_corpus_csv);
criterion_main!(benches);
