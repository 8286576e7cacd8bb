//! The in-memory conversation store: bulk upsert and bulk update keyed by `external_id`.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::fasthash::{IdIndex, hash_str};
use crate::input::{ConversationInput, ConversationUpdate};
use crate::outcome::{BatchOutcome, Outcome, Rejection};
use crate::record::{Extras, Fact, NO_EXTRAS, NO_TIME, Valid, check_input, nan_none, or_nan};
use crate::symbols::{NONE, Symbols};

/// Conversations keyed by `external_id`, with the semantics of Assembled's
/// Conversations API: bulk upsert (create or overwrite) and bulk partial update.
///
/// Every batch returns one [`Outcome`] per record and applies every valid record even
/// when others are rejected; invalid records change nothing. Inside a batch, when
/// several valid records share an `external_id` the last one wins and the earlier ones
/// are reported [`Outcome::Superseded`]. Re-sending a batch changes nothing and reports
/// [`Outcome::Unchanged`] for its winning records.
///
/// Platform identities map `(platform, platform agent id)` to an agent id: reports
/// attribute a conversation whose `platform` and `assigned_agent_id` match an
/// association to the associated agent.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, Outcome, update_for};
/// let mut store = ConversationStore::new();
/// let mut c = ConversationInput::new("zd-1", Channel::Email, 1_700_000_000);
/// c.platform = Some("zendesk".into());
/// c.assigned_agent_id = Some("zd-agent-7".into());
/// store.upsert(vec![c]);
/// store.associate("zendesk", "zd-agent-7", "agent-42");
/// assert_eq!(store.agent_of("zd-1"), Some("agent-42"));
///
/// let mut u = update_for("zd-1");
/// u.csat_score = Some(Some(5.0));
/// let out = store.update(vec![u, update_for("nope")]);
/// assert_eq!(out.outcomes[0], Outcome::Updated);
/// assert!(matches!(&out.outcomes[1], Outcome::Rejected(r) if r.field == "external_id"));
/// assert_eq!(store.get("zd-1").and_then(|c| c.csat_score), Some(5.0));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ConversationStore {
    index: IdIndex,
    ids: Vec<String>,
    facts: Vec<Fact>,
    /// Per row: its slot in `extra_pool`, or [`NO_SLOT`] when it never had text fields.
    extras: Vec<u32>,
    /// Text fields of the rows that have (or had) any, inline: no allocation per row.
    extra_pool: Vec<Extras>,
    pub(crate) queues: Symbols,
    pub(crate) agents: Symbols,
    platforms: Symbols,
    identities: HashMap<(u32, u32), u32>,
}

/// A record's validation: the hash of its `external_id`, or why it is rejected (boxed,
/// so the chunk's scratch vector stays 16 bytes a record).
type Checked = Result<u64, Box<Rejection>>;

/// Records validated and indexed per step of an upsert's first pass (about 5 MB of
/// records: they stay in cache between the two).
const CHUNK: usize = 16_384;

/// How many records ahead of the one being indexed its index slot is loaded.
const TOUCH_AHEAD: usize = 8;

/// Why a record is rejected when the store already holds the most rows it can index.
const FULL: &str = "store is full: it holds at most 4294967294 conversations";

/// Row of a rejected record.
const NO_ROW: u32 = u32::MAX;

/// Extras slot of a row without text fields.
const NO_SLOT: u32 = u32::MAX;

/// A stored fact for a row created in the current batch, overwritten by the batch's
/// winning record for that row before the batch returns.
const PLACEHOLDER: Fact = Fact {
    started_at: 0,
    ended_at: NO_TIME,
    handle: f64::NAN,
    wait: f64::NAN,
    frt: f64::NAN,
    csat: f64::NAN,
    queue: NONE,
    agent: NONE,
    raw_agent: NONE,
    platform: NONE,
    channel: crate::Channel::Phone,
    resolved: 2,
};

impl ConversationStore {
    /// An empty store.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_reports::ConversationStore::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of stored conversations.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::ConversationStore::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether the store holds no conversation.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_reports::ConversationStore::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Creates or overwrites conversations by `external_id` (`POST /conversations/bulk`).
    ///
    /// Records are validated in parallel, then applied in batch order.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore, Outcome};
    /// let mut store = ConversationStore::new();
    /// let a1 = ConversationInput::new("a", Channel::Chat, 100);
    /// let a2 = ConversationInput::new("a", Channel::Chat, 200);
    /// let out = store.upsert(vec![a1, a2]);
    /// assert_eq!(out.outcomes, vec![Outcome::Superseded { by: 1 }, Outcome::Created]);
    /// assert_eq!(store.get("a").map(|c| c.started_at), Some(200));
    /// ```
    pub fn upsert(&mut self, mut batch: Vec<ConversationInput>) -> BatchOutcome {
        let old_len = self.facts.len();
        self.facts.reserve(batch.len());
        self.extras.reserve(batch.len());
        self.ids.reserve(batch.len());
        self.index.reserve(batch.len(), &self.ids);
        let mut with_text = 0;
        let mut rows: Vec<u32> = Vec::with_capacity(batch.len());
        let mut rejected = Vec::new();
        let mut checked: Vec<Checked> = Vec::with_capacity(CHUNK.min(batch.len()));
        // Pass 1, a cache-sized chunk at a time: validate in parallel, then find the row
        // of every valid record; new ids get a row now (their id moved in).
        for part in batch.chunks_mut(CHUNK) {
            checked.clear();
            checked.par_extend(part.par_iter().map(|c| match check_input(c) {
                Ok(()) => Ok(hash_str(&c.external_id)),
                Err(r) => Err(Box::new(r)),
            }));
            for (k, c) in part.iter_mut().enumerate() {
                // Load the index slot of a record a few places ahead, so that its probe
                // overlaps with this one's instead of waiting for memory.
                if let Some(Ok(ahead)) = checked.get(k + TOUCH_AHEAD) {
                    std::hint::black_box(self.index.touch(*ahead));
                }
                let i = rows.len();
                let hash = match std::mem::replace(&mut checked[k], Ok(0)) {
                    Ok(hash) => hash,
                    Err(r) => {
                        rejected.push((i, *r));
                        rows.push(NO_ROW);
                        continue;
                    }
                };
                let Some(new_row) = u32::try_from(self.ids.len()).ok().filter(|&r| r != NO_ROW)
                else {
                    rejected.push((i, Rejection::new("external_id", FULL.to_owned())));
                    rows.push(NO_ROW);
                    continue;
                };
                with_text += usize::from(has_text(c));
                let (row, inserted) =
                    self.index
                        .get_or_insert(hash, &c.external_id, &self.ids, new_row);
                if inserted {
                    // The row's fact and text slot are stored by its winning record.
                    self.ids.push(std::mem::take(&mut c.external_id));
                }
                rows.push(row);
            }
        }
        self.extra_pool.reserve(with_text);
        self.apply(batch, rejected, &rows, old_len, &Outcome::Replaced)
    }

    /// Applies partial updates by `external_id` (`PATCH /conversations/bulk`).
    ///
    /// An update of an unknown `external_id` is rejected, as is one whose merged record
    /// breaks a rule (for example `ended_at` before the stored `started_at`).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore, Outcome, update_for};
    /// let mut store = ConversationStore::new();
    /// store.upsert(vec![ConversationInput::new("a", Channel::Chat, 100)]);
    /// let mut u = update_for("a");
    /// u.ended_at = Some(50);
    /// let out = store.update(vec![u]);
    /// assert!(matches!(&out.outcomes[0], Outcome::Rejected(r) if r.field == "ended_at"));
    /// ```
    pub fn update(&mut self, batch: Vec<ConversationUpdate>) -> BatchOutcome {
        let this = &*self;
        let merged: Vec<(Option<ConversationInput>, u32, Option<Rejection>)> = batch
            .into_par_iter()
            .map(|u| {
                let Some(row) = this
                    .index
                    .get(hash_str(&u.external_id), &u.external_id, &this.ids)
                else {
                    let why = format!("unknown external_id {:?}", u.external_id);
                    return (None, NO_ROW, Some(Rejection::new("external_id", why)));
                };
                match this.valid_at(row as usize).merge(&u) {
                    Ok(c) => (Some(c), row, None),
                    Err(r) => (None, NO_ROW, Some(r)),
                }
            })
            .collect();
        let mut batch = Vec::with_capacity(merged.len());
        let mut rows = Vec::with_capacity(merged.len());
        let mut rejected = Vec::new();
        for (i, (c, row, rejection)) in merged.into_iter().enumerate() {
            // Rejected updates carry no record: a placeholder keeps positions aligned.
            batch.push(c.unwrap_or_else(|| ConversationInput::new("", crate::Channel::Phone, 0)));
            rows.push(row);
            rejected.extend(rejection.map(|r| (i, r)));
        }
        let old_len = self.facts.len();
        self.apply(batch, rejected, &rows, old_len, &Outcome::Updated)
    }

    /// Pass 2: writes the last valid record of each row; earlier ones are superseded.
    fn apply(
        &mut self,
        batch: Vec<ConversationInput>,
        rejected: Vec<(usize, Rejection)>,
        rows: &[u32],
        old_len: usize,
        changed: &Outcome,
    ) -> BatchOutcome {
        let repeated = repeated_rows(rows, self.ids.len());
        let mut rejected = rejected.into_iter().peekable();
        let outcomes = batch
            .into_iter()
            .zip(rows)
            .enumerate()
            .map(|(i, (c, &row))| {
                if let Some((_, r)) = rejected.next_if(|(j, _)| *j == i) {
                    return Outcome::Rejected(r);
                }
                if row == NO_ROW {
                    // Unreachable: every record without a row was rejected above.
                    return Outcome::Rejected(Rejection::new("external_id", FULL.to_owned()));
                }
                match repeated.get(&row) {
                    Some(&by) if by != i => Outcome::Superseded { by },
                    _ => self.write(row as usize, c, row as usize >= old_len, changed),
                }
            })
            .collect();
        BatchOutcome { outcomes }
    }

    /// Stores `c` at `row` (its text fields moved in, the rest dropped here while hot).
    #[inline]
    fn write(&mut self, row: usize, c: ConversationInput, new: bool, changed: &Outcome) -> Outcome {
        let platform = self.platforms.intern(c.platform.as_deref());
        let raw_agent = self
            .agents
            .intern(c.assigned_agent_id.as_ref().map(|a| a.as_str()));
        let fact = Fact {
            started_at: c.started_at,
            ended_at: c.ended_at.unwrap_or(NO_TIME),
            handle: or_nan(c.handle_time_seconds),
            wait: or_nan(c.wait_time_seconds),
            frt: or_nan(c.first_response_time_seconds),
            csat: or_nan(c.csat_score),
            queue: self.queues.intern(c.queue_id.as_ref().map(|q| q.as_str())),
            agent: self.resolve(platform, raw_agent),
            raw_agent,
            platform,
            channel: c.channel,
            resolved: c.resolved.map_or(2, u8::from),
        };
        let extras = Extras {
            customer_id: c.customer_id,
            subject: c.subject,
            status: c.status,
            metadata: c.metadata,
        };
        if new {
            self.store_new(row, fact, extras);
            return Outcome::Created;
        }
        if self.facts[row] == fact && *self.extras_at(row) == extras {
            return Outcome::Unchanged;
        }
        self.facts[row] = fact;
        self.set_extras(row, extras);
        changed.clone()
    }

    /// Stores the first fact and text fields of `row`, created in this batch. Rows are
    /// usually written in creation order, so this appends; a row whose first record was
    /// superseded is written after later-created rows, which are then given placeholder
    /// slots to be overwritten by their own winning records before the batch returns.
    #[inline]
    fn store_new(&mut self, row: usize, fact: Fact, extras: Extras) {
        let slot = if extras.is_empty() {
            NO_SLOT
        } else {
            self.extra_pool.push(extras);
            u32::try_from(self.extra_pool.len() - 1).unwrap_or(NO_SLOT)
        };
        if row == self.facts.len() {
            self.facts.push(fact);
            self.extras.push(slot);
        } else {
            if row > self.facts.len() {
                self.facts.resize(row + 1, PLACEHOLDER);
                self.extras.resize(row + 1, NO_SLOT);
            }
            self.facts[row] = fact;
            self.extras[row] = slot;
        }
    }

    /// The text fields of `row` (all absent when it has none).
    fn extras_at(&self, row: usize) -> &Extras {
        self.extra_pool
            .get(self.extras[row] as usize)
            .unwrap_or(&NO_EXTRAS)
    }

    /// Stores the text fields of `row`: in its pool slot if it has one, else in a new
    /// slot unless there are none to keep.
    fn set_extras(&mut self, row: usize, extras: Extras) {
        if let Some(slot) = self.extra_pool.get_mut(self.extras[row] as usize) {
            *slot = extras;
        } else if !extras.is_empty() {
            self.extras[row] = u32::try_from(self.extra_pool.len()).unwrap_or(NO_SLOT);
            self.extra_pool.push(extras);
        }
    }

    fn resolve(&self, platform: u32, raw_agent: u32) -> u32 {
        if platform == NONE || raw_agent == NONE {
            return raw_agent;
        }
        self.identities
            .get(&(platform, raw_agent))
            .copied()
            .unwrap_or(raw_agent)
    }

    /// Associates a platform's agent id with an agent id (`POST /agents/associations`).
    ///
    /// Stored and future conversations from `platform` assigned to `platform_agent_id`
    /// are attributed to `agent_id` in reports. Returns whether the association is new
    /// or changed.
    ///
    /// # Example
    ///
    /// ```
    /// let mut store = wfm_reports::ConversationStore::new();
    /// assert!(store.associate("intercom", "ic-9", "agent-1"));
    /// assert!(!store.associate("intercom", "ic-9", "agent-1"));
    /// assert_eq!(store.agent_for("intercom", "ic-9"), Some("agent-1"));
    /// ```
    pub fn associate(&mut self, platform: &str, platform_agent_id: &str, agent_id: &str) -> bool {
        let p = self.platforms.intern(Some(platform));
        let raw = self.agents.intern(Some(platform_agent_id));
        let agent = self.agents.intern(Some(agent_id));
        if self.identities.insert((p, raw), agent) == Some(agent) {
            return false;
        }
        self.facts.par_iter_mut().for_each(|f| {
            if f.platform == p && f.raw_agent == raw {
                f.agent = agent;
            }
        });
        true
    }

    /// Every platform identity association as `(platform, platform agent id, agent id)`,
    /// sorted, for persisting a store (re-apply them with [`associate`](Self::associate)).
    ///
    /// # Example
    ///
    /// ```
    /// let mut store = wfm_reports::ConversationStore::new();
    /// store.associate("zendesk", "z9", "agent-2");
    /// store.associate("intercom", "ic-1", "agent-1");
    /// let links = store.associations();
    /// assert_eq!(links, [("intercom", "ic-1", "agent-1"), ("zendesk", "z9", "agent-2")]);
    /// ```
    #[must_use]
    pub fn associations(&self) -> Vec<(&str, &str, &str)> {
        let mut out: Vec<(&str, &str, &str)> = self
            .identities
            .iter()
            .filter_map(|(&(p, raw), &agent)| {
                Some((
                    self.platforms.name(p)?,
                    self.agents.name(raw)?,
                    self.agents.name(agent)?,
                ))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// The agent id associated with a platform's agent id, if any.
    ///
    /// # Example
    ///
    /// ```
    /// let store = wfm_reports::ConversationStore::new();
    /// assert_eq!(store.agent_for("zendesk", "z1"), None);
    /// ```
    #[must_use]
    pub fn agent_for(&self, platform: &str, platform_agent_id: &str) -> Option<&str> {
        let p = self.platforms.get(platform)?;
        let raw = self.agents.get(platform_agent_id)?;
        let agent = self.identities.get(&(p, raw))?;
        self.agents.name(*agent)
    }

    /// The agent a stored conversation is attributed to (after platform associations).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore};
    /// let mut store = ConversationStore::new();
    /// let mut c = ConversationInput::new("a", Channel::Chat, 100);
    /// c.assigned_agent_id = Some("ag-1".into());
    /// store.upsert(vec![c]);
    /// assert_eq!(store.agent_of("a"), Some("ag-1"));
    /// assert_eq!(store.agent_of("b"), None);
    /// ```
    #[must_use]
    pub fn agent_of(&self, external_id: &str) -> Option<&str> {
        let row = self.row_of(external_id)?;
        self.agents.name(self.facts[row].agent)
    }

    /// The stored conversation with this `external_id`, as a wire record.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore};
    /// let mut store = ConversationStore::new();
    /// let c = ConversationInput::new("a", Channel::Sms, 100);
    /// store.upsert(vec![c.clone()]);
    /// assert_eq!(store.get("a"), Some(c));
    /// ```
    #[must_use]
    pub fn get(&self, external_id: &str) -> Option<ConversationInput> {
        let row = self.row_of(external_id)?;
        Some(self.valid_at(row).into_input())
    }

    /// Every stored conversation as a wire record, in first-insertion order.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_reports::{Channel, ConversationInput, ConversationStore};
    /// let mut store = ConversationStore::new();
    /// store.upsert(vec![ConversationInput::new("b", Channel::Sms, 1), ConversationInput::new("a", Channel::Sms, 2)]);
    /// let ids: Vec<String> = store.conversations().map(|c| c.external_id).collect();
    /// assert_eq!(ids, ["b", "a"]);
    /// ```
    pub fn conversations(&self) -> impl Iterator<Item = ConversationInput> + '_ {
        (0..self.facts.len()).map(|row| self.valid_at(row).into_input())
    }

    fn row_of(&self, external_id: &str) -> Option<usize> {
        let hash = hash_str(external_id);
        self.index
            .get(hash, external_id, &self.ids)
            .map(|r| r as usize)
    }

    fn valid_at(&self, row: usize) -> Valid {
        let f = &self.facts[row];
        let extras = self.extras_at(row).clone();
        let name = |s: &Symbols, sym: u32| s.name(sym).map(str::to_owned);
        Valid {
            external_id: self.ids[row].clone(),
            platform: name(&self.platforms, f.platform),
            queue_id: name(&self.queues, f.queue).map(Into::into),
            assigned_agent_id: name(&self.agents, f.raw_agent).map(Into::into),
            channel: f.channel,
            started_at: f.started_at,
            ended_at: (f.ended_at != NO_TIME).then_some(f.ended_at),
            handle: nan_none(f.handle),
            wait: nan_none(f.wait),
            frt: nan_none(f.frt),
            resolved: match f.resolved {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            },
            csat: nan_none(f.csat),
            extras,
        }
    }

    /// The compact rows the reports scan.
    pub(crate) fn facts(&self) -> &[Fact] {
        &self.facts
    }
}

/// For every row that occurs more than once in `rows` (of a store with `n_rows` rows;
/// [`NO_ROW`] entries are skipped), the batch index of its last occurrence: the record
/// written, the earlier ones superseded. Rows that occur once are absent, so the usual
/// batch of distinct ids costs one bit per row and an empty map.
fn repeated_rows(rows: &[u32], n_rows: usize) -> HashMap<u32, usize> {
    let mut seen = vec![0u64; n_rows.div_ceil(64)];
    let mut last = HashMap::new();
    for (i, &row) in rows.iter().enumerate() {
        if row == NO_ROW {
            continue;
        }
        let Some(word) = seen.get_mut(row as usize / 64) else {
            continue;
        };
        let bit = 1u64 << (row % 64);
        if *word & bit == 0 {
            *word |= bit;
        } else {
            last.insert(row, i);
        }
    }
    last
}

/// Whether a record carries any of the text fields kept in [`Extras`].
fn has_text(c: &ConversationInput) -> bool {
    c.customer_id.is_some() || c.subject.is_some() || c.status.is_some() || c.metadata.is_some()
}
