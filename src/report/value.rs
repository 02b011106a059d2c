//! Cell values and reading them from the text a report prints (`19 项`, `1710.15 万元`, `不变`, `/`),
//! and why a value does not fit its cell ([`Problem`], in English and Chinese).

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;

use crate::normalize::is_ideograph;
use crate::template::{MoneyUnit, ValueKind};

/// What a cell holds. Blank is not zero, and not-applicable is neither.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Value {
    /// Nothing in the source.
    #[default]
    Blank,
    /// A number, in the cell's canonical unit.
    Number(Decimal),
    /// `/`, `—`, `不适用`: not applicable; never summed.
    NotApplicable,
    /// Text that is not a number (kept as written).
    Text(String),
}

impl Value {
    /// The number, if the value is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether the value is [`Value::Blank`].
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Blank)
    }

    /// Why this value does not fit a cell of `kind`, if it does not.
    ///
    /// # Example
    /// ```
    /// use gouji::Value;
    /// use gouji::report::Problem;
    /// use gouji::template::ValueKind;
    /// let negative = Value::Number((-3).into());
    /// assert_eq!(negative.problem(ValueKind::Count), Some(Problem::NegativeCount));
    /// assert_eq!(negative.problem(ValueKind::SignedCount), None);
    /// ```
    pub fn problem(&self, kind: ValueKind) -> Option<Problem> {
        match (self, kind) {
            (Value::Text(_), _) => Some(Problem::NotANumber),
            (Value::Number(n), ValueKind::Count) if n.is_sign_negative() && !n.is_zero() => {
                Some(Problem::NegativeCount)
            }
            (Value::Number(n), ValueKind::Count | ValueKind::SignedCount)
                if !n.fract().is_zero() =>
            {
                Some(Problem::FractionalCount)
            }
            _ => None,
        }
    }
}

/// Why a value typed into a cell is refused: [`Value::problem`], or a key that names no cell.
/// The words are the library's, in both languages, so no caller matches on text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// Text that is not a number, in a cell that holds one.
    NotANumber,
    /// A negative number where a count is asked for.
    NegativeCount,
    /// A fraction where a count is asked for.
    FractionalCount,
    /// The cell key names no cell of the report's form.
    NoSuchCell,
    /// Typed digits grouped by commas other than in threes (`6,93,665`): which number was
    /// meant is not clear. Thousands groups of three (`1,234`) are fine.
    IrregularGrouping,
}

impl Problem {
    /// The reason in English.
    ///
    /// # Example
    /// ```
    /// use gouji::report::Problem;
    /// assert_eq!(Problem::NegativeCount.en(), "a count cannot be negative");
    /// ```
    pub fn en(self) -> &'static str {
        match self {
            Problem::NotANumber => "not a number",
            Problem::NegativeCount => "a count cannot be negative",
            Problem::FractionalCount => "a count is a whole number",
            Problem::NoSuchCell => "no such cell",
            Problem::IrregularGrouping => {
                "digits grouped irregularly: commas go between groups of three (1,234)"
            }
        }
    }

    /// The reason in Chinese.
    ///
    /// # Example
    /// ```
    /// use gouji::report::Problem;
    /// assert_eq!(Problem::NegativeCount.zh(), "件数不能为负");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            Problem::NotANumber => "不是数字",
            Problem::NegativeCount => "件数不能为负",
            Problem::FractionalCount => "件数须为整数",
            Problem::NoSuchCell => "无此单元格",
            Problem::IrregularGrouping => "数字分组不规范：逗号只能每三位一分（1,234）",
        }
    }
}

impl Value {
    /// A whole number written without a decimal point, as an integer (nearly every cell; written
    /// this way, it reads the same as Decimal's own formatting, which is slower).
    pub fn integer(&self) -> Option<i64> {
        match self {
            Value::Number(n) if n.scale() == 0 => i64::try_from(*n)
                .ok()
                .filter(|&i| !(i == 0 && n.is_sign_negative())),
            _ => None,
        }
    }
}

/// Written as in the review CSV's `value` column: `` for blank, `/` for not applicable, numbers
/// without trailing zeros.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Blank => Ok(()),
            Value::Number(n) => match self.integer() {
                Some(i) => f.write_str(itoa::Buffer::new().format(i)),
                None => write!(f, "{}", n.normalize()),
            },
            Value::NotApplicable => f.write_str("/"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// Texts that mean "not applicable".
const NOT_APPLICABLE: &[&str] = &["/", "\\", "—", "——", "-", "--", "–", "不适用", "无此项"];

/// Reads a cell's text as a value of `kind`: trims, folds full-width characters, drops thousands
/// separators and count units (项, 件…), converts money to the kind's unit, reads `不变` as 0 and
/// `/`, `—`, `不适用` as not applicable. Anything else that is not a number stays [`Value::Text`].
///
/// # Example
/// ```
/// use gouji::{parse_value, Value};
/// use gouji::template::{MoneyUnit, ValueKind};
/// assert_eq!(parse_value("19 项", ValueKind::Count), Value::Number(19.into()));
/// assert_eq!(parse_value("1,234", ValueKind::Count), Value::Number(1234.into()));
/// assert_eq!(parse_value("不变", ValueKind::SignedCount), Value::Number(0.into()));
/// assert_eq!(
///     parse_value("1710.15 万元", ValueKind::Money(MoneyUnit::Yuan)).to_string(),
///     "17101500"
/// );
/// assert_eq!(parse_value("—", ValueKind::Count), Value::NotApplicable);
/// assert_eq!(parse_value("", ValueKind::Count), Value::Blank);
/// ```
pub fn parse_value(text: &str, kind: ValueKind) -> Value {
    if let Some(n) = plain_digits(text) {
        return Value::Number(Decimal::from(n));
    }
    match read(&fold(text)) {
        Read::Blank => Value::Blank,
        Read::NotApplicable => Value::NotApplicable,
        Read::Number(n, unit) => match scale(unit, kind)
            .and_then(|s| n.checked_mul(s))
            .filter(is_plausible)
        {
            Some(scaled) => Value::Number(scaled.normalize()),
            None => Value::Text(text.trim().to_owned()),
        },
        Read::Text => Value::Text(text.trim().to_owned()),
    }
}

/// Whether `text` reads as a value of some kind: a count, an amount of money, `不变`, or blank
/// or not applicable. Tells a cell from a label without building either value.
pub(crate) fn reads_as_value(text: &str) -> bool {
    if plain_digits(text).is_some() {
        return true;
    }
    // A word of ideographs alone (most short labels) folds to itself and has no digit: only
    // the words for not applicable and unchanged read as values.
    if !text.is_empty() && text.chars().all(is_ideograph) {
        return NOT_APPLICABLE.contains(&text) || text == "不变";
    }
    // A value's words (a unit, `不适用`) have at most three ideographs, and folding never takes
    // one away: a label with a number in it (`1.属于国家秘密`) is no value.
    if text.chars().filter(|&c| is_ideograph(c)).nth(3).is_some() {
        return false;
    }
    folded_reads_as_value(text)
}

/// [`reads_as_value`] by reading the folded text.
fn folded_reads_as_value(text: &str) -> bool {
    match read(&fold(text)) {
        Read::Blank | Read::NotApplicable => true,
        Read::Number(n, unit) => {
            scale(unit, ValueKind::Count).is_some()
                || scale(unit, ValueKind::Money(MoneyUnit::Yuan))
                    .is_some_and(|s| n.checked_mul(s).is_some())
        }
        Read::Text => false,
    }
}

/// Whole digits a figure has at most: more than any count or sum of money a report gives.
pub(crate) const MAX_DIGITS: u32 = 18;

/// Whether `n` could be a report's figure: below 10^[`MAX_DIGITS`] in size. A larger number
/// (digits run together, a typo) is read as text and flagged, never summed: sums of such
/// numbers would overflow.
fn is_plausible(n: &Decimal) -> bool {
    // |n| = |mantissa| / 10^scale; a limit beyond u128 is beyond any mantissa (96 bits).
    10_u128
        .checked_pow(MAX_DIGITS + n.scale())
        .is_none_or(|limit| n.mantissa().unsigned_abs() < limit)
}

/// A whole number (scale 0) as an integer; `None` for a fraction. Sums and comparisons of such
/// integers give what those of the decimals give, at a fraction of the cost: the rules and the
/// readings of a table are tried many times over.
pub(crate) fn whole_number(n: &Decimal) -> Option<i128> {
    (n.scale() == 0).then(|| n.mantissa())
}

/// Most cells are plain digits: read without folding or allocation (18 digits at most, so
/// always [plausible](is_plausible)).
fn plain_digits(text: &str) -> Option<u64> {
    let plain = match text.as_bytes() {
        [first, .., last] if first.is_ascii_digit() && last.is_ascii_digit() => text,
        [only] if only.is_ascii_digit() => text,
        _ => text.trim(),
    };
    if plain.is_empty() || plain.len() > 18 {
        return None;
    }
    // Read as the digits are checked: 18 digits fit a u64.
    plain.bytes().try_fold(0_u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// `text` in NFKC without white space or thousands separators (borrowed when that changes
/// nothing but the ends).
fn fold(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    let kept = |c: char| !c.is_whitespace() && c != ',';
    if trimmed
        .chars()
        .all(|c| kept(c) && crate::normalize::unchanged_by_nfkc(c))
    {
        return Cow::Borrowed(trimmed);
    }
    Cow::Owned(crate::normalize::nfkc(text).filter(|&c| kept(c)).collect())
}

/// What a folded text reads as, before the unit of a column applies.
enum Read<'a> {
    Blank,
    NotApplicable,
    /// A number and the unit after it (`不变` is 0 without a unit).
    Number(Decimal, &'a str),
    Text,
}

fn read(folded: &str) -> Read<'_> {
    if folded.is_empty() {
        return Read::Blank;
    }
    if NOT_APPLICABLE.contains(&folded) {
        return Read::NotApplicable;
    }
    if folded == "不变" {
        return Read::Number(Decimal::ZERO, "");
    }
    let (number, unit) = split_unit(folded);
    let number = number.trim_start_matches('+');
    if number.is_empty() {
        return Read::Text; // a word (`规章`): not worth a parse error
    }
    match number.parse::<Decimal>() {
        Ok(n) => Read::Number(n, unit),
        Err(_) => Read::Text,
    }
}

/// What one `unit` is in the canonical unit of `kind`; `None` when the unit does not fit.
fn scale(unit: &str, kind: ValueKind) -> Option<Decimal> {
    match (unit, kind) {
        (
            "" | "项" | "件" | "个" | "条" | "次" | "宗" | "人" | "家" | "人次",
            ValueKind::Count | ValueKind::SignedCount,
        ) => Some(Decimal::ONE),
        ("" | "元", ValueKind::Money(MoneyUnit::Yuan)) => Some(Decimal::ONE),
        ("万元" | "万", ValueKind::Money(MoneyUnit::Yuan)) => Some(Decimal::from(10_000)),
        ("亿元", ValueKind::Money(MoneyUnit::Yuan)) => Some(Decimal::from(100_000_000)),
        ("" | "万元" | "万", ValueKind::Money(MoneyUnit::WanYuan)) => Some(Decimal::ONE),
        ("元", ValueKind::Money(MoneyUnit::WanYuan)) => Some(Decimal::new(1, 4)),
        ("亿元", ValueKind::Money(MoneyUnit::WanYuan)) => Some(Decimal::from(10_000)),
        _ => None,
    }
}

/// Splits `1710.15万元` into `("1710.15", "万元")`.
fn split_unit(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Value {
        Value::Number(text.parse().unwrap())
    }

    #[test]
    fn words_of_ideographs_read_as_values_only_when_they_say_so() {
        for word in ["不变", "不适用", "无此项"] {
            assert!(reads_as_value(word), "{word}");
        }
        for word in ["规章", "信息内容", "不", "变更", "适用", "一"] {
            assert!(!reads_as_value(word), "{word}");
        }
        // The same as reading the folded text.
        for text in [
            "不变",
            "不适用",
            "无此项",
            "规章",
            "其他",
            "1.属于国家秘密",
            "(三)不予公开1.属于",
            "3 人次",
            "1710.15 万元",
            "5亿元",
            "5 件 不变",
            "１２ 项",
        ] {
            assert_eq!(reads_as_value(text), folded_reads_as_value(text), "{text}");
        }
    }

    #[test]
    fn reads_the_values_reports_print() {
        let count = ValueKind::Count;
        assert_eq!(parse_value("0", count), num("0"));
        assert_eq!(parse_value("０", count), num("0"));
        assert_eq!(parse_value(" 26467 ", count), num("26467"));
        assert_eq!(parse_value("-18", ValueKind::SignedCount), num("-18"));
        assert_eq!(parse_value("不适用", count), Value::NotApplicable);
        assert_eq!(parse_value("约5", count), Value::Text("约5".into()));
        let yuan = ValueKind::Money(MoneyUnit::Yuan);
        assert_eq!(parse_value("22795343.43", yuan), num("22795343.43"));
        assert_eq!(parse_value("251000元", yuan), num("251000"));
        let wan = ValueKind::Money(MoneyUnit::WanYuan);
        assert_eq!(parse_value("96171.6", wan), num("96171.6"));
        assert_eq!(parse_value("5000元", wan), num("0.5"));
        assert_eq!(parse_value("3 万元", count), Value::Text("3 万元".into()));
        for (text, plausible) in [
            ("999999999999999999.99", true),
            ("-999999999999999999", true),
            ("1000000000000000000", false),
            ("-1000000000000000000.0", false),
            ("0.0000000000000000000000000001", true),
        ] {
            assert_eq!(is_plausible(&text.parse().unwrap()), plausible, "{text}");
        }
        // Too large to be any figure: text, not a number that sums would overflow on.
        let huge = "79228162514264337593543950335";
        assert_eq!(parse_value(huge, count), Value::Text(huge.into()));
        assert_eq!(
            parse_value("999999999999999999", count),
            num("999999999999999999")
        );
        assert_eq!(
            parse_value("1000000000000000000", count),
            Value::Text("1000000000000000000".into())
        );
        let yuan = ValueKind::Money(MoneyUnit::Yuan);
        assert_eq!(
            parse_value("100000000000000 万元", yuan),
            Value::Text("100000000000000 万元".into())
        );
    }

    #[test]
    fn displays_canonically() {
        assert_eq!(num("17101500.00").to_string(), "17101500");
        for text in [
            "0",
            "-0",
            "7",
            "-18",
            "120.50",
            "9223372036854775807",
            "99999999999999999999999",
            "0.0",
        ] {
            let Ok(n) = text.parse::<Decimal>() else {
                panic!("{text}")
            };
            assert_eq!(
                Value::Number(n).to_string(),
                n.normalize().to_string(),
                "{text}"
            );
        }
        assert_eq!(Value::NotApplicable.to_string(), "/");
        assert_eq!(Value::Blank.to_string(), "");
    }
}
