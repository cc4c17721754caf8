//! Flow control in front of the writer: a budget of source bytes in flight.
//!
//! Every unit of work (a file, or a chunk of a dump's records) takes a [`Permit`] for its
//! size before the reader hands it to the workers, and gives it back only when the writer
//! has added its documents (the permit travels with the unit and its outcome and is
//! released on drop). So whichever stage is slower (reading, extraction, or the writer)
//! the articles, extractions and documents alive at once are bounded by design, and a dump
//! of any size is read no faster than it is indexed.

use std::sync::{Arc, Condvar, Mutex};

/// Source bytes allowed in flight between the reader and the writer.
pub struct Budget {
    state: Mutex<State>,
    freed: Condvar,
    limit: u64,
}

struct State {
    used: u64,
    closed: bool,
}

/// A share of the budget, returned when dropped.
pub struct Permit {
    budget: Arc<Budget>,
    bytes: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Arc<Budget> {
        Arc::new(Budget {
            state: Mutex::new(State {
                used: 0,
                closed: false,
            }),
            freed: Condvar::new(),
            limit: limit.max(1),
        })
    }

    /// Waits until `bytes` fit (a unit larger than the whole budget waits until nothing
    /// else is in flight, then goes alone). `None` once the budget is closed.
    pub fn acquire(self: &Arc<Budget>, bytes: u64) -> Option<Permit> {
        let bytes = bytes.clamp(1, self.limit);
        let mut state = self.state.lock().ok()?;
        while !state.closed && state.used + bytes > self.limit {
            state = self.freed.wait(state).ok()?;
        }
        if state.closed {
            return None;
        }
        state.used += bytes;
        Some(Permit {
            budget: Arc::clone(self),
            bytes,
        })
    }

    /// Wakes every waiter and refuses further permits (the writer stopped).
    pub fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.closed = true;
        }
        self.freed.notify_all();
    }

    #[cfg(test)]
    fn used(&self) -> u64 {
        self.state.lock().map(|s| s.used).unwrap_or(0)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Ok(mut state) = self.budget.state.lock() {
            state.used -= self.bytes;
        }
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn permits_never_exceed_the_budget_and_oversized_units_go_alone() {
        let budget = Budget::new(100);
        let peak = Arc::new(AtomicU64::new(0));
        std::thread::scope(|scope| {
            for size in [30u64, 60, 90, 250, 10, 45] {
                let (budget, peak) = (Arc::clone(&budget), Arc::clone(&peak));
                scope.spawn(move || {
                    let permit = budget.acquire(size).expect("open budget");
                    peak.fetch_max(budget.used(), Ordering::SeqCst);
                    std::thread::yield_now();
                    drop(permit);
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100);
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn closing_releases_a_waiting_reader() {
        let budget = Budget::new(10);
        let held = budget.acquire(10).unwrap();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| budget.acquire(5).is_none());
            budget.close();
            assert!(waiter.join().unwrap(), "a closed budget gives no permit");
        });
        drop(held);
    }
}
