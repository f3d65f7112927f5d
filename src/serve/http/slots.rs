//! Connection slots: at most a fixed number of connections at once. When
//! every slot is taken, the connection that has waited longest for its
//! request head is dropped to make room, so slow clients cannot lock
//! others out. hyper has no such limit of its own.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

pub struct Slots {
    max: usize,
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    open: usize,
    next_id: u64,
    /// Connections still waiting for their request head, oldest first.
    waiting: VecDeque<(u64, Arc<Notify>)>,
}

/// One connection's slot, given back when dropped.
pub struct Slot {
    inner: Arc<Mutex<Inner>>,
    id: u64,
    evict: Arc<Notify>,
    head: AtomicBool,
}

/// A poisoned lock only means another thread panicked; the data is still usable.
fn lock(m: &Mutex<Inner>) -> std::sync::MutexGuard<'_, Inner> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Slots {
    pub fn new(max: usize) -> Slots {
        Slots { max, inner: Arc::default() }
    }

    /// A slot for a new connection, listed as waiting for its head. If every
    /// slot is taken, the oldest waiting connection is told to go (see
    /// [`Slot::evicted`]); `None` if every connection is busy with a request.
    pub fn take(&self) -> Option<Slot> {
        let mut inner = lock(&self.inner);
        if inner.open >= self.max {
            let (_, oldest) = inner.waiting.pop_front()?;
            oldest.notify_one();
        }
        inner.open += 1;
        let id = inner.next_id;
        inner.next_id += 1;
        let evict = Arc::new(Notify::new());
        inner.waiting.push_back((id, evict.clone()));
        Some(Slot { inner: self.inner.clone(), id, evict, head: AtomicBool::new(false) })
    }
}

impl Slot {
    /// The request head has arrived: the connection can no longer be evicted.
    pub fn head_arrived(&self) {
        self.head.store(true, Ordering::SeqCst);
        lock(&self.inner).waiting.retain(|(i, _)| *i != self.id);
    }

    pub fn has_head(&self) -> bool {
        self.head.load(Ordering::SeqCst)
    }

    /// Resolves when a newer connection needs this slot.
    pub async fn evicted(&self) {
        self.evict.notified().await
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut inner = lock(&self.inner);
        inner.open -= 1;
        inner.waiting.retain(|(i, _)| *i != self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told_to_go(slot: &Slot) -> bool {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        rt.block_on(async { tokio::time::timeout(std::time::Duration::from_millis(1), slot.evicted()).await.is_ok() })
    }

    #[test]
    fn full_slots_evict_the_oldest_waiting_connection() {
        let slots = Slots::new(2);
        let (a, b) = (slots.take().unwrap(), slots.take().unwrap());
        let c = slots.take().expect("room is made");
        assert!(told_to_go(&a), "the oldest waiting connection goes");
        assert!(!told_to_go(&b) && !told_to_go(&c));
        drop(a);
        b.head_arrived();
        // `c` is the only one still waiting.
        let _d = slots.take().expect("room is made");
        assert!(told_to_go(&c));
        assert!(!told_to_go(&b), "a connection with a request is never evicted");
    }

    #[test]
    fn busy_slots_refuse() {
        let slots = Slots::new(2);
        let (a, b) = (slots.take().unwrap(), slots.take().unwrap());
        a.head_arrived();
        b.head_arrived();
        assert!(slots.take().is_none(), "every connection has a request");
        drop(b);
        assert!(slots.take().is_some(), "a closed connection frees its slot");
    }
}
