//! Code shared by the examples (`mod common;`): the synthetic corpus generator.

pub mod corpus;
