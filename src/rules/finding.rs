//! [`Finding`]: one thing a reviewer should look at, from a broken rule or from extraction.

use rust_decimal::Decimal;

use crate::report::CellKey;

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A rule does not hold on the numbers present.
    Broken,
    /// The source allows several readings; the cells are left blank.
    Ambiguous,
    /// A rule cannot be checked because an input is blank or not a number.
    Incomplete,
    /// Something odd that is not a rule break (wrong value count, mostly blank table...).
    Warning,
}

impl Severity {
    /// The lowercase English word.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Broken => "broken",
            Severity::Ambiguous => "ambiguous",
            Severity::Incomplete => "incomplete",
            Severity::Warning => "warning",
        }
    }

    /// The Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Broken => "不平",
            Severity::Ambiguous => "存疑",
            Severity::Incomplete => "缺数",
            Severity::Warning => "提示",
        }
    }
}

/// The two sides of an evaluated equation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Equation {
    /// Cells summed on the left.
    #[serde(serialize_with = "keys")]
    pub lhs: Vec<CellKey>,
    /// Cells summed on the right.
    #[serde(serialize_with = "keys")]
    pub rhs: Vec<CellKey>,
    /// Sum of the numbers present on the left.
    pub lhs_sum: Decimal,
    /// Sum of the numbers present on the right.
    pub rhs_sum: Decimal,
}

impl Equation {
    /// Left minus right.
    pub fn difference(&self) -> Decimal {
        self.lhs_sum - self.rhs_sum
    }
}

/// A single-cell change that satisfies every rule the cell takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Repair {
    /// The cell to change.
    #[serde(serialize_with = "key")]
    pub cell: CellKey,
    /// Its new value.
    pub value: Decimal,
}

/// Something a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Rule id (`R1`…`R4`) or extraction check id (`X…`).
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// Every cell involved.
    #[serde(serialize_with = "keys")]
    pub cells: Vec<CellKey>,
    /// The equation with its numbers, for rule findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equation: Option<Equation>,
    /// The suggested fix, when one single-cell change satisfies every rule it touches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Repair>,
    /// One line in English.
    pub message: String,
    /// One line in Chinese.
    pub message_zh: String,
}

fn key<S: serde::Serializer>(key: &CellKey, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(key)
}

fn keys<S: serde::Serializer>(keys: &[CellKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(ToString::to_string))
}
