//! Benchmark: prints throughput and latency figures for docs/PERFORMANCE.md.
//!
//! ```text
//! cargo run --release --example bench -- [CORPUS_DIR] [--copies N] [--statements MODE]
//! ```
//! MODE is speech (the default) or attitudes (rules plus the learned tagger).
//! Reads the articles of CORPUS_DIR (default: docs/demo), makes N renamed copies of the set
//! (default 200) so the corpus has some volume, then measures:
//! 1. extraction alone, one thread and all threads (words/s);
//! 2. a full `ingest` into a fresh database (documents/s, words/s, relink time);
//! 3. a re-ingest of the unchanged corpus;
//! 4. query latencies on the result (resolve + show, said --about, relations --from).

use kg::Resources;
use kg::ingest::{IngestOptions, ingest};
use kg::store::Store;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut corpus = PathBuf::from("docs/demo");
    let mut copies = 200usize;
    let mut mode = kg::model::StatementMode::Speech;
    while let Some(a) = args.next() {
        if a == "--copies" {
            copies = args.next().ok_or("--copies needs a number")?.parse()?;
        } else if a == "--statements" {
            let m = args.next().ok_or("--statements needs a mode")?;
            mode = kg::model::StatementMode::parse(&m).ok_or("speech or attitudes")?;
        } else {
            corpus = PathBuf::from(a);
        }
    }
    let res = Resources::global()?;
    let (files, _) = kg::read::list_inputs(std::slice::from_ref(&corpus));
    let sources: Vec<_> = files
        .iter()
        .filter_map(|(p, n)| kg::read::read_file(p, n, &Default::default()).ok())
        .collect();
    if sources.is_empty() {
        return Err(format!("no articles in {}", corpus.display()).into());
    }
    let words: usize = sources
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum();
    println!(
        "corpus: {} ({} articles, {} words), {} copies -> {} articles, {} words; {} threads; {} mode",
        corpus.display(),
        sources.len(),
        words,
        copies,
        sources.len() * copies,
        words * copies,
        rayon::current_num_threads(),
        mode.as_str()
    );

    // 1. extraction
    let reps = copies.max(1);
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..reps {
        for s in &sources {
            n += kg::extract::extract(&s.text, res, mode).mentions.len();
        }
    }
    let one = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let m: usize = (0..reps)
        .into_par_iter()
        .map(|_| {
            sources
                .iter()
                .map(|s| kg::extract::extract(&s.text, res, mode).mentions.len())
                .sum::<usize>()
        })
        .sum();
    let all = t.elapsed().as_secs_f64();
    assert_eq!(n, m);
    println!(
        "extract, 1 thread:   {:>10.0} words/s  ({:.3} ms per article, {} mentions)",
        (words * reps) as f64 / one,
        one * 1000.0 / (sources.len() * reps) as f64,
        n
    );
    println!(
        "extract, {} threads:  {:>10.0} words/s",
        rayon::current_num_threads(),
        (words * reps) as f64 / all
    );

    // 2. ingest
    let tmp = std::env::temp_dir().join(format!("kg-bench-{}", std::process::id()));
    let dir = tmp.join("corpus");
    std::fs::create_dir_all(&dir)?;
    for c in 0..copies {
        for s in &sources {
            let ext = std::path::Path::new(&s.name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt");
            let name = format!(
                "{c:05}-{}.{}",
                s.name.replace('/', "_"),
                if ext == "html" { "txt" } else { ext }
            );
            std::fs::write(dir.join(name), &s.text)?;
        }
    }
    let db = tmp.join("g.db");
    let store = Store::open(&db)?;
    let opts = IngestOptions {
        statements: Some(mode),
        ..Default::default()
    };
    let t = Instant::now();
    let r = ingest(&store, std::slice::from_ref(&dir), &opts, res)?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ingest (fresh):      {:>10.0} words/s  {:>8.0} docs/s  ({:.2} s; {} entities, {} statements, {} relations)",
        r.words as f64 / secs,
        (r.new as f64) / secs,
        secs,
        r.totals.entities,
        r.totals.statements,
        r.totals.relations
    );
    let t = Instant::now();
    let st = store.relink(&res.gazetteer)?;
    println!(
        "relink alone:        {:>10.3} s  ({} mentions)",
        t.elapsed().as_secs_f64(),
        st.mentions
    );
    let t = Instant::now();
    let r2 = ingest(&store, std::slice::from_ref(&dir), &opts, res)?;
    println!(
        "ingest (unchanged):  {:>10.3} s  ({} unchanged)",
        t.elapsed().as_secs_f64(),
        r2.unchanged
    );

    // 3. queries on the most mentioned entity
    let top = kg::query::entities(&store, None, Some(1))?;
    if let Some(e) = top.first() {
        let name = e.name.clone();
        let time = |label: &str, f: &dyn Fn() -> kg::Result<usize>| -> kg::Result<()> {
            let t = Instant::now();
            let mut rows = 0;
            for _ in 0..10 {
                rows = f()?;
            }
            println!(
                "{label:<21}{:>10.2} ms  ({rows} rows, entity {name:?})",
                t.elapsed().as_secs_f64() * 100.0
            );
            Ok(())
        };
        time("query show:", &|| {
            let e = kg::query::resolve(&store, &name)?;
            Ok(kg::query::entity_card(&store, e)?.relations.len())
        })?;
        time("query said --about:", &|| {
            Ok(kg::query::said(
                &store,
                &kg::query::SaidFilter {
                    about: Some(name.clone()),
                    ..Default::default()
                },
            )?
            .len())
        })?;
        time("query relations:", &|| {
            Ok(kg::query::relations(
                &store,
                &kg::query::RelationFilter {
                    from: Some(name.clone()),
                    ..Default::default()
                },
            )?
            .len())
        })?;
    }
    drop(store);
    let size: u64 = walk_size(&db);
    println!(
        "database size:       {:>10.1} MiB",
        size as f64 / (1024.0 * 1024.0)
    );
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}

fn walk_size(p: &std::path::Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let m = match e.metadata() {
                Ok(m) => m,
                Err(_) => continue,
            };
            total += if m.is_dir() {
                walk_size(&e.path())
            } else {
                m.len()
            };
        }
    }
    total
}
