//! The built-in rubric from the tables `build/rubric.rs` prepared: its texts borrowed from one
//! static string, the matcher's index borrowed as it is, so loading it costs next to nothing.

use std::borrow::Cow;

use super::index::Trie;
use super::{Alternative, BUILTIN_NAME, IloRef, Rubric, Rule, Text};

/// A text's (start, end) in `TEXT`, or a (start, end) range of another table.
type Span = (u32, u32);

/// A rule of `RULES`.
struct BuiltRule {
    code: Span,
    theme: Span,
    label: Span,
    score: f64,
    patterns: Span,
    alternatives: Span,
    ilo_refs: Span,
    rationale: Span,
    line: u64,
}

// `RULES`, `ALTERNATIVES`, `ILO_REFS`, the trie's `CELLS`, `TRIGGERS`, `TRIGGERED`,
// `ALT_OWNER`, and `TEXT`.
include!(concat!(env!("OUT_DIR"), "/rubric.rs"));

fn text((start, end): Span) -> Text {
    Cow::Borrowed(&TEXT[start as usize..end as usize])
}

fn range<T>(table: &[T], (start, end): Span) -> &[T] {
    &table[start as usize..end as usize]
}

pub(super) fn rubric() -> Rubric {
    let rules: Vec<Rule> = (RULES.iter())
        .map(|r| Rule {
            code: text(r.code),
            theme: text(r.theme),
            label: text(r.label),
            score: r.score,
            patterns: text(r.patterns),
            alternatives: (range(&ALTERNATIVES, r.alternatives).iter())
                .map(|&(alt, specificity)| Alternative {
                    text: text(alt),
                    specificity,
                })
                .collect(),
            ilo_refs: (range(&ILO_REFS, r.ilo_refs).iter())
                .map(|&(isco, task_id)| IloRef {
                    isco: text(isco),
                    task_id,
                })
                .collect(),
            rationale: text(r.rationale),
            line: r.line,
        })
        .collect();
    Rubric {
        source: BUILTIN_NAME.to_string(),
        by_code: (rules.iter().enumerate())
            .map(|(i, r)| (r.code.to_string(), i))
            .collect(),
        rules,
        trie: Trie {
            cells: Cow::Borrowed(&CELLS),
        },
        triggers: Cow::Borrowed(&TRIGGERS),
        triggered: Cow::Borrowed(&TRIGGERED),
        alt_owner: Cow::Borrowed(&ALT_OWNER),
    }
}
