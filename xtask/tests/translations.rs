//! `cargo xtask translations` on a copy of the repository's lessons and locales: the commands
//! as a translator runs them, the files compared byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of lessons/, locales/ and translations/ that a test may change.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str) -> Project {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("translations-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for folder in ["lessons", "locales"] {
            copy(&repo.join(folder), &dir.join(folder));
        }
        std::fs::create_dir_all(dir.join("translations")).unwrap();
        Project { dir }
    }

    fn xtask(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .env("VIGIL_LESSONS", self.dir.join("lessons"))
            .env("VIGIL_LOCALES", self.dir.join("locales"))
            .env("VIGIL_TRANSLATIONS", self.dir.join("translations"))
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.xtask(args);
        assert!(
            out.status.success(),
            "{args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail; its standard error.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.xtask(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8(out.stderr).unwrap()
    }

    fn export(&self, code: &str) -> (PathBuf, String) {
        let file = self.dir.join(format!("vigil-{code}.xlf"));
        self.ok(&[
            "translations",
            "export",
            code,
            "--out",
            file.to_str().unwrap(),
        ]);
        let xml = std::fs::read_to_string(&file).unwrap();
        (file, xml)
    }

    /// Writes an XLIFF file and imports it.
    fn import(&self, xml: &str) -> Output {
        let file = self.dir.join("import.xlf");
        std::fs::write(&file, xml).unwrap();
        self.xtask(&["translations", "import", file.to_str().unwrap()])
    }

    /// Every file of the texts and records, by path, byte for byte.
    fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        for folder in ["lessons", "locales", "translations"] {
            read_tree(&self.dir, &self.dir.join(folder), &mut files);
        }
        files
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).unwrap()
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        // The built bundles are not sources.
        if name == "lead" || name.to_string_lossy().ends_with(".json") && from.ends_with("lessons")
        {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(name));
        } else {
            std::fs::copy(entry.path(), to.join(name)).unwrap();
        }
    }
}

fn read_tree(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(base, &path, files);
        } else {
            let name = path.strip_prefix(base).unwrap().display().to_string();
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
}

/// The paths whose bytes differ between two trees (added and removed files included).
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .cloned()
        .collect()
}

/// The `<target>` of one unit of one file, replaced.
fn retarget(xml: &str, original: &str, id: &str, target: &str) -> String {
    let file = xml.find(&format!("original=\"{original}\"")).unwrap();
    let unit = file
        + xml[file..]
            .find(&format!("<trans-unit id=\"{id}\""))
            .unwrap();
    let start = unit + xml[unit..].find("<target").unwrap();
    let tag_end = start + xml[start..].find('>').unwrap() + 1;
    let end = if xml[..tag_end].ends_with("/>") {
        tag_end
    } else {
        start + xml[start..].find("</target>").unwrap() + "</target>".len()
    };
    format!("{}{target}{}", &xml[..start], &xml[end..])
}

const FRONT_DESK: &str = "lessons/front-desk-check-in/en.toml";

/// How many texts the course has: the units of an export, so that no figure here goes stale
/// when a text is added.
fn texts(xml: &str) -> usize {
    xml.matches("<trans-unit ").count()
}

#[test]
fn a_round_trip_changes_no_byte_in_any_language() {
    let project = Project::new("round-trip");
    let pristine = project.tree();
    for code in ["fr", "nl", "de"] {
        // With no record yet every unit is to review; once accepted, every one is translated:
        // neither import may change a byte.
        let (file, xml) = project.export(code);
        assert!(xml.contains("state=\"needs-review-translation\""));
        project.ok(&["translations", "import", file.to_str().unwrap()]);
        assert_eq!(changed(&pristine, &project.tree()), Vec::<String>::new());
    }
    for code in ["fr", "nl", "de"] {
        project.ok(&["translations", "accept", code]);
    }
    let accepted = project.tree();
    assert_eq!(
        changed(&pristine, &accepted),
        [
            "translations/de.toml",
            "translations/fr.toml",
            "translations/nl.toml"
        ]
    );
    for code in ["fr", "nl", "de"] {
        let (file, xml) = project.export(code);
        assert!(!xml.contains("needs-review"), "{code}: all accepted");
        assert_eq!(
            xml.matches("<trans-unit ").count(),
            xml.matches("state=\"translated\"").count()
        );
        project.ok(&["translations", "import", file.to_str().unwrap()]);
        assert_eq!(
            changed(&accepted, &project.tree()),
            Vec::<String>::new(),
            "{code}"
        );
    }
}

#[test]
fn one_changed_text_changes_exactly_that_text() {
    let project = Project::new("one-change");
    project.ok(&["translations", "accept", "fr"]);
    let (_, xml) = project.export("fr");
    let before = project.tree();
    let old_fr = project.read("lessons/front-desk-check-in/fr.toml");
    let id = "step.at-the-desk.choices.call-police-now.label";
    let new_text = "Vous restez calme. Du back-office, vous appelez « tout de suite » la police au {police-emergency} et prévenez la responsable.";
    let markup = new_text.replace(
        "{police-emergency}",
        "<x id=\"1\" ctype=\"x-vigil-placeholder\" equiv-text=\"{police-emergency}\"/>",
    );
    let edited = retarget(
        &xml,
        FRONT_DESK,
        id,
        &format!("<target state=\"translated\">{markup}</target>"),
    );
    let out = project.import(&edited);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The language's file, and no other: the record already named this English.
    assert_eq!(
        changed(&before, &project.tree()),
        ["lessons/front-desk-check-in/fr.toml"]
    );
    let old_label = "\"Vous ne montrez rien. Depuis le back-office, vous appelez la police tout de suite au {police-emergency}, et prévenez en même temps la responsable.\"";
    assert!(old_fr.contains(old_label));
    let expected = old_fr.replace(old_label, &format!("\"{new_text}\""));
    assert_eq!(
        project.read("lessons/front-desk-check-in/fr.toml"),
        expected
    );
}

#[test]
fn the_course_package_titles_are_texts_of_the_locale_file_and_only_they_change() {
    let project = Project::new("package");
    project.ok(&["translations", "accept", "fr"]);
    let (_, xml) = project.export("fr");
    let before = project.tree();
    let old_toml = project.read("locales/fr.toml");
    // The [package] table is exported, with its placeholder as a code; the file's name,
    // direction and refused terms are the language's own, not texts to translate.
    let units: Vec<&str> = xml
        .split("<trans-unit id=\"")
        .skip(1)
        .map(|u| &u[..u.find('"').unwrap()])
        .filter(|id| id.starts_with("package.") || *id == "name" || *id == "direction")
        .collect();
    assert_eq!(
        units,
        [
            "package.title",
            "package.description",
            "package.whole_title",
            "package.whole_description",
            "package.track_title",
            "package.track_description"
        ]
    );
    let code = "<x id=\"1\" ctype=\"x-vigil-interpolation\" equiv-text=\"{{ role }}\"/>";
    assert!(xml.contains(&format!("<source>Vigil: {code}</source>")));
    let edited = retarget(
        &xml,
        "locales/en.toml",
        "package.track_title",
        &format!("<target state=\"translated\">Vigil, parcours {code}</target>"),
    );
    let out = project.import(&edited);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(changed(&before, &project.tree()), ["locales/fr.toml"]);
    assert_eq!(
        project.read("locales/fr.toml"),
        old_toml.replacen(
            "track_title = \"Vigil\u{a0}: {{ role }}\"",
            "track_title = \"Vigil, parcours {{ role }}\"",
            1
        )
    );
    // Without the role's placeholder an LMS would list every track alike: refused.
    let broken = retarget(
        &xml,
        "locales/en.toml",
        "package.track_title",
        "<target state=\"translated\">Vigil, un parcours</target>",
    );
    let errors = String::from_utf8(project.import(&broken).stderr).unwrap();
    assert!(
        errors.contains(
            "unit \"package.track_title\" (locales/en.toml): missing placeholder {{ role }}"
        ),
        "{errors}"
    );
}

#[test]
fn a_changed_paragraph_and_interface_text_keep_their_files_layout() {
    let project = Project::new("multi-line");
    let (_, xml) = project.export("nl");
    let old_nl = project.read("lessons/front-desk-check-in/nl.toml");
    let old_json = project.read("locales/nl.json");
    // A multi-line text stays a """ string; a quote that would close it is escaped.
    let body = "Eerste alinea, met \"aanhalingstekens\".\n\nTweede alinea eindigt op \"";
    let xml = retarget(
        &xml,
        FRONT_DESK,
        "step.welcome.body",
        &format!(
            "<target state=\"translated\">{}</target>",
            body.replace('"', "&quot;")
        ),
    );
    let xml = retarget(
        &xml,
        "locales/en.json",
        "minutes",
        "<target>Ongeveer <x id=\"1\"/> minuutjes</target>",
    );
    let out = project.import(&xml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new_nl = project.read("lessons/front-desk-check-in/nl.toml");
    let start = old_nl.find("[step.welcome]").unwrap();
    let body_at = start + old_nl[start..].find("body = \"\"\"").unwrap() + "body = ".len();
    let body_end = body_at + 3 + old_nl[body_at + 3..].find("\"\"\"").unwrap() + 3;
    let expected = format!(
        "{}\"\"\"\nEerste alinea, met \"aanhalingstekens\".\n\nTweede alinea eindigt op \\\"\"\"\"{}",
        &old_nl[..body_at],
        &old_nl[body_end..]
    );
    assert_eq!(new_nl, expected);
    let parsed: toml::Table = toml::from_str(&new_nl).unwrap();
    assert_eq!(parsed["step"]["welcome"]["body"].as_str(), Some(body));
    let old_minutes = old_json
        .lines()
        .find(|l| l.trim_start().starts_with("\"minutes\""))
        .unwrap();
    let new_json = project.read("locales/nl.json");
    assert_eq!(
        new_json,
        old_json.replacen(
            old_minutes,
            "  \"minutes\": \"Ongeveer {{ n }} minuutjes\",",
            1
        )
    );
    // Imported as translated: the record now says which English it was made from.
    let status = project.ok(&["translations", "status", "nl"]);
    let older = format!("older than English {}", texts(&xml) - 2);
    assert!(status.contains(&older), "{status}");
}

#[test]
fn an_import_with_problems_is_refused_with_every_problem_named_and_nothing_written() {
    let project = Project::new("refused");
    let (_, xml) = project.export("fr");
    let before = project.tree();
    let xml = xml.replacen(
        "<trans-unit id=\"app_name\"",
        "<trans-unit id=\"no-such-text\" xml:space=\"preserve\"><source>x</source><target>y</target></trans-unit>\n      <trans-unit id=\"app_name\"",
        1,
    );
    // The placeholder taken out, one added, a code the source has not, markup that is not Vigil's.
    let xml = retarget(
        &xml,
        FRONT_DESK,
        "step.at-the-desk.choices.call-police-now.label",
        "<target state=\"translated\">Appelez la police.</target>",
    );
    let xml = retarget(
        &xml,
        FRONT_DESK,
        "step.welcome.title",
        "<target state=\"translated\">Avant de commencer {police}</target>",
    );
    let xml = retarget(
        &xml,
        "locales/en.json",
        "minutes",
        "<target>Environ <x id=\"7\"/> minutes</target>",
    );
    let xml = retarget(
        &xml,
        "locales/en.json",
        "home",
        "<target>Tous <g id=\"1\">les</g> modules</target>",
    );
    let xml = xml.replacen(
        "original=\"lessons/housekeeping-rooms/en.toml\" source-language=\"en\" target-language=\"fr\"",
        "original=\"lessons/housekeeping-rooms/en.toml\" source-language=\"en\" target-language=\"nl\"",
        1,
    );
    let xml = xml.replacen(
        "</xliff>",
        "<file original=\"lessons/no-such-module/en.toml\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body/></file></xliff>",
        1,
    );
    let out = project.import(&xml);
    assert!(!out.status.success());
    let errors = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "unit \"no-such-text\" (locales/en.json): unknown id",
        "unit \"step.at-the-desk.choices.call-police-now.label\" (lessons/front-desk-check-in/en.toml): missing placeholder {police-emergency}",
        "unit \"step.welcome.title\" (lessons/front-desk-check-in/en.toml): extra placeholder {police}",
        "unit \"minutes\" (locales/en.json): broken markup: <x id=\"7\"/> in <target> is not one of the source's inline codes",
        "unit \"minutes\" (locales/en.json): missing placeholder {{ n }}",
        "unit \"home\" (locales/en.json): broken markup: <g> in <target>",
        "file \"lessons/housekeeping-rooms/en.toml\": wrong target-language \"nl\"",
        "unknown file original=\"lessons/no-such-module/en.toml\"",
        "8 problem(s) in",
    ] {
        assert!(errors.contains(expected), "no `{expected}` in:\n{errors}");
    }
    assert_eq!(changed(&before, &project.tree()), Vec::<String>::new());

    // Markup that is not XML at all: named with its line, nothing written.
    let broken = xml.replacen("</source>", "</sourc>", 1);
    let out = project.import(&broken);
    let errors = String::from_utf8(out.stderr).unwrap();
    assert!(
        errors.contains("broken markup, not well-formed XML"),
        "{errors}"
    );
    assert!(errors.contains("sourc"), "{errors}");
    assert_eq!(changed(&before, &project.tree()), Vec::<String>::new());
}

#[test]
fn a_language_not_present_and_english_are_refused() {
    let project = Project::new("wrong-language");
    let (_, xml) = project.export("fr");
    let errors = String::from_utf8(
        project
            .import(&xml.replace("target-language=\"fr\"", "target-language=\"es\""))
            .stderr,
    )
    .unwrap();
    assert!(
        errors.contains(
            "wrong target-language \"es\": not a present language; write locales/es.toml first"
        ),
        "{errors}"
    );
    let errors = String::from_utf8(
        project
            .import(&xml.replace("target-language=\"fr\"", "target-language=\"en\""))
            .stderr,
    )
    .unwrap();
    assert!(errors.contains("wrong target-language \"en\""), "{errors}");
    assert!(project
        .refused(&["translations", "export", "en"])
        .contains("English is the source"));
}

#[test]
fn the_status_tells_texts_older_than_their_english_and_the_export_marks_them() {
    let project = Project::new("status");
    project.ok(&["translations", "accept", "de"]);
    let total = texts(&project.export("de").1);
    assert!(project
        .ok(&["translations", "status", "de"])
        .contains(&format!(
            "de: {total} texts, missing 0, older than English 0"
        )));
    // The English changes after the translation.
    let english = project.read(FRONT_DESK);
    let changed_english = english.replacen(
        "title = \"Before you start\"",
        "title = \"Before we start\"",
        1,
    );
    assert_ne!(english, changed_english);
    std::fs::write(project.dir.join(FRONT_DESK), changed_english).unwrap();
    assert!(project
        .ok(&["translations", "status", "de"])
        .contains("older than English 1"));
    let (_, xml) = project.export("de");
    let unit = &xml[xml.find(FRONT_DESK).unwrap()..];
    let unit = &unit[unit.find("<trans-unit id=\"step.welcome.title\"").unwrap()..];
    let unit = &unit[..unit.find("</trans-unit>").unwrap()];
    assert!(unit.contains("<source>Before we start</source>"), "{unit}");
    assert!(
        unit.contains("state=\"needs-review-translation\""),
        "{unit}"
    );
    assert_eq!(xml.matches("needs-review-translation\"").count(), 1);
    // `cargo xtask lessons` prints a line per language.
    let lessons = project.ok(&["lessons"]);
    assert!(
        lessons.contains(&format!(
            "translations: de: {total} texts, missing 0, older than English 1"
        )),
        "{lessons}"
    );
    assert!(
        lessons.contains(&format!(
            "translations: fr: {total} texts, missing 0, older than English {total}"
        )),
        "{lessons}"
    );
    // Reviewed and confirmed in the CAT tool: the record takes the new English.
    let xml = xml.replacen("needs-review-translation\"", "translated\"", 1);
    let out = project.import(&xml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(project
        .ok(&["translations", "status", "de"])
        .contains("older than English 0"));
}

#[test]
fn a_new_language_is_written_in_the_english_layout_with_its_missing_texts_empty() {
    let project = Project::new("new-language");
    std::fs::write(
        project.dir.join("locales/pt.toml"),
        "name = \"Português\"\ndirection = \"ltr\"\ndraft = true\n",
    )
    .unwrap();
    let (_, xml) = project.export("pt");
    let total = texts(&xml);
    assert_eq!(xml.matches("<target state=\"new\"/>").count(), total);
    let xml = retarget(
        &xml,
        FRONT_DESK,
        "step.welcome.title",
        "<target state=\"translated\">Antes de começar</target>",
    );
    let xml = retarget(
        &xml,
        "locales/en.json",
        "minutes",
        "<target state=\"translated\">Cerca de <x id=\"1\"/> minutos</target>",
    );
    let xml = retarget(
        &xml,
        "locales/en.toml",
        "package.whole_title",
        "<target state=\"translated\">Vigil: o curso completo</target>",
    );
    let out = project.import(&xml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lesson: toml::Table =
        toml::from_str(&project.read("lessons/front-desk-check-in/pt.toml")).unwrap();
    assert_eq!(
        lesson["step"]["welcome"]["title"].as_str(),
        Some("Antes de começar")
    );
    assert_eq!(lesson["step"]["welcome"]["body"].as_str(), Some(""));
    let locale = project.read("locales/pt.json");
    assert!(
        locale.contains("\"minutes\": \"Cerca de {{ n }} minutos\""),
        "{locale}"
    );
    // The locale file the translator wrote keeps its lines; the package's title is added.
    let own: toml::Table = toml::from_str(&project.read("locales/pt.toml")).unwrap();
    assert_eq!(own["name"].as_str(), Some("Português"));
    assert_eq!(
        own["package"]["whole_title"].as_str(),
        Some("Vigil: o curso completo")
    );
    assert!(project
        .ok(&["translations", "status", "pt"])
        .contains(&format!(
            "pt: {total} texts, missing {}, older than English 0",
            total - 3
        )));
    // The lesson check names what is left to translate.
    let errors = project.refused(&["lessons"]);
    assert!(
        errors.contains("lessons/front-desk-check-in/pt.toml:2: [module]: empty text in `title`"),
        "{errors}"
    );
}

#[test]
fn a_segmented_target_is_read_through_its_segment_markers() {
    let project = Project::new("segmented");
    let (_, xml) = project.export("fr");
    let before = project.read("locales/fr.json");
    // Okapi and other segmenting tools wrap each sentence of a target in <mrk mtype="seg">.
    let xml = retarget(
        &xml,
        "locales/en.json",
        "step_of",
        "<target state=\"needs-review-translation\"><mrk mtype=\"seg\" mid=\"1\">Étape <x id=\"1\"/> sur <x id=\"2\"/>.</mrk></target>",
    );
    let out = project.import(&xml);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let old_line = before
        .lines()
        .find(|l| l.trim_start().starts_with("\"step_of\""))
        .unwrap();
    assert_eq!(
        project.read("locales/fr.json"),
        before.replacen(
            old_line,
            "  \"step_of\": \"Étape {{ n }} sur {{ m }}.\",",
            1
        )
    );
}
