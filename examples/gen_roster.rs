//! Writes a realistic synthetic roster for benchmarks: directions, departments, jobs with a
//! headcount, filière and catégorie, and French task texts, some drawn from the rubric's own
//! vocabulary (its labels and patterns, so the matcher has work to do) and some that no rule is
//! meant to match. Deterministic: the same arguments always give the same bytes.
//!
//! ```text
//! cargo run --release --example gen_roster -- ROWS [--jobs N] [--groups N] [--distinct-titles N]
//!     [--free-text] [--rubric FILE] [--unmatched SHARE] [--seed N] > roster.csv
//! ```
//!
//! By default the number of jobs (direction × department × job title) is ROWS / 10, at most
//! 20,000: a very large authority, not one job per ten rows at any scale, so that a roster of
//! millions of rows measures the per-row cost rather than the size of the job tables.
//! `--jobs`, `--groups` (departments, by default one per 8 jobs) and `--distinct-titles` (by
//! default as many as the largest department has jobs) give the other shapes: a centre de
//! gestion's consolidated table, one department per job, one title per job. Titles past the
//! 24 base ones carry a made-up word (`Juriste zbk`) that title matching keeps, so that every
//! distinct title is also a distinct normalised title. `--free-text` ends each task text with
//! its line number (`… n123`), as a task inventory written by hand has a text of its own on
//! almost every row: no text repeats, and every unscored task is a text to keep.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use exposure::normalize::normalize;
use exposure::rubric::Rubric;

const DIRECTIONS: [&str; 12] = [
    "Direction générale des services",
    "Ressources humaines",
    "Finances et commande publique",
    "Systèmes d'information",
    "Affaires juridiques et assemblées",
    "Population et citoyenneté",
    "Éducation et enfance",
    "Solidarités et action sociale",
    "Culture et patrimoine",
    "Espace public et mobilités",
    "Bâtiments et énergie",
    "Sécurité et tranquillité publique",
];

const SERVICES: [&str; 16] = [
    "Accueil",
    "Gestion administrative",
    "Pilotage et qualité",
    "Moyens généraux",
    "Études et projets",
    "Relations aux usagers",
    "Secteur Nord",
    "Secteur Sud",
    "Secteur Est",
    "Secteur Ouest",
    "Centre-ville",
    "Exploitation",
    "Expertise et conseil",
    "Programmation",
    "Maintenance",
    "Coordination",
];

/// (job title, filière, catégorie)
const JOBS: [(&str, &str, &str); 24] = [
    ("Assistant(e) administratif(ve)", "Administrative", "C"),
    ("Gestionnaire comptable", "Administrative", "C"),
    ("Gestionnaire paie et carrière", "Administrative", "B"),
    ("Chargé(e) de mission", "Administrative", "A"),
    ("Responsable de service", "Administrative", "A"),
    ("Agent(e) d'accueil", "Administrative", "C"),
    ("Officier(ère) d'état civil", "Administrative", "C"),
    ("Juriste", "Administrative", "A"),
    ("Acheteur(se) public(que)", "Administrative", "B"),
    ("Chargé(e) de communication", "Administrative", "B"),
    ("Technicien(ne) informatique", "Technique", "B"),
    ("Jardinier(ère)", "Technique", "C"),
    ("Agent(e) de propreté urbaine", "Technique", "C"),
    ("Agent(e) de maintenance des bâtiments", "Technique", "C"),
    ("Chef(fe) d'équipe voirie", "Technique", "B"),
    ("Agent(e) de restauration", "Technique", "C"),
    ("ATSEM", "Médico-sociale", "C"),
    ("Travailleur(se) social(e)", "Médico-sociale", "A"),
    ("Conseiller(ère) en insertion", "Médico-sociale", "B"),
    ("Policier(ère) municipal(e)", "Police municipale", "C"),
    ("ASVP", "Police municipale", "C"),
    ("Médiateur(trice) culturel(le)", "Culturelle", "B"),
    ("Bibliothécaire", "Culturelle", "A"),
    ("Instructeur(trice) urbanisme", "Technique", "B"),
];

const VERBS: [&str; 8] = [
    "Assurer",
    "Gérer",
    "Participer à",
    "Contribuer à",
    "Organiser",
    "Suivre",
    "Prendre en charge",
    "Superviser",
];

const COMPLEMENTS: [&str; 10] = [
    "",
    "pour le service",
    "en lien avec les élus",
    "selon les procédures en vigueur",
    "au quotidien",
    "pour les usagers du territoire",
    "en relation avec les partenaires",
    "dans le respect des délais",
    "(tâche principale)",
    "– secteur de rattachement",
];

/// Tasks written so that no rule of a territorial rubric should recognise them.
const UNMATCHED: [&str; 24] = [
    "Conduire le véhicule de service lors des tournées",
    "Participer aux astreintes hivernales",
    "Veiller à la sécurité des personnes lors des manifestations",
    "Porter les colis lourds jusqu'aux étages",
    "Assurer la permanence du week-end",
    "Participer aux réunions d'équipe hebdomadaires",
    "Préparer les salles pour les cérémonies officielles",
    "Effectuer les déplacements sur les sites distants",
    "Tenir à jour la caisse de menue monnaie",
    "Se former aux nouveaux outils métier",
    "Représenter la collectivité lors des commémorations",
    "Contrôler l'état des véhicules et du matériel",
    "Garantir la continuité du service pendant l'été",
    "Rendre compte à la hiérarchie des incidents",
    "Appliquer les consignes d'hygiène et de sécurité",
    "Installer le matériel pour les fêtes de quartier",
    "Entretenir de bonnes relations avec les riverains",
    "Surveiller la cour pendant les récréations",
    "Ouvrir et fermer les équipements municipaux",
    "Réaliser des petits travaux de peinture",
    "Transporter les denrées entre les sites",
    "Gérer les clés et badges d'accès",
    "Vérifier la conformité des aires de jeux",
    "Participer au plan communal de sauvegarde",
];

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Args {
    rows: u64,
    jobs: Option<u64>,
    groups: Option<u64>,
    titles: Option<u64>,
    rubric: Option<String>,
    unmatched: f64,
    free_text: bool,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = Args {
        rows: 0,
        jobs: None,
        groups: None,
        titles: None,
        rubric: None,
        unmatched: 0.1,
        free_text: false,
        seed: 1,
    };
    let mut rows = None;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--jobs" => out.jobs = Some(value("--jobs")?.parse().map_err(|e| format!("{e}"))?),
            "--groups" => {
                out.groups = Some(value("--groups")?.parse().map_err(|e| format!("{e}"))?)
            }
            "--distinct-titles" => {
                out.titles = Some(
                    value("--distinct-titles")?
                        .parse()
                        .map_err(|e| format!("{e}"))?,
                )
            }
            "--rubric" => out.rubric = Some(value("--rubric")?),
            "--unmatched" => {
                out.unmatched = value("--unmatched")?.parse().map_err(|e| format!("{e}"))?
            }
            "--free-text" => out.free_text = true,
            "--seed" => out.seed = value("--seed")?.parse().map_err(|e| format!("{e}"))?,
            _ if rows.is_none() => {
                rows = Some(
                    a.replace('_', "")
                        .parse()
                        .map_err(|e| format!("ROWS: {e}"))?,
                )
            }
            _ => return Err(format!("unexpected argument {a:?}")),
        }
    }
    out.rows = rows.ok_or("missing ROWS")?;
    Ok(out)
}

/// Task texts from the rubric: each rule's label (when the rubric recognises it) and each
/// alternative's positive terms, behind a verb and before a complement.
fn matched_texts(rubric: &Rubric) -> Vec<String> {
    let mut bases = Vec::new();
    for rule in &rubric.rules {
        if rubric.best(&rule.label).is_some() {
            bases.push(rule.label.to_lowercase());
        }
        for alt in &rule.alternatives {
            let (positive, _) = alt.terms();
            let words: Vec<&str> = positive.iter().map(|t| t.word.as_str()).collect();
            bases.push(words.join(" "));
        }
    }
    let mut texts = Vec::new();
    for (i, base) in bases.iter().enumerate() {
        for (j, verb) in VERBS.iter().enumerate() {
            let complement = COMPLEMENTS[(i + j) % COMPLEMENTS.len()];
            let text = format!("{verb} {base} {complement}").trim().to_string();
            if rubric.best(&text).is_some() {
                texts.push(text);
            }
        }
    }
    texts
}

fn unmatched_texts(rubric: &Rubric) -> Vec<String> {
    let mut texts = Vec::new();
    for base in UNMATCHED {
        for complement in COMPLEMENTS {
            let text = format!("{base} {complement}").trim().to_string();
            if rubric.matches(&normalize(&text)).is_empty() {
                texts.push(text);
            }
        }
    }
    texts
}

/// A made-up word for `n` ≥ 1: `z` then `n` in base 17 written with consonants other than `s`
/// and `x`, so that title matching keeps it whole (no stop word, plural or feminine ending).
fn title_word(mut n: u64) -> String {
    const DIGITS: &[u8; 17] = b"bcdfghjklmnpqrtvw";
    let mut word = String::from("z");
    while n > 0 {
        word.push(DIGITS[(n % 17) as usize] as char);
        n /= 17;
    }
    word
}

fn run(args: Args) -> Result<(), String> {
    let rubric = match &args.rubric {
        None => Rubric::builtin(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Rubric::parse(&text, path).map_err(|e| e.to_string())?
        }
    };
    let matched = matched_texts(&rubric);
    let unmatched = unmatched_texts(&rubric);
    if matched.is_empty() || unmatched.is_empty() {
        return Err("the rubric leaves no matched or no unmatched task text to draw from".into());
    }
    let jobs = args
        .jobs
        .unwrap_or((args.rows / 10).clamp(1, 20_000))
        .clamp(1, args.rows.max(1));
    // Jobs are spread over the departments in turn, departments over the directions.
    let departments = args.groups.unwrap_or(jobs.div_ceil(8));
    if !(1..=jobs).contains(&departments) {
        return Err(format!("--groups must be between 1 and the {jobs} jobs"));
    }
    // The p-th job of department d has the title (d × per_department + p) mod titles: distinct
    // within its department (so that no two jobs merge), every title used.
    let per_department = jobs.div_ceil(departments);
    let titles = args.titles.unwrap_or(per_department);
    if !(per_department..=jobs).contains(&titles) {
        return Err(format!(
            "--distinct-titles must be between {per_department} (the jobs of the largest department) and the {jobs} jobs"
        ));
    }
    // The shape, for the benchmark scripts (stderr: the roster is on stdout).
    eprintln!(
        "gen_roster: {} rows, {jobs} jobs, {departments} departments, {titles} distinct titles{}",
        args.rows,
        if args.free_text {
            ", free-text tasks"
        } else {
            ""
        }
    );
    let mut rng = Rng(args.seed);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let io = |e: io::Error| e.to_string();
    writeln!(
        out,
        "Direction;Service;Métier;Effectif;Filière;Catégorie;Tâche;Part du temps"
    )
    .map_err(io)?;
    let mut line = 1;
    for j in 0..jobs {
        let dept = j % departments;
        let direction = DIRECTIONS[(dept % DIRECTIONS.len() as u64) as usize];
        let service = SERVICES[((dept / DIRECTIONS.len() as u64) % SERVICES.len() as u64) as usize];
        let round = dept / (DIRECTIONS.len() * SERVICES.len()) as u64;
        let k = (dept * per_department + j / departments) % titles;
        let (title, filiere, categorie) = JOBS[(k % JOBS.len() as u64) as usize];
        let repeat = k / JOBS.len() as u64;
        let headcount = 1 + rng.below(40);
        let rows = args.rows / jobs + u64::from(j < args.rows % jobs);
        for _ in 0..rows {
            line += 1;
            let task = if rng.chance(args.unmatched) {
                &unmatched[rng.below(unmatched.len())]
            } else {
                &matched[rng.below(matched.len())]
            };
            let weight = match rng.below(5) {
                0 => String::new(),
                k => format!("0,{}", k * 5),
            };
            write!(out, "{direction};{service}").map_err(io)?;
            if round > 0 {
                write!(out, " {}", round + 1).map_err(io)?;
            }
            write!(out, ";{title}").map_err(io)?;
            if repeat > 0 {
                write!(out, " {}", title_word(repeat)).map_err(io)?;
            }
            write!(out, ";{headcount};{filiere};{categorie};{task}").map_err(io)?;
            if args.free_text {
                write!(out, " n{line}").map_err(io)?;
            }
            writeln!(out, ";{weight}").map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_roster: {e}");
            eprintln!(
                "usage: gen_roster ROWS [--jobs N] [--groups N] [--distinct-titles N] [--free-text] [--rubric FILE] [--unmatched SHARE] [--seed N] > roster.csv"
            );
            ExitCode::from(2)
        }
    }
}
