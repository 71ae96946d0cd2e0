//! Test data shared by the exporters' unit tests: a selection full of hostile names.

use crate::export::{GraphData, Selection};
use crate::graph::MENTIONED_WITH;
use crate::graph::tests::{edge, ent};
use crate::model::*;

pub fn nasty_selection() -> Selection {
    let mut a = ent(1, "Dr. \"Quote\" O'Brien\\", EntityType::Person);
    a.titles = vec!["<script>alert(1)</script>".into()];
    let b = ent(
        2,
        "Line\nBreak <Corp> & Sons \\N \\l",
        EntityType::Organization,
    );
    let c = ent(3, "}; digraph evil { x", EntityType::Country);
    let mut e1 = edge(1, 1, 2, "SAID_ABOUT", 1, 0.9);
    e1.evidence = "He said \"no\" \\ then\nleft <now>.".into();
    e1.relation.label = Some("\"label\"".into());
    let e2 = edge(2, 2, 3, MENTIONED_WITH, 4, 0.5);
    Selection {
        data: GraphData {
            documents: vec![],
            entities: vec![a, b, c],
            edges: vec![e1, e2],
            statements: vec![StatementRecord {
                id: StatementId(7),
                doc: DocId(1),
                doc_name: "a&b <doc>.txt".into(),
                statement: Statement {
                    speaker: Some(EntityId(1)),
                    speaker_text: Some("O'Brien".into()),
                    speaker_span: None,
                    cue: "said".into(),
                    cue_span: None,
                    content: "<img src=x onerror=alert(1)> \"quoted\" \\ end</td></tr>".into(),
                    content_span: Span::new(0, 5),
                    kind: StatementKind::Direct,
                    about: vec![EntityId(2)],
                    sentence: Span::new(0, 10),
                    confidence: 0.9,
                    rule: "test".into(),
                },
            }],
            mentions: None,
            statement_mode: Default::default(),
            schema_version: 1,
            entity_docs: Default::default(),
            other_names: Default::default(),
        },
        focus: Some(EntityId(1)),
        candidates: 3,
        note: Some("showing \"all\"".into()),
    }
}

/// [`nasty_selection`] with more to break table and triple writers: a document (hostile name,
/// path and title), entity-document links, aliases and titles that look like spreadsheet
/// formulas or hold the array delimiter `;`, CR LF line ends, a tab and a bell character.
pub fn nasty_full() -> Selection {
    let mut sel = nasty_selection();
    let g = &mut sel.data;
    g.documents.push(DocumentInfo {
        id: DocId(1),
        name: "a&b <doc>.txt".into(),
        path: "C:\\news\\a,b \"x\".txt".into(),
        title: "=cmd|' /C calc'!A0".into(),
        hash: "00ff".into(),
        bytes: 10,
        format: DocFormat::Text,
        published: Some("2025-06-01".into()),
        date_source: Some("option".into()),
        words: 2,
    });
    g.entities[0].aliases = vec![
        Alias {
            surface: "+1, \"two\"\r\nthree".into(),
            rule: "test".into(),
            doc: "a&b <doc>.txt".into(),
            count: 1,
        },
        Alias {
            surface: "semi;colon\ttab\u{7}bell".into(),
            rule: "test".into(),
            doc: "a&b <doc>.txt".into(),
            count: 1,
        },
    ];
    g.entities[1].titles = vec!["-2+3".into(), "@SUM(A1)".into()];
    g.entities[2].gazetteer_id = Some("=HYPERLINK(\"http://x\")".into());
    for e in [1, 2, 3] {
        g.entity_docs.insert(EntityId(e), vec![DocId(1)]);
    }
    g.mentions = Some(vec![MentionRecord {
        entity: EntityId(1),
        doc: DocId(1),
        doc_name: "a&b <doc>.txt".into(),
        span: Span::new(0, 3),
        text: "Dr.".into(),
        rule: "test".into(),
    }]);
    sel
}
