//! Where each text of a locale file stands: its dotted key and the byte span of its JSON string.
//!
//! serde_json reads values, not positions, and an import must replace one string's bytes and
//! leave every other byte of the file as the translator or developer wrote it. So this walks
//! the file's structure (objects of objects and strings, all a locale file may hold) and leaves
//! the decoding of each string to serde_json.

use std::ops::Range;

/// One text of a locale file.
pub struct JsonText {
    /// The dotted key path (`roles.front_desk`), as `flatten_locale` names it.
    pub path: String,
    pub text: String,
    /// The string token, quotes included.
    pub span: Range<usize>,
}

/// Every text of a locale file, in the file's order.
pub fn texts(source: &str) -> Result<Vec<JsonText>, String> {
    let mut reader = Reader {
        source,
        at: 0,
        found: Vec::new(),
    };
    reader.skip_space();
    reader.value("")?;
    reader.skip_space();
    if reader.at != source.len() {
        return Err(reader.error("text after the end of the top-level object"));
    }
    Ok(reader.found)
}

/// A JSON string holding `text`: serde_json's escaping, which keeps every non-ASCII letter as it is.
pub fn encode(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

struct Reader<'s> {
    source: &'s str,
    at: usize,
    found: Vec<JsonText>,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> String {
        let line = self.source[..self.at].matches('\n').count() + 1;
        format!("line {line}: {message}")
    }

    fn peek(&self) -> Option<u8> {
        self.source.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("`{}` expected", byte as char)))
        }
    }

    fn value(&mut self, path: &str) -> Result<(), String> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(path),
            Some(b'"') => {
                let (text, span) = self.string()?;
                self.found.push(JsonText {
                    path: path.to_string(),
                    text,
                    span,
                });
                Ok(())
            }
            _ => Err(self.error(&format!("\"{path}\" must be text or an object of texts"))),
        }
    }

    fn object(&mut self, path: &str) -> Result<(), String> {
        self.expect(b'{')?;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.skip_space();
            let (key, _) = self.string()?;
            self.expect(b':')?;
            let inner = if path.is_empty() {
                key
            } else {
                format!("{path}.{key}")
            };
            self.value(&inner)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("`,` or `}` expected")),
            }
        }
    }

    /// A string token: its end is the first quote no backslash escapes.
    fn string(&mut self) -> Result<(String, Range<usize>), String> {
        if self.peek() != Some(b'"') {
            return Err(self.error("a string expected"));
        }
        let start = self.at;
        let bytes = self.source.as_bytes();
        let mut i = start + 1;
        loop {
            match bytes.get(i) {
                None => return Err(self.error("a string is not closed")),
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
            }
        }
        self.at = i + 1;
        let token = &self.source[start..self.at];
        let text: String = serde_json::from_str(token).map_err(|e| self.error(&e.to_string()))?;
        Ok((text, start..self.at))
    }
}
