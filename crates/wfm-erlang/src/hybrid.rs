//! Hybrid workforce: AI agents resolve part of the contacts, humans handle the rest.

use crate::error::{Result, fraction_above_zero, non_negative, positive};
use crate::traffic::Traffic;

/// AI containment: the share of contacts an AI agent resolves, and how the handle time of the
/// contacts left to humans changes (they are the harder ones).
///
/// # Example
///
/// ```
/// use wfm_erlang::Deflection;
/// // AI resolves 30%; the rest take 15% longer.
/// let split = Deflection::new(0.3, 1.15)?.split(100.0, 30.0, 180.0)?;
/// assert!((split.ai_volume - 30.0).abs() < 1e-12);
/// assert!((split.human.erlangs() - 70.0 * 180.0 * 1.15 / 1800.0).abs() < 1e-12);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deflection {
    containment: f64,
    aht_factor: f64,
}

/// The human and AI parts of one interval's volume.
///
/// # Example
///
/// ```
/// let s = wfm_erlang::Deflection::new(0.5, 1.0)?.split(10.0, 15.0, 300.0)?;
/// assert!((s.human_volume - 5.0).abs() < 1e-12);
/// # Ok::<(), wfm_erlang::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct HybridSplit {
    /// The traffic left for human agents.
    pub human: Traffic,
    /// Contacts left for humans.
    pub human_volume: f64,
    /// Contacts resolved by AI.
    pub ai_volume: f64,
}

impl Deflection {
    /// `containment` in `[0, 1]` of contacts resolved by AI; human handle time multiplied by
    /// `handoff_aht_factor` (finite, `> 0`).
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidInput`] naming `containment` or `handoff_aht_factor`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_erlang::Deflection::new(1.5, 1.0).is_err());
    /// ```
    pub fn new(containment: f64, handoff_aht_factor: f64) -> Result<Self> {
        let containment = if containment == 0.0 {
            0.0
        } else {
            fraction_above_zero("containment", containment)?
        };
        let aht_factor = positive("handoff_aht_factor", handoff_aht_factor)?;
        Ok(Self {
            containment,
            aht_factor,
        })
    }

    /// Splits `volume` contacts over `interval_minutes` at `aht_seconds` into human and AI parts.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidInput`] for bad traffic inputs.
    ///
    /// # Example
    ///
    /// ```
    /// let s = wfm_erlang::Deflection::new(0.0, 1.0)?.split(10.0, 30.0, 180.0)?;
    /// assert!(s.ai_volume.abs() < 1e-15);
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    pub fn split(
        &self,
        volume: f64,
        interval_minutes: f64,
        aht_seconds: f64,
    ) -> Result<HybridSplit> {
        let volume = non_negative("volume", volume)?;
        let ai_volume = volume * self.containment;
        let human_volume = volume - ai_volume;
        let human = Traffic::from_volume(
            human_volume,
            interval_minutes,
            aht_seconds * self.aht_factor,
        )?;
        Ok(HybridSplit {
            human,
            human_volume,
            ai_volume,
        })
    }
}
