//! A budget document's two group levels are its status and its filière: every output for a
//! person names them so (in English and French, with French agreement), the JSON keys stay
//! `direction` and `department` and say what they are in `levels`.

use calamine::{Data, Reader, open_workbook_auto};

use crate::{data, exposure, json, stdout};

const EXAMPLE: &str = "data/examples/budget/CA_2022.xml";
const NNBSP: char = '\u{202f}';

fn example() -> String {
    data(EXAMPLE).to_string_lossy().into_owned()
}

/// The header cells of the tables of a terminal output (the lines between `┌` and `╞`).
fn table_headers(text: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut headers = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('┌') {
            let cells = lines[i + 1]
                .trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect();
            headers.push(cells);
        }
    }
    headers
}

#[test]
fn the_terminal_names_statuses_and_filieres() {
    let file = example();
    let cases = [
        (
            "en",
            "Most exposed statuses: ",
            ["Statuses", "Filières"],
            ["Status", "Filière", "Job"],
        ),
        (
            "fr",
            "Statuts les plus exposés\u{202f}: ",
            ["Statuts", "Filières"],
            ["Statut", "Filière", "Métier"],
        ),
    ];
    for (lang, most, titles, [status, filiere, job]) in cases {
        let out = stdout(&["score", &file, "--lang", lang]);
        let list = match lang {
            "en" => "Titulaires (0.27), Non titulaires (0.23)",
            _ => "Titulaires (0,27), Non titulaires (0,23)",
        };
        assert!(out.contains(&format!("  {most}{list}.\n")), "{out}");
        for title in titles {
            assert!(out.contains(&format!("\n{title}\n")), "{title}: {out}");
        }
        let headers = table_headers(&out);
        assert_eq!(headers[1][0], status);
        assert_eq!(headers[2][..2], [status, filiere]);
        assert_eq!(headers[3][..3], [status, filiere, job]);
        let unwanted = [
            "Direction",
            "Directions",
            "Department",
            "Departments",
            "Service",
            "Services",
        ];
        for h in headers.iter().flatten() {
            assert!(!unwanted.contains(&h.as_str()), "{h}");
        }
        for line in out.lines().filter(|l| !l.starts_with('│')) {
            assert!(!unwanted.contains(&line), "{line}");
        }
    }
}

/// A narrow terminal leaves the filière out of the jobs table, as it leaves a department out.
#[test]
fn a_narrow_table_leaves_the_filiere_out_before_the_job() {
    let out = stdout(&["score", &example(), "--width", "80", "--level", "job"]);
    let headers = table_headers(&out);
    assert!(headers[0].contains(&"Job".to_string()), "{out}");
    assert!(!headers[0].contains(&"Filière".to_string()), "{out}");
    assert!(
        out.contains("Filière"),
        "the note names the column left out: {out}"
    );
}

/// A filière found under both statuses keeps its status beside it in a narrow table, and the
/// jobs table keeps the status a job is under, not its filière: rows never read alike.
#[test]
fn a_narrow_table_keeps_the_level_that_tells_rows_apart() {
    let out = stdout(&["score", &example(), "--width", "80", "--lang", "fr"]);
    let headers = table_headers(&out);
    assert_eq!(headers[2][..2], ["Statut", "Filière"], "{out}");
    let jobs = stdout(&["score", &example(), "--width", "80", "--level", "job"]);
    assert_eq!(table_headers(&jobs)[0][..2], ["Status", "Job"], "{jobs}");
}

#[test]
fn markdown_and_csv_name_statuses_and_filieres() {
    let file = example();
    let md = stdout(&["score", &file, "--format", "markdown", "--lang", "fr"]);
    assert!(
        md.contains(&format!(
            "- Statuts les plus exposés{NNBSP}: Titulaires (0,27)"
        )),
        "{md}"
    );
    assert!(md.contains("\n## Statuts\n\n| Statut | Agents |"), "{md}");
    assert!(
        md.contains("\n## Filières\n\n| Statut | Filière | Agents |"),
        "{md}"
    );
    assert!(md.contains("\n| Statut | Filière | Métier |"), "{md}");
    let md = stdout(&["score", &file, "--format", "markdown"]);
    assert!(md.contains("\n## Statuses\n\n| Status | Agents |"), "{md}");
    assert!(md.contains("- Most exposed statuses: Titulaires"), "{md}");

    // The French CSV is for a person; the English one keeps the JSON keys, for scripts.
    let fr = stdout(&["score", &file, "--format", "csv", "--lang", "fr"]);
    assert!(fr.starts_with("niveau,statut,filière,"), "{fr}");
    let en = stdout(&["score", &file, "--format", "csv"]);
    assert!(en.starts_with("level,direction,department,"), "{en}");
    let jobs = stdout(&["jobs", &file, "--format", "csv", "--lang", "fr"]);
    assert!(
        jobs.starts_with("classe,libellé_classe,statut,filière,métier,"),
        "{jobs}"
    );
}

#[test]
fn json_keeps_its_keys_and_says_what_the_levels_are() {
    let doc = json(&["score", &example(), "--format", "json"]);
    assert_eq!(
        doc["levels"],
        serde_json::json!({"direction": "status", "department": "filiere"})
    );
    assert_eq!(doc["directions"][0]["direction"], "Titulaires");
    assert!(doc["departments"][0]["department"].is_string());
    assert_eq!(
        doc["headline"][4],
        "Most exposed statuses: Titulaires (0.27), Non titulaires (0.23)."
    );
    let roster = data("data/examples/commune.csv");
    let doc = json(&["score", roster.to_str().unwrap(), "--format", "json"]);
    assert!(doc.get("levels").is_none());
}

#[test]
fn the_report_and_workbook_name_statuses_and_filieres() {
    let file = example();
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str, lang: &str| {
        let path = dir.path().join(name);
        let p = path.to_str().unwrap();
        exposure()
            .args(["report", &file, "--output", p, "--lang", lang])
            .assert()
            .success();
        path
    };
    let fr = std::fs::read_to_string(out("fr.html", "fr")).unwrap();
    for wanted in [
        "<h2>Les filières les plus exposées</h2>".to_string(),
        "<th>Filière</th><th>Statut</th>".to_string(),
        "<label>Statut<select id=\"x-d\">".to_string(),
        "choisissez un statut ou une classe".to_string(),
        format!("<li>Statuts les plus exposés{NNBSP}: Titulaires"),
        "<p>Une filière, un statut ou la collectivité a pour moyenne".to_string(),
        "pour toute la collectivité puis par statut,".to_string(),
        format!("Les 10 premières des 14 filières{NNBSP}; toutes figurent"),
    ] {
        assert!(fr.contains(&wanted), "{wanted}");
    }
    for unwanted in [
        ">Direction<",
        ">Service<",
        "services les plus",
        "une direction",
    ] {
        assert!(!fr.contains(unwanted), "{unwanted}");
    }
    let en = std::fs::read_to_string(out("en.html", "en")).unwrap();
    for wanted in [
        "<h2>The most exposed filières</h2>",
        "<th>Filière</th><th>Status</th>",
        "choose a status or a class",
        "<li>Most exposed statuses: Titulaires",
        "<p>A filière, a status or the whole authority has the mean",
        "The first 10 of 14 filières;",
    ] {
        assert!(en.contains(wanted), "{wanted}");
    }

    let mut workbook = open_workbook_auto(out("fr.xlsx", "fr")).unwrap();
    let names = workbook.sheet_names();
    assert!(names.contains(&"Statuts".to_string()), "{names:?}");
    assert!(names.contains(&"Filières".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n == "Directions" || n == "Services"));
    let header = |wb: &mut calamine::Sheets<_>, sheet: &str| -> Vec<String> {
        let range = wb.worksheet_range(sheet).unwrap();
        range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(Data::to_string)
            .collect()
    };
    assert_eq!(header(&mut workbook, "Statuts")[0], "Statut");
    assert_eq!(
        header(&mut workbook, "Filières")[..2],
        ["Statut", "Filière"]
    );
    assert_eq!(header(&mut workbook, "Métiers")[..2], ["Statut", "Filière"]);
    let mut workbook = open_workbook_auto(out("en.xlsx", "en")).unwrap();
    assert!(workbook.sheet_names().contains(&"Statuses".to_string()));
    assert_eq!(
        header(&mut workbook, "Filières")[..2],
        ["Status", "Filière"]
    );
}

/// A roster in CSV keeps its directions and departments (services).
#[test]
fn a_csv_roster_keeps_directions_and_departments() {
    let roster = data("data/examples/commune.csv");
    let roster = roster.to_str().unwrap();
    let fr = stdout(&["score", roster, "--lang", "fr"]);
    assert!(fr.contains("Directions les plus exposées"), "{fr}");
    let headers = table_headers(&fr);
    assert_eq!(headers[2][..2], ["Direction", "Service"]);
    let en = stdout(&["score", roster, "--format", "markdown"]);
    assert!(en.contains("- Most exposed directions: "), "{en}");
    assert!(
        en.contains("\n## Departments\n\n| Direction | Department |"),
        "{en}"
    );
}

/// `check --baseline` names a status or a filière that came or went, in agreement.
#[test]
fn check_names_the_status_or_filiere_that_came() {
    let file = example();
    let mut baseline = json(&["score", &file, "--format", "json"]);
    let status = baseline["directions"][0]["direction"].clone();
    let department = baseline["departments"][0].clone();
    let place = format!(
        "{} / {}",
        department["direction"].as_str().unwrap(),
        department["department"].as_str().unwrap()
    );
    baseline["directions"].as_array_mut().unwrap().remove(0);
    baseline["departments"].as_array_mut().unwrap().remove(0);
    let (_dir, path) = crate::temp_file("b.json", baseline.to_string().as_bytes());
    let check = |lang: &str| {
        let out = exposure()
            .args(["check", &file, "--lang", lang, "--baseline"])
            .arg(&path)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let fr = check("fr");
    let status = status.as_str().unwrap();
    assert!(
        fr.contains(&format!("statut ajouté{NNBSP}: {status}\n")),
        "{fr}"
    );
    assert!(
        fr.contains(&format!("filière ajoutée{NNBSP}: {place}\n")),
        "{fr}"
    );
    let en = check("en");
    assert!(en.contains(&format!("status added: {status}\n")), "{en}");
    assert!(en.contains(&format!("filière added: {place}\n")), "{en}");
}
