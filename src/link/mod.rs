//! Linking: every mention to one entity. [`local`] resolves within a document (full names,
//! short forms, titles); [`corpus`] gathers the documents' local entities into corpus entities
//! (groups by identity key, then gazetteer names, typos, short forms, curations), incrementally.

pub mod corpus;
pub mod local;
