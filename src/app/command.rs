//! [`Command`]: every action of the window. Widgets push commands; the app runs them after
//! drawing the frame, so a panel never changes the session while it is being drawn.
//!
//! The registry of keys: [`SHORTCUTS`] binds each command's shortcut, and [`GRID_KEYS`] lists
//! the keys the grid reads itself (typing, F2, Enter, Tab, the arrows, Esc, Delete, Shift to
//! extend the selection). The Help window (F1) is generated from both, so it cannot drift.

use std::path::PathBuf;

use crate::CellKey;
use crate::corpus::queue::{Filter, SortKey};
use crate::review::Edit;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::i18n::Lang;

/// A move from the selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The row above.
    Up,
    /// The row below.
    Down,
    /// The column to the left.
    Left,
    /// The column to the right (then the next row's first).
    Right,
}

/// A side pane that collapses (Ctrl+1, Ctrl+2, Ctrl+3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The report text, left.
    Raw,
    /// The findings, right.
    Findings,
    /// A folder's queue, bottom.
    Queue,
}

/// One action of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Command {
    /// Ask for a file and open it (after the unsaved-changes prompt).
    Open,
    /// Open this file (after the unsaved-changes prompt), or this folder as the queue.
    OpenPath(PathBuf),
    /// Ask for a folder and read it into the queue.
    OpenFolder,
    /// Read this folder into the queue (the report under review stays open).
    OpenFolderPath(PathBuf),
    /// Open the queue's row `0`, saving the review first when there are edits.
    OpenQueued(usize),
    /// Open the next report of the queue that needs attention, saving first (F7).
    NextInQueue,
    /// Show only the queue's rows this filter admits.
    QueueFilter(Filter),
    /// Sort the queue by this column (again: reverse).
    QueueSort(SortKey),
    /// Save the review CSV (asks for a name when there is none yet).
    Save,
    /// Ask for a name and save the review CSV there.
    SaveAs,
    /// Write the findings list of the open report, or of every report of the queue, beside
    /// each report (`NAME.EXT.findings.xlsx`).
    ExportFindings,
    /// Close the window (after the unsaved-changes prompt).
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Select the next finding (F8).
    NextFinding,
    /// Select the previous finding (Shift+F8).
    PreviousFinding,
    /// Select finding number `0`.
    SelectFinding(usize),
    /// Select a cell and scroll it into view.
    SelectCell(CellKey),
    /// Select a cell clicked with the mouse (the grid stays where it is).
    ClickCell(CellKey),
    /// Move the selection from the selected cell (Enter, Tab, arrows).
    Move(Step),
    /// Select the cell read from this byte of the report text (a click in the raw text).
    SelectSource(usize),
    /// Apply the repair of the selected finding, or of the selected cell's finding (F9).
    ApplyRepair,
    /// Open the chooser of the selected finding's readings (Enter, while a finding that lists
    /// readings is selected and nothing is typed; otherwise Enter is the grid's).
    PickReading,
    /// Fill the cells of the finding in the chooser (or the selected finding) with its reading
    /// `0` (0-based), as one edit with status chosen (1–9 in the chooser, or a reading's button).
    ChooseReading(usize),
    /// Check the selected cells, or clear their checks when all are checked already (F6).
    ToggleChecked,
    /// Check every cell not blank in the source and save, so the queue shows the report as
    /// reviewed (Ctrl+Enter); asks first while rules are broken or readings ambiguous.
    FinishReport,
    /// Answer to the question before finishing: finish anyway.
    FinishAnyway,
    /// Copy the selected cell or rectangle as tab-separated text (Ctrl+C).
    Copy,
    /// Paste tab-separated text from the selected cell rightwards and down, as one edit
    /// (Ctrl+V). `None` (the menu) asks the platform for the clipboard, which then arrives as a
    /// paste event with the text.
    Paste(Option<String>),
    /// Extend the selection one cell this way, within the table (Shift+arrows).
    Extend(Step),
    /// Extend the selection to this cell, within the table (Shift+click).
    ExtendTo(CellKey),
    /// Show or hide the list of every correction in the report.
    ShowChanges,
    /// Show or hide the Help window: every key, colour and mark (F1).
    Help,
    /// Make everything larger (Ctrl +).
    ZoomIn,
    /// Make everything smaller (Ctrl −).
    ZoomOut,
    /// Back to the normal size (Ctrl 0).
    ZoomReset,
    /// Apply an edit.
    Edit(Edit),
    /// Count blank cells as 0 or not.
    ToggleBlankAsZero,
    /// Switch between Chinese and English.
    ToggleLanguage,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Focus the search box, which looks in the grid's labels and the report text (Ctrl+F).
    Find,
    /// Show or collapse a side pane.
    TogglePane(Pane),
    /// Wrap the report text's long lines, or not.
    ToggleWrap,
    /// Answer to the path field: take the path typed.
    PathConfirm,
    /// Answer to the question about an invalid typed value: drop it and go on.
    DiscardTyping,
    /// Answer to a prompt: save, then go on.
    PromptSave,
    /// Answer to a prompt: go on without saving (or restore nothing).
    PromptDiscard,
    /// Answer to a prompt: stay.
    PromptCancel,
    /// Answer to the recovery offer: take the recovered edits.
    RestoreRecovery,
    /// Answer to the notice about an unusable review CSV: open that CSV on its own.
    OpenReviewAnyway(PathBuf),
    /// Answer to a notice: close it.
    Dismiss,
}

impl Command {
    /// The menu text of the command, in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match self {
            Command::Open | Command::OpenPath(_) => lang.pick("打开…", "Open…"),
            Command::OpenFolder | Command::OpenFolderPath(_) => {
                lang.pick("打开文件夹…", "Open folder…")
            }
            Command::OpenQueued(_) => lang.pick("打开报告", "Open report"),
            Command::NextInQueue => lang.pick("下一份待处理报告", "Next report needing attention"),
            Command::QueueFilter(_) => lang.pick("筛选", "Filter"),
            Command::QueueSort(_) => lang.pick("排序", "Sort"),
            Command::Save => lang.pick("保存", "Save"),
            Command::SaveAs => lang.pick("另存为…", "Save as…"),
            Command::ExportFindings => lang.pick("导出问题清单…", "Export findings…"),
            Command::Quit => lang.pick("退出", "Quit"),
            Command::Undo => lang.pick("撤销", "Undo"),
            Command::Redo => lang.pick("重做", "Redo"),
            Command::NextFinding => lang.pick("下一个问题", "Next finding"),
            Command::PreviousFinding => lang.pick("上一个问题", "Previous finding"),
            Command::SelectFinding(_) => lang.pick("选择问题", "Select finding"),
            Command::SelectCell(_) | Command::ClickCell(_) | Command::SelectSource(_) => {
                lang.pick("选择单元格", "Select cell")
            }
            Command::Move(_) => lang.pick("移动", "Move"),
            Command::TogglePane(Pane::Raw) => lang.pick("原文窗格", "Report text pane"),
            Command::TogglePane(Pane::Findings) => lang.pick("问题窗格", "Findings pane"),
            Command::TogglePane(Pane::Queue) => lang.pick("报告列表窗格", "Queue pane"),
            Command::ToggleWrap => lang.pick("原文自动换行", "Wrap report text"),
            Command::PathConfirm => lang.pick("确定", "OK"),
            Command::DiscardTyping => lang.pick("放弃输入", "Discard typing"),
            Command::ApplyRepair => lang.pick("采用建议值", "Apply repair"),
            Command::PickReading => lang.pick("选择读法…", "Pick a reading…"),
            Command::ChooseReading(_) => lang.pick("选定读法", "Choose reading"),
            Command::ToggleChecked => lang.pick("标记/取消已核", "Check / uncheck"),
            Command::FinishReport => lang.pick("完成复核并保存", "Finish report and save"),
            Command::FinishAnyway => lang.pick("仍然完成", "Finish anyway"),
            Command::Copy => lang.pick("复制", "Copy"),
            Command::Paste(_) => lang.pick("粘贴", "Paste"),
            Command::Extend(_) => lang.pick("扩展选区", "Extend selection"),
            Command::ExtendTo(_) => lang.pick("选区扩展到单元格", "Extend selection to cell"),
            Command::ShowChanges => lang.pick("修改清单", "Changes"),
            Command::Help => lang.pick("快捷键与标记说明", "Keys, colours and marks"),
            Command::ZoomIn => lang.pick("放大", "Zoom in"),
            Command::ZoomOut => lang.pick("缩小", "Zoom out"),
            Command::ZoomReset => lang.pick("原始大小", "Actual size"),
            Command::Edit(_) => lang.pick("修改", "Edit"),
            Command::ToggleBlankAsZero => lang.pick("空格按 0 计", "Count blanks as 0"),
            Command::ToggleLanguage => "English / 中文",
            Command::ToggleTheme => lang.pick("浅色 / 深色", "Light / dark"),
            Command::Find => lang.pick("查找（表格标签与原文）", "Find (labels and text)"),
            Command::PromptSave => lang.pick("保存", "Save"),
            Command::PromptDiscard => lang.pick("不保存", "Don't save"),
            Command::PromptCancel => lang.pick("取消", "Cancel"),
            Command::RestoreRecovery => lang.pick("恢复", "Restore"),
            Command::OpenReviewAnyway(_) => {
                lang.pick("仍然打开这个审核 CSV", "Open that review CSV anyway")
            }
            Command::Dismiss => lang.pick("知道了", "OK"),
        }
    }

    /// The keyboard shortcut of the command, if it has one (from [`SHORTCUTS`]).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        SHORTCUTS
            .iter()
            .find(|(command, _)| command == self)
            .map(|&(_, shortcut)| shortcut)
    }

    /// The commands reachable by shortcut, with their shortcuts, in the order the window tries
    /// them: most modifiers first, so Shift+F8 wins over F8 (egui takes F8 to match Shift+F8
    /// too). Derived from [`SHORTCUTS`], so no command with a shortcut can be missing.
    pub fn with_shortcuts() -> Vec<(Command, KeyboardShortcut)> {
        let mut all = SHORTCUTS.to_vec();
        all.sort_by_key(|(_, shortcut)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        all
    }

    /// Whether the window takes the command's key only in one state, leaving it to the grid
    /// otherwise: Enter picks a reading only while a finding that lists readings is selected.
    pub fn key_only_when_applicable(&self) -> bool {
        matches!(self, Command::PickReading)
    }

    /// Whether the platform delivers the command as an event of its own rather than as a key
    /// (Ctrl+C and Ctrl+V arrive as copy and paste events, which the grid reads): the window
    /// does not look for its shortcut among the keys.
    pub fn arrives_as_event(&self) -> bool {
        matches!(self, Command::Copy | Command::Paste(_))
    }

    /// Whether the command leaves the cell being typed into, or acts on the report: then what
    /// is typed is committed first (`ReviewApp::commit_pending`), and a refused value stops it.
    /// Only view switches and answers to a question leave the typing alone.
    pub fn commits_typing(&self) -> bool {
        !matches!(
            self,
            Command::QueueFilter(_)
                | Command::QueueSort(_)
                | Command::ToggleLanguage
                | Command::ToggleTheme
                | Command::TogglePane(_)
                | Command::ToggleWrap
                | Command::ShowChanges
                | Command::Help
                | Command::ZoomIn
                | Command::ZoomOut
                | Command::ZoomReset
                | Command::Copy
                | Command::PromptSave
                | Command::PromptDiscard
                | Command::PromptCancel
                | Command::RestoreRecovery
                | Command::OpenReviewAnyway(_)
                | Command::Dismiss
                | Command::PathConfirm
                | Command::DiscardTyping
        )
    }
}

/// Every keyboard shortcut of the window and its command: the one list [`Command::shortcut`] and
/// [`Command::with_shortcuts`] are read from.
pub static SHORTCUTS: [(Command, KeyboardShortcut); 26] = {
    const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(modifiers, key)
    }
    const COMMAND_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
    [
        (Command::Open, key(Modifiers::COMMAND, Key::O)),
        (Command::OpenFolder, key(COMMAND_SHIFT, Key::O)),
        (Command::NextInQueue, key(Modifiers::NONE, Key::F7)),
        (Command::Save, key(Modifiers::COMMAND, Key::S)),
        (Command::SaveAs, key(COMMAND_SHIFT, Key::S)),
        (Command::Quit, key(Modifiers::COMMAND, Key::Q)),
        (Command::Undo, key(Modifiers::COMMAND, Key::Z)),
        (Command::Redo, key(Modifiers::COMMAND, Key::Y)),
        (Command::NextFinding, key(Modifiers::NONE, Key::F8)),
        (Command::PreviousFinding, key(Modifiers::SHIFT, Key::F8)),
        (Command::ApplyRepair, key(Modifiers::NONE, Key::F9)),
        (Command::PickReading, key(Modifiers::NONE, Key::Enter)),
        (Command::ToggleChecked, key(Modifiers::NONE, Key::F6)),
        (Command::FinishReport, key(Modifiers::COMMAND, Key::Enter)),
        (Command::Copy, key(Modifiers::COMMAND, Key::C)),
        (Command::Paste(None), key(Modifiers::COMMAND, Key::V)),
        (Command::Help, key(Modifiers::NONE, Key::F1)),
        (Command::ShowChanges, key(Modifiers::NONE, Key::F4)),
        (Command::ZoomIn, key(Modifiers::COMMAND, Key::Plus)),
        (Command::ZoomIn, key(Modifiers::COMMAND, Key::Equals)),
        (Command::ZoomOut, key(Modifiers::COMMAND, Key::Minus)),
        (Command::ZoomReset, key(Modifiers::COMMAND, Key::Num0)),
        (Command::Find, key(Modifiers::COMMAND, Key::F)),
        (
            Command::TogglePane(Pane::Raw),
            key(Modifiers::COMMAND, Key::Num1),
        ),
        (
            Command::TogglePane(Pane::Findings),
            key(Modifiers::COMMAND, Key::Num2),
        ),
        (
            Command::TogglePane(Pane::Queue),
            key(Modifiers::COMMAND, Key::Num3),
        ),
    ]
};

/// A key the grid reads itself (not through [`SHORTCUTS`]): how it is written and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridKey {
    /// The key as the Help window writes it (`Shift+↑↓←→`).
    pub keys: &'static str,
    /// What it does, in Chinese.
    pub zh: &'static str,
    /// What it does, in English.
    pub en: &'static str,
}

/// Every key the grid and the reading chooser read themselves; with [`SHORTCUTS`], every key of
/// the window.
pub static GRID_KEYS: [GridKey; 12] = [
    GridKey {
        keys: "0–9 …",
        zh: "直接输入：替换所选单元格的值（件数为不小于 0 的整数；千位逗号须每三位一分）",
        en: "type: replace the selected cell's value (a count is a whole number ≥ 0; commas only between groups of three)",
    },
    GridKey {
        keys: "F2",
        zh: "在原值上编辑（方向键移动光标）；双击同样",
        en: "edit the value in place (the arrows move the caret); a double click too",
    },
    GridKey {
        keys: "Enter / Shift+Enter",
        zh: "确认输入，下移 / 上移",
        en: "commit and move down / up",
    },
    GridKey {
        keys: "Tab / Shift+Tab",
        zh: "确认输入，右移 / 左移",
        en: "commit and move right / left",
    },
    GridKey {
        keys: "↑ ↓ ← →",
        zh: "确认输入并移动",
        en: "commit and move",
    },
    GridKey {
        keys: "Shift+↑ ↓ ← →, Shift+click",
        zh: "在同一张表内扩展选区（供复制）",
        en: "extend the selection within the table (to copy)",
    },
    GridKey {
        keys: "Esc",
        zh: "放弃正在输入的值",
        en: "cancel what is being typed",
    },
    GridKey {
        keys: "Delete / Backspace",
        zh: "清空单元格（空白不是 0）",
        en: "blank the cell (blank is not 0)",
    },
    GridKey {
        keys: "Ctrl+V",
        zh: "从所选单元格起向右、向下粘贴制表符分隔的数据（整体校验，全部或全不）",
        en: "paste tab-separated values from the selected cell rightwards and down (all or nothing)",
    },
    GridKey {
        keys: "1–9",
        zh: "读法选择框中：选定第几种读法（选择框外，数字照常输入单元格）",
        en: "in the reading chooser: pick that reading (outside it, digits type into the cell)",
    },
    GridKey {
        keys: "↑ ↓, Enter",
        zh: "读法选择框中：移到上一种 / 下一种读法，Enter 选定（读法多于九种时）",
        en: "in the reading chooser: move to the reading above / below, Enter picks it (for more than nine)",
    },
    GridKey {
        keys: "Esc",
        zh: "读法选择框中：关闭，不作修改",
        en: "in the reading chooser: close it, changing nothing",
    },
];

/// How many modifier keys a shortcut needs (Ctrl or Cmd counted once).
fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.shift,
        modifiers.ctrl || modifiers.command || modifiers.mac_cmd,
    ]
    .into_iter()
    .filter(|&m| m)
    .count()
}

/// Draws `command` as a menu button showing its shortcut; pushes it when clicked.
pub fn menu_item_ui(ui: &mut egui::Ui, lang: Lang, command: Command, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.text(lang));
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add(button).clicked() {
        out.push(command);
    }
}

/// Draws `command` as a menu item with a check mark (`on`) and its shortcut.
pub fn check_item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    command: Command,
    on: bool,
    out: &mut Vec<Command>,
) {
    let mark = if on { "√ " } else { "\u{3000}" };
    let mut button = egui::Button::new(format!("{mark}{}", command.text(lang)));
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add(button).clicked() {
        out.push(command);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One command of every kind (every pane). The match below stops compiling when a kind is
    /// added, so this list is kept whole.
    fn every_command() -> Vec<Command> {
        let every = vec![
            Command::Open,
            Command::OpenPath(PathBuf::from("r.txt")),
            Command::OpenFolder,
            Command::OpenFolderPath(PathBuf::from("年报")),
            Command::OpenQueued(0),
            Command::NextInQueue,
            Command::QueueFilter(Filter::All),
            Command::QueueSort(SortKey::File),
            Command::Save,
            Command::SaveAs,
            Command::ExportFindings,
            Command::Quit,
            Command::Undo,
            Command::Redo,
            Command::NextFinding,
            Command::PreviousFinding,
            Command::SelectFinding(0),
            Command::Move(Step::Down),
            Command::SelectSource(0),
            Command::ApplyRepair,
            Command::PickReading,
            Command::ToggleChecked,
            Command::FinishReport,
            Command::FinishAnyway,
            Command::Copy,
            Command::Paste(None),
            Command::Extend(Step::Down),
            Command::ShowChanges,
            Command::Help,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::ToggleBlankAsZero,
            Command::ToggleLanguage,
            Command::ToggleTheme,
            Command::Find,
            Command::TogglePane(Pane::Raw),
            Command::TogglePane(Pane::Findings),
            Command::TogglePane(Pane::Queue),
            Command::ToggleWrap,
            Command::PathConfirm,
            Command::DiscardTyping,
            Command::PromptSave,
            Command::PromptDiscard,
            Command::PromptCancel,
            Command::RestoreRecovery,
            Command::OpenReviewAnyway(PathBuf::from("r.txt.gouji.csv")),
            Command::Dismiss,
        ];
        for command in &every {
            match command {
                Command::Open
                | Command::OpenPath(_)
                | Command::OpenFolder
                | Command::OpenFolderPath(_)
                | Command::OpenQueued(_)
                | Command::NextInQueue
                | Command::QueueFilter(_)
                | Command::QueueSort(_)
                | Command::Save
                | Command::SaveAs
                | Command::ExportFindings
                | Command::Quit
                | Command::Undo
                | Command::Redo
                | Command::NextFinding
                | Command::PreviousFinding
                | Command::SelectFinding(_)
                | Command::Move(_)
                | Command::SelectSource(_)
                | Command::ApplyRepair
                | Command::PickReading
                | Command::ToggleChecked
                | Command::FinishReport
                | Command::FinishAnyway
                | Command::Copy
                | Command::Paste(_)
                | Command::Extend(_)
                | Command::ShowChanges
                | Command::Help
                | Command::ZoomIn
                | Command::ZoomOut
                | Command::ZoomReset
                | Command::ToggleBlankAsZero
                | Command::ToggleLanguage
                | Command::ToggleTheme
                | Command::Find
                | Command::TogglePane(Pane::Raw | Pane::Findings | Pane::Queue)
                | Command::ToggleWrap
                | Command::PathConfirm
                | Command::DiscardTyping
                | Command::PromptSave
                | Command::PromptDiscard
                | Command::PromptCancel
                | Command::RestoreRecovery
                | Command::OpenReviewAnyway(_)
                | Command::Dismiss => {}
                // Commands that carry a cell or an edit: none has a shortcut.
                Command::SelectCell(_)
                | Command::ClickCell(_)
                | Command::ExtendTo(_)
                | Command::ChooseReading(_)
                | Command::Edit(_) => {}
            }
        }
        every
    }

    #[test]
    fn every_command_with_a_shortcut_is_in_the_list_tried_most_modifiers_first() {
        let listed = Command::with_shortcuts();
        for command in every_command() {
            let entry = listed.iter().find(|(c, _)| *c == command);
            assert_eq!(
                entry.map(|&(_, s)| s),
                command.shortcut(),
                "{command:?}: its shortcut and the window's list disagree"
            );
        }
        assert_eq!(listed.len(), SHORTCUTS.len());
        for pair in listed.windows(2) {
            let [(a, x), (b, y)] = pair else { continue };
            assert!(
                modifier_count(x.modifiers) >= modifier_count(y.modifiers),
                "{a:?} is tried after {b:?}, which needs fewer modifiers"
            );
        }
        let position = |c: &Command| listed.iter().position(|(l, _)| l == c);
        assert!(position(&Command::PreviousFinding) < position(&Command::NextFinding));
    }

    #[test]
    fn shortcuts_are_unique_and_every_listed_command_has_one() {
        let shortcuts: Vec<KeyboardShortcut> = Command::with_shortcuts()
            .iter()
            .map(|(c, s)| {
                // The first listed is the one menus show; a second (Ctrl+= for zoom) also works.
                let first = c.shortcut();
                assert!(first.is_some(), "listed commands have a shortcut");
                if first != Some(*s) {
                    assert_eq!(*c, Command::ZoomIn, "only zooming in has two shortcuts");
                }
                *s
            })
            .collect();
        for (i, a) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[i + 1..].contains(a), "{a:?} twice");
        }
        for lang in [Lang::Zh, Lang::En] {
            assert!(!Command::Save.text(lang).is_empty());
        }
    }
}
