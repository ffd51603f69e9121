//! Scoring one task: expert score > hand-chosen rubric code > the rubric's best rule > unscored.

use serde::Serialize;

use crate::error::InputError;
use std::sync::Arc;

use crate::hashing::TaskHash;
use crate::load::{Field, Row};
use crate::rubric::{Rubric, TextRules};

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

/// Scores tasks. The rubric's rule for a task text comes with the row when the parsing thread
/// looked it up ahead (`Row::task_rule`); else it is looked up here.
pub struct Scorer {
    rubric: Arc<Rubric>,
    rules: TextRules,
}

impl Scorer {
    pub fn new(rubric: &Arc<Rubric>) -> Self {
        Scorer {
            rubric: Arc::clone(rubric),
            rules: TextRules::new(Arc::clone(rubric)),
        }
    }

    pub fn rubric(&self) -> &Rubric {
        &self.rubric
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
        let rule = match row.task_rule {
            Some(rule) => rule,
            None => self.rules.rule_for(row.task, row.task_hash),
        };
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

    /// Brings what looking these task texts up here will read into the CPU caches, ahead of
    /// time (see `TextRules::prepare`).
    pub fn prepare(&self, tasks: &[TaskHash]) {
        self.rules.prepare(tasks);
    }
}
