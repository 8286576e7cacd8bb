//! The per-agent condensation kernel: dedupe, close, resolve across platforms.
//!
//! All buffers live in [`Kernel`] and are reused from agent to agent, so the inner loops do
//! not allocate once the buffers have grown.

use std::cmp::Ordering;

use crate::states::{OPEN, RawState};

/// No state (a gap) in a platform slot.
pub(crate) const NO_STATE: u32 = u32::MAX;

/// A clipped, closed state of one platform.
#[derive(Debug, Clone, Copy)]
struct Closed {
    start: i64,
    end: i64,
    state: u32,
}

/// Reusable buffers for one worker.
#[derive(Debug)]
pub(crate) struct Kernel {
    platforms: usize,
    sorted: Vec<RawState>,
    spare: Vec<RawState>,
    closed: Vec<Closed>,
    run_begin: Vec<usize>,
    run_end: Vec<usize>,
    cursor: Vec<usize>,
    slots: Vec<u32>,
}

/// Duplicate preference: on equal (platform, start), the least in this order is kept:
/// latest `modified_at`, then a closed record, then the later end, then the smaller state id
/// (state ids are ranks of sorted labels, so this is order-independent).
fn record_order(a: &RawState, b: &RawState) -> Ordering {
    a.platform
        .cmp(&b.platform)
        .then(a.start.cmp(&b.start))
        .then(b.modified.cmp(&a.modified))
        .then((a.end == OPEN).cmp(&(b.end == OPEN)))
        .then(b.end.cmp(&a.end))
        .then(a.state.cmp(&b.state))
}

#[inline]
fn packed_key(r: &RawState) -> u64 {
    (u64::from(r.platform) << 40) | (r.start as u64)
}

impl Kernel {
    pub(crate) fn new(platforms: usize) -> Self {
        Self {
            platforms,
            sorted: Vec::new(),
            spare: Vec::new(),
            closed: Vec::new(),
            run_begin: vec![0; platforms],
            run_end: vec![0; platforms],
            cursor: vec![0; platforms],
            slots: vec![NO_STATE; platforms],
        }
    }

    /// Deduplicates, closes open states and clips every platform's states to `[lo, hi)`.
    pub(crate) fn prepare(&mut self, records: &[RawState], lo: i64, hi: i64) {
        self.sorted.clear();
        self.sorted.extend_from_slice(records);
        // Sort on a packed (platform, start) key (start is within 0..2^38 after the range
        // check), then keep the preferred record among equal keys.
        if !self.sorted.is_sorted_by_key(packed_key) {
            // Feeds usually arrive in time order across platforms: a stable counting pass
            // by platform then leaves them sorted, and only a remainder needs a real sort.
            self.partition_by_platform();
            if !self.sorted.is_sorted_by_key(packed_key) {
                self.sorted.sort_unstable_by_key(packed_key);
            }
        }
        let mut kept = 0;
        for i in 0..self.sorted.len() {
            let r = self.sorted[i];
            if kept > 0 && packed_key(&self.sorted[kept - 1]) == packed_key(&r) {
                if record_order(&r, &self.sorted[kept - 1]) == Ordering::Less {
                    self.sorted[kept - 1] = r;
                }
            } else {
                self.sorted[kept] = r;
                kept += 1;
            }
        }
        self.sorted.truncate(kept);
        self.closed.clear();
        self.run_begin.iter_mut().for_each(|x| *x = 0);
        self.run_end.iter_mut().for_each(|x| *x = 0);
        let n = self.sorted.len();
        for i in 0..n {
            let r = self.sorted[i];
            let next_start = match self.sorted.get(i + 1) {
                Some(next) if next.platform == r.platform => next.start,
                _ => OPEN,
            };
            // An open state lasts until the platform's next state, else until the horizon;
            // a later start of the same platform also cuts a closed state short.
            let end = r.end.min(next_start);
            let start = r.start.max(lo);
            let end = end.min(hi);
            if start < end {
                let p = r.platform as usize;
                if self.run_end[p] == 0 {
                    self.run_begin[p] = self.closed.len();
                }
                self.closed.push(Closed {
                    start,
                    end,
                    state: r.state,
                });
                self.run_end[p] = self.closed.len();
            }
        }
    }

    /// Stable counting sort of `sorted` by platform, through `spare`.
    fn partition_by_platform(&mut self) {
        let counts = &mut self.cursor;
        counts.iter_mut().for_each(|c| *c = 0);
        for r in &self.sorted {
            counts[r.platform as usize] += 1;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        self.spare.clear();
        self.spare.resize(self.sorted.len(), self.sorted[0]);
        for r in &self.sorted {
            let slot = &mut counts[r.platform as usize];
            self.spare[*slot] = *r;
            *slot += 1;
        }
        std::mem::swap(&mut self.sorted, &mut self.spare);
    }

    /// Sweeps the prepared states in time order and calls `emit(start, end, platform, state,
    /// slots)` for each elementary span where at least one platform has a state. `platform`
    /// and `state` are the highest-priority active ones; `slots[p]` is platform `p`'s state or
    /// [`NO_STATE`]. Spans are sorted, non-overlapping and not yet merged.
    pub(crate) fn sweep(&mut self, mut emit: impl FnMut(i64, i64, u16, u32, &[u32])) {
        let mut t = OPEN;
        for p in 0..self.platforms {
            self.cursor[p] = self.run_begin[p];
            if self.run_end[p] > self.run_begin[p] {
                t = t.min(self.closed[self.run_begin[p]].start);
            }
        }
        if t == OPEN {
            return;
        }
        loop {
            let mut next = OPEN;
            let mut winner: Option<(u16, u32)> = None;
            for p in 0..self.platforms {
                let end = self.run_end[p];
                let mut c = self.cursor[p];
                while c < end && self.closed[c].end <= t {
                    c += 1;
                }
                self.cursor[p] = c;
                self.slots[p] = NO_STATE;
                if c < end {
                    let iv = self.closed[c];
                    if iv.start <= t {
                        self.slots[p] = iv.state;
                        if winner.is_none() {
                            winner = Some((p as u16, iv.state));
                        }
                        next = next.min(iv.end);
                    } else {
                        next = next.min(iv.start);
                    }
                }
            }
            if next == OPEN {
                return;
            }
            if let Some((p, s)) = winner {
                emit(t, next, p, s, &self.slots);
            }
            t = next;
        }
    }
}
