//! The synthetic benchmark corpus (examples/common/corpus.rs, written by examples/gen_corpus.rs):
//! deterministic per (seed, index), articles of 300–900 words, Zipf-skewed people, and the
//! variation kg must handle (quotes, reported speech, acronyms, demonyms, typos); and kg ingests
//! it with many statements and entities.

#[path = "../examples/common/corpus.rs"]
mod corpus;

use assert_cmd::Command;
use corpus::{Article, World};
use std::collections::HashMap;
use std::sync::OnceLock;

const SEED: u64 = 7;
const N: usize = 200;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| World::build(SEED))
}

fn articles() -> &'static Vec<Article> {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| (0..N).map(|i| corpus::generate(SEED, i, world())).collect())
}

#[test]
fn the_same_seed_and_index_give_the_same_bytes_in_any_order() {
    let a = articles();
    // a fresh world, generated backwards and only in part
    let w2 = World::build(SEED);
    for i in (0..N).rev().step_by(7) {
        let (name, text) = corpus::article(SEED, i, &w2);
        assert_eq!(name, a[i].name, "file name of article {i}");
        assert_eq!(text, a[i].text, "text of article {i}");
    }
    // another seed gives other articles
    let w3 = World::build(SEED + 1);
    let (_, other) = corpus::article(SEED + 1, 0, &w3);
    assert_ne!(other, a[0].text);
    // file names are unique and sorted into year/month folders
    let mut names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), N);
    for n in &names {
        let parts: Vec<&str> = n.split('/').collect();
        assert_eq!(parts.len(), 3, "{n}");
        assert!(parts[0].len() == 4 && parts[1].len() == 2, "{n}");
        assert!(n.ends_with(".txt") || n.ends_with(".md"), "{n}");
    }
}

#[test]
fn articles_have_300_to_900_words_a_headline_and_dates() {
    let a = articles();
    let mut md = 0;
    for x in a {
        let words = x.text.split_whitespace().count();
        assert_eq!(words, x.words, "{}", x.name);
        assert!((300..=900).contains(&words), "{}: {words} words", x.name);
        if x.name.ends_with(".md") {
            md += 1;
            assert!(x.text.starts_with("---\ndate: 20"), "{}", x.name);
        } else {
            let headline = x.text.lines().next().unwrap();
            assert!(
                !headline.is_empty() && !headline.ends_with('.'),
                "{}",
                x.name
            );
        }
    }
    assert!(md > N / 10 && md < N / 2, "{md} Markdown articles of {N}");
    let lengths: Vec<usize> = a.iter().map(|x| x.words).collect();
    let spread = lengths.iter().max().unwrap() - lengths.iter().min().unwrap();
    assert!(spread > 300, "lengths vary: spread {spread}");
}

/// Does `text` hold `word` as a whole word?
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn a_few_people_appear_in_many_articles_and_most_in_few() {
    let w = world();
    let mut docs: HashMap<usize, usize> = HashMap::new();
    for x in articles() {
        for &p in &x.people {
            if has_word(&x.text, &w.people[p].full()) {
                *docs.entry(p).or_default() += 1;
            }
        }
    }
    let mut counts: Vec<usize> = docs.values().copied().collect();
    counts.sort_unstable();
    let max = *counts.last().unwrap();
    let median = counts[counts.len() / 2];
    assert!(counts.len() > 300, "{} distinct people named", counts.len());
    assert!(
        max >= 10 * median,
        "most frequent person in {max} articles, median {median}"
    );
    assert!(max >= N / 10, "the top person is in {max} of {N} articles");
}

#[test]
fn articles_carry_quotes_reported_speech_acronyms_demonyms_and_typos() {
    let w = world();
    let a = articles();
    let count = |f: &dyn Fn(&str) -> bool| a.iter().filter(|x| f(&x.text)).count();
    let direct = count(&|t| t.contains(",\" ") && (t.contains(" said.") || t.contains(" said:")));
    let reported = count(&|t| {
        [
            " said that ",
            " told reporters that ",
            " added that ",
            " warned that ",
            " insisted that ",
            " argued that ",
        ]
        .iter()
        .any(|cue| t.contains(cue))
    });
    let according = count(&|t| t.contains("According to ") || t.contains(", according to "));
    let acronym = count(&|t| {
        t.match_indices(" (").any(|(i, _)| {
            let rest = &t[i + 2..];
            let end = rest.find(')').unwrap_or(0);
            (2..=6).contains(&end) && rest[..end].chars().all(|c| c.is_ascii_uppercase())
        })
    });
    let demonym = count(&|t| {
        w.countries.iter().any(|c| {
            !c.adjective.is_empty()
                && (t.contains(&format!("{} officials", c.adjective))
                    || t.contains(&format!("the {} government", c.adjective))
                    || t.contains(&format!("{} media", c.adjective)))
        })
    });
    for (what, n, min) in [
        ("direct quotes", direct, N * 9 / 10),
        ("reported speech", reported, N * 8 / 10),
        ("according to", according, N / 2),
        ("acronyms in brackets", acronym, N / 3),
        ("demonyms", demonym, N / 2),
    ] {
        assert!(n >= min, "{what} in {n} of {N} articles (want {min})");
    }
    // typos: about one surname mention in 200, each written into its article
    let typos: Vec<_> = a
        .iter()
        .flat_map(|x| x.typos.iter().map(move |t| (x, t)))
        .collect();
    assert!(
        (3..=80).contains(&typos.len()),
        "{} typos in {N} articles",
        typos.len()
    );
    for (x, (right, wrong)) in typos {
        assert_ne!(right, wrong);
        assert!(
            has_word(&x.text, wrong),
            "{wrong} (for {right}) in {}",
            x.name
        );
    }
    // some articles name two people with the same surname
    let shared = a
        .iter()
        .filter(|x| {
            x.people.iter().enumerate().any(|(i, &p)| {
                x.people[i + 1..]
                    .iter()
                    .any(|&q| w.people[p].family == w.people[q].family)
            })
        })
        .count();
    assert!(
        shared >= 2,
        "{shared} articles with two people sharing a surname"
    );
}

#[test]
fn kg_ingests_generated_articles() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("corpus");
    let sum = corpus::write_range(&dir, 0..50, SEED, world()).unwrap();
    assert_eq!(sum.articles, 50);
    let db = t.path().join("g.db");
    let kg = || {
        let mut c = Command::cargo_bin("kg").expect("kg binary");
        c.arg("--db").arg(&db).env_remove("KG_DB");
        c
    };
    kg().arg("ingest").arg(&dir).assert().success();
    let out = kg().args(["--json", "stats"]).assert().success();
    let stats: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(stats["documents"], 50, "{stats}");
    assert!(stats["statements"].as_u64().unwrap() > 100, "{stats}");
    assert!(stats["entities"].as_u64().unwrap() > 50, "{stats}");
    assert!(
        stats["entities_by_type"]["person"].as_u64().unwrap() > 20,
        "{stats}"
    );
}

#[test]
fn replicas_differ_by_one_line_and_keep_their_names() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("a.txt"), "Headline\n\nBody text.\n").unwrap();
    std::fs::write(
        src.join("sub/b.html"),
        "<html><body><p>Hi.</p></body></html>",
    )
    .unwrap();
    std::fs::write(src.join("notes.tsv"), "skip\tme\n").unwrap();
    let out = t.path().join("out");
    let sum = corpus::replicate(&src, 3, &out).unwrap();
    assert_eq!(sum.articles, 6);
    let a0 = std::fs::read_to_string(out.join("copy0000/a.txt")).unwrap();
    let a2 = std::fs::read_to_string(out.join("copy0002/a.txt")).unwrap();
    assert!(a0.starts_with("Headline\n\nBody text.\n") && a0 != a2);
    assert_eq!(a0.lines().count(), a2.lines().count());
    let b1 = std::fs::read_to_string(out.join("copy0001/sub/b.html")).unwrap();
    assert!(b1.contains("copy number 1") && b1.ends_with("</body></html>"));
    assert!(!out.join("copy0000/notes.tsv").exists());
}
