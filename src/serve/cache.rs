//! Answers kept for reuse. The endpoint's store does not change while it serves (a store
//! loaded from files, or one on disk opened read-only), so the same request always gets the
//! same answer: it is computed once and kept, within a budget of bytes, the least recently used
//! answer leaving first. A request that arrives while the same answer is being computed waits
//! for it rather than computing it a second time, so that a crowd asking for one expensive page
//! costs one evaluation.
//!
//! Requests enter as a [`RequestKey`] and a function that computes the answer; a shared
//! [`Reply`] leaves.

use super::reply::Reply;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// All of a request that its answer can depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestKey {
    pub method: String,
    /// The path and the query string.
    pub target: String,
    pub accept: Option<String>,
    /// The language pages name properties and classes in, as `Accept-Language` or `lang=`
    /// decide it: two values, so a client's header string makes no new entries.
    pub language: super::html::Language,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// What an entry costs besides the bytes of its key and answer: the map's and the list's
/// records, the answer's headers, the allocations' own records.
const ENTRY_BOOKKEEPING: usize = 256;

impl RequestKey {
    /// Every byte the key holds counts against the budget: a client chooses its headers, and
    /// 20,000 unique 7.5 KB `Accept` headers must not add 82 MB to a 1 MB cache.
    fn size(&self) -> usize {
        let optional = |text: &Option<String>| text.as_ref().map_or(0, String::len);
        self.method.len()
            + self.target.len()
            + optional(&self.accept)
            + optional(&self.content_type)
            + self.body.len()
            + ENTRY_BOOKKEEPING
    }
}

/// Kept answers and answers being computed, shared by all the server's threads.
pub(crate) struct ResponseCache {
    budget: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    kept: HashMap<RequestKey, Kept>,
    kept_bytes: usize,
    /// Counts uses, to tell which answer was used least recently.
    clock: u64,
    computing: HashMap<RequestKey, Arc<Computation>>,
}

struct Kept {
    reply: Arc<Reply>,
    last_used: u64,
}

/// An answer being computed by one request's thread, which others wait for.
#[derive(Default)]
struct Computation {
    reply: Mutex<Option<Arc<Reply>>>,
    done: Condvar,
}

impl ResponseCache {
    /// A cache that keeps at most `budget` bytes of answers (0 keeps none).
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            state: Mutex::default(),
        }
    }

    /// The kept answer to `key`; or the answer another thread is computing for it, waited for
    /// at most `patience`; or the answer `compute` gives, kept when it lasts.
    pub fn answer(
        &self,
        key: RequestKey,
        patience: Duration,
        compute: impl FnOnce() -> Reply,
    ) -> Arc<Reply> {
        if self.budget == 0 {
            return Arc::new(compute());
        }
        let pending = {
            let mut state = self.lock();
            if let Some(reply) = state.use_kept(&key) {
                return reply;
            }
            match state.computing.get(&key) {
                Some(computation) => Some(Arc::clone(computation)),
                None => {
                    state.computing.insert(key.clone(), Arc::default());
                    None
                }
            }
        };
        if let Some(computation) = pending {
            if let Some(reply) = computation.wait(patience) {
                return reply;
            }
            // The other thread is late (or failed): answer this request on its own.
            return Arc::new(compute());
        }
        let finished = Finished { cache: self, key };
        let reply = Arc::new(compute());
        finished.publish(&reply);
        reply
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked while holding the lock left whole entries: use them.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    fn use_kept(&mut self, key: &RequestKey) -> Option<Arc<Reply>> {
        self.clock += 1;
        let now = self.clock;
        let kept = self.kept.get_mut(key)?;
        kept.last_used = now;
        Some(Arc::clone(&kept.reply))
    }

    fn keep(&mut self, key: RequestKey, reply: Arc<Reply>, budget: usize) {
        let size = key.size() + reply.bytes.len();
        if size > budget || self.kept.contains_key(&key) {
            return;
        }
        while self.kept_bytes + size > budget {
            self.evict_least_recently_used();
        }
        self.clock += 1;
        self.kept_bytes += size;
        let last_used = self.clock;
        self.kept.insert(key, Kept { reply, last_used });
    }

    fn evict_least_recently_used(&mut self) {
        let oldest = self
            .kept
            .iter()
            .min_by_key(|(_, kept)| kept.last_used)
            .map(|(key, _)| key.clone());
        if let Some(key) = oldest {
            if let Some(kept) = self.kept.remove(&key) {
                self.kept_bytes -= key.size() + kept.reply.bytes.len();
            }
        }
    }
}

impl Computation {
    fn wait(&self, patience: Duration) -> Option<Arc<Reply>> {
        let reply = self.reply.lock().unwrap_or_else(|p| p.into_inner());
        let (reply, _) = self
            .done
            .wait_timeout_while(reply, patience, |reply| reply.is_none())
            .unwrap_or_else(|p| p.into_inner());
        reply.clone()
    }
}

/// Ends a computation: hands the answer to those waiting and keeps it. Dropped without an
/// answer (the computing thread panicked), it still ends the computation, so that the next
/// request computes afresh.
struct Finished<'a> {
    cache: &'a ResponseCache,
    key: RequestKey,
}

impl Finished<'_> {
    fn publish(self, reply: &Arc<Reply>) {
        let computation = self.cache.lock().computing.get(&self.key).cloned();
        if let Some(computation) = computation {
            *computation.reply.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(reply));
            computation.done.notify_all();
        }
        if reply.is_lasting() {
            let mut state = self.cache.lock();
            state.keep(self.key.clone(), Arc::clone(reply), self.cache.budget);
        }
        // Dropping `self` removes the computation.
    }
}

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        self.cache.lock().computing.remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxhttp::model::StatusCode;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn key(target: &str) -> RequestKey {
        RequestKey {
            method: "GET".into(),
            target: target.into(),
            accept: None,
            language: crate::serve::html::Language::default(),
            content_type: None,
            body: Vec::new(),
        }
    }

    fn reply(text: &str) -> Reply {
        Reply::ok("text/plain", text.as_bytes().to_vec())
    }

    #[test]
    fn an_answer_is_computed_once_and_then_kept() {
        let cache = ResponseCache::new(1 << 20);
        let computed = AtomicUsize::new(0);
        for _ in 0..3 {
            let answer = cache.answer(key("/a"), Duration::from_secs(1), || {
                computed.fetch_add(1, Ordering::SeqCst);
                reply("a")
            });
            assert_eq!(answer.bytes, b"a");
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn refusals_are_not_kept() {
        let cache = ResponseCache::new(1 << 20);
        let computed = AtomicUsize::new(0);
        for _ in 0..2 {
            cache.answer(key("/slow"), Duration::from_secs(1), || {
                computed.fetch_add(1, Ordering::SeqCst);
                Reply::empty(StatusCode::SERVICE_UNAVAILABLE)
            });
        }
        assert_eq!(computed.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn requests_during_a_computation_wait_for_its_answer() {
        let cache = Arc::new(ResponseCache::new(1 << 20));
        let computed = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (cache, computed) = (Arc::clone(&cache), Arc::clone(&computed));
                std::thread::spawn(move || {
                    cache.answer(key("/page"), Duration::from_secs(30), || {
                        computed.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(200));
                        reply("page")
                    })
                })
            })
            .collect();
        for thread in threads {
            assert_eq!(thread.join().unwrap().bytes, b"page");
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn the_least_recently_used_answer_leaves_when_the_budget_is_spent() {
        // Each entry costs its key, its answer and its bookkeeping: two fit, not three.
        let entry = key("/a").size() + 100;
        let cache = ResponseCache::new(2 * entry + 10);
        let computed = AtomicUsize::new(0);
        let ask = |target: &str| {
            cache.answer(key(target), Duration::from_secs(1), || {
                computed.fetch_add(1, Ordering::SeqCst);
                Reply::ok("text/plain", vec![b'x'; 100])
            });
        };
        ask("/a");
        ask("/b");
        ask("/a"); // /b is now the least recently used
        ask("/c"); // evicts /b
        assert_eq!(computed.load(Ordering::SeqCst), 3);
        ask("/a");
        assert_eq!(computed.load(Ordering::SeqCst), 3);
        ask("/b");
        assert_eq!(computed.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn every_byte_of_a_key_counts_against_the_budget() {
        let budget = 1 << 20;
        let cache = ResponseCache::new(budget);
        for n in 0..2_000 {
            let key = RequestKey {
                accept: Some(format!("text/csv;q={n},{}", "x".repeat(7_500))),
                ..key("/sparql?query=ASK{}")
            };
            cache.answer(key, Duration::from_secs(1), || {
                Reply::ok("text/csv", b"true".to_vec())
            });
        }
        let state = cache.lock();
        let held: usize = state
            .kept
            .iter()
            .map(|(key, kept)| key.size() + kept.reply.bytes.len())
            .sum();
        let accept_bytes: usize = state
            .kept
            .keys()
            .filter_map(|k| k.accept.as_ref())
            .map(String::len)
            .sum();
        assert_eq!(held, state.kept_bytes);
        assert!(state.kept_bytes <= budget, "{}", state.kept_bytes);
        assert!(accept_bytes <= budget, "{accept_bytes}");
        assert!(state.kept.len() > 100, "{}", state.kept.len());
    }

    #[test]
    fn a_budget_of_nothing_keeps_nothing() {
        let cache = ResponseCache::new(0);
        let computed = AtomicUsize::new(0);
        for _ in 0..2 {
            cache.answer(key("/a"), Duration::from_secs(1), || {
                computed.fetch_add(1, Ordering::SeqCst);
                reply("a")
            });
        }
        assert_eq!(computed.load(Ordering::SeqCst), 2);
    }
}
