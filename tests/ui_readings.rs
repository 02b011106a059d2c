//! UI tests for reading findings faster (issue 18): picking one of a finding's readings (the
//! chooser and the buttons), findings of one kind grouped under one line, and Ctrl+F finding
//! cells by the grid's labels. egui_kittest, no GPU; keys and text arrive as the platform sends
//! them, and assertions read the app's state and the labels drawn.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gouji::app::{Command, Prompt, ReviewApp, ScriptedDialogs};
use gouji::review::{Session, group_findings};
use gouji::template::TableId;
use gouji::{Document, Format, Report, Status, check};

#[path = "support/ui.rs"]
mod ui_support;
use ui_support::{press, type_text, window};

fn harness<'a>(session: Session) -> Harness<'a, ReviewApp> {
    window(session, [1600.0, 1000.0], ScriptedDialogs::default())
}

/// Table 三's rows 一 and 二 both print `112 000013` (1 and 12, or 11 and 2), and either
/// pairing keeps the column sums: two X4 findings of two readings each.
fn two_readings() -> Session {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/layouts/u4_rows_decided_together.txt"
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("115 000016", "112 000013")
        .replace("226 000028", "112 000013")
        .replace("341 000044", "1214 000026");
    Session::from_document(Document::from_text(Format::Text, &text))
}

fn report(h: &Harness<'_, ReviewApp>) -> Report {
    h.state().session().report().clone()
}

/// Presses F8 (at least once) until finding `i` is selected, as a reviewer walks the findings.
fn walk_to_finding(h: &mut Harness<'_, ReviewApp>, i: usize) {
    for _ in 0..=h.state().session().findings().len() {
        press(h, Modifiers::NONE, Key::F8);
        if h.state().selected_finding() == Some(i) {
            return;
        }
    }
    assert_eq!(h.state().selected_finding(), Some(i));
}

#[test]
fn choosing_reading_2_fills_exactly_its_cells_and_one_undo_empties_them() {
    let mut h = harness(two_readings());
    let findings = h.state().session().findings().to_vec();
    let i = findings
        .iter()
        .position(|f| f.is(&check::AMBIGUOUS_RUN) && f.readings.len() == 2)
        .unwrap();
    let finding = findings[i].clone();
    let before = report(&h);
    let ambiguous = h.state().session().counts().ambiguous;

    // Enter on the selected finding opens the chooser; 2 picks the second reading.
    walk_to_finding(&mut h, i);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(h.state().prompt(), Some(Prompt::Reading { finding: f, .. }) if *f == i),
        "{:?}",
        h.state().prompt()
    );
    let _ = h.get_by_label_contains("2  读法 2/2：");
    press(&mut h, Modifiers::NONE, Key::Num2);
    assert!(h.state().prompt().is_none());

    let after = report(&h);
    for (key, cell) in after.cells.iter() {
        let old = before.cells.get(key).unwrap();
        match finding.cells.iter().position(|k| k == key) {
            Some(at) => {
                assert_eq!(cell.value, finding.readings[1][at], "{key}");
                assert_eq!(cell.status, Status::Chosen, "{key}");
                assert!(cell.note.starts_with("读法 2/2（X4 "), "{}", cell.note);
            }
            None => assert_eq!(cell, old, "{key} is not the reading's"),
        }
    }
    // At least one of them was blank before: the reading filled it.
    assert!(
        finding
            .cells
            .iter()
            .any(|k| before.value(k).is_blank() && !after.value(k).is_blank())
    );
    // The finding went away, and the count of 存疑 with it.
    assert!(!h.state().session().findings().contains(&finding));
    assert_eq!(h.state().session().counts().ambiguous, ambiguous - 1);
    let _ = h.get_by_label(&format!("存疑 {}", ambiguous - 1));

    // One Ctrl+Z takes the whole reading back.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(report(&h), before);
    assert!(!h.state().session().can_undo());
    assert!(h.state().session().findings().contains(&finding));
}

#[test]
fn arrows_and_enter_pick_too_and_digits_outside_the_chooser_type_into_the_cell() {
    let mut h = harness(two_readings());
    let i = h
        .state()
        .session()
        .findings()
        .iter()
        .position(|f| f.readings.len() == 2)
        .unwrap();
    let finding = h.state().session().findings()[i].clone();
    walk_to_finding(&mut h, i);
    press(&mut h, Modifiers::NONE, Key::Enter);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let key = finding.cells[0];
    assert_eq!(report(&h).value(&key), &finding.readings[1][0]);

    // Esc closes the chooser and changes nothing.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    walk_to_finding(&mut h, i);
    press(&mut h, Modifiers::NONE, Key::Enter);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().prompt().is_none());
    assert!(!h.state().session().can_undo());

    // With no chooser open, a digit types into the selected cell as always.
    h.state_mut().push(Command::SelectCell(key));
    h.run();
    type_text(&mut h, "7");
    assert_eq!(
        h.state().editing().map(|(k, t)| (k, t.to_owned())),
        Some((key, "7".into()))
    );
    press(&mut h, Modifiers::NONE, Key::Escape);

    // Each reading is also a button under the selected finding.
    walk_to_finding(&mut h, i);
    h.get_by_label_contains("读法 1/2：").click();
    h.run();
    assert_eq!(report(&h).value(&key), &finding.readings[0][0]);
    assert_eq!(report(&h).cells.get(&key).unwrap().status, Status::Chosen);
}

#[test]
fn findings_of_one_kind_are_one_line_that_expands() {
    // Only the 总计 column printed: each row's R3 cannot be checked.
    let text = "测试市公安局2020年政府信息公开工作年度报告\n\
        三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量 5\n\
        二、上年结转政府信息公开申请数量 0\n\
        （一）予以公开 5\n\
        （七）总计 0\n\
        四、结转下年度继续办理 0\n";
    let session = Session::from_document(Document::from_text(Format::Text, text));
    let findings = session.findings().to_vec();
    let groups = group_findings(&findings);
    let group = groups
        .iter()
        .find(|g| g.members.len() > 2)
        .unwrap_or_else(|| panic!("no repeated findings: {findings:#?}"));
    let mut h = harness(session);
    let title = group.title(&findings, true);
    let member = &findings[group.members[1]].message_zh;
    let header = h.get_by_label_contains(&title);
    assert!(
        h.query_by_label_contains(member).is_none(),
        "collapsed: {member}"
    );
    header.click();
    h.run();
    let _ = h.get_by_label_contains(member);
    // Broken rules come first.
    if let Some(broken) = groups
        .iter()
        .position(|g| g.severity == gouji::rules::Severity::Broken)
    {
        assert!(
            groups[..broken]
                .iter()
                .all(|g| g.severity == groups[0].severity)
        );
        assert_eq!(groups[0].severity, gouji::rules::Severity::Broken);
    }
    // The form's words, not its keys, in both languages.
    for f in &findings {
        for text in [&f.message, &f.message_zh] {
            assert!(!text.contains("requests/"), "{text}");
        }
    }
}

#[test]
fn ctrl_f_finds_a_cell_by_its_label_and_enter_goes_to_the_next() {
    let mut h = harness(two_readings());
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.event(Event::Text("上年结转".into()));
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let at = |h: &Harness<'_, ReviewApp>, col: &str| {
        h.state()
            .session()
            .report()
            .key(TableId::Requests, "carried_in", col)
    };
    assert_eq!(h.state().selected_cell(), at(&h, "natural"));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().selected_cell(), at(&h, "business"));
    let _ = h.get_by_label("表格 2/7");
    // Shift+Enter goes back.
    press(&mut h, Modifiers::SHIFT, Key::Enter);
    assert_eq!(h.state().selected_cell(), at(&h, "natural"));
}
