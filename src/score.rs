//! Scoring one task: expert score > hand-chosen rubric code > the rubric's best rule > unscored.

use serde::Serialize;

use crate::error::InputError;
use crate::hashing::{TaskHash, TextCache, task_hash};
use crate::load::{Field, Row};
use crate::rubric::{MatchScratch, Rubric};

/// Where a task's score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The roster's `score` column (an expert's score).
    Manual,
    /// The roster's `code` column (a rubric entry chosen by hand).
    Code,
    /// The rubric rule that best matches the task text.
    Rubric,
    /// The ILO task scores of the job's ISCO occupation.
    Ilo,
    /// Nothing could score the task.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: Option<f64>,
    pub source: Source,
    /// Index of the rubric rule, for `code` and `rubric` sources.
    pub rule: Option<usize>,
}

/// Scores tasks, remembering the rule chosen for recent texts: large rosters repeat the same
/// task texts in every department.
pub struct Scorer<'r> {
    rubric: &'r Rubric,
    cache: TextCache,
    scratch: MatchScratch,
}

impl<'r> Scorer<'r> {
    pub fn new(rubric: &'r Rubric) -> Self {
        Scorer {
            rubric,
            cache: TextCache::default(),
            scratch: MatchScratch::default(),
        }
    }

    pub fn rubric(&self) -> &'r Rubric {
        self.rubric
    }

    pub fn score(&mut self, row: &Row) -> Result<Scored, InputError> {
        if let Some(score) = row.score {
            return Ok(Scored {
                score: Some(score),
                source: Source::Manual,
                rule: None,
            });
        }
        if !row.code.is_empty() {
            let rule = self.rubric.get(row.code).ok_or_else(|| {
                let (col, header) = row.column_of(Field::Code);
                InputError::cell(
                    row.file,
                    row.line,
                    col,
                    header,
                    crate::messages::unknown_rule_code(&self.rubric.source, row.code),
                )
            })?;
            return Ok(Scored {
                score: Some(self.rubric.rules[rule].score),
                source: Source::Code,
                rule: Some(rule),
            });
        }
        let rule = self.rule_for(row.task, row.task_hash);
        Ok(match rule {
            Some(rule) => Scored {
                score: Some(self.rubric.rules[rule].score),
                source: Source::Rubric,
                rule: Some(rule),
            },
            None => Scored {
                score: None,
                source: Source::None,
                rule: None,
            },
        })
    }

    /// Brings what looking these task texts up will read into the CPU caches, ahead of time:
    /// first the table slots, then the long texts the slots point to. Each text is given by
    /// its `task_hash` and length.
    pub fn prepare(&self, tasks: &[TaskHash]) {
        for &(hash, _) in tasks {
            self.cache.prefetch_slot(hash);
        }
        for &(hash, len) in tasks {
            self.cache.prefetch_long(hash, len);
        }
    }

    fn rule_for(&mut self, task: &str, hash: Option<u64>) -> Option<usize> {
        let hash = hash.unwrap_or_else(|| task_hash(task));
        if let Some(rule) = self.cache.get(hash, task) {
            return rule;
        }
        let rule = self.rubric.best_of(task, &mut self.scratch);
        self.cache.insert(hash, task, rule);
        rule
    }
}
