//! Staff one day of half-hourly phone volume with Erlang C and Erlang A, gross up for shrinkage,
//! and print the requirement rows an Assembled-shaped host would store.
//!
//! Run with `cargo run -p wfm-examples --example erlang_day`.

use wfm::core::IntervalGrid;
use wfm::erlang::{CurveConfig, SlDefinition, StaffingModel, Targets, requirement_curve};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 48 half-hours from 2024-01-01T00:00Z; a two-peak day, 0 to 260 calls per half hour.
    let grid = IntervalGrid::from_unix(1_704_067_200, 30, 48)?;
    let volumes: Vec<f64> = (0..48)
        .map(|i| {
            let h = f64::from(i) / 2.0;
            let peak = |at: f64, width: f64| (-((h - at) / width).powi(2)).exp();
            (260.0 * peak(10.5, 2.5) + 180.0 * peak(15.0, 2.0)).round()
        })
        .collect();
    let aht = vec![240.0; 48];
    let targets = Targets::new().service_level(0.8, 20.0).max_occupancy(0.9);
    let erlang_c = CurveConfig::default().targets(targets).shrinkage(&[0.3]);
    let erlang_a = erlang_c.clone().model(StaffingModel::ErlangA {
        patience_seconds: 90.0,
        definition: SlDefinition::Offered,
    });
    let c = requirement_curve(&grid, &volumes, &aht, &erlang_c)?;
    let a = requirement_curve(&grid, &volumes, &aht, &erlang_a)?;
    println!("half-hour  calls  erlang_c  erlang_a  rostered(c)");
    for i in (14..40).step_by(2) {
        let (pc, pa) = (&c.points[i], &a.points[i]);
        println!(
            "{:>9}  {:>5}  {:>8}  {:>8}  {:>11}",
            i, volumes[i], pc.agents, pa.agents, pc.agents_with_shrinkage
        );
        // Abandonment never needs more agents than Erlang C for an offered-SL target here.
        assert!(pa.agents <= pc.agents);
        assert!(pc.metrics.service_level >= 0.8 && pc.metrics.occupancy <= 0.9);
    }
    let rows = c.to_requirements("headcount");
    assert_eq!(rows.len(), 48);
    let total: f64 = rows.iter().map(|r| r.required_count).sum();
    println!(
        "{} requirement rows, {total} rostered agent-half-hours",
        rows.len()
    );
    Ok(())
}
