//! Offered traffic: arrival rate and average handle time.

use crate::error::{Error, Result, non_negative, positive};

/// The largest offered load accepted, in erlangs.
pub const MAX_ERLANGS: f64 = 1.0e6;

/// Offered traffic of one interval: arrival rate, average handle time (AHT) and their product, the
/// offered load in erlangs.
///
/// # Example
///
/// ```
/// use wfm_erlang::Traffic;
/// // 100 calls in 30 minutes at 180 s AHT: 10 erlangs.
/// let t = Traffic::from_volume(100.0, 30.0, 180.0)?;
/// assert!((t.erlangs() - 10.0).abs() < 1e-12);
/// assert!((t.arrivals_per_second() - 100.0 / 1800.0).abs() < 1e-15);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Traffic {
    rate: f64,
    aht: f64,
    erlangs: f64,
}

impl Traffic {
    /// Traffic of `volume` contacts arriving over `interval_minutes`, each handled in `aht_seconds`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `volume` (finite, `>= 0`), `interval_minutes` or `aht_seconds`
    /// (finite, `> 0`), or `erlangs` when the load exceeds [`MAX_ERLANGS`].
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_volume(50.0, 15.0, 300.0)?;
    /// assert!((t.erlangs() - 50.0 * 300.0 / 900.0).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn from_volume(volume: f64, interval_minutes: f64, aht_seconds: f64) -> Result<Self> {
        let volume = non_negative("volume", volume)?;
        let interval = positive("interval_minutes", interval_minutes)? * 60.0;
        let aht = positive("aht_seconds", aht_seconds)?;
        Self::checked(volume / interval, aht, volume * aht / interval)
    }

    /// Traffic arriving at `per_second` contacts per second, each handled in `aht_seconds`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `arrivals_per_second`, `aht_seconds` or `erlangs`.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_rate(0.5, 240.0)?;
    /// assert!((t.erlangs() - 120.0).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn from_rate(per_second: f64, aht_seconds: f64) -> Result<Self> {
        let rate = non_negative("arrivals_per_second", per_second)?;
        let aht = positive("aht_seconds", aht_seconds)?;
        Self::checked(rate, aht, rate * aht)
    }

    /// Traffic of `erlangs` offered load with handle time `aht_seconds`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `erlangs` or `aht_seconds`.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_erlangs(10.0, 180.0)?;
    /// assert!((t.arrivals_per_second() * 180.0 - 10.0).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn from_erlangs(erlangs: f64, aht_seconds: f64) -> Result<Self> {
        let erlangs = non_negative("erlangs", erlangs)?;
        let aht = positive("aht_seconds", aht_seconds)?;
        Self::checked(erlangs / aht, aht, erlangs)
    }

    fn checked(rate: f64, aht: f64, erlangs: f64) -> Result<Self> {
        if !(erlangs.is_finite() && erlangs <= MAX_ERLANGS && rate.is_finite()) {
            return Err(Error::InvalidInput {
                field: "erlangs",
                expected: "at most 1e6",
                value: erlangs,
            });
        }
        Ok(Self { rate, aht, erlangs })
    }

    /// The offered load in erlangs (arrival rate times AHT).
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_rate(0.1, 100.0)?;
    /// assert!((t.erlangs() - 10.0).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn erlangs(&self) -> f64 {
        self.erlangs
    }

    /// Arrivals per second.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_volume(360.0, 60.0, 100.0)?;
    /// assert!((t.arrivals_per_second() - 0.1).abs() < 1e-15);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn arrivals_per_second(&self) -> f64 {
        self.rate
    }

    /// Average handle time in seconds.
    ///
    /// # Example
    ///
    /// ```
    /// let t = wfm_erlang::Traffic::from_volume(10.0, 30.0, 240.0)?;
    /// assert!((t.aht_seconds() - 240.0).abs() < 1e-12);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn aht_seconds(&self) -> f64 {
        self.aht
    }
}
