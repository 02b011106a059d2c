//! [`Finding`]: one thing a reviewer should look at, from a broken rule or from extraction.

use rust_decimal::Decimal;

use crate::check::CheckDef;
pub use crate::check::Severity;
use crate::report::{CellKey, Value};

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
    /// The check that found it (written as its id, `R1`, `X4`…, under `rule`).
    #[serde(rename = "rule", serialize_with = "check_id")]
    pub check: &'static CheckDef,
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
    /// For an ambiguous finding, each way the source can be read: the value each of `cells`
    /// would take, in their order (written as text in JSON).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "readings")]
    pub readings: Vec<Vec<Value>>,
    /// One line in English.
    pub message: String,
    /// One line in Chinese.
    pub message_zh: String,
}

impl Finding {
    /// Whether `check` found it.
    pub fn is(&self, check: &CheckDef) -> bool {
        self.check == check
    }
}

fn check_id<S: serde::Serializer>(check: &&CheckDef, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(check.id)
}

fn key<S: serde::Serializer>(key: &CellKey, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(key)
}

fn keys<S: serde::Serializer>(keys: &[CellKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(ToString::to_string))
}

fn readings<S: serde::Serializer>(readings: &[Vec<Value>], s: S) -> Result<S::Ok, S::Error> {
    let text = |r: &Vec<Value>| r.iter().map(ToString::to_string).collect::<Vec<_>>();
    s.collect_seq(readings.iter().map(text))
}
