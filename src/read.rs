//! Reading articles: files, folders (recursive) and standard input, into [`Source`]s with
//! their text. Plain text and Markdown are kept byte for byte; HTML is reduced to its visible
//! text (no script, style, navigation, header/footer furniture).
//!
//! Nothing is ever silently dropped: a file that cannot be used becomes a [`Skipped`] with the
//! reason.

use crate::model::DocFormat;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a clear reason (news articles are kilobytes).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A readable article.
#[derive(Clone, Debug)]
pub struct Source {
    /// Document name: path relative to the folder given, the file name for a single file, or
    /// `stdin` for standard input. Always uses `/` as separator.
    pub name: String,
    pub path: String,
    pub format: DocFormat,
    pub text: String,
    /// Title: the HTML <title>/first heading, or the first non-empty line.
    pub title: String,
}

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What reading a set of inputs produced.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

/// Options for reading.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// The format for a file name, by extension.
pub fn format_of(path: &Path) -> Option<DocFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(DocFormat::Text),
        "md" | "markdown" => Some(DocFormat::Markdown),
        "html" | "htm" | "xhtml" => Some(DocFormat::Html),
        _ => None,
    }
}

/// Lists the files under the inputs (folders recursively, in sorted order), with the document
/// name each would get. `-` (standard input) is left to the caller.
///
/// * Hidden files and folders (name starting with `.`) inside a folder are left out; a hidden
///   file named directly is read.
/// * Symbolic links are followed (after the real entries of their folder), but every folder is
///   walked once: a link back to a folder already walked (a loop, or the same folder given
///   twice) is reported as skipped.
/// * A file reached twice (given directly and through its folder, or through a link) is read
///   once, under the name it got first; later occurrences under another name are skipped with
///   that name as the reason.
/// * Names that are not valid UTF-8 keep their bytes as `\xNN` escapes (see [`name_of`]).
pub fn list_inputs(inputs: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<Skipped>) {
    let mut w = Walker::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        match std::fs::metadata(input) {
            Err(e) => w.skipped.push(Skipped {
                path: input.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
            Ok(m) if m.is_dir() => w.walk(input, input),
            Ok(_) => {
                let name = input
                    .file_name()
                    .map(name_of)
                    .unwrap_or_else(|| input.display().to_string());
                w.add(input.clone(), name);
            }
        }
    }
    (w.files, w.skipped)
}

/// A document name from a file name. Valid UTF-8 is kept as is; each byte of an invalid
/// sequence becomes `\xNN`, so two different non-UTF-8 names never collapse into one (a lossy
/// conversion would turn both into U+FFFD and one document would replace the other).
pub fn name_of(os: &std::ffi::OsStr) -> String {
    if let Some(s) = os.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in os.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        os.to_string_lossy().into_owned()
    }
}

#[derive(Default)]
struct Walker {
    files: Vec<(PathBuf, String)>,
    skipped: Vec<Skipped>,
    /// Canonical folders already walked.
    dirs: std::collections::HashSet<PathBuf>,
    /// Canonical file → the document name it was listed under.
    seen: std::collections::HashMap<PathBuf, String>,
}

impl Walker {
    fn add(&mut self, path: PathBuf, name: String) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        match self.seen.get(&key) {
            // the same file under the same name (a folder given twice): one document
            Some(first) if *first == name => {}
            Some(first) => self.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: format!("same file as document {first:?}, read once"),
            }),
            None => {
                self.seen.insert(key, name.clone());
                self.files.push((path, name));
            }
        }
    }

    fn walk(&mut self, root: &Path, dir: &Path) {
        // Folders are walked once each: a symlink loop (or a folder reached twice) would
        // otherwise recurse until the path is too long, reading every file again and again.
        match std::fs::canonicalize(dir) {
            Ok(c) => {
                if !self.dirs.insert(c.clone()) {
                    self.skipped.push(Skipped {
                        path: dir.display().to_string(),
                        reason: format!(
                            "folder {} already read (a symbolic link loop or the same folder twice)",
                            c.display()
                        ),
                    });
                    return;
                }
            }
            Err(e) => {
                self.skipped.push(Skipped {
                    path: dir.display().to_string(),
                    reason: format!("cannot list folder: {e}"),
                });
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.skipped.push(Skipped {
                    path: dir.display().to_string(),
                    reason: format!("cannot list folder: {e}"),
                });
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        // sorted, real entries before symbolic links: a file reached both ways is named by
        // its real path
        paths.sort_by_cached_key(|p| (p.is_symlink(), p.clone()));
        for p in paths {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
            if hidden {
                continue;
            }
            if p.is_dir() {
                self.walk(root, &p);
            } else {
                let rel = p.strip_prefix(root).unwrap_or(&p);
                let name = rel
                    .components()
                    .map(|c| name_of(c.as_os_str()))
                    .collect::<Vec<_>>()
                    .join("/");
                self.add(p, name);
            }
        }
    }
}

/// Reads one file into a [`Source`], or says why it was skipped.
pub fn read_file(path: &Path, name: &str, opts: &ReadOptions) -> Result<Source, Skipped> {
    let skip = |reason: String| Skipped {
        path: path.display().to_string(),
        reason,
    };
    let Some(format) = format_of(path) else {
        return Err(skip(
            "not an article (kg reads .txt, .md and .html/.htm)".into(),
        ));
    };
    let meta = std::fs::metadata(path).map_err(|e| skip(format!("cannot read: {e}")))?;
    // A FIFO or a device named like an article would block or never end.
    if !meta.is_file() {
        return Err(skip("not a regular file".into()));
    }
    if meta.len() > opts.max_bytes {
        return Err(skip(too_large(meta.len(), opts.max_bytes)));
    }
    let file = std::fs::File::open(path).map_err(|e| skip(format!("cannot read: {e}")))?;
    // bounded: the file may have grown since its size was looked at
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(skip(too_large(bytes.len() as u64, opts.max_bytes)));
    }
    from_bytes(bytes, path.display().to_string(), name.to_string(), format).map_err(skip)
}

fn too_large(len: u64, max: u64) -> String {
    format!("too large: {len} bytes (limit {max} bytes; raise it with --max-bytes)")
}

/// Reads standard input as one document named `stdin` (format from `format`).
pub fn read_stdin(format: DocFormat, opts: &ReadOptions) -> Result<Source, Skipped> {
    let mut bytes = Vec::new();
    let skip = |reason: String| Skipped {
        path: "-".into(),
        reason,
    };
    std::io::stdin()
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(skip(format!(
            "too large: over {} bytes (raise the limit with --max-bytes)",
            opts.max_bytes
        )));
    }
    if bytes.is_empty() {
        return Err(skip("standard input is empty".into()));
    }
    from_bytes(bytes, "-".into(), "stdin".into(), format).map_err(skip)
}

/// Validates and converts raw bytes.
pub fn from_bytes(
    bytes: Vec<u8>,
    path: String,
    name: String,
    format: DocFormat,
) -> Result<Source, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let raw = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Err(format!(
                "not valid UTF-8 (first bad byte at offset {at}); convert it to UTF-8 first"
            ));
        }
    };
    let (text, title) = match format {
        DocFormat::Html => html_to_text(&raw),
        DocFormat::Text | DocFormat::Markdown => {
            let title = first_line_title(&raw);
            (raw, title)
        }
    };
    if text.trim().is_empty() {
        return Err("no text (only white space or markup)".into());
    }
    Ok(Source {
        name,
        path,
        format,
        text,
        title,
    })
}

fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    let mut t: String = line.chars().take(200).collect();
    if t.len() < line.len() {
        t.push('…');
    }
    t
}

/// Tags whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "template",
    "select",
    "option",
    "figure",
    "figcaption",
    "menu",
    "dialog",
];
/// Tags that end a block of text (a line break in the output).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "tr",
    "table",
    "pre",
    "dd",
    "dt",
    "hr",
    "title",
];
/// class/id words that mark page furniture.
const FURNITURE_MARKS: &[&str] = &[
    "cookie",
    "banner",
    "newsletter",
    "subscribe",
    "share",
    "social",
    "related",
    "advert",
    "promo",
    "breadcrumb",
    "sidebar",
    "comments",
    "byline-share",
    "paywall",
    "modal",
    "popup",
    "footer",
    "header",
    "nav",
    "menu",
];

/// Visible article text of an HTML page and its title. When the page has an `<article>` (or
/// `<main>`) element, only that is kept.
pub fn html_to_text(html: &str) -> (String, String) {
    let doc = scraper::Html::parse_document(html);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(|t| collapse(&t.text().collect::<String>()))
        .unwrap_or_default();
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|sel| scraper::Selector::parse(sel).ok())
        .find_map(|s| doc.select(&s).next());
    let mut out = String::new();
    match root {
        Some(el) => collect(*el, &mut out),
        None => collect(doc.tree.root(), &mut out),
    }
    let text = out
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let title = if title.is_empty() {
        first_line_title(&text)
    } else {
        title
    };
    (if text.is_empty() { text } else { text + "\n" }, title)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
    match node.value() {
        scraper::Node::Text(t) => out.push_str(&t.text),
        scraper::Node::Element(el) => {
            let name = el.name();
            if SKIP_TAGS.contains(&name) {
                return;
            }
            let furniture = el
                .attr("class")
                .into_iter()
                .chain(el.attr("id"))
                .chain(el.attr("role"))
                .flat_map(|v| v.split_whitespace())
                .any(|v| {
                    let v = v.to_ascii_lowercase();
                    FURNITURE_MARKS.iter().any(|m| {
                        v == *m || v.starts_with(&format!("{m}-")) || v.ends_with(&format!("-{m}"))
                    })
                });
            if furniture || el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
                return;
            }
            let block = BLOCK_TAGS.contains(&name);
            if block {
                out.push('\n');
            }
            for child in node.children() {
                collect(child, out);
            }
            if block {
                out.push('\n');
            }
        }
        _ => {
            for child in node.children() {
                collect(child, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_article_text_only() {
        let html = r#"<html><head><title>Talks resume</title><style>p{}</style></head><body>
        <nav><a>Home</a> <a>World</a></nav>
        <div class="cookie-banner">We use cookies</div>
        <article><h1>Talks resume</h1><p>The envoy <b>arrived</b> in Oslo.</p>
        <script>var x = 1;</script><p>She said "we are ready".</p>
        <div class="share">Share on Twitter</div></article>
        <footer>Copyright</footer></body></html>"#;
        let (text, title) = html_to_text(html);
        assert_eq!(title, "Talks resume");
        assert_eq!(
            text,
            "Talks resume\nThe envoy arrived in Oslo.\nShe said \"we are ready\".\n"
        );
    }

    #[test]
    fn bad_bytes_get_reasons() {
        let f = DocFormat::Text;
        assert_eq!(
            from_bytes(vec![], "a".into(), "a".into(), f).unwrap_err(),
            "empty file"
        );
        assert!(
            from_bytes(vec![b'a', 0, b'b'], "a".into(), "a".into(), f)
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            from_bytes(vec![b'a', 0xff, 0xfe], "a".into(), "a".into(), f)
                .unwrap_err()
                .contains("UTF-8")
        );
    }

    #[test]
    fn text_is_kept_byte_for_byte() {
        let raw = "Title\r\n\r\nBody “quoted”.  \n";
        let s = from_bytes(
            raw.as_bytes().to_vec(),
            "p".into(),
            "n".into(),
            DocFormat::Text,
        )
        .unwrap();
        assert_eq!(s.text, raw);
        assert_eq!(s.title, "Title");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let b = std::ffi::OsStr::from_bytes(b"caf\xe8.txt");
        assert_eq!(name_of(a), "caf\\xE9.txt");
        assert_ne!(name_of(a), name_of(b));
        // near miss: valid UTF-8 is kept as is
        assert_eq!(name_of(std::ffi::OsStr::new("café.txt")), "café.txt");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_walked_once() {
        let t = tempfile::tempdir().unwrap();
        let c = t.path().join("c");
        std::fs::create_dir_all(c.join("sub")).unwrap();
        std::fs::write(c.join("sub/a.txt"), "Peru.").unwrap();
        std::os::unix::fs::symlink(&c, c.join("sub/back")).unwrap();
        std::os::unix::fs::symlink(c.join("sub"), c.join("again")).unwrap();
        let (files, skipped) = list_inputs(std::slice::from_ref(&c));
        let names: Vec<&str> = files.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["sub/a.txt"]);
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped.iter().all(|s| s.reason.contains("already read")));
    }

    #[test]
    fn a_file_listed_twice_is_read_once_under_its_first_name() {
        let t = tempfile::tempdir().unwrap();
        let c = t.path().join("c");
        std::fs::create_dir_all(c.join("sub")).unwrap();
        std::fs::write(c.join("sub/a.txt"), "Peru.").unwrap();
        std::fs::write(c.join("b.txt"), "Chile.").unwrap();
        let inputs = vec![c.join("sub/a.txt"), c.clone(), c.clone()];
        let (files, skipped) = list_inputs(&inputs);
        let names: Vec<&str> = files.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["a.txt", "b.txt"]);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].contains("same file as document \"a.txt\""));
        assert!(reasons[1].contains("already read"));
    }
}
