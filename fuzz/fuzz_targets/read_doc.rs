//! A Word 97–2003 document with bytes overwritten: the fuzzer's input is a list of patches
//! (a 4-byte little-endian offset, a length byte, that many bytes) applied to the `.doc`
//! fixture, so the compound file mostly stays readable and the piece table, FIB and property
//! pages are what gets mangled. Reading must end (under the budget) without a panic.
//! `cargo fuzz run -s none read_doc -- -max_len=4096 -timeout=5 -rss_limit_mb=512`
#![no_main]

use libfuzzer_sys::fuzz_target;

static DOC: &[u8] = include_bytes!("../../tests/fixtures/formats/report.doc");

/// The fixture with `patches` applied (offsets wrap around its length).
fn patched(base: &[u8], mut patches: &[u8]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    while let [a, b, c, d, len, rest @ ..] = patches {
        let at = u32::from_le_bytes([*a, *b, *c, *d]) as usize % bytes.len();
        let len = (*len as usize).min(rest.len());
        for (i, &x) in rest[..len].iter().enumerate() {
            if let Some(byte) = bytes.get_mut(at + i) {
                *byte = x;
            }
        }
        patches = &rest[len..];
    }
    bytes
}

fuzz_target!(|patches: &[u8]| {
    let bytes = patched(DOC, patches);
    if let Ok(doc) = gouji::ingest::read_bytes(&bytes) {
        let _ = gouji::extract::extract(&doc);
    }
});
