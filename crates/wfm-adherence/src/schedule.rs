//! The schedule: scheduled activities per agent, layered into one activity at a time.

use std::collections::HashMap;

use crate::activity::ActivityTypes;
use crate::directory::AgentDirectory;
use crate::error::{Error, RecordError, Result};
use crate::states::sorted_ranks;
use crate::time::check_time;

/// One scheduled activity, borrowed from the caller's data.
///
/// # Example
///
/// ```
/// let a = wfm_adherence::ActivityInput::new("a1", "phone", 0, 3600);
/// assert_eq!(a.end - a.start, 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivityInput<'a> {
    /// The agent.
    pub agent_id: &'a str,
    /// The activity type (`type_id`).
    pub type_id: &'a str,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds (exclusive).
    pub end: i64,
}

impl<'a> ActivityInput<'a> {
    /// An activity of `type_id` for `agent_id` over `[start, end)`.
    ///
    /// # Example
    ///
    /// See [`ActivityInput`].
    #[must_use]
    pub fn new(agent_id: &'a str, type_id: &'a str, start: i64, end: i64) -> Self {
        Self {
            agent_id,
            type_id,
            start,
            end,
        }
    }
}

/// A resolved, non-overlapping scheduled segment (compact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SchedSeg {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) ty: u32,
}

/// Every agent's schedule, layered: where activities overlap, the one with the higher
/// [`ActivityKind::precedence`](crate::ActivityKind::precedence) wins (time off over default over
/// productive, so a break overlays a shift); between equal kinds the later-starting one wins,
/// then the earlier-ending one, then the smaller type id. Adjacent segments of the same type
/// are merged.
///
/// # Example
///
/// ```
/// use wfm_adherence::{ActivityInput, ActivityKind, ActivityType, ActivityTypes, AgentDirectory, Schedule};
/// let types = ActivityTypes::new([
///     ActivityType::new("phone", ActivityKind::Productive),
///     ActivityType::new("break", ActivityKind::Default),
/// ])?;
/// let acts = [ActivityInput::new("a", "phone", 0, 100), ActivityInput::new("a", "break", 40, 50)];
/// let (s, errors) = Schedule::build(acts, &types, &AgentDirectory::new());
/// assert!(errors.is_empty());
/// let got: Vec<_> = s.segments("a").collect();
/// assert_eq!(got, [("phone", 0, 40), ("break", 40, 50), ("phone", 50, 100)]);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub(crate) agents: Vec<String>,
    pub(crate) type_ids: Vec<String>,
    pub(crate) offsets: Vec<usize>,
    pub(crate) segments: Vec<SchedSeg>,
}

impl Schedule {
    /// Checks and layers `activities`; bad ones come back as [`RecordError`]s.
    ///
    /// Rejected: unknown agents (closed directory), unknown activity types, times outside
    /// years 1970 to 9999, and ends before starts.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{ActivityInput, ActivityTypes, AgentDirectory, Error, Schedule};
    /// let (s, errors) = Schedule::build([ActivityInput::new("a", "nope", 0, 9)], &ActivityTypes::default(), &AgentDirectory::new());
    /// assert_eq!(errors[0].error, Error::UnknownActivityType { type_id: "nope".into() });
    /// assert!(s.agents().is_empty());
    /// ```
    pub fn build<'a, I>(
        activities: I,
        types: &ActivityTypes,
        directory: &AgentDirectory,
    ) -> (Self, Vec<RecordError>)
    where
        I: IntoIterator<Item = ActivityInput<'a>>,
    {
        let mut agents: HashMap<&str, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut items: Vec<(u32, SchedSeg)> = Vec::new();
        let mut errors = Vec::new();
        for (index, act) in activities.into_iter().enumerate() {
            let checked = (|| -> Result<(u32, SchedSeg)> {
                let agent = directory.resolve(Some(act.agent_id), None, "")?;
                let ty = types
                    .position(act.type_id)
                    .ok_or_else(|| Error::UnknownActivityType {
                        type_id: act.type_id.to_owned(),
                    })?;
                check_time("start_time", act.start)?;
                check_time("end_time", act.end)?;
                if act.end < act.start {
                    return Err(Error::EndBeforeStart {
                        start: act.start,
                        end: act.end,
                    });
                }
                let a = *agents.entry(agent).or_insert_with(|| {
                    names.push(agent.to_owned());
                    (names.len() - 1) as u32
                });
                Ok((
                    a,
                    SchedSeg {
                        start: act.start,
                        end: act.end,
                        ty,
                    },
                ))
            })();
            match checked {
                Ok(item) => items.push(item),
                Err(error) => errors.push(RecordError { index, error }),
            }
        }
        let (agents, rank) = sorted_ranks(names);
        let mut per_agent: Vec<Vec<SchedSeg>> = vec![Vec::new(); agents.len()];
        for (a, seg) in items {
            per_agent[rank[a as usize] as usize].push(seg);
        }
        let precedence: Vec<u8> = types.types().iter().map(|t| t.kind.precedence()).collect();
        let mut offsets = Vec::with_capacity(agents.len() + 1);
        offsets.push(0);
        let mut segments = Vec::new();
        let mut layer = Layering::default();
        for acts in &mut per_agent {
            layer.resolve(acts, &precedence, &mut segments);
            offsets.push(segments.len());
        }
        let schedule = Self {
            agents,
            type_ids: types.types().iter().map(|t| t.id.clone()).collect(),
            offsets,
            segments,
        };
        (schedule, errors)
    }

    /// The scheduled agents, sorted.
    ///
    /// # Example
    ///
    /// See [`Schedule::build`].
    #[must_use]
    pub fn agents(&self) -> &[String] {
        &self.agents
    }

    /// One agent's layered segments as `(type_id, start, end)`.
    ///
    /// # Example
    ///
    /// See [`Schedule`].
    pub fn segments(&self, agent_id: &str) -> impl Iterator<Item = (&str, i64, i64)> + '_ {
        let range = match self.agents.binary_search_by(|a| a.as_str().cmp(agent_id)) {
            Ok(a) => self.offsets[a]..self.offsets[a + 1],
            Err(_) => 0..0,
        };
        self.segments[range]
            .iter()
            .map(|s| (self.type_ids[s.ty as usize].as_str(), s.start, s.end))
    }

    pub(crate) fn agent_segments(&self, agent: usize) -> &[SchedSeg] {
        &self.segments[self.offsets[agent]..self.offsets[agent + 1]]
    }
}

/// Reusable buffers for layering one agent's activities.
#[derive(Debug, Default)]
struct Layering {
    bounds: Vec<i64>,
    active: Vec<SchedSeg>,
}

impl Layering {
    fn resolve(&mut self, acts: &mut [SchedSeg], precedence: &[u8], out: &mut Vec<SchedSeg>) {
        acts.sort_unstable_by_key(|s| (s.start, s.end, s.ty));
        self.bounds.clear();
        for s in acts.iter().filter(|s| s.start < s.end) {
            self.bounds.push(s.start);
            self.bounds.push(s.end);
        }
        self.bounds.sort_unstable();
        self.bounds.dedup();
        self.active.clear();
        let first = out.len();
        let mut next_act = 0;
        for w in 0..self.bounds.len().saturating_sub(1) {
            let (t, t2) = (self.bounds[w], self.bounds[w + 1]);
            self.active.retain(|s| s.end > t);
            while next_act < acts.len() && acts[next_act].start <= t {
                if acts[next_act].end > t {
                    self.active.push(acts[next_act]);
                }
                next_act += 1;
            }
            let best = self.active.iter().max_by(|a, b| {
                precedence[a.ty as usize]
                    .cmp(&precedence[b.ty as usize])
                    .then(a.start.cmp(&b.start))
                    .then(b.end.cmp(&a.end))
                    .then(b.ty.cmp(&a.ty))
            });
            if let Some(best) = best {
                let ty = best.ty;
                let mergeable = out.len() > first;
                match out.last_mut() {
                    Some(last) if mergeable && last.ty == ty && last.end == t => {
                        last.end = t2;
                    }
                    _ => out.push(SchedSeg {
                        start: t,
                        end: t2,
                        ty,
                    }),
                }
            }
        }
    }
}
