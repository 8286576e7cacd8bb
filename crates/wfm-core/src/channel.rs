//! The contact channel.

use crate::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// A contact channel, as in Assembled's `Channel` dimension.
///
/// Serialized in snake_case (`"back_office"`). Parsing is case-insensitive and accepts `-` for `_`.
///
/// # Example
///
/// ```
/// use wfm_core::Channel;
/// let c: Channel = "Back-Office".parse()?;
/// assert_eq!(c, Channel::BackOffice);
/// assert_eq!(c.to_string(), "back_office");
/// assert_eq!(serde_json::to_string(&Channel::Sms)?, "\"sms\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Voice calls.
    Phone,
    /// Email tickets.
    Email,
    /// Live chat.
    Chat,
    /// Text messages.
    Sms,
    /// Social-media messages.
    Social,
    /// Back-office work items.
    BackOffice,
}

impl Channel {
    /// Every channel, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::Channel::ALL.len(), 6);
    /// ```
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Sms,
        Channel::Social,
        Channel::BackOffice,
    ];

    /// The snake_case wire name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(wfm_core::Channel::BackOffice.as_str(), "back_office");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Sms => "sms",
            Channel::Social => "social",
            Channel::BackOffice => "back_office",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == norm)
            .ok_or_else(|| Error::UnknownChannel {
                value: s.to_owned(),
            })
    }
}

impl<'de> serde::Deserialize<'de> for Channel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_channel() {
        for c in Channel::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<Channel>(&json).unwrap(), c);
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), c);
        }
    }

    #[test]
    fn unknown_channel_names_the_value() {
        let err = "voice".parse::<Channel>().unwrap_err();
        assert_eq!(
            err,
            Error::UnknownChannel {
                value: "voice".into()
            }
        );
        let err = serde_json::from_str::<Channel>("\"fax\"").unwrap_err();
        assert!(err.to_string().contains("\"fax\""), "{err}");
    }
}
