//! One JSON document with every figure. Key order is the struct order, so output is stable.

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::{GroupExposure, TaskRecords};
use crate::analysis::UnmappedJob;
use crate::classify::Method;
use crate::cli::Level;
use crate::i18n::Lang;
use crate::parallel::{RenderPart, write_in_order};
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
    let long: [(&str, usize, &RenderPart); 5] = [
        ("directions", directions.map_or(0, <[_]>::len), &|i, buf| {
            element(buf, &directions.map(|d| d[i]))
        }),
        (
            "departments",
            departments.map_or(0, <[_]>::len),
            &|i, buf| element(buf, &departments.map(|d| d[i])),
        ),
        ("jobs", jobs.map_or(0, <[_]>::len), &|i, buf| {
            element(buf, a.jobs[i])
        }),
        (
            "tasks",
            tasks.map_or(0, TaskRecords::len),
            &|i, buf| match tasks {
                Some(tasks) => element(buf, &tasks.get(i)),
                None => Ok(()),
            },
        ),
        ("unscored", a.unscored.len(), &|i, buf| {
            element(buf, &a.unscored.get(i))
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

/// A top-level array of `len` elements (`item` renders one), as `to_writer_pretty` writes it,
/// in chunks rendered on two threads (a JSON of 10^6 rows holds hundreds of thousands of
/// elements).
fn write_array(out: &mut dyn Write, len: usize, item: &RenderPart) -> io::Result<()> {
    if len == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    write_in_order(out, len.div_ceil(CHUNK), &|chunk, buf| {
        for i in chunk * CHUNK..((chunk + 1) * CHUNK).min(len) {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            item(i, buf)?;
        }
        Ok(())
    })?;
    out.write_all(b"\n  ]")
}

/// One element of a top-level array, pretty-printed two levels deep.
fn element(buf: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    let formatter = Nested {
        depth: 2,
        has_value: false,
    };
    value
        .serialize(&mut serde_json::Serializer::with_formatter(buf, formatter))
        .map_err(io::Error::from)
}

/// serde_json's `PrettyFormatter` (two spaces), starting `depth` levels deep.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::analysis::{Options, analyze};
    use crate::classify::Method;
    use crate::rubric::Rubric;

    /// Jobs, tasks and unscored tasks over several chunks, with texts that need escaping: the
    /// document is byte for byte what serde_json writes in one go.
    #[test]
    fn long_arrays_come_out_as_serde_json_writes_them() {
        let mut roster = String::from("direction;service;métier;effectif;tâche\n");
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
                roster.push_str(&format!(
                    "Direction {};Service {};Métier {job};{};\"{task} {}\"\n",
                    job % 7,
                    job % 30,
                    1 + job % 5,
                    (job + t) % 3
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
