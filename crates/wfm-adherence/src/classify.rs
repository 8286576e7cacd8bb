//! The per-agent adherence kernel: classify every second of the window, then apply grace
//! periods, the minimum exception length, and bucket the seconds.

use crate::activity::ActivityKind;
use crate::condense::{Kernel, NO_STATE, Resolution, Span, condense_agent};
use crate::mapping::{Cell, Compiled};
use crate::metrics::Metrics;
use crate::schedule::SchedSeg;
use crate::states::RawState;

/// No index (no span, no scheduled segment).
pub(crate) const NONE: u32 = u32::MAX;

/// Classification of one piece of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// No scheduled activity.
    Unscheduled,
    /// Scheduled time off.
    TimeOff,
    /// A scheduled activity no state maps to.
    Untracked,
    /// In adherence.
    In,
    /// Out of adherence but excused (grace period or shorter than the minimum exception).
    Excused,
    /// Out of adherence.
    Out,
}

/// A piece of time with one span (or none) and one scheduled sub-segment (or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) start: i64,
    pub(crate) end: i64,
    /// Index of the scheduled segment in the agent's schedule, or [`NONE`].
    pub(crate) seg: u32,
    pub(crate) ty: u32,
    /// Index of the span in the agent's spans, or [`NONE`].
    pub(crate) span: u32,
    pub(crate) class: Class,
}

/// Grace and threshold options, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Rules {
    pub(crate) start_grace: i64,
    pub(crate) end_grace: i64,
    pub(crate) min_exception: i64,
}

#[derive(Debug, Clone, Copy)]
struct Sub {
    start: i64,
    end: i64,
    seg: u32,
    ty: u32,
    graced: bool,
}

/// Reusable per-worker buffers.
#[derive(Debug)]
pub(crate) struct Work {
    pub(crate) kernel: Kernel,
    pub(crate) spans: Vec<Span>,
    pub(crate) slots: Vec<u32>,
    subs: Vec<Sub>,
    pub(crate) pieces: Vec<Piece>,
    platforms: usize,
}

impl Work {
    pub(crate) fn new(platforms: usize) -> Self {
        Self {
            kernel: Kernel::new(platforms),
            spans: Vec::new(),
            slots: Vec::new(),
            subs: Vec::new(),
            pieces: Vec::new(),
            platforms,
        }
    }

    /// Condenses the agent's states and classifies `[lo, hi)` against `sched` (grace applied,
    /// minimum exception length not yet applied).
    #[expect(clippy::too_many_arguments, reason = "internal kernel entry point")]
    pub(crate) fn classify(
        &mut self,
        records: &[RawState],
        sched: &[SchedSeg],
        lo: i64,
        hi: i64,
        resolution: Resolution,
        map: &Compiled,
        rules: Rules,
    ) {
        self.spans.clear();
        self.slots.clear();
        condense_agent(
            &mut self.kernel,
            records,
            lo,
            hi,
            resolution,
            &mut self.spans,
            &mut self.slots,
        );
        self.split_schedule(sched, lo, hi, rules);
        self.pieces.clear();
        let (spans, subs) = (&self.spans, &self.subs);
        let (mut i, mut j) = (0usize, 0usize);
        let mut t = match (spans.first(), subs.first()) {
            (Some(a), Some(b)) => a.start.min(b.start),
            (Some(a), None) => a.start,
            (None, Some(b)) => b.start,
            (None, None) => return,
        };
        loop {
            while i < spans.len() && spans[i].end <= t {
                i += 1;
            }
            while j < subs.len() && subs[j].end <= t {
                j += 1;
            }
            if i == spans.len() && j == subs.len() {
                break;
            }
            let a_on = i < spans.len() && spans[i].start <= t;
            let b_on = j < subs.len() && subs[j].start <= t;
            let a_next = match (i < spans.len(), a_on) {
                (false, _) => i64::MAX,
                (true, true) => spans[i].end,
                (true, false) => spans[i].start,
            };
            let b_next = match (j < subs.len(), b_on) {
                (false, _) => i64::MAX,
                (true, true) => subs[j].end,
                (true, false) => subs[j].start,
            };
            let next = a_next.min(b_next);
            if a_on || b_on {
                let span = if a_on { i as u32 } else { NONE };
                let (seg, ty, graced) = if b_on {
                    (subs[j].seg, subs[j].ty, subs[j].graced)
                } else {
                    (NONE, NONE, false)
                };
                let class = if !b_on {
                    Class::Unscheduled
                } else {
                    match map.type_kind(ty) {
                        ActivityKind::TimeOff => Class::TimeOff,
                        kind if kind != ActivityKind::Productive
                            && !map.type_mapped[ty as usize] =>
                        {
                            Class::Untracked
                        }
                        _ if !a_on => {
                            if graced {
                                Class::Excused
                            } else {
                                Class::Out
                            }
                        }
                        _ => {
                            if self.span_matches(i, ty, resolution, map) {
                                Class::In
                            } else if graced {
                                Class::Excused
                            } else {
                                Class::Out
                            }
                        }
                    }
                };
                self.pieces.push(Piece {
                    start: t,
                    end: next,
                    seg,
                    ty,
                    span,
                    class,
                });
            }
            t = next;
        }
    }

    fn span_matches(&self, i: usize, ty: u32, resolution: Resolution, map: &Compiled) -> bool {
        let s = self.spans[i];
        match resolution {
            Resolution::Priority => map.matches(s.platform, s.state, ty),
            Resolution::AnyPlatform => self.slots[i * self.platforms..(i + 1) * self.platforms]
                .iter()
                .enumerate()
                .any(|(p, &st)| st != NO_STATE && map.matches(p as u16, st, ty)),
        }
    }

    /// Splits each scheduled segment into graced and normal parts, clipped to `[lo, hi)`.
    /// Graces use the segment's true boundaries, not the clipped ones.
    fn split_schedule(&mut self, sched: &[SchedSeg], lo: i64, hi: i64, rules: Rules) {
        self.subs.clear();
        for (k, s) in sched.iter().enumerate() {
            if s.end <= lo || s.start >= hi {
                continue;
            }
            let a = s.start.saturating_add(rules.start_grace).min(s.end);
            let b = s.end.saturating_sub(rules.end_grace).max(a);
            for (from, to, graced) in [(s.start, a, true), (a, b, false), (b, s.end, true)] {
                let (from, to) = (from.max(lo), to.min(hi));
                if from < to {
                    self.subs.push(Sub {
                        start: from,
                        end: to,
                        seg: k as u32,
                        ty: s.ty,
                        graced,
                    });
                }
            }
        }
    }

    /// The facts of the state(s) in span `i`: OR over active platforms in
    /// [`Resolution::AnyPlatform`] mode.
    pub(crate) fn span_cell(&self, i: u32, resolution: Resolution, map: &Compiled) -> Cell {
        let s = self.spans[i as usize];
        match resolution {
            Resolution::Priority => map.cell(s.platform, s.state),
            Resolution::AnyPlatform => {
                let mut acc = Cell::default();
                let row =
                    &self.slots[i as usize * self.platforms..(i as usize + 1) * self.platforms];
                for (p, &st) in row.iter().enumerate() {
                    if st != NO_STATE {
                        let c = map.cell(p as u16, st);
                        acc.mapped |= c.mapped;
                        acc.productive |= c.productive;
                        acc.logged_in |= c.logged_in;
                        acc.working |= c.working;
                        acc.has_primary |= c.has_primary;
                    }
                }
                acc
            }
        }
    }

    /// Reclassifies out-of-adherence runs (contiguous, same scheduled segment) shorter than
    /// `min_exception` as excused.
    pub(crate) fn apply_min_exception(&mut self, min_exception: i64) {
        if min_exception <= 0 {
            return;
        }
        let p = &mut self.pieces;
        let mut i = 0;
        while i < p.len() {
            if p[i].class != Class::Out {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < p.len()
                && p[j].class == Class::Out
                && p[j].seg == p[i].seg
                && p[j].start == p[j - 1].end
            {
                j += 1;
            }
            if p[j - 1].end - p[i].start < min_exception {
                p[i..j].iter_mut().for_each(|x| x.class = Class::Excused);
            }
            i = j;
        }
    }

    /// Adds the seconds of every piece into per-bucket metrics; `emit(bucket, metrics)` is
    /// called once per touched bucket, in order. Unmapped state time is added to `unmapped`
    /// (indexed `state * platforms + platform`).
    pub(crate) fn accumulate(
        &self,
        bounds: &[i64],
        resolution: Resolution,
        map: &Compiled,
        unmapped: &mut [i64],
        mut emit: impl FnMut(usize, Metrics),
    ) {
        if bounds.len() < 2 {
            return;
        }
        let mut k = 0usize;
        let mut current = Metrics::default();
        let mut current_k = usize::MAX;
        for piece in &self.pieces {
            let cell = (piece.span != NONE).then(|| self.span_cell(piece.span, resolution, map));
            if piece.span != NONE {
                self.add_unmapped(
                    piece.span,
                    piece.end - piece.start,
                    resolution,
                    map,
                    unmapped,
                );
            }
            let mut from = piece.start;
            while from < piece.end {
                while k + 2 < bounds.len() && bounds[k + 1] <= from {
                    k += 1;
                }
                let to = piece.end.min(bounds[k + 1]);
                if k != current_k {
                    if current_k != usize::MAX && !current.is_empty() {
                        emit(current_k, current);
                    }
                    current = Metrics::default();
                    current_k = k;
                }
                add_piece(&mut current, piece, cell, map, to - from);
                from = to;
            }
        }
        if current_k != usize::MAX && !current.is_empty() {
            emit(current_k, current);
        }
    }

    fn add_unmapped(
        &self,
        i: u32,
        d: i64,
        resolution: Resolution,
        map: &Compiled,
        out: &mut [i64],
    ) {
        let s = self.spans[i as usize];
        match resolution {
            Resolution::Priority => {
                if !map.cell(s.platform, s.state).mapped {
                    out[s.state as usize * self.platforms + s.platform as usize] += d;
                }
            }
            Resolution::AnyPlatform => {
                let row =
                    &self.slots[i as usize * self.platforms..(i as usize + 1) * self.platforms];
                for (p, &st) in row.iter().enumerate() {
                    if st != NO_STATE && !map.cell(p as u16, st).mapped {
                        out[st as usize * self.platforms + p] += d;
                    }
                }
            }
        }
    }
}

fn add_piece(m: &mut Metrics, piece: &Piece, cell: Option<Cell>, map: &Compiled, d: i64) {
    if let Some(c) = cell {
        if c.productive {
            m.productive_state_seconds += d;
        }
        if c.logged_in {
            m.logged_in_seconds += d;
        }
        if c.working {
            m.occupied_seconds += d;
        }
    }
    let productive_slot = piece.ty != NONE && map.type_kind(piece.ty) == ActivityKind::Productive;
    match piece.class {
        Class::Unscheduled => {
            if cell.is_some() {
                m.unscheduled_state_seconds += d;
            }
        }
        Class::TimeOff => m.time_off_seconds += d,
        Class::Untracked => m.untracked_scheduled_seconds += d,
        Class::In | Class::Excused => {
            m.scheduled_seconds += d;
            m.in_adherence_seconds += d;
            if piece.class == Class::Excused {
                m.excused_seconds += d;
            }
            if productive_slot {
                m.productive_scheduled_seconds += d;
                m.productive_in_adherence_seconds += d;
            }
        }
        Class::Out => {
            m.scheduled_seconds += d;
            m.out_of_adherence_seconds += d;
            if productive_slot {
                m.productive_scheduled_seconds += d;
            }
            match cell {
                None => m.no_state_seconds += d,
                Some(c) if !c.mapped => m.unmapped_state_seconds += d,
                Some(_) => {}
            }
        }
    }
}
