//! The platform priority order: which source wins when several report a state at once.

use crate::error::{Error, Result};

/// The most platforms one computation can take.
pub const MAX_PLATFORMS: usize = 64;

/// Platforms in priority order, earlier = higher priority (Assembled's `priority_order`).
///
/// A platform's position is its compact id in the timeline.
///
/// # Example
///
/// ```
/// use wfm_adherence::PlatformOrder;
/// let order = PlatformOrder::parse("five9, zendesk,api")?;
/// assert_eq!(order.names(), ["five9", "zendesk", "api"]);
/// assert_eq!(order.position("zendesk"), Some(1));
/// # Ok::<(), wfm_adherence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformOrder {
    names: Vec<String>,
}

impl PlatformOrder {
    /// Builds an order from names, highest priority first.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyName`] for an empty list or an empty name, [`Error::DuplicatePlatform`]
    /// for a repeated one, [`Error::TooManyPlatforms`] beyond [`MAX_PLATFORMS`].
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{Error, PlatformOrder};
    /// let err = PlatformOrder::new(["api", "api"]).unwrap_err();
    /// assert_eq!(err, Error::DuplicatePlatform { platform: "api".into() });
    /// ```
    pub fn new<I, S>(names: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let name: String = name.into();
            if name.is_empty() {
                return Err(Error::EmptyName {
                    field: "priority platform",
                });
            }
            if out.contains(&name) {
                return Err(Error::DuplicatePlatform { platform: name });
            }
            out.push(name);
        }
        if out.is_empty() {
            return Err(Error::EmptyName {
                field: "priority order",
            });
        }
        if out.len() > MAX_PLATFORMS {
            return Err(Error::TooManyPlatforms {
                count: out.len(),
                max: MAX_PLATFORMS,
            });
        }
        Ok(Self { names: out })
    }

    /// Parses a comma-separated list such as `five9,zendesk,api` (spaces are trimmed).
    ///
    /// # Errors
    ///
    /// As [`PlatformOrder::new`].
    ///
    /// # Example
    ///
    /// ```
    /// assert!(wfm_adherence::PlatformOrder::parse("five9,,api").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        Self::new(text.split(',').map(str::trim))
    }

    /// The platform names, highest priority first.
    ///
    /// # Example
    ///
    /// ```
    /// let o = wfm_adherence::PlatformOrder::parse("a,b")?;
    /// assert_eq!(o.names().len(), 2);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The priority position of `platform` (0 = highest), if listed.
    ///
    /// # Example
    ///
    /// ```
    /// let o = wfm_adherence::PlatformOrder::parse("a,b")?;
    /// assert_eq!(o.position("c"), None);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    pub fn position(&self, platform: &str) -> Option<usize> {
        self.names.iter().position(|n| n == platform)
    }

    /// Checks that every listed platform is among `known`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownPlatform`] naming the first platform that is not known.
    ///
    /// # Example
    ///
    /// ```
    /// use wfm_adherence::{Error, PlatformOrder};
    /// let o = PlatformOrder::parse("five9,genesys")?;
    /// let err = o.check_known(["five9", "zendesk"]).unwrap_err();
    /// assert!(matches!(err, Error::UnknownPlatform { platform, .. } if platform == "genesys"));
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    pub fn check_known<I, S>(&self, known: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut known: Vec<String> = known.into_iter().map(|s| s.as_ref().to_owned()).collect();
        known.sort();
        known.dedup();
        match self.names.iter().find(|n| known.binary_search(n).is_err()) {
            Some(bad) => Err(Error::UnknownPlatform {
                platform: bad.clone(),
                known,
            }),
            None => Ok(()),
        }
    }

    /// The number of platforms.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_adherence::PlatformOrder::parse("a,b,c")?.len(), 3);
    /// # Ok::<(), wfm_adherence::Error>(())
    /// ```
    #[must_use]
    #[expect(clippy::len_without_is_empty, reason = "an order is never empty")]
    pub fn len(&self) -> usize {
        self.names.len()
    }
}
