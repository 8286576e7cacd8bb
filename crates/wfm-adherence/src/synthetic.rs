//! A deterministic, seeded generator of realistic contact-center days, for benchmarks,
//! property tests and the committed sample in `testdata/adherence/`.
//!
//! Each agent works an 8.5 h phone shift starting between 06:00 and 14:00 UTC with two
//! 15-minute breaks and a 30-minute lunch (10% also have a one-hour meeting, 3% are on time
//! off). The telephony platform `five9` cycles Ready → On Call → ACW with occasional Not
//! Ready, late or early breaks and a final open `Logout`; `zendesk` reports Online/Away/Offline
//! with overlapping end times; `api` reports meetings. About 2% of records are re-sent
//! duplicates (some corrected) and 5% are sent without an end. About 100 states per agent.

use crate::activity::{ActivityKind, ActivityType, ActivityTypes};
use crate::directory::AgentDirectory;
use crate::error::Result;
use crate::mapping::{MapTarget, StateMapping, StatePrimary};
use crate::platform::PlatformOrder;
use crate::schedule::{ActivityInput, Schedule};
use crate::states::{OPEN, RawState, StateLog};
use crate::time::Window;

/// State labels, sorted (their index is the compact state id).
const STATES: [&str; 12] = [
    "ACW",
    "Away",
    "Break",
    "Logout",
    "Lunch",
    "Meeting",
    "Not Ready",
    "Offline",
    "On Call",
    "Online",
    "Ready",
    "Training",
];
const ACW: u32 = 0;
const AWAY: u32 = 1;
const BREAK: u32 = 2;
const LOGOUT: u32 = 3;
const LUNCH: u32 = 4;
const MEETING: u32 = 5;
const NOT_READY: u32 = 6;
const OFFLINE: u32 = 7;
const ON_CALL: u32 = 8;
const ONLINE: u32 = 9;
const READY: u32 = 10;

/// Platforms in priority order.
const PLATFORMS: [&str; 3] = ["five9", "zendesk", "api"];
/// Activity type ids (compact id = position).
const TYPES: [&str; 5] = ["phone", "break", "lunch", "meeting", "pto"];

/// Synthetic draws on wfm-core's SplitMix64.
#[derive(Debug, Clone)]
struct Rng(wfm_core::SplitMix64);

impl Rng {
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.0.next_u64() % (hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.0.next_u64() % 100 < percent
    }
}

/// Options of the generator.
///
/// # Example
///
/// ```
/// use wfm_adherence::synthetic::SyntheticConfig;
/// let c = SyntheticConfig::new(20).seed(7).day_start(1_704_067_200);
/// assert_eq!(c.agent_count(), 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticConfig {
    agents: usize,
    seed: u64,
    day_start: i64,
}

impl SyntheticConfig {
    /// `agents` agents, seed 42, the day starting 2024-01-01T00:00:00Z.
    ///
    /// # Example
    ///
    /// See [`SyntheticConfig`].
    #[must_use]
    pub fn new(agents: usize) -> Self {
        Self {
            agents,
            seed: 42,
            day_start: 1_704_067_200,
        }
    }

    /// The seed.
    ///
    /// # Example
    ///
    /// See [`SyntheticConfig`].
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The UTC start of the day (unix seconds, within years 1970 to 9998).
    ///
    /// # Example
    ///
    /// See [`SyntheticConfig`].
    #[must_use]
    pub fn day_start(mut self, day_start: i64) -> Self {
        self.day_start = day_start;
        self
    }

    /// The number of agents.
    ///
    /// # Example
    ///
    /// See [`SyntheticConfig`].
    #[must_use]
    pub fn agent_count(&self) -> usize {
        self.agents
    }
}

/// Everything needed to measure a synthetic day.
///
/// # Example
///
/// ```
/// use wfm_adherence::{measure, synthetic::{SyntheticConfig, SyntheticDay}};
/// let day = SyntheticDay::generate(&SyntheticConfig::new(50))?;
/// assert!(day.states.record_count() > 50 * 80);
/// let report = measure(&day.input(), &wfm_adherence::AdherenceConfig::new(day.window))?;
/// let total = report.total();
/// assert_eq!(total.in_adherence_seconds + total.out_of_adherence_seconds, total.scheduled_seconds);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SyntheticDay {
    /// `five9,zendesk,api`.
    pub order: PlatformOrder,
    /// An open directory (all agents in UTC).
    pub directory: AgentDirectory,
    /// `phone` (productive), `break`, `lunch`, `meeting` (default), `pto` (time off).
    pub types: ActivityTypes,
    /// The mapping of every state except five9 `Not Ready` (left unmapped on purpose).
    pub mapping: StateMapping,
    /// The day, `[day_start, day_start + 86400)`.
    pub window: Window,
    /// The raw states.
    pub states: StateLog,
    /// The schedule.
    pub schedule: Schedule,
}

/// One generated raw state.
#[derive(Debug, Clone, Copy)]
struct Gen {
    platform: u16,
    state: u32,
    start: i64,
    end: Option<i64>,
    modified: i64,
}

/// The activity types of the synthetic day.
///
/// # Example
///
/// ```
/// assert_eq!(wfm_adherence::synthetic::activity_types().len(), 5);
/// ```
#[must_use]
pub fn activity_types() -> ActivityTypes {
    let types = [
        ActivityType::new(TYPES[0], ActivityKind::Productive)
            .with_name("Phone")
            .with_channel("phone"),
        ActivityType::new(TYPES[1], ActivityKind::Default).with_category("break"),
        ActivityType::new(TYPES[2], ActivityKind::Default).with_category("lunch"),
        ActivityType::new(TYPES[3], ActivityKind::Default).with_category("meeting"),
        ActivityType::new(TYPES[4], ActivityKind::TimeOff).with_name("PTO"),
    ];
    // Ids are distinct and non-empty by construction.
    ActivityTypes::new(types).unwrap_or_default()
}

/// The mapping of the synthetic day as `(platform, state, targets, primary)`.
#[must_use]
pub fn mapping_table() -> Vec<(&'static str, &'static str, Vec<&'static str>, &'static str)> {
    vec![
        ("five9", "Ready", vec!["productive:phone"], "available"),
        ("five9", "On Call", vec!["productive:phone"], "occupied"),
        ("five9", "ACW", vec!["productive:phone"], "after_call_work"),
        ("five9", "Break", vec!["break"], "on_break"),
        ("five9", "Lunch", vec!["lunch", "break"], "on_break"),
        ("five9", "Logout", vec!["time_off"], "offline"),
        ("zendesk", "Online", vec!["productive:email"], "available"),
        ("zendesk", "Away", vec!["break", "lunch"], "on_break"),
        ("zendesk", "Offline", vec!["time_off"], "offline"),
        ("api", "Meeting", vec!["meeting"], "in_meeting"),
        ("api", "Training", vec!["category:training"], "training"),
    ]
}

fn mapping() -> StateMapping {
    let mut m = StateMapping::new();
    for (platform, state, targets, primary) in mapping_table() {
        let targets: Vec<MapTarget> = targets.iter().filter_map(|t| t.parse().ok()).collect();
        m = m.with_state(platform, state, targets);
        if let Ok(p) = primary.parse::<StatePrimary>() {
            m = m.with_primary(platform, state, p);
        }
    }
    m
}

fn agent_name(i: usize) -> String {
    format!("agent-{i:06}")
}

/// Generates one agent's activities `(type, start, end)` and states.
fn agent_day(rng: &mut Rng, day: i64, acts: &mut Vec<(usize, i64, i64)>, out: &mut Vec<Gen>) {
    acts.clear();
    out.clear();
    let s = day + 6 * 3600 + rng.range(0, 32) * 900;
    let e = s + 8 * 3600 + 1800;
    if rng.chance(3) {
        acts.push((4, s, e));
        return;
    }
    let breaks = [
        (1usize, s + 2 * 3600, 900i64),
        (2, s + 4 * 3600, 1800),
        (1, s + 6 * 3600 + 1800, 900),
    ];
    acts.push((0, s, e));
    for &(ty, at, len) in &breaks {
        acts.push((ty, at, at + len));
    }
    let meeting = rng.chance(10).then(|| (s + 5 * 3600, s + 6 * 3600));
    if let Some((ms, me)) = meeting {
        acts.push((3, ms, me));
    }
    let push =
        |rng: &mut Rng, out: &mut Vec<Gen>, platform: u16, state: u32, start: i64, end: i64| {
            let open = rng.chance(5);
            let modified = end + rng.range(0, 60);
            out.push(Gen {
                platform,
                state,
                start,
                end: (!open).then_some(end),
                modified,
            });
            if rng.chance(2) {
                // A re-sent duplicate: sometimes a correction, sometimes stale.
                let corrected = if rng.chance(50) { NOT_READY } else { state };
                out.push(Gen {
                    platform,
                    state: corrected,
                    start,
                    end: Some(end),
                    modified: modified + rng.range(-30, 30),
                });
            }
        };
    // five9: call cycles with breaks taken a little early or late.
    let login = s + rng.range(-300, 600);
    let logout = e + rng.range(-600, 600);
    let mut t = login;
    let mut next_break = 0;
    let mut cycle = 0u32;
    while t < logout {
        if next_break < breaks.len() && t >= breaks[next_break].1 + rng.range(-180, 120) {
            let (ty, _, len) = breaks[next_break];
            let state = if ty == 2 { LUNCH } else { BREAK };
            let d = len + rng.range(-120, 300);
            push(rng, out, 0, state, t, t + d);
            t += d;
            next_break += 1;
            continue;
        }
        if let Some((ms, me)) = meeting {
            if t >= ms && t < me {
                push(rng, out, 0, NOT_READY, t, me);
                t = me;
                continue;
            }
        }
        let (state, d) = match cycle % 3 {
            0 if rng.chance(4) => (NOT_READY, rng.range(60, 600)),
            0 => (READY, rng.range(30, 300)),
            1 => (ON_CALL, rng.range(180, 1200)),
            _ => (ACW, rng.range(30, 240)),
        };
        push(rng, out, 0, state, t, t + d);
        t += d;
        cycle += 1;
    }
    out.push(Gen {
        platform: 0,
        state: LOGOUT,
        start: t,
        end: None,
        modified: t,
    });
    // zendesk: online, away around breaks, offline; ends overlap the next start.
    let mut z = login + rng.range(0, 120);
    for &(_, at, len) in &breaks {
        let away = at + rng.range(-60, 60);
        let end = away + rng.range(0, 90);
        push(rng, out, 1, ONLINE, z, end);
        let end = away + len + rng.range(0, 90);
        push(rng, out, 1, AWAY, away, end);
        z = away + len;
    }
    push(rng, out, 1, ONLINE, z, logout);
    push(rng, out, 1, OFFLINE, logout, logout + 60);
    if let Some((ms, me)) = meeting {
        let start = ms + rng.range(-60, 180);
        push(rng, out, 2, MEETING, start, me);
    }
    // As an API returns them: in time order across platforms.
    out.sort_by_key(|g| g.start);
}

impl SyntheticDay {
    /// Generates the day for `config.agent_count()` agents.
    ///
    /// # Errors
    ///
    /// [`Error::TimeOutOfRange`](crate::Error::TimeOutOfRange) if the day is outside years 1970 to 9998.
    ///
    /// # Example
    ///
    /// See [`SyntheticDay`].
    pub fn generate(config: &SyntheticConfig) -> Result<Self> {
        let window = Window::new(config.day_start, config.day_start + 86_400)?;
        let order = PlatformOrder::new(PLATFORMS)?;
        let types = activity_types();
        let mut rng = Rng(wfm_core::SplitMix64::new(config.seed));
        let mut offsets = Vec::with_capacity(config.agents + 1);
        offsets.push(0);
        let mut records = Vec::with_capacity(config.agents * 110);
        let names: Vec<String> = (0..config.agents).map(agent_name).collect();
        let mut activities: Vec<(usize, usize, i64, i64)> = Vec::new();
        let (mut acts, mut gens) = (Vec::new(), Vec::new());
        for a in 0..config.agents {
            agent_day(&mut rng, config.day_start, &mut acts, &mut gens);
            activities.extend(acts.iter().map(|&(ty, s, e)| (a, ty, s, e)));
            records.extend(gens.iter().map(|g| RawState {
                start: g.start,
                end: g.end.unwrap_or(OPEN),
                modified: g.modified,
                state: g.state,
                platform: g.platform,
            }));
            offsets.push(records.len());
        }
        let states = StateLog {
            agents: names.clone(),
            platforms: order.names().to_vec(),
            states: STATES.iter().map(|s| (*s).to_owned()).collect(),
            offsets,
            records,
        };
        let directory = AgentDirectory::new();
        let inputs = activities
            .iter()
            .map(|&(a, ty, s, e)| ActivityInput::new(&names[a], TYPES[ty], s, e));
        let (schedule, _) = Schedule::build(inputs, &types, &directory);
        Ok(Self {
            order,
            directory,
            types,
            mapping: mapping(),
            window,
            states,
            schedule,
        })
    }

    /// The borrowed input of [`measure`](crate::measure).
    ///
    /// # Example
    ///
    /// See [`SyntheticDay`].
    #[must_use]
    pub fn input(&self) -> crate::AdherenceInput<'_> {
        crate::AdherenceInput {
            states: &self.states,
            schedule: &self.schedule,
            types: &self.types,
            mapping: &self.mapping,
            directory: &self.directory,
        }
    }
}

/// The same day as `wfm-core` records: `(states, activities)`, agent by agent.
///
/// # Example
///
/// ```
/// use wfm_adherence::synthetic::{records, SyntheticConfig};
/// let (states, activities) = records(&SyntheticConfig::new(3));
/// assert!(states.len() > 3 * 80 && activities.len() >= 3);
/// ```
#[must_use]
pub fn records(config: &SyntheticConfig) -> (Vec<wfm_core::AgentState>, Vec<wfm_core::Activity>) {
    let mut rng = Rng(wfm_core::SplitMix64::new(config.seed));
    let (mut acts, mut gens) = (Vec::new(), Vec::new());
    let (mut states, mut activities) = (Vec::new(), Vec::new());
    for a in 0..config.agents {
        agent_day(&mut rng, config.day_start, &mut acts, &mut gens);
        let name = wfm_core::AgentId::new(agent_name(a));
        activities.extend(
            acts.iter()
                .enumerate()
                .map(|(k, &(ty, s, e))| wfm_core::Activity {
                    id: wfm_core::ActivityId::new(format!("{name}-{k}")),
                    agent_id: name.clone(),
                    type_id: wfm_core::ActivityTypeId::new(TYPES[ty]),
                    start_time: s,
                    end_time: e,
                    ..Default::default()
                }),
        );
        states.extend(gens.iter().map(|g| wfm_core::AgentState {
            agent_id: name.clone(),
            platform: Some(PLATFORMS[g.platform as usize].to_owned()),
            state: STATES[g.state as usize].to_owned(),
            start_time: g.start,
            end_time: g.end,
            modified_at: Some(g.modified),
            ..Default::default()
        }));
    }
    (states, activities)
}
