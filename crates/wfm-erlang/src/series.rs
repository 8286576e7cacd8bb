//! The two birth-death sums every queue model here is built from.
//!
//! Take the state with `n` contacts in the system (all agents busy, nobody waiting) as the reference,
//! `pi_n = 1`. Then
//!
//! - the states below it carry [`lower_mass`] `= sum_{j=1..n} n! / ((n-j)! a^j) = 1/B(n, a) - 1`,
//!   where `B` is Erlang B (Jagerman's form of the recurrence `1/B_k = 1 + (k/a) / B_{k-1}`);
//! - with abandonment (Palm's M/M/n+M), the states above it carry `sum_{m>=1} r_m` with
//!   `r_m = y^m / prod_{i=1..m} (x+i)`, `x = n mu / theta`, `y = lambda / theta`: this is
//!   `A(x, y) - 1`, the scaled lower incomplete gamma function of Mandelbaum and Zeltyn
//!   ("The Palm/Erlang-A queue, with applications to call centers", 2007),
//!   `A(x, y) = x e^y y^-x gamma(x, y)`. See [`upper_mass`].
//!
//! Both are summed from their largest end with early termination once the remaining terms fall below
//! `1e-18` of the sum, so the cost is `O(sqrt(n))` near the staffing answer and never more than
//! `O(n)`; terms are rescaled by `2^600` so nothing overflows.

use crate::ext::{BIG, Ext, SMALL, STEP_EXP};

/// Terms below this share of the running sum end a decreasing series.
const TAIL: f64 = 1e-18;

/// `1/B(n, a) - 1`, the mass of the states with fewer than `n` busy agents relative to state `n`.
///
/// `a > 0` and finite.
pub(crate) fn lower_mass(n: u32, a: f64) -> Ext {
    let inv_a = 1.0 / a;
    let top_ratio = f64::from(n) * inv_a;
    if top_ratio.is_nan() || top_ratio > 1e30 {
        return lower_mass_logs(n, a);
    }
    let mut t = 1.0;
    let mut sum = 0.0;
    let mut e = 0i64;
    let mut k = f64::from(n);
    // Four terms per step: the products of ratios are off the dependency chain, so the loop runs at
    // multiply throughput. A ratio k/a with k = 0 zeroes every later term, so overshooting past
    // j = n adds nothing.
    for _ in 0..n.div_ceil(4) {
        let r1 = k * inv_a;
        let r2 = (k - 1.0).max(0.0) * inv_a;
        let r3 = (k - 2.0).max(0.0) * inv_a;
        let r4 = (k - 3.0).max(0.0) * inv_a;
        let p2 = r1 * r2;
        let p3 = p2 * r3;
        let p4 = p3 * r4;
        let (t1, t2, t3, t4) = (t * r1, t * p2, t * p3, t * p4);
        sum += (t1 + t2) + (t3 + t4);
        t = t4;
        k -= 4.0;
        if sum > BIG {
            t *= SMALL;
            sum *= SMALL;
            e += STEP_EXP;
        } else if k < a && t < sum * TAIL {
            break;
        }
    }
    Ext { m: sum, e }
}

/// [`lower_mass`] for loads so small that one ratio `k/a` could overflow: terms in log space.
fn lower_mass_logs(n: u32, a: f64) -> Ext {
    let ln_a = a.ln();
    let mut ln_t = 0.0;
    let mut sum = Ext::ZERO;
    let mut k = f64::from(n);
    for _ in 0..n {
        ln_t += k.ln() - ln_a;
        let t = Ext::exp(ln_t);
        sum = sum.add(t);
        k -= 1.0;
        if k < a && t.ratio(sum) < TAIL {
            break;
        }
    }
    sum
}

/// The sums over the waiting states of M/M/n+M relative to the state with nobody waiting.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Upper {
    /// `sum_{m>=1} r_m`.
    pub(crate) mass: Ext,
    /// `sum_{m>=1} m r_m` (the mean queue length, unnormalised).
    pub(crate) queue: Ext,
}

/// `sum_{m>=1} r_m` and `sum_{m>=1} m r_m` for `r_m = y^m / prod_{i=1..m} (x+i)`, `x, y >= 0`.
pub(crate) fn upper_mass(x: f64, y: f64) -> Upper {
    if y <= 0.0 {
        return Upper {
            mass: Ext::ZERO,
            queue: Ext::ZERO,
        };
    }
    if x > 1e50 {
        // Products of four denominators would overflow; here the terms fall off at once anyway.
        return upper_mass_simple(x, y);
    }
    let (y2, y3, y4) = (y * y, y * y * y, (y * y) * (y * y));
    let mut t = 1.0;
    let mut mass = 0.0;
    let mut queue = 0.0;
    let mut e = 0i64;
    let mut m = 0.0f64;
    // Four terms per step with one division: 1/d1 = d2 d3 d4 / (d1 d2 d3 d4), and so on.
    loop {
        let d1 = x + m + 1.0;
        let (d2, d3, d4) = (d1 + 1.0, d1 + 2.0, d1 + 3.0);
        let p34 = d3 * d4;
        let inv = 1.0 / (d1 * d2 * p34);
        let t1 = t * y * (d2 * p34 * inv);
        let t2 = t * y2 * (p34 * inv);
        let t3 = t * y3 * (d4 * inv);
        let t4 = t * y4 * inv;
        mass += (t1 + t2) + (t3 + t4);
        queue += ((m + 1.0) * t1 + (m + 2.0) * t2) + ((m + 3.0) * t3 + (m + 4.0) * t4);
        t = t4;
        m += 4.0;
        if queue > BIG {
            t *= SMALL;
            mass *= SMALL;
            queue *= SMALL;
            e += STEP_EXP;
        } else if x + m > y && t < mass * TAIL {
            break;
        }
        if m > 4e9 {
            break;
        }
    }
    Upper {
        mass: Ext { m: mass, e },
        queue: Ext { m: queue, e },
    }
}

/// [`upper_mass`] one term at a time (for huge `x`).
fn upper_mass_simple(x: f64, y: f64) -> Upper {
    let (mut t, mut mass, mut queue, mut m) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    loop {
        m += 1.0;
        t *= y / (x + m);
        mass += t;
        queue += m * t;
        if t.is_nan() || t < mass * TAIL || m > 1e6 {
            break;
        }
    }
    Upper {
        mass: Ext::from_f64(mass),
        queue: Ext::from_f64(queue),
    }
}

/// Wait moments of M/M/n+M, relative to the state with nobody waiting (`x > 0`, `y >= 0`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct WaitMoments {
    /// `sum_{m>=0} r_m sum_{k=0..m} 1/(x+k)`: `theta E[V; wait]`, V the virtual wait.
    pub(crate) virtual_wait: Ext,
    /// `sum_{m>=0} r_m x/(x+m+1) sum_{k=0..m} 1/(x+k+1)`: `theta E[V; V < patience, wait]`.
    pub(crate) served_wait: Ext,
}

/// The wait moments used for the mean virtual wait and the mean wait of answered contacts.
///
/// For a caller finding `m` others waiting, the virtual wait is a sum of exponentials with rates
/// `theta (x + k)`, `k = 0..m`, so `E[V] = sum 1/(theta (x+k))` and, by differentiating the Laplace
/// transform at `theta`, `E[V e^{-theta V}] = x/(x+m+1) sum 1/(theta (x+k+1))`.
pub(crate) fn wait_moments(x: f64, y: f64) -> WaitMoments {
    let mut r = 1.0;
    let mut h = 1.0 / x;
    let mut h1 = 1.0 / (x + 1.0);
    let mut v = h;
    let mut s = x / (x + 1.0) * h1;
    let mut e = 0i64;
    let mut m = 0.0f64;
    if y > 0.0 {
        loop {
            m += 1.0;
            r *= y / (x + m);
            h += 1.0 / (x + m);
            h1 += 1.0 / (x + m + 1.0);
            v += r * h;
            s += r * x / (x + m + 1.0) * h1;
            if r > BIG {
                r *= SMALL;
                v *= SMALL;
                s *= SMALL;
                e += STEP_EXP;
            } else if x + m > y && r * h < v * TAIL {
                break;
            }
            if m > 1e9 {
                break;
            }
        }
    }
    WaitMoments {
        virtual_wait: Ext { m: v, e },
        served_wait: Ext { m: s, e },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Erlang B by the textbook recurrence, for comparison.
    fn erlang_b_recurrence(n: u32, a: f64) -> f64 {
        (1..=n).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
    }

    #[test]
    fn lower_mass_matches_recurrence() {
        for &(n, a) in &[
            (1u32, 0.5),
            (10, 4.461),
            (18, 10.0),
            (100, 84.06),
            (2100, 2000.0),
        ] {
            let b = 1.0 / (1.0 + lower_mass(n, a).to_f64());
            let r = erlang_b_recurrence(n, a);
            assert!((b / r - 1.0).abs() < 1e-12, "n={n} a={a}: {b} vs {r}");
        }
    }

    #[test]
    fn lower_mass_survives_deep_tails() {
        // 1/B(400, 10) is about 1.4e473: it must come back rescaled, not infinite.
        let l = lower_mass(400, 10.0);
        assert!(l.e > 0 && l.m.is_finite());
        assert_eq!(lower_mass(0, 3.0).m.to_bits(), 0f64.to_bits());
    }

    #[test]
    fn upper_mass_matches_direct_sum() {
        let (x, y) = (2.5, 3.0);
        let mut r = 1.0;
        let (mut mass, mut queue) = (0.0, 0.0);
        for m in 1..200 {
            r *= y / (x + f64::from(m));
            mass += r;
            queue += f64::from(m) * r;
        }
        let u = upper_mass(x, y);
        assert!((u.mass.to_f64() / mass - 1.0).abs() < 1e-14);
        assert!((u.queue.to_f64() / queue - 1.0).abs() < 1e-14);
        // The identity sum m r_m = y + (y - x) sum r_m.
        assert!((queue - (y + (y - x) * mass)).abs() < 1e-12);
    }
}
