//! `wfm forecast` and `wfm accuracy`.
//!
//! `wfm forecast --history H.csv --horizon-days N --output F.csv [--interval-minutes M]
//! [--tz ZONE] [--holidays HOL.csv] [--model auto|...] [--level 0.95] [--missing zero|gap]
//! [--backtest]`
//!
//! - H.csv: `timestamp,volume[,aht_seconds]`, timestamps `YYYY-MM-DD HH:MM` local in `--tz`
//!   (default UTC) or RFC3339. Intervals absent from the file count as zero volume (closed)
//!   unless `--missing gap`, which fills them from the same interval-of-week in the nearest
//!   week with data. The interval length is inferred (the most common gap) unless given;
//!   finer data are summed into `--interval-minutes`.
//! - HOL.csv: `date,kind[,name]` with kind holiday, eve, closed or event.
//! - F.csv: `timestamp,forecast,lower,upper[,aht_seconds]` (RFC3339 with the zone's offset)
//!   for the N local days after the history's last local day. With `--missing zero` the
//!   intervals after the last row of that day are closed (zero), so the forecast starts at
//!   the next local midnight; with `--missing gap` the rest of that day is forecast too.
//! - `--backtest` prints each `auto` candidate's backtest metrics as JSON.
//!
//! `wfm accuracy --forecast F.csv --actuals A.csv [--by interval|day|week] [--tz ZONE]`
//! prints forecast-vs-actuals metrics and rows as JSON. Actuals absent inside the span the
//! actuals file covers count as zero; forecast intervals outside it are ignored.
//!
//! Bad input gets an error naming the file and line, exit code 2, and no output file.

mod input;

use crate::stdout::outln;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Days};
use chrono_tz::Tz;
use serde_json::json;
use wfm::forecast::{
    AhtModel, Auto, Calendar, Fit, FittedModel, Forecast, Granularity, HistoricalAverage, History,
    HoltWinters, Mstl, PoissonRegression, Predict, SeasonalNaive, Timeline, TopDown, compare,
};

use crate::failure::{read_file, write_atomically};
use crate::{CliResult, Failure};
use input::{Row, impute_gaps, infer_interval, read_rows, to_grid};

/// Arguments of `wfm forecast`.
#[derive(Debug, clap::Args)]
pub(crate) struct ForecastArgs {
    /// History CSV: `timestamp,volume[,aht_seconds]`.
    #[arg(long, value_name = "H.csv")]
    history: PathBuf,
    /// Number of local days to forecast (at least 1).
    #[arg(long)]
    horizon_days: u32,
    /// Forecast CSV to write (optional with --backtest).
    #[arg(long, value_name = "F.csv", required_unless_present = "backtest")]
    output: Option<PathBuf>,
    /// Interval length in minutes (5..=60, dividing 1440); inferred when absent.
    #[arg(long)]
    interval_minutes: Option<u32>,
    /// IANA time zone of local timestamps, days and weekdays.
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// Holiday calendar CSV: `date,kind[,name]`.
    #[arg(long, value_name = "HOL.csv")]
    holidays: Option<PathBuf>,
    /// auto, seasonal_naive, historical_average, top_down, holt_winters, mstl or poisson.
    #[arg(long, default_value = "auto")]
    model: String,
    /// Nominal coverage of the prediction intervals.
    #[arg(long, default_value_t = 0.95)]
    level: f64,
    /// How absent intervals count: zero (closed) or gap (imputed).
    #[arg(long, default_value = "zero")]
    missing: String,
    /// Print each auto candidate's backtest metrics as JSON.
    #[arg(long)]
    backtest: bool,
}

/// Arguments of `wfm accuracy`.
#[derive(Debug, clap::Args)]
pub(crate) struct AccuracyArgs {
    /// Forecast CSV: `timestamp,forecast[,lower,upper,...]`.
    #[arg(long, value_name = "F.csv")]
    forecast: PathBuf,
    /// Actuals CSV: `timestamp,volume[,...]`.
    #[arg(long, value_name = "A.csv")]
    actuals: PathBuf,
    /// Level of comparison: interval, day or week.
    #[arg(long, default_value = "interval")]
    by: String,
    /// IANA time zone for local days and weeks (and local timestamps).
    #[arg(long, default_value = "UTC")]
    tz: String,
}

fn parse_tz(name: &str) -> Result<Tz, Failure> {
    wfm_core::parse_time_zone(name).map_err(|e| Failure::input(format!("--tz: {e}")))
}

fn model_error(e: wfm::forecast::Error) -> Failure {
    Failure::input(format!("forecast failed: {e}"))
}

/// Runs `wfm forecast`.
pub(crate) fn run(args: ForecastArgs) -> CliResult {
    let tz = parse_tz(&args.tz)?;
    if args.horizon_days == 0 {
        return Err(Failure::input("--horizon-days must be at least 1, got 0"));
    }
    if !(args.level > 0.0 && args.level < 1.0) {
        return Err(Failure::input(format!(
            "--level must lie strictly between 0 and 1, got {}",
            args.level
        )));
    }
    let gap = match args.missing.as_str() {
        "zero" => false,
        "gap" => true,
        other => {
            return Err(Failure::input(format!(
                "--missing must be zero or gap, got {other:?}"
            )));
        }
    };
    let file = args.history.display().to_string();
    let rows = read_rows(&read_file(&args.history)?, &file, tz, 1, 2)?;
    let (history, aht) = build_history(&rows, &file, tz, args.interval_minutes, gap, &args)?;
    if args.backtest {
        print_backtest(&history)?;
        if args.output.is_none() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let fitted = fit_model(&args.model, &history)?;
    let horizon = horizon_intervals(history.timeline(), history.len(), args.horizon_days)?;
    let forecast = fitted.predict(horizon, args.level).map_err(model_error)?;
    let aht_forecast = match aht {
        Some(aht) => Some(
            AhtModel::new()
                .fit(&history, &aht)
                .and_then(|m| m.predict(horizon))
                .map_err(model_error)?,
        ),
        None => None,
    };
    let bytes = render(&forecast, aht_forecast.as_deref(), tz);
    if let Some(output) = &args.output {
        write_atomically(output, bytes.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn build_history(
    rows: &[Row],
    file: &str,
    tz: Tz,
    minutes: Option<u32>,
    gap: bool,
    args: &ForecastArgs,
) -> Result<(History, Option<Vec<f64>>), Failure> {
    let base = match minutes {
        Some(m) if rows.len() < 2 => m,
        _ => infer_interval(rows).ok_or_else(|| {
            Failure::input(format!(
                "{file}: need at least two rows with a whole-minute spacing to infer the interval"
            ))
        })?,
    };
    let minutes = minutes.unwrap_or(base);
    let grid = to_grid(rows, file, tz, base, minutes)?;
    let mut timeline = Timeline::new(grid.start, grid.minutes)
        .map_err(|e| Failure::input(format!("{file}: {e}")))?
        .with_tz(tz);
    if let Some(path) = &args.holidays {
        let calendar = Calendar::parse_csv(&read_file(path)?)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        timeline = timeline.with_calendar(calendar);
    }
    let mut volume = grid.volume.clone();
    let mut weighted = grid.weighted_second.clone();
    if gap {
        impute_gaps(&mut volume, &grid.present, 7 * timeline.slots_per_day());
    } else {
        // Absent intervals are closed: complete the last local day with zeros.
        let last_day = timeline
            .local_date(volume.len().saturating_sub(1))
            .map_err(model_error)?;
        while timeline.local_date(volume.len()).map_err(model_error)? == last_day {
            volume.push(0.0);
            weighted.push(0.0);
        }
    }
    let has_aht = rows
        .iter()
        .any(|r| r.fields.get(1).is_some_and(|a| a.is_finite()));
    let aht = has_aht.then(|| {
        weighted
            .iter()
            .zip(&volume)
            .map(|(w, v)| if *v > 0.0 { w / v } else { 0.0 })
            .collect()
    });
    let history =
        History::new(timeline, volume).map_err(|e| Failure::input(format!("{file}: {e}")))?;
    Ok((history, aht))
}

fn fit_model(name: &str, history: &History) -> Result<FittedModel, Failure> {
    let fitted = match name {
        "auto" => Auto::new().fit(history),
        "seasonal_naive" => SeasonalNaive::new().fit(history),
        "historical_average" => HistoricalAverage::new().fit(history),
        "top_down" => TopDown::new().fit(history),
        "holt_winters" => HoltWinters::new().fit(history),
        "mstl" => Mstl::new().fit(history),
        "poisson" => PoissonRegression::new().fit(history),
        other => {
            return Err(Failure::input(format!(
                "--model {other:?} is not one of auto, seasonal_naive, historical_average, top_down, holt_winters, mstl, poisson"
            )));
        }
    };
    fitted.map_err(model_error)
}

/// Intervals from `len` to the end of the `days`-th local day after the history's last day.
fn horizon_intervals(timeline: &Timeline, len: usize, days: u32) -> Result<usize, Failure> {
    let last = timeline
        .local_date(len.saturating_sub(1))
        .map_err(model_error)?;
    let end = last
        .checked_add_days(Days::new(u64::from(days) + 1))
        .ok_or_else(|| Failure::input(format!("--horizon-days {days} is too large")))?;
    let per_day = timeline.slots_per_day();
    let mut h = (days as usize).saturating_sub(1) * per_day;
    while timeline.local_date(len + h).map_err(model_error)? < end {
        h += 1;
    }
    Ok(h.max(1))
}

fn render(forecast: &Forecast, aht: Option<&[f64]>, tz: Tz) -> String {
    let mut out = String::from("timestamp,forecast,lower,upper");
    if aht.is_some() {
        out.push_str(",aht_seconds");
    }
    out.push('\n');
    for i in 0..forecast.len() {
        let t = DateTime::from_timestamp(forecast.interval_start(i), 0)
            .map(|t| t.with_timezone(&tz).to_rfc3339())
            .unwrap_or_default();
        let _ = write!(
            out,
            "{t},{:.3},{:.3},{:.3}",
            forecast.point[i], forecast.lower[i], forecast.upper[i]
        );
        if let Some(a) = aht {
            let _ = write!(out, ",{:.1}", a[i]);
        }
        out.push('\n');
    }
    out
}

fn print_backtest(history: &History) -> Result<(), Failure> {
    let bt = Auto::new().backtest(history).map_err(model_error)?;
    let finite = |v: f64| if v.is_finite() { json!(v) } else { json!(null) };
    let candidates: Vec<_> = bt
        .candidates
        .iter()
        .map(|c| json!({"model": c.name, "mae": finite(c.mae), "wape": finite(c.wape), "weight": c.weight}))
        .collect();
    let report =
        json!({"folds": bt.folds, "chosen_mae": finite(bt.chosen_mae), "candidates": candidates});
    outln!("{report:#}");
    Ok(())
}

/// Runs `wfm accuracy`.
pub(crate) fn run_accuracy(args: AccuracyArgs) -> CliResult {
    let tz = parse_tz(&args.tz)?;
    let by: Granularity = args
        .by
        .parse()
        .map_err(|e: String| Failure::input(format!("--by: {e}")))?;
    let f_file = args.forecast.display().to_string();
    let a_file = args.actuals.display().to_string();
    let f_rows = read_rows(&read_file(&args.forecast)?, &f_file, tz, 1, 3)?;
    let a_rows = read_rows(&read_file(&args.actuals)?, &a_file, tz, 1, 1)?;
    let minutes = infer_interval(&f_rows).ok_or_else(|| {
        Failure::input(format!(
            "{f_file}: need at least two rows to infer the interval"
        ))
    })?;
    let step = i64::from(minutes) * 60;
    let (Some(a_first), Some(a_last)) = (a_rows.first(), a_rows.last()) else {
        return Err(Failure::input(format!("{a_file}: no data rows")));
    };
    let f_first = f_rows.first().map_or(0, |r| r.time);
    let kept: Vec<&Row> = f_rows
        .iter()
        .filter(|r| r.time >= a_first.time && r.time <= a_last.time)
        .collect();
    if kept.is_empty() {
        return Err(Failure::input(format!(
            "{a_file}: actuals do not overlap the forecast"
        )));
    }
    for r in &f_rows {
        if (r.time - f_first).rem_euclid(step) != 0 {
            return Err(Failure::input(format!(
                "{f_file} line {}: timestamp is off the {minutes}-minute grid",
                r.line
            )));
        }
    }
    let start = kept[0].time;
    let n = usize::try_from((kept[kept.len() - 1].time - start) / step + 1).unwrap_or(0);
    let mut point = vec![0.0; n];
    let mut lower = vec![0.0; n];
    let mut upper = vec![0.0; n];
    for r in &kept {
        let i = usize::try_from((r.time - start) / step).unwrap_or(0);
        point[i] = r.fields[0];
        lower[i] = r
            .fields
            .get(1)
            .copied()
            .filter(|v| v.is_finite())
            .unwrap_or(r.fields[0]);
        upper[i] = r
            .fields
            .get(2)
            .copied()
            .filter(|v| v.is_finite())
            .unwrap_or(r.fields[0]);
    }
    let mut actual = vec![0.0; n];
    for r in &a_rows {
        if r.time < start || (r.time - start) % step != 0 {
            continue;
        }
        if let Some(slot) = usize::try_from((r.time - start) / step)
            .ok()
            .and_then(|i| actual.get_mut(i))
        {
            *slot += r.fields[0];
        }
    }
    let mut forecast = Forecast::from_point(start, minutes, point);
    forecast.lower = lower;
    forecast.upper = upper;
    let (rows, m) = compare(&actual, &forecast, tz, by, None).map_err(model_error)?;
    let time = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .map(|d| d.with_timezone(&tz).to_rfc3339())
            .unwrap_or_default()
    };
    let report = json!({
        "by": args.by,
        "metrics": {
            "count": m.count,
            "actual_total": m.actual_total,
            "forecast_total": m.forecast_total,
            "mae": m.mae,
            "rmse": m.rmse,
            "wape": m.wape,
            "mape": m.mape,
            "smape": m.smape,
            "mase": m.mase,
            "bias": m.bias,
            "coverage": m.coverage,
            "accuracy": m.accuracy,
        },
        "rows": rows.iter().map(|r| json!({
            "start": time(r.start),
            "actual": r.actual,
            "forecast": r.forecast,
            "delta": r.delta,
        })).collect::<Vec<_>>(),
    });
    outln!("{report:#}");
    Ok(ExitCode::SUCCESS)
}
