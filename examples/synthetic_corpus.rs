//! Writes a synthetic corpus of fictional reports for timing `gouji export`:
//! `cargo run --release --example synthetic_corpus -- DIR [N]` (N defaults to 10,000).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "synthetic-corpus".into()));
    let n = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    synthetic::write_corpus(&dir, n)?;
    println!("{n} reports written to {}", dir.display());
    Ok(())
}
