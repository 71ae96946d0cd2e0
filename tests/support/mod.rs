//! A small graph written straight into a kg database through the library (no extraction), so
//! walks and exports can be tested on known content. The articles are invented for these tests.

#![allow(dead_code)]

use kg::model::*;
use kg::store::{CommitOptions, Incoming, Store};
use std::path::Path;

/// Builds one document's extraction from its text.
pub struct Doc {
    pub name: &'static str,
    pub text: String,
    pub ext: DocExtraction,
}

fn find(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the fixture text"));
    Span::new(start, start + needle.len())
}

impl Doc {
    pub fn new(name: &'static str, text: &str) -> Self {
        let mut ext = DocExtraction::default();
        // sentences: split after ". "
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            ext.sentences.push(Span::new(start, i + 1));
            start = i + 2;
        }
        ext.sentences.push(Span::new(start, text.len()));
        Doc {
            name,
            text: text.to_string(),
            ext,
        }
    }

    fn sentence_of(&self, span: Span) -> Span {
        self.ext
            .sentences
            .iter()
            .copied()
            .find(|s| s.contains(span))
            .unwrap_or(span)
    }

    /// An entity named `name`, with one mention for each occurrence of `surface` (default: the
    /// name) in the text.
    pub fn entity(&mut self, name: &str, etype: EntityType, surface: Option<&str>) -> LocalRef {
        let idx = self.ext.entities.len() as LocalRef;
        self.ext.entities.push(LocalEntity {
            name: name.to_string(),
            etype,
            gazetteer_id: None,
            titles: vec![],
        });
        let surface = surface.unwrap_or(name);
        for (i, _) in self.text.match_indices(surface) {
            self.ext.mentions.push(Mention {
                span: Span::new(i, i + surface.len()),
                text: surface.to_string(),
                entity: Some(idx),
                rule: "fixture".into(),
                confidence: 1.0,
            });
        }
        idx
    }

    /// A relation expressed by `words` (which must occur in the text).
    pub fn relation(&mut self, src: LocalRef, rel: &str, dst: LocalRef, words: &str, weight: u32) {
        let span = find(&self.text, words);
        let sentence = self.sentence_of(span);
        self.ext.relations.push(Relation {
            src,
            dst,
            relation: rel.to_string(),
            label: None,
            span,
            sentence,
            rule: "fixture".into(),
            confidence: if rel == "MENTIONED_WITH" { 0.5 } else { 0.9 },
            statement: None,
            weight,
        });
    }

    /// A statement by `speaker` with the content `content`, about `about` (SAID_ABOUT edges too).
    pub fn said(&mut self, speaker: LocalRef, cue: &str, content: &str, about: &[LocalRef]) {
        let content_span = find(&self.text, content);
        let cue_span = find(&self.text, cue);
        let sentence = self.sentence_of(content_span);
        let si = self.ext.statements.len() as u32;
        self.ext.statements.push(Statement {
            speaker: Some(speaker),
            speaker_text: None,
            speaker_span: None,
            cue: cue.to_string(),
            cue_span: Some(cue_span),
            content: content.to_string(),
            content_span,
            kind: StatementKind::Indirect,
            about: about.to_vec(),
            sentence,
            confidence: 0.8,
            rule: "fixture".into(),
        });
        for a in about {
            self.ext.relations.push(Relation {
                src: speaker,
                dst: *a,
                relation: "SAID_ABOUT".into(),
                label: None,
                span: cue_span,
                sentence,
                rule: "fixture".into(),
                confidence: 0.8,
                statement: Some(si),
                weight: 1,
            });
        }
    }
}

/// Names in the fixture that must survive every export unharmed.
pub const NASTY_PERSON: &str = "Dr. \"Quote\" O'Brien\\";
pub const NASTY_ORG: &str = "<Corp> & Sons";

/// Three invented articles:
/// talks.txt: Ingrid Halvorsen met Mateo Rojas in Oslo; she spoke about Norway and Chile; Rojas
/// criticized the Fisheries Council. followup.txt: Rojas spoke about Chile; Lena Park of the
/// Fisheries Council called Rojas. nasty.txt: Lena Park met a person and an organization with
/// names full of characters that break careless exporters.
pub fn docs() -> Vec<Doc> {
    use EntityType::*;
    let mut a = Doc::new(
        "talks.txt",
        "Ingrid Halvorsen met Mateo Rojas in Oslo on Monday. \
         Ingrid Halvorsen said Norway wants a fair deal with Chile. \
         Mateo Rojas criticized the Fisheries Council for delays.",
    );
    let ih = a.entity("Ingrid Halvorsen", Person, None);
    let mr = a.entity("Mateo Rojas", Person, None);
    let oslo = a.entity("Oslo", Location, None);
    let no = a.entity("Norway", Country, None);
    let cl = a.entity("Chile", Country, None);
    let fc = a.entity("Fisheries Council", Organization, None);
    a.relation(ih, "MET_WITH", mr, "met", 1);
    a.relation(
        ih,
        "MENTIONED_WITH",
        mr,
        "Ingrid Halvorsen met Mateo Rojas",
        2,
    );
    a.relation(ih, "MENTIONED_WITH", oslo, "in Oslo", 1);
    a.relation(mr, "CRITICIZED", fc, "criticized", 1);
    a.said(ih, "said", "Norway wants a fair deal with Chile", &[no, cl]);

    let mut b = Doc::new(
        "followup.txt",
        "Mateo Rojas told reporters that Chile would send a delegation to Oslo. \
         Lena Park of the Fisheries Council called Mateo Rojas on Tuesday. \
         Chile and Norway will meet again.",
    );
    let mr = b.entity("Mateo Rojas", Person, None);
    let cl = b.entity("Chile", Country, None);
    let oslo = b.entity("Oslo", Location, None);
    let lp = b.entity("Lena Park", Person, None);
    let fc = b.entity("Fisheries Council", Organization, None);
    let no = b.entity("Norway", Country, None);
    b.said(
        mr,
        "told reporters",
        "Chile would send a delegation to Oslo",
        &[cl, oslo],
    );
    b.relation(
        lp,
        "HOLDS_ROLE",
        fc,
        "Lena Park of the Fisheries Council",
        1,
    );
    b.relation(lp, "CALLED", mr, "called", 1);
    b.relation(cl, "MENTIONED_WITH", no, "Chile and Norway", 1);

    let mut c = Doc::new(
        "nasty.txt",
        "Lena Park met Dr. \"Quote\" O'Brien\\ at <Corp> & Sons. \
         =Formula Ltd was not there.",
    );
    let lp = c.entity("Lena Park", Person, None);
    let qb = c.entity(NASTY_PERSON, Person, None);
    let corp = c.entity(NASTY_ORG, Organization, None);
    let _f = c.entity("=Formula Ltd", Organization, None);
    c.relation(lp, "MET_WITH", qb, "met", 1);
    c.relation(qb, "MENTIONED_WITH", corp, "at <Corp>", 1);
    vec![a, b, c]
}

/// The names of the fixture's entities.
pub const NAMES: &[&str] = &[
    "Ingrid Halvorsen",
    "Mateo Rojas",
    "Oslo",
    "Norway",
    "Chile",
    "Fisheries Council",
    "Lena Park",
    NASTY_PERSON,
    NASTY_ORG,
    "=Formula Ltd",
];

/// A fixture document as the store takes it.
fn incoming(d: Doc) -> Incoming {
    Incoming {
        name: d.name.to_string(),
        path: d.name.to_string(),
        title: d.name.to_string(),
        format: DocFormat::Text,
        hash: blake3::hash(d.text.as_bytes()).to_hex().to_string(),
        text: d.text,
        published: Some("2025-06-01".into()),
        date_source: Some("option".into()),
        extraction: d.ext,
        body: None,
    }
}

/// Commits documents (one commit) and flushes.
fn commit(store: &Store, docs: Vec<Incoming>) {
    let gaz = &kg::Resources::global().expect("resources").gazetteer;
    store
        .commit(docs, &CommitOptions::default(), gaz)
        .expect("commit");
    store.flush().expect("flush");
}

/// Writes the fixture into a new database at `db`.
pub fn build(db: &Path) {
    let store = Store::open(db).expect("open");
    let incoming: Vec<Incoming> = docs().into_iter().map(incoming).collect();
    commit(&store, incoming);
}

pub fn kg(db: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("kg").expect("kg binary");
    c.arg("--db").arg(db).env_remove("KG_DB");
    c
}

pub fn json_out(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", String::from_utf8_lossy(&out)))
}

/// A temp dir with the fixture database in `g.db`.
pub fn fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let db = t.path().join("g.db");
    build(&db);
    (t, db)
}

/// A larger invented graph: `n` entities over `docs` documents, each document naming six of them
/// (a few hubs appear often), with meetings, statements and co-occurrence.
pub fn build_large(db: &Path, n: usize, docs: usize) {
    use EntityType::*;
    let store = Store::open(db).expect("open");
    let types = [Person, Person, Country, Organization, Location];
    let name = |i: usize| {
        format!(
            "{} {i:03}",
            ["Person", "Person", "Country", "Org", "Place"][i % 5]
        )
    };
    let mut seed: u64 = 42;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    let mut all = Vec::new();
    for d in 0..docs {
        let mut picks: Vec<usize> = Vec::new();
        while picks.len() < 6 {
            // hubs: the first 8 entities are picked far more often
            let i = if next(3) == 0 { next(8) } else { next(n) };
            if !picks.contains(&i) {
                picks.push(i);
            }
        }
        let text: String = picks
            .chunks(2)
            .map(|p| format!("{} met {} in the morning. ", name(p[0]), name(p[1])))
            .collect();
        let name_static: &'static str = Box::leak(format!("doc{d:03}.txt").into_boxed_str());
        let mut doc = Doc::new(name_static, text.trim_end());
        let refs: Vec<LocalRef> = picks
            .iter()
            .map(|&i| doc.entity(&name(i), types[i % 5], None))
            .collect();
        for (k, pair) in refs.chunks(2).enumerate() {
            let words = format!("{} met {}", name(picks[2 * k]), name(picks[2 * k + 1]));
            doc.relation(pair[0], "MET_WITH", pair[1], &words, 1);
            doc.relation(
                pair[0],
                "MENTIONED_WITH",
                pair[1],
                &words,
                1 + next(3) as u32,
            );
        }
        doc.relation(refs[0], "MENTIONED_WITH", refs[2], &name(picks[2]), 1);
        all.push(incoming(doc));
    }
    commit(&store, all);
}
