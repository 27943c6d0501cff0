//! The class summary a teacher builds from completion codes: one row per learner (the newest
//! code wins), lines that are not codes reported and ignored, the CSV exactly as a spreadsheet
//! reads it, and what the teacher's browser keeps.

use vigil::core::class::{Added, Cell, Class, Column, CsvHeadings, Outcome};
mod common;

use common::{code, DAY};
use vigil::core::completion::CodeError;

fn columns() -> Vec<Column> {
    [
        ("why-it-matters", "Why it matters, and what The Code is"),
        (
            "front-desk-check-in",
            "Front desk: a check-in that doesn't feel right",
        ),
        ("true-or-false", "True or false?"),
    ]
    .into_iter()
    .map(|(id, title)| Column {
        id: id.to_string(),
        title: title.to_string(),
    })
    .collect()
}

fn headings() -> CsvHeadings {
    CsvHeadings {
        learner: "Learner".to_string(),
        made: "Code made on".to_string(),
        score: "score %".to_string(),
        date: "completed on".to_string(),
    }
}

/// A class of four: one with every module, one with a comma and quotes in her name, one whose
/// name a spreadsheet would take for a formula, and one with a module this course lacks.
fn fixture() -> Class {
    let mut class = Class::default();
    class.add(code(
        "Zoë Peeters",
        DAY,
        545,
        &[
            ("why-it-matters", 100, 2),
            ("front-desk-check-in", 83, 1),
            ("true-or-false", 66, 0),
        ],
    ));
    class.add(code(
        "Marie \"Mimi\" Dupont, jr",
        DAY,
        600,
        &[("why-it-matters", 90, 0)],
    ));
    class.add(code(
        "=HYPERLINK(\"x\")",
        DAY + 1,
        5,
        &[("true-or-false", 50, 1)],
    ));
    class.add(code(
        "amira benali",
        DAY - 30,
        1439,
        &[("front-desk-check-in", 75, 10), ("security-night", 100, 12)],
    ));
    class
}

#[test]
fn the_csv_of_a_class_is_exactly_this() {
    let expected = concat!(
        "\u{feff}",
        "Learner,Code made on,Why it matters and what The Code is (score %),Why it matters and what The Code is (completed on),",
        "Front desk: a check-in that doesn't feel right (score %),Front desk: a check-in that doesn't feel right (completed on),",
        "True or false? (score %),True or false? (completed on)\r\n",
        "\"'=HYPERLINK(\"\"x\"\")\",2025-03-15 00:05,,,,,50,2025-03-14\r\n",
        "amira benali,2025-02-12 23:59,,,75,2025-02-02,,\r\n",
        "\"Marie \"\"Mimi\"\" Dupont, jr\",2025-03-14 10:00,90,2025-03-14,,,,\r\n",
        "Zoë Peeters,2025-03-14 09:05,100,2025-03-12,83,2025-03-13,66,2025-03-14\r\n",
    );
    let mut columns = columns();
    // A title with a comma is quoted; this one is written without, as the test reads best.
    columns[0].title = "Why it matters and what The Code is".to_string();
    assert_eq!(fixture().csv(&columns, &headings()), expected);
}

#[test]
fn a_title_with_a_comma_is_quoted_in_the_csv() {
    let csv = fixture().csv(&columns(), &headings());
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",\"Why it matters, and what The Code is (score %)\","),
        "{header}"
    );
}

#[test]
fn the_table_has_a_row_per_learner_by_name_and_a_cell_per_module() {
    let rows = fixture().rows(&columns());
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "=HYPERLINK(\"x\")",
            "amira benali",
            "Marie \"Mimi\" Dupont, jr",
            "Zoë Peeters"
        ]
    );
    let amira = &rows[1];
    assert_eq!(
        amira.cells,
        vec![
            None,
            Some(Cell {
                percent: 75,
                date: "2025-02-02".to_string()
            }),
            None
        ]
    );
    assert_eq!(amira.other_modules, 1, "security-night is not a column");
    assert_eq!(amira.made, "2025-02-12 23:59");
}

#[test]
fn the_same_learners_code_twice_counts_once_and_the_newest_wins() {
    let older = code("Amira Benali", DAY, 600, &[("why-it-matters", 60, 0)]);
    let newer = code(
        "AMIRA BENALI",
        DAY,
        601,
        &[("why-it-matters", 100, 0), ("true-or-false", 80, 0)],
    );

    let mut class = Class::default();
    assert_eq!(
        class.add(older.clone()),
        Added::New("Amira Benali".to_string())
    );
    assert_eq!(
        class.add(older.clone()),
        Added::AlreadyCounted("Amira Benali".to_string())
    );
    assert_eq!(
        class.add(newer.clone()),
        Added::Updated("AMIRA BENALI".to_string())
    );
    assert_eq!(class.len(), 1);
    let row = &class.rows(&columns())[0];
    assert_eq!(row.cells[0].as_ref().map(|c| c.percent), Some(100));

    // The newer first: the older one, scanned later, changes nothing.
    let mut class = Class::default();
    class.add(newer);
    assert_eq!(
        class.add(older),
        Added::AlreadyCounted("Amira Benali".to_string())
    );
    assert_eq!(
        class.rows(&columns())[0].cells[2]
            .as_ref()
            .map(|c| c.percent),
        Some(80)
    );
}

#[test]
fn pasted_text_adds_every_code_and_reports_each_line_that_is_not_one() {
    let amira = code("Amira Benali", DAY, 600, &[("why-it-matters", 60, 0)]).encode();
    let jan = code("Jan De Smet", DAY, 610, &[("true-or-false", 90, 0)]).encode_compact();
    let mut typo = amira.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == '0' { '1' } else { '0' });
    let text = format!(
        "{amira}\n\n  https://intranet.example/vigil/lead/?class#{jan}  \r\n{typo}\nhello, {amira}\n"
    );
    let mut class = Class::default();
    let outcomes = class.add_text(&text);
    assert_eq!(
        outcomes,
        vec![
            Outcome {
                line: 1,
                result: Ok(Added::New("Amira Benali".to_string()))
            },
            Outcome {
                line: 3,
                result: Ok(Added::New("Jan De Smet".to_string()))
            },
            Outcome {
                line: 4,
                result: Err(CodeError::Checksum)
            },
            Outcome {
                line: 5,
                result: Err(CodeError::TooShort)
            },
            Outcome {
                line: 5,
                result: Ok(Added::AlreadyCounted("Amira Benali".to_string()))
            },
        ]
    );
    assert_eq!(class.len(), 2);
}

#[test]
fn a_refused_code_changes_nothing() {
    let mut class = fixture();
    let before = class.clone();
    let outcomes =
        class.add_text("not a code\n1ZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\n#<img src=x onerror=alert(1)>");
    assert!(outcomes.iter().all(|o| o.result.is_err()), "{outcomes:?}");
    assert_eq!(class, before);
}

#[test]
fn the_teachers_browser_keeps_the_codes_and_checks_them_again_on_reading() {
    let class = fixture();
    let kept = class.encode();
    assert_eq!(Class::decode(&kept), (class.clone(), 0));

    // A kept code that no longer reads is left out and counted; the rest stay.
    let tampered = kept.replacen("\"1", "\"2", 1);
    let (read, unreadable) = Class::decode(&tampered);
    assert_eq!((read.len(), unreadable), (class.len() - 1, 1));

    assert_eq!(Class::decode("not json"), (Class::default(), 1));
    assert_eq!(
        Class::decode("{\"schema\":2,\"codes\":[\"x\",\"y\"]}"),
        (Class::default(), 2)
    );
}
