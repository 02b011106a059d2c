//! Architecture checks: only `src/app/` may name egui or eframe (STYLE.md 3).
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_app_module_names_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let app = src.join("app");
    for file in files.iter().filter(|f| !f.starts_with(&app)) {
        let text = std::fs::read_to_string(file).unwrap();
        for word in ["egui", "eframe"] {
            let code_mentions = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| l.contains(word));
            assert!(!code_mentions, "{} names {word}", file.display());
        }
    }
}
