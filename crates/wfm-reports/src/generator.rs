//! A seeded generator of realistic conversations, for tests, benchmarks and samples.

use chrono::{Datelike, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::input::{Channel, ConversationInput, ConversationUpdate, channel_index, update_for};
use crate::rng::Rng;

const QUEUES: [(&str, f64); 4] = [
    ("billing", 0.3),
    ("tech-support", 0.4),
    ("sales", 0.2),
    ("returns", 0.1),
];
/// Channel mix and mean handle time (seconds) per channel, in `Channel::ALL` order.
const CHANNELS: [(f64, f64); 6] = [
    (0.40, 360.0),
    (0.25, 480.0),
    (0.25, 600.0),
    (0.05, 300.0),
    (0.03, 420.0),
    (0.02, 900.0),
];
/// Weekly volume factors, Monday first.
const WEEKDAY: [f64; 7] = [1.15, 1.1, 1.05, 1.0, 0.95, 0.5, 0.4];
const SUBJECTS: [&str; 6] = [
    "Refund request",
    "Cannot log in",
    "Invoice question",
    "Upgrade plan",
    "Order not delivered",
    "Change address",
];
/// CSAT distribution of rated conversations, scores 1 to 5.
const CSAT: [f64; 5] = [0.08, 0.07, 0.10, 0.25, 0.50];

/// Settings of [`generate_conversations`]: a seed, a range of local days and volumes.
///
/// # Example
///
/// ```
/// use wfm_reports::GeneratorConfig;
/// let cfg = GeneratorConfig::new(7).days(3).daily_volume(500.0).agents(20);
/// let convs = wfm_reports::generate_conversations(&cfg);
/// assert!(convs.len() > 800 && convs.len() < 2_500);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorConfig {
    seed: u64,
    start: i64,
    days: u32,
    daily_volume: f64,
    agents: u32,
    tz: Tz,
    text_fields: bool,
}

impl GeneratorConfig {
    /// Defaults: 7 days from 2026-03-02 (a Monday) in `America/New_York`, 2,000
    /// conversations on an average weekday, 40 agents, text fields on.
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1);
    /// assert!(!wfm_reports::generate_conversations(&cfg).is_empty());
    /// ```
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            start: 1_772_427_600, // 2026-03-02T00:00:00-05:00
            days: 7,
            daily_volume: 2_000.0,
            agents: 40,
            tz: chrono_tz::America::New_York,
            text_fields: true,
        }
    }

    /// First instant generated (unix seconds); days run from there in steps of 24 hours
    /// of the zone's local clock.
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).start(0).days(1);
    /// assert!(wfm_reports::generate_conversations(&cfg).iter().all(|c| c.started_at >= 0));
    /// ```
    #[must_use]
    pub fn start(mut self, start: i64) -> Self {
        self.start = start;
        self
    }

    /// Number of days generated.
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).days(0);
    /// assert!(wfm_reports::generate_conversations(&cfg).is_empty());
    /// ```
    #[must_use]
    pub fn days(mut self, days: u32) -> Self {
        self.days = days;
        self
    }

    /// Expected conversations on an average weekday (weekends are quieter).
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).daily_volume(0.0);
    /// assert!(wfm_reports::generate_conversations(&cfg).is_empty());
    /// ```
    #[must_use]
    pub fn daily_volume(mut self, volume: f64) -> Self {
        self.daily_volume = volume;
        self
    }

    /// Number of agents conversations are assigned to.
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).agents(1).days(1);
    /// let convs = wfm_reports::generate_conversations(&cfg);
    /// assert!(convs.iter().filter_map(|c| c.assigned_agent_id.as_ref().map(|a| a.as_str())).all(|a| a.ends_with("-000")));
    /// ```
    #[must_use]
    pub fn agents(mut self, agents: u32) -> Self {
        self.agents = agents.max(1);
        self
    }

    /// Time zone whose business hours shape the intraday volume.
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).tz(chrono_tz::Europe::London);
    /// assert!(!wfm_reports::generate_conversations(&cfg).is_empty());
    /// ```
    #[must_use]
    pub fn tz(mut self, tz: Tz) -> Self {
        self.tz = tz;
        self
    }

    /// Whether to fill `customer_id`, `subject`, `status` and `metadata` (off for
    /// memory-lean benchmarks).
    ///
    /// # Example
    ///
    /// ```
    /// let cfg = wfm_reports::GeneratorConfig::new(1).days(1).text_fields(false);
    /// assert!(wfm_reports::generate_conversations(&cfg).iter().all(|c| c.subject.is_none()));
    /// ```
    #[must_use]
    pub fn text_fields(mut self, on: bool) -> Self {
        self.text_fields = on;
        self
    }
}

/// Intraday shape: quiet nights, a morning peak around 10:00 and an afternoon one at 14:00.
fn intraday(local_hour: f64) -> f64 {
    let bump =
        |center: f64, width: f64| (-(local_hour - center).powi(2) / (2.0 * width * width)).exp();
    0.05 + bump(10.0, 1.8) + 0.8 * bump(14.5, 2.2)
}

/// The platform and its agent-id prefix for a channel.
fn platform_of(channel: Channel) -> (&'static str, &'static str) {
    match channel {
        Channel::Phone => ("talkdesk", "td"),
        _ => ("zendesk", "zd"),
    }
}

/// The platform identity associations the generated conversations use:
/// `(platform, platform agent id, agent id)`.
///
/// # Example
///
/// ```
/// let links = wfm_reports::generator_associations(2);
/// assert_eq!(links.len(), 4);
/// assert_eq!(links[0], ("talkdesk".to_string(), "td-000".to_string(), "agent-000".to_string()));
/// ```
#[must_use]
pub fn generator_associations(agents: u32) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (platform, prefix) in [("talkdesk", "td"), ("zendesk", "zd")] {
        for a in 0..agents.max(1) {
            out.push((
                platform.to_owned(),
                format!("{prefix}-{a:03}"),
                format!("agent-{a:03}"),
            ));
        }
    }
    out
}

/// Generates conversations in 30-minute intervals: Poisson volumes following a
/// weekly and intraday shape, channel and queue mixes, log-normal handle times,
/// exponential waits and first responses, 85 % resolution and a skewed CSAT on a
/// quarter of them. About 2 % are abandoned (no agent, no handle time).
///
/// Output is sorted by `started_at`; external ids are unique and stable: the same
/// seed gives the same conversations for any split of the day range.
///
/// # Example
///
/// ```
/// use wfm_reports::{ConversationStore, GeneratorConfig, generate_conversations};
/// let convs = generate_conversations(&GeneratorConfig::new(42).days(2));
/// assert_eq!(convs, generate_conversations(&GeneratorConfig::new(42).days(2)));
/// let mut store = ConversationStore::new();
/// assert_eq!(store.upsert(convs.clone()).counts().created, convs.len());
/// ```
#[must_use]
pub fn generate_conversations(config: &GeneratorConfig) -> Vec<ConversationInput> {
    let step = 1_800;
    let intervals = u64::from(config.days) * 48;
    let mut out = Vec::new();
    for i in 0..intervals as i64 {
        let t0 = config.start.saturating_add(i * step);
        let Some(local) = config.tz.timestamp_opt(t0, 0).single() else {
            continue;
        };
        let hour = f64::from(local.hour()) + f64::from(local.minute()) / 60.0 + 0.25;
        let weekday = WEEKDAY[local.weekday().num_days_from_monday() as usize];
        // Shape integrates to about 48 * 0.05 + 2 * (1.8 + 0.8 * 2.2) * sqrt(2 pi) = 20.2 half hours.
        let lambda = config.daily_volume * weekday * intraday(hour) / 20.2;
        let mut rng = Rng::new(config.seed ^ (t0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let n = rng.poisson(lambda);
        let first = out.len();
        for k in 0..n {
            out.push(one(config, &mut rng, t0, k));
        }
        // Intervals come in order, so sorting inside each keeps the whole output sorted.
        out[first..].sort_by_key(|c| c.started_at);
    }
    out
}

fn one(config: &GeneratorConfig, rng: &mut Rng, t0: i64, k: u64) -> ConversationInput {
    let weights: Vec<f64> = CHANNELS.iter().map(|c| c.0).collect();
    let channel = Channel::ALL[rng.weighted(&weights)];
    let aht = CHANNELS[channel_index(channel)].1;
    let queue = QUEUES[rng.weighted(&QUEUES.map(|q| q.1))].0;
    let started = t0 + rng.below(1_800) as i64;
    let (platform, prefix) = platform_of(channel);
    let mut c = ConversationInput::new(
        format!("{prefix}-{:x}-{t0}-{k}", config.seed),
        channel,
        started,
    );
    c.platform = Some(platform.to_owned());
    c.queue_id = Some(queue.into());
    let (wait, frt) = match channel {
        Channel::Phone => {
            let w = rng.exponential(45.0).round();
            (w, w)
        }
        Channel::Chat | Channel::Sms | Channel::Social => {
            let w = rng.exponential(30.0).round();
            (w, w + rng.exponential(20.0).round())
        }
        Channel::Email | Channel::BackOffice => {
            let f = rng.exponential(4.0 * 3_600.0).round();
            (f, f)
        }
    };
    c.wait_time_seconds = Some(wait);
    let abandoned = channel == Channel::Phone && rng.uniform() < 0.05;
    if abandoned {
        c.ended_at = Some(started + wait as i64);
        c.resolved = Some(false);
    } else {
        let handle = rng.lognormal(aht, 0.6).round().max(1.0);
        c.first_response_time_seconds = Some(frt);
        c.handle_time_seconds = Some(handle);
        c.assigned_agent_id =
            Some(format!("{prefix}-{:03}", rng.below(u64::from(config.agents))).into());
        c.ended_at = Some(started + (frt + handle) as i64);
        c.resolved = Some(rng.uniform() < 0.85);
        if rng.uniform() < 0.25 {
            c.csat_score = Some((rng.weighted(&CSAT) + 1) as f64);
        }
    }
    if config.text_fields {
        c.customer_id = Some(format!("cust-{:05}", rng.below(50_000)));
        c.subject = Some(SUBJECTS[rng.below(SUBJECTS.len() as u64) as usize].to_owned());
        c.status = Some(
            if c.resolved == Some(true) {
                "solved"
            } else {
                "open"
            }
            .to_owned(),
        );
        let mut meta = serde_json::Map::new();
        meta.insert(
            "priority".into(),
            if rng.uniform() < 0.1 {
                "high"
            } else {
                "normal"
            }
            .into(),
        );
        c.metadata = Some(meta);
    }
    c
}

/// Seeded partial updates of a share of `conversations`, as a CRM sends them later:
/// late CSAT ratings and resolution flips.
///
/// # Example
///
/// ```
/// use wfm_reports::{ConversationStore, GeneratorConfig, generate_conversations, generate_updates};
/// let convs = generate_conversations(&GeneratorConfig::new(3).days(1));
/// let updates = generate_updates(&convs, 3, 0.1);
/// let mut store = ConversationStore::new();
/// store.upsert(convs);
/// assert_eq!(store.update(updates).counts().rejected, 0);
/// ```
#[must_use]
pub fn generate_updates(
    conversations: &[ConversationInput],
    seed: u64,
    share: f64,
) -> Vec<ConversationUpdate> {
    let mut rng = Rng::new(seed ^ 0x5EED_0F0D_47E5);
    let mut out = Vec::new();
    for c in conversations {
        if rng.uniform() >= share {
            continue;
        }
        let mut u = update_for(c.external_id.clone());
        u.csat_score = Some(Some((rng.weighted(&CSAT) + 1) as f64));
        if c.resolved == Some(false) && c.assigned_agent_id.is_some() {
            u.resolved = Some(true);
            u.status = c.status.as_ref().map(|_| "solved".to_owned());
        }
        out.push(u);
    }
    out
}
