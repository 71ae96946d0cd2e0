//! Curation commands: alias, merge, split, rename, type, relink, and curation files.

use super::open_for_read;
use crate::error::{KgError, Result};
use crate::extract::Resources;
use crate::model::*;
use crate::query;
use crate::store::Store;
use std::path::Path;

/// Records a curation after checking that the entities it names exist, then relinks.
pub fn apply(db: &Path, c: Curation) -> Result<String> {
    let store = open_for_read(db)?;
    let check = |name: &str| query::resolve(&store, name).map(|e| e.name);
    let c = match c {
        Curation::Alias { alias, entity } => Curation::Alias {
            entity: check(&entity)?,
            alias,
        },
        Curation::Merge { into, from } => {
            let (a, b) = (check(&into)?, check(&from)?);
            if a == b {
                return Err(KgError::Invalid(format!(
                    "{into:?} and {from:?} are already one entity"
                )));
            }
            Curation::Merge { into: a, from: b }
        }
        Curation::Split { entity, aliases } => Curation::Split {
            entity: check(&entity)?,
            aliases,
        },
        Curation::Rename { entity, name } => Curation::Rename {
            entity: check(&entity)?,
            name,
        },
        Curation::Type { entity, etype } => Curation::Type {
            entity: check(&entity)?,
            etype,
        },
    };
    let res = Resources::global()?;
    store.add_curation(&c, &res.gazetteer)?;
    store.flush()?;
    Ok(format!(
        "recorded {}; relinked: {} entities",
        serde_json::to_string(&c).unwrap_or_default(),
        store.totals()?.entities
    ))
}

/// `kg relink`; `statements` switches the statement mode (which needs `reextract`).
pub fn relink(
    db: &Path,
    reextract: bool,
    statements: Option<crate::model::StatementMode>,
) -> Result<String> {
    let store = Store::open_existing(db)?;
    let res = Resources::global()?;
    if let Some(mode) = statements
        && mode != store.statement_mode()?
    {
        if !reextract {
            return Err(crate::error::KgError::Invalid(format!(
                "switching {} to {} mode re-extracts every document: add --reextract",
                db.display(),
                mode.as_str()
            )));
        }
        store.set_statement_mode(mode)?;
    }
    let st = crate::ingest::relink(&store, reextract, res)?;
    Ok(format!(
        "relinked {} documents: {} entities, {} mentions, {} statements, {} relations",
        store.doc_count(),
        st.entities,
        st.mentions,
        st.statements,
        st.relations
    ))
}

/// `kg curations export`: one JSON object a line.
pub fn export(db: &Path) -> Result<String> {
    let store = open_for_read(db)?;
    Ok(store
        .curations()?
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default() + "\n")
        .collect())
}

/// `kg curations import FILE`: replaces the curations with the file's, then relinks.
pub fn import(db: &Path, file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(file).map_err(|e| KgError::Io {
        path: file.to_path_buf(),
        source: e,
    })?;
    let mut list = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let c: Curation = serde_json::from_str(line).map_err(|e| {
            KgError::Invalid(format!("{}:{}: not a curation: {e}", file.display(), i + 1))
        })?;
        list.push(c);
    }
    let store = Store::open_existing(db)?;
    store.set_curations(&list, &Resources::global()?.gazetteer)?;
    store.flush()?;
    Ok(format!(
        "imported {} curations; relinked: {} entities",
        list.len(),
        store.totals()?.entities
    ))
}
