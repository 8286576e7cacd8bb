//! A small seeded random generator shared by the synthetic-data generators of the engine crates.

/// SplitMix64 (Steele, Lea and Flood 2014): seedable, fast, and the same sequence on every
/// platform and version, so a seed names a reproducible synthetic dataset or search order.
/// Not for cryptography.
///
/// # Example
///
/// ```
/// use wfm_core::SplitMix64;
/// let mut r = SplitMix64::new(0);
/// // First output for seed 0, from the reference implementation (Vigna, prng.di.unimi.it).
/// assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
/// let u = r.unit();
/// assert!((0.0..1.0).contains(&u));
/// assert!(r.below(6) < 6);
/// assert_eq!(r.below(0), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose state starts at `seed`.
    ///
    /// # Example
    ///
    /// ```
    /// let (mut a, mut b) = (wfm_core::SplitMix64::new(7), wfm_core::SplitMix64::new(7));
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// ```
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    ///
    /// # Example
    ///
    /// ```
    /// let mut r = wfm_core::SplitMix64::new(1);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        Self::mix(self.0)
    }

    /// The SplitMix64 output function alone: a stateless 64-bit mix of `z`.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_core::SplitMix64;
    /// assert_eq!(SplitMix64::mix(0x9E37_79B9_7F4A_7C15), SplitMix64::new(0).next_u64());
    /// ```
    #[must_use]
    pub fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` from the top 53 bits.
    ///
    /// # Example
    ///
    /// ```
    /// let mut r = wfm_core::SplitMix64::new(3);
    /// assert!((0..1000).map(|_| r.unit()).all(|u| (0.0..1.0).contains(&u)));
    /// ```
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in `[0, n)` by the remainder of the next output; 0, drawing nothing, when
    /// `n == 0`.
    ///
    /// # Example
    ///
    /// ```
    /// let mut r = wfm_core::SplitMix64::new(9);
    /// assert!((0..1000).all(|_| r.below(10) < 10));
    /// ```
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}
