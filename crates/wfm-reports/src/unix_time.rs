//! Serde helpers: unix seconds accepted as integers or RFC3339 strings, emitted as integers.

use serde::{Deserialize, Deserializer, Serializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum Wire {
    Int(i64),
    Text(String),
}

fn from_wire<E: serde::de::Error>(w: Wire) -> Result<i64, E> {
    match w {
        Wire::Int(s) => Ok(s),
        Wire::Text(t) => chrono::DateTime::parse_from_rfc3339(&t)
            .map(|d| d.timestamp())
            .map_err(|e| E::custom(format!("invalid RFC3339 time {t:?}: {e}"))),
    }
}

pub(crate) fn serialize<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(*v)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    from_wire(Wire::deserialize(d)?)
}
