//! Fuzzy matching of a label as printed against a label of the form, both in matching form.

use std::cell::OnceCell;

/// Scores below this are not a match.
pub(crate) const THRESHOLD: f64 = 0.72;

/// How well `printed` names the form's `label` (1.0 is the same text).
///
/// Beyond edit similarity it accepts a row label that ends a longer printed label (a group label
/// run into it: `(三)不予公开1.属于国家秘密`), and the start of a label wrapped onto more lines.
#[cfg(test)]
pub(crate) fn score(printed: &str, label: &str) -> f64 {
    score_at_least(&Printed::of(printed), &Prepared::new(label), 0.0)
}

/// A form's label with what fast rejection needs: its length and its chars sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    text: String,
    chars: usize,
    sorted: Vec<char>,
    /// Its chars counted by [`char_bit`] bucket (see [`Buckets`]).
    buckets: Buckets,
    /// Byte length of its list marker, if it starts with one.
    marker: Option<usize>,
    /// Its first and last chars: a prefix or suffix match needs one of them shared.
    ends: (Option<char>, Option<char>),
}

impl Prepared {
    pub(crate) fn new(text: &str) -> Prepared {
        let mut sorted: Vec<char> = text.chars().collect();
        sorted.sort_unstable();
        Prepared {
            text: text.to_owned(),
            chars: sorted.len(),
            buckets: Buckets::of(text),
            sorted,
            marker: ordinal(text).map(str::len),
            ends: (text.chars().next(), text.chars().next_back()),
        }
    }
}

impl Prepared {
    /// The label in matching form.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// A label as printed, with its first and last chars and its length in chars: what scoring asks
/// of it first, as most printed labels are rejected on these alone. Its sorted chars and list
/// marker are worked out when first asked for, once for all the form's labels it is scored
/// against.
pub(crate) struct Printed<'a> {
    text: &'a str,
    ends: (Option<char>, Option<char>),
    chars: usize,
    /// Where its first chars start (up to the one after [`GROUP_PIECE_CHARS`]): the only places
    /// a row label's list marker is looked for behind a group label's piece.
    /// Unused places are `usize::MAX`.
    heads: [usize; GROUP_PIECE_CHARS + 1],
    /// The [`char_bit`]s of the chars at those places but the first: a marker whose first char's
    /// bit is not among them is not there.
    head_bits: u64,
    sorted: OnceCell<Vec<char>>,
    buckets: OnceCell<Buckets>,
    marker: OnceCell<Option<&'a str>>,
}

impl<'a> Printed<'a> {
    pub(crate) fn of(text: &'a str) -> Printed<'a> {
        let mut heads = [usize::MAX; GROUP_PIECE_CHARS + 1];
        let mut head_bits = 0;
        for (i, (head, (at, c))) in heads.iter_mut().zip(text.char_indices()).enumerate() {
            *head = at;
            if i > 0 {
                head_bits |= char_bit(c);
            }
        }
        Printed {
            text,
            ends: (text.chars().next(), text.chars().next_back()),
            chars: text.chars().count(),
            heads,
            head_bits,
            sorted: OnceCell::new(),
            buckets: OnceCell::new(),
            marker: OnceCell::new(),
        }
    }

    fn sorted(&self) -> &[char] {
        self.sorted.get_or_init(|| {
            let mut sorted: Vec<char> = self.text.chars().collect();
            sorted.sort_unstable();
            sorted
        })
    }

    fn buckets(&self) -> &Buckets {
        self.buckets.get_or_init(|| Buckets::of(self.text))
    }

    fn marker(&self) -> Option<&'a str> {
        *self.marker.get_or_init(|| ordinal(self.text))
    }

    /// Where `marker` first occurs in the label when a group label's piece of one to
    /// [`GROUP_PIECE_CHARS`] chars comes before it; `None` when it first occurs at the start,
    /// further on, or not at all. Only the first few chars are looked at.
    fn marker_after_group(&self, marker: &str) -> Option<usize> {
        if self.head_bits & char_bit(marker.chars().next()?) == 0 {
            return None;
        }
        let bytes = self.text.as_bytes();
        let first = *marker.as_bytes().first()?;
        let at = self
            .heads
            .iter()
            .copied()
            .take_while(|&at| at != usize::MAX)
            .find(|&at| {
                bytes.get(at) == Some(&first)
                    && bytes
                        .get(at..)
                        .is_some_and(|rest| rest.starts_with(marker.as_bytes()))
            })?;
        (at > 0).then_some(at)
    }
}

/// A text's chars counted in 64 buckets by [`char_bit`], and the set of buckets used: a bound
/// on how many chars two texts share, told without sorting or merging them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Buckets {
    counts: [u16; 64],
    used: u64,
}

impl Buckets {
    fn of(text: &str) -> Buckets {
        let mut counts = [0u16; 64];
        let mut used = 0;
        for c in text.chars() {
            let bit = char_bit(c);
            used |= bit;
            if let Some(n) = counts.get_mut(bit.trailing_zeros() as usize) {
                *n = n.saturating_add(1);
            }
        }
        Buckets { counts, used }
    }

    /// At most how many chars this text and `other` share (with multiplicity, as [`common`]
    /// counts them): each shared char is one of this text's chars in a bucket `other` uses,
    /// and one of `other`'s in a bucket this text uses.
    fn shared_at_most(&self, other: &Buckets) -> usize {
        let within = |counts: &[u16; 64], used: u64| {
            let mut n = 0usize;
            let mut rest = used;
            while rest != 0 {
                let bucket = rest.trailing_zeros() as usize;
                n += usize::from(counts.get(bucket).copied().unwrap_or(u16::MAX));
                rest &= rest - 1;
            }
            n
        };
        within(&self.counts, other.used).min(within(&other.counts, self.used))
    }
}

/// One of 64 bits for `c`, by a multiplicative hash: a set of a few chars as one word.
fn char_bit(c: char) -> u64 {
    1 << (u32::from(c).wrapping_mul(0x9E37_79B9) >> 26)
}

/// Which printed labels a form's label could match at all, told without scoring: those sharing
/// its first or last char, those close enough in length for edit similarity to reach
/// [`THRESHOLD`], and those holding its list marker. [`score_at_least`] gives every other label 0 at any threshold from
/// [`THRESHOLD`] up, so a walk over many form labels skips them unscored.
pub(crate) struct Reach {
    ends: (Option<char>, Option<char>),
    /// The printed lengths (in chars) whose length similarity is at least [`THRESHOLD`].
    lengths: Option<std::ops::RangeInclusive<usize>>,
    /// Its list marker: a printed label holding it may be a group piece and its head.
    marker: Option<String>,
}

impl Reach {
    pub(crate) fn of(label: &Prepared) -> Reach {
        let l = label.chars;
        // Length similarity rises to 1 at `l` and falls after: the lengths reaching the threshold
        // are one run, and none is twice `l` or longer.
        let reaching = (0..=2 * l + 1).filter(|&p| by_length(p, l) >= THRESHOLD);
        let lengths = reaching
            .clone()
            .min()
            .zip(reaching.max())
            .map(|(lo, hi)| lo..=hi);
        Reach {
            ends: label.ends,
            lengths,
            marker: label
                .marker
                .and_then(|m| label.text.get(..m))
                .map(str::to_owned),
        }
    }

    /// Whether `printed` may score above 0 against the label.
    pub(crate) fn admits(&self, printed: &Printed<'_>) -> bool {
        printed.ends.0 == self.ends.0
            || printed.ends.1 == self.ends.1
            || self
                .lengths
                .as_ref()
                .is_some_and(|lengths| lengths.contains(&printed.chars))
            || self
                .marker
                .as_deref()
                .is_some_and(|m| printed.chars > 6 && printed.marker_after_group(m).is_some())
    }
}

/// How alike two lengths are: 1 when equal, less the more they differ (an upper bound of edit
/// similarity).
fn by_length(p: usize, l: usize) -> f64 {
    let longest = p.max(l).max(1) as f64;
    1.0 - p.abs_diff(l) as f64 / longest
}

/// How many chars two sorted char lists share (with multiplicity).
fn common(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// [`score`] for labels prepared once; a score that cannot reach `min` may come out as 0.
pub(crate) fn score_at_least(printed: &Printed<'_>, label: &Prepared, min: f64) -> f64 {
    let (p, l) = (printed.chars, label.chars);
    let same_first = printed.ends.0 == label.ends.0;
    let same_last = printed.ends.1 == label.ends.1;
    let longest = p.max(l).max(1) as f64;
    let by_length = by_length(p, l);
    // Without a first or last char in common only edit similarity can score, and it is at most
    // `by_length`: most narrative against most labels stops here.
    let label_marker = label.marker.and_then(|m| label.text.get(..m));
    if !same_first && !same_last && by_length < min {
        return head_after_group(printed, &label.text, label_marker);
    }
    let shared = || common(printed.sorted(), &label.sorted);
    let label_buckets = &label.buckets;
    let printed_marker = || printed.marker();
    let outline = printed;
    let (printed, label) = (printed.text, label.text.as_str());
    if same_first && same_last && printed == label {
        return 1.0;
    }
    if same_last
        && l >= 2
        && printed.ends_with(label)
        && p <= l + 16
        && !is_sentence(printed, label)
    {
        return 0.95;
    }
    if same_first && l >= 2 && printed.starts_with(label) && p <= l + 4 {
        return 0.9;
    }
    // Edit distance is at least the length difference, and at least the chars not shared: skip
    // computing it when these bounds cannot reach `min` (most narrative against most labels).
    // The buckets bound the chars shared without sorting the printed label's chars.
    let mut best = if by_length < min
        || (outline.buckets().shared_at_most(label_buckets) as f64 / longest) < min
        || (shared() as f64 / longest) < min
    {
        0.0
    } else {
        strsim::normalized_levenshtein(printed, label)
    };
    if same_first && p >= 4 && label.starts_with(printed) {
        best = best.max(0.6 + 0.4 * p as f64 / l as f64);
        // A marked head names its row however long the rest (`1.申请人无正` wrapped in a
        // narrow column): sibling rows differ in their first words.
        if label_marker.is_some_and(|m| marked_head(printed, m)) {
            best = best.max(MARKED_HEAD);
        }
    }
    if same_last && p >= 3 && label.ends_with(printed) {
        best = best.max(0.85);
    }
    // Neighbouring rows differ mostly in their list marker (一、 vs 二、): a different marker
    // is a different row, however alike the words.
    let best = match (printed_marker(), label_marker) {
        (Some(a), Some(b)) if a != b => best * 0.5,
        _ => best,
    };
    best.max(head_after_group(outline, label, label_marker))
}

/// Chars of a group label's piece that may come before a row label's head: PDF text puts the
/// group column's wrapped words on the row's line (`本年 (二)部分公开(区分处理的,只计这一情`,
/// `(六)其 1.申请人无正当理由逾期不补`).
const GROUP_PIECE_CHARS: usize = 8;

/// The score of a printed label that is a few chars of a group label followed by the head of
/// `label` from its list marker on (at least six chars): as for a head alone, a little less.
fn head_after_group(outline: &Printed<'_>, label: &str, marker: Option<&str>) -> f64 {
    let Some(marker) = marker else {
        return 0.0;
    };
    let Some(at) = outline.marker_after_group(marker) else {
        return 0.0;
    };
    let printed = outline.text;
    let (Some(group), Some(head)) = (printed.get(..at), printed.get(at..)) else {
        return 0.0;
    };
    let head_chars = head.chars().count();
    if group.chars().count() > GROUP_PIECE_CHARS
        || head_chars < 6
        || !label.starts_with(head)
        || is_sentence(printed, head)
    {
        return 0.0;
    }
    let by_share = 0.59 + 0.4 * head_chars as f64 / label.chars().count().max(1) as f64;
    if marked_head(head, marker) {
        by_share.max(MARKED_HEAD)
    } else {
        by_share
    }
}

/// The score of a row label's head that starts with its list marker and has at least
/// [`MARKED_HEAD_WORDS`] chars after it.
const MARKED_HEAD: f64 = 0.75;
const MARKED_HEAD_WORDS: usize = 4;

/// Whether `head` is `marker` followed by at least [`MARKED_HEAD_WORDS`] chars.
fn marked_head(head: &str, marker: &str) -> bool {
    head.strip_prefix(marker)
        .is_some_and(|words| words.chars().nth(MARKED_HEAD_WORDS - 1).is_some())
}

/// Whether `printed` names `label` only by its tail (`公开申请数量`, `息公开申请`): the ends of
/// several rows' labels look alike, so such a match does not say which row the printed label is.
pub(crate) fn only_tail(printed: &str, label: &str) -> bool {
    printed != label
        && label.ends_with(printed)
        && strsim::normalized_levenshtein(printed, label) < 0.85
}

/// The list marker a label starts with: `一、`, `(一)`, `1.`.
fn ordinal(label: &str) -> Option<&str> {
    let end = if label.starts_with('(') {
        label.find(')').map(|i| i + 1)?
    } else {
        let i = label.find(['、', '.'])?;
        let head = label.get(..i)?;
        if head.is_empty() || head.chars().count() > 2 {
            return None;
        }
        i + label.get(i..)?.chars().next()?.len_utf8()
    };
    let marker = label.get(..end)?;
    (marker.chars().count() <= 4).then_some(marker)
}

/// Whether the words before `label` at the end of `printed` are prose (`...余条,全年新增公开市政府规章`),
/// not a group label run into the row label.
fn is_sentence(printed: &str, label: &str) -> bool {
    let head = printed.get(..printed.len() - label.len()).unwrap_or("");
    head.contains([',', '。', ';', '，', '；'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_reports_print() {
        assert_eq!(score("规章", "规章"), 1.0);
        assert!(score("六)其他处理", "(六)其他处理") >= THRESHOLD);
        assert!(score("(三)不予公开1.属于国家秘密", "1.属于国家秘密") >= THRESHOLD);
        assert!(score("4.保护第三方合法", "4.保护第三方合法权益") >= THRESHOLD);
        assert!(score("规范性文件", "行政规范性文件") >= THRESHOLD);
        assert!(score("2.其他法律行政止公开", "2.其他法律行政法规禁止公开") >= THRESHOLD);
    }

    #[test]
    fn labels_out_of_reach_score_nothing() {
        let texts = [
            "",
            "规章",
            "3.其他",
            "(七)总计",
            "行政规范性文件",
            "规范性文件",
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "1.属于国家秘密",
            "(三)不予公开1.属于国家秘密",
            "其他",
            "余条,全年新增公开市政府规章",
            "信息内容",
            "本年新制作数量",
            "4.保护第三方合法",
            "a",
            "ab",
            "abcdefghij",
            "abcdefghijklmn",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        for label in texts {
            let prepared = Prepared::new(label);
            let reach = Reach::of(&prepared);
            for printed in texts {
                let outline = Printed::of(printed);
                let score = score_at_least(&outline, &prepared, THRESHOLD);
                if !reach.admits(&outline) {
                    assert_eq!(score, 0.0, "{printed:?} against {label:?}");
                }
                if printed == label {
                    assert!(reach.admits(&outline) || label.is_empty());
                }
            }
        }
    }

    #[test]
    fn a_head_after_a_group_piece_matches() {
        let partial = "(二)部分公开(区分处理的,只计这一情形,不计其他情形)";
        assert!(score("本年(二)部分公开(区分处理的,只计这一情", partial) >= THRESHOLD);
        let other_1 = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
        assert!(score("(六)其1.申请人无正当理由逾期不补", other_1) >= THRESHOLD);
        // Wrapped in a narrow column: a short head, marked, still names its row.
        assert!(score("1.申请人无正", other_1) >= THRESHOLD);
        assert!(score("(1.申请人无正", other_1) >= THRESHOLD);
        assert!(score("1.申请人", other_1) < THRESHOLD);
        // Too short a head, or prose before it, is not a row label.
        assert!(score("本年(二)部分", partial) < THRESHOLD);
        assert!(score("全年共收到申请,其中(二)部分公开(区分处理的", partial) < THRESHOLD);
    }

    #[test]
    fn a_marker_is_looked_for_only_behind_a_group_piece() {
        let after = |printed, marker| Printed::of(printed).marker_after_group(marker);
        assert_eq!(after("(六)其1.申请人", "1."), Some(8));
        assert_eq!(after("1.申请人", "1."), None);
        assert_eq!(after("1.申请人1.", "1."), None);
        assert_eq!(after("本年度的第九项内容1.申请人", "1."), None);
        assert_eq!(after("本年度的第九项内1.申请人", "1."), Some(24));
        assert_eq!(after("一1.申请1.", "1."), Some(3));
        assert_eq!(after("申请人", "1."), None);
        assert_eq!(after("申请人", ""), None);
    }

    #[test]
    fn a_tail_alone_does_not_say_which_row() {
        assert!(only_tail(
            "公开申请数量",
            "一、本年新收政府信息公开申请数量"
        ));
        assert!(!only_tail(
            "一、本年新收政府信息",
            "一、本年新收政府信息公开申请数量"
        ));
        assert!(!only_tail("(七)总计", "(七)总计"));
    }

    #[test]
    fn reads_list_markers() {
        assert_eq!(ordinal("一、本年新收"), Some("一、"));
        assert_eq!(ordinal("(七)总计"), Some("(七)"));
        assert_eq!(ordinal("1.属于国家秘密"), Some("1."));
        assert_eq!(ordinal("规章"), None);
    }

    #[test]
    fn rejects_neighbours_and_headers() {
        assert!(
            score(
                "二、上年结转政府信息公开申请数量",
                "一、本年新收政府信息公开申请数量"
            ) < THRESHOLD
        );
        assert!(score("其他", "3.其他") < THRESHOLD);
        assert!(score("1.属于国家秘密", "1.本机关不掌握相关政府信息") < THRESHOLD);
        assert!(score("信息内容", "规章") < THRESHOLD);
        assert!(score("余条,全年新增公开市政府规章", "规章") < THRESHOLD);
    }
}
