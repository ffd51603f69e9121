//! The jobs, departments, directions and unscored tasks of the JSON's long arrays, written
//! field by field: a roster can have hundreds of thousands of them, and serde cost a call, a
//! look-up of the field's name and a copy per field. The same bytes as `pretty_json::Writer`
//! (so as serde_json's pretty printer) writes from their `Serialize`: the field names, their
//! order and how each value is written follow it, and `render::json`'s tests compare both.

use std::sync::Arc;

use serde::Serialize;

use crate::aggregate::{Attributes, GroupExposure, JobExposure, UnscoredTask};
use crate::classify::Class;
use crate::isco::{IscoSource, ScoredFrom};
use crate::pretty_json::{self, Writer};

/// `,\n`, the indentation of a field of an element of a top-level array, `"name": `.
macro_rules! key {
    ($name:literal) => {
        concat!(",\n      \"", $name, "\": ").as_bytes()
    };
}

/// The closing of an element of a top-level array.
const END: &[u8] = b"\n    }";

/// Asks the CPU for what rendering `j` reads outside the job, in two steps taken a few jobs
/// apart: `far`, where each of its names keeps its text; then, once that has come, the texts
/// and its attribute values. In their sorted order the jobs read their titles (as many as the
/// jobs, kept where the rows met them first) and attribute rows in no order of theirs, and a
/// name's text is two reads away, each a miss of the caches when waited for.
pub fn prefetch_job(j: &JobExposure, far: bool) {
    for name in [&j.direction, &j.department, &j.job] {
        if far {
            crate::hashing::prefetch(name.address() as *const u8);
        } else {
            crate::hashing::prefetch(name.as_ptr());
        }
    }
    if !far {
        j.attributes.prefetch();
    }
}

/// A job, as an element of a top-level array.
pub fn job(out: &mut Vec<u8>, w: &mut Writer, j: &JobExposure) -> serde_json::Result<()> {
    out.push(b'{');
    out.extend_from_slice(&key!("direction")[1..]);
    pretty_json::write_str(out, &j.direction);
    out.extend_from_slice(key!("department"));
    pretty_json::write_str(out, &j.department);
    out.extend_from_slice(key!("job"));
    pretty_json::write_str(out, &j.job);
    out.extend_from_slice(key!("headcount"));
    pretty_json::write_f64(out, j.headcount);
    out.extend_from_slice(key!("isco"));
    opt_str(out, j.isco.as_ref());
    out.extend_from_slice(key!("isco_source"));
    out.extend_from_slice(isco_source(j.isco_source));
    out.extend_from_slice(key!("isco_match"));
    shared(out, w, &j.isco_match)?;
    if j.isco_mix.is_some() {
        out.extend_from_slice(key!("isco_mix"));
        shared(out, w, &j.isco_mix)?;
    }
    out.extend_from_slice(key!("scored_from"));
    out.extend_from_slice(scored_from(j.scored_from));
    out.extend_from_slice(key!("tasks"));
    pretty_json::write_u64(out, j.tasks);
    out.extend_from_slice(key!("tasks_scored"));
    pretty_json::write_u64(out, j.tasks_scored);
    out.extend_from_slice(key!("tasks_unscored"));
    pretty_json::write_u64(out, j.tasks_unscored);
    out.extend_from_slice(key!("tasks_exposed"));
    pretty_json::write_u64(out, j.tasks_exposed);
    out.extend_from_slice(key!("mean"));
    opt_f64(out, j.mean);
    out.extend_from_slice(key!("sd"));
    opt_f64(out, j.sd);
    out.extend_from_slice(key!("class"));
    opt_class(out, j.class);
    out.extend_from_slice(key!("class_other"));
    opt_class(out, j.class_other);
    out.extend_from_slice(key!("ilo"));
    shared(out, w, &j.ilo)?;
    out.extend_from_slice(key!("classes_differ"));
    match j.classes_differ {
        Some(differ) => out.extend_from_slice(if differ { b"true" } else { b"false" }),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(key!("share_time_exposed"));
    opt_f64(out, j.share_time_exposed);
    out.extend_from_slice(key!("attributes"));
    attributes(out, w, &j.attributes);
    // `,\n      "file": "…",\n      "line": `, the same text for every job of a roster.
    w.write_again(out, file_key(&j.file, 0), |out| {
        out.extend_from_slice(key!("file"));
        pretty_json::write_str(out, &j.file);
        out.extend_from_slice(key!("line"));
    });
    pretty_json::write_u64(out, j.line);
    out.extend_from_slice(END);
    Ok(())
}

/// A department or direction, as an element of a top-level array.
pub fn group(out: &mut Vec<u8>, g: &GroupExposure) {
    out.push(b'{');
    out.extend_from_slice(&key!("level")[1..]);
    pretty_json::write_str(out, &g.level);
    out.extend_from_slice(key!("direction"));
    opt_str(out, g.direction.as_ref());
    out.extend_from_slice(key!("department"));
    opt_str(out, g.department.as_ref());
    out.extend_from_slice(key!("value"));
    opt_str(out, g.value.as_ref());
    out.extend_from_slice(key!("agents"));
    pretty_json::write_f64(out, g.agents);
    out.extend_from_slice(key!("jobs"));
    pretty_json::write_u64(out, g.jobs);
    out.extend_from_slice(key!("tasks"));
    pretty_json::write_u64(out, g.tasks);
    out.extend_from_slice(key!("tasks_scored"));
    pretty_json::write_u64(out, g.tasks_scored);
    out.extend_from_slice(key!("tasks_exposed"));
    pretty_json::write_u64(out, g.tasks_exposed);
    out.extend_from_slice(key!("mean"));
    opt_f64(out, g.mean);
    out.extend_from_slice(key!("share_tasks_exposed"));
    opt_f64(out, g.share_tasks_exposed);
    out.extend_from_slice(key!("share_time_exposed"));
    opt_f64(out, g.share_time_exposed);
    out.extend_from_slice(key!("agents_classified"));
    pretty_json::write_f64(out, g.agents_classified);
    out.extend_from_slice(key!("agents_by_class"));
    map(
        out,
        g.agents_by_class.iter(),
        class_key,
        pretty_json::write_f64,
    );
    out.extend_from_slice(key!("agents_concerned"));
    pretty_json::write_f64(out, g.agents_concerned);
    out.extend_from_slice(key!("share_agents_concerned"));
    opt_f64(out, g.share_agents_concerned);
    out.extend_from_slice(key!("agents_exposed"));
    pretty_json::write_f64(out, g.agents_exposed);
    out.extend_from_slice(key!("share_agents_exposed"));
    opt_f64(out, g.share_agents_exposed);
    out.extend_from_slice(key!("jobs_unscored"));
    pretty_json::write_u64(out, g.jobs_unscored);
    out.extend_from_slice(END);
}

/// A task nothing could score, as an element of a top-level array.
pub fn unscored(out: &mut Vec<u8>, w: &mut Writer, u: &UnscoredTask) {
    // `{\n      "file": "…",\n      "line": `, the same text for every task of a roster.
    w.write_again(out, file_key(u.file, 1), |out| {
        out.push(b'{');
        out.extend_from_slice(&key!("file")[1..]);
        pretty_json::write_str(out, u.file);
        out.extend_from_slice(key!("line"));
    });
    pretty_json::write_u64(out, u.line);
    out.extend_from_slice(key!("direction"));
    pretty_json::write_str(out, u.direction);
    out.extend_from_slice(key!("department"));
    pretty_json::write_str(out, u.department);
    out.extend_from_slice(key!("job"));
    pretty_json::write_str(out, u.job);
    out.extend_from_slice(key!("task"));
    pretty_json::write_str(out, u.task);
    out.extend_from_slice(END);
}

/// What stands for the text written around a file's name (`piece`: which text) in
/// [`Writer::write_again`]: the name's place and length (the names outlive the writer's use).
fn file_key(file: &str, piece: usize) -> [usize; 3] {
    [file.as_ptr() as usize, file.len(), piece]
}

/// Where a job's code comes from, as its `Serialize` writes it (a test checks each): a
/// constant, not serde's path for each job.
fn isco_source(source: Option<IscoSource>) -> &'static [u8] {
    match source {
        Some(IscoSource::Roster) => b"\"roster\"",
        Some(IscoSource::IscoMap) => b"\"isco_map\"",
        Some(IscoSource::Title) => b"\"title\"",
        Some(IscoSource::Grade) => b"\"grade\"",
        None => b"null",
    }
}

/// What a job's figures come from, as its `Serialize` writes it (a test checks each).
fn scored_from(from: Option<ScoredFrom>) -> &'static [u8] {
    match from {
        Some(ScoredFrom::Tasks) => b"\"tasks\"",
        Some(ScoredFrom::Ilo) => b"\"ilo\"",
        None => b"null",
    }
}

/// A job's attribute values, as a map: its text written once per thread for each row of
/// values (a roster has hundreds of thousands of jobs and a few dozen such rows), known by the
/// address of the headers and of each value (each distinct value is kept once).
fn attributes(out: &mut Vec<u8>, w: &mut Writer, attributes: &Attributes) {
    const MOST: usize = 8;
    let write = |out: &mut Vec<u8>| {
        let entries = attributes.iter();
        map(out, entries, pretty_json::write_str, pretty_json::write_str);
    };
    let n = attributes.len();
    if n > MOST {
        return write(out);
    }
    let mut key = [0usize; MOST + 1];
    key[0] = attributes.headers().as_ptr() as usize;
    for (k, at) in key[1..=n].iter_mut().enumerate() {
        *at = attributes.value(k).as_ptr() as usize;
    }
    w.write_keyed(out, &key[..=n], write);
}

fn opt_str(out: &mut Vec<u8>, text: Option<impl AsRef<str>>) {
    match text {
        Some(text) => pretty_json::write_str(out, text.as_ref()),
        None => out.extend_from_slice(b"null"),
    }
}

/// A class's key, as a JSON string: the keys are lower-case letters, digits and underscores,
/// which need no escape (a test checks every class's).
fn class_key(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.push(b'"');
}

fn opt_class(out: &mut Vec<u8>, class: Option<Class>) {
    out.extend_from_slice(match class {
        Some(class) => quoted_key(class),
        None => b"null",
    });
}

/// A class's key in quotes, a constant (a test checks each against [`class_key`]).
fn quoted_key(class: Class) -> &'static [u8] {
    match class {
        Class::Gradient4 => b"\"gradient_4\"",
        Class::Gradient3 => b"\"gradient_3\"",
        Class::Gradient2 => b"\"gradient_2\"",
        Class::Gradient1 => b"\"gradient_1\"",
        Class::MinimalExposure => b"\"minimal_exposure\"",
        Class::NotExposed => b"\"not_exposed\"",
        Class::AutomationPotential => b"\"automation_potential\"",
        Class::BigUnknown => b"\"big_unknown\"",
        Class::AugmentationPotential => b"\"augmentation_potential\"",
        Class::NotAffected => b"\"not_affected\"",
    }
}

fn opt_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => pretty_json::write_f64(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// A map with string keys (each written by `key`), as a field of an element of a top-level
/// array.
fn map<K: AsRef<str>, V>(
    out: &mut Vec<u8>,
    entries: impl Iterator<Item = (K, V)>,
    key: impl Fn(&mut Vec<u8>, &str),
    value: impl Fn(&mut Vec<u8>, V),
) {
    out.push(b'{');
    let mut any = false;
    for (k, v) in entries {
        out.extend_from_slice(if any { b",\n        " } else { b"\n        " });
        any = true;
        key(out, k.as_ref());
        out.extend_from_slice(b": ");
        value(out, v);
    }
    if any {
        out.extend_from_slice(b"\n      ");
    }
    out.push(b'}');
}

/// A value shared by many jobs, written as the job's `Serialize` writes it
/// (`aggregate::shared`): rendered once by the writer for all of them.
fn shared<T: Serialize>(
    out: &mut Vec<u8>,
    w: &mut Writer,
    value: &Option<Arc<T>>,
) -> serde_json::Result<()> {
    match value {
        Some(value) => w.write_shared(out, 3, &**value),
        None => {
            out.extend_from_slice(b"null");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Method;

    /// The enums written as constants are written as their `Serialize` writes them.
    #[test]
    fn enums_are_written_as_serde_writes_them() {
        let sources = [
            None,
            Some(IscoSource::Roster),
            Some(IscoSource::IscoMap),
            Some(IscoSource::Title),
            Some(IscoSource::Grade),
        ];
        for source in sources {
            assert_eq!(isco_source(source), serde_json::to_vec(&source).unwrap());
        }
        for from in [None, Some(ScoredFrom::Tasks), Some(ScoredFrom::Ilo)] {
            assert_eq!(scored_from(from), serde_json::to_vec(&from).unwrap());
        }
    }

    /// Every class's key is written as `pretty_json::write_str` writes it.
    #[test]
    fn class_keys_need_no_escape() {
        for method in [Method::Wp140, Method::Wp96] {
            for &class in method.classes() {
                let (mut direct, mut escaped) = (Vec::new(), Vec::new());
                class_key(&mut direct, class.key());
                pretty_json::write_str(&mut escaped, class.key());
                assert_eq!(direct, escaped);
                assert_eq!(quoted_key(class), escaped);
            }
        }
    }
}
