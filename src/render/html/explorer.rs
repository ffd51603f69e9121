//! The table of every job, searchable, filterable (direction, class) and sortable by the report's
//! one inline script. The table is whole in the HTML, so the page reads the same with scripts
//! off; the controls are `hidden` until the script shows them. Up to [`MAX_ROWS`] jobs, every
//! job; beyond, the [`MAX_ROWS`] most exposed, as the section says, so that the file stays small
//! at 10^6 roster rows.

use std::collections::BTreeSet;

use crate::aggregate::{JobExposure, rank};
use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::typography::french_spacing;

use super::points::count;
use super::{chip, escape, job_figures, table_head};

/// Jobs listed at most.
pub(super) const MAX_ROWS: usize = 2_000;

/// A sentence in the report's language, French spacing applied.
fn say(lang: Lang, en: String, fr: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Fr => french_spacing(&fr),
    }
}

pub(super) fn section(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"explore\" class=\"long\">\n<h2>{}</h2>\n",
        lang.t("Every job")
    ));
    // Most exposed first (as the table of the most exposed jobs), jobs without a score last.
    let mut jobs: Vec<&JobExposure> = a.jobs.iter().collect();
    jobs.sort_by(|x, y| {
        rank(x.unrounded_mean, y.unrounded_mean).then_with(|| {
            (&x.direction, &x.department, &x.job).cmp(&(&y.direction, &y.department, &y.job))
        })
    });
    let total = jobs.len();
    jobs.truncate(MAX_ROWS);
    let (shown, all) = (count(jobs.len() as u64, lang), count(total as u64, lang));
    h.push_str(&format!(
        "<p>{}</p>\n",
        lang.t("Every job of the roster, most exposed first.")
    ));
    if total > MAX_ROWS {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&say(
                lang,
                format!("Beyond {} jobs, the table lists the {shown} most exposed of the {all}; the workbook lists them all.", count(MAX_ROWS as u64, lang)),
                format!("Au-delà de {} métiers, le tableau donne les {shown} plus exposés des {all} ; le classeur les donne tous.", count(MAX_ROWS as u64, lang)),
            ))
        ));
    }
    controls(h, a, &jobs, lang);
    h.push_str(&format!(
        "<p class=\"note\" id=\"x-n\" aria-live=\"polite\" data-text=\"{}\">{}</p>\n",
        escape(&say(
            lang,
            "{n} of {t} jobs shown.".into(),
            "{n} métier(s) affiché(s) sur {t}.".into()
        )),
        escape(&say(
            lang,
            format!("{shown} jobs."),
            format!("{shown} métier(s).")
        ))
    ));
    let mut headers = vec![(lang.t("Job"), false)];
    if a.has_direction {
        headers.push((a.grouping.direction.heading(lang, false), false));
    }
    if a.has_department {
        headers.push((a.grouping.department.heading(lang, false), false));
    }
    headers.extend(job_figures(lang));
    table_head(h, &headers);
    for j in &jobs {
        h.push_str(&format!(
            "<tr data-d=\"{}\" data-c=\"{}\"><td>{}</td>",
            escape(&j.direction),
            j.class.map(|c| c.key()).unwrap_or(""),
            escape(&j.job)
        ));
        if a.has_direction {
            h.push_str(&format!("<td>{}</td>", escape(&j.direction)));
        }
        if a.has_department {
            h.push_str(&format!("<td>{}</td>", escape(&j.department)));
        }
        // data-v: the value sorted on (unrounded mean, so ties on two decimals keep the order of
        // the table of the most exposed jobs); -1 sorts a job without a score last.
        h.push_str(&format!(
            "<td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}/{}</td></tr>\n",
            j.headcount,
            escape(&lang.agents(j.headcount)),
            j.unrounded_mean.unwrap_or(-1.0),
            escape(&lang.decimal(j.mean)),
            j.sd.unwrap_or(-1.0),
            escape(&lang.decimal(j.sd)),
            class_rank(a, j),
            chip(j.class, lang),
            j.tasks_exposed,
            j.tasks_exposed,
            j.tasks_scored,
        ));
    }
    h.push_str("</tbody></table></div>\n</section>\n");
}

/// Sorting by class goes from the least to the most exposed class, then back.
fn class_rank(a: &Analysis, j: &JobExposure) -> usize {
    let classes = a.method.classes();
    j.class
        .and_then(|c| classes.iter().position(|k| *k == c))
        .map(|i| classes.len() - i)
        .unwrap_or(0)
}

fn controls(h: &mut String, a: &Analysis, jobs: &[&JobExposure], lang: Lang) {
    // The controls and how to use them appear only with the script that makes them work.
    h.push_str(&format!(
        "<div class=\"controls\" hidden=\"hidden\">\n<p class=\"note\">{}</p>\n",
        escape(&lang.fill_about(
            "Type to search, choose a {direction} or a class; tap or click a column's heading to sort by it, again to reverse.",
            a.grouping,
            &[],
        ))
    ));
    h.push_str(&format!(
        "<label>{}<input id=\"x-q\" type=\"search\" autocomplete=\"off\"/></label>\n",
        lang.t("Search")
    ));
    let everything = lang.t("All");
    if a.has_direction {
        let directions: BTreeSet<&str> = jobs.iter().map(|j| j.direction.as_str()).collect();
        h.push_str(&format!(
            "<label>{}<select id=\"x-d\"><option value=\"\">{everything}</option>",
            a.grouping.direction.heading(lang, false)
        ));
        for d in directions {
            h.push_str(&format!(
                "<option value=\"{}\">{}</option>",
                escape(d),
                escape(if d.is_empty() { "–" } else { d })
            ));
        }
        h.push_str("</select></label>\n");
    }
    h.push_str(&format!(
        "<label>{}<select id=\"x-c\"><option value=\"\">{everything}</option>",
        lang.t("Class")
    ));
    for &class in a.method.classes() {
        h.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            class.key(),
            escape(lang.class(class))
        ));
    }
    h.push_str("</select></label>\n</div>\n");
}
