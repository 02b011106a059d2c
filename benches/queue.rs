//! The headless part of opening a folder of 10,000 reports in the window: the light load the
//! queue uses (`corpus::summary::summarise_all`), beside the full load it replaced
//! (`corpus::load_all`, every report whole). The folder is 2,500 copies each of four shared seed
//! reports (`../shared/seeds/000_*, 002_*, 003_*, 004_*`), copied once into a temporary folder;
//! a second folder changes every other copy of seed 000 to the year after, so the cross-year
//! checks pair 1,250 reports with 1,250. Skipped, with a message, when the seeds are absent.
//! Target: ≤ 3 s for the light load on the 2-core reference machine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use gouji::corpus;
use gouji::rules::Policy;

const SEEDS: [&str; 4] = ["000_", "002_", "003_", "004_"];

/// The seed reports' texts, when the shared folder is there.
fn seeds() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    SEEDS
        .iter()
        .map(|prefix| {
            let path = names.iter().find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })?;
            std::fs::read_to_string(path).ok()
        })
        .collect()
}

/// Writes 2,500 copies of each seed into 100 subfolders of `dir`; with `next_year`, every
/// other copy of the first seed (张店公安分局 2020) says 2021.
fn write_folder(dir: &Path, seeds: &[String], next_year: bool) -> Vec<PathBuf> {
    for d in 0..100 {
        let sub = dir.join(format!("d{d:02}"));
        std::fs::create_dir_all(&sub).unwrap();
        for k in 0..25 {
            for (i, text) in seeds.iter().enumerate() {
                let text = if next_year && i == 0 && k % 2 == 1 {
                    text.replace("2020年", "2021年")
                } else {
                    text.clone()
                };
                std::fs::write(sub.join(format!("r{i}_{k:02}.txt")), text).unwrap();
            }
        }
    }
    corpus::walk::walk(dir).unwrap().reports
}

fn queue_of_ten_thousand(c: &mut Criterion) {
    let Some(seeds) = seeds() else {
        eprintln!("queue bench skipped: the shared seeds (../shared/seeds) are not here");
        return;
    };
    let same_year = tempfile::tempdir().unwrap();
    let next_year = tempfile::tempdir().unwrap();
    let folders = [
        (
            "10k seed copies",
            write_folder(same_year.path(), &seeds, false),
        ),
        (
            "10k seed copies, two years",
            write_folder(next_year.path(), &seeds, true),
        ),
    ];
    let mut group = c.benchmark_group("queue");
    group.sample_size(10);
    for (name, paths) in &folders {
        assert_eq!(paths.len(), 10_000);
        group.bench_function(format!("{name} -> summaries (light load)"), |b| {
            b.iter(|| corpus::summary::summarise_all(paths, Policy::default(), || {}).len())
        });
    }
    let (name, paths) = &folders[0];
    group.bench_function(format!("{name} -> entries (full load)"), |b| {
        b.iter(|| corpus::load_all(paths, Policy::default(), || {}).len())
    });
    group.finish();
}

criterion_group!(benches, queue_of_ten_thousand);
criterion_main!(benches);
