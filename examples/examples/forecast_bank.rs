//! Reproduces the issue-4 evaluation table on the "Anonymous Bank" 1999 call arrivals.
//!
//! Protocol (see `../shared/data/README.md`): sum 6-minute counts to 30 minutes; rolling
//! origins at the start of 1999-06-13, 09-10, 11-07 and 12-18; fit on everything before
//! the origin; forecast 14 days (672 intervals); MASE scaled by the in-sample weekly
//! seasonal-naive MAE; WAPE; daily accuracy = 1 - WAPE of daily totals; 95% coverage.
//!
//! A second table checks generalisation on the UIHC emergency-department hourly arrivals
//! (origins 2017-04-01, 07-01, 10-01 and 2018-01-01, 14 days, holidays from the file's
//! day flags), a series none of the models were developed on.
//!
//! Run: `cargo run -p wfm-examples --example forecast_bank --release` (`--verbose` adds
//! per-origin rows; `--weekly-origins` adds a bank table over the 33 weekly origins from
//! 1999-05-01 to 12-18, a wider check than the four issue origins). Skips with a message
//! when `../shared/data` is absent.

use std::path::Path;
use std::time::Instant;

use wfm::forecast::{
    Auto, Calendar, DayKind, Fit, FittedModel, Granularity, HistoricalAverage, History,
    HoltWinters, Mstl, PoissonRegression, Predict, SeasonalNaive, Timeline, TopDown, compare,
    mase_scale,
};

/// 1999-01-01 00:00 in the data's local clock (no DST), taken as UTC.
const START: i64 = 915_148_800;
const ORIGINS: [&str; 4] = ["1999-06-13", "1999-09-10", "1999-11-07", "1999-12-18"];
const HORIZON: usize = 14 * 48;

type Model = (
    &'static str,
    Box<dyn Fn(&History) -> wfm::forecast::Result<FittedModel>>,
);

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

    println!("Anonymous Bank 1999, 30-minute, 4 origins x 14 days:\n");
    let origins: Vec<usize> = ORIGINS
        .iter()
        .map(|o| day_of_1999(o).map(|d| d * 48))
        .collect::<Result<_, _>>()?;
    evaluate(&history, &origins, 48, HORIZON)?;
    if std::env::args().any(|a| a == "--weekly-origins") {
        let first = day_of_1999("1999-05-01")?;
        let last = day_of_1999("1999-12-18")?;
        let weekly: Vec<usize> = (first..=last).step_by(7).map(|d| d * 48).collect();
        println!(
            "\nAnonymous Bank 1999, {} weekly origins x 14 days:\n",
            weekly.len()
        );
        evaluate(&history, &weekly, 48, HORIZON)?;
    }

    let uihc = dir.join("uihc_ed_arrivals_hourly_2013_2018.csv");
    if !uihc.exists() {
        println!("\nskipping UIHC: {} not found", uihc.display());
        return Ok(());
    }
    let (history, day_index) = read_uihc(&uihc)?;
    println!("\nUIHC emergency department, hourly, 4 origins x 14 days:\n");
    let origins: Vec<usize> = ["2017-04-01", "2017-07-01", "2017-10-01", "2018-01-01"]
        .iter()
        .map(|o| {
            day_index(o)
                .map(|d| d * 24)
                .ok_or("origin outside the data")
        })
        .collect::<Result<_, _>>()?;
    evaluate(&history, &origins, 24, 14 * 24)?;
    Ok(())
}

fn models() -> Vec<Model> {
    vec![
        (
            "seasonal naive (weekly)",
            Box::new(|h| SeasonalNaive::new().fit(h)),
        ),
        (
            "historical average, 8 weeks",
            Box::new(|h| HistoricalAverage::new().fit(h)),
        ),
        (
            "top-down (daily x profile)",
            Box::new(|h| TopDown::new().fit(h)),
        ),
        (
            "top-down + day-of-month",
            Box::new(|h| TopDown::new().day_of_month(true).fit(h)),
        ),
        (
            "top-down, damped trend",
            Box::new(|h| TopDown::new().damped_trend(0.9).fit(h)),
        ),
        (
            "Holt-Winters (Taylor) + AR(1)",
            Box::new(|h| HoltWinters::new().fit(h)),
        ),
        ("MSTL-style + ETS trend", Box::new(|h| Mstl::new().fit(h))),
        (
            "Poisson regression",
            Box::new(|h| PoissonRegression::new().fit(h)),
        ),
        ("auto (backtest-selected)", Box::new(|h| Auto::new().fit(h))),
    ]
}

/// Prints one table row per model: means over `origins` (interval indices).
fn evaluate(
    history: &History,
    origins: &[usize],
    per_day: usize,
    horizon: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let tz = history.timeline().tz();
    println!("| model | mean MASE | mean WAPE | daily accuracy | 95% coverage | fit seconds |");
    println!("|---|---|---|---|---|---|");
    for (name, fit) in &models() {
        let (mut mase, mut wape, mut daily, mut cover, mut secs) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let mut detail = String::new();
        for &cut in origins {
            let train = history.prefix(cut);
            let t0 = Instant::now();
            let fitted = fit(&train)?;
            let forecast = fitted.predict(horizon, 0.95)?;
            secs += t0.elapsed().as_secs_f64();
            let actual = &history.values()[cut..cut + horizon];
            let scale = mase_scale(train.values(), 7 * per_day);
            let (_, m) = compare(actual, &forecast, tz, Granularity::Interval, scale)?;
            let (_, d) = compare(actual, &forecast, tz, Granularity::Day, None)?;
            let m_mase = m.mase.ok_or("no MASE scale")?;
            let m_cover = m.coverage.ok_or("no coverage")?;
            mase += m_mase;
            wape += m.wape;
            daily += d.accuracy;
            cover += m_cover;
            detail.push_str(&format!(
                "|   origin {} | {m_mase:.3} | {:.3} | {:.3} | {m_cover:.3} | |\n",
                history.timeline().local_date(cut)?,
                m.wape,
                d.accuracy,
            ));
        }
        let k = origins.len() as f64;
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
            if *name == "auto (backtest-selected)" {
                print_auto_choices(history, origins)?;
            }
        }
    }
    oracle_level_bound(history, origins, horizon)?;
    Ok(())
}

/// Not a forecast: an upper bound on daily accuracy for any model that gets the weekday,
/// day-of-month and holiday pattern of top-down + day-of-month and only errs in the level.
/// Each origin's forecast is rescaled by the constant factor (0.5-2.0, step 0.005) that
/// maximises its daily accuracy in hindsight, that is with the horizon's actual mean level.
fn oracle_level_bound(
    history: &History,
    origins: &[usize],
    horizon: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let tz = history.timeline().tz();
    let mut sum = 0.0;
    let mut parts = Vec::new();
    for &cut in origins {
        let mut forecast = TopDown::new()
            .day_of_month(true)
            .fit(&history.prefix(cut))?
            .predict(horizon, 0.95)?;
        let base = forecast.point.clone();
        let actual = &history.values()[cut..cut + horizon];
        let mut best = 0.0f64;
        for step in 100..=400 {
            let factor = f64::from(step) * 0.005;
            for (p, b) in forecast.point.iter_mut().zip(&base) {
                *p = b * factor;
            }
            let (_, d) = compare(actual, &forecast, tz, Granularity::Day, None)?;
            best = best.max(d.accuracy);
        }
        sum += best;
        parts.push(format!("{best:.3}"));
    }
    println!(
        "\nbound: top-down + day-of-month with the horizon's actual level (hindsight, not a \
         forecast): daily accuracy {:.3} (per origin {})",
        sum / origins.len() as f64,
        parts.join(", ")
    );
    Ok(())
}

/// Prints, per origin, the candidates `auto` weighted and their backtest WAPE.
fn print_auto_choices(
    history: &History,
    origins: &[usize],
) -> Result<(), Box<dyn std::error::Error>> {
    for &cut in origins {
        let report = Auto::new().backtest(&history.prefix(cut))?;
        let chosen: Vec<String> = report
            .candidates
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| format!("{} {:.2} (backtest WAPE {:.3})", c.name, c.weight, c.wape))
            .collect();
        println!(
            "|   auto at {}: {} | | | | | |",
            history.timeline().local_date(cut)?,
            chosen.join(", ")
        );
    }
    Ok(())
}

type DayIndex = Box<dyn Fn(&str) -> Option<usize>>;

/// Reads the UIHC hourly arrivals; holiday flags become calendar days.
fn read_uihc(path: &Path) -> Result<(History, DayIndex), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut values = Vec::new();
    let mut calendar = Calendar::new();
    let mut dates: Vec<String> = Vec::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let [ts, _, arrivals, _, flags @ ..] = cells.as_slice() else {
            return Err(format!("short line {line:?}").into());
        };
        values.push(arrivals.parse::<f64>()?);
        let date = &ts[..10];
        if dates.last().is_none_or(|d| d != date) {
            dates.push(date.to_owned());
            // xmas, xmas2, nye, nyd, thx, thx1, ind are holidays; game_day an event.
            let kind = if flags.get(..7).is_some_and(|f| f.contains(&"1")) {
                Some(DayKind::Holiday)
            } else if flags.get(7) == Some(&"1") {
                Some(DayKind::Event)
            } else {
                None
            };
            if let Some(kind) = kind {
                calendar.insert(date.parse()?, kind);
            }
        }
    }
    // 2013-07-01 00:00, local clock without DST, taken as UTC.
    let timeline = Timeline::new(1_372_636_800, 60)?.with_calendar(calendar);
    let history = History::new(timeline, values)?;
    let index: DayIndex = Box::new(move |d| dates.iter().position(|x| x == d));
    Ok((history, index))
}

/// Days from 1999-01-01 to `date` (YYYY-MM-DD in 1999).
fn day_of_1999(date: &str) -> Result<usize, Box<dyn std::error::Error>> {
    const CUMULATIVE: [usize; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let month: usize = date[5..7].parse()?;
    let day: usize = date[8..10].parse()?;
    Ok(CUMULATIVE[month - 1] + day - 1)
}
