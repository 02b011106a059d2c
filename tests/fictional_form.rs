//! A form gouji was never written for, given as data only: a fictional "2027" form whose table 三
//! has an extra row (（三）转送其他机关) and an extra column (外国人), with its own detection
//! labels, an extra rule (R5) and a narrative claim, passed to the library as an explicit
//! registry. Extraction, the rules, the review CSV round trip and the JSON findings must all
//! work with it, with no library code knowing it.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gouji::check::{CheckDef, Severity};
use gouji::template::{
    ClaimDef, ColumnDef, FORM_2019, FORM_2021, Form, Layout, Registry, RowDef, RuleDef, RuleShape,
    TableDef, TableId,
};
use gouji::{Confidence, Document, Format, Report, Value, export, extract, rules};

const DOCS: &[ColumnDef] = &[
    ColumnDef::count("issued", "本年新定件数"),
    ColumnDef::count("in_force", "现行有效件数"),
];

const APPLICANTS: &[ColumnDef] = &[
    ColumnDef::count("natural", "自然人"),
    ColumnDef::count("business", "商业企业"),
    ColumnDef::count("foreign", "外国人"),
    ColumnDef::count("other", "其他"),
    ColumnDef::count("total", "总计"),
];

const OUTCOMES: &[ColumnDef] = &[
    ColumnDef::count("upheld", "结果维持"),
    ColumnDef::count("corrected", "结果纠正"),
    ColumnDef::count("other", "其他结果"),
    ColumnDef::count("pending", "尚未审结"),
    ColumnDef::count("total", "总计"),
];

const fn rule(id: &'static str, title: &'static str, table: TableId, shape: RuleShape) -> RuleDef {
    RuleDef {
        check: CheckDef {
            id,
            severity: Severity::Broken,
            title_en: title,
            title_zh: title,
            explanation_en: "A rule of the fictional form.",
            explanation_zh: "虚构表格的规则。",
        },
        table,
        shape,
    }
}

static FORM_2027: Form = Form {
    code: "2027",
    source: "虚构的〔2027〕1号",
    tables: [
        TableDef {
            id: TableId::Proactive,
            title: "二、主动公开政府信息情况",
            rows: &[RowDef::data("rules", "规章", 0, DOCS)],
            layout: Layout::Rows,
            signature: &["本年新定件数"],
            anchors: &[],
        },
        TableDef {
            id: TableId::Requests,
            title: "三、收到和处理政府信息公开申请情况",
            rows: &[
                RowDef::data(
                    "received",
                    "一、本年新收政府信息公开申请数量",
                    0,
                    APPLICANTS,
                ),
                RowDef::data(
                    "carried_in",
                    "二、上年结转政府信息公开申请数量",
                    0,
                    APPLICANTS,
                ),
                RowDef::group("三、本年度办理结果", 0),
                RowDef::data("granted", "（一）予以公开", 1, APPLICANTS),
                RowDef::data("partial", "（二）部分公开", 1, APPLICANTS),
                RowDef::data("transferred", "（三）转送其他机关", 1, APPLICANTS),
                RowDef::data("other", "（四）其他处理", 1, APPLICANTS),
                RowDef::data("total", "（五）总计", 1, APPLICANTS),
                RowDef::data("carried_out", "四、结转下年度继续办理", 0, APPLICANTS),
            ],
            layout: Layout::Rows,
            signature: &["转送其他机关"],
            anchors: &["本年新收政府信息公开申请数量"],
        },
        TableDef {
            id: TableId::Appeals,
            title: "五、行政复议、行政诉讼情况",
            rows: &[
                RowDef::data("review", "行政复议", 0, OUTCOMES),
                RowDef::data("suit", "行政诉讼", 0, OUTCOMES),
            ],
            layout: Layout::OneLine {
                heading: "行政复议",
            },
            signature: &[],
            anchors: &[],
        },
    ],
    rules: &[
        rule(
            "R1",
            "new + carried in = processed + carried forward",
            TableId::Requests,
            RuleShape::EachColumn {
                lhs: &["received", "carried_in"],
                rhs: &["total", "carried_out"],
            },
        ),
        rule(
            "R2",
            "total = sum of outcomes",
            TableId::Requests,
            RuleShape::EachColumn {
                lhs: &["total"],
                rhs: &["granted", "partial", "transferred", "other"],
            },
        ),
        rule(
            "R3",
            "total = sum of applicants",
            TableId::Requests,
            RuleShape::EachRow {
                lhs: &["total"],
                rhs: &["natural", "business", "foreign", "other"],
            },
        ),
        rule(
            "R4",
            "total = sum of outcomes",
            TableId::Appeals,
            RuleShape::EachRow {
                lhs: &["total"],
                rhs: &["upheld", "corrected", "other", "pending"],
            },
        ),
        // The extra rule: in this form every document made this year is still in force.
        rule(
            "R5",
            "in force = made this year",
            TableId::Proactive,
            RuleShape::EachRow {
                lhs: &["in_force"],
                rhs: &["issued"],
            },
        ),
    ],
    cross_year: &[],
    claims: &[ClaimDef {
        pattern: "转送其他机关(\\d+)件",
        cells: &[(TableId::Requests, "transferred", "total")],
        name: "转送其他机关",
    }],
    assumed_from: None,
};

/// The fictional form beside the national ones: its labels must win where they are printed.
fn registry() -> Registry {
    Registry::new(vec![&FORM_2021, &FORM_2019, &FORM_2027]).unwrap()
}

/// A report printed in the fictional form. Its （五）总计 row says 3 外国人 and 7 in all where the
/// outcome rows sum to 2 and 6 (R2 broken twice), 现行有效 breaks R5, and the narrative
/// restates 转送 wrongly (S3).
const REPORT: &str = "示例县公安局2027年政府信息公开工作年度报告\n\
本年转送其他机关3件。\n\
二、主动公开政府信息情况\n\
信息内容 | 本年新定件数 | 现行有效件数 |\n\
规章 | 2 | 5 |\n\
三、收到和处理政府信息公开申请情况\n\
| 自然人 | 商业企业 | 外国人 | 其他 | 总计 |\n\
一、本年新收政府信息公开申请数量 | 3 | 1 | 2 | 0 | 6 |\n\
二、上年结转政府信息公开申请数量 | 0 | 0 | 1 | 0 | 1 |\n\
三、本年度办理结果 | | | | | |\n\
（一）予以公开 | 1 | 1 | 1 | 0 | 3 |\n\
（二）部分公开 | 1 | 0 | 0 | 0 | 1 |\n\
（三）转送其他机关 | 1 | 0 | 1 | 0 | 2 |\n\
（四）其他处理 | 0 | 0 | 0 | 0 | 0 |\n\
（五）总计 | 3 | 1 | 3 | 0 | 7 |\n\
四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 |\n\
五、行政复议、行政诉讼情况\n\
行政复议 | 行政诉讼 |\n\
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n\
1 | 0 | 0 | 1 | 2 | 0 | 1 | 0 | 0 | 1 |\n";

fn value(report: &Report, table: TableId, row: &str, col: &str) -> Value {
    report.value(&report.key(table, row, col).unwrap()).clone()
}

fn n(v: i64) -> Value {
    Value::Number(v.into())
}

#[test]
fn a_report_in_the_fictional_form_is_detected_and_read() {
    let registry = registry();
    let doc = Document::from_text(Format::Text, REPORT);
    assert_eq!(registry.detect(&doc.text), Some(&FORM_2027));
    let extraction = extract::extract_with(&registry, &doc);
    let report = &extraction.report;
    assert!(extraction.tables_found);
    assert_eq!(report.form, &FORM_2027);
    assert_eq!(
        (report.agency.as_str(), report.year),
        ("示例县公安局", Some(2027))
    );
    assert_eq!(value(report, TableId::Proactive, "rules", "in_force"), n(5));
    // The extra row and the extra column, read from their own labelled place.
    let key = report
        .key(TableId::Requests, "transferred", "foreign")
        .unwrap();
    assert_eq!(report.value(&key), &n(1));
    assert_eq!(
        report.cells.get(&key).unwrap().confidence,
        Confidence::Exact
    );
    assert_eq!(
        value(report, TableId::Requests, "received", "foreign"),
        n(2)
    );
    assert_eq!(value(report, TableId::Requests, "total", "total"), n(7));
    // Table 五 (this form's appeals) is one line of ten numbers: two rows of five.
    assert_eq!(value(report, TableId::Appeals, "review", "total"), n(2));
    assert_eq!(value(report, TableId::Appeals, "suit", "corrected"), n(1));
    // The national forms' cells are not there.
    assert!(report.key(TableId::Requests, "denied_1", "total").is_none());
    assert_eq!(report.cells.len(), 2 + 8 * 5 + 2 * 5);
    assert!(extraction.findings.is_empty(), "{:?}", extraction.findings);
}

#[test]
fn the_fictional_rules_and_claims_are_checked_and_written_as_json() {
    let registry = registry();
    let doc = Document::from_text(Format::Text, REPORT);
    let extraction = extract::extract_with(&registry, &doc);
    let findings = rules::report_findings(
        &extraction.report,
        &extraction.findings,
        Some(&doc),
        &[],
        rules::Policy::default(),
    );
    let broken: Vec<(&str, String)> = findings
        .iter()
        .filter(|f| f.severity == Severity::Broken)
        .map(|f| (f.check.id, f.cells[0].to_string()))
        .collect();
    assert_eq!(
        broken,
        vec![
            ("R2", "requests/total/foreign".to_owned()),
            ("R2", "requests/total/total".to_owned()),
            ("R5", "proactive/rules/in_force".to_owned()),
        ]
    );
    // Each finding's check is the form's own definition, titles and all.
    let r5 = findings.iter().find(|f| f.check.id == "R5").unwrap();
    assert!(std::ptr::eq(r5.check, &FORM_2027.rules[4].check));
    assert_eq!(r5.check.title(true), "in force = made this year");
    // The narrative claim is the form's too.
    let s3 = findings.iter().find(|f| f.check.id == "S3").unwrap();
    assert!(s3.message.contains("转送其他机关 3"), "{}", s3.message);
    // Every check of the registry has both titles, the fictional ones included.
    assert!(registry.checks().iter().any(|c| c.id == "R5"));
    let json = serde_json::to_value(&findings).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"R5") && ids.contains(&"S3"), "{ids:?}");
    let r2 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "R2" && f["cells"][0] == "requests/total/foreign")
        .unwrap();
    assert_eq!(r2["equation"]["lhs_sum"], "3");
    assert_eq!(r2["equation"]["rhs_sum"], "2");
}

#[test]
fn the_review_csv_round_trips_in_the_fictional_form() {
    let registry = registry();
    let doc = Document::from_text(Format::Text, REPORT);
    let mut report = extract::extract_with(&registry, &doc).report;
    let key = report.key(TableId::Requests, "total", "foreign").unwrap();
    report.cells.get_mut(&key).unwrap().value = n(2);
    let findings = rules::check(&report, rules::Policy::default());
    let mut csv = Vec::new();
    export::write_review_csv(&mut csv, &report, &findings).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(",2027,requests,transferred,（三）转送其他机关,foreign,外国人,1,"));
    let back = export::read_review_csv_with(&registry, csv.as_slice()).unwrap();
    // Spans into the source text are not kept in the CSV.
    for (_, cell) in report.cells.iter_mut() {
        if let Some(source) = &mut cell.source {
            source.span = None;
        }
    }
    assert_eq!(back, report);
    // Read with the national forms alone, the form is unknown: said, not guessed.
    let error = export::read_review_csv(csv.as_slice()).unwrap_err();
    assert!(error.to_string().contains("unknown form"), "{error}");
}

#[test]
fn a_form_naming_a_missing_row_is_refused_when_the_registry_is_made() {
    static BROKEN: Form = Form {
        code: "2028",
        rules: &[rule(
            "R9",
            "names a row the table lacks",
            TableId::Requests,
            RuleShape::EachColumn {
                lhs: &["no_such_row"],
                rhs: &["total"],
            },
        )],
        ..FORM_2027_COPY
    };
    let error = Registry::new(vec![&BROKEN]).unwrap_err();
    assert!(error.to_string().contains("no_such_row"), "{error}");
    assert!(Registry::new(vec![&FORM_2027, &FORM_2027]).is_err());
}

/// The fictional form as a constant, to build variants of it.
const FORM_2027_COPY: Form = Form {
    code: "2027",
    source: "",
    tables: FORM_2027.tables,
    rules: &[],
    cross_year: &[],
    claims: &[],
    assumed_from: None,
};
