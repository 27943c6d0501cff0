//! The checks of a deployment an administrator runs, in the browser (`index.html?check`) or from
//! a terminal (`cargo xtask check-config URL`): both fetch the same files and hand the answers
//! here, so they say the same thing in the same words.
//!
//! What hosts get wrong: the configuration (absent, unread, or with problems), the `.wasm`
//! served as something else than `application/wasm`, Vigil's data files unreachable or answered
//! by the host's fallback page, and the service worker served as something else than
//! JavaScript (the browser then refuses it).

use crate::core::config_file::{self, Absence, Answer, Reading, APP_MARKER};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// As it should be.
    Ok,
    /// Worth knowing, nothing to put right (no configuration file; a fallback host).
    Note,
    /// Something to put right.
    Problem,
}

/// One finding: its level and one line, which names the address it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub line: String,
}

impl Check {
    fn new(level: Level, url: &str, what: impl Into<String>) -> Check {
        Check {
            level,
            line: format!("{url}: {}", what.into()),
        }
    }

    /// The line with its level in front, as a terminal shows it.
    pub fn labelled(&self) -> String {
        let label = match self.level {
            Level::Ok => "ok     ",
            Level::Note => "note   ",
            Level::Problem => "PROBLEM",
        };
        format!("{label} {}", self.line)
    }
}

/// The configuration: where it was looked for, found or why not, and every problem with its
/// field and what is used instead.
pub fn config(url: &str, reading: &Reading) -> Vec<Check> {
    match &reading.absent {
        Some(absent) => {
            let level = if absent.is_fault() {
                Level::Problem
            } else {
                Level::Note
            };
            vec![Check::new(level, url, absent.explain())]
        }
        None if reading.problems.is_empty() => {
            vec![Check::new(Level::Ok, url, "read, no problems")]
        }
        None => {
            let count = reading.problems.len();
            // The heading of the problems that follow, each a problem of its own.
            let mut checks = vec![Check::new(
                Level::Note,
                url,
                format!(
                    "read, {count} problem{}; each setting named falls back alone, the rest applies",
                    if count == 1 { "" } else { "s" }
                ),
            )];
            checks.extend(
                reading
                    .problems
                    .iter()
                    .map(|p| Check::new(Level::Problem, url, p.clone())),
            );
            checks
        }
    }
}

/// The learners' page itself: it must be Vigil's.
pub fn page(url: &str, answer: Result<Answer, String>) -> Check {
    match answer {
        Err(why) => Check::new(Level::Problem, url, format!("no answer ({why})")),
        Ok(a) if !(200..300).contains(&a.status) => {
            Check::new(Level::Problem, url, format!("HTTP {}", a.status))
        }
        Ok(a) if a.body.contains(APP_MARKER) => Check::new(Level::Ok, url, "Vigil's page"),
        Ok(_) => Check::new(
            Level::Problem,
            url,
            "a page that is not Vigil's (a login page, or another site?)",
        ),
    }
}

/// The address of the wasm the page loads (trunk's loader names it), relative to the page.
pub fn wasm_file(page: &str) -> Option<String> {
    let end = page.find("_bg.wasm")? + "_bg.wasm".len();
    let start = page[..end]
        .rfind(['"', '\'', '/', '(', ' '])
        .map_or(0, |i| i + 1);
    Some(page[start..end].to_string())
}

/// The wasm: served, and as `application/wasm` (the body is not needed).
pub fn wasm(url: &str, answer: Result<Answer, String>) -> Check {
    match answer {
        Err(why) => Check::new(Level::Problem, url, format!("no answer ({why})")),
        Ok(a) if !(200..300).contains(&a.status) => {
            Check::new(Level::Problem, url, format!("HTTP {}", a.status))
        }
        Ok(a) => match a.content_type {
            Some(t) if config_file::is_wasm_type(t) => {
                Check::new(Level::Ok, url, "served as application/wasm")
            }
            other => Check::new(
                Level::Problem,
                url,
                format!(
                    "served as `{}`: serve .wasm files as application/wasm, or browsers download it whole before compiling it (a slower first screen)",
                    other.unwrap_or("no type")
                ),
            ),
        },
    }
}

/// One of Vigil's data files (a language's words, a lessons index): reachable, and JSON rather
/// than the host's fallback page.
pub fn data_file(url: &str, answer: Result<Answer, String>) -> Check {
    match config_file::json_body(answer) {
        Ok(_) => Check::new(Level::Ok, url, "reachable"),
        Err(absent) => {
            let why = match absent {
                Absence::NotFound => "missing (HTTP 404): copy the whole of dist/".to_string(),
                Absence::AppPage => {
                    "answered with Vigil's page: the file is missing (copy the whole of dist/)"
                        .to_string()
                }
                Absence::OtherPage => {
                    "answered with an HTML page that is not this file (a login page?)".to_string()
                }
                Absence::NotJson(t) => {
                    format!("served as `{t}`: serve .json files as application/json")
                }
                Absence::Status(s) => format!("HTTP {s}"),
                Absence::Unreachable(why) => format!("no answer ({why})"),
            };
            Check::new(Level::Problem, url, why)
        }
    }
}

/// The service worker: browsers register only a script served as JavaScript, and its scope is
/// the folder it is served from, which must be Vigil's own (sw.js beside index.html).
pub fn worker(url: &str, answer: Result<Answer, String>) -> Check {
    match answer {
        Err(why) => Check::new(Level::Problem, url, format!("no answer ({why})")),
        Ok(a) if !(200..300).contains(&a.status) => Check::new(
            Level::Problem,
            url,
            format!("HTTP {}: Vigil cannot work offline", a.status),
        ),
        Ok(a) => {
            let essence = a
                .content_type
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if matches!(
                essence.as_str(),
                "text/javascript" | "application/javascript" | "application/x-javascript"
            ) && !a.body.contains(APP_MARKER)
            {
                Check::new(
                    Level::Ok,
                    url,
                    "served as JavaScript; its scope is this folder",
                )
            } else {
                Check::new(
                    Level::Problem,
                    url,
                    format!(
                        "served as `{}`: browsers register a service worker only from JavaScript, so Vigil cannot work offline",
                        a.content_type.unwrap_or("no type")
                    ),
                )
            }
        }
    }
}

/// An address that has no file: a 404, or the host's fallback to Vigil's page, both fine.
pub fn fallback(url: &str, answer: Result<Answer, String>) -> Check {
    match answer {
        Ok(a) if a.status == 404 || a.status == 410 => {
            Check::new(Level::Ok, url, "a missing address answers HTTP 404")
        }
        Ok(a) if a.body.contains(APP_MARKER) => Check::new(
            Level::Note,
            url,
            "a missing address answers with Vigil's page (a single-page-app fallback): fine, Vigil reads that as no file",
        ),
        Ok(a) => Check::new(
            Level::Note,
            url,
            format!("a missing address answers HTTP {}", a.status),
        ),
        Err(why) => Check::new(Level::Problem, url, format!("no answer ({why})")),
    }
}

/// Whether any check needs putting right.
pub fn has_problems(checks: &[Check]) -> bool {
    checks.iter().any(|c| c.level == Level::Problem)
}

/// Service workers exist only in a secure context (https, or localhost).
pub fn secure(url: &str, is_secure: bool) -> Check {
    if is_secure {
        Check::new(Level::Ok, url, "a secure context: Vigil can work offline")
    } else {
        Check::new(
            Level::Problem,
            url,
            "not https: browsers give a page served over plain http no service worker, so Vigil cannot work offline",
        )
    }
}

/// The service worker registered for this page (`scope`), which must be Vigil's own folder.
pub fn worker_scope(folder: &str, scope: Option<&str>) -> Check {
    match scope {
        Some(scope) if scope == folder => Check::new(
            Level::Ok,
            folder,
            "a service worker is registered for this folder",
        ),
        Some(scope) => Check::new(
            Level::Problem,
            folder,
            format!("the service worker registered for this page is another folder's ({scope})"),
        ),
        None => Check::new(
            Level::Note,
            folder,
            "no service worker registered yet: a learner's visit registers it (not in an LMS launch, nor with \"offline\": false)",
        ),
    }
}

/// Whether a page's query (`?check`, `?x=1&check`) asks for the deployment check.
pub fn asks_for_check(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|part| part == "check" || part.starts_with("check="))
}
