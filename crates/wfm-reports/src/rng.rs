//! A small seeded generator (SplitMix64) for the synthetic conversation generator.

/// Synthetic draws on wfm-core's SplitMix64 (Steele, Lea and Flood 2014), reproducible across
/// platforms.
#[derive(Debug, Clone)]
pub(crate) struct Rng(wfm_core::SplitMix64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(wfm_core::SplitMix64::new(seed))
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn uniform(&mut self) -> f64 {
        self.0.unit()
    }

    /// Uniform integer in `[0, n)`; 0 when `n == 0`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.0.below(n)
    }

    /// Standard normal (Box-Muller).
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Exponential with the given mean.
    pub(crate) fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.uniform()).ln()
    }

    /// Log-normal with the given mean and log-scale sigma.
    pub(crate) fn lognormal(&mut self, mean: f64, sigma: f64) -> f64 {
        let mu = mean.ln() - sigma * sigma / 2.0;
        (mu + sigma * self.normal()).exp()
    }

    /// Poisson with mean `lambda` (Knuth below 30, rounded normal above).
    pub(crate) fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda <= 0.0 || !lambda.is_finite() {
            return 0;
        }
        if lambda > 30.0 {
            return (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u64;
        }
        let limit = (-lambda).exp();
        let mut k = 0;
        let mut p = self.uniform();
        while p > limit {
            k += 1;
            p *= self.uniform();
        }
        k
    }

    /// Index drawn with the given (unnormalised) weights.
    pub(crate) fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_plausible() {
        let mut r = Rng::new(7);
        let n = 20_000;
        let m: f64 = (0..n).map(|_| r.poisson(4.0) as f64).sum::<f64>() / n as f64;
        assert!((m - 4.0).abs() < 0.1, "poisson mean {m}");
        let m: f64 = (0..n).map(|_| r.lognormal(300.0, 0.6)).sum::<f64>() / n as f64;
        assert!((m - 300.0).abs() < 10.0, "lognormal mean {m}");
        let m: f64 = (0..n).map(|_| r.poisson(100.0) as f64).sum::<f64>() / n as f64;
        assert!((m - 100.0).abs() < 0.5, "large poisson mean {m}");
        assert!((0..1000).all(|_| r.below(3) < 3));
    }
}
