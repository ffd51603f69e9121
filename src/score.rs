//! Scoring one task: expert score > hand-chosen rubric code > the rubric's best rule > unscored.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use crate::error::InputError;
use crate::load::{Field, Row};
use crate::normalize::normalize;
use crate::rubric::Rubric;

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
    cache: FastMap<String, Option<usize>>,
}

/// A hash map with a fast, non-cryptographic hash (the Fx hash of rustc): keys here are task
/// texts and job names from the user's own files, looked up once per row.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// A final mix: the multiplications above only carry entropy upwards, and the hash table
    /// picks buckets by the low bits (texts that end alike would share them).
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

const CACHE_LIMIT: usize = 1 << 16;

impl<'r> Scorer<'r> {
    pub fn new(rubric: &'r Rubric) -> Self {
        Scorer {
            rubric,
            cache: FastMap::default(),
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
                    format!(
                        "expected a code of the rubric ({}), found {:?}",
                        self.rubric.source, row.code
                    ),
                )
            })?;
            return Ok(Scored {
                score: Some(self.rubric.rules[rule].score),
                source: Source::Code,
                rule: Some(rule),
            });
        }
        let rule = self.rule_for(row.task);
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

    fn rule_for(&mut self, task: &str) -> Option<usize> {
        if let Some(&rule) = self.cache.get(task) {
            return rule;
        }
        let rule = self
            .rubric
            .matches(&normalize(task))
            .first()
            .map(|m| m.rule);
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(task.to_string(), rule);
        rule
    }
}
