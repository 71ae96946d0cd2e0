//! Statements end to end through the binary: ingest short articles written for these tests,
//! export JSON, and check who said what (content, kind, cue, speaker phrase, byte spans).
//! Speaker entities depend on the recognition stage; these tests check what the statement
//! stage itself guarantees (the speaker phrase and its span), so they hold with any linker.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn kg(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kg").expect("kg binary");
    c.arg("--db").arg(db).env_remove("KG_DB");
    c
}

/// Ingests `text` as one document and returns (text, exported statements).
fn statements_of(text: &str) -> (String, Vec<Value>) {
    let t = tempfile::tempdir().expect("tempdir");
    let db = t.path().join("g.db");
    let f = t.path().join("article.txt");
    std::fs::write(&f, text).expect("write article");
    kg(&db)
        .arg("ingest")
        .arg("--quiet")
        .arg(&f)
        .assert()
        .success();
    let out = kg(&db)
        .args(["export", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("JSON export");
    let st = v["statements"].as_array().cloned().unwrap_or_default();
    (text.to_string(), st)
}

fn find<'a>(st: &'a [Value], content_part: &str) -> &'a Value {
    st.iter()
        .find(|s| s["content"].as_str().unwrap_or("").contains(content_part))
        .unwrap_or_else(|| panic!("no statement containing {content_part:?}: {st:#?}"))
}

fn span_text<'a>(text: &'a str, v: &Value) -> &'a str {
    let a = v[0].as_u64().expect("start") as usize;
    let b = v[1].as_u64().expect("end") as usize;
    &text[a..b]
}

#[test]
fn direct_quote_with_attribution_after_has_exact_spans() {
    let (text, st) = statements_of(
        "Fishing row deepens\n\
         \u{201C}We will not accept these quotas,\u{201D} Marta Lindqvist said on Monday.\n",
    );
    let s = find(&st, "We will not accept");
    assert_eq!(s["kind"], "direct");
    assert_eq!(s["cue"], "said");
    assert_eq!(s["content"], "We will not accept these quotas");
    assert_eq!(
        span_text(&text, &s["content_span"]),
        "We will not accept these quotas"
    );
    assert_eq!(span_text(&text, &s["speaker_span"]), "Marta Lindqvist");
    assert_eq!(span_text(&text, &s["cue_span"]), "said");
}

#[test]
fn reported_speech_and_according_to_two_sources() {
    let (text, st) = statements_of(
        "The ministry said that the border would reopen in May.\n\
         Talks stalled last week, according to the Bergen Post and Reuters.\n",
    );
    let s = find(&st, "border would reopen");
    assert_eq!(s["kind"], "indirect");
    assert_eq!(span_text(&text, &s["speaker_span"]), "The ministry");
    let credited: Vec<&Value> = st
        .iter()
        .filter(|s| {
            s["content"]
                .as_str()
                .unwrap_or("")
                .contains("Talks stalled")
        })
        .collect();
    assert_eq!(credited.len(), 2, "one statement per source: {st:#?}");
    let speakers: Vec<&str> = credited
        .iter()
        .map(|s| s["speaker_text"].as_str().unwrap_or(""))
        .collect();
    assert!(
        speakers.iter().any(|s| s.contains("Reuters")),
        "{speakers:?}"
    );
    assert!(
        speakers.iter().any(|s| s.contains("Bergen Post")),
        "{speakers:?}"
    );
}

#[test]
fn unnamed_sources_keep_their_wording() {
    let (_, st) = statements_of(
        "Analysts believe the fleet will return to port before winter.\n\
         A senior diplomatic source said the deal was close.\n",
    );
    let a = find(&st, "fleet will return");
    assert_eq!(a["speaker"], Value::Null);
    assert_eq!(a["speaker_text"], "Analysts");
    let b = find(&st, "deal was close");
    assert_eq!(b["speaker"], Value::Null);
    assert_eq!(b["speaker_text"], "A senior diplomatic source");
}

#[test]
fn near_misses_are_not_statements() {
    let (_, st) = statements_of(
        "The \u{201C}blue economy\u{201D} plan was shelved in March.\n\
         The coast guard did not give a response to the request.\n\
         Everything went according to plan at the harbour.\n",
    );
    assert!(st.is_empty(), "expected no statements: {st:#?}");
}

#[test]
fn declined_to_comment_stating_counts_once() {
    let (text, st) = statements_of(
        "The fisheries agency declined to comment, stating that the case was still open.\n",
    );
    assert_eq!(st.len(), 1, "{st:#?}");
    let s = &st[0];
    assert_eq!(s["content"], "the case was still open");
    assert_eq!(span_text(&text, &s["speaker_span"]), "The fisheries agency");
}

/// Attitude mode (`--statements attitudes`): stored in the database, kept by later runs,
/// never mixed with speech mode, switched for the whole database by `relink --reextract`.
#[test]
fn attitude_mode_is_a_stored_database_option() {
    let t = tempfile::tempdir().expect("tempdir");
    let db = t.path().join("g.db");
    let a = t.path().join("harbour.txt");
    let b = t.path().join("harbour-plan.txt");
    std::fs::write(
        &a,
        "New figures show the harbour of Valdora lost money for a third year.\n",
    )
    .expect("write");
    std::fs::write(
        &b,
        "Mayor Ana Ruiz endorsed the plan to widen the harbour before the summer.\n",
    )
    .expect("write");
    let json = |db: &Path, args: &[&str]| -> Value {
        let out = kg(db)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("JSON")
    };
    let said = |db: &Path| {
        json(db, &["said", "--json"])
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let mode = |db: &Path| {
        json(db, &["stats", "--json"])["statement_mode"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    kg(&db)
        .args(["ingest", "--quiet", "--statements", "attitudes"])
        .arg(&a)
        .assert()
        .success();
    assert_eq!(mode(&db), "attitudes");
    // the notebook export says which notion of statement its rows follow
    let export = json(&db, &["export", "json"]);
    assert_eq!(export["graph"]["statement_mode"], "attitudes");
    let st = said(&db);
    let learned = st
        .iter()
        .find(|s| {
            s["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("learned."))
        })
        .unwrap_or_else(|| panic!("no tagger statement in {st:#?}"));
    assert!(
        learned["content"]
            .as_str()
            .unwrap_or("")
            .contains("lost money")
    );
    // a later run without the option keeps the database's mode: the endorsement (an
    // evaluation, not speech) is a statement
    kg(&db)
        .args(["ingest", "--quiet"])
        .arg(&b)
        .assert()
        .success();
    assert!(
        said(&db).iter().any(|s| s["content"]
            .as_str()
            .unwrap_or("")
            .contains("widen the harbour")),
        "{:#?}",
        said(&db)
    );
    // asking for the other mode on a database with documents is refused, nothing changes
    kg(&db)
        .args(["ingest", "--quiet", "--statements", "speech"])
        .arg(&b)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "relink --reextract --statements speech",
        ));
    kg(&db)
        .args(["relink", "--statements", "speech"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--reextract"));
    assert_eq!(mode(&db), "attitudes");
    // switching re-extracts everything in speech mode: neither the figures nor the
    // endorsement are speech
    kg(&db)
        .args(["relink", "--reextract", "--statements", "speech"])
        .assert()
        .success();
    assert_eq!(mode(&db), "speech");
    assert!(said(&db).is_empty(), "{:#?}", said(&db));
    // an unknown mode is a usage error
    kg(&db)
        .args(["ingest", "--statements", "beliefs"])
        .arg(&a)
        .assert()
        .failure()
        .stderr(predicates::str::contains("speech, attitudes"));
}

/// A demonym before a cue word is an adjective ("Chilean claims"), found through the real
/// recognizer's demonym rule; the country's name is a subject ("Chile claims that ...").
#[test]
fn a_demonym_before_a_cue_word_is_an_adjective() {
    let (_, st) = statements_of(
        "Analysts rated 22 percent of Chilean claims as false.\n\nChile claims that the port is closed.\n",
    );
    assert!(
        !st.iter()
            .any(|s| s["cue"] == "claims" && s["speaker_text"] == "Chilean"),
        "{st:#?}"
    );
    assert!(
        st.iter()
            .any(|s| s["speaker_text"] == "Chile" && s["content"] == "the port is closed"),
        "{st:#?}"
    );
}
