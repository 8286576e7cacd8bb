//! `wfm schedule curtois`: solve a Curtois & Qu employee-scheduling benchmark instance.

use crate::stdout::outln;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use wfm::scheduler::roster::{
    RosterBackend, RosterConfig, RosterError, RosterProblem, RosterSolution, RosterStatus,
    evaluate, parse_curtois, solve_roster,
};

use crate::failure::{read_file, write_atomically};
use crate::{CliResult, Failure};

/// MILP backend choice on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Solver {
    /// Pure-Rust microlp.
    Microlp,
    /// HiGHS (needs a build with the `highs` feature).
    Highs,
}

/// Arguments of `wfm schedule curtois`.
#[derive(Debug, clap::Args)]
pub(crate) struct CurtoisArgs {
    /// Instance file in the Curtois & Qu text format (e.g. Instance1.txt).
    instance: PathBuf,
    /// Wall-clock limit of the whole solve, in seconds.
    #[arg(long, default_value_t = 60.0)]
    time_limit_seconds: f64,
    /// Write the roster as JSON to this file.
    #[arg(long)]
    output: Option<PathBuf>,
    /// MILP backend (default: HiGHS when built with it, microlp otherwise).
    #[arg(long, value_enum)]
    solver: Option<Solver>,
    /// Solver threads (HiGHS).
    #[arg(long, default_value_t = 1)]
    threads: u32,
    /// Seed of the local search.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Runs `wfm schedule curtois`: prints `objective=`, `violations=`, `bound=`, `gap=`,
/// `status=` and `seconds=` lines; exit code 1 if the roster breaks a hard rule.
pub(crate) fn run(args: CurtoisArgs) -> CliResult {
    if !(args.time_limit_seconds.is_finite()
        && args.time_limit_seconds > 0.0
        && args.time_limit_seconds < 1e9)
    {
        return Err(Failure::input(format!(
            "--time-limit-seconds must be a positive number of seconds, got {}",
            args.time_limit_seconds
        )));
    }
    let text = read_file(&args.instance)?;
    let problem = parse_curtois(&text)
        .map_err(|e| Failure::input(format!("{}: {e}", args.instance.display())))?;
    let backend = match args.solver {
        Some(Solver::Microlp) => RosterBackend::Microlp,
        Some(Solver::Highs) => RosterBackend::Highs,
        None => RosterBackend::default(),
    };
    let config = RosterConfig::default()
        .backend(backend)
        .time_limit(Duration::from_secs_f64(args.time_limit_seconds))
        .threads(args.threads)
        .seed(args.seed);
    let solution = solve_roster(&problem, &config).map_err(|e| match e {
        RosterError::Solver { .. } => Failure {
            code: 1,
            message: e.to_string(),
        },
        other => Failure::input(format!("{}: {other}", args.instance.display())),
    })?;
    let check = evaluate(&problem, &solution.roster).map_err(|e| Failure {
        code: 1,
        message: e.to_string(),
    })?;
    if let Some(path) = &args.output {
        let json = roster_json(&problem, &solution);
        let bytes = serde_json::to_vec_pretty(&json)
            .map_err(|e| Failure::input(format!("cannot encode roster: {e}")))?;
        write_atomically(path, &bytes)?;
    }
    outln!("objective={}", check.objective);
    outln!("violations={}", check.violations.len());
    outln!(
        "bound={}",
        solution
            .bound
            .map_or("none".to_string(), |b| format!("{b:.3}"))
    );
    outln!(
        "gap={}",
        solution
            .gap
            .map_or("none".to_string(), |g| format!("{g:.6}"))
    );
    outln!(
        "status={}",
        match solution.status {
            RosterStatus::Optimal => "optimal",
            _ => "feasible",
        }
    );
    outln!("seconds={:.3}", solution.seconds);
    for v in &check.violations {
        eprintln!("violation: {v:?}");
    }
    Ok(if check.violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The roster as JSON: per employee id, the shift id (or null) of every day.
fn roster_json(problem: &RosterProblem, solution: &RosterSolution) -> serde_json::Value {
    let employees: Vec<serde_json::Value> = (problem.employees.iter().zip(&solution.roster.shifts))
        .map(|(emp, row)| {
            let shifts: Vec<Option<&str>> = row
                .iter()
                .map(|s| {
                    s.and_then(|s| problem.shift_types.get(s))
                        .map(|t| t.id.as_str())
                })
                .collect();
            serde_json::json!({ "id": emp.id, "shifts": shifts })
        })
        .collect();
    serde_json::json!({
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "days": problem.days,
        "employees": employees,
    })
}
