//! The folder walker: which files under a folder are reports.
//!
//! Owns listing a folder recursively for report files (by extension, sorted by path), and
//! saying what it passed over and why: an unreadable subfolder is reported and the rest is
//! walked; a FIFO, device or socket with a report's name, a broken link and a link to a folder
//! (not followed, so a link loop cannot trap it) are reported and skipped; gouji's own outputs
//! (review, recovery, findings, corpus files: [`export::is_gouji_output`]) and hidden entries are
//! skipped silently. Nothing here opens a file that is not a regular file.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::export;
use crate::ingest::REPORT_EXTENSIONS;

/// What a walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// The report files, sorted by path.
    pub reports: Vec<PathBuf>,
    /// Entries passed over, with the reason, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// An entry the walk passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry.
    pub path: PathBuf,
    /// Why it was passed over.
    pub reason: String,
    /// Whether an input could not be read (an unreadable folder, a FIFO named like a report),
    /// as opposed to an entry left alone on purpose (a link to a folder).
    pub failed: bool,
}

/// The reports at `path`: the file itself when it is not a folder (whatever its name: the
/// reader decides whether it can be read), or every report file under the folder. An error only
/// when `path` itself cannot be looked at.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("r.txt"), "报告")?;
/// std::fs::write(dir.path().join("r.txt.gouji.csv"), "")?;
/// std::fs::write(dir.path().join("notes.odt"), "")?;
/// let walk = gouji::corpus::walk::walk(dir.path())?;
/// assert_eq!(walk.reports, [dir.path().join("r.txt")]);
/// assert!(walk.skipped.is_empty());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn walk(path: &Path) -> std::io::Result<Walk> {
    let mut walk = Walk::default();
    if !std::fs::metadata(path)?.is_dir() {
        walk.reports.push(path.to_path_buf());
        return Ok(walk);
    }
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                walk.skip(&folder, format!("cannot read this folder: {e}"), true);
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    walk.skip(&folder, format!("cannot list this folder: {e}"), true);
                    break;
                }
            };
            let p = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    walk.skip(&p, format!("cannot look at it: {e}"), true);
                    continue;
                }
            };
            if kind.is_dir() {
                folders.push(p);
                continue;
            }
            if !has_report_extension(&p) {
                continue;
            }
            // What the entry is, following a link once.
            let target = if kind.is_symlink() {
                match std::fs::metadata(&p) {
                    Ok(meta) if meta.is_dir() => {
                        walk.skip(&p, "a link to a folder: not followed".into(), false);
                        continue;
                    }
                    Ok(meta) => meta.file_type(),
                    Err(e) => {
                        walk.skip(&p, format!("a broken link: {e}"), true);
                        continue;
                    }
                }
            } else {
                kind
            };
            if !target.is_file() {
                walk.skip(
                    &p,
                    format!("not a regular file ({})", kind_name(target)),
                    true,
                );
                continue;
            }
            if !export::is_gouji_output(&p, &head(&p)) {
                walk.reports.push(p);
            }
        }
    }
    walk.reports.sort();
    walk.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(walk)
}

impl Walk {
    fn skip(&mut self, path: &Path, reason: String, failed: bool) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
            failed,
        });
    }
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The first bytes of a regular file (empty when it cannot be read: the reader will say why).
/// Opened without blocking, and read only when it is still a regular file once open.
fn head(path: &Path) -> Vec<u8> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut head = Vec::with_capacity(64);
    if let Ok(file) = options.open(path)
        && file.metadata().is_ok_and(|m| m.is_file())
    {
        let _ = file.take(64).read_to_end(&mut head);
    }
    head
}

fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "not a file or folder"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_and_outputs_are_sorted_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "报告").unwrap();
        std::fs::write(
            root.join("corpus.txt"),
            "\u{FEFF}file,agency,year,form,status",
        )
        .unwrap();
        std::fs::write(root.join("a.txt.gouji.csv.recovery"), "").unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("loop.txt")).unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("broken.txt")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("link.md")).unwrap();
        let fifo = root.join("pipe.html");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let walk = walk(root).unwrap();
        assert_eq!(walk.reports, [root.join("link.md"), root.join("sub/a.txt")]);
        let skipped: Vec<(String, bool)> = walk
            .skipped
            .iter()
            .map(|s| {
                (
                    format!(
                        "{}: {}",
                        s.path.file_name().unwrap().to_string_lossy(),
                        s.reason.split(':').next().unwrap()
                    ),
                    s.failed,
                )
            })
            .collect();
        assert_eq!(
            skipped,
            [
                ("broken.txt: a broken link".to_string(), true),
                ("loop.txt: a link to a folder".to_string(), false),
                ("pipe.html: not a regular file (a FIFO)".to_string(), true),
                ("zero.txt: not a regular file (a device)".to_string(), true),
            ]
        );
    }
}
