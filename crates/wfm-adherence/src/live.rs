//! Live status: an incremental engine fed one state at a time that answers "who is out of
//! adherence now, and since when", with the same answer as the batch path.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::activity::ActivityTypes;
use crate::adherence::{
    AdherenceConfig, AdherenceInput, check_setup, classify_agent, join_agents, prepare,
};
use crate::classify::{Class, NONE, Piece, Work};
use crate::condense::{BLOCK, Span};
use crate::directory::AgentDirectory;
use crate::error::{Error, Result};
use crate::mapping::{Compiled, StateMapping};
use crate::platform::PlatformOrder;
use crate::schedule::Schedule;
use crate::states::{OPEN, RawState, StateRecord, checked_times};

/// An agent who is out of adherence at the queried time.
///
/// # Example
///
/// See [`LiveEngine`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveStatus {
    /// The agent.
    pub agent_id: String,
    /// Start of the current out-of-adherence run, unix seconds.
    pub since: i64,
    /// The scheduled activity type now.
    pub activity_type_id: String,
    /// The actual (winning) platform now, `None` when there is no state.
    pub platform: Option<String>,
    /// The actual (winning) state now, `None` when there is no state.
    pub state: Option<String>,
}

/// Finds the out-of-adherence run covering `t - 1` in `pieces` (grace applied, minimum
/// exception not applied) and returns `(run start, piece)` if it counts at `t`.
fn current_run(pieces: &[Piece], t: i64, min_exception: i64) -> Option<(i64, &Piece)> {
    let k = pieces.partition_point(|p| p.end < t);
    let piece = pieces.get(k)?;
    if piece.class != Class::Out || piece.start >= t {
        return None;
    }
    let mut since = piece.start;
    let mut i = k;
    while i > 0 {
        let prev = &pieces[i - 1];
        if prev.class == Class::Out && prev.seg == piece.seg && prev.end == pieces[i].start {
            since = prev.start;
            i -= 1;
        } else {
            break;
        }
    }
    (t - since >= min_exception).then_some((since, piece))
}

fn status(
    agent: &str,
    since: i64,
    piece: &Piece,
    spans: &[Span],
    platforms: &[String],
    states: &[String],
    type_ids: &[String],
) -> LiveStatus {
    let (platform, state) = if piece.span == NONE {
        (None, None)
    } else {
        let s = spans[piece.span as usize];
        (
            Some(platforms[s.platform as usize].clone()),
            Some(states[s.state as usize].clone()),
        )
    };
    LiveStatus {
        agent_id: agent.to_owned(),
        since,
        activity_type_id: type_ids[piece.ty as usize].clone(),
        platform,
        state,
    }
}

/// Batch answer to "who is out of adherence at `now`" (`now` from the config, default the
/// window end), sorted by agent. [`LiveEngine::out_of_adherence`] returns the same.
///
/// # Errors
///
/// As [`measure`](crate::measure).
///
/// # Example
///
/// See [`LiveEngine`].
pub fn out_of_adherence_at(
    input: &AdherenceInput<'_>,
    config: &AdherenceConfig,
) -> Result<Vec<LiveStatus>> {
    let compiled = prepare(input, config)?;
    let hi = config.horizon();
    let agents = join_agents(input.states, input.schedule);
    let p = input.states.platforms.len();
    let out: Vec<Vec<LiveStatus>> = (0..agents.len().div_ceil(BLOCK))
        .into_par_iter()
        .map_init(
            || Work::new(p),
            |work, b| {
                let mut out = Vec::new();
                for &(name, li, si) in &agents[b * BLOCK..((b + 1) * BLOCK).min(agents.len())] {
                    classify_agent(work, input, (li, si), hi, &compiled, config);
                    if let Some((since, piece)) = current_run(&work.pieces, hi, 0) {
                        out.push(status(
                            name,
                            since,
                            piece,
                            &work.spans,
                            &input.states.platforms,
                            &input.states.states,
                            &input.schedule.type_ids,
                        ));
                    }
                }
                out
            },
        )
        .collect();
    Ok(out.into_iter().flatten().collect())
}

#[derive(Debug, Clone)]
struct AgentLive {
    name: String,
    sched: u32,
    records: Vec<RawState>,
    pieces: Vec<Piece>,
    spans: Vec<Span>,
    dirty: bool,
}

/// An incremental adherence engine for the current day: feed states as they arrive with
/// [`LiveEngine::ingest`] and ask [`LiveEngine::out_of_adherence`] at any time. Only agents
/// with new states are recomputed; answers equal [`out_of_adherence_at`] on the same states.
///
/// # Example
///
/// ```
/// use wfm_adherence::*;
/// let order = PlatformOrder::parse("five9")?;
/// let dir = AgentDirectory::new();
/// let types = ActivityTypes::new([ActivityType::new("phone", ActivityKind::Productive)])?;
/// let mapping = StateMapping::new().with_state("five9", "Ready", ["productive".parse()?]);
/// let (schedule, _) = Schedule::build([ActivityInput::new("a", "phone", 0, 3600)], &types, &dir);
/// let config = AdherenceConfig::new(Window::new(0, 86_400)?).min_exception(60);
/// let mut live = LiveEngine::new(order, &schedule, &types, &mapping, dir, &config)?;
/// live.ingest(StateRecord::new("a", "five9", "Ready", 0))?;
/// live.ingest(StateRecord::new("a", "five9", "Lunch", 600))?;
/// assert!(live.out_of_adherence(630).is_empty()); // 30 s: below the 60 s minimum
/// let now = live.out_of_adherence(700);
/// assert_eq!((now[0].since, now[0].state.as_deref()), (600, Some("Lunch")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct LiveEngine {
    order: PlatformOrder,
    directory: AgentDirectory,
    config: AdherenceConfig,
    schedule: Schedule,
    compiled: Compiled,
    states: Vec<String>,
    state_ids: HashMap<String, u32>,
    agent_ids: HashMap<String, u32>,
    agents: Vec<AgentLive>,
    work: Work,
}

impl LiveEngine {
    /// Creates an engine for `config`'s window and the given schedule.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownPlatform`] for a priority platform absent from the mapping and the
    /// directory; the errors of [`AdherenceConfig::validate`].
    ///
    /// # Example
    ///
    /// See [`LiveEngine`].
    pub fn new(
        order: PlatformOrder,
        schedule: &Schedule,
        types: &ActivityTypes,
        mapping: &StateMapping,
        directory: AgentDirectory,
        config: &AdherenceConfig,
    ) -> Result<Self> {
        let compiled = check_setup(&order, mapping, &directory, schedule, types, config)?;
        let mut engine = Self {
            work: Work::new(order.len()),
            order,
            directory,
            config: *config,
            schedule: schedule.clone(),
            compiled,
            states: Vec::new(),
            state_ids: HashMap::new(),
            agent_ids: HashMap::new(),
            agents: Vec::new(),
        };
        for (i, name) in schedule.agents.iter().enumerate() {
            let a = engine.agent(name);
            engine.agents[a].sched = i as u32;
        }
        Ok(engine)
    }

    fn agent(&mut self, name: &str) -> usize {
        if let Some(&a) = self.agent_ids.get(name) {
            return a as usize;
        }
        let a = self.agents.len();
        self.agent_ids.insert(name.to_owned(), a as u32);
        self.agents.push(AgentLive {
            name: name.to_owned(),
            sched: NONE,
            records: Vec::new(),
            pieces: Vec::new(),
            spans: Vec::new(),
            dirty: true,
        });
        a
    }

    /// Adds one state record (duplicates on agent, platform and start keep the preferred one,
    /// exactly as in batch condensation).
    ///
    /// # Errors
    ///
    /// The per-record errors of [`StateLog::build`](crate::StateLog::build); the engine is
    /// unchanged when a record is rejected.
    ///
    /// # Example
    ///
    /// See [`LiveEngine`].
    pub fn ingest(&mut self, record: StateRecord<'_>) -> Result<()> {
        let platform =
            self.order
                .position(record.platform)
                .ok_or_else(|| Error::UnlistedPlatform {
                    platform: record.platform.to_owned(),
                })?;
        let name = self
            .directory
            .resolve(record.agent_id, record.agent_platform_id, record.platform)?
            .to_owned();
        if record.state.is_empty() {
            return Err(Error::EmptyName { field: "state" });
        }
        let (start, end) = checked_times(record.start, record.end)?;
        let state = match self.state_ids.get(record.state) {
            Some(&s) => s,
            None => {
                let s = self.states.len() as u32;
                self.states.push(record.state.to_owned());
                self.state_ids.insert(record.state.to_owned(), s);
                self.compiled.push_state(record.state);
                s
            }
        };
        let raw = RawState {
            start,
            end,
            modified: record.modified_at,
            state,
            platform: platform as u16,
        };
        let a = self.agent(&name);
        let states = &self.states;
        let agent = &mut self.agents[a];
        match agent
            .records
            .iter_mut()
            .find(|r| r.platform == raw.platform && r.start == raw.start)
        {
            Some(existing) => {
                if prefer(&raw, existing, states) == Ordering::Less {
                    *existing = raw;
                }
            }
            None => agent.records.push(raw),
        }
        agent.dirty = true;
        Ok(())
    }

    /// Agents out of adherence at `now` (sorted by agent id), with the start of the current
    /// run; runs shorter than the minimum exception are not reported.
    ///
    /// # Example
    ///
    /// See [`LiveEngine`].
    pub fn out_of_adherence(&mut self, now: i64) -> Vec<LiveStatus> {
        let window = self.config.window();
        let t = window.horizon(Some(now));
        let rules = self.config.rules();
        let mode = self.config.resolution_mode();
        let mut out = Vec::new();
        for agent in &mut self.agents {
            if agent.dirty {
                let sched = if agent.sched == NONE {
                    &[][..]
                } else {
                    self.schedule.agent_segments(agent.sched as usize)
                };
                self.work.classify(
                    &agent.records,
                    sched,
                    window.start(),
                    window.end(),
                    mode,
                    &self.compiled,
                    rules,
                );
                agent.pieces.clone_from(&self.work.pieces);
                agent.spans.clone_from(&self.work.spans);
                agent.dirty = false;
            }
            if let Some((since, piece)) = current_run(&agent.pieces, t, rules.min_exception) {
                out.push(status(
                    &agent.name,
                    since,
                    piece,
                    &agent.spans,
                    self.order.names(),
                    &self.states,
                    &self.schedule.type_ids,
                ));
            }
        }
        out.sort_by(|a, b| a.agent_id.cmp(&b.agent_id));
        out
    }
}

/// The duplicate preference of batch condensation, with state labels compared by text.
fn prefer(a: &RawState, b: &RawState, states: &[String]) -> Ordering {
    b.modified
        .cmp(&a.modified)
        .then((a.end == OPEN).cmp(&(b.end == OPEN)))
        .then(b.end.cmp(&a.end))
        .then(states[a.state as usize].cmp(&states[b.state as usize]))
}
