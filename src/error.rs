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
    pub message: String,
}

impl InputError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(file: &str, line: u64, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    pub fn cell(
        file: &str,
        line: u64,
        column: usize,
        header: &str,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            file: file.to_string(),
            line: Some(line),
            column: Some((column, header.to_string())),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some((col, _)) = &self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some((_, name)) = &self.column {
            write!(f, "column '{name}': ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for InputError {}

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
