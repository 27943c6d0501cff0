//! Reads a language file (`en.toml`, `fr.toml`, ...): only words, keyed by step id.

use toml::de::DeTable;
use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::structure::syntax_error;
use super::SourceFile;

pub fn parse<'a>(
    file: &'a SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    match DeTable::parse(&file.contents) {
        Ok(document) => Some(document),
        Err(error) => {
            diags.push(syntax_error(file, &error));
            None
        }
    }
}
