//! World knowledge kept as data in `schema/`: parsed once into plain records. Each stage that
//! needs a fast matcher compiles it from these records once ([`crate::Resources`]).
//!
//! The files are embedded in the binary at build time, so `kg` runs from any directory; they
//! stay plain, reviewable text files in the repository.
//!
//! File formats (UTF-8, tab-separated, `#` starts a comment line, the first non-comment line
//! is a header, list cells are `|`-separated, empty cells allowed):
//!
//! | file | columns |
//! |---|---|
//! | countries.tsv | iso2, iso3, name, aliases, demonyms, capitals |
//! | places.tsv | name, aliases, kind, country (iso2) |
//! | organizations.tsv | name, aliases, kind, country (iso2) |
//! | titles.tsv | title, kind |
//! | org_heads.tsv | word, kind, position |
//! | speech_verbs.tsv | form, lemma, class |
//! | relations.tsv | pattern, relation, direction |
//! | abbreviations.txt, given_names.txt, common_words.txt, nationality_words.txt | one item a line |

use crate::error::{KgError, Result};

/// One row of `countries.tsv`.
#[derive(Clone, Debug, Default)]
pub struct CountryRow {
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    /// Short forms, codes written as in text ("U.S.", "US", "USA"), official long names.
    pub aliases: Vec<String>,
    /// "American", "Americans".
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
}

/// One row of `places.tsv` or `organizations.tsv`.
#[derive(Clone, Debug, Default)]
pub struct NamedRow {
    pub name: String,
    pub aliases: Vec<String>,
    /// Free kind word: city, region, island... / government, media, international, party...
    pub kind: String,
    /// ISO 3166-1 alpha-2 of the country it belongs to, if any.
    pub country: Option<String>,
}

/// One row of `titles.tsv`.
#[derive(Clone, Debug, Default)]
pub struct TitleRow {
    pub title: String,
    /// honorific (Mr., Dr.), office (President, press secretary), military, religious, nobility.
    pub kind: String,
}

/// One row of `org_heads.tsv`.
#[derive(Clone, Debug, Default)]
pub struct OrgHeadRow {
    pub word: String,
    /// government, media, military, party, company, international, education, other.
    pub kind: String,
    /// `last` ("Foreign Ministry", "NK News"), `first` ("Ministry of Foreign Affairs"), `any`.
    pub position: String,
}

/// One row of `speech_verbs.tsv`.
#[derive(Clone, Debug, Default)]
pub struct SpeechVerbRow {
    pub form: String,
    pub lemma: String,
    /// say, report, believe, deny, decline, ...
    pub class: String,
}

/// One row of `relations.tsv`.
#[derive(Clone, Debug, Default)]
pub struct RelationRow {
    /// A verb phrase with inflections listed as separate rows ("met with", "wrote to").
    pub pattern: String,
    /// Relation type of the ontology ("MET_WITH").
    pub relation: String,
    /// `active` (subject -> object) or `passive` (object of "by" -> subject) or `symmetric`.
    pub direction: String,
}

/// All of `schema/`, parsed.
#[derive(Clone, Debug, Default)]
pub struct SchemaData {
    pub countries: Vec<CountryRow>,
    pub places: Vec<NamedRow>,
    pub organizations: Vec<NamedRow>,
    pub titles: Vec<TitleRow>,
    pub org_heads: Vec<OrgHeadRow>,
    pub speech_verbs: Vec<SpeechVerbRow>,
    pub relations: Vec<RelationRow>,
    pub abbreviations: Vec<String>,
    pub given_names: Vec<String>,
    pub common_words: Vec<String>,
    pub ontology: serde_json::Value,
}

/// The relation types of schema/ontology.json.
pub fn relation_types() -> &'static [String] {
    static TYPES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../schema/ontology.json")).unwrap_or_default();
        v.get("relation_types")
            .and_then(|r| r.as_object())
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    })
}

macro_rules! schema_file {
    ($name:literal) => {
        ($name, include_str!(concat!("../schema/", $name)))
    };
}

impl SchemaData {
    /// Parses the files embedded at build time.
    pub fn embedded() -> Result<Self> {
        Ok(SchemaData {
            countries: country_rows(schema_file!("countries.tsv"))?,
            places: named_rows(schema_file!("places.tsv"))?,
            organizations: named_rows(schema_file!("organizations.tsv"))?,
            titles: title_rows(schema_file!("titles.tsv"))?,
            org_heads: org_head_rows(schema_file!("org_heads.tsv"))?,
            speech_verbs: speech_verb_rows(schema_file!("speech_verbs.tsv"))?,
            relations: relation_rows(schema_file!("relations.tsv"))?,
            abbreviations: lines(schema_file!("abbreviations.txt").1),
            given_names: lines(schema_file!("given_names.txt").1),
            common_words: lines(schema_file!("common_words.txt").1),
            ontology: ontology(schema_file!("ontology.json"))?,
        })
    }
}

/// A schema file: its name (for errors) and its text.
type SchemaFile = (&'static str, &'static str);

/// The rows of countries.tsv.
fn country_rows((f, t): SchemaFile) -> Result<Vec<CountryRow>> {
    Ok(parse_tsv(f, t, 6)?
        .into_iter()
        .map(|c| CountryRow {
            iso2: c[0].clone(),
            iso3: c[1].clone(),
            name: c[2].clone(),
            aliases: list(&c[3]),
            demonyms: list(&c[4]),
            capitals: list(&c[5]),
        })
        .collect())
}

/// The rows of places.tsv or organizations.tsv.
fn named_rows((f, t): SchemaFile) -> Result<Vec<NamedRow>> {
    Ok(parse_tsv(f, t, 4)?
        .into_iter()
        .map(|c| NamedRow {
            name: c[0].clone(),
            aliases: list(&c[1]),
            kind: c[2].clone(),
            country: Some(c[3].clone()).filter(|s| !s.is_empty()),
        })
        .collect())
}

/// The rows of titles.tsv.
fn title_rows((f, t): SchemaFile) -> Result<Vec<TitleRow>> {
    Ok(parse_tsv(f, t, 2)?
        .into_iter()
        .map(|c| TitleRow {
            title: c[0].clone(),
            kind: c[1].clone(),
        })
        .collect())
}

/// The rows of org_heads.tsv.
fn org_head_rows((f, t): SchemaFile) -> Result<Vec<OrgHeadRow>> {
    Ok(parse_tsv(f, t, 3)?
        .into_iter()
        .map(|c| OrgHeadRow {
            word: c[0].clone(),
            kind: c[1].clone(),
            position: c[2].clone(),
        })
        .collect())
}

/// The rows of speech_verbs.tsv.
fn speech_verb_rows((f, t): SchemaFile) -> Result<Vec<SpeechVerbRow>> {
    Ok(parse_tsv(f, t, 3)?
        .into_iter()
        .map(|c| SpeechVerbRow {
            form: c[0].clone(),
            lemma: c[1].clone(),
            class: c[2].clone(),
        })
        .collect())
}

/// The rows of relations.tsv.
fn relation_rows((f, t): SchemaFile) -> Result<Vec<RelationRow>> {
    Ok(parse_tsv(f, t, 3)?
        .into_iter()
        .map(|c| RelationRow {
            pattern: c[0].clone(),
            relation: c[1].clone(),
            direction: c[2].clone(),
        })
        .collect())
}

/// ontology.json as a JSON value.
fn ontology((f, t): SchemaFile) -> Result<serde_json::Value> {
    serde_json::from_str(t).map_err(|e| KgError::SchemaData {
        file: f,
        line: e.line(),
        reason: e.to_string(),
    })
}

/// Non-empty, non-comment lines, trimmed.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Rows of a TSV file after its header, each padded to `columns` cells.
fn parse_tsv(file: &'static str, text: &str, columns: usize) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let mut cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if cells.len() > columns {
            return Err(KgError::SchemaData {
                file,
                line: i + 1,
                reason: format!("{} cells, expected at most {columns}", cells.len()),
            });
        }
        if cells[0].is_empty() {
            return Err(KgError::SchemaData {
                file,
                line: i + 1,
                reason: "first cell is empty".into(),
            });
        }
        cells.resize(columns, String::new());
        rows.push(cells);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_parses() {
        let data = SchemaData::embedded().expect("schema files parse");
        assert!(!data.countries.is_empty());
    }

    #[test]
    fn tsv_rejects_extra_cells() {
        let err = parse_tsv("x.tsv", "a\tb\n1\t2\t3\n", 2).unwrap_err();
        assert!(err.to_string().contains("line 2"));
    }
}
