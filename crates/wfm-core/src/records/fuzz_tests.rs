//! Fuzz-style property tests: arbitrary JSON fed to every record parser never panics.

use super::*;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys that records use, so generated objects reach deep into the parsers.
const KEYS: &[&str] = &[
    "id",
    "agent_id",
    "type_id",
    "activity_type_id",
    "start_time",
    "end_time",
    "started_at",
    "ended_at",
    "timezone",
    "weekly_pattern",
    "day_of_week",
    "effective_from",
    "effective_to",
    "channel",
    "channels",
    "state",
    "platform",
    "csat_score",
    "metadata",
    "external_id",
    "required_count",
    "requirement_type_id",
    "queue_id",
    "interval_minutes",
    "volume",
    "aht_seconds",
    "status",
    "teams",
    "site",
    "people",
    "activities",
    "productive",
    "timeoff",
    "category",
    "color",
    "handle_time_seconds",
    "start_date",
    "end_date",
    "platforms",
    "zz",
];

/// Texts that are almost valid values for some field.
const TEXTS: &[&str] = &[
    "",
    "09:00",
    "24:00",
    "25:61",
    "monday",
    "Sun",
    "phone",
    "back_office",
    "voice",
    "America/New_York",
    "Mars/Base",
    "2024-03-10",
    "2024-02-30",
    "2024-03-10T02:30:00-05:00",
    "9999-12-31T23:59:59Z",
    "1710054000",
    "-99999999999999",
    "approved",
    "time_off",
    "#12ab9F",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        (-5i64..100_000).prop_map(Value::from),
        prop::sample::select(TEXTS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// Parses `value` as `T` both directly and through the loader (compact, pretty and as JSON
/// lines), validating whatever parses.
fn exercise<T: Record>(value: &Value) {
    if let Ok(rec) = serde_json::from_value::<T>(value.clone()) {
        let _ = rec.validate();
    }
    let compact = value.to_string();
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    for text in [&compact, &pretty, &format!("{compact}\n{compact}\n")] {
        if let Ok(records) = load_records::<T>(text) {
            for r in records {
                let _ = r.result.map_err(|e| e.to_string());
            }
        }
    }
}

fn exercise_all(value: &Value) {
    exercise::<Person>(value);
    exercise::<Queue>(value);
    exercise::<Site>(value);
    exercise::<Team>(value);
    exercise::<Skill>(value);
    exercise::<ActivityType>(value);
    exercise::<Activity>(value);
    exercise::<AgentState>(value);
    exercise::<PlatformAssociation>(value);
    exercise::<TimeOffRequest>(value);
    exercise::<Requirement>(value);
    exercise::<ForecastInterval>(value);
    exercise::<ConversationInput>(value);
    exercise::<ConversationUpdate>(value);
    if let Ok(rule) = serde_json::from_value::<WorkingHoursRule>(value.clone()) {
        let _ = rule.validate();
        let _ = rule.availability(1_700_000_000, 1_700_000_000 + 14 * 86_400);
        let _ = rule.availability(crate::time::MIN_UNIX, crate::time::MIN_UNIX + 86_400);
        let _ = rule.availability(crate::time::MAX_UNIX - 86_400, crate::time::MAX_UNIX);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_never_panics(value in json()) {
        exercise_all(&value);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[\\[\\]{}\",:0-9a-z \n]{0,64}") {
        let _ = load_records::<Person>(&text);
        let _ = load_records::<WorkingHoursRule>(&text);
        let _ = load_records::<ConversationInput>(&text);
    }

    #[test]
    fn nearly_valid_rules_never_panic(
        tz in prop::sample::select(TEXTS),
        day in prop::sample::select(TEXTS),
        start in prop::sample::select(TEXTS),
        end in prop::sample::select(TEXTS),
        from in prop::sample::select(TEXTS),
        to in prop::option::of(prop::sample::select(TEXTS)),
    ) {
        let value = serde_json::json!({
            "agent_id": "a", "timezone": tz, "effective_from": from, "effective_to": to,
            "weekly_pattern": [{"day_of_week": day, "start_time": start, "end_time": end}],
        });
        exercise_all(&value);
    }
}
