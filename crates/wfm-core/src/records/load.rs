//! Reading collections of records from JSON text (no file I/O).

use crate::{Error, Problem, Record, Result};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::fmt;

/// Why one record could not be used.
///
/// # Example
///
/// ```
/// use wfm_core::{Activity, RecordError, parse_records};
/// let got = parse_records::<Activity>(r#"[{"id": "e", "agent_id": "a", "type_id": "t",
///     "start_time": "soon", "end_time": 0}]"#)?;
/// match &got[0].result {
///     Err(RecordError::Parse { field, message, .. }) => {
///         assert_eq!(field, "start_time");
///         assert!(message.contains("\"soon\""));
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), wfm_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The record is not valid JSON or does not have the record's shape.
    #[error("{}{message}", if field.is_empty() { String::new() } else { format!("`{field}`: ") })]
    Parse {
        /// Path of the failing field (`weekly_pattern[0].day_of_week`), empty for the whole record.
        field: String,
        /// 1-based line of the document where the failure was detected.
        line: usize,
        /// What is wrong, naming the value where serde reports it.
        message: String,
    },
    /// The record parsed but [`Record::validate`] found problems.
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// One record of a document and its outcome.
///
/// # Example
///
/// ```
/// let got = wfm_core::load_records::<wfm_core::Team>("{\"id\": \"t1\"}\n{\"id\": \"t2\"}\n")?;
/// assert_eq!((got[1].index, got[1].line), (1, 2));
/// assert!(got[1].result.is_ok());
/// # Ok::<(), wfm_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedRecord<T> {
    /// 0-based position in the collection.
    pub index: usize,
    /// 1-based line of the document on which the record starts.
    pub line: usize,
    /// The key, when the collection is an object keyed by id.
    pub key: Option<String>,
    /// The record, or why it cannot be used.
    pub result: std::result::Result<T, RecordError>,
}

/// Parses every record of `text` without validating it.
///
/// Accepted shapes: a JSON array of records; an object keyed by id (`{"p1": {...}}`, the key fills
/// [`Record::ID_FIELD`] when the record lacks it); a wrapper object holding either under one of
/// [`Record::COLLECTION_KEYS`] (`{"people": ...}`, other keys such as `total` ignored); a single
/// record object; or JSON lines (one record per line, blank lines skipped). An object is a single
/// record if it has the id field, and a keyed collection if every value is an object.
///
/// One bad record never hides the others: each gets its own result.
///
/// # Errors
///
/// [`Error::Document`] when the text as a whole is none of these shapes (e.g. a syntax error
/// inside an array, or a bare number).
///
/// # Example
///
/// ```
/// use wfm_core::{Person, parse_records};
/// let text = r#"{"people": {"p1": {"name": "Ada"}, "p2": {"name": 5}}, "total": 2}"#;
/// let got = parse_records::<Person>(text)?;
/// assert_eq!(got.len(), 2);
/// assert_eq!(got[0].result.as_ref().map(|p| p.id.as_str()), Ok("p1"));
/// assert_eq!(got[1].key.as_deref(), Some("p2"));
/// assert!(got[1].result.is_err());
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn parse_records<T: Record>(text: &str) -> Result<Vec<LoadedRecord<T>>> {
    let doc = Document::new(text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    let document_error = |e: &serde_json::Error| Error::Document {
        line: e.line(),
        column: e.column(),
        message: message_of(e),
    };
    if trimmed.starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| document_error(&e))?;
        return Ok(doc.elements(items.into_iter().map(|item| (item.get(), None))));
    }
    if trimmed.starts_with('{') {
        return match serde_json::from_str::<Entries<'_>>(text) {
            Ok(Entries(entries)) => doc.object::<T>(trimmed, entries),
            Err(e) if !first_line_is_value(text) => Err(document_error(&e)),
            Err(_) => Ok(doc.json_lines::<T>()),
        };
    }
    Err(Error::Document {
        line: doc.line_of(trimmed),
        column: 1,
        message: format!("expected an array, an object or JSON lines of {}", T::KIND),
    })
}

/// Parses every record of `text` (see [`parse_records`]) and validates each parsed one, turning
/// validation problems into [`RecordError::Invalid`].
///
/// # Errors
///
/// As [`parse_records`].
///
/// # Example
///
/// ```
/// use wfm_core::{RecordError, TimeOffRequest, load_records};
/// let text = r#"[{"agent_id": "a", "start_time": 10, "end_time": 20},
///               {"agent_id": "a", "start_time": 10, "end_time": 5}]"#;
/// let got = load_records::<TimeOffRequest>(text)?;
/// assert!(got[0].result.is_ok());
/// assert_eq!(got[1].line, 2);
/// assert!(matches!(&got[1].result, Err(RecordError::Invalid { problems }) if problems[0].field == "end_time"));
/// # Ok::<(), wfm_core::Error>(())
/// ```
pub fn load_records<T: Record>(text: &str) -> Result<Vec<LoadedRecord<T>>> {
    let mut records = parse_records::<T>(text)?;
    for rec in &mut records {
        if let Ok(value) = &rec.result {
            let problems = value.validate();
            if !problems.is_empty() {
                rec.result = Err(RecordError::Invalid { problems });
            }
        }
    }
    Ok(records)
}

fn first_line_is_value(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| serde_json::from_str::<&RawValue>(l).is_ok())
}

/// serde_json's message without its " at line L column C" suffix (positions are re-based).
fn message_of(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// The object's entries in document order.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<Entries<'a>, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The whole document, for byte-offset to line conversion.
/// The whole document, for byte-offset to line conversion.
struct Document<'a> {
    text: &'a str,
    newlines: Vec<usize>,
}

impl<'a> Document<'a> {
    fn new(text: &'a str) -> Self {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Self { text, newlines }
    }

    /// 1-based line of a slice of the document.
    fn line_of(&self, slice: &str) -> usize {
        let offset = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        1 + self.newlines.partition_point(|&p| p < offset)
    }

    /// An object document: a wrapper, a single record, or a collection keyed by id.
    fn object<T: Record>(
        &self,
        whole: &'a str,
        entries: Vec<(String, &'a RawValue)>,
    ) -> Result<Vec<LoadedRecord<T>>> {
        let wrapped = entries.iter().find(|(k, v)| {
            T::COLLECTION_KEYS.contains(&k.as_str()) && v.get().starts_with(['[', '{'])
        });
        if let Some((_, inner)) = wrapped {
            let inner = inner.get();
            let nested = |e: serde_json::Error| Error::Document {
                line: self.line_of(inner),
                column: 1,
                message: message_of(&e),
            };
            return Ok(if inner.starts_with('[') {
                let items: Vec<&RawValue> = serde_json::from_str(inner).map_err(nested)?;
                self.elements(items.into_iter().map(|item| (item.get(), None)))
            } else {
                let Entries(items) = serde_json::from_str(inner).map_err(nested)?;
                self.elements(items.into_iter().map(|(k, v)| (v.get(), Some(k))))
            });
        }
        let has_id = T::ID_FIELD.is_some_and(|f| entries.iter().any(|(k, _)| k == f));
        let keyed = !entries.is_empty() && entries.iter().all(|(_, v)| v.get().starts_with('{'));
        if has_id || !keyed {
            return Ok(vec![self.record(0, whole, None)]);
        }
        Ok(self.elements(entries.into_iter().map(|(k, v)| (v.get(), Some(k)))))
    }

    fn elements<T: Record>(
        &self,
        items: impl Iterator<Item = (&'a str, Option<String>)>,
    ) -> Vec<LoadedRecord<T>> {
        items
            .enumerate()
            .map(|(i, (item, key))| self.record(i, item, key))
            .collect()
    }

    fn json_lines<T: Record>(&self) -> Vec<LoadedRecord<T>> {
        let mut out = Vec::new();
        for (n, line) in self.text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let index = out.len();
            match serde_json::from_str::<&RawValue>(line) {
                Ok(raw) => out.push(self.record(index, raw.get(), None)),
                Err(e) => out.push(LoadedRecord {
                    index,
                    line: n + 1,
                    key: None,
                    result: Err(RecordError::Parse {
                        field: String::new(),
                        line: n + 1,
                        message: format!("{} at column {}", message_of(&e), e.column()),
                    }),
                }),
            }
        }
        out
    }

    fn record<T: Record>(&self, index: usize, raw: &str, key: Option<String>) -> LoadedRecord<T> {
        let line = self.line_of(raw);
        let result = match (&key, T::ID_FIELD) {
            (Some(k), Some(field)) => from_value_with_key(raw, k, field, line),
            _ => from_raw(raw, line),
        };
        LoadedRecord {
            index,
            line,
            key,
            result,
        }
    }
}

fn path_of(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." { String::new() } else { p }
}

/// Parses one record from its exact JSON text (a slice of the document starting on `line`).
fn from_raw<T: Record>(raw: &str, line: usize) -> std::result::Result<T, RecordError> {
    // Fast path without path tracking; only failures are re-parsed to name the field.
    if let Ok(record) = serde_json::from_str(raw) {
        return Ok(record);
    }
    let mut de = serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let field = path_of(e.path());
        // A field error points at the field's line; a whole-record error (a missing field, a
        // non-object) at the record's first line rather than its closing brace.
        let line = if field.is_empty() {
            line
        } else {
            line + inner.line().saturating_sub(1)
        };
        RecordError::Parse {
            field,
            line,
            message: message_of(inner),
        }
    })
}

/// Parses one record of a keyed collection, filling `id_field` from the key when absent.
fn from_value_with_key<T: Record>(
    raw: &str,
    key: &str,
    id_field: &str,
    line: usize,
) -> std::result::Result<T, RecordError> {
    let mut value: Value = serde_json::from_str(raw).map_err(|e| RecordError::Parse {
        field: String::new(),
        line,
        message: message_of(&e),
    })?;
    if let Value::Object(map) = &mut value {
        insert_id(map, key, id_field);
    }
    if let Ok(record) = T::deserialize(&value) {
        return Ok(record);
    }
    serde_path_to_error::deserialize(value).map_err(|e| RecordError::Parse {
        field: path_of(e.path()),
        line,
        message: message_of(e.inner()),
    })
}

fn insert_id(map: &mut Map<String, Value>, key: &str, id_field: &str) {
    if !map.contains_key(id_field) {
        map.insert(id_field.to_owned(), Value::String(key.to_owned()));
    }
}
