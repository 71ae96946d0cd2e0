//! Linking: every mention to one entity. [`local`] resolves within a document (full names,
//! short forms, titles); [`global`] clusters the documents' local entities into corpus
//! entities (alias index, normalisation, typo tolerance, curations).

pub mod global;
pub mod local;
