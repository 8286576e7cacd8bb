//! Requirement curves: a whole grid of intervals in one parallel call.

use rayon::prelude::*;
use wfm_core::{IntervalGrid, Requirement};

use crate::erlang_a::{ErlangA, SlDefinition};
use crate::erlang_c::ErlangC;
use crate::error::{Error, Result};
use crate::hybrid::Deflection;
use crate::metrics::Metrics;
use crate::shrinkage::GrossUp;
use crate::targets::Targets;
use crate::traffic::Traffic;

/// The queueing model of a requirement curve.
///
/// # Example
///
/// ```
/// use wfm_erlang::{SlDefinition, StaffingModel};
/// let m = StaffingModel::ErlangA { patience_seconds: 120.0, definition: SlDefinition::Offered };
/// assert_ne!(m, StaffingModel::ErlangC);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum StaffingModel {
    /// Erlang C (no abandonment).
    #[default]
    ErlangC,
    /// Erlang A with mean patience and a service-level definition.
    ErlangA {
        /// Mean patience in seconds.
        patience_seconds: f64,
        /// Which service level the target applies to.
        definition: SlDefinition,
    },
}

/// How a requirement curve is computed: model, targets, shrinkage factors and AI deflection.
///
/// # Example
///
/// ```
/// use wfm_erlang::{CurveConfig, Targets};
/// let c = CurveConfig::default()
///     .targets(Targets::new().service_level(0.8, 20.0))
///     .shrinkage(&[0.3]);
/// assert_eq!(c.shrinkage_factors(), &[0.3]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CurveConfig {
    model: StaffingModel,
    targets: Targets,
    shrinkage: Vec<f64>,
    deflection: Option<Deflection>,
}

impl CurveConfig {
    /// Sets the queueing model (default Erlang C).
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_erlang::CurveConfig::default().model(wfm_erlang::StaffingModel::ErlangC);
    /// assert!(c.shrinkage_factors().is_empty());
    /// ```
    #[must_use]
    pub fn model(mut self, model: StaffingModel) -> Self {
        self.model = model;
        self
    }

    /// Sets the targets every interval must meet.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_erlang::CurveConfig::default().targets(wfm_erlang::Targets::new().max_asa(30.0));
    /// assert!(c.shrinkage_factors().is_empty());
    /// ```
    #[must_use]
    pub fn targets(mut self, targets: Targets) -> Self {
        self.targets = targets;
        self
    }

    /// Sets the shrinkage factors, compounded multiplicatively.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_erlang::CurveConfig::default().shrinkage(&[0.1, 0.2]);
    /// assert_eq!(c.shrinkage_factors().len(), 2);
    /// ```
    #[must_use]
    pub fn shrinkage(mut self, factors: &[f64]) -> Self {
        self.shrinkage = factors.to_vec();
        self
    }

    /// Sets the AI deflection applied before staffing.
    ///
    /// # Example
    ///
    /// ```
    /// let d = wfm_erlang::Deflection::new(0.2, 1.1)?;
    /// let c = wfm_erlang::CurveConfig::default().deflection(d);
    /// assert!(c.shrinkage_factors().is_empty());
    /// # Ok::<(), wfm_erlang::Error>(())
    /// ```
    #[must_use]
    pub fn deflection(mut self, deflection: Deflection) -> Self {
        self.deflection = Some(deflection);
        self
    }

    /// The shrinkage factors.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_erlang::CurveConfig::default().shrinkage_factors().is_empty());
    /// ```
    #[must_use]
    pub fn shrinkage_factors(&self) -> &[f64] {
        &self.shrinkage
    }

    /// Staffs one interval.
    fn point(
        &self,
        volume: f64,
        aht: f64,
        interval_minutes: f64,
        gross: GrossUp,
    ) -> Result<RequirementPoint> {
        let (traffic, ai_volume) = match &self.deflection {
            Some(d) => {
                let s = d.split(volume, interval_minutes, aht)?;
                (s.human, s.ai_volume)
            }
            None => (Traffic::from_volume(volume, interval_minutes, aht)?, 0.0),
        };
        let metrics = match self.model {
            StaffingModel::ErlangC => ErlangC::new(traffic).min_agents(&self.targets)?,
            StaffingModel::ErlangA {
                patience_seconds,
                definition,
            } => ErlangA::new(traffic, patience_seconds)?
                .sl_definition(definition)
                .min_agents(&self.targets)?,
        };
        Ok(RequirementPoint {
            agents: metrics.agents,
            agents_with_shrinkage: gross.apply(metrics.agents)?,
            metrics,
            ai_volume,
        })
    }
}

/// The requirement of one interval.
///
/// # Example
///
/// ```
/// use wfm_core::IntervalGrid;
/// use wfm_erlang::{CurveConfig, Targets, requirement_curve};
/// let grid = IntervalGrid::from_unix(0, 30, 1)?;
/// let config = CurveConfig::default().targets(Targets::new().service_level(0.8, 20.0)).shrinkage(&[0.3]);
/// let p = &requirement_curve(&grid, &[100.0], &[180.0], &config)?.points[0];
/// assert_eq!((p.agents, p.agents_with_shrinkage), (14, 20));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct RequirementPoint {
    /// Agents needed on the phones.
    pub agents: u32,
    /// Agents to roster after shrinkage.
    pub agents_with_shrinkage: u32,
    /// Metrics at `agents`.
    pub metrics: Metrics,
    /// Contacts resolved by AI (0 without deflection).
    pub ai_volume: f64,
}

/// A requirement curve over a grid.
///
/// # Example
///
/// ```
/// use wfm_core::IntervalGrid;
/// use wfm_erlang::{CurveConfig, Targets, requirement_curve};
/// let grid = IntervalGrid::from_unix(1_700_000_000, 15, 2)?;
/// let config = CurveConfig::default().targets(Targets::new().service_level(0.8, 20.0));
/// let curve = requirement_curve(&grid, &[40.0, 0.0], &[240.0, 240.0], &config)?;
/// let rows = curve.to_requirements("headcount");
/// assert_eq!(rows[1].start_time, 1_700_000_900);
/// assert!((rows[1].required_count - 0.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RequirementCurve {
    /// The grid the curve is on.
    pub grid: IntervalGrid,
    /// One point per interval.
    pub points: Vec<RequirementPoint>,
}

impl RequirementCurve {
    /// Assembled-shaped requirement rows, `required_count` = agents after shrinkage.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_core::IntervalGrid;
    /// use wfm_erlang::{CurveConfig, Targets, requirement_curve};
    /// let grid = IntervalGrid::from_unix(0, 60, 1)?;
    /// let curve = requirement_curve(&grid, &[120.0], &[180.0], &CurveConfig::default())?;
    /// assert_eq!(curve.to_requirements("headcount")[0].end_time, 3600);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_requirements(&self, requirement_type_id: &str) -> Vec<Requirement> {
        let step = self.grid.interval_seconds();
        self.grid
            .starts_unix()
            .zip(&self.points)
            .map(|(start, p)| {
                Requirement::new(
                    requirement_type_id,
                    start,
                    start + step,
                    f64::from(p.agents_with_shrinkage),
                )
            })
            .collect()
    }
}

/// Staffs every interval of `grid` (volume and AHT per interval) in parallel with rayon.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `volumes` or `aht_seconds` differ from the grid's length;
/// [`Error::Interval`] wrapping the first failing interval's error (with its index).
///
/// # Example
///
/// ```
/// use wfm_core::IntervalGrid;
/// use wfm_erlang::{CurveConfig, Error, requirement_curve};
/// let grid = IntervalGrid::from_unix(0, 30, 2)?;
/// let err = requirement_curve(&grid, &[10.0, -1.0], &[180.0, 180.0], &CurveConfig::default()).unwrap_err();
/// assert!(matches!(err, Error::Interval { index: 1, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn requirement_curve(
    grid: &IntervalGrid,
    volumes: &[f64],
    aht_seconds: &[f64],
    config: &CurveConfig,
) -> Result<RequirementCurve> {
    for (field, got) in [
        ("volumes", volumes.len()),
        ("aht_seconds", aht_seconds.len()),
    ] {
        if got != grid.len() {
            return Err(Error::LengthMismatch {
                field,
                got,
                expected: grid.len(),
            });
        }
    }
    config.targets.validate()?;
    let gross = GrossUp::new(&config.shrinkage)?;
    let minutes = f64::from(grid.interval_minutes());
    let points = volumes
        .par_iter()
        .zip(aht_seconds.par_iter())
        .enumerate()
        .with_min_len(256)
        .map(|(index, (&v, &h))| {
            config
                .point(v, h, minutes, gross)
                .map_err(|e| Error::Interval {
                    index,
                    source: Box::new(e),
                })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RequirementCurve {
        grid: *grid,
        points,
    })
}
