use std::fmt;

/// One problem in a lesson, located precisely enough for an author to jump to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub step: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn file(file: &str, line: usize, message: String) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            step: None,
            message,
        }
    }

    pub fn step(file: &str, line: usize, step: &str, message: String) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            step: Some(step.to_string()),
            message,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.step {
            Some(step) => write!(
                f,
                "{}:{}: step \"{}\": {}",
                self.file, self.line, step, self.message
            ),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}
