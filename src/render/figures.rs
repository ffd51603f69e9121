//! The catalogue of figures: for each kind of row (a group, a job, a task), its columns once —
//! JSON key, CSV name, labels, kind and how to read it from the row. The terminal and Markdown
//! tables, the CSV (both dialects), the workbook and the report iterate these lists; the JSON
//! keeps its serde field order, and a test keeps the catalogue's keys equal to the serialized
//! ones. The kind decides how a value is written, for a person ([`Value::human`]) or in a CSV
//! ([`Value::csv`]); the workbook writes numbers under a format of the kind.
//!
//! Adding a figure to every output is one entry here plus its labels in `crate::i18n`.

use std::borrow::Cow;

use crate::aggregate::{GroupExposure, JobExposure, TaskRecord, UnscoredTask};
use crate::analysis::UnmappedJob;
use crate::check::Finding;
use crate::classify::Class;
use crate::i18n::{Grouping, Lang};
use crate::ilo::task_in;
use crate::isco::ScoredFrom;
use crate::themes::theme_label;

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number: `#,##0`.
    Count,
    /// Agents: whole numbers, or one decimal when a value is an FTE.
    Agents,
    /// A score, mean or SD: two decimals.
    Score,
    /// A share of a whole: a percentage with one decimal.
    Share,
    /// A number as it is (task weights).
    Number,
    /// An ILO class.
    Class,
    /// A stable value (level, band, source): its key in the English CSV, a label for a person.
    Key,
    /// Text from the roster or the rubric.
    Text,
    /// Agents per class: one column per class of the method.
    Classes,
}

impl Kind {
    /// Whether the value is a number (aligned right).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Kind::Count | Kind::Agents | Kind::Score | Kind::Share | Kind::Number | Kind::Classes
        )
    }
}

/// One figure of one row.
pub enum Value<'a> {
    Num(Option<f64>),
    /// Text, or none (`–` in a table, empty in a file).
    Text(Option<Cow<'a, str>>),
    /// A task's theme: text, an occupation's theme in French by its French title.
    Theme(Option<&'a str>),
    /// A task's text and its rule: an ILO task in French by its French text.
    Task(&'a str, Option<&'a str>),
    /// A class, or none (unscored).
    Class(Option<Class>),
    /// A stable value: (its key, the id of its label), or none.
    Key(Option<(Cow<'a, str>, Cow<'a, str>)>),
    /// Agents per class.
    Classes(&'a crate::aggregate::ClassCounts),
    /// Tables only: agents and their share, `37,8 (29,8 %)`.
    AgentsShare(f64, Option<f64>),
    /// Tables only: a count followed by a label (`12 ILO`, or the count alone when none).
    CountOf(u64, Option<&'static str>),
    /// Tables only: `exposed/scored`.
    Ratio(u64, u64),
    /// Tables only: a score, flagged ` ≠` when true.
    Flagged(Option<f64>, bool),
}

/// A column of a row type.
pub struct Column<T> {
    /// The JSON key (`ilo.mean` inside an object), or "" for a column of the tables only,
    /// derived from others.
    pub key: &'static str,
    /// The column's name in the flat CSV; "" when it is not there.
    pub csv: &'static str,
    /// The id of its label in the workbook and the French CSV (`crate::i18n`); "" for a
    /// column of the tables only.
    pub label: &'static str,
    /// The id of its label in the terminal, Markdown and report tables; "" when not shown there.
    pub short: &'static str,
    pub kind: Kind,
    /// Whether the workbook has it.
    pub sheet: bool,
    /// Whether it names where the row is (direction, department, value): renderers choose
    /// those columns themselves, by level.
    pub lead: bool,
    pub get: fn(&T) -> Value<'_>,
}

/// The entries below, one line each: key, csv, label, short, kind, sheet, get.
macro_rules! column {
    ($key:expr, $csv:expr, $label:expr, $short:expr, $kind:ident, $sheet:expr, $get:expr) => {
        Column {
            key: $key,
            csv: $csv,
            label: $label,
            short: $short,
            kind: Kind::$kind,
            sheet: $sheet,
            lead: false,
            get: $get,
        }
    };
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Some(Cow::Borrowed(s)))
}

fn opt_text<S: AsRef<str>>(s: &Option<S>) -> Value<'_> {
    Value::Text(s.as_ref().map(|s| Cow::Borrowed(s.as_ref())))
}

fn count(n: u64) -> Value<'static> {
    Value::Num(Some(n as f64))
}

fn lead<T>(mut c: Column<T>) -> Column<T> {
    c.lead = true;
    c
}

/// The serde name of a value (`tasks`, `title`, `rubric`…), as in JSON.
pub fn serde_key<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A stable value whose key is also the id of its label.
fn key<T: serde::Serialize>(value: Option<T>) -> Value<'static> {
    Value::Key(value.map(|v| {
        let k = serde_key(v);
        (Cow::Owned(k.clone()), Cow::Owned(k))
    }))
}

/// The columns of a group row: the whole authority, a direction, a department or a `--by`
/// group, in JSON order.
#[rustfmt::skip]
pub fn group() -> Vec<Column<GroupExposure>> {
    vec![
        column!("level", "level", "level", "", Key, false, |g| { Value::Key(Some((Cow::Borrowed(g.level.as_str()), Cow::Borrowed(g.level.as_str())))) }),
        lead(column!("direction", "direction", "Direction", "Direction", Text, true, |g| { text(g.direction.as_deref().unwrap_or_default()) })),
        lead(column!("department", "department", "Department", "Department", Text, true, |g| { text(g.department.as_deref().unwrap_or_default()) })),
        lead(column!("value", "value", "value", "", Text, true, |g| { text(g.value.as_deref().unwrap_or_default()) })),
        column!("agents", "agents", "Agents", "Agents", Agents, true, |g| { Value::Num(Some(g.agents)) }),
        column!("jobs", "jobs", "Jobs", "Jobs", Count, true, |g| count(g.jobs)),
        column!("tasks", "tasks", "Tasks", "", Count, true, |g| count(g.tasks)),
        column!("tasks_scored", "tasks_scored", "Tasks scored", "", Count, true, |g| count(g.tasks_scored)),
        column!("tasks_exposed", "tasks_exposed", "Tasks exposed", "", Count, true, |g| count(g.tasks_exposed)),
        column!("mean", "mean", "Mean", "Mean", Score, true, |g| Value::Num(g.mean)),
        column!("share_tasks_exposed", "share_tasks_exposed", "Share of tasks exposed", "Tasks exposed", Share, true, |g| Value::Num(g.share_tasks_exposed)),
        column!("share_time_exposed", "share_time_exposed", "Share of time exposed", "Time exposed", Share, true, |g| Value::Num(g.share_time_exposed)),
        column!("agents_classified", "agents_classified", "Agents classified", "", Agents, true, |g| Value::Num(Some(g.agents_classified))),
        column!("agents_concerned", "agents_concerned", "Agents concerned", "", Agents, true, |g| Value::Num(Some(g.agents_concerned))),
        column!("share_agents_concerned", "share_agents_concerned", "Share of agents concerned", "", Share, true, |g| Value::Num(g.share_agents_concerned)),
        column!("", "", "", "Agents concerned", Agents, false, |g| { Value::AgentsShare(g.agents_concerned, g.share_agents_concerned) }),
        column!("agents_exposed", "agents_exposed", "Agents in exposed jobs", "", Agents, true, |g| Value::Num(Some(g.agents_exposed))),
        column!("share_agents_exposed", "share_agents_exposed", "Share of agents exposed", "", Share, true, |g| Value::Num(g.share_agents_exposed)),
        column!("", "", "", "Agents exposed", Agents, false, |g| { Value::AgentsShare(g.agents_exposed, g.share_agents_exposed) }),
        column!("agents_by_class", "agents_", "Agents", "", Classes, true, |g| Value::Classes(&g.agents_by_class)),
        column!("jobs_unscored", "", "Jobs unscored", "", Count, false, |g| count(g.jobs_unscored)),
    ]
}

/// The columns of a job row, in JSON order.
#[rustfmt::skip]
pub fn job() -> Vec<Column<JobExposure>> {
    vec![
        lead(column!("direction", "direction", "Direction", "Direction", Text, true, |j| text(&j.direction))),
        lead(column!("department", "department", "Department", "Department", Text, true, |j| text(&j.department))),
        column!("job", "job", "Job", "Job", Text, true, |j| text(&j.job)),
        column!("isco", "isco", "ISCO-08", "ISCO", Text, true, |j| opt_text(&j.isco)),
        column!("headcount", "agents", "Agents", "Agents", Agents, true, |j| Value::Num(Some(j.headcount))),
        column!("tasks", "tasks", "Tasks", "", Count, true, |j| count(j.tasks)),
        column!("", "", "", "Tasks", Count, false, |j| { Value::CountOf(j.tasks, (j.scored_from == Some(ScoredFrom::Ilo)).then_some("ILO")) }),
        column!("tasks_scored", "tasks_scored", "Tasks scored", "", Count, true, |j| count(j.tasks_scored)),
        column!("tasks_exposed", "tasks_exposed", "Tasks exposed", "", Count, true, |j| count(j.tasks_exposed)),
        column!("mean", "mean", "Mean", "Mean", Score, true, |j| Value::Num(j.mean)),
        column!("sd", "sd", "SD", "SD", Score, true, |j| Value::Num(j.sd)),
        column!("class", "class", "Class", "Class", Class, true, |j| { Value::Class(j.class) }),
        column!("", "", "", "Tasks exposed", Count, false, |j| Value::Ratio(j.tasks_exposed, j.tasks_scored)),
        column!("class_other", "class_other", "Class (other method)", "", Class, true, |j| Value::Class(j.class_other)),
        column!("share_time_exposed", "share_time_exposed", "Share of time exposed", "", Share, true, |j| Value::Num(j.share_time_exposed)),
        column!("scored_from", "", "Scored from", "", Key, true, |j| key(j.scored_from)),
        column!("isco_source", "isco_source", "ISCO-08 from", "", Key, true, |j| key(j.isco_source)),
        column!("ilo.mean", "ilo_mean", "ILO occupation mean", "", Score, true, |j| Value::Num(j.ilo.as_ref().map(|f| f.mean))),
        column!("ilo.class", "ilo_class", "ILO occupation class", "", Class, true, |j| Value::Class(j.ilo.as_ref().map(|f| f.class))),
        // Shown only when some job has both its own figures and its occupation's.
        column!("classes_differ", "", "", "ILO occupation (≠: other class)", Score, false, |j| { let ilo = j .ilo .as_ref() .map(|f| f.mean) .filter(|_| j.classes_differ.is_some()); Value::Flagged(ilo, j.classes_differ == Some(true)) }),
        column!("isco_match", "", "", "", Text, false, |_| Value::Text(None)),
        column!("isco_mix", "", "", "", Text, false, |_| Value::Text(None)),
        column!("tasks_unscored", "", "Tasks not scored", "", Count, false, |j| count(j.tasks_unscored)),
        column!("attributes", "", "", "", Text, false, |_| Value::Text(None)),
        column!("file", "", "File", "", Text, false, |j| text(&j.file)),
        column!("line", "", "Line", "", Count, false, |j| count(j.line)),
    ]
}

/// The columns of a task row, in JSON order.
#[rustfmt::skip]
pub fn task<'a>() -> Vec<Column<TaskRecord<'a>>> {
    vec![
        lead(column!("direction", "direction", "Direction", "", Text, true, |t| text(t.direction))),
        lead(column!("department", "department", "Department", "", Text, true, |t| text(t.department))),
        column!("job", "job", "Job", "Job", Text, true, |t| text(t.job)),
        column!("task", "task", "Task", "Task", Text, true, |t| Value::Task(t.task, t.rule)),
        column!("weight", "weight", "Weight", "", Number, true, |t| { Value::Num(Some(t.weight)) }),
        column!("score", "score", "Score", "Score", Score, true, |t| { Value::Num(t.score) }),
        column!("band", "band", "Band", "Band", Key, true, |t| Value::Key(t.band.map(|b| (b.key().into(), b.label().into())))),
        column!("source", "source", "Source", "Source", Key, true, |t| key(Some(t.source))),
        column!("rule", "rule", "Rule", "Rule", Text, true, |t| Value::Text(t.rule.map(Cow::Borrowed))),
        column!("theme", "theme", "Theme", "", Text, true, |t| Value::Theme(t.theme)),
        column!("file", "", "File", "", Text, true, |t| text(t.file)),
        column!("line", "line", "Line", "", Count, true, |t| count(t.line)),
    ]
}

/// The columns of an unscored task (a task nothing could score), in JSON order.
#[rustfmt::skip]
pub fn unscored<'a>() -> Vec<Column<UnscoredTask<'a>>> {
    vec![
        column!("file", "file", "File", "", Text, true, |u| text(u.file)),
        column!("line", "line", "Line", "", Count, true, |u| count(u.line)),
        lead(column!("direction", "direction", "Direction", "", Text, true, |u| text(u.direction))),
        lead(column!("department", "department", "Department", "", Text, true, |u| text(u.department))),
        column!("job", "job", "Job", "Job", Text, true, |u| text(u.job)),
        column!("task", "task", "Task", "Task", Text, true, |u| text(u.task)),
    ]
}

/// The columns of a job without tasks whose occupation was not found, in JSON order.
#[rustfmt::skip]
pub fn unmapped() -> Vec<Column<UnmappedJob>> {
    vec![
        column!("file", "file", "File", "", Text, true, |u| text(&u.file)),
        column!("line", "line", "Line", "", Count, true, |u| count(u.line)),
        lead(column!("direction", "direction", "Direction", "", Text, true, |u| text(&u.direction))),
        lead(column!("department", "department", "Department", "", Text, true, |u| text(&u.department))),
        column!("job", "job", "Job title", "Job title", Text, true, |u| text(&u.job)),
        column!("headcount", "agents", "Agents", "Agents", Agents, true, |u| Value::Num(Some(u.headcount))),
        column!("reason", "reason", "Reason", "Reason", Key, true, |u| key(Some(u.reason))),
        column!("best.reference", "best_reference", "Closest reference title", "Matched title", Text, true, |u| Value::Text(u.best.as_ref().map(|b| Cow::Borrowed(b.reference.as_str())))),
        column!("best.isco08", "best_isco08", "Closest ISCO-08", "", Text, true, |u| Value::Text(u.best.as_ref().map(|b| Cow::Borrowed(b.isco08.as_str())))),
        column!("best.similarity", "best_similarity", "Similarity", "", Score, true, |u| Value::Num(u.best.as_ref().map(|b| b.similarity))),
        column!("best.confidence", "best_confidence", "Confidence", "Confidence", Score, true, |u| Value::Num(u.best.as_ref().map(|b| b.confidence))),
    ]
}

/// The columns of a finding of `exposure check`, in JSON order.
#[rustfmt::skip]
pub fn finding() -> Vec<Column<Finding>> {
    vec![
        column!("severity", "severity", "Severity", "Severity", Key, true, |f| key(Some(f.severity))),
        column!("rule", "rule", "Rule", "Rule", Text, true, |f| text(f.rule)),
        column!("file", "file", "File", "File", Text, true, |f| text(&f.file)),
        // Line 0: the finding is about a whole file or run (`null` in JSON).
        column!("line", "line", "Line", "Line", Count, true, |f| Value::Num((f.line > 0).then_some(f.line as f64))),
        column!("column", "column", "Column", "Column", Count, true, |f| Value::Num(f.column.map(|c| c as f64))),
        column!("message", "message", "Message", "Message", Text, true, |f| text(&f.message)),
    ]
}

impl Value<'_> {
    /// The value as a person reads it in a table, in `lang`.
    pub fn human(&self, lang: Lang, kind: Kind) -> String {
        match self {
            Value::Num(v) => match kind {
                Kind::Agents => v.map_or_else(|| "–".into(), |v| lang.agents(v)),
                Kind::Count => v.map_or_else(|| "–".into(), |v| lang.count(v as u64)),
                Kind::Share => lang.percent(*v),
                _ => lang.decimal(*v),
            },
            Value::Text(t) => t.as_deref().unwrap_or("–").to_string(),
            Value::Theme(t) => t.map_or("–".into(), |t| theme(t, lang)),
            Value::Task(t, rule) => task_in(t, *rule, lang).to_string(),
            Value::Class(c) => c.map_or(lang.t("Unscored"), |c| lang.class(c)).to_string(),
            Value::Key(k) => k
                .as_ref()
                .map_or("–", |(_, label)| lang.tr(label))
                .to_string(),
            Value::Classes(_) => String::new(),
            Value::AgentsShare(n, s) => format!("{} ({})", lang.agents(*n), lang.percent(*s)),
            Value::CountOf(n, label) => match label {
                Some(l) => format!("{} {}", lang.count(*n), lang.t(l)),
                None => lang.count(*n),
            },
            Value::Ratio(a, b) => format!("{a}/{b}"),
            Value::Flagged(v, flag) => match v {
                Some(_) => format!("{}{}", lang.decimal(*v), if *flag { " ≠" } else { "" }),
                None => "–".into(),
            },
        }
    }

    /// The value in a CSV: exact numbers and stable keys for scripts (`excel` false, English),
    /// numbers rounded as in the tables with a decimal comma for French Excel, and words in
    /// the reader's language with `Lang::Fr`.
    pub fn csv(&self, lang: Lang, kind: Kind, excel: bool) -> String {
        match self {
            Value::Num(None) => String::new(),
            Value::Num(Some(v)) => {
                if !excel {
                    return number(*v);
                }
                let rounded = match kind {
                    Kind::Score => round(*v, 2),
                    // A share as in the tables' percentages, one decimal: 0.264 for 26.4 %.
                    Kind::Share => round(*v, 3),
                    _ => *v,
                };
                number(rounded).replace('.', ",")
            }
            Value::Text(t) => t.as_deref().unwrap_or_default().to_string(),
            Value::Theme(t) => t.map_or(String::new(), |t| theme(t, lang)),
            Value::Task(t, rule) => task_in(t, *rule, lang).to_string(),
            Value::Class(None) | Value::Key(None) => String::new(),
            Value::Class(Some(c)) => match lang {
                Lang::En => c.key().to_string(),
                Lang::Fr => lang.class(*c).to_string(),
            },
            Value::Key(Some((key, label))) => match lang {
                Lang::En => key.to_string(),
                Lang::Fr => lang.tr(label).to_string(),
            },
            _ => String::new(),
        }
    }
}

/// A task's theme in a row: an empty one (a rubric row without a theme) stays empty.
pub(crate) fn theme(t: &str, lang: Lang) -> String {
    if t.is_empty() {
        String::new()
    } else {
        theme_label(t, lang).into_owned()
    }
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// Shortest exact decimal, never an exponent.
pub fn number(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.6}")
    } else {
        s
    }
}

/// A column's heading in `lang`: the tables' label (`short`) or the workbook's; the lead
/// columns of the two group levels are named by what the levels are (`grouping`).
pub fn heading<T>(c: &Column<T>, short: bool, grouping: Grouping, lang: Lang) -> &'static str {
    match grouping.noun(c.key) {
        Some(noun) if c.lead => noun.heading(lang, false),
        _ => lang.t(if short { c.short } else { c.label }),
    }
}

/// The cells of `columns` that a table shows, for one row, in `lang`; `leads` are the lead
/// columns wanted (by key), first.
pub fn table_cells<T>(columns: &[Column<T>], leads: &[&str], row: &T, lang: Lang) -> Vec<String> {
    let mut cells: Vec<String> = leads
        .iter()
        .filter_map(|k| columns.iter().find(|c| c.lead && c.key == *k))
        .map(|c| (c.get)(row).human(lang, c.kind))
        .collect();
    cells.extend(shown(columns).map(|c| (c.get)(row).human(lang, c.kind)));
    cells
}

/// The figure columns a table shows (leads excluded).
pub fn shown<T>(columns: &[Column<T>]) -> impl Iterator<Item = &Column<T>> {
    columns.iter().filter(|c| !c.lead && !c.short.is_empty())
}

/// The headers of [`table_cells`]: (label, numeric).
pub fn table_headers<T>(
    columns: &[Column<T>],
    leads: &[&str],
    grouping: Grouping,
    lang: Lang,
) -> Vec<(String, bool)> {
    let mut headers: Vec<(String, bool)> = leads
        .iter()
        .filter_map(|k| columns.iter().find(|c| c.lead && c.key == *k))
        .map(|c| (heading(c, true, grouping, lang).to_string(), false))
        .collect();
    headers.extend(shown(columns).map(|c| (lang.t(c.short).to_string(), c.kind.numeric())));
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every top-level key of a serialized row is a catalogue key and every catalogue key is
    /// in some row (`isco_mix` is absent from most): a figure added to a row and not to the
    /// catalogue, or renamed in one only, fails here.
    fn same_keys<T: serde::Serialize>(columns: &[Column<T>], rows: impl Iterator<Item = T>) {
        use std::collections::BTreeSet;
        let catalogue: BTreeSet<&str> = columns
            .iter()
            .filter(|c| !c.key.is_empty())
            .filter_map(|c| c.key.split('.').next())
            .collect();
        let mut seen = BTreeSet::new();
        for row in rows {
            let value = serde_json::to_value(&row).unwrap();
            seen.extend(value.as_object().unwrap().keys().cloned());
        }
        let seen: BTreeSet<&str> = seen.iter().map(String::as_str).collect();
        assert_eq!(catalogue, seen, "catalogue keys against serialized keys");
    }

    fn budget() -> crate::analysis::Analysis {
        let options = crate::analysis::Options {
            method: crate::classify::Method::Wp140,
            by: Vec::new(),
            keep_tasks: true,
            check: false,
            means_only: false,
            isco_map: None,
            sheet: None,
        };
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/budget");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path().display().to_string())
            .filter(|p| p.ends_with(".xml"))
            .collect();
        files.sort();
        files.truncate(1);
        crate::analysis::analyze(
            &files,
            &crate::rubric::Rubric::builtin(),
            &options,
            &mut |_| {},
        )
        .unwrap()
    }

    #[test]
    fn catalogue_keys_are_the_json_keys() {
        let demo = crate::render::html::tests::commune(true);
        let budget = budget();
        for a in [&demo, &budget] {
            let groups = std::iter::once(&a.summary)
                .chain(&a.directions)
                .chain(&a.departments);
            same_keys(&group(), groups.cloned());
            same_keys(&task(), a.tasks.iter().flat_map(|t| t.iter()));
        }
        same_keys(&job(), demo.jobs.iter().chain(&budget.jobs).cloned());
    }

    /// A run over `files` of `tests/data` with the built-in rubric.
    fn analyze(files: &[&str]) -> crate::analysis::Analysis {
        let options = crate::analysis::tests::plain_options();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let files: Vec<String> = files.iter().map(|f| format!("{dir}{f}")).collect();
        let rubric = crate::rubric::Rubric::builtin();
        crate::analysis::analyze(&files, &rubric, &options, &mut |_| {}).unwrap()
    }

    #[test]
    fn unscored_and_unmapped_catalogue_keys_are_the_json_keys() {
        let a = analyze(&["unscored/a_proximite.csv", "effectifs_municipaux.csv"]);
        assert!(!a.unscored.is_empty(), "the fixture has unscored tasks");
        same_keys(&unscored(), a.unscored.iter());
        // With a closest candidate too, whose keys the nested `best.` columns name.
        let best = crate::analysis::BestCandidate {
            reference: "Agent d'accueil".into(),
            isco08: "4226".into(),
            similarity: 0.5,
            confidence: 0.4,
        };
        let near = UnmappedJob {
            best: Some(best.clone()),
            ..a.unmapped[0].clone()
        };
        same_keys(&unmapped(), a.unmapped.iter().cloned().chain([near]));
        let best = serde_json::to_value(best).unwrap();
        let mut nested: Vec<String> = unmapped()
            .iter()
            .filter_map(|c| c.key.strip_prefix("best."))
            .map(String::from)
            .collect();
        let fields: Vec<String> = best.as_object().unwrap().keys().cloned().collect();
        nested.sort();
        assert_eq!(nested, fields, "best.* columns against the fields of best");
    }

    #[test]
    fn finding_catalogue_keys_are_the_json_keys() {
        use crate::check::{Finding, Severity};
        let whole = Finding::new(Severity::Error, "rule", "a.csv", 0, "m".into());
        let cell = Finding {
            column: Some(3),
            ..Finding::new(Severity::Notice, "rule", "a.csv", 2, "m".into())
        };
        same_keys(&finding(), [whole, cell].into_iter());
    }

    /// Every label a catalogue names has its French.
    #[test]
    fn every_label_is_translated() {
        fn labels<T>(columns: &[Column<T>]) -> Vec<&'static str> {
            columns
                .iter()
                .flat_map(|c| [c.label, c.short, c.csv])
                .collect()
        }
        let all = [
            labels(&group()),
            labels(&job()),
            labels(&task()),
            labels(&unscored()),
            labels(&unmapped()),
            labels(&finding()),
        ]
        .concat();
        // The group levels' columns are named by `Grouping`, not by their labels.
        let levels = ["Direction", "Department", "direction", "department"];
        let named = |l: &&str| !l.is_empty() && *l != "agents_" && !levels.contains(l);
        for label in all.into_iter().filter(named) {
            assert!(
                crate::i18n::FRENCH.iter().any(|(en, _)| *en == label),
                "{label}: no French"
            );
        }
    }

    #[test]
    fn shares_in_french_excel_are_rounded_as_in_the_tables() {
        let v = Value::Num(Some(0.264_437_689_969_604_87));
        assert_eq!(v.csv(Lang::Fr, Kind::Share, true), "0,264");
        assert_eq!(v.csv(Lang::En, Kind::Share, false), "0.26443768996960487");
        assert_eq!(v.human(Lang::En, Kind::Share), "26.4 %");
    }
}
