//! Per-record outcomes of a bulk upsert or update.

use std::fmt;

/// Why a record was rejected: the field at fault and a reason naming the bad value.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, Outcome};
/// let mut store = ConversationStore::new();
/// let mut c = ConversationInput::new("c-1", Channel::Chat, 1_700_000_000);
/// c.csat_score = Some(7.0);
/// let out = store.upsert(vec![c]);
/// let Outcome::Rejected(r) = &out.outcomes[0] else { panic!("expected a rejection") };
/// assert_eq!(r.field, "csat_score");
/// assert_eq!(r.to_string(), "csat_score: must be between 1 and 5, got 7.0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// The field at fault (wire name).
    pub field: String,
    /// Why, naming the bad value.
    pub reason: String,
}

impl Rejection {
    pub(crate) fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// What happened to one record of a batch.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore, Outcome};
/// let mut store = ConversationStore::new();
/// let c = ConversationInput::new("c-1", Channel::Chat, 1_700_000_000);
/// assert_eq!(store.upsert(vec![c.clone()]).outcomes, vec![Outcome::Created]);
/// assert_eq!(store.upsert(vec![c]).outcomes, vec![Outcome::Unchanged]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A new conversation was stored.
    Created,
    /// An existing conversation was overwritten with different values (upsert).
    Replaced,
    /// An existing conversation was partially updated with different values (update).
    Updated,
    /// The record equals what is stored: nothing changed.
    Unchanged,
    /// A later valid record of the same batch has the same `external_id` and wins.
    Superseded {
        /// Index in the batch of the record that wins.
        by: usize,
    },
    /// The record is invalid and was not applied.
    Rejected(Rejection),
}

/// Counts of each outcome in a batch.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore};
/// let mut store = ConversationStore::new();
/// let a = ConversationInput::new("a", Channel::Chat, 10);
/// let counts = store.upsert(vec![a.clone(), a]).counts();
/// assert_eq!((counts.created, counts.superseded, counts.total()), (1, 1, 2));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutcomeCounts {
    /// Records created.
    pub created: usize,
    /// Records that replaced a stored conversation.
    pub replaced: usize,
    /// Records that updated a stored conversation.
    pub updated: usize,
    /// Records equal to what was stored.
    pub unchanged: usize,
    /// Records superseded by a later duplicate in the same batch.
    pub superseded: usize,
    /// Records rejected.
    pub rejected: usize,
}

impl OutcomeCounts {
    /// Total number of records counted.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::OutcomeCounts::default().total(), 0);
    /// ```
    #[must_use]
    pub fn total(&self) -> usize {
        self.created
            + self.replaced
            + self.updated
            + self.unchanged
            + self.superseded
            + self.rejected
    }
}

impl fmt::Display for OutcomeCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "created {}, replaced {}, updated {}, unchanged {}, superseded {}, rejected {}",
            self.created,
            self.replaced,
            self.updated,
            self.unchanged,
            self.superseded,
            self.rejected
        )
    }
}

/// The outcome of every record of a batch, in batch order.
///
/// # Example
///
/// ```
/// use wfm_reports::{Channel, ConversationInput, ConversationStore};
/// let mut store = ConversationStore::new();
/// let mut bad = ConversationInput::new("b", Channel::Email, 100);
/// bad.ended_at = Some(50);
/// let out = store.upsert(vec![ConversationInput::new("a", Channel::Email, 100), bad]);
/// let rejected: Vec<_> = out.rejected().collect();
/// assert_eq!(rejected.len(), 1);
/// assert_eq!((rejected[0].0, rejected[0].1.field.as_str()), (1, "ended_at"));
/// assert_eq!(store.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchOutcome {
    /// One outcome per input record, in input order.
    pub outcomes: Vec<Outcome>,
}

impl BatchOutcome {
    /// Counts of each outcome kind.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::BatchOutcome::default().counts().total(), 0);
    /// ```
    #[must_use]
    pub fn counts(&self) -> OutcomeCounts {
        let mut c = OutcomeCounts::default();
        for o in &self.outcomes {
            match o {
                Outcome::Created => c.created += 1,
                Outcome::Replaced => c.replaced += 1,
                Outcome::Updated => c.updated += 1,
                Outcome::Unchanged => c.unchanged += 1,
                Outcome::Superseded { .. } => c.superseded += 1,
                Outcome::Rejected(_) => c.rejected += 1,
            }
        }
        c
    }

    /// The rejected records as `(batch index, rejection)`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_reports::BatchOutcome::default().rejected().count(), 0);
    /// ```
    pub fn rejected(&self) -> impl Iterator<Item = (usize, &Rejection)> {
        self.outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                Outcome::Rejected(r) => Some((i, r)),
                _ => None,
            })
    }
}
