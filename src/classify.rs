//! The ILO's classification of an occupation from its rounded mean and standard deviation,
//! and the task bands. Rules: `../shared/reference/README.md`, reproduced on all 427 occupations.

use serde::Serialize;

/// Which ILO method classifies jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// ILO Working Paper 140 (2025): gradients 1–4, minimal exposure, not exposed.
    Wp140,
    /// ILO Working Paper 96 (2023): automation, big unknown, augmentation, not affected.
    Wp96,
}

/// A job's class under either method. The order is from most to least exposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Gradient4,
    Gradient3,
    Gradient2,
    Gradient1,
    MinimalExposure,
    NotExposed,
    AutomationPotential,
    BigUnknown,
    AugmentationPotential,
    NotAffected,
}

impl Method {
    /// The classes of this method, most exposed first.
    pub fn classes(self) -> &'static [Class] {
        match self {
            Method::Wp140 => &[
                Class::Gradient4,
                Class::Gradient3,
                Class::Gradient2,
                Class::Gradient1,
                Class::MinimalExposure,
                Class::NotExposed,
            ],
            Method::Wp96 => &[
                Class::AutomationPotential,
                Class::BigUnknown,
                Class::AugmentationPotential,
                Class::NotAffected,
            ],
        }
    }

    pub fn other(self) -> Method {
        match self {
            Method::Wp140 => Method::Wp96,
            Method::Wp96 => Method::Wp140,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::Wp140 => "wp140",
            Method::Wp96 => "wp96",
        }
    }

    /// Classifies from the mean and SD already rounded to 2 decimals, in plain f64 arithmetic
    /// as the ILO did (0.29 + 0.11 is just below 0.40, and such occupations are not exposed).
    pub fn classify(self, mean: f64, sd: f64) -> Class {
        match self {
            Method::Wp140 => {
                if mean >= 0.60 {
                    Class::Gradient4
                } else if mean >= 0.50 {
                    Class::Gradient3
                } else if mean >= 0.40 && mean + sd >= 0.50 {
                    Class::Gradient2
                } else if mean < 0.40 && mean + sd >= 0.50 {
                    Class::Gradient1
                } else if mean + sd >= 0.40 {
                    Class::MinimalExposure
                } else {
                    Class::NotExposed
                }
            }
            Method::Wp96 => {
                if mean - sd >= 0.50 {
                    Class::AutomationPotential
                } else if mean >= 0.40 {
                    Class::BigUnknown
                } else if mean + sd > 0.50 {
                    Class::AugmentationPotential
                } else {
                    Class::NotAffected
                }
            }
        }
    }
}

impl Class {
    /// The ILO's own label (the published spelling, but "The Big Unknown" without the typo).
    pub fn label(self) -> &'static str {
        match self {
            Class::Gradient4 => "Exposed: Gradient 4",
            Class::Gradient3 => "Exposed: Gradient 3",
            Class::Gradient2 => "Exposed: Gradient 2",
            Class::Gradient1 => "Exposed: Gradient 1",
            Class::MinimalExposure => "Minimal Exposure",
            Class::NotExposed => "Not Exposed",
            Class::AutomationPotential => "Automation Potential",
            Class::BigUnknown => "The Big Unknown",
            Class::AugmentationPotential => "Augmentation Potential",
            Class::NotAffected => "Not affected",
        }
    }

    /// Stable identifier used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Class::Gradient4 => "gradient_4",
            Class::Gradient3 => "gradient_3",
            Class::Gradient2 => "gradient_2",
            Class::Gradient1 => "gradient_1",
            Class::MinimalExposure => "minimal_exposure",
            Class::NotExposed => "not_exposed",
            Class::AutomationPotential => "automation_potential",
            Class::BigUnknown => "big_unknown",
            Class::AugmentationPotential => "augmentation_potential",
            Class::NotAffected => "not_affected",
        }
    }

    /// The class with this stable key, if any.
    pub fn from_key(key: &str) -> Option<Class> {
        Method::Wp140
            .classes()
            .iter()
            .chain(Method::Wp96.classes())
            .copied()
            .find(|c| c.key() == key)
    }

    /// Above the lowest class of its method: the job's agents are "concerned".
    pub fn concerned(self) -> bool {
        !matches!(self, Class::NotExposed | Class::NotAffected)
    }

    /// Exposed in the ILO's strict sense: a WP140 gradient, or any WP96 class but "not affected".
    pub fn exposed(self) -> bool {
        !matches!(
            self,
            Class::NotExposed | Class::NotAffected | Class::MinimalExposure
        )
    }
}

impl Serialize for Class {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// ILO task bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    VeryLow,
    Low,
    Medium,
    High,
}

impl Band {
    pub fn of(score: f64) -> Band {
        if score < 0.25 {
            Band::VeryLow
        } else if score < 0.50 {
            Band::Low
        } else if score < 0.75 {
            Band::Medium
        } else {
            Band::High
        }
    }

    /// The band as a person reads it (English; `Lang::t` translates it).
    pub fn label(self) -> &'static str {
        match self {
            Band::VeryLow => "very low",
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Band::VeryLow => "very_low",
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }
}

/// A task is exposed when generative AI can do it wholly or in large part.
pub fn task_exposed(score: f64) -> bool {
    score >= 0.50
}

/// Rounds to 2 decimals as the ILO publishes. A value within 1e-8 of a tie (x.xx5, which a
/// sum of decimal scores rarely hits exactly in binary) is a tie, and ties go to the even digit:
/// of the ways tried, this reproduces the most published means (all but 4 ties of 854), and every
/// published category.
pub fn round2(x: f64) -> f64 {
    let scaled = x * 100.0;
    let floor = scaled.floor();
    let frac = scaled - floor;
    let rounded = if (frac - 0.5).abs() < 1e-6 {
        if floor % 2.0 == 0.0 {
            floor
        } else {
            floor + 1.0
        }
    } else {
        scaled.round()
    };
    rounded / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_sends_ties_to_even() {
        assert_eq!(round2(0.125), 0.12);
        assert_eq!(round2(0.135), 0.14);
        assert_eq!(round2(0.124999), 0.12);
        assert_eq!(round2(0.125001), 0.13);
        // 0.335 is 0.33500000000000001776 in binary: still a tie, to even.
        assert_eq!(round2(0.335), 0.34);
        assert_eq!(round2(0.725), 0.72);
        // A mean that lands a hair under the tie through float sums is still a tie.
        assert_eq!(round2((0.1 + 0.2 + 0.375) / 3.0), 0.22);
        assert_eq!(round2(1.21 / 2.0), 0.6);
        assert_eq!(round2(0.0), 0.0);
        assert_eq!(round2(1.0), 1.0);
        assert_eq!(round2(0.994), 0.99);
        assert_eq!(round2(0.995), 1.0);
    }

    #[test]
    fn wp140_boundaries() {
        let c = |m, s| Method::Wp140.classify(m, s);
        assert_eq!(c(0.60, 0.0), Class::Gradient4);
        assert_eq!(c(0.59, 0.5), Class::Gradient3);
        assert_eq!(c(0.50, 0.0), Class::Gradient3);
        assert_eq!(c(0.49, 0.01), Class::Gradient2);
        assert_eq!(c(0.40, 0.10), Class::Gradient2);
        assert_eq!(c(0.40, 0.09), Class::MinimalExposure);
        assert_eq!(c(0.39, 0.11), Class::Gradient1);
        assert_eq!(c(0.39, 0.10), Class::MinimalExposure);
        assert_eq!(c(0.30, 0.10), Class::MinimalExposure);
        assert_eq!(c(0.30, 0.09), Class::NotExposed);
        // 0.29 + 0.11 is 0.39999999999999997 in f64: the ILO labels these "Not exposed".
        assert_eq!(c(0.29, 0.11), Class::NotExposed);
    }

    #[test]
    fn wp96_boundaries() {
        let c = |m, s| Method::Wp96.classify(m, s);
        assert_eq!(c(0.60, 0.10), Class::AutomationPotential);
        assert_eq!(c(0.60, 0.11), Class::BigUnknown);
        assert_eq!(c(0.40, 0.30), Class::BigUnknown);
        assert_eq!(c(0.39, 0.12), Class::AugmentationPotential);
        assert_eq!(c(0.39, 0.11), Class::NotAffected);
        assert_eq!(c(0.30, 0.20), Class::NotAffected);
    }

    #[test]
    fn bands() {
        assert_eq!(Band::of(0.0), Band::VeryLow);
        assert_eq!(Band::of(0.2499), Band::VeryLow);
        assert_eq!(Band::of(0.25), Band::Low);
        assert_eq!(Band::of(0.4999), Band::Low);
        assert_eq!(Band::of(0.50), Band::Medium);
        assert_eq!(Band::of(0.75), Band::High);
        assert!(task_exposed(0.5) && !task_exposed(0.4999));
    }

    #[test]
    fn concerned_and_exposed() {
        assert!(Class::MinimalExposure.concerned() && !Class::MinimalExposure.exposed());
        assert!(!Class::NotExposed.concerned());
        assert!(Class::AugmentationPotential.exposed());
        assert!(!Class::NotAffected.concerned());
    }
}
