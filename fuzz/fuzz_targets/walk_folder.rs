//! A folder tree generated from the input (files, subfolders, FIFOs, symlinks including loops
//! and one to /dev/zero, unreadable entries): walking it and reading every report found must
//! end, whatever the tree holds. Entries made unreadable with chmod 000 are still readable when
//! the fuzzer runs as root.
//!
//! The walker is `gouji::ingest::find_reports` today; it moves to `gouji::corpus::walk`
//! (reports plus per-entry problems), and this target moves with it.
#![no_main]

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;

/// Most entries made from one input.
const MAX_ENTRIES: usize = 64;
const EXTENSIONS: [&str; 5] = ["txt", "html", "docx", "pdf", "csv"];

fuzz_target!(|bytes: &[u8]| {
    let Ok(root) = tempfile::tempdir() else {
        return;
    };
    let mut here: Vec<PathBuf> = vec![root.path().to_path_buf()];
    let mut locked: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    let mut input = bytes.iter().copied();
    for n in 0..MAX_ENTRIES {
        let (Some(op), Some(arg)) = (input.next(), input.next()) else {
            break;
        };
        let Some(dir) = here.last().cloned() else {
            break;
        };
        let ext = EXTENSIONS[usize::from(arg) % EXTENSIONS.len()];
        let name = if arg & 0x80 != 0 {
            format!(".{n}.{ext}")
        } else {
            format!("{n}.{ext}")
        };
        let path = dir.join(&name);
        match op % 9 {
            0 => {
                let len = usize::from(arg);
                let content: Vec<u8> = input.by_ref().take(len).collect();
                let _ = std::fs::write(&path, content);
            }
            1 => {
                let sub = dir.join(format!("d{n}"));
                if std::fs::create_dir(&sub).is_ok() {
                    here.push(sub.clone());
                    made.push(sub);
                    continue;
                }
            }
            2 => {
                if here.len() > 1 {
                    here.pop();
                }
            }
            3 => mkfifo(&path),
            4 => {
                let target = if arg & 1 == 0 { "." } else { ".." };
                let _ = std::os::unix::fs::symlink(target, &path);
            }
            5 => {
                let _ = std::os::unix::fs::symlink("/dev/zero", &path);
            }
            6 => {
                if let Some(victim) = made.get(usize::from(arg) % made.len().max(1)) {
                    let _ = std::fs::set_permissions(victim, std::fs::Permissions::from_mode(0));
                    locked.push(victim.clone());
                }
            }
            7 => {
                let _ = std::os::unix::fs::symlink(dir.join("missing"), &path);
            }
            _ => {
                let _ = std::os::unix::fs::symlink(root.path(), dir.join(format!("up{n}")));
            }
        }
        made.push(path);
    }
    if let Ok(reports) = gouji::ingest::find_reports(root.path()) {
        for report in reports {
            let _ = gouji::ingest::read_file(&report);
        }
    }
    for path in locked.iter().rev() {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
    }
});

fn mkfifo(path: &Path) {
    if let Ok(name) = CString::new(path.as_os_str().as_bytes()) {
        // SAFETY: `name` is a valid NUL-terminated path.
        unsafe { libc::mkfifo(name.as_ptr(), 0o600) };
    }
}
