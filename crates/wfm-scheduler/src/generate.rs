//! A seeded generator of realistic instances: daily and weekly demand shape, full- and part-time
//! contracts, working-hours availability, time off, meetings, breaks, multi-skill agents.

use chrono::{NaiveDate, NaiveTime};

use wfm_core::SplitMix64;

use crate::calendar::{parse_tz, to_utc};
use crate::problem::{
    Agent, BreakKind, BreakRule, BreakSpec, Contract, DayOfWeek, FixedActivity, Horizon,
    PatternEntry, Preference, Problem, Queue, TimeWindow, WorkingHours,
};
use crate::{Error, Result};

/// Options of [`generate`]. Defaults: 30 agents, 7 days, 15-minute intervals, 2 queues, seed 1,
/// starting Monday 2026-01-05 in `America/New_York`.
///
/// # Example
///
/// ```
/// let c = wfm_scheduler::GeneratorConfig::default().agents(10).queues(3).seed(7);
/// let p = wfm_scheduler::generate(&c)?;
/// assert_eq!((p.agents.len(), p.queues.len()), (10, 3));
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GeneratorConfig {
    agents: usize,
    days: u32,
    interval_minutes: u32,
    queues: usize,
    seed: u64,
    start_date: NaiveDate,
    timezone: String,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        Self {
            agents: 30,
            days: 7,
            interval_minutes: 15,
            queues: 2,
            seed: 1,
            start_date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            timezone: "America/New_York".into(),
        }
    }
}

macro_rules! setter {
    ($(#[$m:meta])* $name:ident: $t:ty) => {
        $(#[$m])*
        #[must_use]
        pub fn $name(mut self, v: $t) -> Self {
            self.$name = v;
            self
        }
    };
}

impl GeneratorConfig {
    setter!(
        /// Number of agents.
        ///
        /// ```
        /// assert_eq!(wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(3).days(1))?.agents.len(), 3);
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        agents: usize
    );
    setter!(
        /// Number of local days.
        ///
        /// ```
        /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(2).interval_minutes(60))?;
        /// assert_eq!(p.horizon.intervals, 48);
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        days: u32
    );
    setter!(
        /// Interval length in minutes (15, 30 or 60).
        ///
        /// ```
        /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(1).interval_minutes(30))?;
        /// assert_eq!(p.horizon.interval_minutes, 30);
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        interval_minutes: u32
    );
    setter!(
        /// Number of queues.
        ///
        /// ```
        /// assert_eq!(wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(1).queues(4))?.queues.len(), 4);
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        queues: usize
    );
    setter!(
        /// Random seed; the same seed gives the same problem.
        ///
        /// ```
        /// use wfm_scheduler::{generate, GeneratorConfig};
        /// let c = GeneratorConfig::default().agents(5).days(2).seed(9);
        /// assert_eq!(generate(&c)?, generate(&c)?);
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        seed: u64
    );
    setter!(
        /// First local date (the horizon starts at its local midnight).
        ///
        /// ```
        /// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
        /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(1).start_date(d))?;
        /// assert!(p.horizon.start > 0);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        start_date: NaiveDate
    );
    setter!(
        /// IANA time zone of the site.
        ///
        /// ```
        /// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default().agents(2).days(1).timezone("UTC".into()))?;
        /// assert_eq!(p.horizon.timezone, "UTC");
        /// # Ok::<(), wfm_scheduler::Error>(())
        /// ```
        timezone: String
    );
}

/// The generator's draws on wfm-core's SplitMix64 (stable across platforms).
struct Rng(SplitMix64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0.unit()
    }
    /// Index below `n` from one `unit` draw (the generator's historical scaling).
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}

/// Intraday demand shape at local hour `h` (0..24): open 07-21 with late-morning and afternoon peaks.
fn shape(h: f64) -> f64 {
    if !(7.0..21.0).contains(&h) {
        return 0.0;
    }
    let bump = |c: f64, w: f64| (-((h - c) / w).powi(2)).exp();
    0.3 + bump(11.0, 2.0) + 0.8 * bump(15.0, 2.0)
}

/// Generates a problem from `config`.
///
/// # Errors
///
/// [`Error::InvalidValue`] for zero agents, queues or days, or an interval that does not divide
/// 60; [`Error::UnknownTimeZone`] for a bad time zone.
///
/// # Example
///
/// ```
/// let p = wfm_scheduler::generate(&wfm_scheduler::GeneratorConfig::default())?;
/// assert_eq!(p.horizon.intervals, 7 * 96);
/// p.check()?;
/// # Ok::<(), wfm_scheduler::Error>(())
/// ```
pub fn generate(config: &GeneratorConfig) -> Result<Problem> {
    let c = config;
    if c.agents == 0 || c.agents > 100_000 {
        return Err(Error::invalid("agents", c.agents, "must be in 1..=100000"));
    }
    if c.queues == 0 || c.queues > 100 {
        return Err(Error::invalid("queues", c.queues, "must be in 1..=100"));
    }
    if c.days == 0 || c.days > 366 {
        return Err(Error::invalid("days", c.days, "must be in 1..=366"));
    }
    if !matches!(c.interval_minutes, 5 | 10 | 15 | 20 | 30 | 60) {
        return Err(Error::invalid(
            "interval_minutes",
            c.interval_minutes,
            "must divide 60",
        ));
    }
    let tz = parse_tz("timezone", &c.timezone)?;
    let start = to_utc(tz, c.start_date.and_time(NaiveTime::MIN))
        .ok_or_else(|| Error::invalid("start_date", c.start_date, "has no local midnight"))?;
    let end_date = c.start_date + chrono::Days::new(u64::from(c.days));
    let end = to_utc(tz, end_date.and_time(NaiveTime::MIN))
        .ok_or_else(|| Error::invalid("start_date", end_date, "has no local midnight"))?;
    let step = i64::from(c.interval_minutes) * 60;
    let n = ((end - start) / step) as usize;
    let hpi = f64::from(c.interval_minutes) / 60.0;
    let mut rng = Rng(SplitMix64::new(c.seed ^ 0x5EED));

    let contracts = vec![
        Contract {
            id: "full_time".into(),
            shift_lengths_minutes: vec![480],
            start_granularity_minutes: 60,
            min_minutes_per_week: 32 * 60,
            max_minutes_per_week: 40 * 60,
            max_shifts_per_week: 5,
            max_consecutive_days: 5,
            min_rest_minutes: 11 * 60,
            max_weekends: Some(1),
            ..Contract::default()
        },
        Contract {
            id: "part_time".into(),
            shift_lengths_minutes: vec![240, 360],
            start_granularity_minutes: 60,
            min_minutes_per_week: 12 * 60,
            max_minutes_per_week: 30 * 60,
            max_shifts_per_week: 5,
            max_consecutive_days: 4,
            min_rest_minutes: 11 * 60,
            ..Contract::default()
        },
    ];
    let spec = |kind, d, e, l| BreakSpec {
        kind,
        duration_minutes: d,
        earliest_start_minutes: e,
        latest_start_minutes: l,
    };
    let break_rules = if c.interval_minutes <= 15 {
        vec![
            BreakRule {
                min_shift_minutes: 240,
                max_shift_minutes: 300,
                min_spacing_minutes: 0,
                breaks: vec![spec(BreakKind::Break, 15, 90, 150)],
            },
            BreakRule {
                min_shift_minutes: 360,
                max_shift_minutes: 420,
                min_spacing_minutes: 30,
                breaks: vec![
                    spec(BreakKind::Break, 15, 60, 120),
                    spec(BreakKind::Lunch, 30, 180, 240),
                ],
            },
            BreakRule {
                min_shift_minutes: 480,
                max_shift_minutes: 600,
                min_spacing_minutes: 30,
                breaks: vec![
                    spec(BreakKind::Break, 15, 60, 120),
                    spec(BreakKind::Lunch, 30, 210, 270),
                    spec(BreakKind::Break, 15, 330, 390),
                ],
            },
        ]
    } else {
        // Coarse grids: one break per shift, one or two intervals long.
        let im = c.interval_minutes;
        let lunch = im.max(30).div_ceil(im) * im;
        vec![
            BreakRule {
                min_shift_minutes: 240,
                max_shift_minutes: 300,
                min_spacing_minutes: 0,
                breaks: vec![spec(BreakKind::Break, im, 60, 120)],
            },
            BreakRule {
                min_shift_minutes: 360,
                max_shift_minutes: 600,
                min_spacing_minutes: 0,
                breaks: vec![spec(BreakKind::Lunch, lunch, 180, 240)],
            },
        ]
    };

    let queue_ids: Vec<String> = (0..c.queues).map(|q| format!("q{}", q + 1)).collect();
    let mut agents = Vec::with_capacity(c.agents);
    let mut capacity = vec![0.0; c.queues];
    for i in 0..c.agents {
        let full = rng.unit() < 0.7;
        let primary = rng.below(c.queues);
        let mut queues = vec![queue_ids[primary].clone()];
        if c.queues > 1 && rng.unit() < 0.3 {
            let second = (primary + 1 + rng.below(c.queues - 1)) % c.queues;
            queues.push(queue_ids[second].clone());
        }
        capacity[primary] += if full { 36.0 } else { 20.0 } * f64::from(c.days) / 7.0;
        let unavailable = rng.below(7);
        let (from, to) = if rng.unit() < 0.5 {
            ("06:00", "20:00")
        } else {
            ("09:00", "23:00")
        };
        let weekly_pattern = DayOfWeek::ALL
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != unavailable)
            .map(|(_, &d)| PatternEntry {
                day_of_week: d,
                start_time: from.into(),
                end_time: to.into(),
            })
            .collect();
        let day_start = |d: u32| {
            to_utc(
                tz,
                (c.start_date + chrono::Days::new(u64::from(d))).and_time(NaiveTime::MIN),
            )
            .unwrap_or(start)
        };
        let mut time_off = Vec::new();
        let mut fixed_activities = Vec::new();
        let mut preferences = Vec::new();
        if rng.unit() < 0.1 {
            let d = rng.below(c.days as usize) as u32;
            time_off.push(TimeWindow {
                start: day_start(d),
                end: day_start(d + 1),
            });
        }
        if rng.unit() < 0.1 {
            let d = rng.below(c.days as usize) as u32;
            let s = day_start(d) + 11 * 3600;
            fixed_activities.push(FixedActivity {
                type_id: "meeting".into(),
                start: s,
                end: s + 3600,
            });
        }
        if rng.unit() < 0.2 {
            let d = rng.below(c.days as usize) as u64;
            preferences.push(Preference::DayOff {
                date: c.start_date + chrono::Days::new(d),
                weight: 5.0,
            });
        }
        agents.push(Agent {
            id: format!("agent{:04}", i + 1),
            queues,
            contract: if full { "full_time" } else { "part_time" }.into(),
            cost_per_hour: if full {
                20.0 + 5.0 * rng.unit()
            } else {
                15.0 + 3.0 * rng.unit()
            },
            vendor: Some(if rng.unit() < 0.2 { "bpo" } else { "in_house" }.into()),
            site: Some("site1".into()),
            working_hours: vec![WorkingHours {
                timezone: c.timezone.clone(),
                weekly_pattern,
                effective_from: None,
                effective_to: None,
            }],
            time_off,
            fixed_activities,
            preferences,
            ..Agent::default()
        });
    }

    let queues = (0..c.queues)
        .map(|q| {
            let mut raw = Vec::with_capacity(n);
            for i in 0..n {
                let t = start + step * i as i64;
                let local = chrono::DateTime::from_timestamp(t, 0)
                    .map(|u| u.with_timezone(&tz).naive_local());
                let (h, weekend) = local.map_or((0.0, false), |l| {
                    use chrono::{Datelike, Timelike};
                    (
                        f64::from(l.hour()) + f64::from(l.minute()) / 60.0,
                        l.weekday().num_days_from_monday() >= 5,
                    )
                });
                raw.push(shape(h) * if weekend { 0.6 } else { 1.0 });
            }
            let total: f64 = raw.iter().sum::<f64>() * hpi;
            let target = 0.85 * capacity[q];
            let required = raw
                .iter()
                .map(|r| {
                    if total > 0.0 {
                        (r * target / total * 10.0).round() / 10.0
                    } else {
                        0.0
                    }
                })
                .collect();
            Queue {
                id: queue_ids[q].clone(),
                priority: if q == 0 { 2.0 } else { 1.0 },
                required,
                min_staffing: Vec::new(),
            }
        })
        .collect();

    Ok(Problem {
        horizon: Horizon {
            start,
            interval_minutes: c.interval_minutes,
            intervals: n as u32,
            timezone: c.timezone.clone(),
        },
        queues,
        agents,
        contracts,
        break_rules,
        activity_types: Default::default(),
        weights: Default::default(),
    })
}
