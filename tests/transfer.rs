//! Export and import of a learner's progress: a round trip, and every way an import file can be
//! wrong refused with its own message before anything changes.

use vigil::core::progress::{self, DecodeError, Progress};
use vigil::core::transfer::{self, ImportError, MAX_BYTES};

fn sample() -> Progress {
    progress::decode(
        r#"{"schema":1,"role":"front-desk","lang":"fr","modules":{"front-desk-check-in":{"content_version":1,"attempt":2,
        "path":["welcome","arrival","at-the-desk"],"answers":{"at-the-desk":{"choice":"note-and-tell","points":3,"max":3,"at":5}},
        "started_at":1,"updated_at":5,"completions":[{"attempt":1,"earned":10,"max":14,"at":0}]}}}"#,
    )
    .unwrap()
}

fn file_with(progress_json: &str, learner: &str) -> String {
    let learner = serde_json::to_string(learner).unwrap();
    format!(
        r#"{{"format":"vigil-progress","version":1,"exported_at":7,"learner":{learner},"progress":{progress_json}}}"#
    )
}

#[test]
fn an_export_imports_back_exactly() {
    let text = transfer::export("Anna", &sample(), 1_764_000_000_000);
    let imported = transfer::import(text.as_bytes()).unwrap();
    assert_eq!(imported.learner, "Anna");
    assert_eq!(imported.exported_at, 1_764_000_000_000);
    assert_eq!(imported.progress, sample());
}

#[test]
fn a_file_of_the_wrong_type_is_refused() {
    assert_eq!(
        transfer::import(b"\x89PNG\r\n\x1a\n\0\0"),
        Err(ImportError::NotAnExport)
    );
    assert_eq!(
        transfer::import(b"name,score\nAnna,10\n"),
        Err(ImportError::NotAnExport)
    );
    assert_eq!(
        transfer::import(b"{\"format\":\"something-else\",\"version\":1}"),
        Err(ImportError::NotAnExport)
    );
    assert_eq!(
        transfer::import(progress::encode(&sample()).as_bytes()),
        Err(ImportError::NotAnExport),
        "a bare record is not an export"
    );
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let big = vec![b' '; MAX_BYTES + 1];
    assert_eq!(
        transfer::import(&big),
        Err(ImportError::TooLarge(MAX_BYTES + 1))
    );
    assert_eq!(
        ImportError::TooLarge(MAX_BYTES + 1).to_string(),
        "the file is too large (1048577 bytes; a progress file is at most 1048576)"
    );
}

#[test]
fn a_file_from_a_newer_vigil_is_refused() {
    let text = transfer::export("Anna", &sample(), 1).replace("\"version\": 1", "\"version\": 7");
    assert_eq!(
        transfer::import(text.as_bytes()),
        Err(ImportError::UnsupportedVersion(7))
    );
    let newer = file_with(r#"{"schema":9,"modules":{}}"#, "Anna");
    assert_eq!(
        transfer::import(newer.as_bytes()),
        Err(ImportError::BadProgress(DecodeError::FutureSchema(9)))
    );
}

#[test]
fn hostile_strings_are_refused() {
    let script = file_with(
        r#"{"schema":1,"modules":{"m":{"content_version":1,"attempt":1,"path":["<script>alert(1)</script>"],"started_at":0,"updated_at":0}}}"#,
        "Anna",
    );
    assert_eq!(
        transfer::import(script.as_bytes()),
        Err(ImportError::Suspicious(
            "a step id in module \"m\": \"<script>alert(1)</sc\"".to_string()
        ))
    );
    let long_id = file_with(
        &format!(
            r#"{{"schema":1,"modules":{{"{}":{{"content_version":1,"attempt":1,"path":[],"started_at":0,"updated_at":0}}}}}}"#,
            "a".repeat(101)
        ),
        "Anna",
    );
    assert_eq!(
        transfer::import(long_id.as_bytes()),
        Err(ImportError::Suspicious("a module id".to_string()))
    );
    let empty_name = file_with(r#"{"schema":1,"modules":{}}"#, "\u{202e}\u{0}  ");
    assert!(matches!(
        transfer::import(empty_name.as_bytes()),
        Err(ImportError::Suspicious(_))
    ));
    let cheat = file_with(
        r#"{"schema":1,"modules":{"m":{"content_version":1,"attempt":1,"path":["a"],"answers":{"a":{"choice":"x","points":99,"max":3,"at":0}},"started_at":0,"updated_at":0}}}"#,
        "Anna",
    );
    assert_eq!(
        transfer::import(cheat.as_bytes()),
        Err(ImportError::Suspicious(
            "an answer in module \"m\"".to_string()
        ))
    );
    let role = file_with(r#"{"schema":1,"role":"admin","modules":{}}"#, "Anna");
    assert_eq!(
        transfer::import(role.as_bytes()),
        Err(ImportError::Suspicious("an unknown role".to_string()))
    );
    // A name with markup is kept as text: it is only ever shown as text.
    let markup = file_with(r#"{"schema":1,"modules":{}}"#, "<b>Anna</b>");
    assert_eq!(
        transfer::import(markup.as_bytes()).unwrap().learner,
        "<b>Anna</b>"
    );
}
