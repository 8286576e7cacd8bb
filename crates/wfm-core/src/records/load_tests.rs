//! Tests of the collection loader: shapes, positions, keys, and per-record isolation.

use super::*;
use crate::Error;

fn fields<T: Record>(text: &str) -> Vec<(usize, usize, String)> {
    load_records::<T>(text)
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.result {
            Ok(_) => None,
            Err(RecordError::Parse { field, line, .. }) => Some((r.index, line, field)),
            Err(RecordError::Invalid { problems }) => {
                Some((r.index, r.line, problems[0].field.clone()))
            }
        })
        .collect()
}

#[test]
fn array_records_carry_their_start_line() {
    let text = "[\n  {\"id\": \"t1\"},\n  {\n    \"id\": \"t2\"\n  },\n  {\"id\": \"t3\"}\n]\n";
    let got = load_records::<Team>(text).unwrap();
    let lines: Vec<_> = got.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 6]);
    assert!(got.iter().all(|r| r.result.is_ok()));
}

#[test]
fn parse_errors_point_at_the_failing_line_and_field() {
    let text = "[\n{\"id\": \"e1\", \"agent_id\": \"a\", \"type_id\": \"t\",\n \"start_time\": 0,\n \"end_time\": \"later\"}\n]";
    assert_eq!(fields::<Activity>(text), [(0, 4, "end_time".to_owned())]);
    let text = r#"[{"agent_id": "a", "timezone": "UTC", "effective_from": "2024-01-01",
        "weekly_pattern": [{"day_of_week": "mon", "start_time": "09:00", "end_time": "10:00"},
                           {"day_of_week": "noday", "start_time": "09:00", "end_time": "10:00"}]}]"#;
    let got = fields::<WorkingHoursRule>(text);
    assert_eq!(got, [(0, 3, "weekly_pattern[1].day_of_week".to_owned())]);
}

#[test]
fn missing_fields_are_named_in_the_message() {
    let got = load_records::<AgentState>(r#"[{"agent_id": "a", "start_time": 0}]"#).unwrap();
    let Err(RecordError::Parse { field, message, .. }) = &got[0].result else {
        panic!("expected a parse error: {:?}", got[0].result);
    };
    assert_eq!(field, "");
    assert!(message.contains("missing field `state`"), "{message}");
    // Whole-record errors point at the record's first line, not its closing brace.
    let text = "[\n{\"id\": \"t\"},\n{\n\"agent_id\": \"a\",\n\"start_time\": 0\n}\n]";
    let got = load_records::<AgentState>(text).unwrap();
    assert!(
        matches!(&got[1].result, Err(RecordError::Parse { line: 3, .. })),
        "{:?}",
        got[1]
    );
}

#[test]
fn keyed_objects_fill_missing_ids_and_keep_present_ones() {
    let text = r#"{"p1": {"name": "A"}, "p2": {"id": "own", "name": "B"}}"#;
    let got = load_records::<Person>(text).unwrap();
    let ids: Vec<_> = got
        .iter()
        .map(|r| r.result.as_ref().unwrap().id.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["p1", "own"]);
    assert_eq!(got[1].key.as_deref(), Some("p2"));
    // Conversations are keyed by external_id.
    let text = r#"{"z1": {"channel": "chat", "started_at": 0}}"#;
    let got = load_records::<ConversationInput>(text).unwrap();
    assert_eq!(got[0].result.as_ref().unwrap().external_id, "z1");
}

#[test]
fn wrappers_hold_arrays_or_keyed_objects() {
    let arr = r#"{"activity_types": [{"id": "a"}, {"id": "b"}], "total": 2}"#;
    assert_eq!(load_records::<ActivityType>(arr).unwrap().len(), 2);
    let keyed = r#"{"limit": 10, "people": {"x": {}, "y": {}}, "teams": {"t": {}}}"#;
    let got = load_records::<Person>(keyed).unwrap();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.result.is_ok()));
}

#[test]
fn single_objects_and_json_lines() {
    let one = r#"{"id": "q1", "name": "VIP"}"#;
    assert_eq!(load_records::<Queue>(one).unwrap().len(), 1);
    let lines =
        "{\"id\": \"s1\"}\n\n{\"id\": \"s2\", \"timezone\": \"Nope\"}\n{oops\n{\"id\": \"s4\"}\n";
    let got = load_records::<Site>(lines).unwrap();
    let summary: Vec<_> = got
        .iter()
        .map(|r| (r.index, r.line, r.result.is_ok()))
        .collect();
    assert_eq!(
        summary,
        [(0, 1, true), (1, 3, false), (2, 4, false), (3, 5, true)]
    );
    assert_eq!(fields::<Site>(lines)[0].2, "timezone");
}

#[test]
fn broken_documents_are_document_errors_with_positions() {
    let err = parse_records::<Team>("[\n{\"id\": \"a\"},\n{\"id\": }\n]").unwrap_err();
    assert!(matches!(err, Error::Document { line: 3, .. }), "{err}");
    let err = parse_records::<Team>("{\n\"id\": \n").unwrap_err();
    assert!(matches!(err, Error::Document { .. }), "{err}");
    let err = parse_records::<Team>("42").unwrap_err();
    assert!(err.to_string().contains("teams"), "{err}");
    assert!(parse_records::<Team>(" \n ").unwrap().is_empty());
    assert!(parse_records::<Team>("[]").unwrap().is_empty());
}

#[test]
fn non_object_elements_fail_alone() {
    let got = load_records::<Skill>(r#"[{"id": "a"}, 3, null, {"id": "b"}]"#).unwrap();
    let ok: Vec<_> = got.iter().map(|r| r.result.is_ok()).collect();
    assert_eq!(ok, [true, false, false, true]);
}
