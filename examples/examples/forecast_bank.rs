//! Reproduces the issue-4 evaluation table on the "Anonymous Bank" 1999 call arrivals.
//!
//! Protocol (see `../shared/data/README.md`): sum 6-minute counts to 30 minutes; rolling
//! origins at the start of 1999-06-13, 09-10, 11-07 and 12-18; fit on everything before
//! the origin; forecast 14 days (672 intervals); MASE scaled by the in-sample weekly
//! seasonal-naive MAE; WAPE; daily accuracy = 1 - WAPE of daily totals; 95% coverage.
//!
//! Run: `cargo run -p wfm-examples --example forecast_bank --release`.
//! Skips with a message when `../shared/data` is absent.

use std::path::Path;
use std::time::Instant;

use wfm::forecast::{
    Auto, Calendar, Fit, FittedModel, Granularity, HistoricalAverage, History, HoltWinters, Mstl,
    PoissonRegression, Predict, SeasonalNaive, Timeline, TopDown, compare, mase_scale,
};

/// 1999-01-01 00:00 in the data's local clock (no DST), taken as UTC.
const START: i64 = 915_148_800;
const ORIGINS: [&str; 4] = ["1999-06-13", "1999-09-10", "1999-11-07", "1999-12-18"];
const HORIZON: usize = 14 * 48;

type Model = (&'static str, Box<dyn Fn(&History) -> wfm::forecast::Result<FittedModel>>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    let calls = dir.join("anonymous_bank_1999_6min.csv");
    if !calls.exists() {
        println!("skipping: {} not found", calls.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&calls)?;
    let six: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap_or("").parse::<f64>())
        .collect::<Result<_, _>>()?;
    let y: Vec<f64> = six.chunks(5).map(|c| c.iter().sum()).collect();
    assert_eq!(y.len(), 17_520);
    let calendar = Calendar::parse_csv(&std::fs::read_to_string(
        dir.join("anonymous_bank_1999_holidays.csv"),
    )?)?;
    let timeline = Timeline::new(START, 30)?.with_calendar(calendar);
    let history = History::new(timeline, y)?;

    let models: Vec<Model> = vec![
        ("seasonal naive (weekly)", Box::new(|h| SeasonalNaive::new().fit(h))),
        ("historical average, 8 weeks", Box::new(|h| HistoricalAverage::new().fit(h))),
        ("top-down (daily x profile)", Box::new(|h| TopDown::new().fit(h))),
        ("top-down, damped trend", Box::new(|h| TopDown::new().damped_trend(0.9).fit(h))),
        ("Holt-Winters (Taylor) + AR(1)", Box::new(|h| HoltWinters::new().fit(h))),
        ("MSTL-style + ETS trend", Box::new(|h| Mstl::new().fit(h))),
        ("Poisson regression", Box::new(|h| PoissonRegression::new().fit(h))),
        ("auto (backtest-selected)", Box::new(|h| Auto::new().fit(h))),
    ];
    let verbose = std::env::args().any(|a| a == "--verbose");
    println!("| model | mean MASE | mean WAPE | daily accuracy | 95% coverage | fit seconds |");
    println!("|---|---|---|---|---|---|");
    for (name, fit) in &models {
        let (mut mase, mut wape, mut daily, mut cover, mut secs) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let mut detail = String::new();
        for origin in ORIGINS {
            let date = chrono_day_index(origin)?;
            let cut = date * 48;
            let train = history.prefix(cut);
            let t0 = Instant::now();
            let fitted = fit(&train)?;
            let forecast = fitted.predict(HORIZON, 0.95)?;
            secs += t0.elapsed().as_secs_f64();
            let actual = &history.values()[cut..cut + HORIZON];
            let scale = mase_scale(train.values(), 7 * 48);
            let (_, m) = compare(actual, &forecast, history.timeline().tz(), Granularity::Interval, scale)?;
            let (_, d) = compare(actual, &forecast, history.timeline().tz(), Granularity::Day, None)?;
            mase += m.mase.unwrap_or(f64::NAN);
            wape += m.wape;
            daily += d.accuracy;
            cover += m.coverage.unwrap_or(f64::NAN);
            detail.push_str(&format!(
                "    {origin}: MASE {:.3} WAPE {:.3} daily {:.3} coverage {:.3} ({})\n",
                m.mase.unwrap_or(f64::NAN),
                m.wape,
                d.accuracy,
                m.coverage.unwrap_or(f64::NAN),
                fitted.name()
            ));
        }
        let k = ORIGINS.len() as f64;
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            mase / k,
            wape / k,
            daily / k,
            cover / k,
            secs / k
        );
        if verbose {
            print!("{detail}");
        }
    }
    Ok(())
}

/// Days from 1999-01-01 to `date` (YYYY-MM-DD in 1999).
fn chrono_day_index(date: &str) -> Result<usize, Box<dyn std::error::Error>> {
    const CUMULATIVE: [usize; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let month: usize = date[5..7].parse()?;
    let day: usize = date[8..10].parse()?;
    Ok(CUMULATIVE[month - 1] + day - 1)
}
