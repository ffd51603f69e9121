//! One JSON document with every figure. Key order is the struct order, so output is stable.

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::{GroupExposure, TaskRecords};
use crate::analysis::UnmappedJob;
use crate::classify::Method;
use crate::cli::Level;
use crate::i18n::Lang;
use crate::parallel::write_in_order_with;
use crate::pretty_json::Writer;
use crate::render::json_direct;
use crate::render::view::{ByView, View};

/// Bumped when a field changes meaning or disappears; adding fields keeps the version.
pub const SCHEMA: &str = "exposure-score/1";

/// The document. `G` is a list of groups (directions, departments), `J`, `T` and `U` are the
/// jobs, tasks and unscored tasks, or `Later`: the place of a long array that `render` writes
/// itself.
#[derive(Serialize)]
struct Document<'a, G, J, T, U> {
    schema: &'static str,
    tool: String,
    method: Method,
    inputs: Vec<Input<'a>>,
    /// The budget document read, when the roster is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a crate::budget::Document>,
    /// What the group levels are, when not a direction and a department.
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<crate::i18n::Grouping>,
    rubric: RubricInfo<'a>,
    headline: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    directions: Option<G>,
    #[serde(skip_serializing_if = "Option::is_none")]
    departments: Option<G>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    groups: &'a [ByView<'a>],
    #[serde(skip_serializing_if = "Option::is_none")]
    jobs: Option<J>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasks: Option<T>,
    unscored: U,
    unmapped: &'a [UnmappedJob],
}

/// The whole authority's group, with the Lyon study's measure (a key only the summary has).
#[derive(Serialize)]
struct Summary<'a> {
    #[serde(flatten)]
    group: &'a GroupExposure,
    with_exposed_task: &'a crate::study::WithExposedTask,
}

/// Serialises as an empty array, a place kept for a long array.
#[derive(Clone, Copy)]
struct Later;

impl Serialize for Later {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(std::iter::empty::<()>())
    }
}

#[derive(Serialize)]
struct Input<'a> {
    file: &'a str,
    rows: u64,
    delimiter: String,
    encoding: &'a str,
}

#[derive(Serialize)]
struct RubricInfo<'a> {
    source: &'a str,
    rules: usize,
}

pub fn render(a: &View, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let has = |l: Level| a.has(l);
    let jobs = has(Level::Job).then_some(&a.jobs[..]);
    let tasks = a.tasks.as_ref().filter(|_| has(Level::Task));
    let (directions, departments) = groups(a);
    let doc = document(
        a,
        lang,
        |_| Later,
        jobs.map(|_| Later),
        tasks.map(|_| Later),
        Later,
    );
    // The document with its long arrays left empty, then each of them spliced in where its key
    // is: at the top level, the only place where a line starts with two spaces and a quote
    // (line breaks inside strings are escaped).
    let head = serde_json::to_vec_pretty(&doc)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut rest = &head[..];
    // A roster can have a hundred thousand departments: rendered whole, they were the peak of
    // memory.
    let long: [(&str, usize, &Element); 5] = [
        (
            "directions",
            directions.map_or(0, <[_]>::len),
            &|i, buf, _| {
                if let Some(groups) = directions {
                    json_direct::group(buf, groups[i]);
                }
                Ok(())
            },
        ),
        (
            "departments",
            departments.map_or(0, <[_]>::len),
            &|i, buf, _| {
                if let Some(groups) = departments {
                    json_direct::group(buf, groups[i]);
                }
                Ok(())
            },
        ),
        ("jobs", jobs.map_or(0, <[_]>::len), &|i, buf, w| {
            if let Some(j) = a.jobs.get(i + 2 * PREFETCH_AHEAD) {
                json_direct::prefetch_job(j, true);
            }
            if let Some(j) = a.jobs.get(i + PREFETCH_AHEAD) {
                json_direct::prefetch_job(j, false);
            }
            json_direct::job(buf, w, a.jobs[i]).map_err(io::Error::from)
        }),
        (
            "tasks",
            tasks.map_or(0, TaskRecords::len),
            &|i, buf, w| match tasks {
                Some(tasks) => element(buf, w, &tasks.get(i)),
                None => Ok(()),
            },
        ),
        ("unscored", a.unscored.len(), &|i, buf, w| {
            json_direct::unscored(buf, w, &a.unscored.get(i));
            Ok(())
        }),
    ];
    for (key, len, item) in long {
        let place = format!("\n  \"{key}\": []");
        let Some(at) = memchr::memmem::find(rest, place.as_bytes()) else {
            continue;
        };
        let (before, after) = rest.split_at(at + place.len() - 2);
        out.write_all(before)?;
        write_array(&mut out, len, item)?;
        rest = &after[2..];
    }
    out.write_all(rest)?;
    writeln!(out)?;
    out.flush()
}

/// The directions and departments shown, when they are.
fn groups<'a>(a: &'a View) -> GroupLists<'a> {
    let has = |l: Level| a.has(l);
    (
        (has(Level::Direction) && a.has_direction).then_some(&a.directions[..]),
        (has(Level::Department) && a.has_department).then_some(&a.departments[..]),
    )
}

type GroupLists<'a> = (
    Option<&'a [&'a GroupExposure]>,
    Option<&'a [&'a GroupExposure]>,
);

/// The document; `group` gives what stands for a list of groups.
fn document<'a, G, J, T, U>(
    a: &'a View,
    lang: Lang,
    group: impl Fn(&'a [&'a GroupExposure]) -> G,
    jobs: Option<J>,
    tasks: Option<T>,
    unscored: U,
) -> Document<'a, G, J, T, U> {
    let has = |l: Level| a.has(l);
    let (directions, departments) = groups(a);
    Document {
        schema: SCHEMA,
        tool: format!("exposure {}", env!("CARGO_PKG_VERSION")),
        method: a.method,
        inputs: a
            .files
            .iter()
            .map(|f| Input {
                file: &f.file,
                rows: f.rows,
                delimiter: f.delimiter.to_string(),
                encoding: f.encoding,
            })
            .collect(),
        document: a.document.as_ref(),
        levels: (!a.grouping.is_roster()).then_some(a.grouping),
        rubric: RubricInfo {
            source: &a.rubric_source,
            rules: a.rubric_rules,
        },
        headline: super::headline(a, lang),
        summary: has(Level::Summary).then_some(Summary {
            group: &a.summary,
            with_exposed_task: &a.with_exposed_task,
        }),
        directions: directions.map(&group),
        departments: departments.map(&group),
        groups: &a.by,
        jobs,
        tasks,
        unscored,
        unmapped: &a.unmapped,
    }
}

/// Elements rendered at a time by one thread.
const CHUNK: usize = 256;

/// How many jobs ahead of the one rendered each step of [`json_direct::prefetch_job`] asks
/// for what that job will read.
const PREFETCH_AHEAD: usize = 4;

/// Renders element `i` of a long array with a writer that keeps the shared values it met.
type Element<'a> = dyn Fn(usize, &mut Vec<u8>, &mut Writer) -> io::Result<()> + Sync + 'a;

/// A top-level array of `len` elements (`item` renders one), as `to_writer_pretty` writes it,
/// in chunks rendered on two threads (a JSON of 10^6 rows holds hundreds of thousands of
/// elements).
fn write_array(out: &mut dyn Write, len: usize, item: &Element) -> io::Result<()> {
    if len == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    // What the jobs share (their occupation's figures, their title's match) is rendered once
    // by each thread, which keeps its writer from chunk to chunk (the values it knows by their
    // address outlive the array).
    write_in_order_with(
        out,
        len.div_ceil(CHUNK),
        &|chunk, buf, writer: &mut Writer| {
            for i in chunk * CHUNK..((chunk + 1) * CHUNK).min(len) {
                buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                item(i, buf, writer)?;
            }
            Ok(())
        },
    )?;
    out.write_all(b"\n  ]")
}

/// One element of a top-level array, pretty-printed two levels deep.
fn element(buf: &mut Vec<u8>, writer: &mut Writer, value: &impl Serialize) -> io::Result<()> {
    writer.write(buf, 2, value).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::aggregate::JobExposure;
    use crate::analysis::{Options, analyze};
    use crate::classify::Method;
    use crate::rubric::Rubric;

    /// Jobs, tasks and unscored tasks over several chunks, with texts that need escaping: the
    /// document is byte for byte what serde_json writes in one go.
    #[test]
    fn long_arrays_come_out_as_serde_json_writes_them() {
        let mut roster = String::from("direction;service;métier;effectif;tâche;catégorie\n");
        // Jobs with no scored task, and jobs without tasks (figures from their occupation).
        roster.push_str("D;Vide;Métier inconnu;2;Ŝomething ünknown 🙂;A\n");
        roster.push_str("D;S;Secrétaire de mairie;1;;\n");
        roster.push_str("D;S;Plombier;3;;\"B \"\"x\"\"\"\n");
        for job in 0..700 {
            for (t, task) in [
                "Accueillir le public",
                "Tenir \"le\" registre\\ des\tactes",
                "Faire la \"ronde\"\nde nuit",
                "Ŝomething ünknown 🙂",
            ]
            .iter()
            .enumerate()
            {
                let task = task.replace('"', "\"\"");
                // Titles the crosswalk places and grades whose figures come from a mix:
                // values shared by many jobs.
                let title = match job % 4 {
                    0 => format!("Métier {job}"),
                    1 => "Agent d'accueil".into(),
                    2 => "Adjoint technique territorial".into(),
                    _ => "Officier(ère) d'état civil".into(),
                };
                roster.push_str(&format!(
                    "Direction {};Service {};{title};{};\"{task} {}\";{}\n",
                    job % 7,
                    job % 31,
                    1 + job % 5,
                    (job + t) % 3,
                    ["A", "B", ""][job % 3]
                ));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, roster).unwrap();
        let options = Options {
            method: Method::Wp140,
            by: Vec::new(),
            keep_tasks: true,
            check: false,
            means_only: false,
            isco_map: None,
            sheet: None,
        };
        let rubric = Rubric::builtin();
        let a = analyze(
            &[path.display().to_string()],
            &rubric,
            &options,
            &mut |_| {},
        )
        .unwrap();
        assert!(a.jobs.len() > 2 * CHUNK && a.unscored.len() > 2 * CHUNK);
        let shared = |f: fn(&JobExposure) -> bool| a.jobs.iter().filter(|j| f(j)).count() > 100;
        assert!(shared(|j| j.isco_mix.is_some()) && shared(|j| j.isco_match.is_some()));
        assert!(shared(|j| j.ilo.is_some()));
        // What the jobs' and groups' direct writing (`json_direct`) meets: every kind of value.
        let any = |f: fn(&JobExposure) -> bool| a.jobs.iter().any(f);
        assert!(any(|j| j.mean.is_none()) && any(|j| j.isco.is_none()));
        assert!(any(|j| j.scored_from == Some(crate::isco::ScoredFrom::Ilo)));
        assert!(any(|j| j.classes_differ == Some(true)) && any(|j| j.classes_differ.is_none()));
        assert!(any(|j| j.attributes.get("catégorie") == Some("B \"x\"")));
        assert!(a.departments.iter().any(|g| g.mean.is_none()));
        let all = [
            Level::Summary,
            Level::Direction,
            Level::Department,
            Level::Job,
            Level::Task,
        ];
        for levels in [&all[..], &all[..1], &all[3..4]] {
            let mut ours = Vec::new();
            let v = View::whole(&a, levels);
            render(&v, Lang::En, &mut ours).unwrap();
            let has = |l| levels.contains(&l);
            let doc = document(
                &v,
                Lang::En,
                |g| g,
                has(Level::Job).then_some(&v.jobs),
                a.tasks.as_ref().filter(|_| has(Level::Task)),
                &a.unscored,
            );
            let mut theirs = serde_json::to_vec_pretty(&doc).unwrap();
            theirs.push(b'\n');
            assert!(ours == theirs, "{levels:?}: the documents differ");
        }
    }
}
