//! What the packages of `cargo xtask package` say about the course: the imsmanifest.xml of a
//! SCORM package (`scorm`) and the cmi5.xml of a cmi5 package (`cmi5`).
//!
//! Pure text, no I/O: xtask lists the app's files and writes the zips; these modules only decide
//! what the manifests say, so the tests can check them without building the app.

pub mod cmi5;
mod scorm;

pub use scorm::{manifest, package_name, Package, Standard};

/// A percentage as a measure between 0 and 1 (SCORM 2004's, cmi5's masteryScore), with no trailing
/// zeros (70 -> 0.7).
fn normalized(percent: u32) -> String {
    match percent {
        100.. => "1".to_string(),
        0 => "0".to_string(),
        p => format!("0.{p:02}").trim_end_matches('0').to_string(),
    }
}

/// Escapes text for both element content and quoted attributes, and drops the control
/// characters XML 1.0 cannot carry at all, so any title still makes a well-formed document.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&apos;",
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
