//! Any bytes as a review CSV: an error or a report, never a panic; a report read is written and
//! read back to the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(report) = gouji::export::read_review_csv(bytes) else {
        return;
    };
    let findings = gouji::rules::check(&report, Default::default());
    let mut csv = Vec::new();
    gouji::export::write_review_csv(&mut csv, &report, &findings).expect("writing to memory");
    let back = gouji::export::read_review_csv(csv.as_slice()).expect("own CSV reads back");
    assert_eq!(back, report);
});
