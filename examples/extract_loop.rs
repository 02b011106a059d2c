//! Extracts one report's text N times, for profilers: on a shared machine wall time wanders by a
//! third, while an instruction count does not.
//! `valgrind --tool=callgrind target/release/examples/extract_loop REPORT.txt 50`
//! (`cargo build --release --no-default-features --example extract_loop`; N defaults to 50).

use std::hint::black_box;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_loop REPORT.txt [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let text = std::fs::read_to_string(path)?;
    let doc = gouji::Document::from_text(gouji::Format::Text, &text);
    for _ in 0..n {
        black_box(gouji::extract::extract(black_box(&doc)));
    }
    Ok(())
}
