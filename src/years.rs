//! Several budget documents of one authority, side by side: each document is analysed alone
//! (pooling them would count the same agents once per year), then its agents and mean
//! exposure are set out per filière, one column per document, oldest first.

use serde::Serialize;

use crate::aggregate::{GroupExposure, JobExposure, group};
use crate::analysis::{AnalysisError, Options, analyze};
use crate::budget::{Document, FILIERES};
use crate::classify::Method;
use crate::rubric::Rubric;

/// One budget document and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub file: String,
    pub document: Document,
    /// The whole authority.
    pub all: GroupExposure,
    /// Per filière (the roster's department), in the order of `YearOverYear::filieres`: no
    /// agent and no mean where the document has no line in that filière.
    pub filieres: Vec<GroupExposure>,
}

/// The year-over-year view.
#[derive(Debug, Clone, Serialize)]
pub struct YearOverYear {
    pub method: Method,
    /// `LibelleColl` and `IdColl` of the latest document.
    pub authority: String,
    pub authority_id: String,
    /// The filières found in any document: those of the annex's list in its order, then others
    /// by name.
    pub filieres: Vec<String>,
    /// Oldest first.
    pub columns: Vec<Column>,
}

impl YearOverYear {
    /// Keeps the `n` filières with the most agents in the latest document (in their order);
    /// the whole authority's figures stay those of every filière.
    pub fn keep_top(&mut self, n: usize) {
        let Some(latest) = self.columns.last() else {
            return;
        };
        let mut ranked: Vec<usize> = (0..self.filieres.len()).collect();
        ranked.sort_by(|&a, &b| {
            let (x, y) = (latest.filieres[a].agents, latest.filieres[b].agents);
            y.total_cmp(&x).then(a.cmp(&b))
        });
        let mut kept: Vec<usize> = ranked.into_iter().take(n).collect();
        kept.sort_unstable();
        self.filieres = kept.iter().map(|&i| self.filieres[i].clone()).collect();
        for c in &mut self.columns {
            c.filieres = kept.iter().map(|&i| c.filieres[i].clone()).collect();
        }
    }
}

/// Whether the rosters ask for the year-over-year view: several files, all budget documents.
pub fn wanted(rosters: &[String]) -> bool {
    rosters.len() > 1 && rosters.iter().all(|r| crate::budget::is_xml(r))
}

/// Analyses each budget document alone and sets them side by side.
pub fn compare(
    rosters: &[String],
    rubric: &Rubric,
    options: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<YearOverYear, AnalysisError> {
    let mut analyses: Vec<(String, Document, crate::analysis::Analysis)> = Vec::new();
    // The documents are analysed at once where the cores allow; their warnings are kept and
    // told, as their errors, in the order of the documents, as if read one after the other.
    let analysed = crate::parallel::map_each(rosters, |file| {
        let mut warnings = Vec::new();
        let analysis = analyze(std::slice::from_ref(file), rubric, options, &mut |w| {
            warnings.push(w)
        });
        (warnings, analysis)
    });
    for (file, (warnings, analysis)) in rosters.iter().zip(analysed) {
        warnings.into_iter().for_each(&mut *warn);
        let analysis = analysis?;
        let b = analysis
            .document
            .clone()
            .ok_or_else(|| AnalysisError::Usage(crate::messages::not_a_budget_document(file)))?;
        // Stop at the first document of another authority, before reading the others.
        if let Some((fa, a, _)) = analyses.first()
            && a.authority_id != b.authority_id
        {
            return Err(AnalysisError::Usage(crate::messages::other_authority(
                (fa, &a.authority, &a.authority_id),
                (file, &b.authority, &b.authority_id),
            )));
        }
        analyses.push((file.clone(), b, analysis));
    }
    analyses.sort_by(|(fa, a, _), (fb, b, _)| order(a).cmp(&order(b)).then_with(|| fa.cmp(fb)));
    for pair in analyses.windows(2) {
        let ((fa, a, _), (fb, b, _)) = (&pair[0], &pair[1]);
        if order(a) == order(b) {
            return Err(AnalysisError::Usage(crate::messages::same_document_twice(
                fa,
                fb,
                &a.name(),
            )));
        }
    }
    let mut filieres: Vec<String> = Vec::new();
    for (_, _, a) in &analyses {
        for j in &a.jobs {
            if !filieres.iter().any(|f| j.department == f.as_str()) {
                filieres.push(j.department.to_string());
            }
        }
    }
    let rank = |f: &String| {
        FILIERES
            .iter()
            .position(|(_, name)| name == f)
            .unwrap_or(FILIERES.len())
    };
    filieres.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    let method = options.method;
    let columns: Vec<Column> = analyses
        .into_iter()
        .map(|(file, document, a)| {
            let per = filieres
                .iter()
                .map(|f| {
                    let jobs: Vec<&JobExposure> = a
                        .jobs
                        .iter()
                        .filter(|j| j.department == f.as_str())
                        .collect();
                    let mut g = group("filiere", method, &jobs);
                    g.value = Some(f.as_str().into());
                    tidy(g)
                })
                .collect();
            Column {
                file,
                document,
                all: tidy(a.summary),
                filieres: per,
            }
        })
        .collect();
    let latest = &columns.last().expect("several documents").document;
    Ok(YearOverYear {
        method,
        authority: latest.authority.clone(),
        authority_id: latest.authority_id.clone(),
        filieres,
        columns,
    })
}

/// Agents rounded to a millionth of an FTE: sums of thousands of FTE fractions carry float
/// noise (263.99999999) that would show in every output.
fn tidy(mut g: GroupExposure) -> GroupExposure {
    let round = |x: &mut f64| *x = (*x * 1e6).round() / 1e6;
    round(&mut g.agents);
    round(&mut g.agents_classified);
    round(&mut g.agents_concerned);
    round(&mut g.agents_exposed);
    g.agents_by_class.values_mut().for_each(round);
    g
}

/// Documents in time order: year, then the `NatDec` code (BP, DM, BS, CA, CFU), then the
/// number of a décision modificative.
fn order(d: &Document) -> (String, String, String) {
    (
        d.year.clone(),
        d.nature_code.clone(),
        format!("{:>4}", d.number),
    )
}
