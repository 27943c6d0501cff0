//! `lessons/course.toml`: the order of the course's modules. A track lists the modules of its
//! role in this order, so the opening module comes first and the quiz last, whatever the
//! folders are called.

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::structure::syntax_error;
use super::tree::{line_at, Table};
use super::SourceFile;

/// The module ids of `course.toml`, in order, checked against the module folders found
/// (`folders`, by id): every folder is listed once, and every listed id has a folder.
pub fn parse(file: &SourceFile, folders: &[String]) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let document = match DeTable::parse(&file.contents) {
        Ok(document) => document,
        Err(error) => return Err(vec![syntax_error(file, &error)]),
    };
    let top = Table::new(&file.contents, &file.path, document.get_ref(), 0);
    let listed = top.strings("modules", &mut diags);
    if top.table.get("modules").is_none() {
        diags.push(top.diag_at(0, "missing field `modules`".to_string()));
    }
    top.finish(&["modules"], &mut diags);
    let listed = listed.unwrap_or_default();
    let mut order: Vec<String> = Vec::new();
    for id in listed {
        let line = line_at(&file.contents, id.span().start);
        if order.contains(id.get_ref()) {
            diags.push(Diagnostic::file(
                &file.path,
                line,
                format!("module \"{}\" is listed twice", id.get_ref()),
            ));
        } else if !folders.contains(id.get_ref()) {
            diags.push(Diagnostic::file(
                &file.path,
                line,
                format!("module \"{}\" has no folder in lessons/", id.get_ref()),
            ));
        } else {
            order.push(id.into_inner());
        }
    }
    for folder in folders {
        if !order.contains(folder) && !diags.iter().any(|d| d.message.contains(folder.as_str())) {
            diags.push(Diagnostic::file(
                &file.path,
                1,
                format!("module folder \"{folder}\" is not listed in `modules`: add it where learners should meet it"),
            ));
        }
    }
    if diags.is_empty() {
        Ok(order)
    } else {
        Err(diags)
    }
}
