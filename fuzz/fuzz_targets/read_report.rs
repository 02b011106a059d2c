//! Any bytes: decode, extract, check the rules, write the review CSV and read it back.
//! Seed the corpus from tests/fixtures with `fuzz/seed.sh`, then
//! `cargo fuzz run -s none read_report -- -max_len=262144 -timeout=2 -rss_limit_mb=512`
//! (with the default AddressSanitizer, scale the RSS limit, e.g. 2048).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(doc) = gouji::ingest::read_bytes(bytes) else {
        return;
    };
    let extraction = gouji::extract::extract(&doc);
    let mut findings = extraction.findings.clone();
    findings.extend(gouji::rules::check(&extraction.report, Default::default()));
    findings.extend(gouji::rules::narrative::check(&doc, &extraction.report));
    let mut csv = Vec::new();
    gouji::export::write_review_csv(&mut csv, &extraction.report, &findings)
        .expect("writing to memory");
    let back = gouji::export::read_review_csv(csv.as_slice()).expect("own CSV reads back");
    assert_eq!(back.cells.len(), extraction.report.cells.len());
});
