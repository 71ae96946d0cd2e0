//! Helpers of the statement rule tests: a small cast of entities and look-ups of the statements
//! found in a text.

pub use crate::model::EntityType::{self, *};
pub use crate::model::{Statement, StatementKind};
pub use crate::relations::testutil::*;

pub type Ents<'a> = &'a [(&'a str, EntityType, &'a [&'a str])];

/// The statements of `text` (speech mode) with the entities `ents`.
pub fn stmts(text: &str, ents: Ents) -> Vec<Statement> {
    run(&doc(text, ents)).0
}

pub const PEOPLE: Ents = &[
    ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
    ("Tomas Berg", Person, &["Tomas Berg", "Berg"]),
    ("Chile", Country, &["Chile", "Chilean"]),
    ("Daily Courier", Organization, &["Daily Courier"]),
    ("Evening Gazette", Organization, &["Evening Gazette"]),
    ("Lima", Location, &["Lima"]),
];

/// The content of the statement of `text` whose content holds `part`.
pub fn content_of(text: &str, part: &str) -> String {
    one(&stmts(text, PEOPLE), part).content.clone()
}

/// The statement whose content holds `content_part`.
pub fn one<'a>(v: &'a [Statement], content_part: &str) -> &'a Statement {
    v.iter()
        .find(|s| s.content.contains(content_part))
        .unwrap_or_else(|| panic!("no statement with {content_part:?} in {v:#?}"))
}
