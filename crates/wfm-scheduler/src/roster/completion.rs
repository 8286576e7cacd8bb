//! The pricing's completion bound: a lower bound on the cost of finishing a partial row.
//!
//! The relaxation keeps the run rules, successions and days off (the pricing's nodes) and the
//! total-minutes window, and drops weekends and per-type counts. Minutes are counted in units
//! of the greatest common divisor of the shift lengths, so the minutes of a partial row are a
//! whole number of units and the window of units a completion may add is exact. Per day, node
//! and units added, a backward dynamic program gives the cheapest completion; a sliding-window
//! minimum over the window's width then answers each label's bound in one lookup.
//!
//! Under column-generation duals most cells have a negative cost, so the bound without minutes
//! (work every allowed day) is far below any row the maximum allows: on Curtois 15 (42 days,
//! rows of 25-27 shifts) the first exact pricing round took 52 s with it and 13.8 s with the
//! window (same bound, 3715.5). When the table would be too large (many
//! units, long horizons) the bound falls back to that relaxation without minutes, plus the
//! test that the minimum can still be reached.

use super::pricing::Pricer;

/// Most table entries (days x nodes x units) of the window bound by default; larger problems
/// use the bound without minutes.
pub(crate) const MAX_ENTRIES: usize = 4_000_000;

/// A lower bound on the completion cost per day, node and minutes so far.
#[derive(Debug)]
pub(crate) enum Completion {
    /// Minutes counted in units.
    Window(Window),
    /// Minutes dropped: the cheapest completion and the most minutes it can add per day and
    /// node.
    Plain {
        cost: Vec<f64>,
        most: Vec<Option<u32>>,
        nodes: usize,
        min_total: u32,
    },
}

/// The bound with minutes counted in units: `table[(d * nodes + v) * (top + 1) + hi]` is the
/// cheapest completion from node `v` at the start of day `d` adding between `hi - width` and
/// `hi` units, `width` the most units minus the least (`INFINITY` when none exists).
#[derive(Debug)]
pub(crate) struct Window {
    table: Vec<f64>,
    nodes: usize,
    unit: u32,
    /// Most units a row may hold (the maximum, capped at what the horizon allows).
    top: u32,
}

impl Window {
    fn bound(&self, d: usize, node: u32, minutes: u32) -> f64 {
        let used = minutes / self.unit;
        let Some(hi) = self.top.checked_sub(used) else {
            return f64::INFINITY;
        };
        // When least <= top the window [hi - width, hi] clipped at 0 is exactly
        // [least - used, hi]; otherwise the whole table is infinite.
        let span = self.top as usize + 1;
        self.table[(d * self.nodes + node as usize) * span + hi as usize]
    }
}

impl Completion {
    /// The bound for `pricer`'s rows under `cell_cost`.
    pub(crate) fn new(pricer: &Pricer, cell_cost: &[f64]) -> Self {
        let shape = pricer.shape();
        let unit = shape.minutes.iter().fold(0, |g, &m| gcd(g, m)).max(1);
        let longest = shape.minutes.iter().copied().max().unwrap_or(0);
        let reachable = u32::try_from(shape.days)
            .unwrap_or(u32::MAX)
            .saturating_mul(longest);
        let top = shape.max_total.min(reachable) / unit;
        let entries = (shape.days + 1)
            .saturating_mul(shape.nodes)
            .saturating_mul(top as usize + 1);
        if entries > pricer.completion_entries() {
            return Self::plain(pricer, cell_cost);
        }
        let least = shape.min_total.div_ceil(unit);
        let nodes = shape.nodes;
        let mut table = vec![f64::INFINITY; entries];
        let Some(width) = top.checked_sub(least) else {
            // No row can meet both limits: every bound is infinite.
            return Self::Window(Window {
                table,
                nodes,
                unit,
                top,
            });
        };
        let units: Vec<usize> = shape.minutes.iter().map(|&m| (m / unit) as usize).collect();
        let span = top as usize + 1;
        // `exact[v * span + u]`: cheapest completion from the next day adding exactly `u` units.
        let mut next = vec![f64::INFINITY; nodes * span];
        let mut here = vec![f64::INFINITY; nodes * span];
        for v in 0..nodes {
            next[v * span] = 0.0;
        }
        window_min(
            &next,
            span,
            width as usize,
            &mut table[shape.days * nodes * span..],
        );
        for d in (0..shape.days).rev() {
            here.fill(f64::INFINITY);
            for v in 0..nodes {
                let out = &mut here[v * span..(v + 1) * span];
                for choice in 0..=shape.n {
                    let Some(w) = pricer.transition(v as u32, d, choice) else {
                        continue;
                    };
                    let from = &next[w as usize * span..(w as usize + 1) * span];
                    let (c, k) = if choice == 0 {
                        (0.0, 0)
                    } else {
                        (cell_cost[d * shape.n + choice - 1], units[choice - 1])
                    };
                    for (o, &f) in out.iter_mut().skip(k).zip(from) {
                        let x = c + f;
                        if x < *o {
                            *o = x;
                        }
                    }
                }
            }
            let layer = &mut table[d * nodes * span..(d + 1) * nodes * span];
            window_min(&here, span, width as usize, layer);
            std::mem::swap(&mut here, &mut next);
        }
        Self::Window(Window {
            table,
            nodes,
            unit,
            top,
        })
    }

    fn plain(pricer: &Pricer, cell_cost: &[f64]) -> Self {
        let shape = pricer.shape();
        let nodes = shape.nodes;
        let mut cost = vec![f64::INFINITY; (shape.days + 1) * nodes];
        let mut most = vec![None; (shape.days + 1) * nodes];
        for v in 0..nodes {
            cost[shape.days * nodes + v] = 0.0;
            most[shape.days * nodes + v] = Some(0);
        }
        for d in (0..shape.days).rev() {
            for v in 0..nodes {
                let mut best = f64::INFINITY;
                let mut longest: Option<u32> = None;
                for choice in 0..=shape.n {
                    let Some(w) = pricer.transition(v as u32, d, choice) else {
                        continue;
                    };
                    let at = (d + 1) * nodes + w as usize;
                    let (c, m) = if choice == 0 {
                        (0.0, 0)
                    } else {
                        (
                            cell_cost[d * shape.n + choice - 1],
                            shape.minutes[choice - 1],
                        )
                    };
                    best = best.min(c + cost[at]);
                    if let Some(rest) = most[at] {
                        longest = Some(longest.map_or(m + rest, |x| x.max(m + rest)));
                    }
                }
                cost[d * nodes + v] = best;
                most[d * nodes + v] = longest;
            }
        }
        Self::Plain {
            cost,
            most,
            nodes,
            min_total: shape.min_total,
        }
    }

    /// A lower bound on the cost of completing, from node `node` at the start of day `d`, a
    /// partial row that holds `minutes` (at most the maximum); `INFINITY` when no completion
    /// meets the rules kept by the relaxation.
    pub(crate) fn bound(&self, d: usize, node: u32, minutes: u32) -> f64 {
        match self {
            Self::Window(window) => window.bound(d, node, minutes),
            Self::Plain {
                cost,
                most,
                nodes,
                min_total,
            } => {
                let at = d * nodes + node as usize;
                match most[at] {
                    Some(m) if minutes + m >= *min_total => cost[at],
                    _ => f64::INFINITY,
                }
            }
        }
    }
}

/// Per block of `span` values of `exact`: `out[i] = min(exact[max(0, i - width)..=i])`
/// (van Herk / Gil-Werman: prefix and suffix minima within blocks of `width + 1`).
fn window_min(exact: &[f64], span: usize, width: usize, out: &mut [f64]) {
    let k = width + 1;
    let mut suffix = vec![f64::INFINITY; span];
    for (values, out) in exact.chunks_exact(span).zip(out.chunks_exact_mut(span)) {
        // Prefix minima within each block go straight to `out`, suffix minima to `suffix`.
        for start in (0..span).step_by(k) {
            let end = (start + k).min(span);
            let mut m = f64::INFINITY;
            for i in start..end {
                m = m.min(values[i]);
                out[i] = m;
            }
            let mut m = f64::INFINITY;
            for i in (start..end).rev() {
                m = m.min(values[i]);
                suffix[i] = m;
            }
        }
        for i in (k..span).rev() {
            // The window [i - width, i] spans the end of one block and the start of the next.
            let first = i - width;
            if first % k != 0 {
                out[i] = out[i].min(suffix[first]);
            }
        }
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::window_min;

    #[test]
    fn window_minimum_matches_the_naive_minimum() {
        let values: Vec<f64> = (0..23_u32)
            .map(|i| f64::from((i * 7919 + 13) % 31))
            .collect();
        for width in 0..25 {
            let mut out = vec![0.0; values.len()];
            window_min(&values, values.len(), width, &mut out);
            for (i, &o) in out.iter().enumerate() {
                let naive = values[i.saturating_sub(width)..=i]
                    .iter()
                    .copied()
                    .fold(f64::INFINITY, f64::min);
                assert_eq!(o.to_bits(), naive.to_bits(), "width {width}, index {i}");
            }
        }
    }
}
