//! `wfm schedule` and its subcommands: solve, validate, generate (and the Curtois benchmark).

use crate::stdout::outln;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use wfm::scheduler::{
    Backend, GeneratorConfig, Problem, Progress, ProgressCallback, Schedule, SolverConfig, Strategy,
};

use crate::failure::{read_file, write_atomically};
use crate::{CliResult, Failure};

/// Arguments of `wfm schedule`: solve a problem, or one of the subcommands.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct ScheduleArgs {
    #[command(subcommand)]
    command: Option<ScheduleCommand>,
    /// Problem JSON file.
    #[arg(long)]
    problem: Option<PathBuf>,
    /// Where to write the schedule JSON.
    #[arg(long)]
    output: Option<PathBuf>,
    /// MILP backend: microlp or highs.
    #[arg(long, default_value = "microlp")]
    solver: String,
    /// Wall-clock limit in seconds; the best schedule found is returned.
    #[arg(long, default_value_t = 30.0)]
    time_limit_seconds: f64,
    /// Relative MIP gap at which to stop.
    #[arg(long, default_value_t = 0.001)]
    gap: f64,
    /// auto, monolithic (one MILP) or decomposed (neighbourhood search with an LP bound).
    #[arg(long, default_value = "auto")]
    strategy: String,
    /// Work budget of the decomposed search: neighbourhood MILPs at most (0 = automatic).
    #[arg(long, default_value_t = 0)]
    neighbourhoods: usize,
    /// Agents per neighbourhood MILP (0 = by backend).
    #[arg(long, default_value_t = 0)]
    neighbourhood_agents: usize,
    /// Threads of each HiGHS solve (independent sub-problems also run in parallel).
    #[arg(long, default_value_t = 1)]
    threads: u32,
    /// Never show the progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    quiet: bool,
}

#[derive(Debug, clap::Subcommand)]
enum ScheduleCommand {
    /// Solve a Curtois & Qu employee-scheduling benchmark instance.
    Curtois(crate::curtois::CurtoisArgs),
    /// Check a schedule against a problem's hard rules and recompute its numbers.
    Validate(ValidateArgs),
    /// Write a seeded random problem.
    Generate(GenerateArgs),
}

/// Arguments of `wfm schedule validate`.
#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Problem JSON file.
    #[arg(long)]
    problem: PathBuf,
    /// Schedule JSON file.
    #[arg(long)]
    schedule: PathBuf,
}

/// Arguments of `wfm schedule generate`.
#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// Number of agents.
    #[arg(long, default_value_t = 30)]
    agents: usize,
    /// Number of days.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// Interval minutes.
    #[arg(long, default_value_t = 15)]
    interval_minutes: u32,
    /// Number of queues.
    #[arg(long, default_value_t = 2)]
    queues: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the problem JSON.
    #[arg(long)]
    output: PathBuf,
}

/// Runs `wfm schedule`.
pub(crate) fn run(args: ScheduleArgs) -> CliResult {
    match args.command {
        Some(ScheduleCommand::Curtois(a)) => crate::curtois::run(a),
        Some(ScheduleCommand::Validate(a)) => validate(&a),
        Some(ScheduleCommand::Generate(a)) => generate(&a),
        None => solve(&args),
    }
}

fn load_problem(path: &std::path::Path) -> Result<Problem, Failure> {
    Problem::from_json(&read_file(path)?)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))
}

fn solve(args: &ScheduleArgs) -> CliResult {
    let (Some(problem_path), Some(output)) = (&args.problem, &args.output) else {
        return Err(Failure::input(
            "wfm schedule needs --problem P.json and --output S.json",
        ));
    };
    let backend: Backend = args
        .solver
        .parse()
        .map_err(|e| Failure::input(format!("--solver: {e}")))?;
    if !backend.is_available() {
        return Err(Failure::input(format!(
            "--solver {}: this wfm binary was built without the `{}` feature (rebuild wfm-cli with --features {})",
            args.solver, args.solver, args.solver
        )));
    }
    let strategy: Strategy = args
        .strategy
        .parse()
        .map_err(|e| Failure::input(format!("--strategy: {e}")))?;
    let problem = load_problem(problem_path)?;
    let mut config = SolverConfig::default()
        .backend(backend)
        .time_limit_seconds(args.time_limit_seconds)
        .gap(args.gap)
        .strategy(strategy)
        .neighbourhoods(args.neighbourhoods)
        .neighbourhood_agents(args.neighbourhood_agents)
        .threads(args.threads);
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(progress_bar);
    if let Some(bar) = &bar {
        let bar = bar.clone();
        config = config.progress(ProgressCallback::new(move |p| show(&bar, p)));
    }
    let result = wfm::scheduler::solve(&problem, &config);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let schedule = result.map_err(|e| Failure::input(e.to_string()))?;
    let json = serde_json::to_vec_pretty(&schedule)
        .map_err(|e| Failure::input(format!("cannot encode schedule: {e}")))?;
    write_atomically(output, &json)?;
    let s = &schedule.stats;
    outln!(
        "status={}",
        serde_json::to_string(&s.status)
            .unwrap_or_default()
            .trim_matches('"')
    );
    outln!("shortfall_hours={:.2}", schedule.totals.shortfall_hours);
    outln!(
        "overstaffing_hours={:.2}",
        schedule.totals.overstaffing_hours
    );
    outln!("cost={:.2}", schedule.totals.cost);
    outln!("objective={:.2}", s.objective);
    outln!(
        "bound={}",
        s.bound.map_or("none".into(), |b| format!("{b:.2}"))
    );
    outln!("gap={}", s.gap.map_or("none".into(), |g| format!("{g:.4}")));
    outln!("seconds={:.2}", s.seconds);
    outln!("subproblems={}", s.subproblems);
    outln!("milps={}", s.neighbourhoods);
    Ok(ExitCode::SUCCESS)
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(1);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

fn show(bar: &indicatif::ProgressBar, p: &Progress) {
    bar.set_length(p.steps.max(1) as u64);
    bar.set_position(p.step as u64);
    let num = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{v:.1}"));
    bar.set_message(format!(
        "part {}/{} {} incumbent={} bound={}",
        p.subproblem + 1,
        p.subproblems,
        p.phase.name(),
        num(p.incumbent),
        num(p.bound)
    ));
}

fn validate(args: &ValidateArgs) -> CliResult {
    let problem = load_problem(&args.problem)?;
    let text = read_file(&args.schedule)?;
    let schedule: Schedule = serde_json::from_str(&text).map_err(|e| {
        Failure::input(format!(
            "{}: line {} column {}: {e}",
            args.schedule.display(),
            e.line(),
            e.column()
        ))
    })?;
    let violations = wfm::scheduler::validate(&problem, &schedule);
    for v in &violations {
        outln!("{v}");
    }
    outln!("violations={}", violations.len());
    Ok(if violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn generate(args: &GenerateArgs) -> CliResult {
    let config = GeneratorConfig::default()
        .agents(args.agents)
        .days(args.days)
        .interval_minutes(args.interval_minutes)
        .queues(args.queues)
        .seed(args.seed);
    let problem = wfm::scheduler::generate(&config).map_err(|e| Failure::input(e.to_string()))?;
    let json = serde_json::to_vec_pretty(&problem)
        .map_err(|e| Failure::input(format!("cannot encode problem: {e}")))?;
    write_atomically(&args.output, &json)?;
    outln!(
        "agents={} queues={} intervals={}",
        problem.agents.len(),
        problem.queues.len(),
        problem.horizon.intervals
    );
    Ok(ExitCode::SUCCESS)
}
