//! Ingest: read → extract (in parallel, pure) → commit (one atomic batch per chunk of
//! documents, linked incrementally) → a durable flush before the success line.
//!
//! Reading and extraction of the next chunk run on the rayon pool while the previous chunk is
//! committed on a writer thread, so both cores work and memory stays bounded by two chunks.

use crate::error::{KgError, Result};
use crate::extract::Resources;
use crate::model::{DocFormat, StatementMode, date_of_day};
use crate::read::{self, ReadOptions, Skipped, Source};
use crate::store::{CommitOptions, DocChange, Incoming, Store};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// Replace a stored document whose name is taken by different content (otherwise that is
    /// a collision: reported, nothing replaced).
    pub replace: bool,
    /// Put every document name under this prefix (`PREFIX/relative/path`).
    pub prefix: Option<String>,
    /// The name of the standard-input document (default: `stdin-` and its content hash).
    pub stdin_name: Option<String>,
    /// The publication date (`YYYY-MM-DD`) of documents that carry none.
    pub date: Option<String>,
    /// Documents per commit.
    pub chunk: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::default(),
            progress: None,
            stdin_format: DocFormat::Text,
            statements: None,
            replace: false,
            prefix: None,
            stdin_name: None,
            date: None,
            chunk: 512,
        }
    }
}

/// Time spent in each stage (summed over threads for reading and extraction).
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    pub read: Duration,
    pub extract: Duration,
    pub commit: Duration,
    pub flush: Duration,
}

/// What an ingest did.
#[derive(Clone, Debug, Default)]
pub struct IngestReport {
    pub new: usize,
    pub unchanged: usize,
    pub replaced: usize,
    /// Files not stored, each with its reason (unreadable, not an article, a collision, ...).
    pub skipped: Vec<Skipped>,
    /// How many of `skipped` are name collisions.
    pub collisions: usize,
    pub bytes: usize,
    pub words: usize,
    /// Totals of the database after the ingest.
    pub totals: crate::store::records::Totals,
    pub documents_total: usize,
    pub seconds: f64,
    pub stages: StageTimes,
}

/// A document read and extracted, ready to commit.
struct Prepared {
    incoming: Incoming,
}

/// The document names of listed files: relative to their folder, under the folder's name when
/// several inputs are given (so `reuters/` and `ap/` never share a name), under `--prefix`.
fn name_files(
    inputs: &[PathBuf],
    files: Vec<(PathBuf, String)>,
    prefix: Option<&str>,
) -> Vec<(PathBuf, String)> {
    let mut folders: Vec<&PathBuf> = Vec::new();
    let mut canonical: Vec<PathBuf> = Vec::new();
    for p in inputs.iter().filter(|p| p.as_os_str() != "-" && p.is_dir()) {
        let c = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if !canonical.contains(&c) {
            canonical.push(c);
            folders.push(p);
        }
    }
    // two folders could hold the same relative path: each gets its folder's name
    let several = folders.len() > 1;
    let labels: Vec<String> = folder_labels(&folders);
    files
        .into_iter()
        .map(|(path, name)| {
            let mut name = name;
            if several && let Some(i) = folders.iter().position(|f| path.starts_with(f)) {
                name = format!("{}/{name}", labels[i]);
            }
            if let Some(p) = prefix {
                let p = p.trim_end_matches('/');
                if !p.is_empty() {
                    name = format!("{p}/{name}");
                }
            }
            (path, name)
        })
        .collect()
}

/// A short distinct label per folder: its name, with as many parent names as it takes to tell
/// two folders of one name apart.
fn folder_labels(folders: &[&PathBuf]) -> Vec<String> {
    let parts: Vec<Vec<String>> = folders
        .iter()
        .map(|f| {
            let abs = std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf());
            abs.components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(s) => Some(read::name_of(s)),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let mut depth = vec![1usize; parts.len()];
    loop {
        let labels: Vec<String> = parts
            .iter()
            .zip(&depth)
            .map(|(p, d)| {
                let n = (*d).min(p.len());
                p[p.len() - n..].join("/")
            })
            .collect();
        let mut clash = false;
        for i in 0..labels.len() {
            for j in i + 1..labels.len() {
                if labels[i] == labels[j] {
                    clash = true;
                    for k in [i, j] {
                        if depth[k] < parts[k].len() {
                            depth[k] += 1;
                        }
                    }
                }
            }
        }
        let stuck = labels
            .iter()
            .enumerate()
            .any(|(i, l)| labels.iter().skip(i + 1).any(|m| m == l))
            && depth.iter().zip(&parts).all(|(d, p)| *d >= p.len());
        if !clash || stuck {
            return labels;
        }
    }
}

/// Today as days since 1970-01-01.
fn today() -> i32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i32)
        .unwrap_or(0)
}

/// The date of a file from its modification time.
fn file_date(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = m.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(date_of_day((secs / 86_400) as i32))
}

/// Ingests files, folders and `-` (standard input) into `store`.
pub fn ingest(
    store: &Store,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    res: &Resources,
) -> Result<IngestReport> {
    let started = Instant::now();
    let mut report = IngestReport::default();
    let mode = settle_mode(store, opts)?;
    if let Some(d) = &opts.date
        && crate::model::day_number(d).is_none()
    {
        return Err(KgError::Invalid(format!(
            "--date {d:?} is not a date (YYYY-MM-DD)"
        )));
    }
    let (files, skipped) = read::list_inputs(inputs);
    report.skipped.extend(skipped);
    let files = name_files(inputs, files, opts.prefix.as_deref());
    let bar = opts.progress.as_deref();
    if let Some(b) = bar {
        b.start(files.len() as u64);
    }
    // standard input first
    let mut first: Vec<std::result::Result<Prepared, Skipped>> = Vec::new();
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        match read::read_stdin(opts.stdin_format, &opts.read) {
            Ok(mut s) => {
                let hash = blake3::hash(s.text.as_bytes()).to_hex().to_string();
                s.name = match &opts.stdin_name {
                    Some(n) => n.clone(),
                    None => format!("stdin-{}", &hash[..12]),
                };
                if let Some(p) = opts.prefix.as_deref().filter(|p| !p.is_empty()) {
                    s.name = format!("{}/{}", p.trim_end_matches('/'), s.name);
                }
                let date = opts
                    .date
                    .clone()
                    .map(|d| (d, "option"))
                    .unwrap_or_else(|| (date_of_day(today()), "ingest"));
                first.push(prepare(
                    s,
                    Some(date),
                    store,
                    res,
                    mode,
                    &mut StageTimes::default(),
                ));
            }
            Err(s) => report.skipped.push(s),
        }
    }
    let chunk = opts.chunk.max(1);
    let commit_opts = CommitOptions {
        replace: opts.replace,
    };
    let gaz = &res.gazetteer;
    // the writer thread commits one chunk while the next is extracted
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(1);
    let mut extract_times = StageTimes::default();
    let outcome: Result<(Vec<crate::store::DocOutcome>, Duration)> = std::thread::scope(|scope| {
        let writer = scope.spawn(
            move || -> Result<(Vec<crate::store::DocOutcome>, Duration)> {
                let mut all = Vec::new();
                let mut spent = Duration::ZERO;
                for batch in rx {
                    let t = Instant::now();
                    let docs: Vec<Incoming> = batch.into_iter().map(|p| p.incoming).collect();
                    all.extend(store.commit(docs, &commit_opts, gaz)?);
                    spent += t.elapsed();
                }
                Ok((all, spent))
            },
        );
        let send = |results: Vec<std::result::Result<Prepared, Skipped>>,
                    report: &mut IngestReport|
         -> bool {
            let mut batch = Vec::new();
            for r in results {
                match r {
                    Ok(p) => {
                        report.bytes += p.incoming.text.len();
                        report.words += p.incoming.text.split_whitespace().count();
                        batch.push(p)
                    }
                    Err(s) => report.skipped.push(s),
                }
                if let Some(b) = bar {
                    b.inc();
                }
            }
            batch.is_empty() || tx.send(batch).is_ok()
        };
        let mut alive = send(std::mem::take(&mut first), &mut report);
        for part in files.chunks(chunk) {
            if !alive {
                break;
            }
            let t = Instant::now();
            let results: Vec<(std::result::Result<Prepared, Skipped>, StageTimes)> = part
                .par_iter()
                .map(|(path, name)| {
                    let mut times = StageTimes::default();
                    let t = Instant::now();
                    let r = read::read_file(path, name, &opts.read);
                    times.read += t.elapsed();
                    let r = r.and_then(|s| {
                        let date = opts
                            .date
                            .clone()
                            .map(|d| (d, "option"))
                            .or_else(|| file_date(path).map(|d| (d, "file")));
                        prepare(s, date, store, res, mode, &mut times)
                    });
                    (r, times)
                })
                .collect();
            let _ = t;
            let mut rs = Vec::with_capacity(results.len());
            for (r, times) in results {
                extract_times.read += times.read;
                extract_times.extract += times.extract;
                rs.push(r);
            }
            alive = send(rs, &mut report);
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(KgError::Invalid("the writer thread panicked".into())))
    });
    let (outcomes, commit_time) = outcome?;
    report.stages = extract_times;
    report.stages.commit = commit_time;
    for o in &outcomes {
        match o.change {
            DocChange::New => report.new += 1,
            DocChange::Unchanged => report.unchanged += 1,
            DocChange::Replaced => report.replaced += 1,
            DocChange::Collision => {
                report.collisions += 1;
                report.skipped.push(Skipped {
                    path: o.name.clone(),
                    reason: "a different document is already stored under this name; \
                             give --replace to replace it, or --prefix NAME to store it under another name"
                        .into(),
                });
            }
        }
    }
    if let Some(b) = bar {
        b.phase("flushing");
    }
    let t = Instant::now();
    store.flush()?;
    report.stages.flush = t.elapsed();
    if let Some(b) = bar {
        b.finish();
    }
    report.totals = store.totals()?;
    report.documents_total = report.totals.documents as usize;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The statement mode of this ingest; a new database takes the one asked for.
fn settle_mode(store: &Store, opts: &IngestOptions) -> Result<StatementMode> {
    let mode = store.statement_mode()?;
    match opts.statements {
        Some(wanted) if wanted != mode => {
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
            Ok(wanted)
        }
        _ => Ok(mode),
    }
}

/// Hashes a read document and extracts it unless it is stored unchanged.
fn prepare(
    source: Source,
    date: Option<(String, &'static str)>,
    store: &Store,
    res: &Resources,
    mode: StatementMode,
    times: &mut StageTimes,
) -> std::result::Result<Prepared, Skipped> {
    let hash = blake3::hash(source.text.as_bytes()).to_hex().to_string();
    let unchanged = matches!(
        store.classify(&source.name, &hash),
        Ok((_, DocChange::Unchanged))
    );
    let t = Instant::now();
    let (extraction, body) = if unchanged {
        (crate::model::DocExtraction::default(), None)
    } else {
        let ext = extract_guarded(&source, res, mode)?;
        // packed and compressed here, in parallel, so the writer does not
        let body = crate::store::records::pack_body(&source.text, &ext).ok();
        (ext, body)
    };
    times.extract += t.elapsed();
    let (published, date_source) = match date {
        Some((d, s)) => (Some(d), Some(s.to_string())),
        None => (None, None),
    };
    Ok(Prepared {
        incoming: Incoming {
            name: source.name,
            path: source.path,
            title: source.title,
            format: source.format,
            text: source.text,
            hash,
            published,
            date_source,
            extraction,
            body,
        },
    })
}

/// Extraction with a bug in a rule costing one document, not the run: the document is skipped
/// with the reason, the others are stored.
fn extract_guarded(
    source: &Source,
    res: &Resources,
    mode: StatementMode,
) -> std::result::Result<crate::model::DocExtraction, Skipped> {
    let run = std::panic::AssertUnwindSafe(|| crate::extract::extract(&source.text, res, mode));
    std::panic::catch_unwind(run).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Skipped {
            path: source.path.clone(),
            reason: format!(
                "internal error while extracting ({msg}); this is a bug in kg, please report it with the file"
            ),
        }
    })
}

/// Re-extracts every stored document from its stored text (after a gazetteer or rule change,
/// or to switch the statement mode) and relinks. Files are not read again.
pub fn relink(
    store: &Store,
    reextract: bool,
    res: &Resources,
) -> Result<crate::store::records::Totals> {
    if reextract {
        let mode = store.statement_mode()?;
        let docs = store.documents()?;
        for part in docs.chunks(512) {
            let texts: Vec<_> = part
                .iter()
                .map(|d| Ok((d.id, store.doc_text(d.id)?.unwrap_or_default())))
                .collect::<Result<_>>()?;
            let exts: Vec<_> = texts
                .par_iter()
                .map(|(id, t)| (*id, crate::extract::extract(t, res, mode)))
                .collect();
            store.replace_extractions(exts, &res.gazetteer)?;
        }
    }
    let totals = store.relink(&res.gazetteer)?;
    store.flush()?;
    Ok(totals)
}
