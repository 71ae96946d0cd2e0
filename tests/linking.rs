//! Entity recognition and linking through the binary, on invented texts: every rule links where
//! it must and keeps apart what it must not.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn kg(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kg").expect("binary builds");
    c.arg("--db").arg(db);
    c
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write test doc");
}

fn ingest(db: &Path, dir: &Path) {
    kg(db).arg("ingest").arg(dir).assert().success();
}

/// `kg --json show NAME` as JSON (None when the name is unknown).
fn show(db: &Path, name: &str) -> Option<Value> {
    let out = kg(db)
        .args(["--json", "show", name])
        .output()
        .expect("runs");
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn entity_id(db: &Path, name: &str) -> Option<u64> {
    show(db, name).and_then(|v| v["entity"]["id"].as_u64())
}

fn alias_rule(db: &Path, entity: &str, surface: &str) -> Option<String> {
    let v = show(db, entity)?;
    v["entity"]["aliases"]
        .as_array()?
        .iter()
        .find(|a| a["surface"] == surface)
        .and_then(|a| a["rule"].as_str().map(str::to_string))
}

fn corpus() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let docs = t.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    write(
        &docs,
        "a.txt",
        "Laura Kowalski, the finance minister, said the budget was ready. Kowalski left for \
         Seoul on Monday. Pyongyang rejected the offer.\n",
    );
    write(
        &docs,
        "b.txt",
        "Laura Kowalski said no. North Korean officials met Choi Min-jae in Hanoi. \
         Choi Min-jae said talks between Washington and Pyongyang would go on.\n",
    );
    write(
        &docs,
        "c.txt",
        "Laura Kowlaski said maybe. Later Choi spoke to the Harbor Morning Post. \
         HMP said the U.S. envoy agreed. Choi Min-hae, a lawmaker, disagreed.\n",
    );
    let db = t.path().join("g.db");
    (t, docs, db)
}

#[test]
fn typo_surname_and_family_name_links() {
    let (_t, docs, db) = corpus();
    ingest(&db, &docs);
    let laura = entity_id(&db, "Laura Kowalski").expect("Laura Kowalski known");
    assert_eq!(entity_id(&db, "Laura Kowlaski"), Some(laura));
    assert_eq!(
        alias_rule(&db, "Laura Kowalski", "Laura Kowlaski").as_deref(),
        Some("typo:transposition")
    );
    assert_eq!(
        alias_rule(&db, "Laura Kowalski", "Kowalski").as_deref(),
        Some("surname-reuse")
    );
    // "Choi" in c.txt: two Chois in the corpus (Choi Min-jae, Choi Min-hae), but c.txt has
    // only one full name of its own, so the document links it locally
    let choi = entity_id(&db, "Choi Min-jae").expect("Choi Min-jae known");
    let choi2 = entity_id(&db, "Choi Min-hae").expect("Choi Min-hae known");
    assert_ne!(choi, choi2, "different given names are different people");
}

#[test]
fn countries_capitals_and_acronyms() {
    let (_t, docs, db) = corpus();
    ingest(&db, &docs);
    let nk = entity_id(&db, "North Korea").expect("North Korea known");
    assert_eq!(entity_id(&db, "North Korean"), Some(nk));
    assert_eq!(
        alias_rule(&db, "North Korea", "Pyongyang").as_deref(),
        Some("gazetteer:capital-metonym")
    );
    // Hanoi as a place is a location of its own
    let hanoi = show(&db, "Hanoi").expect("Hanoi known");
    assert_eq!(hanoi["entity"]["etype"], "location");
    // Seoul after "left for" is a place, not South Korea
    assert_eq!(
        show(&db, "Seoul").expect("Seoul")["entity"]["etype"],
        "location"
    );
    let post = entity_id(&db, "Harbor Morning Post").expect("outlet known");
    assert_eq!(entity_id(&db, "HMP"), Some(post));
}

#[test]
fn mentions_export_has_exact_offsets_without_titles_or_possessives() {
    let t = tempfile::tempdir().expect("tempdir");
    let docs = t.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    let text =
        "President Laura Kowalski\u{2019}s plan was praised by Supreme Leader Kim Dae Sung.\n";
    write(&docs, "a.txt", text);
    let db = t.path().join("g.db");
    ingest(&db, &docs);
    let out = kg(&db)
        .args(["export", "json", "--mentions"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut seen = Vec::new();
    for n in v["nodes"].as_array().expect("nodes") {
        for m in n["mentions"].as_array().into_iter().flatten() {
            let (s, e) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(&text[s..e], m["text"].as_str().expect("text"));
            seen.push(m["text"].as_str().unwrap_or("").to_string());
        }
    }
    assert!(seen.contains(&"Laura Kowalski".to_string()));
    assert!(seen.contains(&"Kim Dae Sung".to_string()));
    assert!(
        !seen
            .iter()
            .any(|s| s.contains("President") || s.contains('\u{2019}'))
    );
}

#[test]
fn curations_survive_reingest_and_apply_to_later_documents() {
    let (_t, docs, db) = corpus();
    ingest(&db, &docs);
    let laura = entity_id(&db, "Laura Kowalski").expect("known");
    let choi = entity_id(&db, "Choi Min-jae").expect("known");
    assert_ne!(laura, choi);
    kg(&db)
        .args(["merge", "Laura Kowalski", "Choi Min-jae"])
        .assert()
        .success();
    assert_eq!(entity_id(&db, "Choi Min-jae"), Some(laura));
    // a later document naming the merged entity joins it too
    write(
        &docs,
        "d.txt",
        "Choi Min-jae returned to the capital on Friday.\n",
    );
    ingest(&db, &docs);
    let v = show(&db, "Laura Kowalski").expect("known");
    assert_eq!(v["entity"]["id"].as_u64(), Some(laura));
    assert!(v["entity"]["doc_count"].as_u64().expect("doc_count") >= 3);
    // split undoes it
    kg(&db)
        .args(["split", "Laura Kowalski", "Choi Min-jae"])
        .assert()
        .success();
    assert_ne!(entity_id(&db, "Choi Min-jae"), Some(laura));
}
