//! The label walk: reading the tables printed row by row (二 and 三) from the token stream in the
//! form's printed order, then driving the stages after it (the map is in `extract`'s doc).
//!
//! A printed label is matched fuzzily only against the next few rows ([`LOOKAHEAD`]) and the
//! first row of each later table, and rows further on need a near-exact label, so the same words
//! in the narrative or in headers do not match. A row's fields are its value and empty tokens up to the next row's label;
//! they are placed by `align` (with `surplus` when there are more numbers than cells) or, run
//! together, filled by `digit_row`, and written by `cells`. After the walk, table-三 rows whose
//! digit runs stayed ambiguous are decided by R1 and R2 where they can be (`digit_row`), table 三
//! is re-read in printed order where the rules prefer it (`in_order`), and table 四, printed on
//! one line, is read after its heading (from blocks between header pieces by `scattered`).
//!
//! Main items: [`read`], [`no_tables_finding`].

use super::align::{self, Slot};
use super::cells::{text_of, write_cells};
use super::digit_row;
use super::in_order;
use super::labels::{self, THRESHOLD};
use super::scattered::{self, Scattered};
use super::surplus;
use super::token::{Kind, Label, RowMatch, Sep, Token};
use crate::check;
use crate::ingest::Document;
use crate::normalize;
use crate::report::{CellKey, Confidence, Report, Value, parse_value};
use crate::rules::Finding;
use crate::template::{
    Form, Layout, PerForm, Registry, RowDef, RuleShape, TableDef, TableId, ValueKind,
};
use rust_decimal::Decimal;

/// How many rows ahead of the expected one a label may match.
const LOOKAHEAD: usize = 8;
/// Score a label needs to match a row beyond the lookahead.
const FAR_THRESHOLD: f64 = 0.9;
/// Printed labels longer than this are narrative, not row labels.
const MAX_LABEL_CHARS: usize = 80;

/// A row the walk looks for.
struct Target {
    table: TableId,
    row: &'static RowDef,
    label: labels::Prepared,
    /// Which printed labels could match it at all.
    reach: labels::Reach,
    /// The row's cells and their kinds, in column order.
    keys: Vec<(CellKey, ValueKind)>,
    /// Whether it is its table's first row.
    opens_table: bool,
    /// The sums its cells keep: its table's rule over each row, if any.
    sums: digit_row::Sums,
}

/// Reads every table into `report`; `false` when no table row was found at all.
pub(crate) fn read(
    doc: &Document,
    tokens: &[Token],
    report: &mut Report,
    findings: &mut Vec<Finding>,
) -> bool {
    let targets = targets(report.form);
    let mut next = 0;
    let mut found = false;
    let mut after_requests = None;
    let mut requests_start = None;
    let mut pending = Vec::new();
    // Rows whose label did not name them on its own.
    let mut pieced: Vec<&Target> = Vec::new();
    // The current row's value and empty tokens (one buffer for all rows).
    let mut fields = Vec::new();
    let mut consumed = 0;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        let Some(label) = token.label_text() else {
            continue;
        };
        let Some(matched) = match_row(label, targets, next) else {
            continue;
        };
        if !matched.own && named_next(tokens, i, targets, next, matched.row) {
            continue; // a piece of the label that follows, which names the row itself
        }
        let t = matched.row;
        next = t + 1;
        let Some(target) = targets.get(t) else {
            continue;
        };
        if target.table == TableId::Requests && requests_start.is_none() {
            requests_start = Some(if target.opens_table {
                i - 1
            } else {
                // Table 三's first label is missing or printed later: numbers just before
                // the first label found may be its first rows.
                numbers_before(tokens, i - 1)
            });
        }
        if target.row.key.is_none() {
            continue;
        }
        let mut end = row_fields(tokens, i, targets, next, &mut fields);
        let before = number_before_label(tokens, consumed, i - 1, target, &fields);
        if let Some(token) = before {
            fields.clear();
            fields.push(token);
            end = i;
        }
        i = end;
        consumed = end;
        found = true;
        pending.extend(fill_row(doc, report, findings, target, &fields));
        let row_cells = report
            .cells
            .iter_mut()
            .filter(|(k, _)| k.table == target.table && Some(k.row) == target.row.key)
            .map(|(_, c)| c);
        if before.is_some() {
            // Not where the layout puts it: placed by elimination.
            row_cells.for_each(|cell| cell.confidence = Confidence::Inferred);
        } else if !matched.own {
            // Its label was pieced together or named only by its tail: read, not certain.
            row_cells
                .filter(|cell| cell.confidence == Confidence::Exact)
                .for_each(|cell| cell.confidence = Confidence::Inferred);
            pieced.push(target);
        }
        if t + 1 == targets.len() {
            // The last row printed row by row: the one-line tables follow.
            after_requests = Some(i);
            break;
        }
    }
    if !pieced.is_empty() {
        findings.push(pieced_finding(&pieced));
    }
    digit_row::resolve(doc, report, findings, pending);
    let one_line = report.form.tables.iter().find_map(|t| match t.layout {
        Layout::OneLine { heading } => Some((t, heading)),
        Layout::Rows => None,
    });
    if let Some(start) = requests_start {
        let end = one_line
            .and_then(|(_, heading)| heading_at(tokens, start, heading))
            .unwrap_or(tokens.len());
        if let Some(region) = tokens.get(start..end) {
            in_order::apply(doc, report, findings, region);
        }
    }
    if let Some(start) = after_requests.or(found.then_some(0))
        && let Some((table, heading)) = one_line
        && read_one_line(doc, report, findings, tokens, start, table, heading)
    {
        found = true;
    }
    if found {
        flag_mostly_blank(report, findings);
        flag_unread_tables(doc, report, findings);
    }
    found
}

/// Flags each table none of whose cells holds a value though the text shows it (its title, or
/// two of its column labels), when another table was read: its rows were not found (a PDF tool
/// may scramble a table with its header), so its blank cells say nothing. They are marked
/// ambiguous, not left looking printed blank. A table the text does not show is left alone.
fn flag_unread_tables(doc: &Document, report: &mut Report, findings: &mut Vec<Finding>) {
    let folded = std::cell::OnceCell::new();
    for table in report.form.tables {
        let mut cells = report
            .cells
            .iter_mut()
            .filter(|(k, _)| k.table == table.id)
            .peekable();
        if cells.peek().is_none() || cells.any(|(_, c)| !c.value.is_blank()) {
            continue;
        }
        let text = folded.get_or_init(|| normalize::label(&doc.text.replace("<br>", "")));
        let mut columns: Vec<String> = table
            .rows
            .iter()
            .flat_map(|r| r.columns.iter().map(|c| normalize::label(c.label)))
            .collect();
        columns.sort_unstable();
        columns.dedup();
        let shown = text.contains(normalize::label(table.title).as_str())
            || columns.iter().filter(|c| text.contains(c.as_str())).count() >= 2;
        if !shown {
            continue;
        }
        let mut keys = Vec::new();
        for (key, cell) in report.cells.iter_mut().filter(|(k, _)| k.table == table.id) {
            cell.confidence = Confidence::Ambiguous;
            keys.push(*key);
        }
        let n = keys.len();
        findings.push(Finding {
            check: &check::TABLE_UNREAD,
            severity: check::TABLE_UNREAD.severity,
            cells: keys,
            equation: None,
            repair: None,
            readings: Vec::new(),
            message: format!(
                "{}: not read, none of its {n} cells holds a value; check the report",
                table.title
            ),
            message_zh: format!("{}：未读出，{n} 格均无数字，请对照报告核对", table.title),
        });
    }
}

/// The rows the walk looks for in `form`, in printed order, prepared once per form: every row
/// (group rows too) of the tables printed row by row.
fn targets(form: &'static Form) -> &'static [Target] {
    static TARGETS: PerForm<Vec<Target>> = PerForm::new(build_targets);
    TARGETS.get(form)
}

fn build_targets(form: &'static Form) -> Vec<Target> {
    form.tables
        .iter()
        .filter(|t| t.layout == Layout::Rows)
        .flat_map(|table| {
            let sums = row_sums(form, table);
            table.rows.iter().enumerate().map(move |(i, row)| {
                let label = labels::Prepared::new(&normalize::label(row.label));
                let t = table.id;
                Target {
                    table: t,
                    row,
                    reach: labels::Reach::of(&label),
                    label,
                    keys: row
                        .columns
                        .iter()
                        .filter_map(|c| {
                            let key = CellKey::new(form, t, row.key?, c.key)?;
                            Some((key, c.kind))
                        })
                        .collect(),
                    opens_table: i == 0,
                    sums: digit_row::Sums {
                        width: if sums.is_some() { row.columns.len() } else { 0 },
                        rule: sums.unwrap_or(""),
                    },
                }
            })
        })
        .collect()
}

/// The id of `form`'s rule that sums each row of `table` (R3, R4), if it has one.
fn row_sums(form: &Form, table: &TableDef) -> Option<&'static str> {
    form.rules
        .iter()
        .find(|r| r.table == table.id && matches!(r.shape, RuleShape::EachRow { .. }))
        .map(|r| r.check.id)
}

/// The best-matching target: among the next few rows and the first row of each later table
/// fuzzily, further on only nearly exactly; and whether the label named it on its own.
fn match_row(label: &Label, targets: &[Target], next: usize) -> Option<RowMatch> {
    // Narrative: too long to name any row (`best_row`), told without folding it.
    if label.pieces().is_none() && label.longer_than(MAX_LABEL_CHARS) {
        return None;
    }
    label.matched(next, || {
        // A joined label is followed by numbers: it names a data row, not a group row, even
        // when one of its pieces is a group's label.
        let rank = |row: usize, score: f64| {
            let data =
                label.pieces().is_none() || targets.get(row).is_some_and(|t| t.row.key.is_some());
            (data, score)
        };
        // Each reading's best row, worked out once: the pieces' are asked again below.
        let matches: Vec<(&str, Option<(usize, f64)>)> = label
            .readings()
            .map(|text| (text, best_row(text, targets, next)))
            .collect();
        let mut best: Option<(usize, (bool, f64))> = None;
        for &(_, found) in &matches {
            if let Some((row, score)) = found
                && best.is_none_or(|(_, b)| rank(row, score) > b)
            {
                best = Some((row, rank(row, score)));
            }
        }
        let (row, _) = best?;
        let target = targets.get(row)?;
        let whole = || !labels::only_tail(label.as_str(), target.label.text());
        // The pieces are the last readings.
        let pieces = label.pieces().map_or(0, |joined| joined.pieces.len());
        let a_piece_names_it = || {
            matches.iter().rev().take(pieces).any(|&(text, found)| {
                found.is_some_and(|(r, _)| r == row)
                    && !labels::only_tail(text, target.label.text())
            })
        };
        let own = match label.pieces() {
            // Joined from cells: one cell must name the row by itself.
            Some(joined) if !joined.one_cell => a_piece_names_it(),
            Some(_) => whole() || a_piece_names_it(),
            None => whole(),
        };
        Some(RowMatch { row, own })
    })
}

/// The row `label` (in matching form) names best, looking from `next` on, with its score.
fn best_row(label: &str, targets: &[Target], next: usize) -> Option<(usize, f64)> {
    if label.chars().nth(MAX_LABEL_CHARS).is_some() {
        return None;
    }
    // A row printed exactly as on the form scores 1.0, which no other row can beat: the first
    // such row is the answer, without fuzzy matching.
    if let Some(j) = targets
        .iter()
        .skip(next)
        .position(|t| t.label.text() == label)
    {
        return Some((next + j, 1.0));
    }
    let printed = labels::Printed::of(label);
    let mut best: Option<(usize, f64)> = None;
    for (j, target) in targets.iter().enumerate().skip(next) {
        if !target.reach.admits(&printed) {
            continue; // it would score 0
        }
        // Near rows match fuzzily; a row further on (rows missing in between, or a table
        // missing) only on a near-exact label.
        let near = j < next + LOOKAHEAD
            || j.checked_sub(1)
                .and_then(|p| targets.get(p))
                .is_none_or(|previous| previous.table != target.table);
        let threshold = if near { THRESHOLD } else { FAR_THRESHOLD };
        let s = labels::score_at_least(&printed, &target.label, threshold);
        if s >= threshold && best.is_none_or(|(_, b)| s > b) {
            best = Some((j, s));
        }
    }
    best
}

/// Puts in `fields` the value and empty tokens of the row whose label ends at `start`, and
/// returns where the row ends.
fn row_fields<'t>(
    tokens: &'t [Token],
    start: usize,
    targets: &[Target],
    next: usize,
    fields: &mut Vec<&'t Token>,
) -> usize {
    fields.clear();
    let mut i = start;
    while let Some(token) = tokens.get(i) {
        let new_line = fields.last().is_some_and(|f: &&Token| f.line != token.line);
        if new_line && opens_next_row(tokens, i, targets, next) {
            break;
        }
        match &token.kind {
            Kind::Value | Kind::Empty => fields.push(token),
            Kind::Label(label) => {
                // A wrapped label's next piece may come before the row's numbers; a piece that
                // only looks like another row's tail is one, unless numbers follow it on its line.
                let continuation = fields.is_empty()
                    && match_row(label, targets, next)
                        .is_none_or(|m| !m.own && !values_follow(tokens, i));
                if !continuation {
                    break;
                }
            }
        }
        i += 1;
    }
    i
}

/// Whether a value follows token `i` on its line.
fn values_follow(tokens: &[Token], i: usize) -> bool {
    let line = tokens.get(i).map(|t| t.line);
    tokens
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| Some(t.line) == line)
        .any(|t| t.kind == Kind::Value)
}

/// Whether the label after token `i - 1` (past empty cells, before any value) names row `row`
/// or a later one on its own: then the label at `i - 1`, which named `row` only weakly, is a
/// piece of it.
fn named_next(tokens: &[Token], i: usize, targets: &[Target], next: usize, row: usize) -> bool {
    tokens
        .get(i..)
        .unwrap_or_default()
        .iter()
        .find(|t| t.kind != Kind::Empty)
        .and_then(Token::label_text)
        .and_then(|label| match_row(label, targets, next))
        .is_some_and(|m| m.own && m.row >= row)
}

/// The finding for rows whose labels did not name them on their own (`rows`).
fn pieced_finding(rows: &[&Target]) -> Finding {
    let cells: Vec<CellKey> = rows
        .iter()
        .flat_map(|t| t.keys.iter().map(|(k, _)| *k))
        .collect();
    let names: Vec<&str> = rows.iter().map(|t| t.row.label).collect();
    Finding {
        check: &check::LABEL_PIECED,
        severity: check::LABEL_PIECED.severity,
        cells,
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "{} rows matched by labels pieced together from cut cells or by their tails only, cells inferred: {}",
            rows.len(),
            names.join("; ")
        ),
        message_zh: format!(
            "{} 行的行标签被拆散在几格中或只印出末尾，拼合后识别，其数字标为推断：{}",
            rows.len(),
            names.join("；")
        ),
    }
}

/// Whether the line starting at token `i` is empty label columns (`\t（二）部分公开…`) followed by
/// a row label: those empty cells pad the next row, not this one.
fn opens_next_row(tokens: &[Token], i: usize, targets: &[Target], next: usize) -> bool {
    let line = tokens.get(i).map(|t| t.line);
    tokens
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| Some(t.line) == line && t.kind != Kind::Value)
        .find_map(|t| t.label_text())
        .is_some_and(|label| match_row(label, targets, next).is_some())
}

/// Places a row's fields on its columns and writes the cells.
fn fill_row(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    target: &Target,
    fields: &[&Token],
) -> Option<digit_row::Pending> {
    // Only rows with a key hold cells.
    target.row.key?;
    let columns = target.row.columns;
    let keys = target.keys.as_slice();
    if digit_row::is_run(fields) {
        let what = || target.row.label.to_owned();
        return digit_row::fill(doc, report, findings, keys, fields, target.sums, what);
    }
    let same = |a, b| same_value(doc, fields, a, b);
    // A row whose last cell is its total: a lone number is that total.
    let summed = target.sums.width > 0;
    let placement = align::place(fields, columns.len(), summed, same);
    let (placement, readings) = settle_surplus(doc, fields, target.sums.width, placement);
    let unknown = write_cells(doc, report, keys, fields, &placement.slots);
    let (printed, cells) = placement.miscount?;
    let line = fields.first().map(|t| t.line + 1).unwrap_or(0);
    let all: Vec<CellKey> = keys.iter().map(|(k, _)| *k).collect();
    let label = target.row.label;
    let open = !unknown.is_empty();
    findings.push(miscount_finding(
        label,
        printed,
        cells,
        line,
        all.clone(),
        unknown,
    ));
    // Several readings keep the row's total: table 三's column sums may still tell.
    if !open || target.table != TableId::Requests || readings.len() < 2 {
        return None;
    }
    let decided = Finding {
        message: format!(
            "{label} (line {line}): {printed} values printed for {cells} cells; of the readings that keep its total, one alone keeps the column sums (R1, R2): cells inferred"
        ),
        message_zh: format!(
            "{label}（第 {line} 行）：{cells} 格印了 {printed} 个数；保持本行总计的读法中只有一种使各列合计（R1、R2）成立，据此推断"
        ),
        ..miscount_finding(label, printed, cells, line, all, Vec::new())
    };
    let spans = readings
        .iter()
        .map(|reading| {
            let span = |&i: &usize| fields.get(i).map(|t| t.span.clone());
            reading.iter().filter_map(span).collect()
        })
        .collect();
    let first_line = fields.first().map_or(0, |t| t.line);
    Some(digit_row::Pending::surplus(
        keys, spans, first_line, decided,
    ))
}

/// The indexes of the value fields among `fields`.
fn value_fields(fields: &[&Token]) -> Vec<usize> {
    (0..fields.len())
        .filter(|&i| fields.get(i).is_some_and(|t| t.kind == Kind::Value))
        .collect()
}

/// The number field `i` holds, if any.
fn field_number(doc: &Document, fields: &[&Token], i: usize) -> Option<Decimal> {
    let token = fields.get(i)?;
    parse_value(text_of(doc, token), ValueKind::SignedCount).number()
}

/// The finding for a row (named by its printed `label`) printing `printed` values for its `cells`
/// cells `all`, `unknown` of them left blank.
fn miscount_finding(
    label: &str,
    printed: usize,
    cells: usize,
    line: usize,
    all: Vec<CellKey>,
    unknown: Vec<CellKey>,
) -> Finding {
    let kept = cells - unknown.len();
    Finding {
        check: &check::MISCOUNT,
        severity: if unknown.is_empty() {
            check::Severity::Warning
        } else {
            check::Severity::Ambiguous
        },
        cells: all,
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "{label} (line {line}): {printed} values printed for {cells} cells; {kept} kept where every reading agrees (among those whose totals hold, if any), {} left blank",
            unknown.len()
        ),
        message_zh: format!(
            "{label}（第 {line} 行）：{cells} 格印了 {printed} 个数；{kept} 格各种读法一致已保留，{} 格留空待核",
            unknown.len()
        ),
    }
}

/// With more numbers than cells, lets each group's total (`width` cells, last the total) choose
/// which numbers are surplus; the miscount stays flagged. Also the readings that keep the
/// totals (the fields each keeps), for the column sums to decide between.
fn settle_surplus(
    doc: &Document,
    fields: &[&Token],
    width: usize,
    mut placement: align::Placement,
) -> (align::Placement, Vec<Vec<usize>>) {
    let Some((printed, cells)) = placement.miscount else {
        return (placement, Vec::new());
    };
    if printed <= cells {
        return (placement, Vec::new());
    }
    let value = |i: usize| field_number(doc, fields, i);
    let readings = surplus::readings(&value_fields(fields), cells, width, &value);
    if let Some(slots) = surplus::place(&readings, cells, value) {
        placement.slots = slots;
    }
    (placement, readings)
}

/// Whether fields `a` and `b` hold the same value.
fn same_value(doc: &Document, fields: &[&Token], a: usize, b: usize) -> bool {
    let value = |i: usize| {
        fields
            .get(i)
            .map(|t| parse_value(text_of(doc, t), ValueKind::SignedCount))
    };
    value(a) == value(b)
}

/// Reading-order PDF text sometimes prints a one-cell row's number before its label
/// (`本年处理决定数量` / `550` / `行政许可`): when nothing after the label fits the row, the one
/// number left unread since the previous row, on an earlier line, is the row's.
fn number_before_label<'t>(
    tokens: &'t [Token],
    consumed: usize,
    label: usize,
    target: &Target,
    fields: &[&Token],
) -> Option<&'t Token> {
    let after = fields.iter().filter(|t| t.kind == Kind::Value).count();
    if target.row.columns.len() != 1 || after == 1 {
        return None;
    }
    let line = tokens.get(label)?.line;
    let unread: Vec<&Token> = tokens
        .get(consumed..label)?
        .iter()
        .filter(|t| t.kind == Kind::Value)
        .collect();
    match unread.as_slice() {
        [one] if one.line < line && one.sep == Sep::Space => Some(one),
        _ => None,
    }
}

/// Where the value and empty tokens directly before token `index` start.
fn numbers_before(tokens: &[Token], index: usize) -> usize {
    let mut start = index;
    while start > 0
        && tokens
            .get(start - 1)
            .is_some_and(|t| matches!(t.kind, Kind::Value | Kind::Empty))
    {
        start -= 1;
    }
    start
}

/// The first token at or after `start` whose label holds `heading`.
fn heading_at(tokens: &[Token], start: usize, heading: &str) -> Option<usize> {
    tokens
        .iter()
        .skip(start)
        .position(|t| t.label().is_some_and(|l| l.contains(heading)))
        .map(|p| p + start)
}

/// Reads a table printed on one line (table 四, [`Layout::OneLine`]): the first line of values
/// after its `heading`, placed on its cells row after row.
fn read_one_line(
    doc: &Document,
    report: &mut Report,
    findings: &mut Vec<Finding>,
    tokens: &[Token],
    start: usize,
    table: &'static TableDef,
    heading: &str,
) -> bool {
    let Some(heading) = heading_at(tokens, start, heading) else {
        return false;
    };
    let Some(first) = tokens
        .iter()
        .skip(heading)
        .position(|t| t.kind == Kind::Value)
        .map(|p| p + heading)
    else {
        return false;
    };
    let line = tokens.get(first).map(|t| t.line).unwrap_or(0);
    let from = tokens
        .iter()
        .position(|t| t.line == line)
        .filter(|&p| {
            tokens
                .get(p..first)
                .is_some_and(|before| before.iter().all(|t| !t.is_label()))
        })
        .unwrap_or(first);
    let fields: Vec<&Token> = tokens
        .iter()
        .skip(from)
        .take_while(|t| !t.is_label())
        .collect();
    let form = report.form;
    let rows: Vec<&RowDef> = table.data_rows().collect();
    let n: usize = rows.iter().map(|r| r.columns.len()).sum();
    let keys: Vec<(CellKey, ValueKind)> = rows
        .iter()
        .flat_map(|r| {
            r.columns
                .iter()
                .filter_map(|c| Some((CellKey::new(form, table.id, r.key?, c.key)?, c.kind)))
        })
        .collect();
    // Each row's cells end with its total when a rule sums the rows.
    let sums = digit_row::Sums {
        width: rows.first().map_or(0, |r| r.columns.len()),
        rule: row_sums(form, table).unwrap_or(""),
    };
    if digit_row::is_run(&fields) {
        // No rule runs across this table's rows: an ambiguous row stays so.
        let what = || table.title.to_owned();
        let _unresolved = digit_row::fill(doc, report, findings, &keys, &fields, sums, what);
        return true;
    }
    let same = |a, b| same_value(doc, &fields, a, b);
    let placement = align::place(&fields, n, false, same);
    let width = sums.width;
    if placement.miscount.is_some() {
        let value = |t: &Token| parse_value(text_of(doc, t), ValueKind::SignedCount).number();
        let stated = || crate::rules::narrative::stated_review_row(doc).map(Vec::from);
        if let Some(read) = scattered::read(tokens, heading, n, width, &value, &stated) {
            write_cells(doc, report, &keys, &read.fields, &read.slots);
            findings.push(scatter_finding(&read, &keys, line + 1));
            return true;
        }
    }
    let (placement, _) = settle_surplus(doc, &fields, width, placement);
    let unknown = write_cells(doc, report, &keys, &fields, &placement.slots);
    if let Some((printed, cells)) = placement.miscount {
        let all = keys.iter().map(|(k, _)| *k).collect();
        findings.push(miscount_finding(
            table.title,
            printed,
            cells,
            line + 1,
            all,
            unknown,
        ));
    }
    true
}

/// Most orders of table 四's blocks a finding lists as readings to pick from.
const MAX_LISTED_ORDERS: usize = 24;

/// What reading table 四 from blocks of numbers found: a warning when one reading remains, else
/// the cells the readings disagree on are ambiguous, and the orders still open are its readings.
fn scatter_finding(read: &Scattered<'_>, keys: &[(CellKey, ValueKind)], line: usize) -> Finding {
    let open = read
        .slots
        .iter()
        .filter(|s| matches!(s, Slot::Unknown))
        .count();
    let how = if read.narrative {
        "kept the orders in which each row's total is its sum and the 行政复议 row is as the text states it"
    } else if read.totals_hold {
        "kept the orders in which each row's total is its sum"
    } else {
        "no order makes the totals hold: read in printed order"
    };
    let how_zh = if read.narrative {
        "取各行总计等于分项之和、且行政复议行与正文所述一致的排列"
    } else if read.totals_hold {
        "取各行总计等于分项之和的排列"
    } else {
        "没有一种排列使总计成立，按印刷顺序读取"
    };
    // The readings themselves, row by row, when there are few enough to weigh.
    let listed: Vec<String> = read
        .kept
        .iter()
        .map(|values| {
            values
                .chunks(read.width.max(1))
                .map(|row| {
                    row.iter()
                        .map(|v| v.normalize().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    let (readings, readings_zh) = if open > 0 && listed.len() <= 6 {
        (
            format!("; readings: [{}]", listed.join("] or [")),
            format!("；各读法：[{}]", listed.join("] 或 [")),
        )
    } else {
        (String::new(), String::new())
    };
    Finding {
        check: &check::SCATTERED,
        severity: if open == 0 {
            check::Severity::Warning
        } else {
            check::Severity::Ambiguous
        },
        cells: keys.iter().map(|(k, _)| *k).collect(),
        equation: None,
        repair: None,
        // The orders still open, one value per cell, for the reviewer to pick from; the cells
        // themselves stay as read (blank where the orders differ).
        readings: if open > 0 && (2..=MAX_LISTED_ORDERS).contains(&read.kept.len()) {
            read.kept
                .iter()
                .filter(|values| values.len() == keys.len())
                .map(|values| values.iter().map(|v| Value::Number(*v)).collect())
                .collect()
        } else {
            Vec::new()
        },
        message: format!(
            "table 四 (line {line}): the {} numbers are printed in {} blocks between pieces of the header; {how} (readings kept: {}): {} cells inferred, {open} left blank where the readings differ{readings}",
            keys.len(),
            read.blocks,
            read.readings,
            read.slots.len() - open
        ),
        message_zh: format!(
            "四、行政复议、行政诉讼情况（第 {line} 行）：{} 个数分 {} 段夹在表头文字之间；{how_zh}（{} 种读法）：推断 {} 格，读法不一致的 {open} 格留空待核{readings_zh}",
            keys.len(),
            read.blocks,
            read.readings,
            read.slots.len() - open
        ),
    }
}

/// Warns when table 三 is mostly blank (e.g. only its 总计 column filled).
fn flag_mostly_blank(report: &Report, findings: &mut Vec<Finding>) {
    let cells: Vec<&crate::report::Cell> = report
        .cells
        .iter()
        .filter(|(k, _)| k.table == TableId::Requests)
        .map(|(_, c)| c)
        .collect();
    let filled = cells.iter().filter(|c| !c.value.is_blank()).count();
    if filled == 0 || filled * 2 > cells.len() {
        return;
    }
    findings.push(Finding {
        check: &check::MOSTLY_BLANK,
        severity: check::MOSTLY_BLANK.severity,
        cells: Vec::new(),
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "requests table mostly blank: {filled} of {} cells filled",
            cells.len()
        ),
        message_zh: format!(
            "申请情况表大部分为空：{} 格中只填了 {filled} 格",
            cells.len()
        ),
    });
}

/// The finding for a report without the standard tables of any form of `registry`.
pub(crate) fn no_tables_finding(registry: &Registry) -> Finding {
    // The forms a report is read in by its year, oldest first: "2019 or 2021".
    let mut standalone: Vec<(u16, &str)> = registry
        .forms()
        .iter()
        .filter_map(|f| Some((f.assumed_from?, f.code)))
        .collect();
    standalone.sort_unstable();
    let codes: Vec<&str> = standalone.iter().map(|(_, code)| *code).collect();
    let first = standalone.first().map_or(0, |(year, _)| *year);
    Finding {
        check: &check::NO_TABLES,
        severity: check::NO_TABLES.severity,
        cells: Vec::new(),
        equation: None,
        repair: None,
        readings: Vec::new(),
        message: format!(
            "no standard tables: this report does not follow the {} form (e.g. a report from before {first})",
            codes.join(" or ")
        ),
        message_zh: format!(
            "未找到标准表格：本报告不是 {} 年格式（例如 {first} 年以前的报告）",
            codes.join(" 或 ")
        ),
    }
}
