//! The form definitions themselves: labels and keys exactly as the official notices print them
//! (国办公开办函〔2019〕60号 and 〔2021〕30号).

use super::{
    ColumnDef, Form, FormId, MoneyUnit, RowDef, RuleDef, RuleShape, TableDef, TableId, ValueKind,
};

/// Every form gouji knows, newest first.
pub static FORMS: [&Form; 3] = [&FORM_2021, &FORM_2021_REQUESTS_2019, &FORM_2019];

const fn col(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef {
        key,
        label,
        kind: ValueKind::Count,
    }
}

const fn row(
    key: &'static str,
    label: &'static str,
    depth: u8,
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef {
        key: Some(key),
        label,
        depth,
        columns,
        section: "",
    }
}

const fn group(label: &'static str, depth: u8) -> RowDef {
    RowDef {
        key: None,
        label,
        depth,
        columns: &[],
        section: "",
    }
}

const fn item(
    section: &'static str,
    key: &'static str,
    label: &'static str,
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef {
        key: Some(key),
        label,
        depth: 0,
        columns,
        section,
    }
}

// ---- 二、主动公开政府信息情况 ----

const S1: &str = "第二十条第（一）项";
const S5: &str = "第二十条第（五）项";
const S6: &str = "第二十条第（六）项";
const S8: &str = "第二十条第（八）项";
const S9: &str = "第二十条第（九）项";

const DOCS_2019: &[ColumnDef] = &[
    col("made", "本年新制作数量"),
    col("published", "本年新公开数量"),
    col("public_total", "对外公开总数量"),
];
const ITEMS_2019: &[ColumnDef] = &[
    col("items_prev", "上一年项目数量"),
    ColumnDef {
        key: "items_change",
        label: "本年增/减",
        kind: ValueKind::SignedCount,
    },
    col("decisions", "处理决定数量"),
];
const FEES_2019: &[ColumnDef] = &[
    col("items_prev", "上一年项目数量"),
    ColumnDef {
        key: "items_change",
        label: "本年增/减",
        kind: ValueKind::SignedCount,
    },
];
const PROCUREMENT_2019: &[ColumnDef] = &[
    col("projects", "采购项目数量"),
    ColumnDef {
        key: "amount",
        label: "采购总金额",
        kind: ValueKind::Money(MoneyUnit::Yuan),
    },
];

const PROACTIVE_2019: TableDef = TableDef {
    id: TableId::Proactive,
    title: "二、主动公开政府信息情况",
    rows: &[
        item(S1, "rules", "规章", DOCS_2019),
        item(S1, "normative", "规范性文件", DOCS_2019),
        item(S5, "licensing", "行政许可", ITEMS_2019),
        item(S5, "other_services", "其他对外管理服务事项", ITEMS_2019),
        item(S6, "penalty", "行政处罚", ITEMS_2019),
        item(S6, "coercion", "行政强制", ITEMS_2019),
        item(S8, "fees", "行政事业性收费", FEES_2019),
        item(S9, "procurement", "政府集中采购", PROCUREMENT_2019),
    ],
};

const DOCS_2021: &[ColumnDef] = &[
    col("issued", "本年制发件数"),
    col("repealed", "本年废止件数"),
    col("in_force", "现行有效件数"),
];
const DECISIONS_2021: &[ColumnDef] = &[col("decisions", "本年处理决定数量")];
const FEES_2021: &[ColumnDef] = &[ColumnDef {
    key: "amount",
    label: "本年收费金额（单位：万元）",
    kind: ValueKind::Money(MoneyUnit::WanYuan),
}];

const PROACTIVE_2021: TableDef = TableDef {
    id: TableId::Proactive,
    title: "二、主动公开政府信息情况",
    rows: &[
        item(S1, "rules", "规章", DOCS_2021),
        item(S1, "normative", "行政规范性文件", DOCS_2021),
        item(S5, "licensing", "行政许可", DECISIONS_2021),
        item(S6, "penalty", "行政处罚", DECISIONS_2021),
        item(S6, "coercion", "行政强制", DECISIONS_2021),
        item(S8, "fees", "行政事业性收费", FEES_2021),
    ],
};

// ---- 三、收到和处理政府信息公开申请情况 ----

const APPLICANTS: &[ColumnDef] = &[
    col("natural", "自然人"),
    col("business", "商业企业"),
    col("research", "科研机构"),
    col("nonprofit", "社会公益组织"),
    col("legal", "法律服务机构"),
    col("other", "其他"),
    col("total", "总计"),
];

/// The rows of table 三: rows 一 to （五） are common to both forms; the macro's arguments are the
/// rows that follow （五）.
macro_rules! requests_rows {
    ($($tail:expr),* $(,)?) => {
        &[
            row("received", "一、本年新收政府信息公开申请数量", 0, APPLICANTS),
            row("carried_in", "二、上年结转政府信息公开申请数量", 0, APPLICANTS),
            group("三、本年度办理结果", 0),
            row("granted", "（一）予以公开", 1, APPLICANTS),
            row(
                "partial",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                1,
                APPLICANTS,
            ),
            group("（三）不予公开", 1),
            row("denied_1", "1.属于国家秘密", 2, APPLICANTS),
            row("denied_2", "2.其他法律行政法规禁止公开", 2, APPLICANTS),
            row("denied_3", "3.危及“三安全一稳定”", 2, APPLICANTS),
            row("denied_4", "4.保护第三方合法权益", 2, APPLICANTS),
            row("denied_5", "5.属于三类内部事务信息", 2, APPLICANTS),
            row("denied_6", "6.属于四类过程性信息", 2, APPLICANTS),
            row("denied_7", "7.属于行政执法案卷", 2, APPLICANTS),
            row("denied_8", "8.属于行政查询事项", 2, APPLICANTS),
            group("（四）无法提供", 1),
            row("unable_1", "1.本机关不掌握相关政府信息", 2, APPLICANTS),
            row("unable_2", "2.没有现成信息需要另行制作", 2, APPLICANTS),
            row("unable_3", "3.补正后申请内容仍不明确", 2, APPLICANTS),
            group("（五）不予处理", 1),
            row("ignored_1", "1.信访举报投诉类申请", 2, APPLICANTS),
            row("ignored_2", "2.重复申请", 2, APPLICANTS),
            row("ignored_3", "3.要求提供公开出版物", 2, APPLICANTS),
            row("ignored_4", "4.无正当理由大量反复申请", 2, APPLICANTS),
            row("ignored_5", "5.要求行政机关确认或重新出具已获取信息", 2, APPLICANTS),
            $($tail),*
        ]
    };
}

const REQUESTS_TITLE: &str = "三、收到和处理政府信息公开申请情况";

const REQUESTS_2019: TableDef = TableDef {
    id: TableId::Requests,
    title: REQUESTS_TITLE,
    rows: requests_rows![
        row("other", "（六）其他处理", 1, APPLICANTS),
        row("total", "（七）总计", 1, APPLICANTS),
        row("carried_out", "四、结转下年度继续办理", 0, APPLICANTS),
    ],
};

const REQUESTS_2021: TableDef = TableDef {
    id: TableId::Requests,
    title: REQUESTS_TITLE,
    rows: requests_rows![
        group("（六）其他处理", 1),
        row(
            "other_1",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            2,
            APPLICANTS,
        ),
        row(
            "other_2",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            2,
            APPLICANTS,
        ),
        row("other_3", "3.其他", 2, APPLICANTS),
        row("total", "（七）总计", 1, APPLICANTS),
        row("carried_out", "四、结转下年度继续办理", 0, APPLICANTS),
    ],
};

// ---- 四、行政复议、行政诉讼情况 ----

const OUTCOMES: &[ColumnDef] = &[
    col("upheld", "结果维持"),
    col("corrected", "结果纠正"),
    col("other", "其他结果"),
    col("pending", "尚未审结"),
    col("total", "总计"),
];

const APPEALS: TableDef = TableDef {
    id: TableId::Appeals,
    title: "四、政府信息公开行政复议、行政诉讼情况",
    rows: &[
        row("review", "行政复议", 0, OUTCOMES),
        row("suit_direct", "行政诉讼（未经复议直接起诉）", 0, OUTCOMES),
        row("suit_after_review", "行政诉讼（复议后起诉）", 0, OUTCOMES),
    ],
};

// ---- Rules ----

const R1: RuleDef = RuleDef {
    id: "R1",
    name_zh: "第一项加第二项之和，等于第三项加第四项之和",
    name_en: "new + carried in = total processed + carried forward",
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["received", "carried_in"],
        rhs: &["total", "carried_out"],
    },
};

/// The outcome rows summed by R2: （一） to （五） are common to both forms; the arguments are the
/// rows of （六）.
macro_rules! outcome_rows {
    ($($tail:expr),*) => {
        &[
            "granted", "partial", "denied_1", "denied_2", "denied_3", "denied_4", "denied_5",
            "denied_6", "denied_7", "denied_8", "unable_1", "unable_2", "unable_3", "ignored_1",
            "ignored_2", "ignored_3", "ignored_4", "ignored_5", $($tail),*
        ]
    };
}

const R2_NAME_ZH: &str = "（七）总计等于各项办理结果之和";
const R2_NAME_EN: &str = "total processed = sum of the outcome rows";

const R2_2019: RuleDef = RuleDef {
    id: "R2",
    name_zh: R2_NAME_ZH,
    name_en: R2_NAME_EN,
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["total"],
        rhs: outcome_rows!("other"),
    },
};

const R2_2021: RuleDef = RuleDef {
    id: "R2",
    name_zh: R2_NAME_ZH,
    name_en: R2_NAME_EN,
    table: TableId::Requests,
    shape: RuleShape::EachColumn {
        lhs: &["total"],
        rhs: outcome_rows!("other_1", "other_2", "other_3"),
    },
};

const R3: RuleDef = RuleDef {
    id: "R3",
    name_zh: "总计等于各类申请人之和",
    name_en: "total = sum of the applicant columns",
    table: TableId::Requests,
    shape: RuleShape::EachRow {
        lhs: &["total"],
        rhs: &[
            "natural",
            "business",
            "research",
            "nonprofit",
            "legal",
            "other",
        ],
    },
};

const R4: RuleDef = RuleDef {
    id: "R4",
    name_zh: "总计等于维持、纠正、其他、尚未审结之和",
    name_en: "total = upheld + corrected + other + pending",
    table: TableId::Appeals,
    shape: RuleShape::EachRow {
        lhs: &["total"],
        rhs: &["upheld", "corrected", "other", "pending"],
    },
};

pub(super) const FORM_2019: Form = Form {
    id: FormId::Y2019,
    code: "2019",
    source: "国办公开办函〔2019〕60号",
    tables: [PROACTIVE_2019, REQUESTS_2019, APPEALS],
    rules: &[R1, R2_2019, R3, R4],
};

pub(super) const FORM_2021: Form = Form {
    id: FormId::Y2021,
    code: "2021",
    source: "国办公开办函〔2021〕30号",
    tables: [PROACTIVE_2021, REQUESTS_2021, APPEALS],
    rules: &[R1, R2_2021, R3, R4],
};

pub(super) const FORM_2021_REQUESTS_2019: Form = Form {
    id: FormId::Y2021Requests2019,
    code: "2021-r2019",
    source: "国办公开办函〔2021〕30号（表三按〔2019〕60号）",
    tables: [PROACTIVE_2021, REQUESTS_2019, APPEALS],
    rules: &[R1, R2_2019, R3, R4],
};
