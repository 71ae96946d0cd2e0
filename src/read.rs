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
/// name each would get. `-` stands for standard input and is returned as `None` path.
pub fn list_inputs(inputs: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        match std::fs::metadata(input) {
            Err(e) => skipped.push(Skipped {
                path: input.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
            Ok(m) if m.is_dir() => walk(input, input, &mut files, &mut skipped),
            Ok(_) => {
                let name = input
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| input.display().to_string());
                files.push((input.clone(), name));
            }
        }
    }
    (files, skipped)
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, String)>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                path: dir.display().to_string(),
                reason: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(root, &p, files, skipped);
        } else {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((p, name));
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
    if meta.len() > opts.max_bytes {
        return Err(skip(format!(
            "too large: {} bytes (limit {} bytes; raise it with --max-bytes)",
            meta.len(),
            opts.max_bytes
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| skip(format!("cannot read: {e}")))?;
    from_bytes(bytes, path.display().to_string(), name.to_string(), format).map_err(skip)
}

/// Reads standard input as one document named `stdin` (format from `format`).
pub fn read_stdin(format: DocFormat, opts: &ReadOptions) -> Result<Source, Skipped> {
    let mut bytes = Vec::new();
    let skip = |reason: String| Skipped {
        path: "-".into(),
        reason,
    };
    std::io::stdin()
        .take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(skip(format!("too large: over {} bytes", opts.max_bytes)));
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
}
