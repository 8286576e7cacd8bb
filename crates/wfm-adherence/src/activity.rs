//! Activity types (Assembled "event types"): productive, default, or time off.

use std::collections::HashMap;

use crate::error::{Error, Result};

/// The class of an activity type, which also sets layering precedence.
///
/// # Example
///
/// ```
/// use wfm_adherence::ActivityKind;
/// assert!(ActivityKind::TimeOff.precedence() > ActivityKind::Default.precedence());
/// assert!(ActivityKind::Default.precedence() > ActivityKind::Productive.precedence());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// Customer work on one or more channels (counts toward staffing).
    Productive,
    /// Breaks, lunches, meetings, training, projects.
    Default,
    /// Time off; excluded from schedule adherence.
    TimeOff,
}

impl ActivityKind {
    /// Layering precedence when scheduled activities overlap: higher wins
    /// (time off over default over productive, as breaks overlay a shift).
    ///
    /// # Example
    ///
    /// See [`ActivityKind`].
    #[must_use]
    pub fn precedence(self) -> u8 {
        match self {
            Self::Productive => 0,
            Self::Default => 1,
            Self::TimeOff => 2,
        }
    }
}

/// One activity type.
///
/// # Example
///
/// ```
/// use wfm_adherence::{ActivityKind, ActivityType};
/// let t = ActivityType::new("lunch", ActivityKind::Default).with_category("lunch");
/// assert_eq!(t.category.as_deref(), Some("lunch"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivityType {
    /// The id activities refer to (`type_id`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Productive, default or time off.
    pub kind: ActivityKind,
    /// Channels of a productive type (lowercase, e.g. `phone`).
    pub channels: Vec<String>,
    /// Category such as `shift`, `break`, `lunch`, `meeting`, `training` (lowercase).
    pub category: Option<String>,
}

impl ActivityType {
    /// A type with `name = id`, no channels and no category.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{ActivityKind, ActivityType};
    /// assert_eq!(ActivityType::new("x", ActivityKind::Productive).name, "x");
    /// ```
    #[must_use]
    pub fn new(id: impl Into<String>, kind: ActivityKind) -> Self {
        let id = id.into();
        Self {
            name: id.clone(),
            id,
            kind,
            channels: Vec::new(),
            category: None,
        }
    }

    /// Sets the display name.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{ActivityKind, ActivityType};
    /// assert_eq!(ActivityType::new("x", ActivityKind::Default).with_name("Lunch").name, "Lunch");
    /// ```
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Adds a channel (stored lowercase).
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{ActivityKind, ActivityType};
    /// let t = ActivityType::new("p", ActivityKind::Productive).with_channel("Phone");
    /// assert_eq!(t.channels, ["phone"]);
    /// ```
    #[must_use]
    pub fn with_channel(mut self, channel: impl AsRef<str>) -> Self {
        self.channels.push(channel.as_ref().to_ascii_lowercase());
        self
    }

    /// Sets the category (stored lowercase).
    ///
    /// # Example
    ///
    /// See [`ActivityType`].
    #[must_use]
    pub fn with_category(mut self, category: impl AsRef<str>) -> Self {
        self.category = Some(category.as_ref().to_ascii_lowercase());
        self
    }

    /// Whether the category or, failing that, the name equals `category` (ASCII case-insensitive).
    pub(crate) fn has_category(&self, category: &str) -> bool {
        match &self.category {
            Some(c) => c.eq_ignore_ascii_case(category),
            None => self.name.eq_ignore_ascii_case(category),
        }
    }
}

/// The catalogue of activity types; a type's position is its compact id.
///
/// # Example
///
/// ```
/// use wfm_adherence::{ActivityKind, ActivityType, ActivityTypes};
/// let types = ActivityTypes::new([
///     ActivityType::new("phone", ActivityKind::Productive).with_channel("phone"),
///     ActivityType::new("break", ActivityKind::Default),
/// ])?;
/// assert_eq!(types.get("break").map(|t| t.kind), Some(ActivityKind::Default));
/// assert_eq!(types.len(), 2);
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ActivityTypes {
    types: Vec<ActivityType>,
    index: HashMap<String, u32>,
}

impl ActivityTypes {
    /// Builds the catalogue.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateActivityType`] for a repeated id, [`Error::EmptyName`] for an empty one.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{ActivityKind, ActivityType, ActivityTypes};
    /// let t = ActivityType::new("a", ActivityKind::Default);
    /// assert!(ActivityTypes::new([t.clone(), t]).is_err());
    /// ```
    pub fn new(types: impl IntoIterator<Item = ActivityType>) -> Result<Self> {
        let mut out = Self::default();
        for t in types {
            if t.id.is_empty() {
                return Err(Error::EmptyName {
                    field: "activity type id",
                });
            }
            if out.index.contains_key(&t.id) {
                return Err(Error::DuplicateActivityType { type_id: t.id });
            }
            out.index.insert(t.id.clone(), out.types.len() as u32);
            out.types.push(t);
        }
        Ok(out)
    }

    /// Looks a type up by id.
    ///
    /// # Example
    ///
    /// See [`ActivityTypes`].
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&ActivityType> {
        self.index.get(id).map(|&i| &self.types[i as usize])
    }

    /// The number of types.
    ///
    /// # Example
    ///
    /// See [`ActivityTypes`].
    #[must_use]
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether the catalogue is empty.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_adherence::ActivityTypes::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// All types, in compact-id order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::ActivityTypes::default().types().len(), 0);
    /// ```
    #[must_use]
    pub fn types(&self) -> &[ActivityType] {
        &self.types
    }

    pub(crate) fn position(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }
}
