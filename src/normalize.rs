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
    let mut out = String::with_capacity(text.len());
    let mut previous_digit = false;
    for c in text.nfkc() {
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
}
