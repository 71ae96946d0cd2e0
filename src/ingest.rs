//! Ingest: read → extract (in parallel, pure) → store (one transaction a document) → relink.

use crate::error::KgError;
use crate::error::Result;
use crate::extract::Resources;
use crate::model::DocFormat;
use crate::model::StatementMode;
use crate::read::{self, ReadOptions, Skipped, Source};
use crate::store::{DocChange, RelinkStats, Store};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

/// Receives the progress of an ingest (files done of files listed, and the phase).
pub trait Progress: Send + Sync {
    /// `total` files will be read.
    fn start(&self, total: u64);
    /// One more file is done (stored, unchanged or skipped).
    fn inc(&self);
    /// The phase after reading ("linking").
    fn phase(&self, name: &str);
    /// The ingest is over.
    fn finish(&self);
}

/// How to ingest.
#[derive(Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Told how far the ingest is (the CLI draws a progress bar on terminals).
    pub progress: Option<std::sync::Arc<dyn Progress>>,
    /// Format of standard input (`-`).
    pub stdin_format: DocFormat,
    /// What counts as a statement; `None` keeps the database's mode (speech for a new one).
    /// A database that holds documents keeps its mode: switching is `kg relink --reextract`.
    pub statements: Option<StatementMode>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::default(),
            progress: None,
            stdin_format: DocFormat::Text,
            statements: None,
        }
    }
}

/// What an ingest did.
#[derive(Clone, Debug, Default)]
pub struct IngestReport {
    pub new: usize,
    pub unchanged: usize,
    pub replaced: usize,
    pub skipped: Vec<Skipped>,
    pub bytes: usize,
    pub words: usize,
    /// Totals of the database after the ingest.
    pub totals: RelinkStats,
    pub documents_total: usize,
    pub seconds: f64,
    pub relinked: bool,
}

/// Number of documents extracted together before they are written.
const CHUNK: usize = 256;

/// Ingests files, folders and `-` (standard input) into `store`.
pub fn ingest(
    store: &Store,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    res: &Resources,
) -> Result<IngestReport> {
    let started = Instant::now();
    let mut report = IngestReport::default();
    let mut mode = store.statement_mode()?;
    if let Some(wanted) = opts.statements
        && wanted != mode
    {
        if store.doc_count() > 0 {
            return Err(KgError::Invalid(format!(
                "{} holds statements extracted in {} mode; ingesting in {} mode would mix the two. \
                 Switch the whole database with `kg relink --reextract --statements {}` first",
                store.path().display(),
                mode.as_str(),
                wanted.as_str(),
                wanted.as_str()
            )));
        }
        store.set_statement_mode(wanted)?;
        mode = wanted;
    }
    let (files, skipped) = read::list_inputs(inputs);
    report.skipped.extend(skipped);
    let bar = opts.progress.as_deref();
    if let Some(b) = bar {
        b.start(files.len() as u64);
    }

    let mut stdin_source = None;
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        match read::read_stdin(opts.stdin_format, &opts.read) {
            Ok(s) => stdin_source = Some(s),
            Err(s) => report.skipped.push(s),
        }
    }

    let handle = |results: Vec<std::result::Result<Prepared, Skipped>>,
                  report: &mut IngestReport|
     -> Result<()> {
        for r in results {
            match r {
                Err(s) => report.skipped.push(s),
                Ok(p) => {
                    report.bytes += p.source.text.len();
                    report.words += p.source.text.split_whitespace().count();
                    let change = match p.extraction {
                        None => DocChange::Unchanged,
                        Some(ext) => {
                            let s = &p.source;
                            let doc = crate::store::NewDocument {
                                name: &s.name,
                                path: &s.path,
                                title: &s.title,
                                format: s.format,
                                text: &s.text,
                                hash: &p.hash,
                            };
                            store.put_document(&doc, &ext)?.1
                        }
                    };
                    match change {
                        DocChange::New => report.new += 1,
                        DocChange::Unchanged => report.unchanged += 1,
                        DocChange::Replaced => report.replaced += 1,
                    }
                }
            }
            if let Some(b) = bar {
                b.inc();
            }
        }
        Ok(())
    };

    if let Some(s) = stdin_source {
        let p = prepare(s, store, res, mode);
        handle(vec![p], &mut report)?;
    }
    for chunk in files.chunks(CHUNK) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|(path, name)| {
                read::read_file(path, name, &opts.read).and_then(|s| prepare(s, store, res, mode))
            })
            .collect();
        handle(results, &mut report)?;
    }
    if let Some(b) = bar {
        b.phase("linking");
    }
    if store.link_dirty()? {
        store.relink(res)?;
        report.relinked = true;
    }
    store.flush()?;
    if let Some(b) = bar {
        b.finish();
    }
    report.totals = store.stats()?;
    report.documents_total = store.doc_count();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// A read document, hashed, with its extraction unless it is unchanged.
struct Prepared {
    source: Source,
    hash: String,
    extraction: Option<crate::model::DocExtraction>,
}

fn prepare(
    source: Source,
    store: &Store,
    res: &Resources,
    mode: StatementMode,
) -> std::result::Result<Prepared, Skipped> {
    let hash = blake3::hash(source.text.as_bytes()).to_hex().to_string();
    let unchanged = matches!(
        store.classify(&source.name, &hash),
        Ok(DocChange::Unchanged)
    );
    let extraction = if unchanged {
        None
    } else {
        // a bug in a rule must cost one document, not the run: the document is skipped with
        // the reason, the others are stored
        let run = std::panic::AssertUnwindSafe(|| crate::extract::extract(&source.text, res, mode));
        match std::panic::catch_unwind(run) {
            Ok(e) => Some(e),
            Err(p) => {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                return Err(Skipped {
                    path: source.path.clone(),
                    reason: format!(
                        "internal error while extracting ({msg}); this is a bug in kg, please report it with the file"
                    ),
                });
            }
        }
    };
    Ok(Prepared {
        source,
        hash,
        extraction,
    })
}

/// Re-extracts every stored document from its stored text (after a gazetteer or rule change,
/// or to switch the statement mode) and relinks. Files are not read again.
pub fn relink(store: &Store, reextract: bool, res: &Resources) -> Result<RelinkStats> {
    if reextract {
        let mode = store.statement_mode()?;
        let docs = store.documents()?;
        let texts: Vec<_> = docs
            .iter()
            .map(|d| Ok((d.id, store.doc_text(d.id)?.unwrap_or_default())))
            .collect::<Result<_>>()?;
        let exts: Vec<_> = texts
            .par_iter()
            .map(|(id, t)| (*id, crate::extract::extract(t, res, mode)))
            .collect();
        for (id, e) in exts {
            store.put_extraction(id, &e)?;
        }
    }
    let stats = store.relink(res)?;
    store.flush()?;
    Ok(stats)
}
