//! Condensation: one non-overlapping timeline per agent from messy multi-platform states.

mod kernel;

use rayon::prelude::*;

pub(crate) use kernel::{Kernel, NO_STATE};

use crate::states::{RawState, StateLog};
use crate::time::Window;

/// How states of several platforms active at once are resolved.
///
/// # Example
///
/// ```
/// use wfm_adherence::Resolution;
/// assert_eq!(Resolution::default(), Resolution::Priority);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Resolution {
    /// The highest-priority platform's state wins (Assembled's condensed timeline).
    #[default]
    Priority,
    /// All active states are kept; for adherence an agent is in adherence if any of them
    /// matches (Assembled's adherence metric, "at least one of the platforms").
    AnyPlatform,
}

/// Options of [`condense`].
///
/// # Example
///
/// ```
/// use wfm_adherence::{CondenseConfig, Resolution, Window};
/// let c = CondenseConfig::new(Window::new(0, 3600)?).now(Some(1800)).resolution(Resolution::AnyPlatform);
/// assert_eq!(c.horizon(), 1800);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CondenseConfig {
    window: Window,
    now: Option<i64>,
    resolution: Resolution,
}

impl CondenseConfig {
    /// Condense within `window`, with no `now` (open states run to the window end).
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_adherence::CondenseConfig::new(wfm_adherence::Window::new(0, 10)?);
    /// assert_eq!(c.horizon(), 10);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn new(window: Window) -> Self {
        Self {
            window,
            now: None,
            resolution: Resolution::Priority,
        }
    }

    /// The current time: open states close at `min(now, window end)` and nothing after `now`
    /// is reported.
    ///
    /// # Example
    ///
    /// ```
    /// let c = wfm_adherence::CondenseConfig::new(wfm_adherence::Window::new(0, 10)?).now(Some(4));
    /// assert_eq!(c.horizon(), 4);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn now(mut self, now: Option<i64>) -> Self {
        self.now = now;
        self
    }

    /// How simultaneous platforms are resolved.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{CondenseConfig, Resolution, Window};
    /// let c = CondenseConfig::new(Window::new(0, 10)?).resolution(Resolution::AnyPlatform);
    /// assert_eq!(c.resolution_mode(), Resolution::AnyPlatform);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn resolution(mut self, resolution: Resolution) -> Self {
        self.resolution = resolution;
        self
    }

    /// The configured resolution.
    ///
    /// # Example
    ///
    /// See [`CondenseConfig::resolution`].
    #[must_use]
    pub fn resolution_mode(&self) -> Resolution {
        self.resolution
    }

    /// The window.
    ///
    /// # Example
    ///
    /// ```
    /// let w = wfm_adherence::Window::new(0, 10)?;
    /// assert_eq!(wfm_adherence::CondenseConfig::new(w).window(), w);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> Window {
        self.window
    }

    /// `min(now, window end)`, clamped into the window.
    ///
    /// # Example
    ///
    /// See [`CondenseConfig::now`].
    #[must_use]
    pub fn horizon(&self) -> i64 {
        self.window.horizon(self.now)
    }
}

/// A merged span of one agent's timeline (compact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) platform: u16,
    pub(crate) state: u32,
}

/// Condenses one agent's records into merged spans (and, for [`Resolution::AnyPlatform`],
/// `platforms` slots per span in `slots`), appending to `spans`/`slots`.
pub(crate) fn condense_agent(
    kernel: &mut Kernel,
    records: &[RawState],
    lo: i64,
    hi: i64,
    resolution: Resolution,
    spans: &mut Vec<Span>,
    slots: &mut Vec<u32>,
) {
    let first = spans.len();
    kernel.prepare(records, lo, hi);
    kernel.sweep(|start, end, platform, state, active| {
        let span = Span {
            start,
            end,
            platform,
            state,
        };
        if spans.len() > first {
            let last_i = spans.len() - 1;
            let last = spans[last_i];
            let same = match resolution {
                Resolution::Priority => last.platform == platform && last.state == state,
                Resolution::AnyPlatform => {
                    let p = active.len();
                    slots[last_i * p..(last_i + 1) * p] == *active
                }
            };
            if same && last.end == start {
                spans[last_i].end = end;
                return;
            }
        }
        spans.push(span);
        if resolution == Resolution::AnyPlatform {
            slots.extend_from_slice(active);
        }
    });
}

/// Agents per parallel work item.
pub(crate) const BLOCK: usize = 512;

/// A condensed timeline for every agent: sorted, non-overlapping, merged, inside the window.
///
/// # Example
///
/// ```
/// use wfm_adherence::{condense, AgentDirectory, CondenseConfig, PlatformOrder, StateLog, StateRecord, Window};
/// let order = PlatformOrder::parse("five9,zendesk")?;
/// let recs = [
///     StateRecord::new("a", "zendesk", "Online", 0).with_end(Some(100)),
///     StateRecord::new("a", "five9", "On Call", 40).with_end(Some(60)),
/// ];
/// let (log, _) = StateLog::build(recs, &order, &AgentDirectory::new());
/// let tl = condense(&log, &CondenseConfig::new(Window::new(0, 100)?));
/// let got: Vec<_> = tl.segments().map(|s| (s.state, s.start, s.end)).collect();
/// assert_eq!(got, [("Online", 0, 40), ("On Call", 40, 60), ("Online", 60, 100)]);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    agents: Vec<String>,
    platforms: Vec<String>,
    states: Vec<String>,
    resolution: Resolution,
    /// Agents `b * BLOCK ..` are in block `b` (kept apart: no concatenation copy).
    blocks: Vec<Block>,
}

/// The spans of up to [`BLOCK`] consecutive agents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Block {
    /// Local offsets: agent `b * BLOCK + i` owns `spans[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    spans: Vec<Span>,
    slots: Vec<u32>,
}

/// One segment of a [`Timeline`], with names resolved.
///
/// # Example
///
/// See [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Segment<'a> {
    /// The agent.
    pub agent_id: &'a str,
    /// The winning (highest-priority active) platform.
    pub platform: &'a str,
    /// The winning platform's state label.
    pub state: &'a str,
    /// Start, unix seconds.
    pub start: i64,
    /// End, unix seconds (exclusive).
    pub end: i64,
    /// Every active `(platform, state)`, highest priority first (only the winner in
    /// [`Resolution::Priority`] mode).
    pub active: Vec<(&'a str, &'a str)>,
}

impl Timeline {
    /// All segments, agent by agent (agents sorted by id), each agent's in time order.
    ///
    /// # Example
    ///
    /// See [`Timeline`].
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        (0..self.agents.len()).flat_map(move |a| self.agent_segments(a))
    }

    /// The number of segments.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{condense, AgentDirectory, CondenseConfig, PlatformOrder, StateLog, StateRecord, Window};
    /// let order = PlatformOrder::parse("api")?;
    /// let recs = [StateRecord::new("a", "api", "x", 0), StateRecord::new("a", "api", "x", 50)];
    /// let (log, _) = StateLog::build(recs, &order, &AgentDirectory::new());
    /// assert_eq!(condense(&log, &CondenseConfig::new(Window::new(0, 100)?)).len(), 1);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.spans.len()).sum()
    }

    /// Whether there are no segments.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{condense, AgentDirectory, CondenseConfig, PlatformOrder, StateLog, StateRecord, Window};
    /// let order = PlatformOrder::parse("api")?;
    /// let (log, _) = StateLog::build(Vec::<StateRecord<'_>>::new(), &order, &AgentDirectory::new());
    /// assert!(condense(&log, &CondenseConfig::new(Window::new(0, 100)?)).is_empty());
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(|b| b.spans.is_empty())
    }

    /// The agents, sorted (including agents whose timeline is empty in the window).
    ///
    /// # Example
    ///
    /// See [`Timeline::segments`].
    #[must_use]
    pub fn agents(&self) -> &[String] {
        &self.agents
    }

    fn agent_segments(&self, a: usize) -> impl Iterator<Item = Segment<'_>> + '_ {
        let p = self.platforms.len();
        let block = &self.blocks[a / BLOCK];
        let local = a % BLOCK;
        (block.offsets[local]..block.offsets[local + 1]).map(move |i| {
            let s = block.spans[i];
            let active = match self.resolution {
                Resolution::Priority => vec![(
                    self.platforms[s.platform as usize].as_str(),
                    self.states[s.state as usize].as_str(),
                )],
                Resolution::AnyPlatform => block.slots[i * p..(i + 1) * p]
                    .iter()
                    .enumerate()
                    .filter(|(_, st)| **st != NO_STATE)
                    .map(|(pl, st)| {
                        (
                            self.platforms[pl].as_str(),
                            self.states[*st as usize].as_str(),
                        )
                    })
                    .collect(),
            };
            Segment {
                agent_id: &self.agents[a],
                platform: &self.platforms[s.platform as usize],
                state: &self.states[s.state as usize],
                start: s.start,
                end: s.end,
                active,
            }
        })
    }
}

/// Condenses every agent's states (in parallel over agents).
///
/// Per agent and platform: duplicates on `(platform, start)` keep the latest `modified_at`;
/// each state ends at its `end_time`, cut short by the platform's next state; an open state
/// ends at the next state, else at `min(now, window end)`. Across platforms the
/// highest-priority active state wins each elementary span ([`Resolution::Priority`]), or all
/// active states are kept ([`Resolution::AnyPlatform`]). Adjacent identical spans are merged,
/// and everything is clipped to `[window start, min(now, window end))`. The result does not
/// depend on the order of the records, and condensing a condensed timeline changes nothing.
///
/// # Example
///
/// ```
/// use wfm_adherence::{condense, AgentDirectory, CondenseConfig, PlatformOrder, StateLog, StateRecord, Window};
/// let order = PlatformOrder::parse("five9")?;
/// let recs = [
///     StateRecord::new("a", "five9", "Ready", 0).with_modified_at(1),
///     StateRecord::new("a", "five9", "Not Ready", 0).with_modified_at(9), // later edit wins
///     StateRecord::new("a", "five9", "On Call", 300), // closes the open state above
/// ];
/// let (log, _) = StateLog::build(recs, &order, &AgentDirectory::new());
/// let tl = condense(&log, &CondenseConfig::new(Window::new(0, 3600)?).now(Some(600)));
/// let got: Vec<_> = tl.segments().map(|s| (s.state, s.start, s.end)).collect();
/// assert_eq!(got, [("Not Ready", 0, 300), ("On Call", 300, 600)]);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[must_use]
pub fn condense(log: &StateLog, config: &CondenseConfig) -> Timeline {
    let lo = config.window.start();
    let hi = config.horizon();
    let p = log.platforms.len();
    let n = log.agents.len();
    let blocks: Vec<Block> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map_init(
            || Kernel::new(p),
            |kernel, b| {
                let agents = b * BLOCK..((b + 1) * BLOCK).min(n);
                let records = log.offsets[agents.end] - log.offsets[agents.start];
                let mut block = Block {
                    offsets: Vec::with_capacity(BLOCK + 1),
                    spans: Vec::with_capacity(records),
                    slots: Vec::new(),
                };
                block.offsets.push(0);
                for a in agents {
                    condense_agent(
                        kernel,
                        log.agent_records(a),
                        lo,
                        hi,
                        config.resolution,
                        &mut block.spans,
                        &mut block.slots,
                    );
                    block.offsets.push(block.spans.len());
                }
                block
            },
        )
        .collect();
    Timeline {
        agents: log.agents.clone(),
        platforms: log.platforms.clone(),
        states: log.states.clone(),
        resolution: config.resolution,
        blocks,
    }
}
