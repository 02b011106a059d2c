//! Text normalisation for matching labels: NFKC (full-width to half-width, Kangxi radicals to
//! ideographs), no white space, unified list markers and punctuation.
//!
//! Owns only the matching form of a text. Values and spans are always read from the original
//! text; nothing here changes what the reviewer sees.

use aho_corasick::automaton::{Automaton as _, StateID};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, dfa::DFA};
use unicode_normalization::UnicodeNormalization as _;

/// The matching form of a label: NFKC, white space removed, `1、`/`1．` written `1.`, `﹝〔【[`
/// written `(`, their closing partners `)`, and curly quotes straightened.
/// (`（ 七 ）总 计` → `(七)总计`, `1、属于国家秘密` → `1.属于国家秘密`.)
pub fn label(text: &str) -> String {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        previous_digit: false,
    };
    // A line break composes with nothing, so each line's NFKC is its own: one uncommon char
    // sends only its line through full NFKC.
    let mut rest = text;
    while let Err(line) = out.push_common(rest) {
        let from_line = rest.get(line..).unwrap_or("");
        let end = from_line.find('\n').map_or(from_line.len(), |i| i + 1);
        let (odd, after) = from_line.split_at_checked(end).unwrap_or((from_line, ""));
        odd.nfkc().for_each(|c| out.push(c));
        rest = after;
    }
    out.text
}

/// The chars of `text` in NFKC, taking a short cut for the chars reports are made of
/// (`（１２）⾏` → `(12)行`).
pub fn nfkc(text: &str) -> Nfkc<'_> {
    if all_common(text) {
        Nfkc(Chars::Common(text.chars()))
    } else {
        Nfkc(Chars::Full(text.nfkc()))
    }
}

/// Whether every char of `text` is one of the chars reports are made of, whose NFKC is one
/// char of that set and which composes with none of them (NFKC then maps such a text char by
/// char), told without decoding ASCII or the ideographs.
pub(crate) fn all_common(text: &str) -> bool {
    let mut rest = text.as_bytes();
    while let Some(&lead) = rest.first() {
        if lead < 0x80 {
            rest = rest.get(1..).unwrap_or_default();
        } else if starts_with_ideograph(rest) {
            rest = rest.get(3..).unwrap_or_default();
        } else {
            let at = text.len() - rest.len();
            match text.get(at..).and_then(|t| t.chars().next()) {
                Some(c) if nfkc_of_common(c).is_some() => {
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                }
                _ => return false,
            }
        }
    }
    true
}

/// Appends the NFKC of `text` without its white space to `out`. Runs of ASCII and ideographs
/// are copied whole.
pub(crate) fn push_nfkc_without_space(out: &mut String, text: &str) {
    if !all_common(text) {
        out.extend(text.nfkc().filter(|c| !c.is_whitespace()));
        return;
    }
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            if matches!(lead, 9..=13 | b' ') {
                out.push_str(text.get(run..i).unwrap_or(""));
                run = i + 1;
            }
            i += 1;
        } else if starts_with_ideograph(bytes.get(i..).unwrap_or_default()) {
            i += 3;
        } else {
            out.push_str(text.get(run..i).unwrap_or(""));
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                return;
            };
            let folded = nfkc_of_common(c).unwrap_or(c);
            if !folded.is_whitespace() {
                out.push(folded);
            }
            i += c.len_utf8();
            run = i;
        }
    }
    out.push_str(text.get(run..).unwrap_or(""));
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

/// A search for any of `words` (Chinese words) in a text, or `None` if it cannot be built. A DFA
/// without a prefilter: the rarest bytes of Chinese words are common bytes of Chinese text, so a
/// prefilter would stop at nearly every char.
pub(crate) fn word_search<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(words)
        .ok()
}

/// Words made of ideographs (U+4E00–U+9FFF only), to find in the matching form of a text
/// ([`label`] of it) without writing that form out.
pub(crate) struct LabelWords {
    /// A DFA over the words without a prefilter (see [`word_search`]).
    dfa: DFA,
    /// How many words.
    len: usize,
}

impl LabelWords {
    /// `None` if a word holds anything but ideographs, or if the search cannot be built.
    pub(crate) fn new(words: &[&str]) -> Option<LabelWords> {
        if !words.iter().all(|w| w.chars().all(is_ideograph)) {
            return None;
        }
        let dfa = DFA::builder().prefilter(false).build(words).ok()?;
        Some(LabelWords {
            dfa,
            len: words.len(),
        })
    }

    /// Which of the words (by index) the matching form of `text` holds. Common chars are read
    /// as they are; a line with any other char is folded first ([`label`] of it: NFKC never
    /// joins chars across a line break, so the matching form of the text is its lines' forms
    /// run together).
    pub(crate) fn present(&self, text: &str) -> Vec<bool> {
        let mut seen = vec![false; self.len];
        let Ok(start) = self.dfa.start_state(Anchored::No) else {
            return seen;
        };
        let mut state = start;
        let mut rest = text;
        while let Err((line, line_state)) = self.present_in_common(rest, start, state, &mut seen) {
            // The line holding an uncommon char, folded, from the state its start had.
            let from_line = rest.get(line..).unwrap_or("");
            let end = from_line.find('\n').map_or(from_line.len(), |i| i + 1);
            let (odd, after) = from_line.split_at_checked(end).unwrap_or((from_line, ""));
            state = self.present_in_folded(label(odd).as_bytes(), line_state, &mut seen);
            rest = after;
        }
        seen
    }

    /// Marks the words of `folded` (text in matching form), from DFA state `state`; the state
    /// after it.
    fn present_in_folded(&self, folded: &[u8], mut state: StateID, seen: &mut [bool]) -> StateID {
        for &b in folded {
            state = self.dfa.next_state(Anchored::No, state, b);
            self.mark(state, seen);
        }
        state
    }

    /// Marks the words of the matching form of `text` while it holds only common chars, reading
    /// `text` itself from DFA state `state` (`start`: the DFA's start state): white space is left
    /// out, and any other char but an ideograph ends every partial match, as its fold is no
    /// ideograph either. At the first other char, `Err` with where its line starts and the state
    /// there (the words marked on that line until then are in its matching form too: only
    /// ideographs make up a word).
    fn present_in_common(
        &self,
        text: &str,
        start: StateID,
        mut state: StateID,
        seen: &mut [bool],
    ) -> Result<(), (usize, StateID)> {
        let mut line = (0, state);
        let mut rest = text.as_bytes();
        while let Some(&lead) = rest.first() {
            if lead < 0x80 {
                if lead == b'\n' {
                    line = (text.len() - rest.len() + 1, state);
                } else if !(lead as char).is_whitespace() {
                    state = start;
                }
                rest = rest.get(1..).unwrap_or_default();
                continue;
            }
            if starts_with_ideograph(rest)
                && let Some((ideograph, after)) = rest.split_at_checked(3)
            {
                for &b in ideograph {
                    state = self.dfa.next_state(Anchored::No, state, b);
                }
                self.mark(state, seen);
                rest = after;
                continue;
            }
            // Any other char: decoded from the text (`rest` starts at a char boundary).
            let at = text.len() - rest.len();
            let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                return Err(line);
            };
            match nfkc_of_common(c) {
                None => return Err(line),
                Some(folded) if folded.is_whitespace() => {}
                Some(_) => state = start,
            }
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
        Ok(())
    }

    /// Marks the words that end at `state`.
    fn mark(&self, state: StateID, seen: &mut [bool]) {
        if self.dfa.is_match(state) {
            for i in 0..self.dfa.match_len(state) {
                if let Some(s) = seen.get_mut(self.dfa.match_pattern(state, i).as_usize()) {
                    *s = true;
                }
            }
        }
    }
}

/// Whether `c` is a CJK unified ideograph (U+4E00–U+9FFF), the chars reports are mostly made of;
/// NFKC leaves each as it is.
pub(crate) fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether `bytes` starts with the UTF-8 of an [ideograph](is_ideograph) (E4 B8 80 to E9 BF BF),
/// told without decoding it.
pub(crate) fn starts_with_ideograph(bytes: &[u8]) -> bool {
    matches!(bytes, [0xE4, 0xB8..=0xBF, _, ..] | [0xE5..=0xE9, _, _, ..])
}

/// Whether `c` is its own NFKC form and composes with none of the chars reports are made of.
pub(crate) fn unchanged_by_nfkc(c: char) -> bool {
    nfkc_of_common(c) == Some(c)
}

/// The NFKC form of a char that reports are made of (ASCII, CJK ideographs and punctuation,
/// full-width forms), which is one char and composes with no neighbour of this set; `None` for
/// any other char, for which the whole text goes through full NFKC (several times slower).
fn nfkc_of_common(c: char) -> Option<char> {
    match u32::from(c) {
        0..=0x7F | 0x4E00..=0x9FFF | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D => Some(c),
        0x3000 => Some(' '),
        // Tone marks (combining: full NFKC reorders them) and chars NFKC changes.
        0x302A..=0x302F | 0x3036 | 0x3038..=0x303A => None,
        0x3001..=0x303F => Some(c),
        wide @ 0xFF01..=0xFF5E => char::from_u32(wide - 0xFEE0),
        _ => None,
    }
}

/// The rest of [`label`] after NFKC: white space out, markers and brackets unified.
struct Folded {
    text: String,
    /// Whether the last char kept was a digit (`1、` is written `1.`).
    previous_digit: bool,
}

impl Folded {
    /// Folds `text` while it holds only chars [`nfkc_of_common`] maps. At the first other char,
    /// takes back what it pushed of that char's line and returns where the line starts.
    fn push_common(&mut self, text: &str) -> Result<(), usize> {
        let mut rest = text;
        let mut line = (0, self.text.len(), self.previous_digit);
        while !rest.is_empty() {
            // Runs of ideographs are copied whole.
            let run = rest
                .as_bytes()
                .chunks(3)
                .take_while(|b| starts_with_ideograph(b))
                .count()
                * 3;
            if run > 0
                && let Some((ideographs, after)) = rest.split_at_checked(run)
            {
                self.text.push_str(ideographs);
                self.previous_digit = false;
                rest = after;
                continue;
            }
            let mut chars = rest.chars();
            let Some(c) = chars.next() else { break };
            rest = chars.as_str();
            match nfkc_of_common(c) {
                Some('\n') => {
                    line = (
                        text.len() - rest.len(),
                        self.text.len(),
                        self.previous_digit,
                    )
                }
                Some(c) => self.push(c),
                None => {
                    let (start, len, previous_digit) = line;
                    self.text.truncate(len);
                    self.previous_digit = previous_digit;
                    return Err(start);
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn push(&mut self, c: char) {
        if is_ideograph(c) {
            // Most chars: an ideograph is kept as it is.
            self.previous_digit = false;
            self.text.push(c);
            return;
        }
        let c = match c {
            '、' | '．' if self.previous_digit => '.',
            '﹝' | '〔' | '【' | '[' | '〈' => '(',
            '﹞' | '〕' | '】' | ']' | '〉' => ')',
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            c if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' => return,
            c => c,
        };
        self.previous_digit = c.is_ascii_digit();
        self.text.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_to_their_matching_form() {
        assert_eq!(label("（ 七 ）总 计"), "(七)总计");
        assert_eq!(label("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(nfkc("（１２）⾏").collect::<String>(), "(12)行");
    }

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

    #[test]
    fn label_words_are_found_as_in_the_folded_text() {
        let words = ["本年制发件数", "制发", "件数", "公开申请", "申请"];
        let search = LabelWords::new(&words).unwrap();
        let folded = word_search(words).unwrap();
        for text in [
            "本年制发件数",
            "本 年\n制　发\t件数",
            "本年制发[件数",
            "本年制发、件数 公开申请",
            "本年制⾏发件数 公开 申请",
            "公开申\u{2F00}请 本年制发件数",
            "（本年）制发件数ｅ\u{301}申请",
            "申请\u{200B}申请 \u{3000}",
            "本年制\n发件数ｅ\u{301}\n公开申\n请",
            "本年\u{2F00}制\n发件数\n公开申请Ⅱ\n本年制发件",
            "",
        ] {
            let mut expected = vec![false; words.len()];
            for found in folded.find_overlapping_iter(&label(text)) {
                expected[found.pattern().as_usize()] = true;
            }
            assert_eq!(search.present(text), expected, "{text:?}");
        }
        assert!(LabelWords::new(&["公开(申请)"]).is_none());
    }

    #[test]
    fn nfkc_without_space_is_nfkc_less_white_space() {
        for text in [
            "",
            " 行政复议 5\t件，其中\u{3000}维持 ２ 件\r",
            "\u{b}\u{c}a\u{85}b\u{a0}c\u{2003}d",
            "ｅ\u{301} ⾏ 〔2019〕",
        ] {
            let mut out = String::from("x");
            push_nfkc_without_space(&mut out, text);
            let want: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(out, format!("x{want}"), "{text:?}");
        }
    }

    #[test]
    fn all_common_is_every_char_common() {
        for text in [
            "",
            "规章 12",
            "（一）、２０",
            "\u{4DFF}",
            "\u{9FFF}\u{A000}",
            "\u{3038}",
            "é",
            "ｅ",
        ] {
            assert_eq!(
                all_common(text),
                text.chars().all(|c| nfkc_of_common(c).is_some()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn label_folds_line_by_line_as_full_nfkc_would() {
        let whole = |text: &str| {
            let mut out = Folded {
                text: String::new(),
                previous_digit: false,
            };
            text.nfkc().for_each(|c| out.push(c));
            out.text
        };
        for text in [
            "（一）政府信息公开申请 12 件\n1、属于国家秘密",
            "行政许可 | 3 |\n（二）部分公开Ⅱ\n2、其他\n3．e\u{301}",
            "\u{4DFF}\u{4E00}\u{9FFF}\u{A000}\n\u{2F00}\u{3038}〔2019〕",
            "1\n、2 \u{3000}、ｅ\u{301}ﾊﾟ",
            "1 、[2]\t\r\u{b}\u{c}\u{1c}\u{85}x\u{a0}y 3．",
            "\u{302B}\u{302A}\nⅡ",
            "",
            "\n\n",
        ] {
            assert_eq!(label(text), whole(text), "{text:?}");
        }
    }
}
