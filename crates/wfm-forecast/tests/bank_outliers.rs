//! Outlier detection on the real "Anonymous Bank" 1999 call arrivals (read at run time
//! from `../shared/data`; skipped with a message when absent).

use std::path::PathBuf;

use wfm_forecast::{Calendar, History, OutlierConfig, OutlierLevel, Timeline, detect_outliers};

/// 1999-01-01 00:00 in the data's local clock (no DST), taken as UTC.
const START: i64 = 915_148_800;

fn bank() -> Option<History> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let calls = dir.join("anonymous_bank_1999_6min.csv");
    let Ok(text) = std::fs::read_to_string(&calls) else {
        println!("skipping: {} not found", calls.display());
        return None;
    };
    let six: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().and_then(|v| v.parse().ok()))
        .collect::<Option<_>>()
        .expect("numeric calls column");
    let y: Vec<f64> = six.chunks(5).map(|c| c.iter().sum()).collect();
    let holidays = std::fs::read_to_string(dir.join("anonymous_bank_1999_holidays.csv"))
        .expect("holiday file beside the calls");
    let calendar = Calendar::parse_csv(&holidays).expect("valid holiday calendar");
    let timeline = Timeline::new(START, 30)
        .expect("valid timeline")
        .with_calendar(calendar);
    Some(History::new(timeline, y).expect("valid history"))
}

/// Day outliers at the default thresholds: the unexplained 1999-03-08 drop (508 calls on a
/// Monday that usually gets about 1,500; see `../shared/data/README.md`) must be flagged,
/// and every flagged day must be far out of the ordinary (under half or over twice its
/// expectation), so normal day-to-day variation (+-40% here) is never flagged.
#[test]
fn flags_march_8_and_no_ordinary_day() {
    let Some(history) = bank() else { return };
    let found = detect_outliers(&history, &OutlierConfig::new()).expect("default config");
    let days: Vec<_> = found
        .iter()
        .filter(|o| o.level == OutlierLevel::Day)
        .map(|o| {
            let date = history.timeline().local_date(o.index).expect("in range");
            println!(
                "{date}: expected {:.0}, actual {:.0}, score {:.2}",
                o.expected, o.actual, o.score
            );
            (date.to_string(), o.actual / o.expected)
        })
        .collect();
    assert!(days.iter().any(|(d, _)| d == "1999-03-08"), "{days:?}");
    for (date, ratio) in &days {
        assert!(
            !(0.5..=2.0).contains(ratio),
            "{date} flagged at only {ratio:.2} x its expectation"
        );
    }
    // Besides 03-08 only 1999-07-24 (a Saturday with 36 calls against about 200) is that
    // far out; nothing else may be flagged.
    assert!(days.len() <= 2, "{days:?}");
}
