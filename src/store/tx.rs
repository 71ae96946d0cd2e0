//! One commit: writes held in memory over the sled tree, read back by the commit itself, and
//! applied at the end as **one** `Tree::apply_batch`. sled applies a batch atomically and
//! recovers it whole or not at all, so a commit is all-or-nothing without sled's multi-tree
//! transactions (which deadlocked under kg's write pattern: docs/ARCHITECTURE.md).

use crate::error::Result;
use std::collections::BTreeMap;
use std::ops::Bound;

/// Pending writes (`None`: removal) over a tree.
pub struct Tx<'t> {
    tree: &'t sled::Tree,
    writes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

impl<'t> Tx<'t> {
    pub fn new(tree: &'t sled::Tree) -> Self {
        Tx {
            tree,
            writes: BTreeMap::new(),
        }
    }

    pub fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        match self.writes.get(key) {
            Some(v) => Ok(v.clone()),
            None => Ok(self.tree.get(key)?.map(|v| v.to_vec())),
        }
    }

    pub fn contains(&self, key: &[u8]) -> Result<bool> {
        match self.writes.get(key) {
            Some(v) => Ok(v.is_some()),
            None => Ok(self.tree.contains_key(key)?),
        }
    }

    pub fn insert(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.writes.insert(key, Some(value));
    }

    pub fn remove(&mut self, key: Vec<u8>) {
        self.writes.insert(key, None);
    }

    /// Removes a key only if it is there (a removal is a write in sled's log too).
    pub fn remove_existing(&mut self, key: Vec<u8>) -> Result<()> {
        if self.contains(&key)? {
            self.writes.insert(key, None);
        }
        Ok(())
    }

    /// Every live key and value under `prefix`, in key order: the tree's, overridden by the
    /// pending writes.
    pub fn scan(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut out: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for kv in self.tree.scan_prefix(prefix) {
            let (k, v) = kv?;
            out.insert(k.to_vec(), v.to_vec());
        }
        let range = self
            .writes
            .range::<[u8], _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(prefix));
        for (k, v) in range {
            match v {
                Some(v) => {
                    out.insert(k.clone(), v.clone());
                }
                None => {
                    out.remove(k);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Keys only (no values copied).
    pub fn scan_keys(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>> {
        let mut out: std::collections::BTreeSet<Vec<u8>> = std::collections::BTreeSet::new();
        for k in self.tree.scan_prefix(prefix).keys() {
            out.insert(k?.to_vec());
        }
        let range = self
            .writes
            .range::<[u8], _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(prefix));
        for (k, v) in range {
            if v.is_some() {
                out.insert(k.clone());
            } else {
                out.remove(k);
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Removes every key under `prefix`.
    pub fn remove_prefix(&mut self, prefix: &[u8]) -> Result<()> {
        for k in self.scan_keys(prefix)? {
            self.remove(k);
        }
        Ok(())
    }

    /// The pending writes, in key order.
    pub fn pending(&self) -> impl Iterator<Item = (&Vec<u8>, Option<&Vec<u8>>)> {
        self.writes.iter().map(|(k, v)| (k, v.as_ref()))
    }

    pub fn len(&self) -> usize {
        self.writes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// Applies every pending write as one atomic batch.
    pub fn commit(self) -> Result<()> {
        let mut b = sled::Batch::default();
        for (k, v) in self.writes {
            match v {
                Some(v) => b.insert(k, v),
                None => b.remove(k),
            }
        }
        self.tree.apply_batch(b)?;
        Ok(())
    }
}
