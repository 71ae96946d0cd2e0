//! The foundation, end to end through the real binary: ingest (new / unchanged / replaced /
//! skipped), byte-exact offsets, stdin, bad input, locking, schema versions, read commands.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn kg(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kg").expect("kg binary");
    c.arg("--db").arg(db).env_remove("KG_DB");
    c
}

/// Three short articles written for these tests.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(c.join("sub")).unwrap();
    std::fs::write(
        c.join("talks.txt"),
        "Norway and Chile open fishing talks\n\
         Foreign Minister Ingrid Halvorsen of Norway met Chilean officials in Oslo on Monday.\n\
         “We want a fair deal for both fleets,” Halvorsen said after the meeting.\n\
         According to Reuters, the talks will continue in Santiago next month.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("sub/followup.md"),
        "# Chile responds\n\n\
         Chile's foreign ministry said on Tuesday that it welcomed the Norwegian proposal.\n\
         Halvorsen told reporters that Norway would send a delegation to Santiago.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("page.html"),
        "<html><head><title>Quota row</title><script>track()</script></head><body>\
         <nav>Home | World</nav><article><h1>Quota row</h1>\
         <p>Japan rejected the new quota, the Japanese fisheries agency said.</p></article>\
         <footer>Copyright</footer></body></html>",
    )
    .unwrap();
    std::fs::write(c.join("notes.csv"), "a,b\n1,2\n").unwrap();
    c
}

fn json_out(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("valid JSON on stdout")
}

#[test]
fn ingest_is_idempotent_and_export_is_stable() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let c = corpus(t.path());
    kg(&db)
        .args(["ingest"])
        .arg(&c)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 new, 0 unchanged, 0 replaced, 1 skipped",
        ))
        .stderr(
            predicate::str::contains("notes.csv").and(predicate::str::contains("not an article")),
        );
    let first = kg(&db)
        .args(["export", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    kg(&db)
        .args(["ingest"])
        .arg(&c)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 3 unchanged, 0 replaced"));
    let second = kg(&db)
        .args(["export", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        first, second,
        "re-ingesting the same files must not change the export"
    );

    let v: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        vec!["page.html", "sub/followup.md", "talks.txt"],
        "document ids are paths relative to the folder"
    );
    assert!(
        !v["nodes"].as_array().unwrap().is_empty(),
        "entities were found"
    );
}

#[test]
fn mention_offsets_point_into_the_original_files() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let c = corpus(t.path());
    kg(&db).arg("ingest").arg(&c).assert().success();
    let v = json_out(kg(&db).args(["export", "json", "--mentions"]));
    let mut checked = 0;
    for n in v["nodes"].as_array().unwrap() {
        for m in n["mentions"].as_array().unwrap() {
            let doc = m["doc"].as_str().unwrap();
            if doc.ends_with(".html") {
                continue;
            }
            let bytes = std::fs::read(c.join(doc)).unwrap();
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &bytes[s..e],
                m["text"].as_str().unwrap().as_bytes(),
                "mention {m} in {doc}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} mentions checked");
}

#[test]
fn changed_document_replaces_its_facts_without_orphans() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let dir = t.path().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("a.txt");
    std::fs::write(
        &f,
        "Brazil and Argentina signed a trade pact in Buenos Aires.\n",
    )
    .unwrap();
    kg(&db).arg("ingest").arg(&dir).assert().success();
    let before = json_out(kg(&db).args(["--json", "entities"]));
    let names = |v: &Value| -> Vec<String> {
        let mut n: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    assert!(names(&before).contains(&"Brazil".to_string()), "{before}");
    std::fs::write(&f, "Kenya and Ghana opened an embassy dialogue.\n").unwrap();
    // different content under a stored name is a collision until --replace says so
    kg(&db)
        .arg("ingest")
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--replace"));
    assert!(names(&json_out(kg(&db).args(["--json", "entities"]))).contains(&"Brazil".to_string()));
    kg(&db)
        .args(["ingest", "--replace"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 0 unchanged, 1 replaced"));
    let after = names(&json_out(kg(&db).args(["--json", "entities"])));
    assert!(after.contains(&"Kenya".to_string()), "{after:?}");
    assert!(
        !after.contains(&"Brazil".to_string()),
        "old facts must go: {after:?}"
    );
    let stats = json_out(kg(&db).args(["--json", "stats"]));
    assert_eq!(stats["documents"], 1);
}

#[test]
fn bad_files_are_skipped_with_reasons_and_nothing_is_lost() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let dir = t.path().join("bad");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 in Par\xeds\n").unwrap();
    std::fs::write(dir.join("big.txt"), "Peru ".repeat(100)).unwrap();
    std::fs::write(dir.join("good.txt"), "Peru and Bolivia met in Lima.\n").unwrap();
    // the good file is stored; the exit code says the others failed
    kg(&db)
        .args(["ingest", "--max-bytes", "200"])
        .arg(&dir)
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "1 new, 0 unchanged, 0 replaced, 4 skipped",
        ))
        .stderr(
            predicate::str::contains("empty file")
                .and(predicate::str::contains("binary file"))
                .and(predicate::str::contains("not valid UTF-8"))
                .and(predicate::str::contains("too large")),
        );
    // a run where nothing can be read fails
    kg(&db)
        .arg("ingest")
        .arg(dir.join("empty.txt"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no document could be read"));
    // the good document is still there
    let stats = json_out(kg(&db).args(["--json", "stats"]));
    assert_eq!(stats["documents"], 1);
}

#[test]
fn stdin_is_one_document() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    kg(&db)
        .args(["ingest", "-"])
        .write_stdin("Egypt and Sudan discussed the dam in Cairo.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new"));
    let v = json_out(kg(&db).args(["export", "json"]));
    let name = v["documents"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(name.starts_with("stdin-"), "{name}");
    // another article on standard input is another document, never a replacement
    kg(&db)
        .args(["ingest", "-"])
        .write_stdin("Mali and Niger met in Bamako.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new"));
    let v = json_out(kg(&db).args(["export", "json"]));
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_database_in_use_is_refused_with_a_clear_message() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let _held = kg::store::Store::open(&db).expect("open");
    kg(&db)
        .arg("stats")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is in use by another kg process"));
    kg(&db)
        .args(["ingest", "-"])
        .write_stdin("Fiji.\n")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is in use by another kg process"));
}

#[test]
fn another_schema_version_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    kg(&db)
        .args(["ingest", "-"])
        .write_stdin("Chad and Niger.\n")
        .assert()
        .success();
    {
        let raw = sled::open(&db).unwrap();
        raw.open_tree("kg")
            .unwrap()
            .insert("mschema_version", &999u32.to_be_bytes())
            .unwrap();
        raw.flush().unwrap();
    }
    kg(&db).arg("stats").assert().failure().stderr(
        predicate::str::contains("schema version 999")
            .and(predicate::str::contains("reads version")),
    );
}

#[test]
fn missing_or_foreign_database_gets_a_clear_error() {
    let t = tempfile::tempdir().unwrap();
    kg(&t.path().join("nothing.db"))
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no kg database"));
    let f = t.path().join("file.db");
    std::fs::write(&f, "x").unwrap();
    kg(&f)
        .args(["ingest", "-"])
        .write_stdin("Mali.\n")
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a kg database"));
    assert_eq!(std::fs::read(&f).unwrap(), b"x", "the file is untouched");
}

#[test]
fn unknown_names_get_suggestions() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    kg(&db)
        .args(["ingest", "-"])
        .write_stdin("Portugal and Spain signed a water deal.\n")
        .assert()
        .success();
    kg(&db).args(["show", "Portugl"]).assert().failure().stderr(
        predicate::str::contains("no entity matches").and(predicate::str::contains("Portugal")),
    );
    kg(&db)
        .args(["show", "portugal"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Portugal (country"));
}

#[test]
fn kg_db_env_sets_the_database() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("env.db");
    Command::cargo_bin("kg")
        .unwrap()
        .env("KG_DB", &db)
        .args(["ingest", "-"])
        .write_stdin("Iceland.\n")
        .assert()
        .success();
    assert!(db.join("db").exists() || db.join("conf").exists());
}
