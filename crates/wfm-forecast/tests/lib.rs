//! Integration and property tests of `wfm-forecast`.

use chrono::NaiveDate;
use proptest::prelude::*;
use wfm_forecast::{
    Adjustment, AdjustmentKind, Adjustments, Auto, Calendar, DayKind, Error, Fit, Forecast,
    HistoricalAverage, History, HoltWinters, Mstl, PoissonRegression, Predict, SeasonalNaive,
    Timeline, TopDown,
};

/// 2024-01-01 00:00 UTC, a Monday.
const MONDAY: i64 = 1_704_067_200;

type Fitter = fn(&History) -> Result<wfm_forecast::FittedModel, Error>;

fn all_models() -> Vec<(&'static str, Fitter)> {
    vec![
        ("seasonal_naive", |h| SeasonalNaive::new().fit(h)),
        ("historical_average", |h| HistoricalAverage::new().fit(h)),
        ("top_down", |h| TopDown::new().fit(h)),
        ("top_down_trend", |h| {
            TopDown::new().damped_trend(0.9).fit(h)
        }),
        ("holt_winters", |h| HoltWinters::new().fit(h)),
        ("mstl", |h| Mstl::new().fit(h)),
        ("poisson", |h| PoissonRegression::new().fit(h)),
        ("auto", |h| Auto::new().folds(2).fold_days(7).fit(h)),
    ]
}

fn history(values: Vec<f64>, minutes: u32) -> History {
    let timeline = Timeline::new(MONDAY, minutes).expect("valid timeline");
    History::new(timeline, values).expect("valid values")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + b.abs())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn forecasts_have_horizon_length_and_are_finite_non_negative(
        weeks in 4usize..7,
        minutes in prop::sample::select(vec![30u32, 60]),
        seed in prop::collection::vec(0.0f64..80.0, 7 * 48),
        horizon in 1usize..400,
    ) {
        let spd = (1440 / minutes) as usize;
        let values: Vec<f64> = (0..weeks * 7 * spd)
            .map(|i| (seed[i % seed.len()] * (1.0 + (i / 97 % 5) as f64 * 0.1)).round())
            .collect();
        let h = history(values, minutes);
        for (name, fit) in all_models() {
            let f = fit(&h)?.predict(horizon, 0.95)?;
            prop_assert_eq!(f.len(), horizon, "{}", name);
            for i in 0..horizon {
                prop_assert!(f.point[i].is_finite() && f.point[i] >= 0.0, "{} point {}", name, f.point[i]);
                prop_assert!(f.lower[i] >= 0.0 && f.lower[i] <= f.point[i] + 1e-9, "{} lower", name);
                prop_assert!(f.upper[i] >= f.point[i] - 1e-9 && f.upper[i].is_finite(), "{} upper", name);
            }
        }
    }

    #[test]
    fn constant_series_forecast_the_constant(c in 0.0f64..500.0, weeks in 4usize..6) {
        let h = history(vec![c; weeks * 7 * 24], 60);
        for (name, fit) in all_models() {
            let f = fit(&h)?.predict(24 * 9, 0.9)?;
            for &p in &f.point {
                prop_assert!(close(p, c), "{} forecast {} for constant {}", name, p, c);
            }
        }
    }

    #[test]
    fn pure_weekly_pattern_is_reproduced_exactly(
        pattern in prop::collection::vec(prop::sample::select(vec![0.0f64, 1.0, 5.0, 12.0, 40.0, 130.0]), 7 * 24),
        weeks in 4usize..6,
    ) {
        let values: Vec<f64> = (0..weeks * 7 * 24).map(|i| pattern[i % pattern.len()]).collect();
        let h = history(values, 60);
        for (name, fit) in all_models() {
            if name == "poisson" || name == "top_down_trend" {
                continue; // shrinkage/trend estimators: close but not exact by design
            }
            let f = fit(&h)?.predict(7 * 24 * 2, 0.95)?;
            for (i, &p) in f.point.iter().enumerate() {
                let want = pattern[i % pattern.len()];
                prop_assert!(close(p, want), "{} at {}: {} vs {}", name, i, p, want);
            }
        }
    }

    #[test]
    fn adjustment_layers_compose(
        base in prop::collection::vec(0.0f64..100.0, 48),
        ranges in prop::collection::vec((0i64..48, 1i64..20, -5.0f64..5.0, 0.0f64..3.0, any::<bool>()), 1..6),
        split in 0usize..6,
    ) {
        let f = Forecast::from_point(MONDAY, 30, base);
        let adjustments: Vec<Adjustment> = ranges
            .iter()
            .map(|&(s, len, add, mul, is_mul)| {
                let kind = if is_mul { AdjustmentKind::Multiply(mul) } else { AdjustmentKind::Add(add) };
                Adjustment::new(MONDAY + s * 1800, MONDAY + (s + len) * 1800, kind)
            })
            .collect::<Result<_, _>>()?;
        let cut = split.min(adjustments.len());
        let first = adjustments[..cut].iter().cloned().fold(Adjustments::new(), Adjustments::with);
        let second = adjustments[cut..].iter().cloned().fold(Adjustments::new(), Adjustments::with);
        let stepwise = second.apply(&first.apply(&f, None), None);
        let composed = first.then(second).apply(&f, None);
        prop_assert_eq!(stepwise, composed);
    }

    #[test]
    fn multiplicative_adjustments_multiply(a in 0.0f64..3.0, b in 0.0f64..3.0, v in 0.0f64..100.0) {
        let f = Forecast::from_point(MONDAY, 60, vec![v; 4]);
        let range = |k| Adjustment::new(MONDAY, MONDAY + 7200, AdjustmentKind::Multiply(k));
        let twice = Adjustments::new().with(range(a)?).with(range(b)?).apply(&f, None);
        let once = Adjustments::new().with(range(a * b)?).apply(&f, None);
        for i in 0..4 {
            prop_assert!(close(twice.point[i], once.point[i]));
        }
    }
}

#[test]
fn forecasts_across_dst_have_23_and_25_hour_days() -> Result<(), Error> {
    // 2024-03-04 00:00 CET = 2024-03-03 23:00 UTC; 5 weeks of 30-minute data in Paris,
    // forecasting across the 2024-03-31 spring-forward day.
    let tz = chrono_tz::Europe::Paris;
    let timeline = Timeline::new(1_709_506_800, 30)?.with_tz(tz);
    let n = 27 * 48 - 2; // history ends 2024-03-30 23:00 local... any cut works
    let values: Vec<f64> = (0..n).map(|i| 10.0 + (i % 48) as f64).collect();
    let h = History::new(timeline, values)?;
    for (name, fit) in all_models() {
        let f = fit(&h)?.predict(48 * 3, 0.95)?;
        assert_eq!(f.len(), 48 * 3, "{name}");
        assert!(f.point.iter().all(|v| v.is_finite() && *v >= 0.0), "{name}");
    }
    Ok(())
}

#[test]
fn holidays_shape_the_forecast_and_stay_out_of_normal_profiles() -> Result<(), Error> {
    // Six weeks of hourly data, weekdays 100/h in office hours, two past holidays at 10/h.
    let days = 7 * 6;
    let date = |d: u32| {
        NaiveDate::from_ymd_opt(2024, 1, 1)
            .and_then(|x| x.checked_add_days(chrono::Days::new(u64::from(d))))
    };
    let mut calendar = Calendar::new();
    for d in [10u32, 24] {
        calendar.insert(
            date(d).ok_or(Error::InvalidHorizon { horizon: 0 })?,
            DayKind::Holiday,
        );
    }
    let future_holiday = days as u32 + 2;
    calendar.insert(
        date(future_holiday).ok_or(Error::InvalidHorizon { horizon: 0 })?,
        DayKind::Holiday,
    );
    let timeline = Timeline::new(MONDAY, 60)?.with_calendar(calendar);
    let values: Vec<f64> = (0..days * 24)
        .map(|i| {
            let (d, hour) = (i / 24, i % 24);
            let open = (8..18).contains(&hour);
            match (d == 10 || d == 24, open) {
                (true, true) => 10.0,
                (false, true) => 100.0,
                _ => 0.0,
            }
        })
        .collect();
    let h = History::new(timeline, values)?;
    for (name, fit) in all_models() {
        if name == "seasonal_naive" || name == "historical_average" {
            continue; // the plain baselines ignore the calendar by definition
        }
        let f = fit(&h)?.predict(24 * 4, 0.95)?;
        let day = |k: usize| f.point[k * 24..(k + 1) * 24].iter().sum::<f64>();
        assert!(
            (day(1) - 1000.0).abs() < 30.0,
            "{name}: normal day {}",
            day(1)
        );
        assert!((day(2) - 100.0).abs() < 30.0, "{name}: holiday {}", day(2));
        assert!(
            f.point[48 + 3].abs() < 1e-12,
            "{name}: closed night stays zero"
        );
    }
    Ok(())
}

#[test]
fn bad_inputs_are_typed_errors() -> Result<(), Error> {
    let h = history(vec![1.0; 24 * 3], 60);
    assert!(matches!(
        HoltWinters::new().fit(&h),
        Err(Error::HistoryTooShort { .. })
    ));
    let fitted = SeasonalNaive::new().fit(&history(vec![1.0; 24 * 7], 60))?;
    assert!(matches!(
        fitted.predict(0, 0.95),
        Err(Error::InvalidHorizon { horizon: 0 })
    ));
    assert!(matches!(
        fitted.predict(3, 1.5),
        Err(Error::InvalidLevel { .. })
    ));
    assert!(matches!(
        Auto::new().fit(&history(vec![], 60)),
        Err(Error::HistoryTooShort { .. })
    ));
    assert!(matches!(
        fitted.predict(usize::MAX, 0.95),
        Err(Error::InvalidHorizon { .. })
    ));
    let extreme = Auto::new().folds(usize::MAX).fold_days(usize::MAX);
    assert_eq!(
        extreme
            .fit(&history(vec![1.0; 24 * 7 * 4], 60))?
            .predict(2, 0.9)?
            .len(),
        2
    );
    let wide = TopDown::new().weeks(usize::MAX).profile_weeks(usize::MAX);
    assert_eq!(
        wide.fit(&history(vec![1.0; 24 * 7 * 3], 60))?
            .predict(2, 0.9)?
            .len(),
        2
    );
    Ok(())
}
