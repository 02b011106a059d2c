//! How an opened file or folder is remembered in File ▸ Open recent ([`super::Prefs::recent`]),
//! and tests that Windows paths (drive letters, `\\server\share`, Chinese names, spaces) survive
//! the list and its saving as they are.

use std::path::{Path, PathBuf};

/// The form in which `path` is remembered: absolute, so the entry opens from any working folder,
/// and one entry per file however it was reached.
///
/// On Windows the path is made absolute without resolving it: `std::fs::canonicalize` would give
/// `\\?\C:\…` and `\\?\UNC\server\share\…` (verbatim forms shown to the reviewer), turn a mapped
/// drive `Z:\` into its share, and open the file, which on an unreachable share waits. Elsewhere it
/// is canonicalized (symbolic links and `..` resolved). A path that cannot be resolved is kept as
/// given.
pub(super) fn remembered(path: &Path) -> PathBuf {
    #[cfg(windows)]
    let resolved = std::path::absolute(path);
    #[cfg(not(windows))]
    let resolved = std::fs::canonicalize(path);
    resolved.unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::ScriptedDialogs;
    use crate::app::{Prefs, RECENT_FILES, ReviewApp, recent_label};

    /// Paths as a reviewer on Windows opens them: Chinese names, spaces, a network share, a mapped
    /// drive, a verbatim path. Only strings here: nothing is opened.
    const WINDOWS_PATHS: [&str; 5] = [
        r"C:\Users\张三\Desktop\2023年 政府信息公开 年度报告.pdf",
        r"\\server\share\报告 2023.pdf",
        r"\\文件服务器\公开 科\2024",
        r"Z:\年报\区政府 2022.docx",
        r"\\?\UNC\server\share\报告 2023.pdf",
    ];

    /// An in-memory [`eframe::Storage`]: the window saves its preferences through the same
    /// `eframe::set_value` (RON) as here.
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn windows_paths_in_the_recent_list_are_saved_and_loaded_as_they_are() {
        let prefs = Prefs {
            recent: WINDOWS_PATHS.iter().map(PathBuf::from).collect(),
            ..Prefs::default()
        };
        let mut storage = Memory::default();
        eframe::set_value(&mut storage, super::super::PREFS_KEY, &prefs);
        let loaded: Prefs = eframe::get_value(&storage, super::super::PREFS_KEY).unwrap();
        assert_eq!(loaded, prefs);
        let strings: Vec<&str> = loaded.recent.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(strings, WINDOWS_PATHS);
    }

    #[test]
    fn remembering_windows_paths_keeps_each_once_newest_first() {
        let dialogs = Box::new(ScriptedDialogs::default());
        let mut app = ReviewApp::new(ReviewApp::sample_session(), Prefs::default(), dialogs);
        for path in WINDOWS_PATHS {
            app.remember(Path::new(path));
        }
        // Opening one again moves it to the top instead of listing it twice.
        app.remember(Path::new(WINDOWS_PATHS[1]));
        let recent: Vec<&str> = app
            .prefs()
            .recent
            .iter()
            .map(|p| p.to_str().unwrap())
            .collect();
        // On Linux these do not exist and are kept as given; on Windows they are already absolute.
        assert_eq!(
            recent,
            [
                WINDOWS_PATHS[1],
                WINDOWS_PATHS[4],
                WINDOWS_PATHS[3],
                WINDOWS_PATHS[2],
                WINDOWS_PATHS[0]
            ]
        );
        for i in 0..2 * RECENT_FILES {
            app.remember(Path::new(&format!(r"D:\报告 {i}.pdf")));
        }
        assert_eq!(app.prefs().recent.len(), RECENT_FILES);
    }

    #[test]
    fn a_folder_with_a_chinese_name_and_spaces_is_labelled_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("区政府 年报 2023");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("政府信息公开 工作年度报告.txt");
        std::fs::write(&file, "x\r\n").unwrap();
        let dialogs = Box::new(ScriptedDialogs::default());
        let mut app = ReviewApp::new(ReviewApp::sample_session(), Prefs::default(), dialogs);
        app.remember(&file);
        app.remember(&folder);
        let recent = &app.prefs().recent;
        assert_eq!(recent.len(), 2);
        assert!(recent_label(&recent[0], true).starts_with("区政府 年报 2023/  ("));
        assert!(recent_label(&recent[1], false).starts_with("政府信息公开 工作年度报告.txt  ("));
        assert!(recent_label(&recent[1], false).ends_with("区政府 年报 2023)"));
    }

    /// Windows only (not run on the Linux machines that build gouji): a share path is labelled by
    /// its file name, and remembering never produces the verbatim `\\?\` form.
    #[cfg(windows)]
    #[test]
    fn windows_share_paths_are_labelled_and_remembered_plainly() {
        assert_eq!(
            recent_label(Path::new(r"\\server\share\报告 2023.pdf"), false),
            r"报告 2023.pdf  (\\server\share\)"
        );
        let remembered = remembered(Path::new(r"C:\年报\..\年报\报告 2023.pdf"));
        assert_eq!(remembered, Path::new(r"C:\年报\报告 2023.pdf"));
        let remembered = remembered(Path::new(r"\\server\share\报告 2023.pdf"));
        assert_eq!(remembered, Path::new(r"\\server\share\报告 2023.pdf"));
    }
}
