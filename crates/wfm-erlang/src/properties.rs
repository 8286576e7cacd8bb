//! Property tests: monotonicity, ranges, minimality and no panics on arbitrary floats.

use proptest::prelude::*;

use crate::{
    ChatModel, DeferredWork, Deflection, ErlangA, ErlangC, SlDefinition, Targets, Traffic,
    erlang_b, erlang_b_load, erlang_b_trunks, gross_up,
};

fn in_unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

fn definition() -> impl Strategy<Value = SlDefinition> {
    prop_oneof![
        Just(SlDefinition::Offered),
        Just(SlDefinition::Answered),
        Just(SlDefinition::Virtual),
        Just(SlDefinition::ExcludingShortAbandons),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn erlang_c_monotone_and_in_range(load in 0.001f64..3000.0, aht in 5.0f64..2000.0,
                                      t in 0.0f64..300.0, extra in 0u32..60) {
        let model = ErlangC::new(Traffic::from_erlangs(load, aht)?);
        let n = load.floor() as u32 + 1 + extra;
        let (m, m1) = (model.metrics(n, t), model.metrics(n + 1, t));
        for v in [m.service_level, m.prob_wait, m.occupancy, m1.service_level, m1.prob_wait] {
            prop_assert!(in_unit(v), "{v}");
        }
        prop_assert!(m1.service_level >= m.service_level - 1e-12);
        prop_assert!(m1.prob_wait <= m.prob_wait + 1e-12);
        prop_assert!(m1.asa_seconds <= m.asa_seconds * (1.0 + 1e-12));
    }

    #[test]
    fn erlang_a_monotone_and_in_range(load in 0.001f64..1500.0, aht in 5.0f64..1200.0,
                                      patience in 1.0f64..900.0, t in 0.0f64..120.0,
                                      fraction in 0.0f64..1.6) {
        let model = ErlangA::new(Traffic::from_erlangs(load, aht)?, patience)?;
        let n = (load * fraction).floor() as u32;
        let (m, m1) = (model.metrics(n, t), model.metrics(n + 1, t));
        for v in [m.sl_offered, m.sl_answered, m.sl_virtual, m.sl_excluding_short_abandons,
                  m.metrics.prob_wait, m.metrics.abandon_rate, m.metrics.occupancy] {
            prop_assert!(in_unit(v), "{v}");
        }
        prop_assert!(m1.sl_offered >= m.sl_offered - 1e-12);
        prop_assert!(m1.sl_virtual >= m.sl_virtual - 1e-12);
        prop_assert!(m1.metrics.prob_wait <= m.metrics.prob_wait + 1e-12);
        prop_assert!(m1.metrics.abandon_rate <= m.metrics.abandon_rate + 1e-12);
        // ASA of all arrivals is P(abandon) times the mean patience (Little's law on the queue).
        prop_assert!((m.metrics.asa_seconds - m.metrics.abandon_rate * patience).abs()
            <= 1e-9 * m.metrics.asa_seconds.max(1.0));
    }

    #[test]
    fn erlang_c_answer_is_minimal(load in 0.01f64..5000.0, aht in 10.0f64..1800.0,
                                  x in 0.5f64..0.99, t in 0.0f64..120.0) {
        let model = ErlangC::new(Traffic::from_erlangs(load, aht)?);
        let s = model.min_agents(&Targets::new().service_level(x, t))?;
        prop_assert!(s.service_level >= x);
        let below = model.metrics(s.agents - 1, t);
        prop_assert!(below.service_level < x, "n-1 = {} also meets: {}", s.agents - 1, below.service_level);
    }

    #[test]
    fn erlang_a_answer_is_minimal(load in 0.01f64..800.0, aht in 10.0f64..900.0,
                                  patience in 5.0f64..600.0, x in 0.5f64..0.95,
                                  t in 0.0f64..60.0, definition in definition(),
                                  max_abandon in prop::option::of(0.01f64..0.2)) {
        let model = ErlangA::new(Traffic::from_erlangs(load, aht)?, patience)?.sl_definition(definition);
        let mut targets = Targets::new().service_level(x, t);
        if let Some(p) = max_abandon {
            targets = targets.max_abandon(p);
        }
        let s = model.min_agents(&targets)?;
        let at = model.metrics(s.agents, t).metrics;
        prop_assert!(at.service_level >= x && max_abandon.is_none_or(|p| at.abandon_rate <= p));
        if s.agents > 0 {
            let below = model.metrics(s.agents - 1, t).metrics;
            let met = below.service_level >= x && max_abandon.is_none_or(|p| below.abandon_rate <= p);
            prop_assert!(!met, "n-1 = {} also meets", s.agents - 1);
        }
    }

    #[test]
    fn chat_answer_is_minimal(volume in 1.0f64..2000.0, base in 60.0f64..900.0,
                              slow in 1.0f64..1.6, k in 1usize..4, x in 0.5f64..0.95) {
        let aht: Vec<f64> = (0..k).map(|c| base * slow.powi(c as i32)).collect();
        let chat = ChatModel::from_volume(volume, 30.0, &aht)?;
        let s = chat.min_agents(&Targets::new().service_level(x, 60.0))?;
        prop_assert!(s.service_level >= x && in_unit(s.occupancy));
        prop_assert!(chat.metrics(s.agents - 1, 60.0).service_level < x);
    }

    #[test]
    fn no_panic_on_arbitrary_floats(a in any::<f64>(), b in any::<f64>(), c in any::<f64>(),
                                    d in any::<f64>(), n in 0u32..3000) {
        let _ = erlang_b(n, a);
        let _ = erlang_b_trunks(a, b);
        let _ = erlang_b_load(n, b);
        let _ = gross_up(n, &[a, b]);
        let targets = Targets::new().service_level(b, c).max_asa(d).max_occupancy(c)
            .max_abandon(d).max_agents(n.max(1));
        if let Ok(traffic) = Traffic::from_volume(a, 30.0, c.abs().min(1e4)) {
            let model = ErlangC::new(traffic);
            let _ = model.metrics(n, d);
            let _ = model.min_agents(&targets);
            if let Ok(m) = ErlangA::new(traffic, b) {
                let m = m.metrics(n, d);
                prop_assert!(in_unit(m.sl_offered) && in_unit(m.metrics.abandon_rate));
            }
        }
        let _ = Traffic::from_rate(a, b);
        let _ = Traffic::from_erlangs(c, d);
        if let Ok(chat) = ChatModel::new(a, &[b, c]) {
            let _ = chat.metrics(n, d);
        }
        if let Ok(work) = DeferredWork::new(a, b, c) {
            let _ = work.plan(&[d, a, 1.0], &[true, false, true]);
        }
        if let Ok(defl) = Deflection::new(a, b) {
            let _ = defl.split(c, 30.0, d);
        }
    }
}

/// Regression (a CI hang): a tiny occupancy cap puts the stability bound `a / o` far beyond
/// `max_agents`, where `lower + 1.0 == lower` in floating point; the search must answer
/// `Unreachable` at once instead of looping.
#[test]
fn tiny_occupancy_cap_is_unreachable_not_a_hang() {
    let model = ErlangC::new(Traffic::from_erlangs(100.0, 180.0).unwrap_or_else(|e| panic!("{e}")));
    for o in [1e-300, 1e-20, 5e-16, 1e-9] {
        let r = model.min_agents(&Targets::new().max_occupancy(o));
        assert!(
            matches!(r, Err(crate::Error::Unreachable { .. })),
            "max_occupancy {o}: {r:?}"
        );
    }
}
