//! Architecture tests (in the spirit of rust-analyzer's tidy tests): the layer rules of
//! docs/ARCHITECTURE.md are written down once, in its `layers` block, and checked here against
//! the `crate::` / `super::` paths of every source file; the pure extractor must build and test
//! alone, without the store, graph, diagram or command-line crates in its dependency tree.
//!
//! Test code (`#[cfg(test)]` modules at the end of a file, `tests.rs`, `test_support.rs`) may
//! reach across layers to drive the pipeline end to end, so it is not checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One rule: a module (`store`, `export::dot`) and the crate modules it may import.
#[derive(Debug)]
struct Rule {
    module: String,
    allowed: Vec<String>,
}

/// The `layers` block of docs/ARCHITECTURE.md: `module : allowed modules` lines.
fn rules() -> Vec<Rule> {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/ARCHITECTURE.md"))
        .expect("docs/ARCHITECTURE.md");
    let start = doc
        .find("```layers")
        .expect("docs/ARCHITECTURE.md has a ```layers block");
    let body = &doc[start + "```layers".len()..];
    let body = &body[..body.find("```").expect("the layers block ends")];
    body.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            let module = words.next().unwrap_or("").to_string();
            assert_eq!(
                words.next(),
                Some(":"),
                "layers line is `module : allowed...`: {l}"
            );
            Rule {
                module,
                allowed: words.map(str::to_string).collect(),
            }
        })
        .collect()
}

/// The module path of a source file: `src/export/dot.rs` → `export::dot`, `src/lib.rs` → ``.
fn module_of(file: &Path) -> String {
    let rel = file
        .strip_prefix(Path::new(ROOT).join("src"))
        .expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its trailing test module and without comments.
fn non_test_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines.get(i + 1).is_some_and(|n| {
                n.trim_start().starts_with("mod ") || n.trim_start().starts_with("pub(crate) mod ")
            })
            && !lines
                .get(i + 1)
                .is_some_and(|n| n.trim_end().ends_with(';'))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, *l));
    }
    out
}

/// Every crate module a line refers to, as full paths (`crate::store::Store` → `store`,
/// `super::escape::clip` in `export::dot` → `export::escape`), with the text that named it.
fn referenced(module: &str, line: &str, root: &str) -> Vec<(String, String)> {
    let code = line.split("//").next().unwrap_or("");
    let bytes = code.as_bytes();
    let root_prefix = format!("{root}::");
    let mut out = Vec::new();
    let mut from = 0;
    loop {
        let next_root = code[from..].find(&root_prefix).map(|p| (from + p, false));
        let next_super = code[from..].find("super::").map(|p| (from + p, true));
        let Some((at, is_super)) = [next_root, next_super].into_iter().flatten().min() else {
            break;
        };
        let prefix_len = if is_super {
            "super::".len()
        } else {
            root_prefix.len()
        };
        from = at + prefix_len;
        // a whole path segment, not the tail of an identifier or of another path
        let before = at.checked_sub(1).map(|b| bytes[b]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':') {
            continue;
        }
        let mut rest = &code[at + prefix_len..];
        let base: Vec<String> = if is_super {
            let mut m: Vec<String> = module.split("::").map(str::to_string).collect();
            m.pop();
            while let Some(r) = rest.strip_prefix("super::") {
                m.pop();
                rest = r;
                from += "super::".len();
            }
            m
        } else {
            Vec::new()
        };
        return_paths(&base, rest, &mut out, &code[at..]);
    }
    out
}

/// Expands `a::b::c` or `{a, b::c}` after a base module path into the module paths it names:
/// the base plus the leading lower-case segments, at most two deep.
fn return_paths(base: &[String], rest: &str, out: &mut Vec<(String, String)>, shown: &str) {
    let shown: String = shown
        .chars()
        .take_while(|c| !matches!(c, ';' | ')' | ',' | '(' | ' '))
        .collect();
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut item = String::new();
        for c in group.chars() {
            match c {
                '{' => {
                    depth += 1;
                    item.push(c);
                }
                '}' if depth == 0 => break,
                '}' => {
                    depth -= 1;
                    item.push(c);
                }
                ',' if depth == 0 => {
                    return_paths(base, &item, out, &shown);
                    item.clear();
                }
                c => item.push(c),
            }
        }
        if !item.trim().is_empty() {
            return_paths(base, &item, out, &shown);
        }
        return;
    }
    let mut path: Vec<String> = base.to_vec();
    for seg in rest.split("::") {
        let seg: String = seg
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if seg.is_empty() || seg == "self" || !seg.starts_with(|c: char| c.is_ascii_lowercase()) {
            break;
        }
        path.push(seg);
        if path.len() >= 2 {
            break;
        }
    }
    out.push((path.join("::"), shown.trim().to_string()));
}

/// The most specific rule for a module (`export::dot` before `export`).
fn rule_for<'r>(rules: &'r [Rule], module: &str) -> Option<&'r Rule> {
    let mut m = module.to_string();
    loop {
        if let Some(r) = rules.iter().find(|r| r.module == m) {
            return Some(r);
        }
        match m.rfind("::") {
            Some(i) => m.truncate(i),
            None => return None,
        }
    }
}

/// Is `target` allowed for `module` by `rule`? A module may use itself and its own
/// submodules; an allowed module includes its submodules unless they have a rule of their own
/// that is not allowed.
fn allowed(rule: &Rule, module: &str, target: &str) -> bool {
    if target == module || target.starts_with(&format!("{module}::")) {
        return true;
    }
    let top = target.split("::").next().unwrap_or(target);
    // inside a family ruled by its top-level line, parents and siblings are free
    if !rule.module.contains("::") && module.split("::").next() == Some(top) {
        return true;
    }
    let names_submodules = |t: &str| {
        rule.allowed
            .iter()
            .any(|x| x.starts_with(&format!("{t}::")))
    };
    rule.allowed
        .iter()
        .any(|a| a == "*" || a == target || (a == top && (target == top || !names_submodules(top))))
}

/// Violations of the layer rules in `src/`, as "file:line: module imports target (text)".
fn violations() -> Vec<String> {
    let rules = rules();
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "tests.rs" || name == "test_support.rs" {
            continue;
        }
        let module = module_of(&f);
        if module.is_empty() {
            continue; // lib.rs declares every module
        }
        let (module, root) = if module == "main" {
            ("main".to_string(), "kg")
        } else {
            (module, "crate")
        };
        let Some(rule) = rule_for(&rules, &module) else {
            out.push(format!(
                "{}: module `{module}` has no rule in the layers block of docs/ARCHITECTURE.md",
                f.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&f).expect("read");
        for (n, line) in non_test_lines(&text) {
            for (target, shown) in referenced(&module, line, root) {
                let target = if target.is_empty() {
                    // an item re-exported at the crate root: name its module instead
                    "(the crate root)".to_string()
                } else {
                    target
                };
                if !allowed(rule, &module, &target) {
                    out.push(format!(
                        "{}:{n}: `{module}` may not import `{target}` (`{shown}`); allowed: {}",
                        f.strip_prefix(ROOT).unwrap_or(&f).display(),
                        rule.allowed.join(" ")
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_import_follows_the_layer_rules() {
    let v = violations();
    assert!(
        v.is_empty(),
        "imports that break the layers of docs/ARCHITECTURE.md:\n{}",
        v.join("\n")
    );
}

#[test]
fn every_module_has_a_rule() {
    let rules = rules();
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut missing = BTreeMap::new();
    for f in files {
        let m = module_of(&f);
        if !m.is_empty() && rule_for(&rules, &m).is_none() {
            missing.insert(m, f);
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a layer rule: {missing:?}"
    );
}

/// The checker itself catches a wrong import (and names the line), and lets a right one pass.
#[test]
fn the_checker_catches_a_wrong_import() {
    let rules = rules();
    let store_in_text = referenced("text", "use crate::store::Store;", "crate");
    assert_eq!(
        store_in_text,
        vec![("store".to_string(), "crate::store::Store".to_string())]
    );
    let rule = rule_for(&rules, "text").expect("text has a rule");
    assert!(!allowed(rule, "text", "store"));
    assert!(allowed(rule, "text", "model"));
    let grouped = referenced(
        "export::dot",
        "use super::{escape::clip, Selection};",
        "crate",
    );
    assert!(grouped.iter().any(|(t, _)| t == "export::escape"));
    assert!(grouped.iter().any(|(t, _)| t == "export"));
    let rule = rule_for(&rules, "export::dot").expect("export::dot has a rule");
    assert!(
        !allowed(rule, "export::dot", "export::html"),
        "no ring between exporters"
    );
    assert!(!allowed(rule, "export::dot", "store"));
    let rule = rule_for(&rules, "export").expect("export has a rule");
    assert!(!allowed(rule, "export", "store"), "export imports no store");
}

#[test]
fn main_rs_only_parses_and_dispatches() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("src/main.rs")).expect("main.rs");
    let mut bad = Vec::new();
    for (n, line) in non_test_lines(&text) {
        let code = line
            .split("//")
            .next()
            .unwrap_or("")
            .replace("eprintln!", "");
        for word in ["for ", "while ", "loop {", ".iter()", "std::fs", "println!"] {
            if code.contains(word) && !code.trim_start().starts_with("///") {
                bad.push(format!(
                    "src/main.rs:{n}: `{word}` is logic: {}",
                    line.trim()
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "main.rs must only parse and dispatch:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_dead_code_is_kept_alive() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        for (i, l) in text.lines().enumerate() {
            if l.contains("allow(dead_code)") || l.contains("allow(unused") {
                bad.push(format!("{}:{}: {}", f.display(), i + 1, l.trim()));
            }
        }
    }
    assert!(bad.is_empty(), "dead code kept alive:\n{}", bad.join("\n"));
}

/// The pure extractor's dependency tree holds no storage, graph, diagram or CLI crate.
#[test]
fn the_extractor_depends_on_no_store_graph_or_cli_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--no-default-features",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(Path::new(ROOT).join("Cargo.toml"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        crates.contains(&"kg") && crates.contains(&"regex"),
        "{tree}"
    );
    for forbidden in [
        "sled",
        "petgraph",
        "graphviz-rust",
        "layout-rs",
        "clap",
        "indicatif",
        "anyhow",
        "postcard",
        "rayon",
    ] {
        assert!(
            !crates.contains(&forbidden),
            "the pure extractor depends on {forbidden}:\n{tree}"
        );
    }
}

/// The pure extractor builds and passes its unit tests alone (`cargo test --lib
/// --no-default-features`, in its own target directory so it never waits for this build).
#[test]
fn the_extractor_builds_and_tests_alone() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = Path::new(ROOT).join("target/extractor");
    let out = std::process::Command::new(cargo)
        .args([
            "test",
            "--offline",
            "--quiet",
            "--lib",
            "--no-default-features",
            "--manifest-path",
        ])
        .arg(Path::new(ROOT).join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo test runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the extractor alone fails to build or test:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("test result: ok"), "{stdout}");
}
