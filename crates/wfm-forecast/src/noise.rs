//! Prediction intervals for counts: an over-dispersed Poisson scale
//! (`var = mu + alpha * mu^2 + c`) with empirical quantiles of standardised
//! out-of-sample residuals (split-conformal style, Lei et al. 2018).

/// Variance floor so that near-zero forecasts still get a usable scale.
const VARIANCE_FLOOR: f64 = 0.25;
/// Below this many residuals the Gaussian quantiles are used instead.
const MIN_RESIDUALS: usize = 100;

/// Calibrated noise model for one fitted forecast.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Noise {
    alpha: f64,
    /// Sorted standardised residuals `(actual - forecast) / sd(forecast)`.
    z: Vec<f64>,
}

impl Noise {
    /// Poisson noise with Gaussian quantiles: the fallback without residuals.
    pub(crate) fn poisson() -> Self {
        Self {
            alpha: 0.0,
            z: Vec::new(),
        }
    }

    /// Calibrates from `(forecast, actual)` pairs of out-of-sample forecasts.
    pub(crate) fn from_pairs(pairs: &[(f64, f64)]) -> Self {
        if pairs.len() < MIN_RESIDUALS {
            return Self::poisson();
        }
        let (num, den) = pairs.iter().fold((0.0, 0.0), |(n, d), &(f, a)| {
            let r = a - f;
            (n + r * r - f - VARIANCE_FLOOR, d + f * f)
        });
        let alpha = if den > 0.0 {
            (num / den).clamp(0.0, 4.0)
        } else {
            0.0
        };
        let mut z: Vec<f64> = pairs
            .iter()
            .map(|&(f, a)| (a - f) / sd(f, alpha))
            .filter(|z| z.is_finite())
            .collect();
        z.sort_by(f64::total_cmp);
        Self { alpha, z }
    }

    /// Lower and upper bound around `mu` at nominal `level`.
    pub(crate) fn bounds(&self, mu: f64, level: f64) -> (f64, f64) {
        let s = sd(mu, self.alpha);
        let (lo, hi) = if self.z.is_empty() {
            let q = normal_quantile(0.5 + level / 2.0);
            (-q, q)
        } else {
            (
                quantile(&self.z, (1.0 - level) / 2.0),
                quantile(&self.z, (1.0 + level) / 2.0),
            )
        };
        ((mu + lo * s).max(0.0).min(mu), (mu + hi * s).max(mu))
    }
}

fn sd(mu: f64, alpha: f64) -> f64 {
    let mu = mu.max(0.0);
    (mu + alpha * mu * mu + VARIANCE_FLOOR).sqrt()
}

/// Linear-interpolated quantile of sorted, non-empty data.
pub(crate) fn quantile(sorted: &[f64], p: f64) -> f64 {
    let Some(&last) = sorted.last() else {
        return 0.0;
    };
    let pos = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let i = pos.floor() as usize;
    match sorted.get(i + 1) {
        Some(&next) => sorted[i] + (next - sorted[i]) * (pos - i as f64),
        None => last,
    }
}

/// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_tables() {
        // Standard normal table values (Abramowitz & Stegun 26.2).
        assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-6);
        assert!((normal_quantile(0.5)).abs() < 1e-12);
        assert!((normal_quantile(0.01) + 2.326_348).abs() < 1e-6);
    }

    #[test]
    fn bounds_bracket_point_and_stay_non_negative() {
        let pairs: Vec<(f64, f64)> = (0..500)
            .map(|i| (10.0, 10.0 + f64::from(i % 7) - 3.0))
            .collect();
        let noise = Noise::from_pairs(&pairs);
        let (lo, hi) = noise.bounds(10.0, 0.95);
        assert!(lo <= 10.0 && hi >= 10.0 && lo >= 0.0);
        let (lo0, _) = noise.bounds(0.0, 0.95);
        assert!(lo0.abs() < 1e-12);
    }

    #[test]
    fn quantile_interpolates() {
        let q = quantile(&[0.0, 1.0, 2.0, 3.0], 0.5);
        assert!((q - 1.5).abs() < 1e-12);
    }
}
