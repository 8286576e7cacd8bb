//! Erlang B: blocking in a loss system (M/M/n/n).

use crate::error::{Error, Result, non_negative};
use crate::series::lower_mass;
use crate::targets::DEFAULT_MAX_AGENTS;
use crate::traffic::MAX_ERLANGS;

/// Blocking probability `B(agents, erlangs)` of a loss system with `agents` servers.
///
/// Computed as `1 / (1 + sum_{j=1..n} n!/((n-j)! a^j))`, summed from its largest end with early
/// termination (exact to about 1e-14 relative; `O(sqrt(n))` near `n = a`). Underflows to 0 only below
/// `1e-308` (e.g. 400 trunks at 10 erlangs).
///
/// # Errors
///
/// [`Error::InvalidInput`] if `erlangs` is negative, NaN, infinite or above 1e6.
///
/// # Example
///
/// ```
/// // 10 erlangs on 18 trunks block 0.7% (the classic table answer for 1%: 18 trunks).
/// let b = wfm_erlang::erlang_b(18, 10.0)?;
/// assert!((b - 0.007_142_438_158).abs() < 1e-12); // recurrence B_k = aB/(k + aB)
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn erlang_b(agents: u32, erlangs: f64) -> Result<f64> {
    let a = checked_load(erlangs)?;
    Ok(blocking(agents, a))
}

/// Blocking for a checked load.
pub(crate) fn blocking(n: u32, a: f64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    if a == 0.0 {
        return 0.0;
    }
    let l = lower_mass(n, a);
    crate::ext::Ext::from_f64(1.0).ratio(l.add(crate::ext::Ext::from_f64(1.0)))
}

fn checked_load(erlangs: f64) -> Result<f64> {
    let a = non_negative("erlangs", erlangs)?;
    if a > MAX_ERLANGS {
        return Err(Error::InvalidInput {
            field: "erlangs",
            expected: "at most 1e6",
            value: a,
        });
    }
    Ok(a)
}

fn checked_blocking(target: f64) -> Result<f64> {
    if target > 0.0 && target < 1.0 {
        Ok(target)
    } else {
        Err(Error::InvalidInput {
            field: "target_blocking",
            expected: "in (0, 1)",
            value: target,
        })
    }
}

/// The fewest trunks (agents) such that blocking is at most `max_blocking`.
///
/// # Errors
///
/// [`Error::InvalidInput`] for a bad load or a target outside `(0, 1)`; [`Error::Unreachable`] above
/// [`DEFAULT_MAX_AGENTS`].
///
/// # Example
///
/// ```
/// // Erlang B tables: 10 erlangs at 1% blocking need 18 trunks.
/// assert_eq!(wfm_erlang::erlang_b_trunks(10.0, 0.01)?, 18);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn erlang_b_trunks(erlangs: f64, max_blocking: f64) -> Result<u32> {
    let a = checked_load(erlangs)?;
    let target = checked_blocking(max_blocking)?;
    if a == 0.0 {
        return Ok(0);
    }
    // Start a few standard deviations below the load, where blocking is surely above any sane
    // target, and step up with the stable recurrence 1/B_k = 1 + (k/a) / B_{k-1}.
    let mut n = (a - 8.0 * a.sqrt()).floor().max(0.0) as u32;
    let mut inv_b = 1.0 + lower_mass(n, a).to_f64();
    if n > 0 && 1.0 / inv_b <= target {
        n = 0;
        inv_b = 1.0;
    }
    while 1.0 / inv_b > target {
        if n >= DEFAULT_MAX_AGENTS {
            return Err(Error::Unreachable {
                max_agents: DEFAULT_MAX_AGENTS,
                load: a,
            });
        }
        n += 1;
        inv_b = 1.0 + f64::from(n) / a * inv_b;
    }
    Ok(n)
}

/// The largest offered load (erlangs) that `agents` trunks carry with blocking at most `max_blocking`.
///
/// Solves `B(agents, a) = max_blocking` by safeguarded Newton steps on `ln B` (whose derivative is
/// `n/a - 1 + B`), to about 1e-13 relative.
///
/// # Errors
///
/// [`Error::InvalidInput`] if `max_blocking` is outside `(0, 1)`.
///
/// # Example
///
/// ```
/// // Erlang B tables: 10 trunks at 1% carry 4.461 erlangs; 100 trunks carry 84.06.
/// assert!((wfm_erlang::erlang_b_load(10, 0.01)? - 4.461).abs() < 5e-4);
/// assert!((wfm_erlang::erlang_b_load(100, 0.01)? - 84.06).abs() < 5e-3);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn erlang_b_load(agents: u32, max_blocking: f64) -> Result<f64> {
    let target = checked_blocking(max_blocking)?;
    if agents == 0 {
        return Ok(0.0);
    }
    let n = f64::from(agents);
    let ln_target = target.ln();
    // B(n, a) >= 1 - n/a, so the answer is below n / (1 - target); B(n, a) <= a^n/n!, so above
    // (target n!)^(1/n) >= target^(1/n) n / e.
    let mut lo = target.powf(1.0 / n) * n / std::f64::consts::E;
    let mut hi = n / (1.0 - target);
    let mut a = (lo * hi).sqrt().clamp(lo, hi);
    for _ in 0..200 {
        let b = blocking(agents, a);
        if b <= 0.0 {
            lo = a;
            a = 0.5 * (lo + hi);
            continue;
        }
        let f = b.ln() - ln_target;
        if f > 0.0 {
            hi = a;
        } else {
            lo = a;
        }
        let slope = n / a - 1.0 + b;
        let mut next = a - f / slope;
        if !(next > lo && next < hi) || slope <= 0.0 {
            next = 0.5 * (lo + hi);
        }
        if (next - a).abs() <= 1e-15 * a || hi - lo <= 1e-15 * hi {
            a = next;
            break;
        }
        a = next;
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_anchors() -> Result<()> {
        // Published Erlang B tables (e.g. ITU-T E.501 style tables): 10 E at 1% -> 18 trunks,
        // N=10 at 1% -> 4.461 E, N=100 at 1% -> 84.06 E.
        assert_eq!(erlang_b_trunks(10.0, 0.01)?, 18);
        assert!((erlang_b_load(10, 0.01)? - 4.461).abs() < 5e-4);
        assert!((erlang_b_load(100, 0.01)? - 84.06).abs() < 5e-3);
        let a = erlang_b_load(100, 0.01)?;
        assert!((erlang_b(100, a)? / 0.01 - 1.0).abs() < 1e-12);
        Ok(())
    }

    #[test]
    fn edge_cases() -> Result<()> {
        assert!((erlang_b(0, 5.0)? - 1.0).abs() < f64::EPSILON);
        assert!(erlang_b(3, 0.0)?.abs() < f64::EPSILON);
        assert_eq!(erlang_b_trunks(0.0, 0.01)?, 0);
        assert!(erlang_b(1, f64::NAN).is_err());
        assert!(erlang_b_trunks(1.0, 1.0).is_err());
        assert!(erlang_b_load(5, 0.0).is_err());
        assert!(erlang_b(400, 10.0)? < 1e-300);
        Ok(())
    }
}
