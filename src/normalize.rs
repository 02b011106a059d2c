//! Text normalisation for matching labels: NFKC (full-width to half-width, Kangxi radicals to
//! ideographs), no white space, unified list markers and punctuation.
//!
//! Owns only the matching form of a text. Values and spans are always read from the original
//! text; nothing here changes what the reviewer sees.

use unicode_normalization::UnicodeNormalization as _;

/// The matching form of a label: NFKC, white space removed, `1、`/`1．` written `1.`, `﹝〔【[`
/// written `(`, their closing partners `)`, and curly quotes straightened.
///
/// # Example
/// ```
/// assert_eq!(gouji::normalize::label("（ 七 ）总 计"), "(七)总计");
/// assert_eq!(gouji::normalize::label("1、属于国家秘密"), "1.属于国家秘密");
/// ```
pub fn label(text: &str) -> String {
    fold(nfkc(text), text.len())
}

/// The chars of `text` in NFKC, taking a short cut for the chars reports are made of.
///
/// # Example
/// ```
/// assert_eq!(gouji::normalize::nfkc("（１２）⾏").collect::<String>(), "(12)行");
/// ```
pub fn nfkc(text: &str) -> Nfkc<'_> {
    if text.chars().all(|c| nfkc_of_common(c).is_some()) {
        Nfkc(Chars::Common(text.chars()))
    } else {
        Nfkc(Chars::Full(text.nfkc()))
    }
}

/// The iterator [`nfkc`] returns.
#[derive(Clone)]
pub struct Nfkc<'a>(Chars<'a>);

#[derive(Clone)]
enum Chars<'a> {
    /// Only chars [`nfkc_of_common`] maps.
    Common(std::str::Chars<'a>),
    /// Anything else: full NFKC.
    Full(unicode_normalization::Recompositions<std::str::Chars<'a>>),
}

impl Iterator for Nfkc<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match &mut self.0 {
            Chars::Common(chars) => chars.next().map(|c| nfkc_of_common(c).unwrap_or(c)),
            Chars::Full(chars) => chars.next(),
        }
    }
}

/// The NFKC form of a char that reports are made of (ASCII, CJK ideographs and punctuation,
/// full-width forms), which is one char and composes with no neighbour of this set; `None` for
/// any other char, for which the whole text goes through full NFKC (several times slower).
fn nfkc_of_common(c: char) -> Option<char> {
    match u32::from(c) {
        0..=0x7F | 0x4E00..=0x9FFF | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D => Some(c),
        0x3000 => Some(' '),
        0x3036 | 0x3038..=0x303A => None,
        0x3001..=0x303F => Some(c),
        wide @ 0xFF01..=0xFF5E => char::from_u32(wide - 0xFEE0),
        _ => None,
    }
}

/// The rest of [`label`] after NFKC: white space out, markers and brackets unified.
fn fold(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut previous_digit = false;
    for c in chars {
        let c = match c {
            '、' | '．' if previous_digit => '.',
            '﹝' | '〔' | '【' | '[' | '〈' => '(',
            '﹞' | '〕' | '】' | ']' | '〉' => ')',
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            c if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' => continue,
            c => c,
        };
        previous_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_spaces_and_markers() {
        assert_eq!(label("三 、本 年 度办 理 结果"), "三、本年度办理结果");
        assert_eq!(label("２０２０年"), "2020年");
        assert_eq!(label("3.危及“三安全一稳定”"), "3.危及\"三安全一稳定\"");
        assert_eq!(label("国办公开办函﹝2019﹞60号"), "国办公开办函(2019)60号");
    }

    #[test]
    fn the_common_chars_shortcut_is_nfkc() {
        let common = (0..=0x7F)
            .chain(0x2000..=0x206F)
            .chain(0x3000..=0x303F)
            .chain(0x4E00..=0x9FFF)
            .chain(0xFF00..=0xFFEF)
            .filter_map(char::from_u32);
        for c in common {
            if let Some(fast) = nfkc_of_common(c) {
                assert_eq!(fast.to_string(), c.nfkc().collect::<String>(), "{c:?}");
            }
        }
        // A text with one uncommon char takes the full path and gets the same answer.
        assert_eq!(label("（二）部分公开Ⅱ"), "(二)部分公开II");
    }
}
