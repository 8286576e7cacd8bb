//! Shrinkage: compounding and exact gross-up.

use crate::error::{Error, Result, fraction_below_one};

/// Compounds shrinkage factors multiplicatively: `1 - prod(1 - s_i)`.
///
/// # Errors
///
/// [`Error::InvalidInput`] naming `shrinkage` if a factor is outside `[0, 1)`.
///
/// # Example
///
/// ```
/// // 10% breaks and 20% absence leave 0.9 * 0.8 = 72% available: 28% shrinkage.
/// let s = wfm_erlang::compound_shrinkage(&[0.1, 0.2])?;
/// assert!((s - 0.28).abs() < 1e-15);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn compound_shrinkage(factors: &[f64]) -> Result<f64> {
    let mut available = 1.0;
    for &s in factors {
        available *= 1.0 - fraction_below_one("shrinkage", s)?;
    }
    Ok(1.0 - available)
}

/// A shrinkage factor as the exact decimal it prints as: `numerator / 10^digits`.
fn decimal(s: f64) -> Option<(u128, u32)> {
    let text = format!("{s}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    if int != "0" || frac.len() > 30 {
        return None;
    }
    let digits = u32::try_from(frac.len()).ok()?;
    let numerator = if frac.is_empty() {
        0
    } else {
        frac.parse::<u128>().ok()?
    };
    Some((numerator, digits))
}

/// The rostered agents needed so that `agents` remain after every shrinkage factor:
/// `ceil(agents / prod(1 - s_i))`, computed exactly.
///
/// Each factor is taken as the decimal number it prints as (`0.3` is 3/10, not the binary double just
/// below it), and the quotient is computed in integer arithmetic, so 21 agents at 30% shrinkage is
/// exactly 30 (floating point gives `21 / 0.7 = 30.000000000000004` and rounds up to 31). If the
/// decimals are too long for 128-bit integers, the division is done in `f64` and a result within
/// `1e-9` above an integer is taken as that integer.
///
/// # Errors
///
/// [`Error::InvalidInput`] naming `shrinkage` if a factor is outside `[0, 1)`;
/// [`Error::Unreachable`] if the result exceeds `u32::MAX`.
///
/// # Example
///
/// ```
/// assert_eq!(wfm_erlang::gross_up(21, &[0.3])?, 30);
/// assert_eq!(wfm_erlang::gross_up(14, &[0.3])?, 20);
/// assert_eq!(wfm_erlang::gross_up(10, &[0.1, 0.2])?, 14); // 10 / 0.72 = 13.9
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn gross_up(agents: u32, factors: &[f64]) -> Result<u32> {
    GrossUp::new(factors)?.apply(agents)
}

/// A gross-up prepared once for many agent counts (the decimals are parsed once).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum GrossUp {
    /// Multiply by `scale`, divide by `den`, round up: exact.
    Exact { scale: u128, den: u128 },
    /// Divide by the available share in `f64`, within `1e-9` of an integer counts as it.
    Float { available: f64 },
}

impl GrossUp {
    pub(crate) fn new(factors: &[f64]) -> Result<Self> {
        for &s in factors {
            fraction_below_one("shrinkage", s)?;
        }
        let exact = || {
            let (mut scale, mut den) = (1u128, 1u128);
            for &s in factors {
                let (m, d) = decimal(s)?;
                let p = 10u128.checked_pow(d)?;
                scale = scale.checked_mul(p)?;
                den = den.checked_mul(p.checked_sub(m)?)?;
            }
            // Leave room to multiply by any u32 agent count.
            (scale <= u128::MAX >> 33 && den > 0).then_some(Self::Exact { scale, den })
        };
        Ok(exact().unwrap_or(Self::Float {
            available: 1.0 - compound_shrinkage(factors)?,
        }))
    }

    pub(crate) fn apply(self, agents: u32) -> Result<u32> {
        let too_big = || Error::Unreachable {
            max_agents: u32::MAX,
            load: f64::from(agents),
        };
        match self {
            Self::Exact { scale, den } => {
                u32::try_from((u128::from(agents) * scale).div_ceil(den)).map_err(|_| too_big())
            }
            Self::Float { available } => {
                let raw = f64::from(agents) / available;
                let nearest = raw.round();
                let q = if (raw - nearest).abs() <= 1e-9 * nearest.max(1.0) {
                    nearest
                } else {
                    raw.ceil()
                };
                if q > f64::from(u32::MAX) {
                    return Err(too_big());
                }
                Ok(q as u32)
            }
        }
    }
}

/// Grosses up a fractional requirement: `agents / prod(1 - s_i)` in `f64`.
///
/// # Errors
///
/// [`Error::InvalidInput`] naming `shrinkage` or `agents` (finite, `>= 0`).
///
/// # Example
///
/// ```
/// let g = wfm_erlang::gross_up_fraction(7.0, &[0.3])?;
/// assert!((g - 10.0).abs() < 1e-12);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
pub fn gross_up_fraction(agents: f64, factors: &[f64]) -> Result<f64> {
    let agents = crate::error::non_negative("agents", agents)?;
    Ok(agents / (1.0 - compound_shrinkage(factors)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_where_floating_point_is_not() -> Result<()> {
        // 21 / (1 - 0.3) is 30.000000000000004 in f64; the exact answer is 30.
        assert!((21.0f64 / (1.0 - 0.3)).ceil() > 30.0);
        assert_eq!(gross_up(21, &[0.3])?, 30);
        assert_eq!(gross_up(0, &[0.5])?, 0);
        assert_eq!(gross_up(7, &[])?, 7);
        // 1e-40 has 40 decimals: the f64 fallback treats 1 / (1 - 1e-40) as exactly 1.
        assert_eq!(gross_up(1, &[1e-40])?, 1);
        assert_eq!(gross_up(10, &[0.25, 0.1])?, 15); // 10 / 0.675 = 14.8
        assert!(gross_up(1, &[1.0]).is_err());
        Ok(())
    }
}
