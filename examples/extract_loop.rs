//! Extracts one report's text N times (and checks its rules and narrative when `rules` follows), for profilers: on a
//! shared machine wall time wanders by a third, while an instruction count does not.
//! `valgrind --tool=callgrind target/release/examples/extract_loop REPORT.txt 50 [rules]`
//! (`cargo build --release --no-default-features --example extract_loop`; N defaults to 50).

use std::hint::black_box;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_loop REPORT.txt [N] [rules]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let rules = args.next().as_deref() == Some("rules");
    let text = std::fs::read_to_string(path)?;
    let doc = gouji::Document::from_text(gouji::Format::Text, &text);
    for _ in 0..n {
        let extraction = gouji::extract::extract(black_box(&doc));
        if rules {
            black_box(gouji::rules::report_findings(
                &extraction.report,
                &extraction.findings,
                Some(&doc),
                &[],
                gouji::rules::Policy::default(),
            ));
        }
        black_box(extraction);
    }
    Ok(())
}
