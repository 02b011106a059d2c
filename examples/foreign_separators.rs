//! For each report text given, prints the agency and year extracted, and checks that a foreign
//! separator (`|`, `｜`, a tab, a Markdown table line, a line of dashes) inserted into its
//! narrative or title changes no extracted cell: the property test of `tests/properties.rs`, run
//! over real reports by `.ci/run` (tests never read `../shared`). Exits 1 when a cell changes.
//! `cargo run --release --no-default-features --example foreign_separators -- FILE.txt…`

use gouji::{Document, Format};

#[path = "../tests/support/foreign_separators.rs"]
mod support;
use support::{FOREIGN, cells, narrative_points};

/// Sentences tried per report (the first ones: the narrative before the tables).
const POINTS: usize = 12;

fn main() -> std::io::Result<()> {
    let mut changed = 0;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let report = gouji::extract::extract(&Document::from_text(Format::Text, &text)).report;
        let year = report.year.map(|y| y.to_string()).unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(&path);
        // Before each sentence's end, and after the title's 年度报告.
        let points = narrative_points(&text, POINTS);
        let before = cells(&text);
        let mut first = None;
        'points: for &at in &points {
            for foreign in FOREIGN {
                let mut edited = text.clone();
                edited.insert_str(at, foreign);
                let after = cells(&edited);
                if let Some((a, b)) = before.iter().zip(&after).find(|(a, b)| a != b) {
                    first = Some(format!("{foreign:?} at byte {at}: {a:?} -> {b:?}"));
                    break 'points;
                }
            }
        }
        let verdict = match &first {
            None => "separators: no cell changed".to_owned(),
            Some(difference) => {
                changed += 1;
                format!("separators CHANGED A CELL: {difference}")
            }
        };
        println!(
            "{name}\tagency {:?}\tyear {year:?}\t{verdict}",
            report.agency
        );
    }
    if changed > 0 {
        std::process::exit(1);
    }
    Ok(())
}
