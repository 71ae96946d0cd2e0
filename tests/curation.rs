//! Curation through the binary: alias, rename, type, relink, and the curation file round trip.
//! (merge and split are covered in tests/linking.rs.)

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn kg(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kg").expect("kg binary");
    c.arg("--db").arg(db).env_remove("KG_DB");
    c
}

fn card(db: &Path, name: &str) -> Value {
    let out = kg(db)
        .args(["--json", "show", name])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON")
}

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("one.txt"),
        "Interior Minister Rafael Okonkwo-Bauer visited Lisbon on Monday. \
         \"Our ports are open,\" Okonkwo-Bauer said. The Harbour Guild welcomed the visit.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("two.txt"),
        "The Guild chief, known as the Captain, met fishermen in Porto. \
         Rafael Okonkwo-Bauer told reporters that talks would continue.\n",
    )
    .unwrap();
}

#[test]
fn alias_rename_and_type_persist_and_replay() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let dir = t.path().join("c");
    corpus(&dir);
    kg(&db).arg("ingest").arg(&dir).assert().success();
    let id = card(&db, "Rafael Okonkwo-Bauer")["entity"]["id"]
        .as_u64()
        .unwrap();

    // alias: a surface the linker did not connect now resolves to the entity
    kg(&db)
        .args(["alias", "add", "the Interior Minister", "Okonkwo-Bauer"])
        .assert()
        .success();
    assert_eq!(
        card(&db, "the Interior Minister")["entity"]["id"].as_u64(),
        Some(id)
    );

    // rename keeps the id and the old name still resolves
    kg(&db)
        .args(["rename", "Okonkwo-Bauer", "Rafael Okonkwo Bauer"])
        .assert()
        .success();
    let c = card(&db, "Rafael Okonkwo Bauer");
    assert_eq!(c["entity"]["name"], "Rafael Okonkwo Bauer");
    assert_eq!(c["entity"]["id"].as_u64(), Some(id));

    // type
    kg(&db)
        .args(["type", "Lisbon", "location"])
        .assert()
        .success();
    assert_eq!(card(&db, "Lisbon")["entity"]["etype"], "location");

    // everything survives a relink with re-extraction and a re-ingest of changed text
    kg(&db).args(["relink", "--reextract"]).assert().success();
    std::fs::write(
        dir.join("three.txt"),
        "Rafael Okonkwo-Bauer returned to Lisbon on Friday.\n",
    )
    .unwrap();
    kg(&db)
        .arg("ingest")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new"));
    let c = card(&db, "Okonkwo-Bauer");
    assert_eq!(c["entity"]["name"], "Rafael Okonkwo Bauer");
    assert_eq!(c["entity"]["id"].as_u64(), Some(id));
    assert!(
        c["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d[0] == "three.txt"),
        "{c}"
    );
    assert_eq!(card(&db, "Lisbon")["entity"]["etype"], "location");
    let aliases = c["entity"]["aliases"].as_array().unwrap();
    assert!(
        aliases
            .iter()
            .any(|a| a["rule"].as_str().unwrap_or("").contains("curation")),
        "curated aliases say so: {aliases:?}"
    );
}

#[test]
fn curations_export_and_import_round_trip() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let dir = t.path().join("c");
    corpus(&dir);
    kg(&db).arg("ingest").arg(&dir).assert().success();
    kg(&db)
        .args(["type", "Porto", "location"])
        .assert()
        .success();
    kg(&db)
        .args(["rename", "Okonkwo-Bauer", "R. Okonkwo-Bauer"])
        .assert()
        .success();
    let file = t.path().join("curations.jsonl");
    kg(&db)
        .args(["curations", "export", "-o"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("\"op\":\"rename\""));

    // a second database built from the same files gets the same corrections from the file
    let db2 = t.path().join("g2.db");
    kg(&db2).arg("ingest").arg(&dir).assert().success();
    kg(&db2)
        .args(["curations", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2"));
    assert_eq!(
        card(&db2, "Okonkwo-Bauer")["entity"]["name"],
        "R. Okonkwo-Bauer"
    );
    assert_eq!(card(&db2, "Porto")["entity"]["etype"], "location");

    // a broken file is refused with its line number, and the stored curations stay
    let bad = t.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"op\":\"rename\"}\n").unwrap();
    kg(&db2)
        .args(["curations", "import"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.jsonl:1"));
    assert_eq!(
        card(&db2, "Okonkwo-Bauer")["entity"]["name"],
        "R. Okonkwo-Bauer"
    );
}

#[test]
fn curating_an_unknown_entity_is_an_error_and_records_nothing() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("g.db");
    let dir = t.path().join("c");
    corpus(&dir);
    kg(&db).arg("ingest").arg(&dir).assert().success();
    kg(&db)
        .args(["rename", "Nobody Atall", "X"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entity matches"));
    let out = kg(&db)
        .args(["curations", "export"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.is_empty());
}
