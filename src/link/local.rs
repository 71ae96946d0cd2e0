//! Within-document linking.

use crate::Resources;
use crate::mentions::Candidate;
use crate::model::{LocalEntity, Mention, Span};

/// Groups a document's candidates into local entities.
pub fn link_document(
    _text: &str,
    _sentences: &[Span],
    candidates: Vec<Candidate>,
    _res: &Resources,
) -> (Vec<LocalEntity>, Vec<Mention>) {
    let mut entities: Vec<LocalEntity> = Vec::new();
    let mut mentions = Vec::new();
    for c in candidates {
        let key = crate::normalize::key(&c.text);
        let idx = match entities
            .iter()
            .position(|e| crate::normalize::key(&e.name) == key)
        {
            Some(i) => i,
            None => {
                entities.push(LocalEntity {
                    name: c.text.clone(),
                    etype: c.etype,
                    gazetteer_id: c.gazetteer_id.clone(),
                    titles: c.title.clone().into_iter().collect(),
                });
                entities.len() - 1
            }
        };
        mentions.push(Mention {
            span: c.span,
            text: c.text,
            entity: Some(idx as u32),
            rule: c.rule,
            confidence: c.confidence,
        });
    }
    (entities, mentions)
}
