//! A transaction of an in-memory store on a thread of its own, for a load.
//!
//! Batches of quads enter through a bounded queue ([`BackgroundTransaction::send`]); the thread
//! inserts them, in the order they came, into one oxigraph transaction, which it commits when
//! told to ([`BackgroundTransaction::commit`]) and drops, with all it held, if the loader goes
//! away without that.
//!
//! Why: oxigraph's in-memory store takes its quads one at a time on one core, and that was most
//! of a load's time. Reading, parsing and mapping the next documents, and numbering the index,
//! wait for it on the same core unless it has a thread of its own.

use super::{in_the_merge, QuadBatch, StoreError};
use oxigraph::store::{StorageError, Store};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// How many batches may wait for the thread: a thousand documents' quads (two of the pipeline's
/// batches), so that the loader can hand over what it has and read the next documents while
/// the store takes those in, and memory holds no more than that.
const WAITING_BATCHES: usize = 1024;

enum Message {
    Batch(Arc<dyn QuadBatch>),
    Commit,
}

/// The loader's end of the queue, and the thread.
pub(super) struct BackgroundTransaction {
    queue: SyncSender<Message>,
    /// Taken once the thread has been joined.
    thread: Option<JoinHandle<Result<(), StorageError>>>,
}

impl BackgroundTransaction {
    /// Starts the thread on `store`. With `with_merge`, each quad goes into the default graph
    /// as well (the merge, see the store's module).
    pub(super) fn start(store: Store, with_merge: bool) -> Result<Self, StoreError> {
        let (queue, batches) = sync_channel(WAITING_BATCHES);
        let thread = std::thread::Builder::new()
            .name("store writer".into())
            .spawn(move || write(&store, &batches, with_merge))
            .map_err(StorageError::Io)?;
        Ok(Self {
            queue,
            thread: Some(thread),
        })
    }

    pub(super) fn send(&mut self, batch: Arc<dyn QuadBatch>) -> Result<(), StoreError> {
        match self.queue.send(Message::Batch(batch)) {
            Ok(()) => Ok(()),
            // The thread only stops early on an error, or a panic: report what stopped it.
            Err(_) => Err(self.join().err().unwrap_or(StoreError::WriterStopped)),
        }
    }

    /// Commits what was sent, once the thread has taken it all in.
    pub(super) fn commit(mut self) -> Result<(), StoreError> {
        // A thread already stopped has its error to give.
        let _ = self.queue.send(Message::Commit);
        self.join()
    }

    fn join(&mut self) -> Result<(), StoreError> {
        let thread = self.thread.take().ok_or(StoreError::WriterStopped)?;
        // A panic there goes on here.
        let written = thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(written?)
    }
}

fn write(store: &Store, batches: &Receiver<Message>, with_merge: bool) -> Result<(), StorageError> {
    let mut transaction = store.start_transaction()?;
    for message in batches {
        match message {
            Message::Batch(batch) => {
                for quad in batch.quads() {
                    transaction.insert(quad);
                    if with_merge {
                        transaction.insert(in_the_merge(quad));
                    }
                }
            }
            Message::Commit => return transaction.commit(),
        }
    }
    // The loader went away without committing: nothing it sent is kept.
    Ok(())
}
