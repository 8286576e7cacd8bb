//! Validation of conversation records and their compact stored form.

use wfm_core::{AgentId, QueueId};

use wfm_core::Record;

use crate::input::{Channel, ConversationInput, ConversationUpdate};
use crate::outcome::Rejection;

/// Earliest accepted instant: 0001-01-01T00:00:00Z.
pub(crate) const MIN_TIME: i64 = -62_135_596_800;
/// Latest accepted instant: 9999-12-31T23:59:59Z.
pub(crate) const MAX_TIME: i64 = 253_402_300_799;
/// Stored `ended_at` when absent.
pub(crate) const NO_TIME: i64 = i64::MIN;

/// The numeric part of a stored conversation, compact and `Copy` for the report loops.
///
/// Missing numbers are NaN and a missing `ended_at` is [`NO_TIME`]; equality compares
/// float bits so a stored record equals its re-sent copy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    pub(crate) started_at: i64,
    pub(crate) ended_at: i64,
    pub(crate) handle: f64,
    pub(crate) wait: f64,
    pub(crate) frt: f64,
    pub(crate) csat: f64,
    /// Queue symbol (0 = none).
    pub(crate) queue: u32,
    /// Resolved agent symbol (0 = none): the platform association if any, else `raw_agent`.
    pub(crate) agent: u32,
    /// `assigned_agent_id` as sent (0 = none).
    pub(crate) raw_agent: u32,
    /// Platform symbol (0 = none).
    pub(crate) platform: u32,
    pub(crate) channel: Channel,
    /// 0 = false, 1 = true, 2 = unknown.
    pub(crate) resolved: u8,
}

impl PartialEq for Fact {
    fn eq(&self, o: &Self) -> bool {
        self.started_at == o.started_at
            && self.ended_at == o.ended_at
            && self.handle.to_bits() == o.handle.to_bits()
            && self.wait.to_bits() == o.wait.to_bits()
            && self.frt.to_bits() == o.frt.to_bits()
            && self.csat.to_bits() == o.csat.to_bits()
            && self.queue == o.queue
            && self.agent == o.agent
            && self.raw_agent == o.raw_agent
            && self.platform == o.platform
            && self.channel == o.channel
            && self.resolved == o.resolved
    }
}

/// The rarely reported text fields, kept in a pool so records without them cost 4 bytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Extras {
    pub(crate) customer_id: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The text fields of a conversation without any.
pub(crate) static NO_EXTRAS: Extras = Extras {
    customer_id: None,
    subject: None,
    status: None,
    metadata: None,
};

impl Extras {
    /// Whether none of the text fields is set.
    pub(crate) fn is_empty(&self) -> bool {
        *self == NO_EXTRAS
    }
}

/// A validated record, its strings not yet interned.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Valid {
    pub(crate) external_id: String,
    pub(crate) platform: Option<String>,
    pub(crate) queue_id: Option<QueueId>,
    pub(crate) assigned_agent_id: Option<AgentId>,
    pub(crate) channel: Channel,
    pub(crate) started_at: i64,
    pub(crate) ended_at: Option<i64>,
    pub(crate) handle: Option<f64>,
    pub(crate) wait: Option<f64>,
    pub(crate) frt: Option<f64>,
    pub(crate) resolved: Option<bool>,
    pub(crate) csat: Option<f64>,
    pub(crate) extras: Extras,
}

fn check_time(field: &'static str, t: i64) -> Result<(), Rejection> {
    if (MIN_TIME..=MAX_TIME).contains(&t) {
        Ok(())
    } else {
        Err(Rejection::new(
            field,
            format!("must be between years 1 and 9999 in unix seconds, got {t}"),
        ))
    }
}

/// Checks every rule on a conversation record: `wfm-core`'s record validation (first
/// problem reported), plus what reports need on top: times within years 1..=9999 and
/// finite durations.
#[inline]
pub(crate) fn check_input(c: &ConversationInput) -> Result<(), Rejection> {
    if plainly_valid(c) { Ok(()) } else { explain(c) }
}

/// A sufficient test that `c` passes [`explain`] (every rule), without building the
/// problem list: an id starting with a visible ASCII character is not blank, times are
/// within years 1..=9999 and ordered, durations finite and >= 0, CSAT within 1..=5.
/// `false` only sends the record to [`explain`], which decides and names the problem;
/// a property test checks that `true` never accepts a record `explain` rejects.
#[inline]
fn plainly_valid(c: &ConversationInput) -> bool {
    let time = |t: i64| (MIN_TIME..=MAX_TIME).contains(&t);
    let duration = |v: Option<f64>| v.is_none_or(|x| x.is_finite() && x >= 0.0);
    c.external_id
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_graphic)
        && time(c.started_at)
        && c.ended_at.is_none_or(|e| time(e) && e >= c.started_at)
        && duration(c.handle_time_seconds)
        && duration(c.wait_time_seconds)
        && duration(c.first_response_time_seconds)
        && c.csat_score.is_none_or(|s| (1.0..=5.0).contains(&s))
}

/// [`check_input`] the long way: the first problem wfm-core's validation reports, then
/// this crate's own rules.
fn explain(c: &ConversationInput) -> Result<(), Rejection> {
    if let Some(p) = c.validate().into_iter().next() {
        return Err(Rejection::new(
            p.field,
            format!("{}, got {}", p.kind, p.value),
        ));
    }
    check_time("started_at", c.started_at)?;
    if let Some(end) = c.ended_at {
        check_time("ended_at", end)?;
    }
    for (field, v) in [
        ("handle_time_seconds", c.handle_time_seconds),
        ("wait_time_seconds", c.wait_time_seconds),
        ("first_response_time_seconds", c.first_response_time_seconds),
    ] {
        if let Some(x) = v.filter(|x| !x.is_finite()) {
            return Err(Rejection::new(field, format!("must be finite, got {x}")));
        }
    }
    Ok(())
}

impl Valid {
    /// Validates an upsert record.
    #[cfg(test)]
    pub(crate) fn from_input(c: ConversationInput) -> Result<Valid, Rejection> {
        check_input(&c)?;
        Ok(Valid {
            external_id: c.external_id,
            platform: c.platform,
            queue_id: c.queue_id,
            assigned_agent_id: c.assigned_agent_id,
            channel: c.channel,
            started_at: c.started_at,
            ended_at: c.ended_at,
            handle: c.handle_time_seconds,
            wait: c.wait_time_seconds,
            frt: c.first_response_time_seconds,
            resolved: c.resolved,
            csat: c.csat_score,
            extras: Extras {
                customer_id: c.customer_id,
                subject: c.subject,
                status: c.status,
                metadata: c.metadata,
            },
        })
    }

    /// Applies a partial update to a stored record and validates the result.
    pub(crate) fn merge(self, u: &ConversationUpdate) -> Result<ConversationInput, Rejection> {
        let mut merged = self.into_input();
        u.apply_to(&mut merged);
        check_input(&merged)?;
        Ok(merged)
    }

    /// Back to the wire record.
    pub(crate) fn into_input(self) -> ConversationInput {
        let mut c = ConversationInput::new(self.external_id, self.channel, self.started_at);
        c.platform = self.platform;
        c.queue_id = self.queue_id;
        c.assigned_agent_id = self.assigned_agent_id;
        c.ended_at = self.ended_at;
        c.handle_time_seconds = self.handle;
        c.wait_time_seconds = self.wait;
        c.first_response_time_seconds = self.frt;
        c.resolved = self.resolved;
        c.csat_score = self.csat;
        c.customer_id = self.extras.customer_id;
        c.subject = self.extras.subject;
        c.status = self.extras.status;
        c.metadata = self.extras.metadata;
        c
    }
}

/// `Some(x)` as `x`, `None` as NaN; -0.0 becomes 0.0 so equal values compare equal
/// bit for bit.
pub(crate) fn or_nan(v: Option<f64>) -> f64 {
    v.map_or(f64::NAN, |x| x + 0.0)
}

/// NaN as `None`.
pub(crate) fn nan_none(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::update_for;
    use proptest::prelude::*;

    fn base() -> ConversationInput {
        ConversationInput::new("c", Channel::Phone, 1_000)
    }

    type Mutation = Box<dyn Fn(&mut ConversationInput)>;

    #[test]
    fn each_rule_names_its_field() {
        let cases: Vec<(Mutation, &str)> = vec![
            (Box::new(|c| c.external_id.clear()), "external_id"),
            (Box::new(|c| c.started_at = i64::MAX), "started_at"),
            (Box::new(|c| c.ended_at = Some(999)), "ended_at"),
            (Box::new(|c| c.ended_at = Some(i64::MIN)), "ended_at"),
            (
                Box::new(|c| c.handle_time_seconds = Some(-1.0)),
                "handle_time_seconds",
            ),
            (
                Box::new(|c| c.wait_time_seconds = Some(f64::NAN)),
                "wait_time_seconds",
            ),
            (
                Box::new(|c| c.first_response_time_seconds = Some(f64::INFINITY)),
                "first_response_time_seconds",
            ),
            (Box::new(|c| c.csat_score = Some(0.5)), "csat_score"),
            (Box::new(|c| c.csat_score = Some(f64::NAN)), "csat_score"),
        ];
        for (mutate, field) in cases {
            let mut c = base();
            mutate(&mut c);
            let err = Valid::from_input(c).unwrap_err();
            assert_eq!(err.field, field, "{err}");
        }
    }

    /// Values at and around every rule's boundary, for each field a rule reads.
    fn edge_case() -> impl Strategy<Value = ConversationInput> {
        let id = prop_oneof![
            Just(String::new()),
            Just(" ".to_owned()),
            Just("\u{a0}x".to_owned()),
            Just(" x".to_owned()),
            Just("x".to_owned()),
            Just("é".to_owned()),
            "\\PC{0,4}",
        ];
        let time = prop_oneof![
            Just(MIN_TIME - 1),
            Just(MIN_TIME),
            Just(0i64),
            Just(1_000),
            Just(MAX_TIME),
            Just(MAX_TIME + 1),
            Just(i64::MIN),
            Just(i64::MAX),
            -2_000i64..2_000,
        ];
        let float = || {
            prop::option::of(prop_oneof![
                Just(-0.0),
                Just(0.0),
                Just(-1e-300),
                Just(0.5),
                Just(1.0),
                Just(5.0),
                Just(5.000_001),
                Just(f64::NAN),
                Just(f64::INFINITY),
                Just(f64::NEG_INFINITY),
                -10.0f64..10.0,
            ])
        };
        (
            id,
            time.clone(),
            prop::option::of(time),
            (float(), float(), float(), float()),
        )
            .prop_map(|(id, start, end, (handle, wait, frt, csat))| {
                let mut c = ConversationInput::new(id, Channel::Chat, start);
                c.ended_at = end;
                c.handle_time_seconds = handle;
                c.wait_time_seconds = wait;
                c.first_response_time_seconds = frt;
                c.csat_score = csat;
                c
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn fast_check_agrees_with_the_full_one(c in edge_case()) {
            if plainly_valid(&c) {
                prop_assert!(explain(&c).is_ok(), "{c:?}");
            }
            prop_assert_eq!(check_input(&c), explain(&c));
        }
    }

    #[test]
    fn fast_check_accepts_the_generated_records() {
        let cfg = crate::GeneratorConfig::new(5).days(1).daily_volume(300.0);
        let convs = crate::generate_conversations(&cfg);
        assert!(!convs.is_empty());
        assert!(convs.iter().all(plainly_valid));
    }

    #[test]
    fn boundaries_are_accepted_and_negative_zero_normalised() {
        let mut c = base();
        c.ended_at = Some(1_000);
        c.csat_score = Some(5.0);
        c.handle_time_seconds = Some(-0.0);
        let v = Valid::from_input(c).unwrap();
        assert!(or_nan(v.handle).is_sign_positive());
        let back = v.into_input();
        assert_eq!(back.ended_at, Some(1_000));
    }

    #[test]
    fn merged_update_is_validated_against_the_stored_start() {
        let v = Valid::from_input(base()).unwrap();
        let mut u = update_for("c");
        u.ended_at = Some(10);
        assert_eq!(v.clone().merge(&u).unwrap_err().field, "ended_at");
        let mut u = update_for("c");
        u.resolved = Some(true);
        assert_eq!(v.merge(&u).unwrap().resolved, Some(true));
    }
}
