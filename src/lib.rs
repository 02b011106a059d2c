//! # gouji 勾稽
//!
//! Extracts the three standard tables of a Chinese government information-disclosure annual report
//! (政府信息公开工作年度报告) into a fixed, typed grid, checks the reconciliation rules (勾稽关系)
//! and writes a review CSV that can be corrected and opened again.
//!
//! The data flows one way: file bytes --[`ingest`]--> [`Document`] --[`extract`]--> [`Report`]
//! --[`rules`]--> [`Finding`]s, and [`export`] writes every file (the review CSV, the corpus CSV
//! and JSON). `template` holds the forms as data; every stage loops over it.
//!
//! ```
//! use gouji::{Document, Format, extract, rules};
//! let text = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
//!             二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
//!             （七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
//!             四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
//! let extraction = extract::extract(&Document::from_text(Format::Text, text));
//! let findings = rules::check(&extraction.report, rules::Policy::default());
//! assert!(findings.iter().any(|f| f.severity == rules::Severity::Broken));
//! ```
#![warn(missing_docs)]

#[cfg(feature = "gui")]
pub mod app;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod normalize;
pub mod report;
pub mod review;
pub mod rules;
pub mod template;

pub use extract::Extraction;
pub use ingest::{Document, Format};
pub use report::{Cell, CellKey, Confidence, Report, Source, Status, Value, parse_value};
pub use rules::{Finding, Severity};
