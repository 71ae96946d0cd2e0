//! Writes a deterministic synthetic English news corpus (examples/common/corpus.rs), or N
//! copies of a real one, for benchmarks (docs/PERFORMANCE.md).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 100000 --seed 1 --out /tmp/corpus100k
//! cargo run --release --example gen_corpus -- --replicate ../shared/realnews --copies 100 --out /tmp/rn-x100
//! ```
//! The same seed always gives the same files, byte for byte; article i does not depend on how
//! many articles are written. Prints one summary line: articles, words, bytes, seconds.

mod common;

use common::corpus;
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "usage: gen_corpus --articles N [--seed S] --out DIR\n       gen_corpus --replicate DIR --copies N --out DIR";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut articles: Option<usize> = None;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut replicate: Option<PathBuf> = None;
    let mut copies: Option<usize> = None;
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--articles" => articles = Some(value()?.parse()?),
            "--seed" => seed = value()?.parse()?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--replicate" => replicate = Some(PathBuf::from(value()?)),
            "--copies" => copies = Some(value()?.parse()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let out = out.ok_or(USAGE)?;
    let start = Instant::now();
    let (what, sum) = match (replicate, articles) {
        (Some(src), None) => {
            let copies = copies.ok_or(USAGE)?;
            let sum = corpus::replicate(&src, copies, &out)?;
            if sum.articles == 0 {
                return Err(format!("no .txt, .md or .html articles in {}", src.display()).into());
            }
            (format!("{} x{copies}", src.display()), sum)
        }
        (None, Some(n)) => {
            let sum = corpus::write_corpus(&out, n, seed)?;
            (format!("seed {seed}"), sum)
        }
        _ => return Err(USAGE.into()),
    };
    println!(
        "{} articles, {} words, {} bytes in {:.2} s ({what}) -> {}",
        sum.articles,
        sum.words,
        sum.bytes,
        start.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
