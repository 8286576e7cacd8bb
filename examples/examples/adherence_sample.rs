//! Writes the committed adherence sample in `testdata/adherence/` from the seeded synthetic
//! generator (`wfm::adherence::synthetic`, seed 7, 20 agents, 2024-01-01 UTC), then measures it
//! and checks the accounting identity.
//!
//! Run from the workspace root: `cargo run -p wfm-examples --example adherence_sample`.
//! With `--check` it only verifies that the committed files are what the generator produces.

use std::fmt::Write as _;
use std::path::PathBuf;

use wfm::adherence::synthetic::{self, SyntheticConfig, SyntheticDay};
use wfm::adherence::{ActivityKind, AdherenceConfig, measure};

const SEED: u64 = 7;
const AGENTS: usize = 20;

fn opt(v: Option<i64>) -> String {
    v.map_or_else(|| "null".to_owned(), |x| x.to_string())
}

fn files(config: &SyntheticConfig) -> Result<Vec<(&'static str, String)>, std::fmt::Error> {
    let (states, activities) = synthetic::records(config);
    let mut s = String::from("{\"agent_states\": [\n");
    for (i, r) in states.iter().enumerate() {
        let sep = if i + 1 < states.len() { "," } else { "" };
        writeln!(
            s,
            "  {{\"agent_id\": \"{}\", \"platform\": \"{}\", \"state\": \"{}\", \"start_time\": {}, \"end_time\": {}, \"modified_at\": {}}}{sep}",
            r.agent_id,
            r.platform.as_deref().unwrap_or_default(),
            r.state,
            r.start_time,
            opt(r.end_time),
            opt(r.modified_at),
        )?;
    }
    s.push_str("]}\n");
    let mut a = String::from("{\"activities\": [\n");
    for (i, r) in activities.iter().enumerate() {
        let sep = if i + 1 < activities.len() { "," } else { "" };
        writeln!(
            a,
            "  {{\"id\": \"{}\", \"agent_id\": \"{}\", \"type_id\": \"{}\", \"start_time\": {}, \"end_time\": {}}}{sep}",
            r.id, r.agent_id, r.type_id, r.start_time, r.end_time
        )?;
    }
    a.push_str("]}\n");
    let types = synthetic::activity_types();
    let mut t = String::from("{\"activity_types\": [\n");
    for (i, ty) in types.types().iter().enumerate() {
        let sep = if i + 1 < types.len() { "," } else { "" };
        let channels: Vec<String> = ty.channels.iter().map(|c| format!("\"{c}\"")).collect();
        let category = ty
            .category
            .as_ref()
            .map_or_else(String::new, |c| format!(", \"category\": \"{c}\""));
        writeln!(
            t,
            "  {{\"id\": \"{}\", \"name\": \"{}\", \"productive\": {}, \"timeoff\": {}, \"channels\": [{}]{category}}}{sep}",
            ty.id,
            ty.name,
            ty.kind == ActivityKind::Productive,
            ty.kind == ActivityKind::TimeOff,
            channels.join(", "),
        )?;
    }
    t.push_str("]}\n");
    let table = synthetic::mapping_table();
    let mut m = String::from("{\"mappings\": [\n");
    for (i, (platform, state, targets, primary)) in table.iter().enumerate() {
        let sep = if i + 1 < table.len() { "," } else { "" };
        let targets: Vec<String> = targets.iter().map(|x| format!("\"{x}\"")).collect();
        writeln!(
            m,
            "  {{\"platform\": \"{platform}\", \"state\": \"{state}\", \"maps_to\": [{}], \"primary\": \"{primary}\"}}{sep}",
            targets.join(", ")
        )?;
    }
    m.push_str("]}\n");
    Ok(vec![
        ("states.json", s),
        ("activities.json", a),
        ("activity_types.json", t),
        ("mapping.json", m),
    ])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = SyntheticConfig::new(AGENTS).seed(SEED);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/adherence");
    let check = std::env::args().any(|a| a == "--check");
    for (name, text) in files(&config)? {
        let path = dir.join(name);
        if check {
            let committed = std::fs::read_to_string(&path)?;
            assert_eq!(
                committed,
                text,
                "{} differs from the generator",
                path.display()
            );
        } else {
            std::fs::write(&path, text)?;
        }
    }
    let day = SyntheticDay::generate(&config)?;
    let report = measure(&day.input(), &AdherenceConfig::new(day.window))?;
    let total = report.total();
    assert_eq!(
        total.in_adherence_seconds + total.out_of_adherence_seconds,
        total.scheduled_seconds
    );
    println!(
        "{} agents, {} states: schedule adherence {:.1}%, {} exceptions",
        AGENTS,
        day.states.record_count(),
        total.schedule_adherence().unwrap_or(0.0) * 100.0,
        report.exceptions().count()
    );
    Ok(())
}
