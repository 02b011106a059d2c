//! # gouji 勾稽
//!
//! Extracts the three standard tables of a Chinese government information-disclosure annual report
//! (政府信息公开工作年度报告) into a fixed, typed grid, checks the reconciliation rules (勾稽关系)
//! and writes a review CSV that can be corrected and opened again.
//!
//! # Where things are
//!
//! The data flows one way, and each stage is a module:
//!
//! | stage | module | takes | gives |
//! |---|---|---|---|
//! | read a file | [`ingest`] | bytes of TXT, HTML, PDF, DOCX, DOC, XLSX, XLS, ODS… | a [`Document`]: text, lines, tables |
//! | know the forms | [`template`] | — | a [`template::Registry`] of [`template::Form`]s as data |
//! | read the tables | [`extract`] | a [`Document`] (and a registry) | an [`Extraction`]: a [`Report`] and findings |
//! | check them | [`rules`] | a [`Report`] (its document, its neighbours) | [`Finding`]s |
//! | name the checks | [`check`] | — | each check's id, severity, titles ([`check::CheckDef`]) |
//! | hold the grid | [`report`] | — | [`Report`], [`Cell`], [`CellKey`], [`Value`] |
//! | review one report | [`review`] | a report and its review CSV | edits, undo, recovery |
//! | a folder of reports | [`corpus`] | a folder | the queue, cross-year checks |
//! | write files | [`export`] | reports and findings | review CSV, corpus CSV, JSON and XLSX, findings lists, atomically |
//! | the window | `app` (feature `gui`) | a review session | what the reviewer sees and does |
//!
//! A new form version is a new [`template::Form`] value given to [`template::Registry::new`]:
//! no stage has a form written into its code.
//!
//! # Example
//!
//! Read a report, check it, and write its review CSV:
//!
//! ```
//! use gouji::{Document, Format, extract, rules, export};
//! let text = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
//!             二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
//!             （七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
//!             四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
//! let doc = Document::from_text(Format::Text, text);
//! let extraction = extract::extract(&doc);
//! let findings = rules::report_findings(
//!     &extraction.report,
//!     &extraction.findings,
//!     Some(&doc),
//!     &[],
//!     rules::Policy::default(),
//! );
//! // （七）总计 says 2 where its row's applicants sum to 1: R3 is broken.
//! let r3 = findings.iter().find(|f| f.check.id == "R3").unwrap();
//! assert_eq!(r3.severity, rules::Severity::Broken);
//! let mut csv = Vec::new();
//! export::write_review_csv(&mut csv, &extraction.report, &findings)?;
//! let back = export::read_review_csv(csv.as_slice())?;
//! assert_eq!(back.value(&r3.cells[0]), &gouji::Value::Number(2.into()));
//! # Ok::<(), gouji::export::ExportError>(())
//! ```
#![deny(missing_docs)]

#[cfg(feature = "gui")]
pub mod app;
pub mod check;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod ingest;
mod normalize;
pub mod report;
pub mod review;
pub mod rules;
pub mod template;

pub use extract::Extraction;
pub use ingest::{Document, Format};
pub use report::{Cell, CellKey, Confidence, Report, Source, Status, Value, parse_value};
pub use rules::{Finding, Severity};
