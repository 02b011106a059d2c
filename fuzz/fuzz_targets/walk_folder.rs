//! A folder tree generated from the input (files, subfolders, FIFOs, symlinks including loops
//! and one to /dev/zero, unreadable entries): walking it and reading every report found must
//! end, whatever the tree holds. Entries made unreadable with chmod 000 are still readable when
//! the fuzzer runs as root.
//!
//! The walker is `gouji::corpus::walk::walk`: every report it lists must be a regular file, and
//! every entry it passes over must come with a reason.
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
                // Never through a link: `set_permissions` follows it, and a link to `..` would
                // lock the folder the fuzzer's tree lives in (it once left /tmp at 0700).
                if let Some(victim) = made
                    .get(usize::from(arg) % made.len().max(1))
                    .filter(|v| v.symlink_metadata().is_ok_and(|m| !m.file_type().is_symlink()))
                {
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
    if let Ok(walk) = gouji::corpus::walk::walk(root.path()) {
        assert!(walk.skipped.iter().all(|s| !s.reason.is_empty()));
        for report in walk.reports {
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
