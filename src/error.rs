//! Typed errors for what callers must tell apart, and the process exit codes.

use std::fmt;

/// Process exit codes, the same for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success (and, for `check`, the policy holds).
    Ok = 0,
    /// A check found problems.
    Problems = 1,
    /// Usage or input error.
    Input = 2,
}

/// An error in an input file: where it is and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based line of the record (the line where it starts); `None` for whole-file errors.
    pub line: Option<u64>,
    /// 1-based column (field number), with the header name when known.
    pub column: Option<(usize, String)>,
    /// In English: `Display` and `check`'s findings (standard output) use it.
    pub message: String,
    /// In French, when the catalogue (`crate::messages`) has it: only standard error reads it.
    /// Boxed: an input error travels in many `Result`s, kept small.
    pub french: Option<Box<str>>,
}

/// What an error says, in English and, when the catalogue has it, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub en: String,
    pub fr: Option<String>,
}

impl From<String> for Message {
    fn from(en: String) -> Self {
        Message { en, fr: None }
    }
}

impl From<&str> for Message {
    fn from(en: &str) -> Self {
        Message::from(en.to_string())
    }
}

impl InputError {
    fn new(
        file: &str,
        line: Option<u64>,
        column: Option<(usize, String)>,
        message: impl Into<Message>,
    ) -> Self {
        let Message { en, fr } = message.into();
        InputError {
            file: file.to_string(),
            line,
            column,
            message: en,
            french: fr.map(String::into_boxed_str),
        }
    }

    pub fn file(file: &str, message: impl Into<Message>) -> Self {
        InputError::new(file, None, None, message)
    }

    pub fn at(file: &str, line: u64, message: impl Into<Message>) -> Self {
        InputError::new(file, Some(line), None, message)
    }

    pub fn cell(
        file: &str,
        line: u64,
        column: usize,
        header: &str,
        message: impl Into<Message>,
    ) -> Self {
        InputError::new(
            file,
            Some(line),
            Some((column, header.to_string())),
            message,
        )
    }

    /// Where the error is (`file:line:column`), the same in both languages.
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(line) = self.line {
            place += &format!(":{line}");
            if let Some((col, _)) = &self.column {
                place += &format!(":{col}");
            }
        }
        place
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place())?;
        if let Some((_, name)) = &self.column {
            write!(f, "column '{name}': ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for InputError {}

/// An error a command reports (not tied to a place in an input), in English and French;
/// `Display` and the chain (`{:#}`) are the English ones.
#[derive(Debug)]
pub struct Failure {
    pub en: String,
    pub fr: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Failure {
    pub fn new(en: String, fr: String) -> Self {
        Failure {
            en,
            fr,
            source: None,
        }
    }

    /// The same failure caused by `source`, which follows it in the chain.
    pub fn because(self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Failure {
            source: Some(Box::new(source)),
            ..self
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let e = InputError::cell(
            "r.csv",
            12,
            4,
            "Effectif",
            "expected a number, found \"abc\"",
        );
        assert_eq!(
            e.to_string(),
            "r.csv:12:4: column 'Effectif': expected a number, found \"abc\""
        );
        assert_eq!(
            InputError::file("r.csv", "empty file").to_string(),
            "r.csv: empty file"
        );
        assert_eq!(InputError::at("r.csv", 3, "x").to_string(), "r.csv:3: x");
    }
}
