//! All cases of `../shared/reference/erlang/reference.csv` (40-digit reference values computed
//! independently of any peer; see its README). Skips with a message when the file is absent.

use std::collections::HashMap;

use wfm_erlang::{
    ErlangA, ErlangC, SlDefinition, Targets, Traffic, erlang_b, erlang_b_trunks, gross_up,
};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/erlang/reference.csv"
);

struct Row(HashMap<String, String>);

impl Row {
    fn get(&self, k: &str) -> Option<f64> {
        self.0
            .get(k)
            .filter(|v| !v.is_empty())
            .map(|v| v.parse::<f64>().unwrap_or_else(|e| panic!("{k}={v}: {e}")))
    }
    fn f(&self, k: &str) -> f64 {
        self.get(k)
            .unwrap_or_else(|| panic!("{}: missing {k}", self.id()))
    }
    fn n(&self, k: &str) -> u32 {
        self.f(k) as u32
    }
    fn id(&self) -> &str {
        &self.0["case_id"]
    }
}

fn rows() -> Option<Vec<Row>> {
    let Ok(mut reader) = csv::Reader::from_path(PATH) else {
        println!("skipping: {PATH} not found");
        return None;
    };
    let headers = reader.headers().expect("header").clone();
    Some(
        reader
            .records()
            .map(|r| {
                let r = r.expect("record");
                Row(headers
                    .iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect())
            })
            .collect(),
    )
}

/// Collects mismatches so one run reports all of them.
#[derive(Default)]
struct Check {
    failures: Vec<String>,
    compared: usize,
}

impl Check {
    fn close(&mut self, row: &Row, what: &str, got: f64, column: &str) {
        let Some(want) = row.get(column) else { return };
        self.compared += 1;
        let ok = (got - want).abs() <= 1e-9 * want.abs() || (got - want).abs() <= 1e-12;
        if !ok {
            self.failures
                .push(format!("{} {what}: got {got:e}, ref {want:e}", row.id()));
        }
    }
    fn agents(&mut self, row: &Row, what: &str, got: Result<u32, wfm_erlang::Error>, column: &str) {
        let Some(want) = row.get(column) else { return };
        self.compared += 1;
        match got {
            Ok(n) if format!("{n}") == format!("{want}") => {}
            other => self
                .failures
                .push(format!("{} {what}: got {other:?}, ref {want}", row.id())),
        }
    }
}

#[test]
fn every_reference_case_matches() {
    let Some(rows) = rows() else { return };
    assert_eq!(rows.len(), 493);
    let mut check = Check::default();
    for row in &rows {
        match row.0["model"].as_str() {
            "erlang_c" => erlang_c_case(row, &mut check),
            "erlang_c_metrics_at_N" => erlang_c_metrics_case(row, &mut check),
            "erlang_a" => erlang_a_case(row, &mut check),
            "erlang_b" => erlang_b_case(row, &mut check),
            "shrinkage" => {
                let got = gross_up(row.n("raw_agents"), &[row.f("shrinkage")]);
                check.agents(row, "gross up", got, "ref_agents");
            }
            other => panic!("unknown model {other}"),
        }
    }
    println!("compared {} values", check.compared);
    assert!(
        check.failures.is_empty(),
        "{} mismatches:\n{}",
        check.failures.len(),
        check.failures.join("\n")
    );
}

fn volume_traffic(row: &Row) -> Traffic {
    Traffic::from_volume(
        row.f("calls_per_interval"),
        row.f("interval_min"),
        row.f("aht_s"),
    )
    .expect("valid traffic")
}

fn erlang_c_case(row: &Row, check: &mut Check) {
    let model = ErlangC::new(volume_traffic(row));
    let t = row.f("awt_s");
    let targets = Targets::new().service_level(row.f("sl_target"), t);
    check.agents(
        row,
        "agents",
        model.min_agents(&targets).map(|m| m.agents),
        "ref_agents",
    );
    let n = row.n("ref_agents");
    let m = model.metrics(n, t);
    check.close(row, "sl", m.service_level, "ref_sl");
    check.close(row, "pwait", m.prob_wait, "ref_pwait");
    check.close(row, "asa", m.asa_seconds, "ref_asa_s");
    check.close(row, "occupancy", m.occupancy, "ref_occupancy");
    let below = model.metrics(n - 1, t);
    check.close(row, "sl at n-1", below.service_level, "ref_sl_at_n_minus_1");
}

fn erlang_c_metrics_case(row: &Row, check: &mut Check) {
    let traffic = Traffic::from_erlangs(row.f("erlangs"), row.f("aht_s")).expect("valid");
    let n = row.n("agents");
    let m = ErlangC::new(traffic).metrics(n, row.f("awt_s"));
    check.close(row, "sl", m.service_level, "ref_sl");
    check.close(row, "pwait", m.prob_wait, "ref_pwait");
    check.close(row, "asa", m.asa_seconds, "ref_asa_s");
    check.close(row, "occupancy", m.occupancy, "ref_occupancy");
    check.close(
        row,
        "erlang b",
        erlang_b(n, traffic.erlangs()).expect("b"),
        "ref_erlang_b",
    );
}

fn erlang_b_case(row: &Row, check: &mut Check) {
    let a = row.f("erlangs");
    check.agents(
        row,
        "trunks",
        erlang_b_trunks(a, row.f("blocking_target")),
        "ref_agents",
    );
    let n = row.n("ref_agents");
    let b = erlang_b(n, a).expect("b");
    check.close(row, "blocking", b, "ref_blocking");
    check.close(
        row,
        "occupancy",
        a * (1.0 - b) / f64::from(n),
        "ref_occupancy",
    );
}

fn erlang_a_case(row: &Row, check: &mut Check) {
    let traffic = volume_traffic(row);
    let model = ErlangA::new(traffic, row.f("patience_s")).expect("valid");
    let t = row.f("awt_s");
    let sl = Targets::new().service_level(row.f("sl_target"), t);
    let agents = |m: &ErlangA, targets: &Targets| m.min_agents(targets).map(|s| s.agents);
    check.agents(row, "agents", agents(&model, &sl), "ref_agents");
    check.agents(
        row,
        "agents (virtual)",
        agents(&model.sl_definition(SlDefinition::Virtual), &sl),
        "ref_agents_sl_virtual",
    );
    check.agents(
        row,
        "agents (answered)",
        agents(&model.sl_definition(SlDefinition::Answered), &sl),
        "ref_agents_sl_answered",
    );
    check.agents(
        row,
        "agents (offered, pab <= 5%)",
        agents(&model, &sl.max_abandon(0.05)),
        "ref_agents_sl_offered_and_pab_le_5pct",
    );
    check.agents(
        row,
        "erlang c agents",
        ErlangC::new(traffic).min_agents(&sl).map(|m| m.agents),
        "ref_erlang_c_agents",
    );
    let n = row.n("ref_agents");
    let m = model.metrics(n, t);
    check.close(row, "sl", m.sl_offered, "ref_sl");
    check.close(row, "pwait", m.metrics.prob_wait, "ref_pwait");
    check.close(row, "asa", m.metrics.asa_seconds, "ref_asa_s");
    check.close(row, "occupancy", m.metrics.occupancy, "ref_occupancy");
    check.close(row, "pab", m.metrics.abandon_rate, "ref_pab");
    check.close(row, "sl answered", m.sl_answered, "ref_sl_answered");
    check.close(row, "sl virtual", m.sl_virtual, "ref_sl_virtual");
    check.close(
        row,
        "sl excl",
        m.sl_excluding_short_abandons,
        "ref_sl_excl_short_abandons",
    );
    check.close(
        row,
        "asa virtual",
        m.asa_virtual_seconds,
        "ref_asa_virtual_s",
    );
    check.close(
        row,
        "asa answered",
        m.asa_answered_seconds,
        "ref_asa_answered_s",
    );
    let below = model.metrics(n - 1, t);
    check.close(row, "sl at n-1", below.sl_offered, "ref_sl_at_n_minus_1");
}
