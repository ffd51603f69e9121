//! The HTML report's structure for phones, paper and exploring, checked without a browser
//! (scripts/screenshot_report.sh measures the same rules in headless Chromium).

use crate::report::{parse, report};
use crate::{data, json, temp_file};

/// The report with its one inline script taken out, and that script. The report has exactly
/// one `<script>`, without attributes, wrapped for XML as CDATA.
pub(crate) fn without_script(html: &str) -> (String, String) {
    assert_eq!(html.matches("<script").count(), 1, "one inline script");
    let start = html
        .find("<script>/*<![CDATA[*/")
        .expect("a bare inline script");
    let end = start + html[start..].find("</script>").expect("closed") + "</script>".len();
    let script = html[start..end].to_string();
    (format!("{}{}", &html[..start], &html[end..]), script)
}

/// The text between `open` (first occurrence) and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open:?}")) + open.len();
    let end = start + text[start..].find(close).unwrap();
    &text[start..end]
}

#[test]
fn demo_city_report_is_printable_responsive_and_explorable() {
    let roster = data("data/examples/ville-fictive.csv");
    let html = report(&roster, &[]);
    let css = between(&html, "<style>", "</style>");
    let print = &css[css.find("@media print").expect("a print stylesheet")..];
    // Print: A4, headings kept with what follows, rows and figures never cut, table headers
    // repeated on each page, the narrow drawings and the controls left out.
    for rule in [
        "@page { size: A4;",
        "h1, h2, h3, .legend, p:has(+ figure), p:has(+ .legend) { break-after: avoid;",
        "figure, .cards, .card, tr, li, .example { break-inside: avoid;",
        "thead { display: table-header-group; }",
        "figure.narrow, .controls, .tip { display: none !important; }",
    ] {
        assert!(print.contains(rule), "print stylesheet lacks {rule:?}");
    }
    // Sections may break across pages (a whole section moved to the next page left pages 1-2
    // half empty).
    assert!(!css.contains("section, figure"), "sections kept whole");
    // Phones: every table scrolls in its own box; charts switch to their narrow drawing.
    let tables = html.matches("<table").count();
    assert!(tables >= 3);
    assert_eq!(
        html.matches("<div class=\"scroll\"><table>").count(),
        tables
    );
    assert!(css.contains(".scroll { overflow-x: auto;"));
    assert!(css.contains("@media (max-width: 1000px) {\n  figure.wide { display: none; }"));
    assert_eq!(html.matches("<figure class=\"wide\"><svg").count(), 2);
    assert_eq!(
        html.matches("<figure class=\"narrow\"><svg viewBox=\"0 0 360 ")
            .count(),
        2
    );
    // Every dot can take the focus (and so a tap); each says which job it is.
    let (text, elements) = parse(&html);
    let circles = elements.iter().filter(|e| *e == "circle").count();
    assert_eq!(html.matches("tabindex=\"0\"><title>").count(), circles);
    // The explorer: a row per job, every job of the roster, controls hidden until the script
    // shows them, so that without scripts the page is the whole table.
    let doc = json(&["score", roster.to_str().unwrap(), "--format", "json"]);
    let jobs = doc["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 133);
    let explore = between(&html, "<section id=\"explore\"", "</section>");
    assert!(explore.contains("<div class=\"controls\" hidden=\"hidden\">"));
    assert!(explore.contains("<input id=\"x-q\" type=\"search\""));
    assert!(explore.contains("<select id=\"x-d\">") && explore.contains("<select id=\"x-c\">"));
    let rows = between(explore, "<tbody>", "</tbody>");
    assert_eq!(rows.matches("<tr data-d=").count(), jobs.len());
    for job in jobs {
        let name = job["job"].as_str().unwrap().replace('\'', "&#39;");
        assert!(rows.contains(&format!("<td>{name}</td>")), "{name} missing");
    }
    assert!(
        !explore.contains("most exposed of the"),
        "no cap at 133 jobs"
    );
    // No external resource: the script is inline and is the only one.
    let (_, script) = without_script(&html);
    assert!(script.contains("getElementById(\"explore\")"));
    // The method section explains the boundary cases with a worked example.
    assert!(text.contains("0.29 + 0.11 gives 0.39999999999999997"));
}

#[test]
fn the_new_sections_read_in_good_french() {
    let html = report(&data("data/examples/commune.csv"), &["--lang", "fr"]);
    let explore = between(&html, "<section id=\"explore\"", "</section>");
    assert!(explore.contains("<h2>Tous les métiers</h2>"));
    assert!(explore.contains("Rechercher") && explore.contains("Écart-type"));
    // The paragraph on boundaries and its worked example (the rest of the method section
    // predates this check).
    let start = html.find("<p id=\"boundaries\">").unwrap();
    let example = start + html[start..].find("<p class=\"example\">").unwrap();
    let boundaries = &html[start..example + html[example..].find("</p>").unwrap()];
    for part in [explore, boundaries] {
        let defects = exposure::typography::french_defects(&element_text(part));
        assert!(defects.is_empty(), "{defects:?}");
    }
}

/// The text a reader sees: markup dropped (attributes hold machine values), entities read.
fn element_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A roster of `jobs` jobs, each with one to three of a few recognised tasks, so their means
/// and SDs spread over the plot.
fn many_jobs(jobs: usize) -> String {
    let tasks = [
        "Saisir les mandats",
        "Accueillir le public",
        "Rédiger les courriers",
        "Entretenir les espaces verts",
        "Animer des ateliers",
        "Tenir l'agenda du service",
    ];
    let mut csv = String::from("direction,service,metier,effectif,tache\n");
    for j in 0..jobs {
        for k in 0..=(j % 3) {
            csv.push_str(&format!(
                "D{},S{},Métier {j},{},{}\n",
                j % 7,
                j % 40,
                1 + j % 9,
                tasks[(j / 3 + k * (1 + j % 5)) % tasks.len()]
            ));
        }
    }
    csv
}

#[test]
fn beyond_the_limits_dots_are_grouped_and_the_table_keeps_the_most_exposed() {
    let (_dir, roster) = temp_file("many.csv", many_jobs(2_500).as_bytes());
    let html = report(&roster, &[]);
    // The scatter: grouped by cells of 0.02 × 0.02, at most 51 × 51 dots a drawing, stated.
    let scatter = between(&html, "<section id=\"scatter\"", "</section>");
    assert!(scatter.contains("Beyond 2,000 scored jobs, the jobs are grouped"));
    let dots = scatter.matches("<circle").count();
    assert!(dots > 0 && dots <= 2 * 51 * 51, "{dots} dots");
    assert!(scatter.contains(" jobs, "));
    // The explorer: the 2,000 most exposed of the 2,500, stated.
    let explore = between(&html, "<section id=\"explore\"", "</section>");
    assert_eq!(explore.matches("<tr data-d=").count(), 2_000);
    assert!(explore.contains("the table lists the 2,000 most exposed of the 2,500"));
    // Under 2,000 jobs, neither rule applies.
    let (_dir, roster) = temp_file("fewer.csv", many_jobs(300).as_bytes());
    let html = report(&roster, &[]);
    let scatter = between(&html, "<section id=\"scatter\"", "</section>");
    assert!(!scatter.contains("are grouped"));
    let explore = between(&html, "<section id=\"explore\"", "</section>");
    assert_eq!(explore.matches("<tr data-d=").count(), 300);
}

/// The parts of a workbook, by name.
fn parts(path: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).unwrap();
        out.insert(file.name().to_string(), text);
    }
    out
}

/// The value of attribute `name` in an XML start tag `tag` (its text, from `<` to `>`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Every start tag `<name ` or `<name>` or `<name/>` in `xml`.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find('>').unwrap();
        if after.starts_with([' ', '>', '/']) {
            out.push(&rest[i..i + open.len() + end + 1]);
        }
        rest = &after[end..];
    }
    out
}

#[test]
fn workbook_has_a_table_on_every_sheet_formats_on_every_figure_and_two_charts() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("rapport.xlsx");
    let roster = data("data/examples/ville-fictive.csv");
    crate::exposure()
        .args(["report", roster.to_str().unwrap(), "-o"])
        .arg(&book)
        .args(["--lang", "fr"])
        .assert()
        .success();
    let parts = parts(&book);
    let names: Vec<&str> = tags(&parts["xl/workbook.xml"], "sheet")
        .into_iter()
        .map(|t| attr(t, "name").unwrap())
        .collect();
    assert_eq!(
        names,
        ["Synthèse", "Directions", "Services", "Métiers", "Tâches"]
    );
    // The number formats of the cell styles (0 is General).
    let xfs = between(&parts["xl/styles.xml"], "<cellXfs", "</cellXfs>");
    let formats: Vec<u32> = tags(xfs, "xf")
        .into_iter()
        .map(|t| attr(t, "numFmtId").unwrap().parse().unwrap())
        .collect();
    let mut charts = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let sheet = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        let rels = &parts[&format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1)];
        // An Excel Table with filters and banded rows over the whole sheet.
        let table = rels
            .split("Target=\"../tables/")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap_or_else(|| panic!("no table on {name}"));
        let table = &parts[&format!("xl/tables/{table}")];
        let dimension = attr(tags(sheet, "dimension")[0], "ref").unwrap();
        assert_eq!(
            attr(tags(table, "table")[0], "ref"),
            Some(dimension),
            "{name}"
        );
        assert!(table.contains("<autoFilter ref="), "{name}: no filter");
        assert!(table.contains("showRowStripes=\"1\""), "{name}: no bands");
        // Every number under a number format other than General.
        let mut numbers = 0;
        for cell in tags(sheet, "c") {
            if attr(cell, "t").is_some() || cell.ends_with("/>") {
                continue;
            }
            numbers += 1;
            let style: usize = attr(cell, "s").map_or(0, |s| s.parse().unwrap());
            assert_ne!(formats[style], 0, "{name}: {cell} in General format");
        }
        assert!(numbers > 0, "{name}: no numbers");
        // The charts, each on its sheet.
        if let Some(drawing) = rels
            .split("Target=\"../drawings/")
            .nth(1)
            .and_then(|t| t.split('"').next())
        {
            let drels = &parts[&format!("xl/drawings/_rels/{drawing}.rels")];
            let chart = drels.split("Target=\"../charts/").nth(1).unwrap();
            let chart = &parts[&format!("xl/charts/{}", chart.split('"').next().unwrap())];
            charts.push((name.to_string(), chart.clone()));
        }
    }
    assert_eq!(charts.len(), 2, "two charts");
    let (sheet, chart) = &charts[0];
    assert_eq!(sheet, "Synthèse");
    assert!(chart.contains("<c:barDir val=\"col\"/>") && chart.contains("Agents par classe"));
    // Six classes, their counts in column B.
    assert!(chart.contains("<c:f>Synthèse!$B$15:$B$20</c:f>"), "{chart}");
    let (sheet, chart) = &charts[1];
    assert_eq!(sheet, "Directions");
    assert!(chart.contains("<c:barDir val=\"bar\"/>"));
    assert!(chart.contains("Directions par exposition moyenne"));
    // The directions (column A) against their mean (column G, "Moyenne").
    assert!(chart.contains("<c:f>Directions!$A$2:$A$12</c:f>"));
    assert!(chart.contains("<c:f>Directions!$G$2:$G$12</c:f>"));
    let directions = &parts["xl/worksheets/sheet2.xml"];
    assert!(
        directions.contains("<c r=\"G1\"") && parts["xl/sharedStrings.xml"].contains(">Moyenne<")
    );
}
