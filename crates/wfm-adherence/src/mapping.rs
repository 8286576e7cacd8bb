//! State mappings: which scheduled activities each platform state adheres to.

use std::collections::HashMap;
use std::str::FromStr;

use crate::activity::{ActivityKind, ActivityType, ActivityTypes};
use crate::error::{Error, Result};

/// What a platform state adheres to (Assembled's basic groups or advanced event types).
///
/// Parsed from `productive`, `productive:<channel>`, `default`, `time_off`,
/// `category:<name>`, `type:<activity type id>`, or a bare category name such as `break`,
/// `lunch`, `meeting`, `training` or `offline`.
///
/// # Example
///
/// ```
/// use wfm_adherence::MapTarget;
/// assert_eq!("productive:phone".parse::<MapTarget>()?, MapTarget::Productive { channel: Some("phone".into()) });
/// assert_eq!("lunch".parse::<MapTarget>()?, MapTarget::Category("lunch".into()));
/// assert!("productive:".parse::<MapTarget>().is_err());
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MapTarget {
    /// Productive activities, of one channel or (`None`) of any channel.
    Productive {
        /// The channel, lowercase.
        channel: Option<String>,
    },
    /// Any default (non-productive, non-time-off) activity.
    Default,
    /// Any time-off activity.
    TimeOff,
    /// Activities of this category (or, without a category, this name).
    Category(String),
    /// One activity type, by id.
    ActivityType(String),
}

impl FromStr for MapTarget {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let t = text.trim();
        let bad = || Error::InvalidMapTarget {
            target: text.to_owned(),
        };
        let lower = t.to_ascii_lowercase();
        let target = match lower.split_once(':') {
            None => match lower.as_str() {
                "productive" => Self::Productive { channel: None },
                "default" => Self::Default,
                "time_off" | "timeoff" => Self::TimeOff,
                "" => return Err(bad()),
                other => Self::Category(other.to_owned()),
            },
            Some((kind, rest)) => {
                if rest.trim().is_empty() {
                    return Err(bad());
                }
                match kind {
                    "productive" => Self::Productive {
                        channel: Some(rest.trim().to_owned()),
                    },
                    "category" => Self::Category(rest.trim().to_owned()),
                    // Activity type ids are case-sensitive: take them from the original text.
                    "type" => Self::ActivityType(t[5..].trim().to_owned()),
                    _ => return Err(bad()),
                }
            }
        };
        Ok(target)
    }
}

impl MapTarget {
    fn matches(&self, t: &ActivityType) -> bool {
        match self {
            Self::Productive { channel } => {
                t.kind == ActivityKind::Productive
                    && channel
                        .as_ref()
                        .is_none_or(|c| t.channels.iter().any(|x| x.eq_ignore_ascii_case(c)))
            }
            Self::Default => t.kind == ActivityKind::Default,
            Self::TimeOff => t.kind == ActivityKind::TimeOff,
            Self::Category(c) => t.has_category(c),
            Self::ActivityType(id) => t.id == *id,
        }
    }
}

/// Normalised meaning of a state (Assembled's `AgentStatePrimary`), used for occupancy.
///
/// # Example
///
/// ```
/// use wfm_adherence::StatePrimary;
/// assert_eq!("after_call_work".parse::<StatePrimary>()?, StatePrimary::AfterCallWork);
/// assert!(StatePrimary::Occupied.is_working() && !StatePrimary::Available.is_working());
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatePrimary {
    /// Logged in and waiting for work.
    Available,
    /// Handling a contact.
    Occupied,
    /// Wrap-up after a contact.
    AfterCallWork,
    /// On a break or lunch.
    OnBreak,
    /// In a meeting.
    InMeeting,
    /// In training.
    Training,
    /// On time off.
    TimeOff,
    /// Logged out.
    Offline,
}

impl StatePrimary {
    /// Whether the state is customer work (occupancy numerator).
    ///
    /// # Example
    ///
    /// See [`StatePrimary`].
    #[must_use]
    pub fn is_working(self) -> bool {
        matches!(self, Self::Occupied | Self::AfterCallWork)
    }

    /// Whether the agent counts as logged in (occupancy denominator).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!wfm_adherence::StatePrimary::Offline.is_logged_in());
    /// ```
    #[must_use]
    pub fn is_logged_in(self) -> bool {
        !matches!(self, Self::Offline | Self::TimeOff)
    }
}

impl FromStr for StatePrimary {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "available" => Self::Available,
            "occupied" => Self::Occupied,
            "after_call_work" => Self::AfterCallWork,
            "on_break" => Self::OnBreak,
            "in_meeting" => Self::InMeeting,
            "training" => Self::Training,
            "time_off" => Self::TimeOff,
            "offline" => Self::Offline,
            _ => {
                return Err(Error::InvalidStatePrimary {
                    value: text.to_owned(),
                });
            }
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Entry {
    targets: Vec<MapTarget>,
    primary: Option<StatePrimary>,
}

/// Per platform, state label → what it adheres to (and optionally its [`StatePrimary`]).
///
/// States with no entry are *unmapped*: time in them counts as out of adherence when
/// scheduled and is reported separately.
///
/// # Example
///
/// ```
/// use wfm_adherence::{MapTarget, StateMapping, StatePrimary};
/// let m = StateMapping::new()
///     .with_state("five9", "On Call", ["productive:phone".parse::<MapTarget>()?])
///     .with_primary("five9", "On Call", StatePrimary::Occupied);
/// assert!(m.is_mapped("five9", "On Call"));
/// assert!(!m.is_mapped("five9", "Ready"));
/// assert_eq!(m.platforms(), ["five9"]);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateMapping {
    entries: HashMap<(String, String), Entry>,
}

impl StateMapping {
    /// An empty mapping.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_adherence::StateMapping::new().platforms().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds targets for `state` on `platform` (adding to any given before).
    ///
    /// # Example
    ///
    /// See [`StateMapping`].
    #[must_use]
    pub fn with_state(
        mut self,
        platform: impl Into<String>,
        state: impl Into<String>,
        targets: impl IntoIterator<Item = MapTarget>,
    ) -> Self {
        self.entries
            .entry((platform.into(), state.into()))
            .or_default()
            .targets
            .extend(targets);
        self
    }

    /// Sets the [`StatePrimary`] of `state` on `platform` (this alone does not map the state).
    ///
    /// # Example
    ///
    /// See [`StateMapping`].
    #[must_use]
    pub fn with_primary(
        mut self,
        platform: impl Into<String>,
        state: impl Into<String>,
        primary: StatePrimary,
    ) -> Self {
        self.entries
            .entry((platform.into(), state.into()))
            .or_default()
            .primary = Some(primary);
        self
    }

    /// Whether `state` on `platform` has at least one target.
    ///
    /// # Example
    ///
    /// See [`StateMapping`].
    #[must_use]
    pub fn is_mapped(&self, platform: &str, state: &str) -> bool {
        self.entry(platform, state)
            .is_some_and(|e| !e.targets.is_empty())
    }

    /// Platforms with at least one entry, sorted.
    ///
    /// # Example
    ///
    /// See [`StateMapping`].
    #[must_use]
    pub fn platforms(&self) -> Vec<String> {
        let mut p: Vec<String> = self.entries.keys().map(|(p, _)| p.clone()).collect();
        p.sort();
        p.dedup();
        p
    }

    fn entry(&self, platform: &str, state: &str) -> Option<&Entry> {
        self.entries.get(&(platform.to_owned(), state.to_owned()))
    }
}

/// Per (platform, state) facts, compiled for fast lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) mapped: bool,
    pub(crate) productive: bool,
    pub(crate) logged_in: bool,
    pub(crate) working: bool,
    pub(crate) has_primary: bool,
}

/// A [`StateMapping`] compiled against the platforms, state labels and activity types:
/// state-major cells and a match bitset per (state, platform) over activity types.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    platforms: usize,
    words: usize,
    cells: Vec<Cell>,
    bits: Vec<u64>,
    /// Activity types with at least one mapped state.
    pub(crate) type_mapped: Vec<bool>,
    mapping: StateMapping,
    platform_names: Vec<String>,
    types: Vec<ActivityType>,
}

impl Compiled {
    pub(crate) fn new(mapping: &StateMapping, platforms: &[String], types: &ActivityTypes) -> Self {
        let words = types.len().div_ceil(64).max(1);
        let mut type_mapped = vec![false; types.len()];
        for entry in mapping.entries.values() {
            for (i, t) in types.types().iter().enumerate() {
                if entry.targets.iter().any(|m| m.matches(t)) {
                    type_mapped[i] = true;
                }
            }
        }
        Self {
            platforms: platforms.len(),
            words,
            cells: Vec::new(),
            bits: Vec::new(),
            type_mapped,
            mapping: mapping.clone(),
            platform_names: platforms.to_vec(),
            types: types.types().to_vec(),
        }
    }

    /// Appends one state label (its cells for every platform); states are numbered in order.
    pub(crate) fn push_state(&mut self, label: &str) {
        for p in 0..self.platforms {
            let entry = self.mapping.entry(&self.platform_names[p], label);
            let mut cell = Cell::default();
            let base = self.bits.len();
            self.bits.resize(base + self.words, 0);
            if let Some(e) = entry {
                cell.mapped = !e.targets.is_empty();
                for (i, t) in self.types.iter().enumerate() {
                    if e.targets.iter().any(|m| m.matches(t)) {
                        self.bits[base + i / 64] |= 1 << (i % 64);
                        if t.kind == ActivityKind::Productive {
                            cell.productive = true;
                        }
                    }
                }
                if e.targets
                    .iter()
                    .any(|m| matches!(m, MapTarget::Productive { .. }))
                {
                    cell.productive = true;
                }
                if let Some(p) = e.primary {
                    cell.has_primary = true;
                    cell.logged_in = p.is_logged_in();
                    cell.working = p.is_working();
                }
            }
            self.cells.push(cell);
        }
    }

    #[inline]
    pub(crate) fn cell(&self, platform: u16, state: u32) -> Cell {
        self.cells[state as usize * self.platforms + platform as usize]
    }

    #[inline]
    pub(crate) fn matches(&self, platform: u16, state: u32, ty: u32) -> bool {
        let row = (state as usize * self.platforms + platform as usize) * self.words;
        self.bits[row + ty as usize / 64] >> (ty % 64) & 1 == 1
    }

    pub(crate) fn type_kind(&self, ty: u32) -> ActivityKind {
        self.types[ty as usize].kind
    }
}
