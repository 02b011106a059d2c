//! Bounded property tests over the fuzz targets' entry points, run on every CI build so that a
//! regression found by fuzzing stays found (see `fuzz/` for the coverage-guided targets), and
//! over the layout fixtures: a foreign separator in a report's narrative or title changes no
//! extracted cell.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use gouji::rules::{self, Policy};
use gouji::{export, extract, ingest};
use proptest::prelude::*;

#[path = "support/foreign_separators.rs"]
mod foreign_separators;
use foreign_separators::{FOREIGN, cells, narrative_points};

const LAYOUT: &str = include_str!("fixtures/cli/row_per_line_2021.txt");

/// Decode, extract, check and write: never panics, and the written CSV reads back.
fn pipeline(bytes: &[u8]) {
    let Ok(doc) = ingest::read_bytes(bytes) else {
        return;
    };
    let x = extract::extract(&doc);
    let mut findings = x.findings.clone();
    findings.extend(rules::check(&x.report, Policy::default()));
    findings.extend(rules::check(
        &x.report,
        Policy {
            blank_as_zero: true,
        },
    ));
    findings.extend(rules::narrative::check(&doc, &x.report));
    let mut csv = Vec::new();
    export::write_review_csv(&mut csv, &x.report, &findings).unwrap();
    let back = export::read_review_csv(csv.as_slice()).unwrap();
    assert_eq!(back.cells.len(), x.report.cells.len());
}

/// Edits to a real layout: byte flips, deletions, duplicated stretches.
fn mutation() -> impl Strategy<Value = Vec<u8>> {
    let len = LAYOUT.len();
    proptest::collection::vec((0..len, 0..len, any::<u8>(), 0u8..3), 1..12).prop_map(|edits| {
        let mut bytes = LAYOUT.as_bytes().to_vec();
        for (at, to, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            let to = to.min(bytes.len());
            match kind {
                0 => {
                    if let Some(b) = bytes.get_mut(at) {
                        *b = byte;
                    }
                }
                1 => {
                    let (a, b) = (at.min(to), at.max(to));
                    bytes.drain(a..b.min(a + 64));
                }
                _ => {
                    let (a, b) = (at.min(to), at.max(to).min(at.min(to) + 200));
                    let copy = bytes[a..b].to_vec();
                    bytes.splice(a..a, copy);
                }
            }
        }
        bytes
    })
}

/// Every layout fixture's text, by name.
fn layout_fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn foreign_separators_in_narrative_change_no_cell(
        fixture in any::<prop::sample::Index>(),
        point in any::<prop::sample::Index>(),
        foreign in prop::sample::select(FOREIGN),
    ) {
        let fixtures = layout_fixtures();
        let (name, text) = fixture.get(&fixtures);
        let points = narrative_points(text, usize::MAX);
        prop_assume!(!points.is_empty());
        let at = *point.get(&points);
        let mut changed = text.clone();
        changed.insert_str(at, foreign);
        let (before, after) = (cells(text), cells(&changed));
        let differs = before.iter().zip(&after).find(|(a, b)| a != b);
        prop_assert!(
            differs.is_none(),
            "{} with {:?} at byte {}: {:?}",
            name,
            foreign,
            at,
            differs
        );
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        pipeline(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|[|\\t\\n0-9 ])*") {
        pipeline(text.as_bytes());
    }

    #[test]
    fn mutated_layouts_never_panic(bytes in mutation()) {
        pipeline(&bytes);
    }

    #[test]
    fn arbitrary_review_csvs_never_panic(text in "(\\PC|[,\"\\n\\r])*") {
        let _ = export::read_review_csv(text.as_bytes());
    }
}
