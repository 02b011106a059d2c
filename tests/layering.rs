//! Architecture checks: only `src/app/` may name egui or eframe (STYLE.md 3), and no modules of one folder import one another in a circle.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

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

/// The modules `text` names through `super::` (siblings, when written in a child file) and
/// through `crate::` (as paths from the crate root), outside comments.
fn named_paths(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut siblings = Vec::new();
    let mut from_root = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("super::") {
            let rest = &line[i + "super::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != "super" {
                siblings.push(name);
            }
        }
        for (i, _) in line.match_indices("crate::") {
            let path: Vec<String> = line[i + "crate::".len()..]
                .split("::")
                .map(|part| {
                    part.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .take_while(|part| !part.is_empty())
                .collect();
            from_root.push(path);
        }
    }
    (siblings, from_root)
}

/// A cycle in `edges` (module -> modules it imports), if any, as the modules around it.
fn find_cycle(
    edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Some(path[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_sibling_modules_import_each_other_in_a_circle() {
    use std::collections::{BTreeMap, BTreeSet};
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Edges among the siblings of each folder ("" is src/ itself).
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let parts: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts
            .first()
            .is_some_and(|p| p == "bin" || p == "lib" || p == "main")
        {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let (siblings, from_root) = named_paths(&text);
        // Its module at each level: src/a/b.rs is `a` among src/'s modules and `b` among a's.
        for level in 0..parts.len() {
            let folder = parts[..level].join("/");
            let Some(me) = parts.get(level).filter(|m| *m != "mod") else {
                continue;
            };
            let graph = graphs.entry(folder.clone()).or_default();
            graph.entry(me.clone()).or_default();
            let prefix = &parts[..level];
            for path in &from_root {
                if path.len() > level && path[..level] == *prefix && path[level] != *me {
                    graph.get_mut(me).unwrap().insert(path[level].clone());
                }
            }
            // `super::x` in a child file of this folder names a sibling.
            let is_child_file = level + 1 == parts.len();
            if is_child_file {
                for name in &siblings {
                    if name != me && name != "tests" {
                        graph.get_mut(me).unwrap().insert(name.clone());
                    }
                }
            }
        }
    }
    let mut circles = Vec::new();
    for (folder, graph) in &mut graphs {
        // Only names that are modules of this folder are siblings.
        let modules: BTreeSet<String> = graph.keys().cloned().collect();
        for targets in graph.values_mut() {
            targets.retain(|t| modules.contains(t));
        }
        if let Some(cycle) = find_cycle(graph) {
            circles.push(format!("src/{folder}: {}", cycle.join(" -> ")));
        }
    }
    assert!(
        circles.is_empty(),
        "modules import each other in a circle: {circles:#?}"
    );
}
