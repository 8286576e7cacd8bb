//! Batch adherence: every agent, every bucket, every exception.

use std::collections::HashMap;

use chrono_tz::Tz;
use rayon::prelude::*;

use crate::activity::ActivityTypes;
use crate::buckets::{Granularity, boundaries};
use crate::classify::{Class, NONE, Piece, Rules, Work};
use crate::condense::{BLOCK, Resolution};
use crate::directory::AgentDirectory;
use crate::error::{Error, Result};
use crate::mapping::{Compiled, StateMapping};
use crate::metrics::Metrics;
use crate::platform::PlatformOrder;
use crate::schedule::Schedule;
use crate::states::StateLog;
use crate::time::Window;

/// The most buckets per agent one report may hold (about 19 years of 1-minute intervals).
pub const MAX_BUCKETS: i64 = 10_000_000;

/// Options of [`measure`].
///
/// # Example
///
/// ```
/// use wfm_adherence::{AdherenceConfig, Granularity, Window};
/// let c = AdherenceConfig::new(Window::new(0, 86_400)?)
///     .granularity(Granularity::interval(30)?)
///     .start_grace(120)
///     .end_grace(60)
///     .min_exception(300);
/// assert!(c.validate().is_ok());
/// assert!(c.start_grace(-1).validate().is_err());
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdherenceConfig {
    window: Window,
    now: Option<i64>,
    resolution: Resolution,
    granularity: Granularity,
    rules: Rules,
}

impl AdherenceConfig {
    /// Day buckets, priority resolution, no grace, no minimum exception, no `now`.
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    #[must_use]
    pub fn new(window: Window) -> Self {
        Self {
            window,
            now: None,
            resolution: Resolution::Priority,
            granularity: Granularity::Day,
            rules: Rules::default(),
        }
    }

    /// The current time; nothing after it is measured and open states close at it.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_adherence::AdherenceConfig::new(wfm_adherence::Window::new(0, 10)?).now(Some(5));
    /// assert_eq!(c.horizon(), 5);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn now(mut self, now: Option<i64>) -> Self {
        self.now = now;
        self
    }

    /// Priority or any-platform resolution.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{AdherenceConfig, Resolution, Window};
    /// let c = AdherenceConfig::new(Window::new(0, 10)?).resolution(Resolution::AnyPlatform);
    /// assert!(c.validate().is_ok());
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn resolution(mut self, resolution: Resolution) -> Self {
        self.resolution = resolution;
        self
    }

    /// Bucket size of the metrics.
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    #[must_use]
    pub fn granularity(mut self, granularity: Granularity) -> Self {
        self.granularity = granularity;
        self
    }

    /// Out-of-adherence time in the first `seconds` of each scheduled segment is excused
    /// (late start, or still finishing the previous activity).
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    #[must_use]
    pub fn start_grace(mut self, seconds: i64) -> Self {
        self.rules.start_grace = seconds;
        self
    }

    /// Out-of-adherence time in the last `seconds` of each scheduled segment is excused
    /// (early switch to the next activity).
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    #[must_use]
    pub fn end_grace(mut self, seconds: i64) -> Self {
        self.rules.end_grace = seconds;
        self
    }

    /// Out-of-adherence runs (contiguous, same scheduled segment) shorter than `seconds` are
    /// excused and not listed (Genesys `adherenceExceptionThresholdSeconds`).
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    #[must_use]
    pub fn min_exception(mut self, seconds: i64) -> Self {
        self.rules.min_exception = seconds;
        self
    }

    /// `min(now, window end)`, clamped into the window.
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig::now`].
    #[must_use]
    pub fn horizon(&self) -> i64 {
        self.window.horizon(self.now)
    }

    /// The window.
    ///
    /// # Example
    ///
    /// ```
    /// let w = wfm_adherence::Window::new(0, 10)?;
    /// assert_eq!(wfm_adherence::AdherenceConfig::new(w).window(), w);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> Window {
        self.window
    }

    /// Checks the options.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDuration`] for a grace or minimum outside 0..=86400 s,
    /// [`Error::InvalidInterval`] for a bad interval length, [`Error::TooManyBuckets`] when the
    /// window holds more than [`MAX_BUCKETS`] buckets (e.g. a century of 1-minute intervals).
    ///
    /// # Example
    ///
    /// See [`AdherenceConfig`].
    pub fn validate(&self) -> Result<()> {
        for (field, value) in [
            ("start_grace", self.rules.start_grace),
            ("end_grace", self.rules.end_grace),
            ("min_exception", self.rules.min_exception),
        ] {
            if !(0..=86_400).contains(&value) {
                return Err(Error::InvalidDuration { field, value });
            }
        }
        let shortest = match self.granularity {
            Granularity::Interval { minutes } => {
                i64::from(Granularity::interval(minutes).map(|_| minutes)?) * 60
            }
            Granularity::Day => 23 * 3600,
            Granularity::Week => 7 * 86_400 - 3600,
            Granularity::Month => 28 * 86_400 - 3600,
        };
        let count = self.window.len() / shortest + 2;
        if count > MAX_BUCKETS {
            return Err(Error::TooManyBuckets {
                count,
                max: MAX_BUCKETS,
            });
        }
        Ok(())
    }

    pub(crate) fn rules(&self) -> Rules {
        self.rules
    }

    pub(crate) fn resolution_mode(&self) -> Resolution {
        self.resolution
    }
}

/// Everything [`measure`] reads.
///
/// # Example
///
/// See [`measure`].
#[derive(Debug, Clone, Copy)]
pub struct AdherenceInput<'a> {
    /// The agents' raw states.
    pub states: &'a StateLog,
    /// The layered schedule (built with the same `types`).
    pub schedule: &'a Schedule,
    /// The activity types.
    pub types: &'a ActivityTypes,
    /// State mappings per platform.
    pub mapping: &'a StateMapping,
    /// Agent time zones.
    pub directory: &'a AgentDirectory,
}

/// The agents of states and schedule joined: (name, index in the log, index in the schedule).
pub(crate) fn join_agents<'a>(
    log: &'a StateLog,
    schedule: &'a Schedule,
) -> Vec<(&'a str, u32, u32)> {
    let (a, b) = (&log.agents, &schedule.agents);
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() || j < b.len() {
        let ord = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match ord {
            std::cmp::Ordering::Less => {
                out.push((a[i].as_str(), i as u32, NONE));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((b[j].as_str(), NONE, j as u32));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].as_str(), i as u32, j as u32));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Checks the configuration, the platforms and the schedule's catalogue, and compiles the
/// mapping (with no state labels yet).
pub(crate) fn check_setup(
    order: &PlatformOrder,
    mapping: &StateMapping,
    directory: &AgentDirectory,
    schedule: &Schedule,
    types: &ActivityTypes,
    config: &AdherenceConfig,
) -> Result<Compiled> {
    config.validate()?;
    let mut known = mapping.platforms();
    known.extend(directory.platforms().map(str::to_owned));
    order.check_known(&known)?;
    let ids = types.types().iter().map(|t| &t.id);
    if !ids.clone().eq(schedule.type_ids.iter()) {
        let bad = schedule
            .type_ids
            .iter()
            .zip(ids.map(Some).chain(std::iter::repeat(None)))
            .find(|(s, t)| Some(*s) != *t)
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        return Err(Error::UnknownActivityType { type_id: bad });
    }
    Ok(Compiled::new(mapping, order.names(), types))
}

/// Checks the inputs agree and compiles the mapping for the log's states.
pub(crate) fn prepare(input: &AdherenceInput<'_>, config: &AdherenceConfig) -> Result<Compiled> {
    let order = PlatformOrder::new(input.states.platforms.iter().cloned())?;
    let mut compiled = check_setup(
        &order,
        input.mapping,
        input.directory,
        input.schedule,
        input.types,
        config,
    )?;
    for s in &input.states.states {
        compiled.push_state(s);
    }
    Ok(compiled)
}

/// Classifies one joined agent (`li`/`si`: its index in the log and the schedule, or
/// [`NONE`]) over `[window start, hi)`, with the minimum exception applied.
pub(crate) fn classify_agent(
    work: &mut Work,
    input: &AdherenceInput<'_>,
    (li, si): (u32, u32),
    hi: i64,
    compiled: &Compiled,
    config: &AdherenceConfig,
) {
    let records = if li == NONE {
        &[][..]
    } else {
        input.states.agent_records(li as usize)
    };
    let sched = if si == NONE {
        &[][..]
    } else {
        input.schedule.agent_segments(si as usize)
    };
    let lo = config.window.start();
    work.classify(
        records,
        sched,
        lo,
        hi,
        config.resolution,
        compiled,
        config.rules,
    );
    work.apply_min_exception(config.rules.min_exception);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    agent: u32,
    start: i64,
    end: i64,
    metrics: Metrics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Exc {
    agent: u32,
    seg: u32,
    ty: u32,
    platform: u16,
    state: u32,
    start: i64,
    end: i64,
}

/// One agent's metrics for one bucket.
///
/// # Example
///
/// See [`measure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AgentBucket<'a> {
    /// The agent.
    pub agent_id: &'a str,
    /// Bucket start (clipped to the window), unix seconds.
    pub start: i64,
    /// Bucket end (clipped to `min(now, window end)`), unix seconds.
    pub end: i64,
    /// The measured seconds.
    pub metrics: &'a Metrics,
}

/// An out-of-adherence exception: a maximal out-of-adherence span with one scheduled activity
/// and one actual state (after grace and the minimum exception length).
///
/// # Example
///
/// See [`measure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AdherenceException<'a> {
    /// The agent.
    pub agent_id: &'a str,
    /// The scheduled activity type.
    pub activity_type_id: &'a str,
    /// The actual (winning) platform, `None` when there was no state.
    pub platform: Option<&'a str>,
    /// The actual (winning) state, `None` when there was no state.
    pub state: Option<&'a str>,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds.
    pub end: i64,
}

/// Time spent in a state that has no mapping, over all agents in the window.
///
/// # Example
///
/// See [`measure`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnmappedState {
    /// The platform.
    pub platform: String,
    /// The state label.
    pub state: String,
    /// Seconds spent in it (as the winning state, or as any active state in any-platform mode).
    pub seconds: i64,
}

/// The result of [`measure`].
///
/// # Example
///
/// See [`measure`].
#[derive(Debug, Clone)]
pub struct AdherenceReport {
    agents: Vec<String>,
    platforms: Vec<String>,
    states: Vec<String>,
    type_ids: Vec<String>,
    rows: Vec<Row>,
    exceptions: Vec<Exc>,
    unmapped: Vec<UnmappedState>,
}

impl AdherenceReport {
    /// Per agent and bucket metrics: agents sorted by id, buckets in time order; buckets with
    /// nothing scheduled and no state are omitted.
    ///
    /// # Example
    ///
    /// See [`measure`].
    pub fn buckets(&self) -> impl Iterator<Item = AgentBucket<'_>> + '_ {
        self.rows.iter().map(|r| AgentBucket {
            agent_id: &self.agents[r.agent as usize],
            start: r.start,
            end: r.end,
            metrics: &r.metrics,
        })
    }

    /// Exceptions, by agent then time.
    ///
    /// # Example
    ///
    /// See [`measure`].
    pub fn exceptions(&self) -> impl Iterator<Item = AdherenceException<'_>> + '_ {
        self.exceptions.iter().map(|e| AdherenceException {
            agent_id: &self.agents[e.agent as usize],
            activity_type_id: &self.type_ids[e.ty as usize],
            platform: (e.state != NONE).then(|| self.platforms[e.platform as usize].as_str()),
            state: (e.state != NONE).then(|| self.states[e.state as usize].as_str()),
            start: e.start,
            end: e.end,
        })
    }

    /// Unmapped states with the time spent in them, by platform then state.
    ///
    /// # Example
    ///
    /// See [`measure`].
    #[must_use]
    pub fn unmapped_states(&self) -> &[UnmappedState] {
        &self.unmapped
    }

    /// The sum of all buckets' metrics.
    ///
    /// # Example
    ///
    /// See [`measure`].
    #[must_use]
    pub fn total(&self) -> Metrics {
        let mut m = Metrics::default();
        for r in &self.rows {
            m.add(&r.metrics);
        }
        m
    }

    /// The number of (agent, bucket) rows.
    ///
    /// # Example
    ///
    /// See [`measure`].
    #[must_use]
    pub fn bucket_count(&self) -> usize {
        self.rows.len()
    }
}

/// Bucket boundaries per distinct time zone, and each agent's zone index.
fn zone_bounds(
    agents: &[(&str, u32, u32)],
    directory: &AgentDirectory,
    granularity: Granularity,
    lo: i64,
    hi: i64,
) -> (Vec<Vec<i64>>, Vec<u32>) {
    let mut zones: HashMap<Tz, u32> = HashMap::new();
    let mut bounds = Vec::new();
    let mut of_agent = Vec::with_capacity(agents.len());
    for (name, _, _) in agents {
        let tz = directory.time_zone(name);
        let z = *zones.entry(tz).or_insert_with(|| {
            bounds.push(boundaries(tz, granularity, lo, hi));
            (bounds.len() - 1) as u32
        });
        of_agent.push(z);
    }
    (bounds, of_agent)
}

/// Measures adherence for every agent in the states or the schedule (in parallel over agents).
///
/// Every second of `[window start, min(now, window end))` is classified: scheduled activity
/// (layered) against the condensed state. Time off and untracked activities are excluded from
/// adherence; unscheduled time counts only toward conformance and occupancy; a gap or an
/// unmapped state during tracked time is out of adherence. Grace periods then excuse time at
/// segment starts and ends, and out-of-adherence runs shorter than the minimum exception are
/// excused.
///
/// # Errors
///
/// [`Error::UnknownPlatform`] if the priority order names a platform absent from both the
/// mapping and the directory's associations; [`Error::UnknownActivityType`] if the schedule
/// was built with another catalogue; the errors of [`AdherenceConfig::validate`].
///
/// # Example
///
/// ```
/// use wfm_adherence::*;
/// let order = PlatformOrder::parse("five9")?;
/// let dir = AgentDirectory::new();
/// let types = ActivityTypes::new([ActivityType::new("phone", ActivityKind::Productive).with_channel("phone")])?;
/// let mapping = StateMapping::new()
///     .with_state("five9", "Ready", ["productive:phone".parse()?])
///     .with_state("five9", "Break", ["break".parse()?]);
/// let (states, _) = StateLog::build([
///     StateRecord::new("a", "five9", "Ready", 0).with_end(Some(3000)),
///     StateRecord::new("a", "five9", "Break", 3000).with_end(Some(3600)),
/// ], &order, &dir);
/// let (schedule, _) = Schedule::build([ActivityInput::new("a", "phone", 0, 3600)], &types, &dir);
/// let input = AdherenceInput { states: &states, schedule: &schedule, types: &types, mapping: &mapping, directory: &dir };
/// let report = measure(&input, &AdherenceConfig::new(Window::new(0, 86_400)?))?;
/// let day = report.buckets().next().ok_or("no bucket")?;
/// assert_eq!((day.metrics.in_adherence_seconds, day.metrics.out_of_adherence_seconds), (3000, 600));
/// let ex: Vec<_> = report.exceptions().map(|e| (e.state, e.start, e.end)).collect();
/// assert_eq!(ex, [(Some("Break"), 3000, 3600)]);
/// assert!(report.unmapped_states().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn measure(input: &AdherenceInput<'_>, config: &AdherenceConfig) -> Result<AdherenceReport> {
    let compiled = prepare(input, config)?;
    let lo = config.window.start();
    let hi = config.horizon();
    let agents = join_agents(input.states, input.schedule);
    let (bounds, zone_of) = zone_bounds(&agents, input.directory, config.granularity, lo, hi);
    let p = input.states.platforms.len();
    let cells = input.states.states.len() * p;
    let resolution = config.resolution;
    let n = agents.len();
    let blocks: Vec<(Vec<Row>, Vec<Exc>, Vec<i64>)> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map_init(
            || Work::new(p),
            |work, b| {
                let mut rows = Vec::new();
                let mut exc = Vec::new();
                let mut unmapped = vec![0i64; cells];
                for a in b * BLOCK..((b + 1) * BLOCK).min(n) {
                    let (_, li, si) = agents[a];
                    classify_agent(work, input, (li, si), hi, &compiled, config);
                    let bnd = &bounds[zone_of[a] as usize];
                    work.accumulate(bnd, resolution, &compiled, &mut unmapped, |k, metrics| {
                        rows.push(Row {
                            agent: a as u32,
                            start: bnd[k],
                            end: bnd[k + 1],
                            metrics,
                        });
                    });
                    collect_exceptions(work, a as u32, &mut exc);
                }
                (rows, exc, unmapped)
            },
        )
        .collect();
    let mut rows = Vec::new();
    let mut exceptions = Vec::new();
    let mut unmapped_total = vec![0i64; cells];
    for (r, e, u) in blocks {
        rows.extend(r);
        exceptions.extend(e);
        unmapped_total.iter_mut().zip(u).for_each(|(t, x)| *t += x);
    }
    let mut unmapped: Vec<UnmappedState> = unmapped_total
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0)
        .map(|(i, &seconds)| UnmappedState {
            platform: input.states.platforms[i % p].clone(),
            state: input.states.states[i / p].clone(),
            seconds,
        })
        .collect();
    unmapped.sort_by(|a, b| (&a.platform, &a.state).cmp(&(&b.platform, &b.state)));
    Ok(AdherenceReport {
        agents: agents
            .iter()
            .map(|(name, _, _)| (*name).to_owned())
            .collect(),
        platforms: input.states.platforms.clone(),
        states: input.states.states.clone(),
        type_ids: input.schedule.type_ids.clone(),
        rows,
        exceptions,
        unmapped,
    })
}

/// Merges out-of-adherence pieces into exceptions (same segment, same winning state).
fn collect_exceptions(work: &Work, agent: u32, out: &mut Vec<Exc>) {
    let first = out.len();
    for piece in work.pieces.iter().filter(|p| p.class == Class::Out) {
        let (platform, state) = winner(work, piece);
        if out.len() > first {
            let last_i = out.len() - 1;
            let last = out[last_i];
            if last.end == piece.start
                && last.platform == platform
                && last.state == state
                && last.seg == piece.seg
            {
                out[last_i].end = piece.end;
                continue;
            }
        }
        out.push(Exc {
            agent,
            seg: piece.seg,
            ty: piece.ty,
            platform,
            state,
            start: piece.start,
            end: piece.end,
        });
    }
}

fn winner(work: &Work, piece: &Piece) -> (u16, u32) {
    if piece.span == NONE {
        (0, NONE)
    } else {
        let s = work.spans[piece.span as usize];
        (s.platform, s.state)
    }
}
