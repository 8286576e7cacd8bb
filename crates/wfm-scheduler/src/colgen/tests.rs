//! The master's break placement and Lagrangian bound against independent checks: brute force
//! over every break placement with the scorer's own productive intervals, and HiGHS's proven
//! optimum of the monolithic model.

use super::driver::price;
use super::master::{NO_CLASS, Structure};
use super::pricing::AgentTours;
use crate::candidates::Candidates;
use crate::generate::{GeneratorConfig, generate};
use crate::plan::{PlacedBreak, Plan, PlannedShift};
use crate::prepare::Prepared;
use crate::schedule::Status;
use crate::test_support::hourly;
use crate::{Backend, Result, SolverConfig, Strategy, solve};

/// Deterministic pseudo-random duals in [-span, span) (a linear congruential sequence).
fn duals(n: usize, seed: u64, span: f64) -> Vec<f64> {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((x >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * span
        })
        .collect()
}

/// Every placement of one break per slot inside its window, clear of fixed activities and of
/// each other: the shift's best value (sum of supply duals over `Plan::productive`).
fn brute_best(
    prep: &Prepared<'_>,
    s: &Structure,
    cand: usize,
    cands: &Candidates,
    d: &[f64],
) -> f64 {
    let c = cands.list[cand];
    let group = prep.agents[c.agent].group;
    let fixed = &prep.agents[c.agent].fixed;
    let slots = prep.rule_for(c.len).unwrap_or(&[]);
    let value = |breaks: &[PlacedBreak]| -> f64 {
        let shift = PlannedShift {
            cand: c,
            breaks: breaks.to_vec(),
        };
        Plan::productive(prep, &shift)
            .map(|t| s.supply_row(group, t).map_or(0.0, |r| d[r]))
            .sum()
    };
    let mut best = f64::NEG_INFINITY;
    let mut stack: Vec<PlacedBreak> = Vec::new();
    fn rec(
        slots: &[crate::prepare::BreakSlot],
        start: usize,
        fixed: &[bool],
        stack: &mut Vec<PlacedBreak>,
        best: &mut f64,
        value: &dyn Fn(&[PlacedBreak]) -> f64,
    ) {
        let Some((slot, rest)) = slots.split_first() else {
            *best = best.max(value(stack));
            return;
        };
        for o in slot.earliest..=slot.latest {
            let b = PlacedBreak {
                kind: slot.kind,
                start: start + o,
                len: slot.len,
            };
            let span = b.start..b.start + b.len;
            let clear = span.clone().all(|t| !fixed[t])
                && stack
                    .iter()
                    .all(|x| x.start + x.len <= span.start || span.end <= x.start);
            if clear {
                stack.push(b);
                rec(rest, start, fixed, stack, best, value);
                stack.pop();
            }
        }
    }
    rec(slots, c.start, fixed, &mut stack, &mut best, &value);
    best
}

#[test]
fn break_placement_matches_brute_force() -> Result<()> {
    let mut checked = 0;
    for seed in 1..4 {
        let p = generate(
            &GeneratorConfig::default()
                .agents(4)
                .days(2)
                .interval_minutes(30)
                .seed(seed),
        )?;
        let prep = Prepared::new(&p)?;
        let cands = Candidates::new(&prep);
        let s = Structure::new(&prep, &cands);
        let d = duals(s.rows(), seed, 10.0);
        let prices = s.price_classes(&d);
        for (ci, &k) in s.class_of.iter().enumerate() {
            if k == NO_CLASS {
                continue;
            }
            let price = &prices[k as usize];
            let brute = brute_best(&prep, &s, ci, &cands, &d);
            assert!(
                (price.value - brute).abs() < 1e-9,
                "seed {seed} candidate {ci}: {} vs brute force {brute}",
                price.value
            );
            let slots = prep.rule_for(cands.list[ci].len).unwrap_or(&[]).len();
            assert_eq!(price.breaks.len(), slots, "one break per slot");
            checked += usize::from(slots > 0);
        }
    }
    assert!(checked > 0, "the instances have shifts with breaks");
    Ok(())
}

#[test]
fn lagrangian_bound_is_below_the_proven_optimum_at_any_duals() -> Result<()> {
    for seed in 1..4 {
        let p = hourly(seed, 3, 2, 2)?;
        let exact = solve(
            &p,
            &SolverConfig::default()
                .backend(Backend::Highs)
                .strategy(Strategy::Monolithic)
                .time_limit_seconds(60.0)
                .gap(0.0),
        )?;
        assert_eq!(exact.stats.status, Status::Optimal, "seed {seed}");
        let optimum = exact.stats.objective;
        let prep = Prepared::new(&p)?;
        let cands = Candidates::new(&prep);
        let s = Structure::new(&prep, &cands);
        let agents: Vec<AgentTours> = (0..prep.agents.len())
            .map(|a| AgentTours::new(&prep, &cands, a))
            .collect();
        let mut best = f64::NEG_INFINITY;
        for k in 0..20 {
            let mut pi = duals(s.rows(), seed * 100 + k, 50.0);
            s.project(&mut pi);
            let (tours, bound) = price(&prep, &cands, &s, &agents, &pi);
            assert_eq!(tours.len(), prep.agents.len());
            let bound = bound.expect("every agent has a tour");
            assert!(
                bound <= optimum + 1e-6 * optimum.abs().max(1.0),
                "seed {seed} duals {k}: bound {bound} above the optimum {optimum}"
            );
            best = best.max(bound);
        }
        assert!(best.is_finite());
    }
    Ok(())
}
