//! Graph walks through the binary, on a database built from a known fixture graph.

mod support;
use serde_json::Value;
use support::{fixture, json_out, kg};

fn names(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn neighbors_shows_relations_counts_and_evidence() {
    let (_t, db) = fixture();
    let v = json_out(kg(&db).args(["--json", "neighbors", "Ingrid Halvorsen"]));
    assert_eq!(v["entity"]["name"], "Ingrid Halvorsen");
    let ns = names(&v, "neighbors");
    for n in ["Mateo Rojas", "Oslo", "Norway", "Chile"] {
        assert!(ns.contains(&n.to_string()), "{n} missing from {ns:?}");
    }
    assert!(!ns.contains(&"Lena Park".to_string()), "depth 1 only");
    let rojas = &v["neighbors"][0];
    assert_eq!(rojas["name"], "Mateo Rojas", "heaviest first");
    assert_eq!(rojas["relations"]["MET_WITH"], 1);
    assert_eq!(rojas["relations"]["MENTIONED_WITH"], 1);
    assert_eq!(rojas["weight"], 3);
    assert_eq!(rojas["evidence"]["relation"], "MET_WITH");
    assert_eq!(
        rojas["evidence"]["sentence"],
        "Ingrid Halvorsen met Mateo Rojas in Oslo on Monday."
    );
    // table output names the evidence
    kg(&db)
        .args(["neighbors", "halvorsen"])
        .assert()
        .success()
        .stdout(predicates::str::contains("met with ×1"))
        .stdout(predicates::str::contains(
            "talks.txt: Ingrid Halvorsen met Mateo Rojas",
        ));
}

#[test]
fn neighbors_depth_and_filters() {
    let (_t, db) = fixture();
    let v = json_out(kg(&db).args(["--json", "neighbors", "Ingrid Halvorsen", "--depth", "2"]));
    let lena = v["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Lena Park")
        .expect("Lena Park at depth 2");
    assert_eq!(lena["depth"], 2);
    assert_eq!(lena["evidence"]["relation"], "CALLED");
    let v = json_out(kg(&db).args([
        "--json",
        "neighbors",
        "Ingrid Halvorsen",
        "--relation",
        "met_with",
    ]));
    assert_eq!(names(&v, "neighbors"), ["Mateo Rojas"]);
    let v = json_out(kg(&db).args([
        "--json",
        "neighbors",
        "Ingrid Halvorsen",
        "--depth",
        "3",
        "--type",
        "country",
    ]));
    let mut ns = names(&v, "neighbors");
    ns.sort();
    assert_eq!(ns, ["Chile", "Norway"]);
    kg(&db)
        .args(["neighbors", "Ingrid Halvorsen", "--relation", "MARRIED"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown relation"));
}

#[test]
fn unknown_names_suggest() {
    let (_t, db) = fixture();
    kg(&db)
        .args(["neighbors", "Ingrid Halvorsn"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("did you mean"))
        .stderr(predicates::str::contains("Ingrid Halvorsen"));
}

#[test]
fn path_gives_each_hop_with_its_sentence() {
    let (_t, db) = fixture();
    let v = json_out(kg(&db).args(["--json", "path", "Ingrid Halvorsen", "Lena Park"]));
    let p = &v["paths"][0];
    assert_eq!(p["length"], 2);
    assert_eq!(p["hops"][0]["to_name"], "Mateo Rojas");
    assert_eq!(p["hops"][1]["to_name"], "Lena Park");
    assert_eq!(
        p["hops"][1]["evidence"]["sentence"],
        "Lena Park of the Fisheries Council called Mateo Rojas on Tuesday."
    );
    // the table shows the direction of the call (Lena called Rojas)
    kg(&db)
        .args(["path", "Ingrid Halvorsen", "Lena Park"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Mateo Rojas ←[called]— Lena Park",
        ));
    // only statements: no connection within 4 hops
    kg(&db)
        .args([
            "path",
            "Ingrid Halvorsen",
            "Lena Park",
            "--relation",
            "SAID_ABOUT",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("no connection"));
    // longer paths are found when allowed, not when max-depth is too small
    let v = json_out(kg(&db).args(["--json", "path", "Oslo", NASTY_PERSON_ARG]));
    // Oslo ← Rojas (spoke about it) ← Lena Park (called him) → O'Brien (met)
    assert_eq!(v["paths"][0]["length"], 3);
    let v = json_out(kg(&db).args([
        "--json",
        "path",
        "Oslo",
        NASTY_PERSON_ARG,
        "--max-depth",
        "2",
    ]));
    assert_eq!(v["paths"].as_array().unwrap().len(), 0);
}

const NASTY_PERSON_ARG: &str = support::NASTY_PERSON;

#[test]
fn top_ranks_central_actors() {
    let (_t, db) = fixture();
    let v = json_out(kg(&db).args(["--json", "top", "--limit", "3"]));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["name"], "Mateo Rojas");
    assert_eq!(rows[0]["rank"], 1);
    let v = json_out(kg(&db).args(["--json", "top", "--by", "pagerank", "--type", "country"]));
    for r in v.as_array().unwrap() {
        assert_eq!(r["type"], "country");
    }
    let total: f64 =
        json_out(kg(&db).args(["--json", "top", "--by", "pagerank", "--limit", "100"]))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["pagerank"].as_f64().unwrap())
            .sum();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
    let v = json_out(kg(&db).args(["--json", "top", "--by", "mentions", "--limit", "1"]));
    assert!(v[0]["mentions"].as_u64().unwrap() >= 2);
    kg(&db).args(["top", "--by", "size"]).assert().failure();
    kg(&db)
        .args(["top"])
        .assert()
        .success()
        .stdout(predicates::str::contains("pagerank"));
}

#[test]
fn subgraph_summarises_the_selection() {
    let (_t, db) = fixture();
    let v = json_out(kg(&db).args(["--json", "subgraph", "Ingrid Halvorsen", "--depth", "1"]));
    let mut ns = names(&v, "nodes");
    ns.sort();
    assert_eq!(
        ns,
        ["Chile", "Ingrid Halvorsen", "Mateo Rojas", "Norway", "Oslo"]
    );
    // the induced subgraph: Oslo - Chile are not linked, Chile - Norway are (followup.txt)
    assert!(
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(
                |e| e["relation"] == "MENTIONED_WITH" && e["source_name"] == "Norway"
                    || e["target_name"] == "Norway" && e["source_name"] == "Chile"
            )
    );
    kg(&db)
        .args([
            "subgraph",
            "Ingrid Halvorsen",
            "--depth",
            "2",
            "--min-weight",
            "2",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("connections"))
        .stdout(predicates::str::contains("mentioned with"));
}
