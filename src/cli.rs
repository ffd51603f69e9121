//! Command-line arguments: clap types only. Commands turn them into the pipeline's `Options`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::classify::Method;
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "exposure",
    version,
    about = "How exposed are a local authority's jobs to generative AI, measured the ILO's way",
    long_about = "Scores every task of a job roster on the ILO's 0–1 scale with a reviewable rubric, \
aggregates per job (mean, SD, ILO class), department, direction and for the whole authority.\n\n\
Exit codes: 0 success, 1 a check found problems, 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// No warnings on standard error (errors are still reported).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Lay tables and long lines out to N columns. Default: on a terminal, its width
    /// (`COLUMNS` when set); to a pipe or a file, tables as always and lines unwrapped.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(i64::from(MIN_WIDTH)..))]
    pub width: Option<u16>,
}

impl Command {
    /// The language the command's text is in: its output, the notes under fitted tables, warnings
    /// and errors follow it.
    pub fn lang(&self) -> Lang {
        match self {
            Command::Score(a) => a.view.lang,
            Command::Jobs(a) => a.out.lang,
            Command::Tasks(a) => a.out.lang,
            Command::Report(a) => a.lang,
            Command::Explain(a) => a.lang,
            Command::Isco(a) => a.lang,
            Command::Check(a) => a.lang,
            Command::Rubric(_) | Command::Completions(_) | Command::Man(_) => Lang::En,
        }
    }
}

/// The narrowest width tables are laid out to (`--width`).
pub const MIN_WIDTH: u16 = 20;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score one or more rosters and print exposure per job, department, direction and overall.
    #[command(after_help = SCORE_EXAMPLES)]
    Score(ScoreArgs),
    /// Jobs grouped by ILO class, with their agents (annex 1 of the Lyon study).
    #[command(after_help = JOBS_EXAMPLES)]
    Jobs(JobsArgs),
    /// Tasks with the highest potential, grouped by theme, with the jobs and agents concerned
    /// (annex 2 of the Lyon study).
    #[command(after_help = TASKS_EXAMPLES)]
    Tasks(TasksArgs),
    /// A report people open: one self-contained HTML file (charts, most exposed jobs and
    /// departments, tasks by theme, method), or an Excel workbook with one sheet per level.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Show how the rubric scores a task text: every matching rule, the one chosen, and why.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// List and validate the rubric.
    #[command(after_help = RUBRIC_EXAMPLES)]
    Rubric(RubricArgs),
    /// ILO reference of an ISCO-08 occupation (`exposure isco 4226`), or the candidate
    /// occupations of a French job title (`exposure isco "gestionnaire paie"`).
    #[command(after_help = ISCO_EXAMPLES)]
    Isco(IscoArgs),
    /// Check rosters in CI: findings with severity and rule, a policy, exit 1 when it fails.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), of the tool or of one command.
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
}

/// The examples at the end of each command's `--help`; every one runs from the repository's
/// folder (a test runs them all).
const SCORE_EXAMPLES: &str = "Examples:
  exposure score data/examples/commune.csv
  exposure score data/examples/ville-fictive.csv --lang fr --top 5
  exposure score data/examples/commune.csv --format json --output commune.json";
const JOBS_EXAMPLES: &str = "Examples:
  exposure jobs data/examples/commune.csv
  exposure jobs data/examples/ville-fictive.csv --lang fr --format markdown";
const TASKS_EXAMPLES: &str = "Examples:
  exposure tasks data/examples/commune.csv
  exposure tasks data/examples/ville-fictive.csv --top 2 --min-band high";
const REPORT_EXAMPLES: &str = "Examples:
  exposure report data/examples/ville-fictive.csv -o rapport.html --lang fr
  exposure report data/examples/commune.csv -o commune.xlsx";
const EXPLAIN_EXAMPLES: &str = "Examples:
  exposure explain \"Saisir les mandats\"
  exposure explain --lang fr \"Accueillir le public au guichet\"";
const RUBRIC_EXAMPLES: &str = "Examples:
  exposure rubric
  exposure rubric --format csv --quiet";
const ISCO_EXAMPLES: &str = "Examples:
  exposure isco 4226
  exposure isco \"gestionnaire paie\" --lang fr";
const CHECK_EXAMPLES: &str = "Examples:
  exposure check data/examples/ville-fictive.csv --fail-on warning --format github
  exposure check data/examples/commune.csv --max-unscored 1
  exposure check --init";
const COMPLETIONS_EXAMPLES: &str = "Examples:
  source <(exposure completions bash)
  exposure completions zsh > _exposure
  exposure completions fish > exposure.fish";
const MAN_EXAMPLES: &str = "Examples:
  exposure man | man -l -
  exposure man check | man -l -";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print [default: the tool's own page].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// What every command that reads rosters takes.
#[derive(Debug, Args, Clone)]
pub struct RosterArgs {
    /// Roster files (CSV, `;` `,` or tab; UTF-8 or Windows-1252; a spreadsheet; a budget
    /// document in XML, several for the year-over-year view); `-` reads standard input.
    #[arg(required = true, value_name = "ROSTER")]
    pub rosters: Vec<String>,

    /// Classification method: ILO WP140 (2025) gradients, or WP96 (2023) categories.
    #[arg(long, value_enum, default_value_t = Method::Wp140)]
    pub method: Method,

    /// Use this rubric instead of the built-in one (format: docs/rubric-format.md).
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,

    /// Your own title → ISCO-08 mappings, a CSV `title,isco08` that wins over the built-in
    /// crosswalk (an empty isco08 leaves the title unmapped); the roster's isco column still wins.
    #[arg(long, value_name = "FILE")]
    pub isco_map: Option<PathBuf>,

    /// For rosters in a spreadsheet (.xlsx, .xlsm, .xls, .ods): the sheet to read
    /// [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: RosterArgs,

    /// Output format (`xlsx` needs `--output`).
    #[arg(long, short = 'f', value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,

    /// CSV dialect: `standard` (`,`, decimal point) or `excel-fr` (`;`, UTF-8 with BOM, decimal
    /// comma: what French Excel opens with a double click).
    #[arg(long, value_enum, default_value_t = CsvDialect::Standard)]
    pub csv_dialect: CsvDialect,

    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Levels to show, comma-separated [default: summary,direction,department,job].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LEVEL")]
    pub level: Vec<Level>,

    /// Also group by this roster column (e.g. filiere, categorie), or by `sex` when the roster
    /// gives the number of women (or men) per job; repeatable.
    #[arg(long, value_name = "COLUMN")]
    pub by: Vec<String>,

    #[command(flatten)]
    pub view: ViewArgs,
}

/// How lists are ordered, cut and labelled.
#[derive(Debug, Args, Clone)]
pub struct ViewArgs {
    /// Language of every label a person reads (JSON keys never change).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,

    /// Show only the first N directions, departments, groups and jobs.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Order of directions, departments, groups and jobs.
    #[arg(long, value_enum, default_value_t = SortKey::Mean)]
    pub sort: SortKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Mean exposure, highest first.
    Mean,
    /// Agents, most first.
    Agents,
    /// Agents concerned, most first.
    Concerned,
    /// Alphabetical.
    Name,
}

#[derive(Debug, Args)]
pub struct JobsArgs {
    #[command(flatten)]
    pub input: RosterArgs,

    #[command(flatten)]
    pub out: AnnexOutput,
}

/// Where and how `jobs` and `tasks` write.
#[derive(Debug, Args)]
pub struct AnnexOutput {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Language of every label a person reads.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct TasksArgs {
    #[command(flatten)]
    pub input: RosterArgs,

    #[command(flatten)]
    pub out: AnnexOutput,

    /// Lowest ILO band shown.
    #[arg(long, value_enum, default_value_t = MinBand::Medium)]
    pub min_band: MinBand,

    /// Show only the first N tasks of each theme.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinBand {
    /// Every scored task.
    VeryLow,
    /// Score ≥ 0.25.
    Low,
    /// Score ≥ 0.50: tasks generative AI can do wholly or in large part.
    Medium,
    /// Score ≥ 0.75.
    High,
}

impl MinBand {
    pub fn band(self) -> crate::classify::Band {
        use crate::classify::Band;
        match self {
            MinBand::VeryLow => Band::VeryLow,
            MinBand::Low => Band::Low,
            MinBand::Medium => Band::Medium,
            MinBand::High => Band::High,
        }
    }
}

#[derive(Debug, Args)]
pub struct IscoArgs {
    /// A 4-digit ISCO-08 code, or a French job title.
    #[arg(required = true, value_name = "CODE|TITLE")]
    pub query: Vec<String>,

    /// Output format (table or json).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Check the title against this `title,isco08` map first, as `score --isco-map` does.
    #[arg(long, value_name = "FILE")]
    pub isco_map: Option<PathBuf>,

    /// How many candidate occupations to list for a title.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Language of the labels (JSON keys never change; the ILO's task statements and
    /// occupation titles stay in English, as published).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The task text to explain.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,

    /// Output format (table or json).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Use this rubric instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,

    /// Language of the labels (JSON keys never change).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Validate and list this rubric instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

/// Flags not given on the command line are read from the policy file (`exposure.toml`, table
/// `[check]`), then fall back to their defaults.
#[derive(Debug, Args)]
#[command(mut_arg("rosters", |a| a.required(false).required_unless_present("init")))]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: RosterArgs,

    /// Write a commented starter policy file, exposure.toml, in the current folder (never over
    /// an existing one), and stop.
    #[arg(long, conflicts_with = "rosters")]
    pub init: bool,

    /// Language of the messages about changes since the baseline and of their class names.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,

    /// Output format: human text, JSON, or GitHub workflow commands (annotations on the PR).
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Fail (exit 1) on findings of this severity or worse.
    #[arg(long, value_enum, default_value_t = crate::check::Severity::Error)]
    pub fail_on: crate::check::Severity,

    /// Unscored tasks tolerated: a count (5) or a share of tasks (2%).
    #[arg(long, default_value = "0", value_name = "N|P%")]
    pub max_unscored: crate::check::Allowance,

    /// The JSON of an earlier `exposure score --format json`, to report what changed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// With a baseline: fail when a direction's mean exposure moved by more than this.
    #[arg(long, value_name = "DELTA", value_parser = crate::bounds::parse_drift)]
    pub max_drift: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `file:line: severity[rule]: message`, then a summary line.
    Text,
    /// One JSON document (schema exposure-check/2, docs/json-schema.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: RosterArgs,

    /// The report file: `.html` for the report, `.xlsx` for the workbook.
    #[arg(long, short = 'o', value_name = "FILE", required = true)]
    pub output: PathBuf,

    /// Report format [default: from the extension of --output].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,

    /// Language of the report.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// An Excel workbook, one sheet per level.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Tables for the terminal.
    Table,
    /// One JSON document (schema documented in docs/json-schema.md).
    Json,
    /// Flat CSV rows, one per group, job (and task), with a `level` column.
    Csv,
    /// Markdown tables.
    Markdown,
    /// An Excel workbook, one sheet per level (needs --output).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvDialect {
    /// `,`, UTF-8, decimal point.
    Standard,
    /// `;`, UTF-8 with BOM, decimal comma.
    ExcelFr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for the terminal.
    Table,
    /// One JSON document (schema documented in docs/json-schema.md).
    Json,
    /// Flat CSV rows, one per group, job (and task), with a `level` column.
    Csv,
    /// Markdown tables.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Level {
    /// The headline and the whole authority.
    Summary,
    /// One row per direction (a budget document: per status).
    Direction,
    /// One row per department (service; a budget document: per filière).
    Department,
    /// One row per job.
    Job,
    /// One row per task (scored or not), with its rule.
    Task,
}

impl Level {
    pub const DEFAULT: [Level; 4] = [
        Level::Summary,
        Level::Direction,
        Level::Department,
        Level::Job,
    ];
}
