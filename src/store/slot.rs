//! Where a store keeps the index that queries read (see `index`), while it has one, and what
//! the index holds that the store does not yet.
//!
//! A load into an empty in-memory store gives its index here, and from then on queries read
//! the index. The merge (each statement of the document graphs once, in the default graph) is
//! then in the index alone: written into the store as well, it cost a load of 100,000
//! documents a quarter of its time and of its memory, for queries that never read it there
//! (70–75 s and 9.3 GB, against 54 s and 6.6 GB). The store gets it the first time
//! something needs the store itself to hold it: before any write, since a write drops the
//! index, and before a read of the merge from the store.

use super::index::QueryIndex;
use oxigraph::store::{StorageError, Store};
use std::sync::{Arc, RwLock};

/// A store's index, shared by every clone of the store.
#[derive(Clone, Default)]
pub(super) struct IndexSlot(Arc<RwLock<Slot>>);

#[derive(Default)]
struct Slot {
    index: Option<Arc<QueryIndex>>,
    /// Whether the index holds the merge and the store's default graph does not.
    merge_owed: bool,
}

impl Slot {
    fn write_merge_into(&mut self, store: &Store) -> Result<(), StorageError> {
        if let (true, Some(index)) = (self.merge_owed, &self.index) {
            let mut transaction = store.start_transaction()?;
            transaction.extend(index.merge());
            transaction.commit()?;
            self.merge_owed = false;
        }
        Ok(())
    }
}

impl IndexSlot {
    pub(super) fn get(&self) -> Option<Arc<QueryIndex>> {
        self.0.read().expect("not poisoned").index.clone()
    }

    /// Keeps the index of a load that wrote the merge into the index only.
    pub(super) fn put_holding_merge(&self, index: QueryIndex) {
        *self.0.write().expect("not poisoned") = Slot {
            index: Some(Arc::new(index)),
            merge_owed: true,
        };
    }

    /// Makes the store hold the merge, if only the index does: then the store can be read on
    /// its own.
    pub(super) fn write_merge_into(&self, store: &Store) -> Result<(), StorageError> {
        self.0
            .write()
            .expect("not poisoned")
            .write_merge_into(store)
    }

    /// Drops the index, once the store holds all it held: for a write to the store, which the
    /// index would no longer match.
    pub(super) fn clear(&self, store: &Store) -> Result<(), StorageError> {
        let mut slot = self.0.write().expect("not poisoned");
        slot.write_merge_into(store)?;
        slot.index = None;
        Ok(())
    }
}
