//! The main job end to end through the `wfm` facade: history -> forecast -> Erlang staffing ->
//! roster schedule -> independent validation, with a per-day summary.
//!
//! 1. Reads `testdata/forecast/history_30min.csv` (5 weeks of 30-minute volume and AHT, local
//!    New York clock; absent rows are closed intervals with zero volume).
//! 2. Forecasts the next week of volume with `Auto` (backtest-selected model or ensemble) and
//!    AHT with the volume-weighted `AhtModel`.
//! 3. Staffs every interval with Erlang C at 80% of contacts answered within 20 s, then grosses
//!    up for 30% shrinkage (`requirement_curve`).
//! 4. Takes a seeded roster from the scheduler's generator (agents, contracts, breaks, time off,
//!    meetings) on the same week and time zone, replaces its demand with the Erlang curve, and
//!    solves it with the pure-Rust microlp backend under a time limit.
//! 5. Re-checks the schedule with the independent validator (no violations allowed) and prints,
//!    per local day: forecast volume, required agent-hours, scheduled agent-hours, shortfall and
//!    overstaffing, plus totals.
//!
//! Run: `cargo run -p wfm-examples --example pipeline --release`. `--small` (or `WFM_SMALL=1`)
//! forecasts and schedules two days with a dozen agents instead of a week.

use std::collections::HashMap;
use std::error::Error;
use std::time::Instant;

use wfm::erlang::{CurveConfig, Targets, requirement_curve};
use wfm::forecast::{AhtModel, Auto, Fit, History, Predict, Timeline};
use wfm::scheduler::{GeneratorConfig, SolverConfig, generate, solve, validate};

/// Time zone of the history's local timestamps (and of the site being scheduled).
const ZONE: &str = "America/New_York";
/// 2024-01-01 00:00 in New York (EST, UTC-5) = 2024-01-01T05:00:00Z, the history's first local midnight.
const HISTORY_START: i64 = 1_704_085_200;
const INTERVAL_MINUTES: u32 = 30;
/// Compounded shrinkage: 30% (breaks, training, absence) applied on top of Erlang's on-phone agents.
const SHRINKAGE: f64 = 0.30;

type Res<T> = Result<T, Box<dyn Error>>;

/// Size of the run: forecast days and roster size.
struct Size {
    days: usize,
    agents: usize,
    time_limit_seconds: f64,
}

fn main() -> Res<()> {
    let small = std::env::args().any(|a| a == "--small")
        || std::env::var("WFM_SMALL").is_ok_and(|v| v == "1");
    let size = if small {
        Size {
            days: 2,
            agents: 12,
            time_limit_seconds: 5.0,
        }
    } else {
        Size {
            days: 7,
            agents: 30,
            time_limit_seconds: 25.0,
        }
    };
    let t0 = Instant::now();
    let tz = wfm::core::parse_time_zone(ZONE)?;

    // 1. History on a full local grid.
    let text = std::fs::read_to_string(wfm_examples::testdata("forecast/history_30min.csv"))?;
    let (volumes, ahts) = read_history(&text, tz)?;
    let timeline = Timeline::new(HISTORY_START, INTERVAL_MINUTES)?.with_tz(tz);
    let history = History::new(timeline.clone(), volumes)?;
    let n_hist = history.len();

    // 2. Forecast the next `days` local days (counted on the local clock, DST-safe).
    let first_date = timeline.local_date(n_hist)?;
    let mut horizon = 0;
    let mut days_seen = 0;
    let mut prev = first_date;
    while days_seen < size.days {
        let d = timeline.local_date(n_hist + horizon)?;
        if d != prev {
            days_seen += 1;
            prev = d;
            if days_seen == size.days {
                break;
            }
        }
        horizon += 1;
    }
    let forecast = Auto::new().fit(&history)?.predict(horizon, 0.95)?;
    let aht = AhtModel::new().fit(&history, &ahts)?.predict(horizon)?;
    assert_eq!(forecast.len(), horizon);
    assert_eq!(forecast.start, timeline.interval_start(n_hist)?.timestamp());
    assert!(forecast.point.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert!(aht.iter().all(|a| a.is_finite() && *a > 0.0));
    let t_forecast = t0.elapsed().as_secs_f64();

    // 3. Erlang C requirements with shrinkage.
    let grid = wfm::core::IntervalGrid::from_unix(forecast.start, INTERVAL_MINUTES, horizon)?;
    let config = CurveConfig::default()
        .targets(Targets::new().service_level(0.8, 20.0))
        .shrinkage(&[SHRINKAGE]);
    let curve = requirement_curve(&grid, &forecast.point, &aht, &config)?;
    for p in &curve.points {
        assert!(p.agents == 0 || p.metrics.service_level >= 0.8);
        assert!(p.agents_with_shrinkage >= p.agents);
    }
    let t_erlang = t0.elapsed().as_secs_f64();

    // 4. A seeded roster on the same local week, demand replaced by the Erlang curve.
    let mut problem = generate(
        &GeneratorConfig::default()
            .agents(size.agents)
            .days(u32::try_from(size.days)?)
            .interval_minutes(INTERVAL_MINUTES)
            .queues(1)
            .seed(7)
            .start_date(first_date)
            .timezone(ZONE.into()),
    )?;
    assert_eq!(problem.horizon.start, forecast.start);
    assert_eq!(usize::try_from(problem.horizon.intervals)?, horizon);
    problem.queues[0].required = curve
        .points
        .iter()
        .map(|p| f64::from(p.agents_with_shrinkage))
        .collect();
    let schedule = solve(
        &problem,
        &SolverConfig::default().time_limit_seconds(size.time_limit_seconds),
    )?;
    let t_solve = t0.elapsed().as_secs_f64();

    // 5. Independent validation, then the summary.
    let violations = validate(&problem, &schedule);
    for v in &violations {
        eprintln!("violation: {v}");
    }
    assert!(violations.is_empty(), "{} violations", violations.len());
    let coverage = &schedule.coverage[0];
    assert_eq!(coverage.scheduled.len(), horizon);

    println!(
        "wfm pipeline: {} weeks of history -> {} days forecast ({} x {}-minute intervals, {ZONE})",
        n_hist / (7 * 48),
        size.days,
        horizon,
        INTERVAL_MINUTES
    );
    println!(
        "staffing: Erlang C, 80% in 20 s, {:.0}% shrinkage; roster: {} agents (seeded generator); solver: {} ({:?})\n",
        SHRINKAGE * 100.0,
        problem.agents.len(),
        schedule.stats.solver,
        schedule.stats.status
    );
    println!(
        "{:<10} {:>3} {:>9} {:>8} {:>10} {:>10} {:>9} {:>9}",
        "date", "day", "volume", "AHT s", "req ag-h", "sched ag-h", "short h", "over h"
    );
    let hours = f64::from(INTERVAL_MINUTES) / 60.0;
    let mut day_rows: Vec<(String, Row)> = Vec::new();
    let intervals = forecast
        .point
        .iter()
        .zip(&aht)
        .zip(curve.points.iter().zip(&coverage.scheduled));
    for (i, ((&volume, &handle), (point, &scheduled))) in intervals.enumerate() {
        let local = timeline.interval_start(n_hist + i)?.with_timezone(&tz);
        let label = local.format("%Y-%m-%d %a").to_string();
        if day_rows.last().is_none_or(|(l, _)| *l != label) {
            day_rows.push((label, Row::default()));
        }
        if let Some((_, row)) = day_rows.last_mut() {
            let required = f64::from(point.agents_with_shrinkage);
            let scheduled = f64::from(scheduled);
            row.volume += volume;
            row.handle += volume * handle;
            row.required += required * hours;
            row.scheduled += scheduled * hours;
            row.short += (required - scheduled).max(0.0) * hours;
            row.over += (scheduled - required).max(0.0) * hours;
        }
    }
    let mut total = Row::default();
    for (label, row) in &day_rows {
        println!("{label:<14} {}", row.render());
        total.add(row);
    }
    println!("{:<14} {}", "total", total.render());

    // Totals agree with the solver's own report (which the validator recomputed independently).
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * a.abs().max(1.0);
    assert!(close(total.short, schedule.totals.shortfall_hours));
    assert!(close(total.over, schedule.totals.overstaffing_hours));
    assert!(close(
        total.scheduled - total.over + total.short,
        total.required
    ));
    println!(
        "\nshifts {}, paid hours {:.1}, coverage of required hours {:.1}%, no validator violations",
        schedule.totals.shifts,
        schedule.totals.paid_hours,
        100.0 * (1.0 - total.short / total.required.max(f64::MIN_POSITIVE)),
    );
    println!(
        "time: forecast {:.2} s, erlang {:.3} s, schedule {:.2} s, total {:.2} s",
        t_forecast,
        t_erlang - t_forecast,
        t_solve - t_erlang,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One day's (or the total's) figures.
#[derive(Default)]
struct Row {
    volume: f64,
    /// Volume x AHT, for the volume-weighted mean AHT.
    handle: f64,
    required: f64,
    scheduled: f64,
    short: f64,
    over: f64,
}

impl Row {
    fn add(&mut self, other: &Row) {
        self.volume += other.volume;
        self.handle += other.handle;
        self.required += other.required;
        self.scheduled += other.scheduled;
        self.short += other.short;
        self.over += other.over;
    }

    fn render(&self) -> String {
        let aht = if self.volume > 0.0 {
            self.handle / self.volume
        } else {
            0.0
        };
        format!(
            "{:>9.0} {:>8.0} {:>10.1} {:>10.1} {:>9.1} {:>9.1}",
            self.volume, aht, self.required, self.scheduled, self.short, self.over
        )
    }
}

/// Parses `timestamp,volume,aht_seconds` rows (local `YYYY-MM-DD HH:MM`) onto the grid that
/// starts at [`HISTORY_START`] and ends at the local midnight after the last row. Intervals
/// without a row have zero volume. Labels are matched against the grid's own local-clock
/// rendering, so DST days would get their 46 or 50 intervals.
fn read_history(text: &str, tz: wfm::adherence::Tz) -> Res<(Vec<f64>, Vec<f64>)> {
    let step = i64::from(INTERVAL_MINUTES) * 60;
    let local = |i: usize| -> Res<_> {
        let t = HISTORY_START + step * i64::try_from(i)?;
        let utc = wfm::core::time::to_datetime(t)?;
        Ok(utc.with_timezone(&tz))
    };
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let mut f = line.split(',');
        let (Some(ts), Some(v), Some(a), None) = (f.next(), f.next(), f.next(), f.next()) else {
            return Err(format!("line {}: expected 3 fields, got {line:?}", n + 1).into());
        };
        rows.push((
            ts.trim().to_owned(),
            v.trim().parse::<f64>()?,
            a.trim().parse::<f64>()?,
        ));
    }
    let last = rows.last().ok_or("history has no rows")?.0.clone();
    // Walk the grid to the end of the last row's local day, indexing every label.
    let mut index = HashMap::new();
    let mut i = 0;
    let last_date = last.get(..10).ok_or("short timestamp")?.to_owned();
    loop {
        let l = local(i)?;
        let date = l.format("%Y-%m-%d").to_string();
        if date > last_date {
            break;
        }
        index.insert(l.format("%Y-%m-%d %H:%M").to_string(), i);
        i += 1;
        if i > 400 * 48 {
            return Err("history longer than 400 days".into());
        }
    }
    assert_eq!(
        local(0)?.format("%Y-%m-%d %H:%M").to_string(),
        "2024-01-01 00:00"
    );
    let mut volumes = vec![0.0; i];
    let mut ahts = vec![0.0; i];
    for (ts, v, a) in rows {
        let &k = index
            .get(&ts)
            .ok_or_else(|| format!("timestamp {ts:?} is not on the 30-minute local grid"))?;
        volumes[k] = v;
        ahts[k] = a;
    }
    Ok((volumes, ahts))
}
