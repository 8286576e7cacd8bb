//! Instants: unix seconds on the wire and inside the engine, RFC 3339 accepted on input.
//!
//! Assembled's real API sends integer unix seconds; the reconstructed spec uses RFC 3339 strings.
//! Record fields are `i64` unix seconds (UTC) and use these helpers with `deserialize_with`, so both
//! spellings are read and integers are written.
//!
//! Supported instants are years 0001 to 9999 UTC ([`MIN_UNIX`]..=[`MAX_UNIX`]); anything outside is
//! an error, so every accepted instant converts to a `DateTime<Utc>` without overflow.
//!
//! # Example
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Row {
//!     #[serde(deserialize_with = "wfm_core::time::deserialize_instant")]
//!     start_time: i64,
//!     #[serde(default, deserialize_with = "wfm_core::time::deserialize_opt_instant")]
//!     end_time: Option<i64>,
//! }
//! let a: Row = serde_json::from_str(r#"{"start_time": "1970-01-01T00:01:00Z"}"#)?;
//! let b: Row = serde_json::from_str(r#"{"start_time": 60, "end_time": null}"#)?;
//! assert_eq!((a.start_time, a.end_time), (60, None));
//! assert_eq!((b.start_time, b.end_time), (60, None));
//! # Ok::<(), serde_json::Error>(())
//! ```

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Earliest supported instant: 0001-01-01T00:00:00Z.
///
/// # Example
///
/// ```
/// assert!(wfm_core::time::to_datetime(wfm_core::time::MIN_UNIX).is_ok());
/// ```
pub const MIN_UNIX: i64 = -62_135_596_800;

/// Latest supported instant: 9999-12-31T23:59:59Z.
///
/// # Example
///
/// ```
/// assert!(wfm_core::time::to_datetime(wfm_core::time::MAX_UNIX + 1).is_err());
/// ```
pub const MAX_UNIX: i64 = 253_402_300_799;

/// Checks that `secs` lies in the supported range.
///
/// # Errors
///
/// [`Error::OutOfRange`] outside [`MIN_UNIX`]..=[`MAX_UNIX`].
///
/// # Example
///
/// ```
/// assert_eq!(wfm_core::time::check_unix(0)?, 0);
/// assert!(wfm_core::time::check_unix(i64::MAX).is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn check_unix(secs: i64) -> Result<i64> {
    if (MIN_UNIX..=MAX_UNIX).contains(&secs) {
        Ok(secs)
    } else {
        Err(Error::OutOfRange {
            value: secs.to_string(),
        })
    }
}

/// Converts unix seconds to a UTC date-time.
///
/// # Errors
///
/// [`Error::OutOfRange`] outside the supported range.
///
/// # Example
///
/// ```
/// let t = wfm_core::time::to_datetime(86_400)?;
/// assert_eq!(t.to_rfc3339(), "1970-01-02T00:00:00+00:00");
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn to_datetime(secs: i64) -> Result<DateTime<Utc>> {
    check_unix(secs)?;
    DateTime::from_timestamp(secs, 0).ok_or_else(|| Error::OutOfRange {
        value: secs.to_string(),
    })
}

/// Parses an instant given as RFC 3339 (`2024-03-10T07:00:00Z`, any offset) or as integer unix
/// seconds (`"1710054000"`), returning unix seconds. Sub-second digits are truncated toward the
/// past (floor).
///
/// # Errors
///
/// [`Error::InvalidInstant`] for other text, [`Error::OutOfRange`] outside years 0001-9999.
///
/// # Example
///
/// ```
/// use wfm_core::time::parse_instant;
/// assert_eq!(parse_instant("2024-03-10T02:00:00-05:00")?, 1_710_054_000);
/// assert_eq!(parse_instant("1710054000")?, 1_710_054_000);
/// assert!(parse_instant("2024-03-10 02:00").is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn parse_instant(text: &str) -> Result<i64> {
    let s = text.trim();
    if let Ok(secs) = s.parse::<i64>() {
        return check_unix(secs);
    }
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => check_unix(t.timestamp()).map_err(|_| Error::OutOfRange {
            value: text.to_owned(),
        }),
        Err(_) => Err(Error::InvalidInstant {
            value: text.to_owned(),
        }),
    }
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unix seconds (integer) or an RFC 3339 timestamp")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        check_unix(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v)
            .map_err(|_| Error::OutOfRange {
                value: v.to_string(),
            })
            .and_then(check_unix)
            .map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // JSON writers sometimes emit `1710054000.0`; accept whole numbers only.
        if v.fract() == 0.0 && (MIN_UNIX as f64..=MAX_UNIX as f64).contains(&v) {
            #[expect(clippy::cast_possible_truncation, reason = "whole and range-checked")]
            Ok(v as i64)
        } else {
            Err(E::custom(format!(
                "invalid instant {v}: expected whole unix seconds in the supported range"
            )))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        parse_instant(v).map_err(E::custom)
    }
}

/// Serde `deserialize_with` for an `i64` unix-seconds field that accepts integers or RFC 3339.
///
/// # Errors
///
/// A deserializer error naming the bad value.
///
/// # Example
///
/// ```
/// use serde::de::IntoDeserializer;
/// use serde::de::value::{Error, StrDeserializer};
/// let d: StrDeserializer<'_, Error> = "1970-01-01T00:00:10Z".into_deserializer();
/// assert_eq!(wfm_core::time::deserialize_instant(d)?, 10);
/// # Ok::<(), Error>(())
/// ```
pub fn deserialize_instant<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    if d.is_human_readable() {
        d.deserialize_any(InstantVisitor)
    } else {
        d.deserialize_i64(InstantVisitor)
    }
}

/// Serde `deserialize_with` for an `Option<i64>` field: `null` is `None`, otherwise as
/// [`deserialize_instant`]. Pair it with `#[serde(default)]` so an absent field is `None` too.
///
/// # Errors
///
/// A deserializer error naming the bad value.
///
/// # Example
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Row {
///     #[serde(default, deserialize_with = "wfm_core::time::deserialize_opt_instant")]
///     end_time: Option<i64>,
/// }
/// let r: Row = serde_json::from_str(r#"{"end_time": "1970-01-01T00:00:05+00:00"}"#)?;
/// assert_eq!(r.end_time, Some(5));
/// let r: Row = serde_json::from_str("{}")?;
/// assert_eq!(r.end_time, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn deserialize_opt_instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct Wrapper(i64);
    impl<'de> serde::Deserialize<'de> for Wrapper {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_instant(d).map(Wrapper)
        }
    }
    let v: Option<Wrapper> = serde::Deserialize::deserialize(d)?;
    Ok(v.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Row {
        #[serde(deserialize_with = "deserialize_instant")]
        t: i64,
    }

    fn row(json: &str) -> std::result::Result<i64, String> {
        serde_json::from_str::<Row>(json)
            .map(|r| r.t)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_integers_floats_and_rfc3339() {
        // 2024-03-10T07:00:00Z = 1710054000 (date -u -d @1710054000).
        assert_eq!(row(r#"{"t": 1710054000}"#), Ok(1_710_054_000));
        assert_eq!(row(r#"{"t": 1710054000.0}"#), Ok(1_710_054_000));
        assert_eq!(row(r#"{"t": "2024-03-10T07:00:00Z"}"#), Ok(1_710_054_000));
        assert_eq!(
            row(r#"{"t": "2024-03-10T08:00:00+01:00"}"#),
            Ok(1_710_054_000)
        );
        assert_eq!(row(r#"{"t": -1}"#), Ok(-1));
    }

    #[test]
    fn rejects_bad_values_naming_them() {
        let err = row(r#"{"t": "yesterday"}"#).unwrap_err();
        assert!(err.contains("\"yesterday\""), "{err}");
        assert!(row(r#"{"t": 1.5}"#).is_err());
        assert!(row(r#"{"t": 1e300}"#).is_err());
        assert!(row(r#"{"t": 18446744073709551615}"#).is_err());
        assert!(row(r#"{"t": true}"#).is_err());
        let err = row(r#"{"t": 253402300800}"#).unwrap_err();
        assert!(err.contains("253402300800"), "{err}");
    }

    #[test]
    fn subsecond_rfc3339_floors() {
        assert_eq!(parse_instant("1969-12-31T23:59:59.5Z"), Ok(-1));
    }
}
