//! The petgraph model: the part of the store a walk or an export needs, as a StableGraph whose
//! nodes are entities and whose edges carry provenance.
