//! Atomic writes: the one way gouji puts a file on disk.
//!
//! Every writer (review CSV, recovery file, corpus CSV and JSON) goes through [`write_atomic`]:
//! the content goes to a temporary file beside the target, is flushed to disk, and is renamed
//! over the target in one step. A full disk, a crash or a second process writing the same file
//! never leaves a truncated or interleaved file: readers see the old file or the new one. A new
//! file gets the normal mode (0666 less the umask); a replaced file keeps its mode. A target
//! that is a symbolic link is replaced by the new file: the link's target is never written.
//! A target that is not a regular file (a folder, a device, a FIFO) is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ExportError;

/// Writes `path` atomically with what `write` writes, and returns what `write` returned. On any
/// failure the target is left exactly as it was and the temporary file is removed.
///
/// # Example
/// ```
/// use std::io::Write as _;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.csv");
/// gouji::export::write_atomic(&path, |w| Ok(w.write_all(b"a,b\r\n")?))?;
/// assert_eq!(std::fs::read(&path)?, b"a,b\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let io = |source| ExportError::from_io(path, source);
    // Follows a symbolic link: its target's kind and mode decide, but only the link is replaced.
    let existing = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Some(meta),
        Ok(_) => {
            return Err(ExportError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let dir = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gouji-save-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // What `File::create` would give a new file: 0666 less the umask (tempfile's own
        // default, 0600, would hide a reviewer's files from their colleagues).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    let value = {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        let value = write(&mut buffered).map_err(|e| e.with_path(path))?;
        buffered.flush().map_err(io)?;
        value
    };
    if let Some(meta) = existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_folder(dir);
    Ok(value)
}

/// The folder a file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes the folder entry of a rename to disk, where the platform allows it (best effort: the
/// file's own content is already synced).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether an I/O error on writing means another program holds the file open: on Windows a file
/// open in Excel or WPS cannot be replaced (sharing or lock violation, or access denied on an
/// existing file). `windows` says which platform's error codes to read, so the rule is testable
/// everywhere.
pub(super) fn is_locked(error: &std::io::Error, windows: bool) -> bool {
    // ERROR_ACCESS_DENIED 5, ERROR_SHARING_VIOLATION 32, ERROR_LOCK_VIOLATION 33.
    windows && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

impl ExportError {
    /// An I/O failure on `path`, told apart when the file is held open by another program.
    pub(super) fn from_io(path: &Path, source: std::io::Error) -> ExportError {
        if is_locked(&source, cfg!(windows)) {
            ExportError::Locked {
                path: path.to_path_buf(),
            }
        } else {
            ExportError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// A writer's I/O failure (a full disk) told with the file it was writing.
    fn with_path(self, path: &Path) -> ExportError {
        match self {
            ExportError::Write(source) => ExportError::from_io(path, source),
            ExportError::Csv(e) if e.is_io_error() => ExportError::from_io(path, e.into()),
            other => other,
        }
    }

    /// The file the error is about, when it is about one.
    pub fn path(&self) -> Option<&PathBuf> {
        match self {
            ExportError::Io { path, .. }
            | ExportError::Locked { path }
            | ExportError::NotAFile { path } => Some(path),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_held_open_on_windows_is_told_apart() {
        let sharing = std::io::Error::from_raw_os_error(32);
        assert!(is_locked(&sharing, true));
        assert!(!is_locked(&sharing, false), "32 is EPIPE on Linux");
        let err = ExportError::Locked {
            path: PathBuf::from(r"\\server\share\报告 2023.pdf.gouji.csv"),
        };
        let text = err.to_string();
        assert!(text.contains("open in another program"), "{text}");
        assert!(
            text.contains(r"\\server\share\报告 2023.pdf.gouji.csv"),
            "{text}"
        );
        assert!(text.contains("nothing was written"), "{text}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, "old").unwrap();
        let result: Result<(), _> = write_atomic(&path, |w| {
            w.write_all(b"partial")?;
            Err(ExportError::Header("stopped".into()))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
