//! The sled store: the only module that writes.
//!
//! Trees (keys are fixed-width big-endian ids, so prefix scans work):
//!
//! | tree | key | value |
//! |---|---|---|
//! | `meta` | name | schema version, counters, the `link_dirty` flag |
//! | `docs` | DocId | [`DocumentInfo`] |
//! | `texts` | DocId | the document text |
//! | `doc_by_name` | name | DocId |
//! | `extractions` | DocId | [`DocExtraction`] (local facts, one record a document) |
//! | `links` | DocId | local entity index → EntityId (`Vec<Option<EntityId>>`) |
//! | `entities` | EntityId | [`Entity`] |
//! | `entity_keys` | stable cluster key | EntityId (keeps ids stable across relinks) |
//! | `aliases` | normalised alias, 0, EntityId | — |
//! | `mentions_by_entity` | EntityId, DocId | number of mentions |
//! | `stmt_by_speaker` / `stmt_by_about` | EntityId, StatementId | — |
//! | `out` / `in` | EntityId, EdgeId | relation type |
//! | `by_relation` | relation type, 0, EdgeId | — |
//! | `curations` | sequence number | [`Curation`] |
//!
//! Writes of one document (its header, text and extraction) are one sled transaction. The
//! corpus-wide trees derived from linking (`links` and everything after it in the table) are
//! rebuilt by [`Store::relink`]; a `link_dirty` flag set in the same transaction as a document
//! write makes the next open finish an interrupted relink, so the derived trees never
//! silently disagree with the documents.

use crate::error::{KgError, Result};
use crate::extract::Resources;
use crate::link::global::DocLocals;
use crate::model::StatementMode;
use crate::model::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sled::Transactional;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Version of the on-disk layout. A database written by another version is refused.
pub const SCHEMA_VERSION: u32 = 1;

const META_SCHEMA: &[u8] = b"schema_version";
const META_NEXT_DOC: &[u8] = b"next_doc";
const META_NEXT_ENTITY: &[u8] = b"next_entity";
const META_LINK_DIRTY: &[u8] = b"link_dirty";
const META_NEXT_CURATION: &[u8] = b"next_curation";
const META_STATS: &[u8] = b"stats";
const META_MODE: &[u8] = b"statement_mode";

/// What happened to one document on ingest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocChange {
    New,
    Unchanged,
    Replaced,
}

/// A document to store: what [`Store::put_document`] needs besides the extraction.
#[derive(Clone, Copy, Debug)]
pub struct NewDocument<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub title: &'a str,
    pub format: DocFormat,
    pub text: &'a str,
    /// blake3 of `text`, hex.
    pub hash: &'a str,
}

/// An open kg database.
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    docs: sled::Tree,
    texts: sled::Tree,
    doc_by_name: sled::Tree,
    extractions: sled::Tree,
    links: sled::Tree,
    entities: sled::Tree,
    entity_keys: sled::Tree,
    aliases: sled::Tree,
    mentions_by_entity: sled::Tree,
    stmt_by_speaker: sled::Tree,
    stmt_by_about: sled::Tree,
    out: sled::Tree,
    inn: sled::Tree,
    by_relation: sled::Tree,
    curations: sled::Tree,
    cache: Mutex<HashMap<DocId, Arc<DocFacts>>>,
}

/// A document's local facts together with the global id of each local entity.
#[derive(Debug)]
pub struct DocFacts {
    pub info: DocumentInfo,
    pub extraction: DocExtraction,
    pub links: Vec<Option<EntityId>>,
}

impl DocFacts {
    fn global(&self, local: LocalRef) -> Option<EntityId> {
        self.links.get(local as usize).copied().flatten()
    }

    /// The document's statements with global entity ids.
    pub fn statements(&self) -> Vec<StatementRecord> {
        self.extraction
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| StatementRecord {
                id: StatementId::new(self.info.id, i),
                doc: self.info.id,
                doc_name: self.info.name.clone(),
                statement: s.clone().map_entities(|l| self.global(l)),
            })
            .collect()
    }

    pub fn statement(&self, index: usize) -> Option<StatementRecord> {
        let s = self.extraction.statements.get(index)?;
        Some(StatementRecord {
            id: StatementId::new(self.info.id, index),
            doc: self.info.id,
            doc_name: self.info.name.clone(),
            statement: s.clone().map_entities(|l| self.global(l)),
        })
    }

    /// The document's relations with global ids (those whose ends both resolved).
    pub fn edges(&self, text: &str) -> Vec<Edge> {
        (0..self.extraction.relations.len())
            .filter_map(|i| self.edge(i, text))
            .collect()
    }

    pub fn edge(&self, index: usize, text: &str) -> Option<Edge> {
        let r = self.extraction.relations.get(index)?.clone();
        let statement_id = r
            .statement
            .map(|s| StatementId::new(self.info.id, s as usize));
        let sentence = r.sentence;
        let relation = r.map_entities(|l| self.global(l))?;
        Some(Edge {
            id: EdgeId::new(self.info.id, index),
            doc: self.info.id,
            doc_name: self.info.name.clone(),
            evidence: sentence.slice(text).to_string(),
            relation,
            statement_id,
        })
    }

    /// The document's mentions with global entity ids.
    pub fn mentions(&self) -> Vec<MentionRecord> {
        self.extraction
            .mentions
            .iter()
            .filter_map(|m| {
                Some(MentionRecord {
                    entity: self.global(m.entity?)?,
                    doc: self.info.id,
                    doc_name: self.info.name.clone(),
                    span: m.span,
                    text: m.text.clone(),
                    rule: m.rule.clone(),
                })
            })
            .collect()
    }
}

fn enc<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(postcard::to_stdvec(v)?)
}

fn dec<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    Ok(postcard::from_bytes(b)?)
}

/// Curations are stored as JSON: [`Curation`] is an internally tagged enum, which postcard
/// cannot decode.
fn enc_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| KgError::Invalid(format!("cannot encode a curation: {e}")))
}

fn dec_json<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    serde_json::from_slice(b)
        .map_err(|e| KgError::Invalid(format!("cannot decode a stored curation: {e}")))
}

fn pair(a: u64, b: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

fn second_id(key: &[u8]) -> Option<u64> {
    let arr: [u8; 8] = key.get(8..16)?.try_into().ok()?;
    Some(u64::from_be_bytes(arr))
}

fn tx_err(e: sled::transaction::TransactionError<KgError>) -> KgError {
    match e {
        sled::transaction::TransactionError::Abort(e) => e,
        sled::transaction::TransactionError::Storage(e) => KgError::Store(e),
    }
}

/// How long to keep trying while another handle releases the database: a handle dropped by
/// this process (or a process that is exiting) frees sled's file lock a moment later. A database
/// really in use is still reported within a second.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(1000);

fn open_sled(path: &Path) -> Result<sled::Db> {
    let started = std::time::Instant::now();
    loop {
        match sled::Config::new().path(path).open() {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(ref io))
                if io.to_string().contains("could not acquire lock")
                    || io.kind() == std::io::ErrorKind::WouldBlock =>
            {
                if started.elapsed() >= LOCK_WAIT {
                    return Err(KgError::DatabaseLocked {
                        path: path.to_path_buf(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e @ (sled::Error::Corruption { .. } | sled::Error::Unsupported(_))) => {
                return Err(KgError::NotADatabase {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
            Err(other) => return Err(KgError::Store(other)),
        }
    }
}

/// Does a database exist at `path`?
pub fn exists(path: &Path) -> bool {
    path.join("db").exists() || path.join("conf").exists()
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if path.exists() && !path.is_dir() {
            return Err(KgError::NotADatabase {
                path: path.to_path_buf(),
                reason: "it is a file, not a folder".into(),
            });
        }
        if path.is_dir()
            && !exists(path)
            && std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some())
        {
            return Err(KgError::NotADatabase {
                path: path.to_path_buf(),
                reason: "the folder is not empty and holds no sled database".into(),
            });
        }
        let db = open_sled(path)?;
        let t = |name: &str| db.open_tree(name);
        let store = Store {
            path: path.to_path_buf(),
            meta: t("meta")?,
            docs: t("docs")?,
            texts: t("texts")?,
            doc_by_name: t("doc_by_name")?,
            extractions: t("extractions")?,
            links: t("links")?,
            entities: t("entities")?,
            entity_keys: t("entity_keys")?,
            aliases: t("aliases")?,
            mentions_by_entity: t("mentions_by_entity")?,
            stmt_by_speaker: t("stmt_by_speaker")?,
            stmt_by_about: t("stmt_by_about")?,
            out: t("out")?,
            inn: t("in")?,
            by_relation: t("by_relation")?,
            curations: t("curations")?,
            cache: Mutex::new(HashMap::new()),
            db,
        };
        match store.meta.get(META_SCHEMA)? {
            None => {
                if !store.docs.is_empty() {
                    return Err(KgError::NotADatabase {
                        path: path.to_path_buf(),
                        reason: "no schema version recorded".into(),
                    });
                }
                store
                    .meta
                    .insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
                store.db.flush()?;
            }
            Some(v) => {
                let found = v
                    .as_ref()
                    .try_into()
                    .map(u32::from_be_bytes)
                    .unwrap_or(u32::MAX);
                if found != SCHEMA_VERSION {
                    return Err(KgError::SchemaVersion {
                        path: path.to_path_buf(),
                        found,
                        expected: SCHEMA_VERSION,
                    });
                }
            }
        }
        Ok(store)
    }

    /// Opens an existing database for reading; a missing one is an error, not a new database.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !exists(path) {
            return Err(KgError::Invalid(format!(
                "no kg database at {}; create one with `kg ingest PATH` (or pick one with --db)",
                path.display()
            )));
        }
        Self::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes everything to disk.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    fn counter(&self, key: &[u8]) -> Result<u64> {
        let next = self
            .meta
            .update_and_fetch(key, |old| {
                let n = old
                    .and_then(|b| b.try_into().ok())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0);
                Some((n + 1).to_be_bytes().to_vec())
            })?
            .and_then(|b| b.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(1);
        Ok(next)
    }

    /// What counts as a statement in this database (speech unless set).
    pub fn statement_mode(&self) -> Result<StatementMode> {
        match self.meta.get(META_MODE)? {
            None => Ok(StatementMode::Speech),
            Some(v) => std::str::from_utf8(&v)
                .ok()
                .and_then(StatementMode::parse)
                .ok_or_else(|| KgError::Invalid("unknown statement mode in the database".into())),
        }
    }

    /// Records the statement mode; the caller re-extracts the documents if it changed.
    pub fn set_statement_mode(&self, mode: StatementMode) -> Result<()> {
        self.meta.insert(META_MODE, mode.as_str().as_bytes())?;
        Ok(())
    }

    /// Is a relink pending (documents changed since the last one)?
    pub fn link_dirty(&self) -> Result<bool> {
        Ok(self
            .meta
            .get(META_LINK_DIRTY)?
            .is_some_and(|v| v.as_ref() == [1]))
    }

    // ------------------------------------------------------------------ documents

    /// Looks a document up by name.
    pub fn doc_id(&self, name: &str) -> Result<Option<DocId>> {
        Ok(self
            .doc_by_name
            .get(name.as_bytes())?
            .and_then(|v| DocId::from_be_slice(&v)))
    }

    pub fn doc_info(&self, id: DocId) -> Result<Option<DocumentInfo>> {
        self.docs
            .get(id.to_be_bytes())?
            .map(|v| dec(&v))
            .transpose()
    }

    pub fn doc_text(&self, id: DocId) -> Result<Option<String>> {
        Ok(self
            .texts
            .get(id.to_be_bytes())?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// All document headers, in id order.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.docs.iter().values().map(|v| dec(&v?)).collect()
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// Would a document with this name and hash change anything?
    pub fn classify(&self, name: &str, hash: &str) -> Result<DocChange> {
        match self.doc_id(name)? {
            None => Ok(DocChange::New),
            Some(id) => match self.doc_info(id)? {
                Some(info) if info.hash == hash => Ok(DocChange::Unchanged),
                _ => Ok(DocChange::Replaced),
            },
        }
    }

    /// Stores a document and its extraction atomically (replacing an older version with the
    /// same name) and marks linking dirty.
    pub fn put_document(
        &self,
        doc: &NewDocument<'_>,
        extraction: &DocExtraction,
    ) -> Result<(DocId, DocChange)> {
        let NewDocument {
            name,
            path,
            title,
            format,
            text,
            hash,
        } = *doc;
        let change = self.classify(name, hash)?;
        if change == DocChange::Unchanged {
            let id = self
                .doc_id(name)?
                .ok_or_else(|| KgError::Invalid("document vanished".into()))?;
            return Ok((id, change));
        }
        let id = match self.doc_id(name)? {
            Some(id) => {
                // Mark dirty first: if we stop between here and the transaction below, the
                // next open relinks and rebuilds this document's index from what is stored.
                self.meta.insert(META_LINK_DIRTY, &[1u8])?;
                self.unindex_document(id)?;
                id
            }
            None => DocId(self.counter(META_NEXT_DOC)?),
        };
        let info = DocumentInfo {
            id,
            name: name.to_string(),
            path: path.to_string(),
            title: title.to_string(),
            hash: hash.to_string(),
            bytes: text.len(),
            format,
        };
        let info_b = enc(&info)?;
        let ext_b = enc(extraction)?;
        let key = id.to_be_bytes();
        (
            &self.docs,
            &self.texts,
            &self.doc_by_name,
            &self.extractions,
            &self.meta,
        )
            .transaction(|(docs, texts, by_name, exts, meta)| {
                docs.insert(&key, info_b.as_slice())?;
                texts.insert(&key, text.as_bytes())?;
                by_name.insert(name.as_bytes(), &key)?;
                exts.insert(&key, ext_b.as_slice())?;
                meta.insert(META_LINK_DIRTY, &[1u8])?;
                Ok::<_, sled::transaction::ConflictableTransactionError<KgError>>(())
            })
            .map_err(tx_err)?;
        self.cache.lock().map(|mut c| c.remove(&id)).ok();
        Ok((id, change))
    }

    /// Replaces a stored document's extraction (used by relink's re-extraction).
    pub fn put_extraction(&self, id: DocId, extraction: &DocExtraction) -> Result<()> {
        self.meta.insert(META_LINK_DIRTY, &[1u8])?;
        self.unindex_document(id)?;
        let b = enc(extraction)?;
        let key = id.to_be_bytes();
        (&self.extractions, &self.meta)
            .transaction(|(exts, meta)| {
                exts.insert(&key, b.as_slice())?;
                meta.insert(META_LINK_DIRTY, &[1u8])?;
                Ok::<_, sled::transaction::ConflictableTransactionError<KgError>>(())
            })
            .map_err(tx_err)?;
        self.cache.lock().map(|mut c| c.remove(&id)).ok();
        Ok(())
    }

    pub fn extraction(&self, id: DocId) -> Result<Option<DocExtraction>> {
        self.extractions
            .get(id.to_be_bytes())?
            .map(|v| dec(&v))
            .transpose()
    }

    /// A document's facts with global ids (cached).
    pub fn facts(&self, id: DocId) -> Result<Option<Arc<DocFacts>>> {
        if let Some(f) = self.cache.lock().ok().and_then(|c| c.get(&id).cloned()) {
            return Ok(Some(f));
        }
        let Some(info) = self.doc_info(id)? else {
            return Ok(None);
        };
        let extraction = self.extraction(id)?.unwrap_or_default();
        let links: Vec<Option<EntityId>> = self
            .links
            .get(id.to_be_bytes())?
            .map(|v| dec(&v))
            .transpose()?
            .unwrap_or_default();
        let f = Arc::new(DocFacts {
            info,
            extraction,
            links,
        });
        if let Ok(mut c) = self.cache.lock() {
            if c.len() > 4096 {
                c.clear();
            }
            c.insert(id, f.clone());
        }
        Ok(Some(f))
    }

    // ------------------------------------------------------------------ curations

    pub fn add_curation(&self, c: &Curation) -> Result<()> {
        let n = self.counter(META_NEXT_CURATION)?;
        let b = enc_json(c)?;
        (&self.curations, &self.meta)
            .transaction(|(cur, meta)| {
                cur.insert(&n.to_be_bytes(), b.as_slice())?;
                meta.insert(META_LINK_DIRTY, &[1u8])?;
                Ok::<_, sled::transaction::ConflictableTransactionError<KgError>>(())
            })
            .map_err(tx_err)?;
        Ok(())
    }

    pub fn curations(&self) -> Result<Vec<Curation>> {
        self.curations
            .iter()
            .values()
            .map(|v| dec_json(&v?))
            .collect()
    }

    /// Replaces all curations (import).
    pub fn set_curations(&self, list: &[Curation]) -> Result<()> {
        self.curations.clear()?;
        self.meta.remove(META_NEXT_CURATION)?;
        for c in list {
            self.add_curation(c)?;
        }
        self.meta.insert(META_LINK_DIRTY, &[1u8])?;
        Ok(())
    }

    // ------------------------------------------------------------------ linking

    /// Re-clusters all documents' local entities into corpus entities and rebuilds every
    /// derived tree. Entity ids are kept stable through `entity_keys`.
    pub fn relink(&self, res: &Resources) -> Result<RelinkStats> {
        let docs = self.documents()?;
        let mut exts = Vec::with_capacity(docs.len());
        for d in &docs {
            exts.push(self.extraction(d.id)?.unwrap_or_default());
        }
        let locals: Vec<DocLocals<'_>> = docs
            .iter()
            .zip(&exts)
            .map(|(d, e)| DocLocals {
                doc: d.id,
                doc_name: &d.name,
                extraction: e,
            })
            .collect();
        let curations = self.curations()?;
        let mut clusters = crate::link::global::cluster(&locals, &curations, &res.gazetteer);
        add_curated_aliases(&mut clusters, &curations);

        // stable ids
        let mut ids = Vec::with_capacity(clusters.len());
        let mut taken: HashMap<EntityId, usize> = HashMap::new();
        for (ci, c) in clusters.iter().enumerate() {
            let existing = self
                .entity_keys
                .get(c.key.as_bytes())?
                .and_then(|v| EntityId::from_be_slice(&v));
            let id = match existing {
                Some(id) if !taken.contains_key(&id) => id,
                _ => {
                    let id = EntityId(self.counter(META_NEXT_ENTITY)?);
                    self.entity_keys
                        .insert(c.key.as_bytes(), &id.to_be_bytes())?;
                    id
                }
            };
            taken.insert(id, ci);
            ids.push(id);
        }
        let mut local_to_global: HashMap<(DocId, LocalRef), EntityId> = HashMap::new();
        for (c, id) in clusters.iter().zip(&ids) {
            for m in &c.members {
                local_to_global.insert(*m, *id);
            }
        }

        for t in [&self.entities, &self.aliases] {
            t.clear()?;
        }
        self.cache.lock().map(|mut c| c.clear()).ok();

        let mut mention_counts: HashMap<EntityId, u64> = HashMap::new();
        let mut entity_docs: HashMap<EntityId, BTreeMap<DocId, u64>> = HashMap::new();
        let mut stats = RelinkStats::default();
        for (d, ext) in docs.iter().zip(&exts) {
            let links: Vec<Option<EntityId>> = (0..ext.entities.len())
                .map(|i| local_to_global.get(&(d.id, i as LocalRef)).copied())
                .collect();
            let index = DocIndex::new(d.id, ext, &links);
            for ((e, doc), n) in &index.mention_counts {
                *mention_counts.entry(*e).or_default() += n;
                entity_docs.entry(*e).or_default().insert(*doc, *n);
                stats.mentions += *n as usize;
            }
            stats.statements += ext.statements.len();
            stats.relations += index.relations;
            let old: Option<Vec<Option<EntityId>>> = self
                .links
                .get(d.id.to_be_bytes())?
                .map(|v| dec(&v))
                .transpose()?;
            match old {
                Some(old) if old == links => continue,
                Some(old) => self.write_index(&DocIndex::new(d.id, ext, &old), false)?,
                None => {}
            }
            self.write_index(&index, true)?;
            self.links.insert(d.id.to_be_bytes(), enc(&links)?)?;
        }
        for (c, id) in clusters.iter().zip(&ids) {
            let ent = Entity {
                id: *id,
                name: c.name.clone(),
                etype: c.etype,
                aliases: c.aliases.clone(),
                mention_count: mention_counts.get(id).copied().unwrap_or(0),
                docs: entity_docs
                    .get(id)
                    .map(|m| m.keys().copied().collect())
                    .unwrap_or_default(),
                gazetteer_id: c.gazetteer_id.clone(),
                titles: c.titles.clone(),
            };
            self.entities.insert(id.to_be_bytes(), enc(&ent)?)?;
            let mut keys: Vec<String> = c
                .aliases
                .iter()
                .map(|a| crate::normalize::key(&a.surface))
                .collect();
            keys.push(crate::normalize::key(&c.name));
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                let mut key = k.into_bytes();
                key.push(0);
                key.extend_from_slice(&id.to_be_bytes());
                self.aliases.insert(key, &[])?;
            }
            stats.entities += 1;
        }
        self.meta.insert(META_STATS, enc(&stats)?)?;
        self.meta.insert(META_LINK_DIRTY, &[0u8])?;
        Ok(stats)
    }

    /// Inserts (or removes) a document's index entries, one batch per tree.
    fn write_index(&self, ix: &DocIndex, insert: bool) -> Result<()> {
        let mut speaker = sled::Batch::default();
        let mut about = sled::Batch::default();
        let mut out = sled::Batch::default();
        let mut inn = sled::Batch::default();
        let mut by_rel = sled::Batch::default();
        let mut mentions = sled::Batch::default();
        for k in &ix.by_speaker {
            if insert {
                speaker.insert(k, &[])
            } else {
                speaker.remove(k)
            }
        }
        for k in &ix.by_about {
            if insert {
                about.insert(k, &[])
            } else {
                about.remove(k)
            }
        }
        for (o, i, rel) in &ix.edges {
            let rk = relation_key(rel, o);
            if insert {
                out.insert(o, rel.as_bytes());
                inn.insert(i, rel.as_bytes());
                by_rel.insert(rk, &[]);
            } else {
                out.remove(o);
                inn.remove(i);
                by_rel.remove(rk);
            }
        }
        for ((e, d), n) in &ix.mention_counts {
            let k = pair(e.0, d.0);
            if insert {
                mentions.insert(&k, &n.to_be_bytes())
            } else {
                mentions.remove(&k)
            }
        }
        self.stmt_by_speaker.apply_batch(speaker)?;
        self.stmt_by_about.apply_batch(about)?;
        self.out.apply_batch(out)?;
        self.inn.apply_batch(inn)?;
        self.by_relation.apply_batch(by_rel)?;
        self.mentions_by_entity.apply_batch(mentions)?;
        Ok(())
    }

    /// Removes a stored document's index entries and links (before it is replaced), so that a
    /// relink writes them afresh from the new extraction.
    fn unindex_document(&self, id: DocId) -> Result<()> {
        let old_links: Option<Vec<Option<EntityId>>> = self
            .links
            .get(id.to_be_bytes())?
            .map(|v| dec(&v))
            .transpose()?;
        if let (Some(links), Some(ext)) = (old_links, self.extraction(id)?) {
            self.write_index(&DocIndex::new(id, &ext, &links), false)?;
        }
        self.links.remove(id.to_be_bytes())?;
        Ok(())
    }

    // ------------------------------------------------------------------ entities

    pub fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
        self.entities
            .get(id.to_be_bytes())?
            .map(|v| dec(&v))
            .transpose()
    }

    /// All entities, in id order.
    pub fn entities(&self) -> Result<Vec<Entity>> {
        self.entities.iter().values().map(|v| dec(&v?)).collect()
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// Entities whose alias key is exactly `key`.
    pub fn entities_by_alias_key(&self, key: &str) -> Result<Vec<EntityId>> {
        let mut prefix = key.as_bytes().to_vec();
        prefix.push(0);
        let mut out = Vec::new();
        for kv in self.aliases.scan_prefix(&prefix) {
            let (k, _) = kv?;
            if let Some(id) = EntityId::from_be_slice(&k[prefix.len()..]) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Every alias key with its entity (for suggestions and fuzzy look-up).
    pub fn alias_keys(&self) -> Result<Vec<(String, EntityId)>> {
        let mut out = Vec::new();
        for kv in self.aliases.iter() {
            let (k, _) = kv?;
            if k.len() < 9 {
                continue;
            }
            let split = k.len() - 9;
            let name = String::from_utf8_lossy(&k[..split]).into_owned();
            if let Some(id) = EntityId::from_be_slice(&k[split + 1..]) {
                out.push((name, id));
            }
        }
        Ok(out)
    }

    /// Documents an entity is mentioned in, with mention counts.
    pub fn docs_of_entity(&self, id: EntityId) -> Result<Vec<(DocId, u64)>> {
        let mut out = Vec::new();
        for kv in self.mentions_by_entity.scan_prefix(id.to_be_bytes()) {
            let (k, v) = kv?;
            let doc = DocId(second_id(&k).unwrap_or(0));
            let n = v.as_ref().try_into().map(u64::from_be_bytes).unwrap_or(0);
            out.push((doc, n));
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ statements and edges

    fn ids_with_prefix(tree: &sled::Tree, id: EntityId) -> Result<Vec<u64>> {
        let mut out = Vec::new();
        for kv in tree.scan_prefix(id.to_be_bytes()) {
            let (k, _) = kv?;
            if let Some(x) = second_id(&k) {
                out.push(x);
            }
        }
        Ok(out)
    }

    pub fn statement(&self, id: StatementId) -> Result<Option<StatementRecord>> {
        Ok(self.facts(id.doc())?.and_then(|f| f.statement(id.index())))
    }

    pub fn statements_by_speaker(&self, id: EntityId) -> Result<Vec<StatementRecord>> {
        Self::ids_with_prefix(&self.stmt_by_speaker, id)?
            .into_iter()
            .filter_map(|s| self.statement(StatementId(s)).transpose())
            .collect()
    }

    pub fn statements_about(&self, id: EntityId) -> Result<Vec<StatementRecord>> {
        Self::ids_with_prefix(&self.stmt_by_about, id)?
            .into_iter()
            .filter_map(|s| self.statement(StatementId(s)).transpose())
            .collect()
    }

    /// All statements, document by document.
    pub fn statements(&self) -> Result<Vec<StatementRecord>> {
        let mut out = Vec::new();
        for d in self.documents()? {
            if let Some(f) = self.facts(d.id)? {
                out.extend(f.statements());
            }
        }
        Ok(out)
    }

    pub fn edge(&self, id: EdgeId) -> Result<Option<Edge>> {
        let Some(f) = self.facts(id.doc())? else {
            return Ok(None);
        };
        let text = self.doc_text(id.doc())?.unwrap_or_default();
        Ok(f.edge(id.index(), &text))
    }

    /// Edges leaving (`outgoing`) or entering an entity.
    pub fn edges_of(&self, id: EntityId, outgoing: bool) -> Result<Vec<Edge>> {
        let tree = if outgoing { &self.out } else { &self.inn };
        Self::ids_with_prefix(tree, id)?
            .into_iter()
            .filter_map(|e| self.edge(EdgeId(e)).transpose())
            .collect()
    }

    /// Number of edges of each relation type (from the `by_relation` index keys alone).
    pub fn relation_counts(&self) -> Result<BTreeMap<String, usize>> {
        let mut out = BTreeMap::new();
        for k in self.by_relation.iter().keys() {
            let k = k?;
            let end = k.iter().position(|b| *b == 0).unwrap_or(k.len());
            *out.entry(String::from_utf8_lossy(&k[..end]).into_owned())
                .or_insert(0) += 1;
        }
        Ok(out)
    }

    /// Edges of one relation type.
    pub fn edges_by_relation(&self, relation: &str) -> Result<Vec<Edge>> {
        let mut prefix = relation.as_bytes().to_vec();
        prefix.push(0);
        let mut out = Vec::new();
        for kv in self.by_relation.scan_prefix(&prefix) {
            let (k, _) = kv?;
            if let Some(id) = EdgeId::from_be_slice(&k[prefix.len()..])
                && let Some(e) = self.edge(id)?
            {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// All edges, document by document.
    pub fn edges(&self) -> Result<Vec<Edge>> {
        let mut out = Vec::new();
        for d in self.documents()? {
            if let (Some(f), Some(text)) = (self.facts(d.id)?, self.doc_text(d.id)?) {
                out.extend(f.edges(&text));
            }
        }
        Ok(out)
    }

    /// All mentions with global ids, document by document.
    pub fn mentions(&self) -> Result<Vec<MentionRecord>> {
        let mut out = Vec::new();
        for d in self.documents()? {
            if let Some(f) = self.facts(d.id)? {
                out.extend(f.mentions());
            }
        }
        Ok(out)
    }

    /// Counts recorded by the last relink.
    pub fn stats(&self) -> Result<RelinkStats> {
        Ok(self
            .meta
            .get(META_STATS)?
            .map(|v| dec(&v))
            .transpose()?
            .unwrap_or_default())
    }
}

/// An `alias` curation makes its surface a name of the entity even where no document uses it
/// yet, so `kg show ALIAS` and every query find the entity at once.
fn add_curated_aliases(clusters: &mut [crate::link::global::Cluster], curations: &[Curation]) {
    use crate::normalize::key;
    for c in curations {
        let Curation::Alias { alias, entity } = c else {
            continue;
        };
        let (ak, ek) = (key(alias), key(entity));
        let names = |cl: &crate::link::global::Cluster| -> Vec<String> {
            let mut v: Vec<String> = cl.aliases.iter().map(|a| key(&a.surface)).collect();
            v.push(key(&cl.name));
            v
        };
        let target = clusters
            .iter()
            .position(|cl| key(&cl.name) == ek)
            .or_else(|| clusters.iter().position(|cl| names(cl).contains(&ek)));
        if let Some(t) = target
            && !names(&clusters[t]).contains(&ak)
        {
            clusters[t].aliases.push(Alias {
                surface: alias.clone(),
                rule: "curation:alias".into(),
                doc: String::new(),
                count: 0,
            });
        }
    }
}

/// The entries one document contributes to the derived index trees, given the global id of
/// each of its local entities.
#[derive(Debug, Default)]
struct DocIndex {
    by_speaker: Vec<[u8; 16]>,
    by_about: Vec<[u8; 16]>,
    /// (src|edge, dst|edge, relation)
    edges: Vec<([u8; 16], [u8; 16], String)>,
    mention_counts: BTreeMap<(EntityId, DocId), u64>,
    relations: usize,
}

impl DocIndex {
    fn new(doc: DocId, ext: &DocExtraction, links: &[Option<EntityId>]) -> Self {
        let g = |l: LocalRef| links.get(l as usize).copied().flatten();
        let mut ix = DocIndex::default();
        for m in &ext.mentions {
            if let Some(e) = m.entity.and_then(g) {
                *ix.mention_counts.entry((e, doc)).or_default() += 1;
            }
        }
        for (i, s) in ext.statements.iter().enumerate() {
            let sid = StatementId::new(doc, i);
            if let Some(e) = s.speaker.and_then(g) {
                ix.by_speaker.push(pair(e.0, sid.0));
            }
            for a in &s.about {
                if let Some(e) = g(*a) {
                    ix.by_about.push(pair(e.0, sid.0));
                }
            }
        }
        for (i, r) in ext.relations.iter().enumerate() {
            if let (Some(src), Some(dst)) = (g(r.src), g(r.dst)) {
                let eid = EdgeId::new(doc, i);
                ix.edges
                    .push((pair(src.0, eid.0), pair(dst.0, eid.0), r.relation.clone()));
                ix.relations += 1;
            }
        }
        ix
    }
}

fn relation_key(relation: &str, edge_key: &[u8; 16]) -> Vec<u8> {
    let mut k = relation.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(&edge_key[8..]);
    k
}

/// Counts from a relink.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelinkStats {
    pub entities: usize,
    pub mentions: usize,
    pub statements: usize,
    pub relations: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, ingest};

    fn index_sizes(s: &Store) -> (usize, usize, usize, usize) {
        (
            s.out.len(),
            s.inn.len(),
            s.by_relation.len(),
            s.stmt_by_speaker.len() + s.stmt_by_about.len(),
        )
    }

    /// After any sequence of ingests, the indexes hold exactly the entries a rebuild from
    /// scratch would write: nothing of a replaced version survives.
    #[test]
    fn indexes_match_a_fresh_build_after_replacements() {
        let res = Resources::global().unwrap();
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("c");
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.txt");
        let b = dir.join("b.txt");
        std::fs::write(&a, "Foreign Minister Anna Lindqvist of Sweden met Finnish President Matti Korhonen in Helsinki. \"We agree on the Baltic,\" Lindqvist said.\n").unwrap();
        std::fs::write(
            &b,
            "Matti Korhonen told reporters that Finland would host the next round.\n",
        )
        .unwrap();
        let store = Store::open(&t.path().join("g.db")).unwrap();
        let opts = IngestOptions::default();
        ingest(&store, std::slice::from_ref(&dir), &opts, res).unwrap();
        let first = index_sizes(&store);
        assert!(first.0 > 0 && first.3 > 0, "{first:?}");
        std::fs::write(&a, "Prime Minister Olga Berzina of Latvia visited Tallinn on Monday. Berzina said the visit went well.\n").unwrap();
        ingest(&store, std::slice::from_ref(&dir), &opts, res).unwrap();
        let replaced = index_sizes(&store);
        let edges = store.edges().unwrap();
        assert_eq!(
            replaced.2,
            edges.len(),
            "by_relation has exactly the live edges"
        );
        assert!(
            edges
                .iter()
                .all(|e| e.doc_name == "b.txt" || !e.evidence.contains("Lindqvist"))
        );
        // a fresh database with the same files has the same index sizes
        let fresh = Store::open(&t.path().join("fresh.db")).unwrap();
        ingest(&fresh, std::slice::from_ref(&dir), &opts, res).unwrap();
        assert_eq!(index_sizes(&fresh), replaced);
        assert!(
            store
                .entities_by_alias_key("anna lindqvist")
                .unwrap()
                .is_empty()
        );
    }
}
