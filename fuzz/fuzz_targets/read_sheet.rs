//! A spreadsheet with bytes overwritten: the first input byte picks the `.xls`, `.xlsx` or
//! `.ods` fixture, the rest is a list of patches (a 4-byte little-endian offset, a length byte,
//! that many bytes) applied to it. Reading must end (under the budget) without a panic.
//! `cargo fuzz run -s none read_sheet -- -max_len=4096 -timeout=5 -rss_limit_mb=512`
#![no_main]

use libfuzzer_sys::fuzz_target;

static BOOKS: [&[u8]; 3] = [
    include_bytes!("../../tests/fixtures/formats/report-sheet.xls"),
    include_bytes!("../../tests/fixtures/formats/report-sheet.xlsx"),
    include_bytes!("../../tests/fixtures/formats/report-sheet.ods"),
];

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

fuzz_target!(|input: &[u8]| {
    let Some((&pick, patches)) = input.split_first() else {
        return;
    };
    let bytes = patched(BOOKS[pick as usize % BOOKS.len()], patches);
    if let Ok(doc) = gouji::ingest::read_bytes(&bytes) {
        let _ = gouji::extract::extract(&doc);
    }
});
