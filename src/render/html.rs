//! The report people open: one self-contained HTML file (inline CSS, SVG charts drawn here, no
//! script, font, image or stylesheet from anywhere else), readable on screen and printed.
//!
//! Every text that comes from a roster or a rubric goes through [`escape`], in element content
//! and in attributes alike. The document is also well-formed XML (every element closed, only the
//! XML entities), which the tests check with an XML parser. The same analysis gives the same
//! bytes: no date, no randomness, every list sorted.

use std::io::{self, Write};

use crate::aggregate::{GroupExposure, JobExposure, rank};
use crate::analysis::Analysis;
use crate::classify::{Band, Class, Method};
use crate::i18n::Lang;
use crate::themes::{tasks_by_theme, theme_label};

mod boundary;
mod explorer;
mod points;

/// How many jobs, departments, themes and tasks per theme the report lists.
const TOP_JOBS: usize = 15;
const TOP_DEPARTMENTS: usize = 10;
const TOP_THEMES: usize = 10;
const TASKS_PER_THEME: usize = 5;
/// Bars drawn at most (directions, or departments when there are no directions).
const MAX_BARS: usize = 30;

/// Escapes text for HTML element content and quoted attribute values (and XML): `&`, `<`, `>`,
/// `"` and `'`. Control characters other than tab and line breaks, which neither HTML nor XML
/// allows, become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Fill colour of a class, most exposed darkest; and whether text on it is white.
pub(super) fn colour(class: Class) -> (&'static str, bool) {
    match class {
        Class::Gradient4 | Class::AutomationPotential => ("#8e0c25", true),
        Class::Gradient3 => ("#c9423b", true),
        Class::Gradient2 | Class::BigUnknown => ("#ee8a5a", false),
        Class::Gradient1 => ("#f6c89f", false),
        Class::MinimalExposure | Class::AugmentationPotential => ("#a9cbe3", false),
        Class::NotExposed | Class::NotAffected => ("#d4d4d4", false),
    }
}

/// A coordinate for SVG: one decimal, always a point.
fn c(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(String::from).unwrap_or(s)
}

/// An axis tick: one decimal, in the report's language.
fn tick(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ","),
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// The report's stylesheet (screen, phone and print).
pub(crate) const CSS: &str = include_str!("html/report.css");

/// The report's one inline script (tap-to-see captions, the explorable table of every job);
/// the page is complete without it.
const SCRIPT: &str = include_str!("html/report.js");

/// How a chart is drawn: wide for screens from 1,000 px and for print, narrow below, so that
/// chart text never falls under 11 px (report.css shows one or the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Wide,
    Narrow,
}

const LAYOUTS: [Layout; 2] = [Layout::Wide, Layout::Narrow];

impl Layout {
    fn class(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Narrow => "narrow",
        }
    }
}

/// Under a chart, where the script writes what a tapped or focused mark is (hidden without it).
fn tip(h: &mut String, lang: Lang) {
    h.push_str(&format!(
        "<p class=\"tip\" aria-live=\"polite\" hidden=\"hidden\">{}</p>\n",
        lang.t("Tap or click a mark to see what it is.")
    ));
}

/// Renders the report of the analysis, in English or French.
pub fn render(a: &Analysis, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let mut h = String::with_capacity(96 * 1024);
    let title = &super::title(a, lang);
    h.push_str("<!DOCTYPE html>\n");
    h.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
<meta name=\"generator\" content=\"exposure {}\"/>\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        match lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        },
        env!("CARGO_PKG_VERSION"),
        escape(title)
    ));
    h.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    let files: Vec<String> = a.files.iter().map(|f| f.file.clone()).collect();
    h.push_str(&format!(
        "<p class=\"sub\">{} · {}</p>\n",
        escape(&files.join(", ")),
        escape(&format!(
            "{} {}",
            lang.t("measured the ILO's way:"),
            lang.method(a.method)
        ))
    ));
    headline(&mut h, a, lang);
    h.push_str(&super::glossary::html(lang));
    classes(&mut h, a, lang);
    scatter(&mut h, a, lang);
    departments(&mut h, a, lang);
    jobs(&mut h, a, lang);
    explorer::section(&mut h, a, lang);
    themes(&mut h, a, lang);
    method(&mut h, a, lang);
    h.push_str(&format!(
        "<footer>{}</footer>\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&format!(
            "exposure {} · {}{}{} · {}{}{} ({} {})",
            env!("CARGO_PKG_VERSION"),
            lang.t("rosters"),
            lang.colon(),
            files.join(", "),
            lang.t("rubric"),
            lang.colon(),
            super::rubric_name(&a.rubric_source, lang),
            a.rubric_rules,
            lang.t("rules"),
        ))
    ));
    if lang == Lang::Fr {
        h = french_text(&h);
    }
    out.write_all(h.as_bytes())
}

/// French spacing (`typography::french_spacing`) applied to the text of the page: element
/// content outside `<style>`, between character references, which keep their `;`.
fn french_text(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 16);
    let mut rest = page;
    while !rest.is_empty() {
        if rest.starts_with("<style") {
            let end = rest
                .find("</style>")
                .map_or(rest.len(), |i| i + "</style>".len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let mut text = &rest[..end];
            while !text.is_empty() {
                match text.find('&') {
                    Some(0) => {
                        let reference = text.find(';').map_or(text.len(), |i| i + 1);
                        out.push_str(&text[..reference]);
                        text = &text[reference..];
                    }
                    Some(i) => {
                        out.push_str(&crate::typography::french_spacing(&text[..i]));
                        text = &text[i..];
                    }
                    None => {
                        out.push_str(&crate::typography::french_spacing(text));
                        text = "";
                    }
                }
            }
            rest = &rest[end..];
        }
    }
    out
}

fn headline(h: &mut String, a: &Analysis, lang: Lang) {
    let s = &a.summary;
    h.push_str(&format!(
        "<section id=\"headline\">\n<h2>{}</h2>\n<div class=\"cards\">\n",
        lang.t("In brief")
    ));
    let cards = [
        (
            lang.agents(s.agents),
            format!(
                "{} · {} {}",
                lang.agents_noun(s.agents),
                lang.count(s.jobs),
                lang.jobs_noun(s.jobs as f64)
            ),
        ),
        (
            lang.percent(s.share_tasks_exposed),
            lang.t("of tasks exposed (score ≥ 0.50)").to_string(),
        ),
        (
            lang.percent(s.share_time_exposed),
            lang.t("of working time exposed").to_string(),
        ),
        (
            lang.percent(s.share_agents_exposed),
            format!(
                "{} ({} {})",
                lang.t("of agents in exposed jobs"),
                lang.agents(s.agents_exposed),
                lang.agents_noun(s.agents_exposed)
            ),
        ),
    ];
    for (figure, label) in cards {
        h.push_str(&format!(
            "<div class=\"card\"><b>{}</b><span>{}</span></div>\n",
            escape(&figure),
            escape(&label)
        ));
    }
    h.push_str("</div>\n<ul class=\"headline\">\n");
    for line in super::headline(&super::View::whole(a, &[]), lang) {
        h.push_str(&format!("<li>{}</li>\n", escape(&line)));
    }
    h.push_str("</ul>\n</section>\n");
}

fn legend(h: &mut String, method: Method, lang: Lang) {
    h.push_str("<div class=\"legend\">");
    for &class in method.classes() {
        h.push_str(&format!(
            "<span><i style=\"background:{}\"></i>{}</span>",
            colour(class).0,
            escape(lang.class(class))
        ));
    }
    h.push_str("</div>\n");
}

/// Agents per class, as 100 % stacked bars: the whole authority, then each direction (or each
/// department when the roster has no direction).
fn classes(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"classes\">\n<h2>{}</h2>\n",
        lang.t("Agents per class")
    ));
    let (groups, what): (&[GroupExposure], String) = if !a.directions.is_empty() {
        (&a.directions, a.grouping.direction.word(lang, false))
    } else {
        (&a.departments, a.grouping.department.word(lang, false))
    };
    let mut rows: Vec<(String, &GroupExposure)> =
        vec![(lang.t("Whole authority").to_string(), &a.summary)];
    let mut sorted: Vec<&GroupExposure> = groups.iter().collect();
    sorted.sort_by(|x, y| {
        rank(x.mean, y.mean).then_with(|| {
            (&x.direction, &x.department, &x.value).cmp(&(&y.direction, &y.department, &y.value))
        })
    });
    for g in sorted.iter().take(MAX_BARS) {
        let name = match (&g.direction, &g.department) {
            (_, Some(d)) => d.clone(),
            (Some(d), None) => d.clone(),
            _ => g.value.clone().unwrap_or_default(),
        };
        rows.push((name.to_string(), g));
    }
    h.push_str(&format!(
        "<p>{}</p>\n",
        escape(&lang.fill(
            "How the agents spread over the ILO classes ({method}), for the whole authority, then by {what}, most exposed first (mean in brackets).",
            &[("method", lang.method(a.method).to_string()), ("what", what)],
        ))
    ));
    if groups.len() > MAX_BARS {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&lang.fill(
                "The first {n} of {total}.",
                &[
                    ("n", MAX_BARS.to_string()),
                    ("total", groups.len().to_string())
                ],
            ))
        ));
    }
    legend(h, a.method, lang);
    for layout in LAYOUTS {
        class_bars(h, a, lang, &rows, layout);
    }
    tip(h, lang);
    h.push_str("</section>\n");
}

/// The stacked bars of `classes`, drawn for one layout: wide, names left of the bars; narrow,
/// each name over its bar.
fn class_bars(
    h: &mut String,
    a: &Analysis,
    lang: Lang,
    rows: &[(String, &GroupExposure)],
    layout: Layout,
) {
    let narrow = layout == Layout::Narrow;
    let (width, label_w, total_w, row_h, bar_h, name_max) = if narrow {
        (360.0, 14.0, 24.0, 46.0, 20.0, 26)
    } else {
        (1000.0, 300.0, 110.0, 30.0, 20.0, 34)
    };
    let bar_w = width - label_w - total_w;
    let height = rows.len() as f64 * row_h + 24.0;
    h.push_str(&format!(
        "<figure class=\"{}\"><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
        layout.class(),
        c(width),
        c(height),
        escape(lang.t("Agents per class"))
    ));
    // Scale: 0, 25, 50, 75, 100 %.
    for i in 0..=4 {
        let x = label_w + bar_w * i as f64 / 4.0;
        h.push_str(&format!(
            "<line class=\"grid\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\"/><text class=\"muted\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            c(height - 18.0),
            c(height - 4.0),
            lang.sentence(format!("{} %", i * 25)),
            x = c(x)
        ));
    }
    for (i, (name, g)) in rows.iter().enumerate() {
        let (y, mid) = if narrow {
            (i as f64 * row_h + 20.0, i as f64 * row_h + 34.0)
        } else {
            let y = i as f64 * row_h + (row_h - bar_h) / 2.0;
            (y, y + bar_h / 2.0 + 4.0)
        };
        let label = format!("{} ({})", shorten(name, name_max), lang.decimal(g.mean));
        let (label_x, label_y, anchor) = if narrow {
            (label_w, y - 5.0, "start")
        } else {
            (label_w - 8.0, mid, "end")
        };
        h.push_str(&format!(
            "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"{}>{}</text></g>\n",
            escape(&format!("{name} — {}", lang.decimal(g.mean))),
            c(label_x),
            c(label_y),
            if i == 0 { " font-weight=\"700\"" } else { "" },
            escape(&label)
        ));
        let classified = g.agents_classified;
        let mut x = label_w;
        for &class in a.method.classes() {
            let n = g.agents_by_class.get(class.key()).copied().unwrap_or(0.0);
            let Some(s) = share(n, classified).filter(|s| *s > 0.0) else {
                continue;
            };
            let w = bar_w * s;
            let (fill, white) = colour(class);
            h.push_str(&format!(
                "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
                escape(&format!(
                    "{name} — {}{}{} {} ({})",
                    lang.class(class),
                    lang.colon(),
                    lang.agents(n),
                    lang.agents_noun(n),
                    lang.percent(Some(s))
                )),
                c(x),
                c(y),
                c(w),
                c(bar_h)
            ));
            // A figure goes inside its segment only where it fits (about 7 units a digit).
            let figure = lang.agents(n);
            if w >= (figure.chars().count() as f64 * 7.5 + 8.0).max(34.0) {
                h.push_str(&format!(
                    "<text class=\"in{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    if white { " white" } else { "" },
                    c(x + w / 2.0),
                    c(y + bar_h / 2.0 + 3.5),
                    escape(&figure)
                ));
            }
            h.push_str("</g>\n");
            x += w;
        }
        let total = format!("{} {}", lang.agents(g.agents), lang.agents_noun(g.agents));
        if narrow {
            h.push_str(&format!(
                "<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                c(width - total_w),
                c(y - 5.0),
                escape(&total)
            ));
        } else {
            h.push_str(&format!(
                "<text class=\"muted\" x=\"{}\" y=\"{}\">{}</text>\n",
                c(label_w + bar_w + 8.0),
                c(mid),
                escape(&total)
            ));
        }
    }
    h.push_str("</svg></figure>\n");
}

/// The jobs as the ILO plots its occupations: mean against standard deviation, with the class
/// boundaries; a dot's area is proportional to the job's agents.
fn scatter(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"scatter\">\n<h2>{}</h2>\n<p>{}</p>\n",
        lang.t("Jobs: mean exposure and spread of their tasks"),
        escape(lang.t("Each dot is a job: to the right, its tasks are on average more exposed; higher up, they differ more from one another. The area of a dot is proportional to the job's agents. The dashed lines are the boundaries of the ILO classes. Hover over, tap or focus a dot to see its job; the table of every job, further down, lists them all."))
    ));
    legend(h, a.method, lang);
    let jobs: Vec<&JobExposure> = a
        .jobs
        .iter()
        .filter(|j| j.mean.is_some() && j.sd.is_some())
        .collect();
    let dots = points::dots(&jobs, lang);
    if dots.binned {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&points::rule(jobs.len(), dots.list.len(), lang))
        ));
    }
    let max_sd = jobs
        .iter()
        .filter_map(|j| j.sd)
        .fold(0.0_f64, f64::max)
        .clamp(0.0, 1.0);
    let y_max = ((max_sd * 10.0).ceil() / 10.0).max(0.5);
    for layout in LAYOUTS {
        scatter_svg(h, a, lang, &dots.list, y_max, layout);
    }
    tip(h, lang);
    if jobs.is_empty() {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            lang.t("No job could be scored.")
        ));
    }
    h.push_str("</section>\n");
}

/// The scatter of `scatter`, drawn for one layout (the narrow one with fewer ticks, vertical
/// names where the regions are thin, and smaller dots).
fn scatter_svg(
    h: &mut String,
    a: &Analysis,
    lang: Lang,
    dots: &[points::Dot],
    y_max: f64,
    layout: Layout,
) {
    let narrow = layout == Layout::Narrow;
    let (width, height, left, right, top, bottom) = if narrow {
        (360.0, 400.0, 50.0, 12.0, 12.0, 48.0)
    } else {
        (1000.0, 560.0, 64.0, 20.0, 16.0, 52.0)
    };
    let (pw, ph) = (width - left - right, height - top - bottom);
    let px = |m: f64| left + m.clamp(0.0, 1.0) * pw;
    let py = |s: f64| top + ph - (s.clamp(0.0, y_max) / y_max) * ph;
    h.push_str(&format!(
        "<figure class=\"{}\"><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
        layout.class(),
        c(width),
        c(height),
        escape(lang.t("Jobs by mean and standard deviation"))
    ));
    // Grid and axes.
    for i in 0..=10 {
        let m = i as f64 / 10.0;
        let label = if narrow && i % 2 == 1 {
            String::new()
        } else {
            tick(lang, m)
        };
        h.push_str(&format!(
            "<line class=\"grid\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/><text class=\"muted\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            c(top),
            c(top + ph),
            c(top + ph + 16.0),
            label,
            x = c(px(m))
        ));
    }
    let steps = (y_max * 10.0).round() as usize;
    for i in 0..=steps {
        let s = i as f64 / 10.0;
        h.push_str(&format!(
            "<line class=\"grid\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            c(left),
            c(left + pw),
            c(left - 6.0),
            c(py(s) + 4.0),
            tick(lang, s),
            y = c(py(s))
        ));
    }
    h.push_str(&format!(
        "<line class=\"axis\" x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/><line class=\"axis\" x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\"/>\n",
        l = c(left),
        r = c(left + pw),
        t = c(top),
        b = c(top + ph)
    ));
    h.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n<text x=\"16\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {})\">{}</text>\n",
        c(left + pw / 2.0),
        c(height - 8.0),
        escape(lang.t("Mean score of the job's tasks")),
        c(top + ph / 2.0),
        c(top + ph / 2.0),
        escape(lang.t("Standard deviation of the task scores"))
    ));
    // Class boundaries, clipped to the plot.
    let segment = |h: &mut String, (m1, s1): (f64, f64), (m2, s2): (f64, f64)| {
        h.push_str(&format!(
            "<line class=\"bound\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
            c(px(m1)),
            c(py(s1)),
            c(px(m2)),
            c(py(s2))
        ));
    };
    // A region's name, on two lines when it has two parts ("Exposed: Gradient 4" is shown as
    // "Gradient" over "4", and any name of two words or more in the narrow layout), turned by
    // `angle` degrees (then on one line).
    let region = |h: &mut String, m: f64, s: f64, angle: f64, text: &str| {
        let text = text.strip_prefix("Exposed: ").unwrap_or(text);
        let (x, y) = (c(px(m)), c(py(s)));
        let turn = if angle != 0.0 {
            format!(" transform=\"rotate({} {x} {y})\"", c(angle))
        } else {
            String::new()
        };
        let lines: Vec<&str> = match (text.strip_prefix("Gradient "), text.rsplit_once(' ')) {
            _ if angle != 0.0 => vec![text],
            (Some(n), _) => vec![&text[..8], n],
            (None, Some((first, last))) if narrow => vec![first, last],
            _ => vec![text],
        };
        h.push_str(&format!(
            "<text class=\"region\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\"{turn}>"
        ));
        for (i, line) in lines.iter().enumerate() {
            h.push_str(&format!(
                "<tspan x=\"{x}\" dy=\"{}\">{}</tspan>",
                if i == 0 { "0" } else { "1.2em" },
                escape(line)
            ));
        }
        h.push_str("</text>\n");
    };
    // The angle of the diagonals m + s = constant, on screen.
    let diagonal = -((py(0.0) - py(0.1)) / (px(0.1) - px(0.0)))
        .atan()
        .to_degrees();
    match a.method {
        Method::Wp140 => {
            // m ≥ 0.60: gradient 4; m ≥ 0.50: gradient 3; m + s ≥ 0.50: gradient 2 (m ≥ 0.40)
            // or 1 (m < 0.40); m + s ≥ 0.40: minimal exposure; else not exposed.
            segment(h, (0.60, 0.0), (0.60, y_max));
            segment(h, (0.50, 0.0), (0.50, y_max));
            segment(h, (0.40, 0.10), (0.40, y_max));
            segment(h, (0.0, 0.50), (0.50, 0.0));
            segment(h, (0.0, 0.40), (0.40, 0.0));
            let top_s = y_max - 0.04;
            // Narrow, the columns of gradients 3 and 2 are too thin for a name across.
            let (thin, thin_s) = if narrow {
                (-90.0, y_max * 0.7)
            } else {
                (0.0, top_s)
            };
            region(h, 0.80, top_s, 0.0, lang.class(Class::Gradient4));
            region(h, 0.55, thin_s, thin, lang.class(Class::Gradient3));
            region(h, 0.45, thin_s, thin, lang.class(Class::Gradient2));
            region(h, 0.20, top_s, 0.0, lang.class(Class::Gradient1));
            region(h, 0.19, 0.255, diagonal, lang.class(Class::MinimalExposure));
            region(h, 0.06, 0.03, 0.0, lang.class(Class::NotExposed));
        }
        Method::Wp96 => {
            // m − s ≥ 0.50: automation; m ≥ 0.40: big unknown; m + s > 0.50: augmentation.
            segment(h, (0.50, 0.0), ((0.50 + y_max).min(1.0), y_max.min(0.50)));
            segment(h, (0.40, 0.0), (0.40, y_max));
            segment(h, (0.0, 0.50), (0.40, 0.10));
            let top_s = y_max - 0.04;
            region(h, 0.85, 0.06, 0.0, lang.class(Class::AutomationPotential));
            region(h, 0.55, top_s, 0.0, lang.class(Class::BigUnknown));
            region(
                h,
                0.20,
                top_s,
                0.0,
                lang.class(Class::AugmentationPotential),
            );
            region(h, 0.08, 0.03, 0.0, lang.class(Class::NotAffected));
        }
    }
    // Dots: largest first so the small ones stay visible on top (`points::dots` sorts them).
    let (r_max, r_min) = if narrow { (9.0, 3.0) } else { (16.0, 2.5) };
    let max_agents = dots.iter().map(|d| d.agents).fold(0.0_f64, f64::max);
    for d in dots {
        let r = if max_agents > 0.0 {
            (r_max * (d.agents.max(0.0) / max_agents).sqrt()).max(r_min)
        } else {
            4.0
        };
        let fill = d.class.map(|c| colour(c).0).unwrap_or("#ffffff");
        h.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" tabindex=\"0\"><title>{}</title></circle>\n",
            c(px(d.mean)),
            c(py(d.sd)),
            c(r),
            escape(&d.tip)
        ));
    }
    h.push_str("</svg></figure>\n");
}

fn chip(class: Option<Class>, lang: Lang) -> String {
    match class {
        Some(class) => {
            let (fill, white) = colour(class);
            format!(
                "<span class=\"chip\" style=\"background:{fill}{}\">{}</span>",
                if white { ";color:#ffffff" } else { "" },
                escape(lang.class(class))
            )
        }
        None => "–".into(),
    }
}

/// The headings of a job's figures in the tables of jobs (and whether each is a number).
fn job_figures(lang: Lang) -> [(&'static str, bool); 5] {
    [
        (lang.t("Agents"), true),
        (lang.t("Mean"), true),
        (lang.t("SD"), true),
        (lang.t("Class"), false),
        (lang.t("Tasks exposed"), true),
    ]
}

fn table_head(h: &mut String, headers: &[(&str, bool)]) {
    h.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for (name, numeric) in headers {
        h.push_str(&format!(
            "<th{}>{}</th>",
            if *numeric { " class=\"n\"" } else { "" },
            escape(name)
        ));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
}

fn departments(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"departments\">\n<h2>{}</h2>\n",
        escape(&lang.fill_about("The most exposed {departments}", a.grouping, &[]))
    ));
    if a.departments.is_empty() {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n</section>\n",
            escape(&lang.fill_about("The roster has no {department} column.", a.grouping, &[]))
        ));
        return;
    }
    let mut groups: Vec<&GroupExposure> = a.departments.iter().collect();
    groups.sort_by(|x, y| {
        rank(x.mean, y.mean)
            .then_with(|| (&x.direction, &x.department).cmp(&(&y.direction, &y.department)))
    });
    let mut headers = vec![(a.grouping.department.heading(lang, false), false)];
    if a.has_direction {
        headers.push((a.grouping.direction.heading(lang, false), false));
    }
    let columns = super::figures::group();
    let shown: Vec<_> = super::figures::shown(&columns).collect();
    headers.extend(shown.iter().map(|c| (lang.t(c.short), c.kind.numeric())));
    table_head(h, &headers);
    for g in groups.iter().take(TOP_DEPARTMENTS) {
        h.push_str(&format!(
            "<tr><td>{}</td>",
            escape(g.department.as_deref().unwrap_or(""))
        ));
        if a.has_direction {
            h.push_str(&format!(
                "<td>{}</td>",
                escape(g.direction.as_deref().unwrap_or(""))
            ));
        }
        for c in &shown {
            h.push_str(&format!(
                "<td class=\"n\">{}</td>",
                escape(&(c.get)(g).human(lang, c.kind))
            ));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    if groups.len() > TOP_DEPARTMENTS {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&lang.fill_about(
                "The first {n} of {total} {departments}; the workbook (--format xlsx) and the CSV list them all.",
                a.grouping,
                &[("n", TOP_DEPARTMENTS.to_string()), ("total", groups.len().to_string())],
            ))
        ));
    }
    h.push_str("</section>\n");
}

fn jobs(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"jobs\">\n<h2>{}</h2>\n",
        lang.t("The most exposed jobs")
    ));
    let mut jobs: Vec<&JobExposure> = a.jobs.iter().filter(|j| j.mean.is_some()).collect();
    jobs.sort_by(|x, y| {
        rank(x.unrounded_mean, y.unrounded_mean).then_with(|| {
            (&x.direction, &x.department, &x.job).cmp(&(&y.direction, &y.department, &y.job))
        })
    });
    if jobs.is_empty() {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n</section>\n",
            lang.t("No job could be scored.")
        ));
        return;
    }
    let place = a.has_direction || a.has_department;
    let mut headers = vec![(lang.t("Job"), false)];
    if place {
        headers.push((lang.t("Where"), false));
    }
    // The figures of the tables, the job's name and where it is shown before them.
    let columns = super::figures::job();
    let shown: Vec<_> = super::figures::shown(&columns)
        .filter(|c| c.key != "job" && c.key != "classes_differ")
        .collect();
    headers.extend(shown.iter().map(|c| (lang.t(c.short), c.kind.numeric())));
    table_head(h, &headers);
    for j in jobs.iter().take(TOP_JOBS) {
        // A job scored from its grade's mix says so.
        let mix = (j.isco_mix.as_ref())
            .map(|m| format!(" <small>{}</small>", escape(&m.note(lang))))
            .unwrap_or_default();
        h.push_str(&format!("<tr><td>{}{mix}</td>", escape(&j.job)));
        if place {
            let where_ = [j.direction.as_str(), j.department.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            h.push_str(&format!("<td>{}</td>", escape(&where_)));
        }
        for c in &shown {
            let cell = match (c.get)(j) {
                super::figures::Value::Class(class) => chip(class, lang),
                v => escape(&v.human(lang, c.kind)),
            };
            let class = if c.kind.numeric() { " class=\"n\"" } else { "" };
            h.push_str(&format!("<td{class}>{cell}</td>"));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    if jobs.len() > TOP_JOBS {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&lang.fill(
                "The first {n} of {total} scored jobs; the workbook (--format xlsx) and the CSV list them all.",
                &[("n", TOP_JOBS.to_string()), ("total", jobs.len().to_string())],
            ))
        ));
    }
    h.push_str("</section>\n");
}

fn themes(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"themes\" class=\"long\">\n<h2>{}</h2>\n",
        lang.t("Tasks with the highest potential, by theme")
    ));
    if a.tasks.is_none() {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n</section>\n",
            lang.t("The per-task listing was not kept for this report, so the tasks cannot be grouped by theme.")
        ));
        return;
    }
    let themes = tasks_by_theme(a, Band::Medium, lang);
    h.push_str(&format!(
        "<p>{}</p>\n",
        escape(lang.t("Tasks with a score of 0.50 or more (generative AI can do them wholly or in large part), grouped by theme; themes with the most agents first."))
    ));
    if themes.is_empty() {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            lang.t("No task has a score of 0.50 or more.")
        ));
    }
    for theme in themes.iter().take(TOP_THEMES) {
        let name = theme_label(&theme.theme, lang);
        h.push_str(&format!(
            "<div class=\"theme\"><h3>{}</h3><p>{}</p>\n",
            escape(&name),
            escape(&lang.fill(
                "{tasks} {tasks|task|tasks}, {jobs} {jobs|job|jobs}, {agents} {agents|agent|agents}; mean score {mean}",
                &[
                    ("tasks", lang.count(theme.tasks.len() as u64)),
                    ("jobs", lang.count(theme.jobs as u64)),
                    ("agents", lang.agents(theme.agents)),
                    ("mean", lang.decimal(Some(theme.mean)))
                ],
            ))
        ));
        table_head(
            h,
            &[
                (lang.t("Task"), false),
                (lang.t("Score"), true),
                (lang.t("Jobs"), false),
                (lang.t("Agents"), true),
            ],
        );
        for t in theme.tasks.iter().take(TASKS_PER_THEME) {
            let mut jobs: Vec<&str> = t.jobs.iter().take(3).map(String::as_str).collect();
            let more = t.jobs.len().saturating_sub(3);
            let extra = if more > 0 {
                format!(
                    " {}",
                    lang.fill("and {n} more", &[("n", lang.count(more as u64))])
                )
            } else {
                String::new()
            };
            if jobs.is_empty() {
                jobs.push("–");
            }
            h.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}{}</td><td class=\"n\">{}</td></tr>\n",
                escape(crate::ilo::task_in(&t.task, t.rule.as_deref(), lang)),
                escape(&lang.decimal(Some(t.score))),
                escape(&jobs.join(", ")),
                escape(&extra),
                escape(&lang.agents(t.agents)),
            ));
        }
        h.push_str("</tbody></table></div>\n");
        if theme.tasks.len() > TASKS_PER_THEME {
            h.push_str(&format!(
                "<p class=\"note\">{}</p>\n",
                escape(&lang.fill(
                    "… and {n} more {n|task|tasks}.",
                    &[(
                        "n",
                        lang.count((theme.tasks.len() - TASKS_PER_THEME) as u64)
                    )],
                ))
            ));
        }
        h.push_str("</div>\n");
    }
    if themes.len() > TOP_THEMES {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&lang.fill(
                "The first {n} of {total} themes; `exposure tasks` lists them all.",
                &[
                    ("n", TOP_THEMES.to_string()),
                    ("total", themes.len().to_string())
                ],
            ))
        ));
    }
    h.push_str("</section>\n");
}

fn method(h: &mut String, a: &Analysis, lang: Lang) {
    h.push_str(&format!(
        "<section id=\"method\" class=\"method long\">\n<h2>{}</h2>\n",
        lang.t("Method and sources")
    ));
    let rubric = format!(
        "{} ({} {})",
        super::rubric_name(&a.rubric_source, lang),
        a.rubric_rules,
        lang.t("rules")
    );
    let paragraphs = [
        lang.t("Every task gets a score between 0 and 1: how much of it generative AI could do, on the scale of the International Labour Organization (ILO). A task with a score of 0.50 or more is \"exposed\": generative AI can do it wholly or in large part. The ILO's bands: very low (below 0.25), low (0.25 to 0.50), medium (0.50 to 0.75), high (0.75 and above).").to_string(),
        lang.fill(
            "A task's score comes, in this order, from: an expert's score in the roster; a rubric code chosen by hand; the rubric rule that best recognises the task's text (rubric used: {rubric}); for a job without tasks, the tasks the ILO scored for its ISCO-08 occupation. Every rubric rule rests on ILO-scored tasks, which the rubric cites; `exposure explain \"text\"` shows which rule applies and why. A task nothing recognises is not counted as 0: it is reported and left out of the figures.",
            &[("rubric", rubric)],
        ),
        lang.t("A job's score is the mean of its task scores, weighted by their share of time, with their standard deviation, both rounded to two decimals as the ILO publishes them. Its class follows:").to_string(),
    ];
    for p in &paragraphs {
        h.push_str(&format!("<p>{}</p>\n", escape(p)));
    }
    let rules: Vec<(Class, &str)> = match a.method {
        Method::Wp140 => vec![
            (Class::Gradient4, "mean of 0.60 or more"),
            (Class::Gradient3, "mean from 0.50 to 0.60"),
            (
                Class::Gradient2,
                "mean from 0.40 to 0.50, and mean + SD of 0.50 or more",
            ),
            (
                Class::Gradient1,
                "mean below 0.40, and mean + SD of 0.50 or more",
            ),
            (
                Class::MinimalExposure,
                "otherwise, mean + SD of 0.40 or more",
            ),
            (Class::NotExposed, "all other jobs"),
        ],
        Method::Wp96 => vec![
            (
                Class::AutomationPotential,
                "mean − SD of 0.50 or more: most tasks highly exposed",
            ),
            (Class::BigUnknown, "otherwise, mean of 0.40 or more"),
            (
                Class::AugmentationPotential,
                "otherwise, mean + SD above 0.50: some tasks exposed, others not",
            ),
            (Class::NotAffected, "all other jobs"),
        ],
    };
    h.push_str("<ul>\n");
    for (class, rule) in rules {
        h.push_str(&format!(
            "<li>{}{}{}</li>\n",
            chip(Some(class), lang),
            lang.colon(),
            escape(lang.t(rule))
        ));
    }
    h.push_str("</ul>\n");
    boundary::paragraphs(h, a.method, lang);
    h.push_str(&format!(
        "<p>{}</p>\n",
        escape(&lang.fill_about(
            "A {department}, a {direction} or the whole authority has the mean of its jobs weighted by their agents. Agents \"concerned\" are those of jobs above the lowest class; agents \"exposed\", those of gradients 1 to 4 (2025 method) or of any class but \"not affected\" (2023 method). The share of working time exposed weights each exposed task by its share of time and by the job's agents.",
            a.grouping,
            &[],
        ))
    ));
    let more = [
        "Exposure does not mean job loss: a score says what generative AI could do with a task, not what an authority will do with it. The ILO stresses that most exposed jobs are more likely to be transformed (part of the tasks automated, the rest augmented) than replaced.",
    ];
    for p in more {
        h.push_str(&format!("<p>{}</p>\n", escape(lang.t(p))));
    }
    h.push_str(&format!("<h3>{}</h3>\n<ul>\n", lang.t("Sources")));
    let sources = [
        "ILO Working Paper 140: Gmyrek, Berg, Kamiński, Konopczyński, Ładna, Nafradi, Rosłaniec, Troszyński, \"Generative AI and Jobs: A Refined Global Index of Occupational Exposure\", 2025. Scores of the ISCO-08 tasks and the gradient classes (the default method).",
        "ILO Working Paper 96: Gmyrek, Berg, Bescond, \"Generative AI and Jobs: A global analysis of potential effects on job quantity and quality\", 2023. Automation / big unknown / augmentation classes (--method wp96).",
        "The tool's rubric of local-government tasks (data/rubric.csv): for each kind of task, a score, the words that recognise it, the ILO tasks it rests on and its rationale.",
        "The crosswalk from French job titles to ISCO-08 (data/isco), for jobs without tasks.",
    ];
    for s in sources {
        h.push_str(&format!("<li>{}</li>\n", escape(lang.t(s))));
    }
    h.push_str("</ul>\n");
    let (unscored, unmapped) = (a.unscored.len(), a.unmapped.len());
    if unscored > 0 || unmapped > 0 {
        h.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            escape(&lang.fill(
                "Left out of the figures: {unscored} {unscored|task|tasks} not recognised, {unmapped} {unmapped|job|jobs} without tasks whose occupation was not found (full list: --format json).",
                &[("unscored", unscored.to_string()), ("unmapped", unmapped.to_string())],
            ))
        ));
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            escape("Agent d’accueil — 0,50 €"),
            "Agent d’accueil — 0,50 €"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "a\u{fffd}b\u{fffd}c\td");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape(""), "");
    }

    pub(crate) fn commune(keep_tasks: bool) -> Analysis {
        crate::analysis::tests::commune(keep_tasks)
    }

    fn html(a: &Analysis, lang: Lang) -> String {
        let mut out = Vec::new();
        render(a, lang, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn without_the_task_listing_the_themes_section_says_so() {
        let page = html(&commune(false), Lang::Fr);
        assert!(page.contains("La liste des tâches n'a pas été conservée"));
        let page = html(&commune(true), Lang::En);
        assert!(!page.contains("per-task listing was not kept"));
        assert!(page.contains("<div class=\"theme\"><h3>"));
    }

    #[test]
    fn coordinates_and_shortening() {
        assert_eq!(c(12.0), "12");
        assert_eq!(c(12.345), "12.3");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        assert_eq!(shorten("éééééé", 3), "éé…");
    }
}
