//! Serde helpers for text fields that some sources send as numbers (T types `site` as an integer).

use serde::de::{self, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;

struct LenientStringVisitor;

impl Visitor<'_> for LenientStringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// Deserializes a string, accepting integers too in human-readable formats (JSON).
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    if d.is_human_readable() {
        d.deserialize_any(LenientStringVisitor)
    } else {
        d.deserialize_string(LenientStringVisitor)
    }
}

/// A string that also accepts integers (see [`string`]).
struct Lenient(String);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d).map(Lenient)
    }
}

/// Deserializes a map of strings whose values may be integers (platform ids).
pub(crate) fn string_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let raw: Option<BTreeMap<String, Option<Lenient>>> = serde::Deserialize::deserialize(d)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v.0)))
        .collect())
}

/// Deserializes a list that may be `null` (treated as empty).
pub(crate) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let raw: Option<Vec<T>> = serde::Deserialize::deserialize(d)?;
    Ok(raw.unwrap_or_default())
}
