//! Styling shared by the DOT export, the built-in renderer and the HTML page: shapes and
//! colours by entity type, line styles by relation, edge labels, pen widths and tooltips.

use super::escape::clip;
use crate::graph::{Bundle, MENTIONED_WITH};
use crate::model::*;
use std::collections::HashMap;

/// Shape and fill colour of an entity type.
pub fn type_style(t: EntityType) -> (&'static str, &'static str) {
    match t {
        EntityType::Person => ("ellipse", "#cfe2ff"),
        EntityType::Country => ("box", "#ffd8a8"),
        EntityType::Organization => ("box", "#c3f0c8"),
        EntityType::Location => ("house", "#e5d4ff"),
        EntityType::Other => ("note", "#e9ecef"),
    }
}

/// Line style and colour of a relation type.
pub fn relation_style(rel: &str) -> (&'static str, &'static str) {
    match rel {
        "SAID_ABOUT" => ("dashed", "#1c7ed6"),
        MENTIONED_WITH => ("dotted", "#868e96"),
        "HOLDS_ROLE" => ("bold", "#2b8a3e"),
        "REPORTED" => ("dashed", "#868e96"),
        "CRITICIZED" | "REJECTED" | "THREATENED" | "SANCTIONED" | "ATTACKED" => {
            ("solid", "#e03131")
        }
        "SUPPORTS" | "SIGNED_AGREEMENT_WITH" => ("solid", "#2f9e44"),
        _ => ("solid", "#343a40"),
    }
}

/// "MET_WITH" → "met with".
pub fn relation_words(rel: &str) -> String {
    rel.to_ascii_lowercase().replace('_', " ")
}

/// The label of a bundled edge.
pub fn bundle_label(b: &Bundle) -> String {
    if b.relation == MENTIONED_WITH {
        return if b.weight > 1 {
            format!("×{}", b.weight)
        } else {
            String::new()
        };
    }
    let mut l = relation_words(&b.relation);
    // role titles say something; the cue words of statements and reports would only repeat
    if b.relation == "HOLDS_ROLE" && !b.labels.is_empty() {
        let labels: Vec<String> = b.labels.iter().take(2).map(|x| clip(x, 24)).collect();
        l.push_str(": ");
        l.push_str(&labels.join(", "));
    }
    if b.count > 1 {
        l.push_str(&format!(" ×{}", b.count));
    }
    l
}

/// Pen width of a bundled edge: grows with the log of its weight, 1 to 6.
pub fn penwidth(weight: u64) -> f64 {
    (1.0 + (weight.max(1) as f64).ln() * 1.2).min(6.0)
}

/// The tooltip of an entity: type, counts, and what it said.
pub fn node_tooltip(e: &Entity, said: &[&StatementRecord]) -> String {
    let mut t = format!(
        "{} ({}), {} mentions in {} documents",
        e.name, e.etype, e.mention_count, e.doc_count
    );
    if !e.titles.is_empty() {
        t.push_str(&format!("\n{}", clip(&e.titles.join(", "), 80)));
    }
    for s in said.iter().take(5) {
        t.push_str(&format!(
            "\n{} “{}”",
            s.statement.cue,
            clip(&s.statement.content, 160)
        ));
    }
    if said.len() > 5 {
        t.push_str(&format!("\n… {} more statements", said.len() - 5));
    }
    t
}

/// The tooltip of a bundled edge: the relation and its strongest evidence.
pub fn edge_tooltip(
    b: &Bundle,
    names: &HashMap<EntityId, &str>,
    statements: &HashMap<StatementId, &StatementRecord>,
) -> String {
    let name = |id: &EntityId| names.get(id).copied().unwrap_or("?").to_string();
    let mut t = format!(
        "{} {} {} ({} × weight {})",
        name(&b.source),
        relation_words(&b.relation),
        name(&b.target),
        b.count,
        b.weight
    );
    let mut shown = 0;
    for st in &b.statements {
        if let Some(s) = statements.get(st) {
            t.push_str(&format!("\n“{}”", clip(&s.statement.content, 160)));
            shown += 1;
            if shown == 3 {
                break;
            }
        }
    }
    if shown == 0 {
        for ev in b.evidence.iter().take(3) {
            t.push_str(&format!("\n{}", clip(ev, 200)));
        }
    }
    t
}
