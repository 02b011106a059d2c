//! File and folder dialogs behind a trait, so UI tests never open one: [`NativeDialogs`] asks
//! the desktop (rfd: XDG portal, or zenity), [`ScriptedDialogs`] answers from fields set by a test.

use std::path::{Path, PathBuf};

/// Where the window asks for file names.
pub trait Dialogs {
    /// A report or review CSV to open, or `None` when cancelled.
    fn open_file(&mut self, start: Option<&Path>) -> Option<PathBuf>;
    /// Where to save the review CSV, or `None` when cancelled.
    fn save_file(&mut self, start: Option<&Path>, name: &str) -> Option<PathBuf>;
    /// A folder of reports to review, or `None` when cancelled.
    fn pick_folder(&mut self, start: Option<&Path>) -> Option<PathBuf>;
}

/// The desktop's file dialogs.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open_file(&mut self, start: Option<&Path>) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .add_filter(
                "报告 / reports",
                &["txt", "md", "html", "htm", "docx", "pdf", "csv"],
            )
            .add_filter("*", &["*"]);
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_file()
    }

    fn save_file(&mut self, start: Option<&Path>, name: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .add_filter("CSV", &["csv"])
            .set_file_name(name);
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.save_file()
    }

    fn pick_folder(&mut self, start: Option<&Path>) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new();
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_folder()
    }
}

/// Dialogs that answer with preset paths and count how often they were asked.
#[derive(Debug, Default, Clone)]
pub struct ScriptedDialogs {
    /// The answer to "open".
    pub open: Option<PathBuf>,
    /// The answer to "save as".
    pub save: Option<PathBuf>,
    /// The answer to "open folder".
    pub folder: Option<PathBuf>,
    /// How many times a dialog was asked for.
    pub asked: usize,
}

impl Dialogs for ScriptedDialogs {
    fn open_file(&mut self, _start: Option<&Path>) -> Option<PathBuf> {
        self.asked += 1;
        self.open.clone()
    }

    fn save_file(&mut self, _start: Option<&Path>, _name: &str) -> Option<PathBuf> {
        self.asked += 1;
        self.save.clone()
    }

    fn pick_folder(&mut self, _start: Option<&Path>) -> Option<PathBuf> {
        self.asked += 1;
        self.folder.clone()
    }
}
