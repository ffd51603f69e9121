//! Budget documents (`DocumentBudgetaire`, the national XML format of French local budgets,
//! also found wrapped in a compte financier unique): the staff annex (`DATA_PERSONNEL`) turned
//! into CSV bytes that the roster loader reads like any roster, as `sheet` does for workbooks.
//!
//! Each CSV record sits on the line of the XML file where the first `PERSONNEL` element it sums
//! starts, so what the loader and the later stages say about a job names the XML line.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use encoding_rs::Encoding;
use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use serde::Serialize;

use crate::error::InputError;
use crate::messages;

/// The namespace of `DocumentBudgetaire`.
pub const NAMESPACE: &str = "http://www.minefi.gouv.fr/cp/demat/docbudgetaire";

/// The documents `NatDec` names: code, abbreviation, name.
const NATURES: [(&str, &str, &str); 5] = [
    ("01", "BP", "budget primitif"),
    ("02", "DM", "décision modificative"),
    ("03", "BS", "budget supplémentaire"),
    ("09", "CA", "compte administratif"),
    ("10", "CFU", "compte financier unique"),
];

/// The filières `CodSectAgentTitulaire` names: code, French name. The emplois fonctionnels
/// (DIR1–4) are named after the grades the published annexes put under them.
pub const FILIERES: [(&str, &str); 15] = [
    ("ADM", "Filière administrative"),
    ("TECH", "Filière technique"),
    ("ANIM", "Filière animation"),
    ("S", "Filière sociale"),
    ("MS", "Filière médico-sociale"),
    ("MT", "Filière médico-technique"),
    ("POL", "Filière police municipale"),
    ("SP", "Filière sportive"),
    ("CULT", "Filière culturelle"),
    ("URB", "Urbanisme"),
    (
        "DIR1",
        "Emploi fonctionnel de direction générale des services",
    ),
    ("DIR2", "Emploi fonctionnel de direction générale adjointe"),
    ("DIR3", "Emplois de cabinet"),
    (
        "DIR4",
        "Emploi fonctionnel de direction des services techniques",
    ),
    ("X", "Hors filière"),
];

/// Where the annex gives no filière.
const NO_FILIERE: &str = "Filière non précisée";

/// `CodTypAgent`: code, the name of the annex's part.
const STATUSES: [(&str, &str); 2] = [("I", "Titulaires"), ("N", "Non titulaires")];

/// The columns of the CSV handed to the loader: direction and department are the annex's own
/// two levels (status, then filière); the others are job attributes, usable with `--by`.
const HEADER: [&str; 12] = [
    "Direction",
    "Service",
    "Emploi",
    "Effectif",
    "Statut",
    "Filière",
    "Catégorie",
    "Temps de travail",
    "Emploi permanent",
    "Nature du contrat",
    "Motif du contrat",
    "Emplois budgétaires",
];

/// What a budget document says about itself: shown in every output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// `LibelleColl`.
    pub authority: String,
    /// `IdColl` (SIRET).
    pub authority_id: String,
    /// `LibelleEtab`: the budget (principal or annexe).
    pub budget: String,
    /// `NatDec`, as written.
    pub nature_code: String,
    /// BP, BS, DM, CA, CFU (the code itself when unknown).
    pub nature: String,
    /// The document's French name.
    pub nature_label: String,
    /// `NumDec`: the number of a décision modificative.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// `Exer`.
    pub year: String,
}

impl Document {
    /// "compte administratif 2019", "décision modificative n° 2 2021".
    pub fn name(&self) -> String {
        let mut s = self.nature_label.clone();
        if !self.number.is_empty() {
            s.push_str(&format!(" n°\u{a0}{}", self.number));
        }
        if !self.year.is_empty() {
            s.push(' ');
            s.push_str(&self.year);
        }
        s
    }

    /// "CA 2019", "DM2 2021": short, for a column heading.
    pub fn short(&self) -> String {
        format!("{}{} {}", self.nature, self.number, self.year)
            .trim()
            .to_string()
    }

    /// The line naming the document in every output: authority, its SIRET, the document.
    pub fn title(&self) -> String {
        let mut s = self.authority.clone();
        if !self.authority_id.is_empty() {
            s.push_str(&format!(" (SIRET {})", self.authority_id));
        }
        format!("{s} — {}", self.name())
    }
}

/// A budget document read as a roster.
#[derive(Debug, Clone)]
pub struct Read {
    pub document: Document,
    /// Line N of the CSV is line N of the XML file.
    pub csv: Vec<u8>,
    /// `PERSONNEL` elements read.
    pub lines: usize,
    /// The encoding the file was read in.
    pub encoding: &'static str,
}

/// Whether the file at `path` is to be read as XML: named `.xml`, or starting (after a byte
/// order mark and blanks) with `<`. A roster in CSV never starts with `<`.
pub fn is_xml(path: &str) -> bool {
    if path == "-" {
        return false;
    }
    let named = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    if named {
        return true;
    }
    let mut head = [0u8; 64];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = head[..n]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&head[..n]);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Reads the budget document at `path`.
pub fn read(path: &Path, warn: &mut dyn FnMut(String)) -> Result<Read, InputError> {
    let file = path.display().to_string();
    crate::output::note_input(path);
    let bytes =
        std::fs::read(path).map_err(|e| InputError::file(&file, messages::cannot_open(&e)))?;
    let (text, encoding) = decode(&file, &bytes)?;
    let mut read = parse(&file, &text, warn)?;
    // Spelled as the CSV loader reports it; ISO-8859-1 is read as its superset, Windows-1252.
    read.encoding = match encoding {
        "windows-1252" => "Windows-1252",
        other => other,
    };
    Ok(read)
}

/// The text of the file in the encoding its XML declaration names (UTF-8 when it names none),
/// or that its byte order mark shows.
fn decode(file: &str, bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(not_in(file, bytes, encoding.name()));
        }
        return Ok((text.into_owned(), encoding.name()));
    }
    let declared = declared_encoding(bytes);
    let encoding = match &declared {
        None => encoding_rs::UTF_8,
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            // A declaration read in ASCII cannot name a 16-bit encoding truthfully.
            Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                return Err(InputError::at(
                    file,
                    1,
                    messages::xml_declares_16_bit(label),
                ));
            }
            Some(e) => e,
            None => {
                return Err(InputError::at(
                    file,
                    1,
                    messages::xml_unknown_encoding(label),
                ));
            }
        },
    };
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        return Err(not_in(file, bytes, encoding.name()));
    }
    Ok((text.into_owned(), encoding.name()))
}

/// The error for bytes that are not in the encoding declared: names the first bad line.
fn not_in(file: &str, bytes: &[u8], encoding: &str) -> InputError {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..valid]).count() as u64;
    InputError::at(file, line, messages::xml_not_in_encoding(encoding))
}

/// The `encoding` of the XML declaration, if the file starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Line numbers of byte offsets, for offsets that only grow.
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> u64 {
        let offset = (offset as usize).min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.offset..offset]).count() as u64;
        self.offset = offset;
        self.line
    }
}

/// One `PERSONNEL` element: its line and its children's `V` values (with their lines).
#[derive(Default)]
struct Personnel {
    line: u64,
    values: HashMap<String, (String, u64)>,
}

/// Jobs summed from the annex's lines, keyed by status, filière and label.
struct Job {
    line: u64,
    status: String,
    filiere: String,
    label: String,
    filled: f64,
    budgeted: f64,
    categories: Vec<String>,
    time: Vec<String>,
    permanent: Vec<String>,
    contract: Vec<String>,
    reason: Vec<String>,
}

fn parse(file: &str, text: &str, warn: &mut dyn FnMut(String)) -> Result<Read, InputError> {
    let mut reader = NsReader::from_str(text);
    let mut lines = Lines {
        text: text.as_bytes(),
        offset: 0,
        line: 1,
    };
    // Local names of the open elements, with their lines.
    let mut stack: Vec<(String, u64)> = Vec::new();
    let mut root: Option<(String, u64)> = None;
    // The depth of the `DocumentBudgetaire` element, once open.
    let mut doc_depth: Option<usize> = None;
    let mut doc_line = 0;
    let mut docs = 0;
    let mut header: HashMap<String, String> = HashMap::new();
    let mut annex_line: Option<u64> = None;
    let mut personnel: Option<Personnel> = None;
    let mut found: Vec<Personnel> = Vec::new();
    loop {
        let start = reader.buffer_position();
        let event = reader.read_resolved_event();
        let line = lines.at(start);
        let (ns, event) = match event {
            Ok(e) => e,
            Err(e) => {
                let at = reader.buffer_position();
                let line = lines.at(at);
                let truncated = at as usize >= text.len() && root.is_some();
                let message = messages::xml_malformed(truncated, &e);
                return Err(InputError::at(file, line, message));
            }
        };
        let in_ns = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == NAMESPACE.as_bytes());
        let (element, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if let Some((name, _)) = stack.pop() {
                    if Some(stack.len()) == doc_depth {
                        doc_depth = None;
                    }
                    if name == "PERSONNEL" {
                        if let Some(p) = personnel.take() {
                            found.push(p);
                        }
                    }
                }
                continue;
            }
            Event::Text(t) => {
                if root.is_none() && !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(not_xml(file, line));
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
        if root.is_none() {
            root = Some((name.clone(), line));
        }
        if name == "DocumentBudgetaire" && in_ns {
            docs += 1;
            if docs > 1 {
                return Err(InputError::at(file, line, messages::xml_second_document()));
            }
            doc_depth = Some(stack.len());
            doc_line = line;
        } else if doc_depth.is_some() {
            let parent = stack.last().map(|(n, _)| n.as_str()).unwrap_or("");
            let grandparent = stack
                .len()
                .checked_sub(2)
                .map(|i| stack[i].0.as_str())
                .unwrap_or("");
            match (name.as_str(), parent) {
                ("DATA_PERSONNEL", _) => {
                    annex_line.get_or_insert(line);
                }
                ("PERSONNEL", "DATA_PERSONNEL") => {
                    personnel = Some(Personnel {
                        line,
                        ..Personnel::default()
                    });
                }
                (_, "PERSONNEL") if grandparent == "DATA_PERSONNEL" => {
                    if let Some(p) = personnel.as_mut() {
                        let v = value(file, line, &element, reader.decoder())?;
                        p.values.entry(name.clone()).or_insert((v, line));
                    }
                }
                ("LibelleColl" | "IdColl", "EnTeteDocBudgetaire")
                | ("LibelleEtab", "EnTeteBudget")
                | ("NatDec" | "NumDec" | "Exer", "BlocBudget") => {
                    let v = value(file, line, &element, reader.decoder())?;
                    header.entry(name.clone()).or_insert(v);
                }
                _ => {}
            }
        }
        if !empty {
            stack.push((name, line));
        }
    }
    let Some((root_name, root_line)) = root else {
        return Err(not_xml(file, 1));
    };
    if let Some((name, line)) = stack.last() {
        return Err(InputError::at(
            file,
            lines.at(text.len() as u64),
            messages::xml_ends_inside(name, *line),
        ));
    }
    if docs == 0 && root_name == "DocumentBudgetaire" {
        return Err(InputError::at(
            file,
            root_line,
            messages::xml_outside_namespace(NAMESPACE),
        ));
    }
    if docs == 0 {
        return Err(InputError::at(
            file,
            root_line,
            messages::xml_not_budget(&root_name, NAMESPACE),
        ));
    }
    let Some(annex_line) = annex_line else {
        return Err(InputError::at(file, doc_line, messages::no_staff_annex()));
    };
    if found.is_empty() {
        return Err(InputError::at(file, annex_line, messages::no_personnel()));
    }
    let document = document(&header);
    let lines = found.len();
    let jobs = sum(file, found, warn)?;
    Ok(Read {
        document,
        csv: to_csv(&jobs),
        lines,
        encoding: "UTF-8",
    })
}

fn not_xml(file: &str, line: u64) -> InputError {
    InputError::at(file, line, messages::not_xml())
}

/// The `V` attribute of an element (its value in this format), unescaped.
fn value(file: &str, line: u64, e: &BytesStart, decoder: Decoder) -> Result<String, InputError> {
    let attr = e
        .try_get_attribute("V")
        .map_err(|err| InputError::at(file, line, messages::xml_bad_attributes(&err)))?;
    match attr {
        None => Ok(String::new()),
        Some(a) => a
            .decode_and_unescape_value(decoder)
            .map(|v| v.into_owned())
            .map_err(|err| InputError::at(file, line, messages::xml_bad_value(&err))),
    }
}

fn document(header: &HashMap<String, String>) -> Document {
    let get = |k: &str| {
        header
            .get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let code = get("NatDec");
    let (nature, nature_label) = NATURES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, short, name)| (short.to_string(), name.to_string()))
        .unwrap_or_else(|| match code.as_str() {
            "" => (String::new(), "document budgétaire".to_string()),
            _ => (code.clone(), format!("document budgétaire (NatDec {code})")),
        });
    Document {
        authority: get("LibelleColl"),
        authority_id: get("IdColl"),
        budget: get("LibelleEtab"),
        nature_code: code,
        nature,
        nature_label,
        number: get("NumDec"),
        year: get("Exer"),
    }
}

/// The French name of a filière code (the code itself when unknown).
pub fn filiere_name(code: &str) -> String {
    if code.is_empty() {
        return NO_FILIERE.to_string();
    }
    FILIERES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| format!("Filière {code}"))
}

/// A number of agents or posts: a non-negative decimal; `None` when absent or empty.
fn count(file: &str, p: &Personnel, field: &str) -> Result<Option<f64>, InputError> {
    let Some((raw, line)) = p.values.get(field) else {
        return Ok(None);
    };
    if raw.trim().is_empty() {
        return Ok(None);
    }
    match crate::load::parse_number(raw) {
        Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
        _ => Err(InputError::at(file, *line, messages::bad_fte(field, raw))),
    }
}

/// `true`/`false` or `1`/`0`, as the annex writes them, named.
fn flag(file: &str, p: &Personnel, field: &str, names: (&str, &str)) -> Result<String, InputError> {
    let Some((raw, line)) = p.values.get(field) else {
        return Ok(String::new());
    };
    match raw.trim() {
        "" => Ok(String::new()),
        "true" | "1" => Ok(names.0.to_string()),
        "false" | "0" => Ok(names.1.to_string()),
        other => Err(InputError::at(
            file,
            *line,
            messages::bad_flag(field, other),
        )),
    }
}

/// Sums the annex's lines into jobs, one per label within a status and a filière, in the order
/// of their first line.
fn sum(
    file: &str,
    found: Vec<Personnel>,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<Job>, InputError> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut no_count = 0;
    for p in found {
        let get = |k: &str| {
            p.values
                .get(k)
                .map(|(v, _)| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        let label = get("EmploiGradeAgent");
        if label.is_empty() {
            return Err(InputError::at(file, p.line, messages::no_grade_label()));
        }
        let code = get("CodTypAgent");
        let status = STATUSES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| {
                if code.is_empty() {
                    "Statut non précisé".to_string()
                } else {
                    format!("Statut {code}")
                }
            });
        let filiere = filiere_name(&get("CodSectAgentTitulaire"));
        let filled = count(file, &p, "EffectifPourvu")?;
        let budgeted = count(file, &p, "EffectifBud")?;
        if filled.is_none() {
            no_count += 1;
        }
        let time = flag(
            file,
            &p,
            "TempsComplet",
            ("Temps complet", "Temps non complet"),
        )?;
        let permanent = flag(file, &p, "Permanent", ("Permanent", "Non permanent"))?;
        let key = (status.clone(), filiere.clone(), label.clone());
        let i = *index.entry(key).or_insert_with(|| {
            jobs.push(Job {
                line: p.line,
                status,
                filiere,
                label,
                filled: 0.0,
                budgeted: 0.0,
                categories: Vec::new(),
                time: Vec::new(),
                permanent: Vec::new(),
                contract: Vec::new(),
                reason: Vec::new(),
            });
            jobs.len() - 1
        });
        let job = &mut jobs[i];
        job.filled += filled.unwrap_or(0.0);
        job.budgeted += budgeted.unwrap_or(0.0);
        for (list, value) in [
            (&mut job.categories, get("CodCatAgent")),
            (&mut job.time, time),
            (&mut job.permanent, permanent),
            (&mut job.contract, get("NatureContrat")),
            (&mut job.reason, get("CodMotifContrAgent")),
        ] {
            if !value.is_empty() && !list.contains(&value) {
                list.push(value);
            }
        }
    }
    if no_count > 0 {
        let lang = crate::messages::lang();
        let text = crate::messages::no_posts_filled(lang, no_count);
        warn(crate::messages::in_file(lang, file, &text));
    }
    Ok(jobs)
}

/// The CSV the loader reads: the header on line 1, each job on the line of its first
/// `PERSONNEL` (the next free line when several elements share a line).
fn to_csv(jobs: &[Job]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    // Writes to a Vec cannot fail.
    let _ = w.write_record(HEADER);
    let _ = w.flush();
    let mut out = w.into_inner().unwrap_or_default();
    let mut line = 1;
    for job in jobs {
        while line + 1 < job.line {
            out.push(b'\n');
            line += 1;
        }
        line += 1;
        let joined = |list: &[String]| {
            let mut list = list.to_vec();
            list.sort();
            list.join(", ")
        };
        let record = [
            job.status.clone(),
            job.filiere.clone(),
            job.label.clone(),
            crate::sheet::number(job.filled),
            job.status.clone(),
            job.filiere.clone(),
            joined(&job.categories),
            joined(&job.time),
            joined(&job.permanent),
            joined(&job.contract),
            joined(&job.reason),
            crate::sheet::number(job.budgeted),
        ];
        let mut w = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .from_writer(&mut out);
        let _ = w.write_record(record.iter().map(|c| c.replace(['\r', '\n'], " ")));
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(personnel: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DocumentBudgetaire xmlns=\"{NAMESPACE}\">\n<EnTeteDocBudgetaire>\n<LibelleColl V=\"COMMUNE D'ESSAI\"/>\n<IdColl V=\"21000000000000\"/>\n</EnTeteDocBudgetaire>\n<Budget>\n<BlocBudget>\n<NatDec V=\"09\"/>\n<Exer V=\"2024\"/>\n</BlocBudget>\n<Annexes>\n<DATA_PERSONNEL>\n{personnel}</DATA_PERSONNEL>\n</Annexes>\n</Budget>\n</DocumentBudgetaire>\n"
        )
    }

    fn line(status: &str, label: &str, sect: &str, filled: &str) -> String {
        format!(
            "<PERSONNEL>\n<CodTypAgent V=\"{status}\"/>\n<EmploiGradeAgent V=\"{label}\"/>\n<CodCatAgent V=\"C\"/>\n<TempsComplet V=\"true\"/>\n<CodSectAgentTitulaire V=\"{sect}\"/>\n<EffectifBud V=\"1\"/>\n<EffectifPourvu V=\"{filled}\"/>\n</PERSONNEL>\n"
        )
    }

    fn parse_text(text: &str) -> Result<Read, InputError> {
        parse("b.xml", text, &mut |_| {})
    }

    #[test]
    fn lines_of_a_grade_are_summed_on_the_line_of_the_first() {
        let text = doc(&[
            line("I", "Adjoint technique", "TECH", "1.0"),
            line("I", "Adjoint technique", "TECH", "0.8"),
            line("N", "Adjoint technique", "TECH", "0.5"),
            line("I", "Attaché", "ADM", "1"),
        ]
        .concat());
        let read = parse_text(&text).unwrap();
        assert_eq!(read.lines, 4);
        assert_eq!(
            read.document.title(),
            "COMMUNE D'ESSAI (SIRET 21000000000000) — compte administratif 2024"
        );
        assert_eq!(read.document.short(), "CA 2024");
        let csv = String::from_utf8(read.csv).unwrap();
        let lines: Vec<&str> = csv.split('\n').collect();
        assert!(lines[0].starts_with("\"Direction\",\"Service\",\"Emploi\",\"Effectif\""));
        assert!(
            lines[13]
                .starts_with("\"Titulaires\",\"Filière technique\",\"Adjoint technique\",\"1.8\""),
            "{csv}"
        );
        assert!(
            lines[31].starts_with(
                "\"Non titulaires\",\"Filière technique\",\"Adjoint technique\",\"0.5\""
            ),
            "{csv}"
        );
        assert!(lines[40].contains("\"Attaché\",\"1\""), "{csv}");
        // Every record is on the line of its first PERSONNEL.
        assert!(text.lines().nth(13).unwrap().contains("<PERSONNEL>"));
        assert!(text.lines().nth(40).unwrap().contains("<PERSONNEL>"));
    }

    #[test]
    fn a_file_on_one_line_still_loads() {
        let text = doc(&[
            line("I", "Attaché", "ADM", "1"),
            line("I", "Rédacteur", "ADM", "2"),
        ]
        .concat())
        .replace('\n', "");
        let read = parse_text(&text).unwrap();
        let csv = String::from_utf8(read.csv).unwrap();
        // The header on line 1, the jobs on the next free lines.
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(csv.lines().nth(2).unwrap().contains("Rédacteur"));
    }

    #[test]
    fn bad_counts_name_their_line() {
        let e = parse_text(&doc(&line("I", "Attaché", "ADM", "-1"))).unwrap_err();
        assert_eq!(e.line, Some(21), "{e}");
        assert!(e.to_string().contains("EffectifPourvu is \"-1\""), "{e}");
        let e = parse_text(&doc(&line("I", "Attaché", "ADM", "un"))).unwrap_err();
        assert_eq!(e.line, Some(21), "{e}");
    }

    #[test]
    fn what_is_not_a_staff_annex_is_refused() {
        let e = parse_text("Métier;Effectif\nJardinier;2\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.xml:1: not XML; expected a budget document (DocumentBudgetaire) or a roster in CSV"
        );
        let e = parse_text("<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("b.xml:2: this XML document is a <rss>"),
            "{e}"
        );
        let e =
            parse_text(&doc("").replace("<DATA_PERSONNEL>\n</DATA_PERSONNEL>\n", "")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("b.xml:2: this budget document has no staff annex"),
            "{e}"
        );
        let e = parse_text(&doc("")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("b.xml:13: the staff annex (DATA_PERSONNEL) lists no PERSONNEL"),
            "{e}"
        );
        let full = doc(&line("I", "Attaché", "ADM", "1"));
        let e = parse_text(&full[..full.len() / 2 + 40]).unwrap_err();
        assert!(e.to_string().contains("it is truncated"), "{e}");
    }

    #[test]
    fn the_declared_encoding_is_read() {
        let text = doc(&line("I", "Rédacteur", "ADM", "1")).replace("UTF-8", "ISO-8859-1");
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let (decoded, encoding) = decode("b.xml", &latin1).unwrap();
        assert_eq!(encoding, "windows-1252");
        assert!(decoded.contains("Rédacteur"));
        // The same bytes declared UTF-8 are refused on the line of the first bad byte.
        let lying = String::from_utf8_lossy(&latin1).replace("ISO-8859-1", "UTF-8");
        let lying = lying.replace('\u{FFFD}', "\u{E9}");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&lying);
        let e = decode("b.xml", &bytes).unwrap_err();
        assert_eq!(e.line, Some(16), "{e}");
        assert_eq!(
            declared_encoding(b"<?xml version='1.0' encoding='latin1'?>"),
            Some("latin1".into())
        );
        assert_eq!(declared_encoding(b"<root/>"), None);
    }
}
