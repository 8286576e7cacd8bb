//! A non-negative number with an extended exponent, for sums whose terms overflow `f64`.
//!
//! Erlang sums such as `1 / B(n, a)` reach `10^470` at 400 agents and 10 erlangs; the series below
//! rescale by an exact power of two whenever a term grows past `2^600`, so no rounding is added.

/// `m * 2^e` with `m >= 0` finite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Ext {
    pub(crate) m: f64,
    pub(crate) e: i64,
}

/// The rescaling step of the series, as a power of two.
pub(crate) const STEP_EXP: i64 = 600;
/// `2^600`: a term above this triggers a rescale.
pub(crate) const BIG: f64 = 4.149_515_568_880_993e180;
/// `2^-600`.
pub(crate) const SMALL: f64 = 2.409_919_865_102_884e-181;

/// `ln 2` split so that `k * LN2_HI` is exact for `|k| < 2^20` (Cody and Waite).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

/// Returns `2^e` as an `f64`, `0` below the subnormal range and infinity above it.
pub(crate) fn pow2(e: i64) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else if e >= -1074 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        0.0
    }
}

impl Ext {
    /// Zero.
    pub(crate) const ZERO: Self = Self { m: 0.0, e: 0 };

    /// A plain `f64` (must be finite and `>= 0`).
    pub(crate) fn from_f64(m: f64) -> Self {
        Self { m, e: 0 }
    }

    /// `exp(x)` without overflow or underflow.
    pub(crate) fn exp(x: f64) -> Self {
        if x.abs() < 700.0 {
            return Self { m: x.exp(), e: 0 };
        }
        if x.is_nan() {
            return Self::ZERO;
        }
        let k = (x / std::f64::consts::LN_2).round();
        if k.abs() > 1e15 {
            // Beyond any meaningful exponent: saturate.
            return if x > 0.0 {
                Self {
                    m: 1.0,
                    e: i64::MAX / 4,
                }
            } else {
                Self::ZERO
            };
        }
        let r = (x - k * LN2_HI) - k * LN2_LO;
        Self {
            m: r.exp(),
            e: k as i64,
        }
    }

    /// The value as an `f64` (saturating to infinity, flushing to zero).
    pub(crate) fn to_f64(self) -> f64 {
        if self.m == 0.0 {
            return 0.0;
        }
        scale(self.m, self.e)
    }

    /// `self * other`.
    pub(crate) fn mul(self, other: Self) -> Self {
        let (a, b) = (self.normalized(), other.normalized());
        Self {
            m: a.m * b.m,
            e: a.e.saturating_add(b.e),
        }
        .normalized()
    }

    /// `self * k` for a plain finite `k >= 0`.
    pub(crate) fn scale(self, k: f64) -> Self {
        let a = self.normalized();
        Self { m: a.m * k, e: a.e }.normalized()
    }

    /// `self + other`.
    pub(crate) fn add(self, other: Self) -> Self {
        if other.m == 0.0 {
            return self;
        }
        if self.m == 0.0 {
            return other;
        }
        let (hi, lo) = if self.e >= other.e {
            (self, other)
        } else {
            (other, self)
        };
        Self {
            m: hi.m + scale(lo.m, lo.e - hi.e),
            e: hi.e,
        }
        .normalized()
    }

    /// `self / other` as a plain `f64` (NaN-free: `0 / 0` is `0`).
    pub(crate) fn ratio(self, other: Self) -> f64 {
        if self.m == 0.0 {
            return 0.0;
        }
        if other.m == 0.0 {
            return f64::INFINITY;
        }
        scale(self.m / other.m, self.e.saturating_sub(other.e))
    }

    /// Moves the binary exponent of the mantissa into `e`, leaving `m` in `[1, 2)`, so products
    /// and quotients of mantissas never overflow.
    fn normalized(mut self) -> Self {
        if self.m == 0.0 || !self.m.is_finite() {
            return self;
        }
        if self.m < f64::MIN_POSITIVE {
            self.m *= pow2(64);
            self.e = self.e.saturating_sub(64);
        }
        let bits = self.m.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
        self.m = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
        self.e = self.e.saturating_add(exp);
        self
    }
}

/// `m * 2^e` for finite `m`, in two steps so intermediate powers stay representable.
fn scale(m: f64, e: i64) -> f64 {
    if e == 0 {
        return m;
    }
    let e = e.clamp(-4000, 4000);
    let half = e / 2;
    m * pow2(half) * pow2(e - half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_powers_of_two() {
        assert_eq!(BIG.to_bits(), pow2(600).to_bits());
        assert_eq!(SMALL.to_bits(), pow2(-600).to_bits());
        assert_eq!(pow2(-1074).to_bits(), 1);
        assert_eq!(pow2(0).to_bits(), 1f64.to_bits());
    }

    #[test]
    fn exp_matches_std_and_extends_range() {
        let e = Ext::exp(10.0).to_f64();
        assert!((e / 10f64.exp() - 1.0).abs() < 1e-15);
        let big = Ext::exp(1000.0);
        let small = Ext::exp(-990.0);
        let prod = big.mul(small).to_f64();
        assert!((prod / 10f64.exp() - 1.0).abs() < 1e-12, "{prod}");
        assert!((big.ratio(Ext::exp(999.0)) / std::f64::consts::E - 1.0).abs() < 1e-12);
    }

    #[test]
    fn add_aligns_exponents() {
        let a = Ext { m: 1.0, e: 600 };
        let b = Ext::from_f64(pow2(600));
        assert!((a.add(b).ratio(a) - 2.0).abs() < 1e-15);
        assert_eq!(Ext::ZERO.ratio(a).to_bits(), 0f64.to_bits());
    }
}
