//! The output side: arbitrary names (direction, department, job, task; controls, escapes,
//! line breaks, bidi overrides, markup) through the whole pipeline and every format. Terminal
//! tables and Markdown carry no character a terminal or a CI log acts on and no line that
//! starts a workflow command; JSON parses and gives the names back as they were; CSV parses
//! with one field count; HTML renders; nothing panics.

#![no_main]

use exposure::cli::Level;
use exposure::i18n::Lang;
use exposure::render;
use libfuzzer_sys::fuzz_target;

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn assert_inert(text: &str, what: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !exposure::sanitize::is_unsafe(c),
            "{what}: {c:?} reaches the terminal"
        );
    }
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("::")),
        "{what}: a line starts a workflow command"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut names = text.split('\u{1f}').map(str::trim);
    let mut next = |default: &str| {
        names
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or(default)
            .to_string()
    };
    let (direction, department, job, task) = (next("D"), next("S"), next("Agent"), next("Saisir"));
    let roster = format!(
        "Direction;Service;Métier;Effectif;Tâche;Exposition\n{};{};{};3;{};0,5\n{};{};{};3;Piloter un drone;\n",
        quoted(&direction),
        quoted(&department),
        quoted(&job),
        quoted(&task),
        quoted(&direction),
        quoted(&department),
        quoted(&job),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.csv");
    std::fs::write(&path, roster).unwrap();
    let options = exposure::analysis::Options {
        method: exposure::classify::Method::Wp140,
        by: Vec::new(),
        keep_tasks: true,
        check: false,
        isco_map: None,
        sheet: None,
    };
    let mut warnings = Vec::new();
    let rubric = exposure::rubric::Rubric::builtin();
    let analysis = match exposure::analysis::analyze(
        &[path.display().to_string()],
        &rubric,
        &options,
        &mut |w| warnings.push(w),
    ) {
        Ok(a) => a,
        // A name the reader refuses (e.g. one that trims to nothing) is an input error.
        Err(_) => return,
    };
    for w in &warnings {
        assert_inert(&exposure::sanitize::for_terminal(w), "warning");
    }
    let levels = [Level::Summary, Level::Direction, Level::Department, Level::Job, Level::Task];
    for lang in [Lang::En, Lang::Fr] {
        let mut out = Vec::new();
        render::table::render(&analysis, &levels, lang, &mut out, false).unwrap();
        assert_inert(&String::from_utf8(out).unwrap(), "table");
        let mut out = Vec::new();
        render::markdown::render(&analysis, &levels, lang, &mut out).unwrap();
        assert_inert(&String::from_utf8(out).unwrap(), "markdown");
        let mut out = Vec::new();
        render::json::render(&analysis, &levels, lang, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let jobs = doc["jobs"].as_array().unwrap();
        assert!(jobs.iter().any(|j| j["job"].as_str().is_some()));
        let mut out = Vec::new();
        render::csv::render(&analysis, &levels, &mut out).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(&out[..]);
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), width);
        }
        let mut out = Vec::new();
        render::html::render(&analysis, lang, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>alert"));
    }
    let bytes = render::xlsx::to_bytes(&analysis, &levels, Lang::Fr).unwrap();
    assert!(bytes.starts_with(b"PK"));
});
