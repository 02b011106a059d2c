//! Text decoding: bytes in an unknown encoding -> `String`.
//!
//! Order: byte-order mark; strict UTF-8; UTF-16 without BOM (many NUL bytes, the byte order whose
//! text looks like text wins); binary refused (NUL or control bytes); then `chardetng` with the
//! `.cn` hint, where GBK and GB2312 decode as GB18030 (a superset). A decoding that needs many
//! replacement characters is refused rather than shown garbled.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::IngestError;

/// Share of replacement characters above which a decoding is judged wrong.
const MAX_BAD_SHARE: f64 = 0.005;

/// Decodes report bytes to text and names the encoding used.
///
/// # Example
/// ```
/// let gbk = encoding_rs::GBK.encode("总计").0;
/// let (text, encoding) = gouji::ingest::decode_text(&gbk)?;
/// assert_eq!((text.as_str(), encoding), ("总计", "gb18030"));
/// # Ok::<(), gouji::ingest::IngestError>(())
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        // A byte-order mark says nothing about what follows: binary behind one is still binary.
        let rest = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 && looks_binary(rest) {
            return Err(binary());
        }
        let (text, _) = encoding.decode_without_bom_handling(rest);
        if encoding != UTF_8 && !mostly_plausible(&text, 80) {
            return Err(IngestError::NotText(format!(
                "the file starts with a {} byte-order mark but holds binary data, not text",
                encoding.name()
            )));
        }
        return check_text(text.into_owned(), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_owned(), UTF_8);
    }
    if let Some(decoded) = mostly_utf8(bytes) {
        return Ok(decoded);
    }
    if let Some(decoded) = utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    if looks_binary(bytes) {
        return Err(binary());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::GBK || (guess == encoding_rs::BIG5 && gb18030_is_clean(bytes)) {
        guess = GB18030;
    }
    let (text, _, _) = guess.decode(bytes);
    check_text(text.into_owned(), guess)
}

fn binary() -> IngestError {
    IngestError::NotText("the file holds binary data (NUL or control bytes), not text".into())
}

fn gb18030_is_clean(bytes: &[u8]) -> bool {
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
}

/// Refuses text in which replacement or control characters are more than a trace.
fn check_text(
    text: String,
    encoding: &'static Encoding,
) -> Result<(String, &'static str), IngestError> {
    // Most texts have neither a control char nor U+FFFD: nothing to count.
    // (No early exit, so the compiler can test many bytes at once.)
    // C1 controls (U+0080–U+009F) are C2 80–C2 9F; other chars after C2 (`·`, NBSP) are text.
    let (suspect, _) = text.bytes().fold((false, 0), |(seen, previous), b| {
        let control = (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0C);
        let c1 = (previous == 0xC2) & (b < 0xA0);
        (seen | control | (b == 0x7F) | c1, b)
    });
    if !suspect && !text.contains('\u{FFFD}') {
        return Ok((text, encoding.name()));
    }
    let total = text.chars().count().max(1);
    let bad = text
        .chars()
        .filter(|&c| {
            c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        })
        .count();
    if bad as f64 / total as f64 > MAX_BAD_SHARE {
        return Err(IngestError::NotText(format!(
            "{bad} of {total} characters could not be decoded as {}",
            encoding.name()
        )));
    }
    Ok((text, encoding.name()))
}

/// UTF-8 with a few broken sequences (a truncated download, one bad byte): decoded with `�`
/// where the bytes are broken, rather than read as another encoding and garbled throughout.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, &'static str)> {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    (bad <= 2.max(text.chars().count() / 200) && non_ascii > bad * 4)
        .then(|| (text.into_owned(), UTF_8.name()))
}

/// UTF-16 without a byte-order mark: the byte order in which at least 95% of the characters are
/// plausible report text (CJK, ASCII, punctuation) wins; GBK or binary read as UTF-16 is not.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            let plausible = text.chars().filter(|&c| plausible_char(c)).count();
            mostly_plausible(&text, 95).then(|| (plausible, text.into_owned(), encoding.name()))
        })
        .max_by_key(|(plausible, _, _)| *plausible)
        .map(|(_, text, name)| (text, name))
}

/// Whether at least `percent` % of the characters are plausible report text.
fn mostly_plausible(text: &str, percent: usize) -> bool {
    let plausible = text.chars().filter(|&c| plausible_char(c)).count();
    plausible * 100 >= text.chars().count().max(1) * percent
}

fn plausible_char(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
        || (' '..='~').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || ('\u{2000}'..='\u{206F}').contains(&c)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    sample.contains(&0) || control * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "三、收到和处理政府信息公开申请情况\n（七）总计 5\n";

    #[test]
    fn decodes_every_supported_encoding() {
        let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(decode_text(&utf8_bom).unwrap().0, TEXT);
        assert_eq!(
            decode_text(TEXT.as_bytes()).unwrap(),
            (TEXT.into(), "UTF-8")
        );
        let gbk = encoding_rs::GBK.encode(TEXT).0;
        assert_eq!(decode_text(&gbk).unwrap(), (TEXT.into(), "gb18030"));
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_text(&le).unwrap(), (TEXT.into(), "UTF-16LE"));
        assert_eq!(decode_text(&be).unwrap(), (TEXT.into(), "UTF-16BE"));
        let le_bom = [b"\xFF\xFE".as_slice(), &le].concat();
        assert_eq!(decode_text(&le_bom).unwrap().0, TEXT);
    }

    #[test]
    fn a_few_broken_bytes_do_not_switch_the_encoding() {
        let bytes = [TEXT.as_bytes(), b"\xFF\xFE", TEXT.as_bytes()].concat();
        let (text, encoding) = decode_text(&bytes).unwrap();
        assert_eq!(encoding, "UTF-8");
        assert!(text.starts_with(TEXT) && text.ends_with(TEXT));
    }

    #[test]
    fn binary_behind_a_byte_order_mark_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        let utf8 = [b"\xEF\xBB\xBF".as_slice(), png].concat();
        assert!(matches!(decode_text(&utf8), Err(IngestError::NotText(_))));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let utf16 = [b"\xFF\xFE".as_slice(), &noise].concat();
        assert!(matches!(decode_text(&utf16), Err(IngestError::NotText(_))));
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode_text(&bytes), Err(IngestError::NotText(_))));
    }
}
