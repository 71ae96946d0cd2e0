//! Trains the attribution tagger of attitude mode (src/relations/learned.rs) and writes
//! schema/attribution_model.tsv.
//!
//! ```text
//! python3 ../shared/eval/polnear.py make-corpus train /tmp/polnear-train
//! cargo run --release --example train_attribution -- /tmp/polnear-train > schema/attribution_model.tsv
//! ```
//! Options: `--epochs N` (default 8), `--min-count N` (features seen fewer times are dropped,
//! default 20). Score the result with `scripts/eval.sh polnear-dev` (attitude mode).
//!
//! Only the train split may be used: the corpus's authors reserve dev and test for scoring.
//! The folder holds the articles and gold.json (byte spans of each attribution's source, cue
//! and content parts). Every token overlapping a part gets that role; the first token of each
//! part gets the B tag. Training is an averaged structured perceptron over kg's own tokens and
//! features (the same code inference runs), sentences visited in a fixed pseudo-random order.

use kg::Resources;
use kg::model::Span;
use kg::relations::Ctx;
use kg::relations::learned::{self, N, Role, START};
use std::collections::HashMap;
use std::fmt::Write as _;

struct Sentence {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

fn parts(v: &serde_json::Value) -> Vec<Span> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    let s = p.get(0)?.as_u64()? as usize;
                    let e = p.get(1)?.as_u64()? as usize;
                    Some(Span::new(s, e))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut epochs = 8usize;
    let mut min_count = 20u32;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--epochs" => epochs = args.next().unwrap_or_default().parse()?,
            "--min-count" => min_count = args.next().unwrap_or_default().parse()?,
            _ => dir = Some(a),
        }
    }
    let dir = dir.ok_or_else(|| anyhow::anyhow!("usage: train_attribution CORPUS_DIR"))?;
    let mut res = Resources::load()?;
    res.lexicon.attitudes = true;

    let mut names: HashMap<String, u32> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    let train = load(&dir, &res, &mut names, &mut counts)?;
    eprintln!(
        "{} sentences, {} tokens, {} features",
        train.len(),
        train.iter().map(|s| s.gold.len()).sum::<usize>(),
        names.len()
    );

    // averaged perceptron: w = current, u = sum of (update * step) for averaging
    let nf = names.len();
    let mut w = vec![[0f32; N]; nf];
    let mut u = vec![[0f32; N]; nf];
    let mut tw = [[0f32; N]; N + 1];
    let mut tu = [[0f32; N]; N + 1];
    let mut step = 1f32;
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut wrong = 0usize;
        let mut total = 0usize;
        for &si in &order {
            let s = &train[si];
            let scores: Vec<[f32; N]> = s
                .feats
                .iter()
                .map(|fs| {
                    let mut r = [0f32; N];
                    for &f in fs {
                        for t in 0..N {
                            r[t] += w[f as usize][t];
                        }
                    }
                    r
                })
                .collect();
            let pred = learned::decode(&scores, &tw);
            total += s.gold.len();
            if pred == s.gold {
                step += 1.0;
                continue;
            }
            for (j, (&g, &p)) in s.gold.iter().zip(&pred).enumerate() {
                let gp = if j == 0 { START } else { s.gold[j - 1] };
                let pp = if j == 0 { START } else { pred[j - 1] };
                if g != p {
                    wrong += 1;
                    for &f in &s.feats[j] {
                        let f = f as usize;
                        w[f][g] += 1.0;
                        u[f][g] += step;
                        w[f][p] -= 1.0;
                        u[f][p] -= step;
                    }
                }
                if g != p || gp != pp {
                    tw[gp][g] += 1.0;
                    tu[gp][g] += step;
                    tw[pp][p] -= 1.0;
                    tu[pp][p] -= step;
                }
            }
            step += 1.0;
        }
        eprintln!(
            "epoch {}: token error {:.4}",
            epoch + 1,
            wrong as f64 / total.max(1) as f64
        );
    }
    // averaged weights: w - u / step
    let avg = |w: &[f32; N], u: &[f32; N]| -> [f32; N] {
        let mut r = [0f32; N];
        for t in 0..N {
            r[t] = w[t] - u[t] / step;
        }
        r
    };
    let mut by_index: Vec<&str> = vec![""; nf];
    for (name, &i) in &names {
        by_index[i as usize] = name;
    }
    let mut out = String::new();
    // weights are rounded to whole update counts: the file stays small and loses nothing the
    // scores can tell apart
    writeln!(
        out,
        "# Attribution tagger of attitude mode (src/relations/learned.rs), trained by\n\
         # examples/train_attribution.rs on the PolNeAR train split ({} sentences, {epochs} epochs,\n\
         # features seen at least {min_count} times). Rows: `trans<TAB>previous tag<TAB>7 weights`\n\
         # (previous tag 7 = sentence start), then `feature<TAB>tag:weight ...`; tags 0-6 are\n\
         # O B-SRC I-SRC B-CUE I-CUE B-CON I-CON. Feature names are words, common word sequences\n\
         # of up to three words (seen at least that often) and shapes; no sentence is stored.",
        train.len()
    )?;
    let mut trans = [[0f32; N]; N + 1];
    for p in 0..=N {
        trans[p] = avg(&tw[p], &tu[p]);
        let row: Vec<String> = trans[p].iter().map(|x| format!("{x:.0}")).collect();
        writeln!(out, "trans\t{p}\t{}", row.join(" "))?;
    }
    let mut rows: Vec<(String, [f32; N])> = Vec::new();
    for f in 0..nf {
        if counts[f] < min_count {
            continue;
        }
        let a = avg(&w[f], &u[f]);
        if a.iter().all(|x| x.abs() < 0.5) {
            continue;
        }
        rows.push((by_index[f].to_string(), a));
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    for (name, a) in &rows {
        let cells: Vec<String> = (0..N)
            .filter(|&t| a[t].abs() >= 0.5)
            .map(|t| format!("{t}:{:.0}", a[t]))
            .collect();
        writeln!(out, "{name}\t{}", cells.join(" "))?;
    }
    eprintln!("{} feature rows written", rows.len());
    print!("{out}");

    Ok(())
}

/// Reads a make-corpus folder: every sentence's feature indices and gold tags.
fn load(
    dir: &str,
    res: &Resources,
    names: &mut HashMap<String, u32>,
    counts: &mut Vec<u32>,
) -> anyhow::Result<Vec<Sentence>> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/gold.json"))?)?;
    let mut by_doc: HashMap<String, Vec<&serde_json::Value>> = HashMap::new();
    for a in gold["attributions"].as_array().into_iter().flatten() {
        if let Some(d) = a["doc"].as_str() {
            by_doc.entry(d.to_string()).or_default().push(a);
        }
    }
    let mut docs: Vec<_> = by_doc.into_iter().collect();
    docs.sort_by(|x, y| x.0.cmp(&y.0));
    let mut out = Vec::new();
    for (doc, attrs) in docs {
        let text = std::fs::read_to_string(format!("{dir}/{doc}"))?;
        let sentences = kg::text::sentences(&text, &res.abbreviations);
        let cands = kg::mentions::recognize(&text, &sentences, &res.gazetteer);
        let (entities, mentions) =
            kg::link::local::link_document(&text, &sentences, cands, &res.gazetteer);
        let ctx = Ctx::new(&text, &sentences, &entities, &mentions, &res.lexicon);
        // gold tag of every token: (role, attribution index, part index)
        let mut owner: Vec<Option<(Role, usize, usize)>> = vec![None; ctx.toks.len()];
        for (ai, a) in attrs.iter().enumerate() {
            for (role, key) in [
                (Role::Source, "source_parts"),
                (Role::Cue, "cue_parts"),
                (Role::Content, "content_parts"),
            ] {
                for (pi, p) in parts(&a[key]).into_iter().enumerate() {
                    for (ti, t) in ctx.toks.iter().enumerate() {
                        if t.span.start < p.end && p.start < t.span.end {
                            owner[ti] = Some((role, ai, pi));
                        }
                    }
                }
            }
        }
        for s in 0..sentences.len() {
            let (a, b) = ctx.sent_toks[s];
            if a >= b {
                continue;
            }
            let mut feats: Vec<Vec<u32>> = vec![Vec::new(); b - a];
            learned::sentence_features(&ctx, s, |tok, name| {
                let i = match names.get(name) {
                    Some(&i) => i,
                    None => {
                        let i = names.len() as u32;
                        names.insert(name.to_string(), i);
                        counts.push(0);
                        i
                    }
                };
                counts[i as usize] += 1;
                feats[tok - a].push(i);
            });
            let gold: Vec<usize> = (a..b)
                .map(|k| match owner[k] {
                    None => 0,
                    Some((r, ai, pi)) => {
                        let cont = k > a && owner[k - 1] == Some((r, ai, pi));
                        r.begin_tag() + usize::from(cont)
                    }
                })
                .collect();
            out.push(Sentence { feats, gold });
        }
    }
    Ok(out)
}
