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
        },
        focus: Some(EntityId(1)),
        candidates: 3,
        note: Some("showing \"all\"".into()),
    }
}
