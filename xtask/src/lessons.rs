//! `cargo xtask lessons [--out DIR]`: checks every lesson and writes one course bundle per
//! language (`DIR/<lang>.json`), so that a learner downloads only their own language.
//!
//! Trunk runs this before every build (see Trunk.toml) with `--staging`, which writes into
//! trunk's staging folder, so broken content fails the build.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use vigil::core::course::{Course, CourseIndex, Lang, LeadModule, Module, ModuleEntry, StepKind};
use vigil::core::language::{self, Languages, Typography};
use vigil::core::lesson::{self, timing};
use vigil::lesson_files;

use crate::root;

pub fn run(args: &[String]) -> Result<(), String> {
    let out: Option<PathBuf> = match args {
        [flag, dir] if flag == "--check" => return check(&PathBuf::from(dir)),
        [flag, files @ ..] if flag == "--fix-typography" => return fix_typography(files),
        [] => None,
        [flag, dir] if flag == "--out" => Some(PathBuf::from(dir)),
        [flag] if flag == "--staging" => Some(
            std::env::var_os("TRUNK_STAGING_DIR")
                .map(|dir| PathBuf::from(dir).join("lessons"))
                .ok_or("--staging is for trunk's pre-build hook: TRUNK_STAGING_DIR is not set")?,
        ),
        _ => {
            return Err(
                "usage: cargo xtask lessons [--out DIR | --staging | --check DIR | --fix-typography [FILE...]]".to_string(),
            )
        }
    };
    let dir = lessons_dir();
    let locales = locales_dir();
    let languages = match lesson_files::languages_in(&locales) {
        Ok(languages) => languages,
        Err(problems) => return Err(refuse(&problems, &locales)),
    };
    let mut compiled = lesson_files::compile_dir_with(&dir, &languages);
    // Each language's interface text has every English key with the same interpolations, and
    // follows its language's terms and typography, as the lessons do.
    let interface = interface_problems(&languages, &locales);
    if !interface.is_empty() {
        match &mut compiled {
            Ok(_) => compiled = Err(interface),
            Err(problems) => problems.extend(interface),
        }
    }
    // The figures help an author most when the build refuses a module, so they are printed
    // before the problems, for every module that compiles; trunk's hook needs only the check.
    if out.is_none() {
        print_languages(&languages);
        // Per language, how much is missing or older than its English: a status, not a problem.
        match crate::translations::status_lines(&crate::translations::paths()) {
            Ok(lines) => lines.iter().for_each(|line| println!("{line}")),
            Err(problem) => eprintln!("translations: no status ({problem})"),
        }
        print_assessment(&dir, &languages);
    }
    let courses = match compiled {
        Ok(courses) => courses,
        Err(problems) => return Err(refuse(&problems, &dir)),
    };
    let modules = courses.first().map_or(0, |c| c.modules.len());
    if let Some(out) = out {
        write_bundles(&courses, &out)?;
        // The interface's words, one flattened file per language, beside `lessons/`.
        write_locales(&languages, &locales, &out.with_file_name("locales"))?;
        println!(
            "lessons: {modules} module(s) checked, content written to {}",
            out.display()
        );
    } else {
        println!("lessons: {modules} module(s) checked, no problems");
    }
    Ok(())
}

/// VIGIL_LESSONS names another lessons folder (the bench builds a generated course with it).
pub fn lessons_dir() -> PathBuf {
    std::env::var_os("VIGIL_LESSONS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("lessons"))
}

/// VIGIL_LOCALES names another locales folder (the browser tests' right-to-left fixture
/// language); build.rs reads the same variable, so that the app and its files agree.
pub fn locales_dir() -> PathBuf {
    std::env::var_os("VIGIL_LOCALES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("locales"))
}

/// Writes each present language's interface text, flattened to dotted keys, as the app reads
/// it (`locales/<code>.json`).
pub fn write_locales(languages: &Languages, locales: &Path, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for lang in languages.codes() {
        let (_, words) = lesson_files::read_locale(locales, lang)?;
        let json = serde_json::to_string(&words).map_err(|e| e.to_string())?;
        write(&out.join(format!("{lang}.json")), &json)?;
    }
    Ok(())
}

/// Which languages are present, and which are drafts (built and tested, offered only when an
/// organisation names them).
fn print_languages(languages: &Languages) {
    let all: Vec<String> = languages
        .all()
        .iter()
        .map(|l| {
            let draft = if l.draft { ", draft" } else { "" };
            format!("{} ({}, {}{draft})", l.lang, l.name, l.direction.as_str())
        })
        .collect();
    println!("languages: {}", all.join("; "));
}

/// Writes, per language, the index the app loads first (`index.<lang>.json`) and one content
/// file per module, named with a hash of its content (`<module>.<lang>.<hash>.json`) so that a
/// host can cache it for good: a changed lesson is a new name.
pub fn write_bundles(courses: &[Course], out: &Path) -> Result<(), String> {
    for course in courses {
        write_files(course, out, serde_json::to_string)?;
        // The lead page's files, in `lead/` beside the learners': an index of the same shape,
        // whose entries name files holding each module with its facilitator texts
        // (`LeadModule`). The learners' files and index stay as they are.
        write_files(course, &out.join("lead"), |module| {
            serde_json::to_string(&LeadModule::of(module))
        })?;
    }
    Ok(())
}

/// One language's index and one file per module, as `json` writes it, each module file named
/// by a hash of its own content.
fn write_files(
    course: &Course,
    out: &Path,
    json: impl Fn(&Module) -> serde_json::Result<String>,
) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let lang = course.lang.code();
    let mut entries = Vec::new();
    for module in &course.modules {
        let json = json(module).map_err(|e| e.to_string())?;
        let hash = hex(&Sha256::digest(json.as_bytes())[..5]);
        let file = format!("{}.{lang}.{hash}.json", module.id);
        write(&out.join(&file), &json)?;
        entries.push(ModuleEntry::of(module, file));
    }
    let index = CourseIndex {
        lang: course.lang,
        modules: entries,
    };
    let json = serde_json::to_string(&index).map_err(|e| e.to_string())?;
    write(&out.join(format!("index.{lang}.json")), &json)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `--check DIR`: checks one module folder (or a folder of them) anywhere on disk, for authors
/// writing a module before it joins lessons/, and prints what an author wants to know of it.
fn check(dir: &Path) -> Result<(), String> {
    let result = if dir.join("module.toml").exists() {
        let shown_from = dir.parent().unwrap_or(dir);
        let files = lesson_files::read_lesson(dir, shown_from).map_err(|e| e.to_string())?;
        let languages = lesson_files::languages_in(&locales_dir()).map_err(|p| p.join("\n"))?;
        match lesson::compile(&files, &languages) {
            Ok(modules) => {
                let english = modules.iter().find(|(lang, _)| *lang == Lang::EN);
                match english.and_then(|(_, m)| lesson::check_minutes(&files, m)) {
                    Some(problem) => Err(vec![problem.to_string()]),
                    None => Ok(modules
                        .into_iter()
                        .map(|(lang, module)| Course {
                            lang,
                            modules: vec![module],
                        })
                        .collect()),
                }
            }
            Err(diags) => Err(diags.iter().map(ToString::to_string).collect()),
        }
    } else {
        lesson_files::languages_in(&locales_dir())
            .and_then(|languages| lesson_files::compile_dir_with(dir, &languages))
    };
    let courses: Vec<Course> = match result {
        Ok(courses) => courses,
        Err(problems) => return Err(refuse(&problems, dir)),
    };
    println!("no problems");
    for course in &courses {
        for module in &course.modules {
            let words: usize = module
                .steps
                .iter()
                .flat_map(|step| step.texts())
                .map(|text| text.split_whitespace().count())
                .sum();
            let decisions = module
                .steps
                .iter()
                .filter(|s| matches!(s.kind, StepKind::Decision { .. }))
                .count();
            let longest = timing::longest_path_words(module);
            println!(
                "{} [{}]: {} minutes stated, {} decisions, {} steps, {words} words in all, longest path {longest} words (about {} min at {} words a minute)",
                module.id,
                course.lang.code(),
                module.minutes,
                decisions,
                module.steps.len(),
                longest.div_ceil(timing::WORDS_PER_MINUTE),
                timing::WORDS_PER_MINUTE,
            );
        }
    }
    Ok(())
}

/// What a learner who answers without reading can expect in each module, and how often the best
/// choice stands out by its length, per language (`core::assessment`).
fn print_assessment(dir: &Path, languages: &Languages) {
    use vigil::core::assessment::{self, Strategy};
    use vigil::core::lms::MASTERY;
    let Ok(folders) = lesson_files::lesson_folders(dir) else {
        return;
    };
    let shown_from = dir.parent().unwrap_or(dir);
    println!(
        "Answering without reading: expected score (pass mark {MASTERY}%); best choice longest / shortest in N of M questions"
    );
    let codes: Vec<String> = languages.codes().iter().map(Lang::to_string).collect();
    let codes = codes.join("/");
    let wide = 9 + codes.len().max(8);
    println!(
        "{:<22} {:>6} {:>6} {:>6} {:>wide$} {:>wide$} {:>14} {:>14} {:>10}",
        "module",
        "random",
        "true",
        "false",
        format!("longest {codes}"),
        format!("shortest {codes}"),
        "best longest",
        "best shortest",
        "true-false"
    );
    let (mut trues, mut checks) = (0, 0);
    for folder in folders {
        let Ok(files) = lesson_files::read_lesson(&folder, shown_from) else {
            continue;
        };
        let Ok(modules) = lesson::compile(&files, languages) else {
            continue;
        };
        let per_lang: Vec<Vec<assessment::Outcome>> = modules
            .iter()
            .map(|(_, m)| assessment::outcomes(m, MASTERY))
            .collect();
        let of = |lang: usize, strategy: Strategy| {
            per_lang[lang]
                .iter()
                .find(|o| o.strategy == strategy)
                .map_or(0.0, |o| o.expected)
        };
        let langs = |strategy| {
            (0..per_lang.len())
                .map(|i| format!("{:.0}", of(i, strategy)))
                .collect::<Vec<_>>()
                .join("/")
        };
        let hints: Vec<assessment::Hints> =
            modules.iter().map(|(_, m)| assessment::hints(m)).collect();
        let counts = |f: fn(&assessment::Hints) -> usize| {
            let each: Vec<String> = hints.iter().map(|h| f(h).to_string()).collect();
            format!(
                "{} of {}",
                each.join("/"),
                hints.first().map_or(0, |h| h.questions)
            )
        };
        let (t, n) = modules
            .first()
            .map_or((0, 0), |(_, m)| assessment::true_false(m));
        trues += t;
        checks += n;
        let id = modules.first().map_or("?", |(_, m)| m.id.as_str());
        println!(
            "{id:<22} {:>5.0}% {:>5.0}% {:>5.0}% {:>wide$} {:>wide$} {:>14} {:>14} {:>10}",
            of(0, Strategy::Random),
            of(0, Strategy::AlwaysTrue),
            of(0, Strategy::AlwaysFalse),
            langs(Strategy::Longest),
            langs(Strategy::Shortest),
            counts(|h| h.best_is_longest),
            counts(|h| h.best_is_shortest),
            format!("{t} true/{n}"),
        );
    }
    if let Some(percent) = (trues * 100).checked_div(checks) {
        println!("true-or-false answers across the course: {trues} true of {checks} ({percent}%)");
    }
}

/// Every problem of the interface text of every language other than English: a missing or
/// extra key, a lost interpolation (against `locales/en.json`), a refused term, and the
/// language's typography (for French, by line, with the key).
fn interface_problems(languages: &Languages, locales: &Path) -> Vec<String> {
    let read = |lang: Lang| lesson_files::read_locale(locales, lang);
    let shown = |lang: Lang| format!("{}/{lang}.json", shown_dir(locales));
    let english = match read(Lang::EN) {
        Ok((_, words)) => words,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for language in languages.all() {
        let (text, words) = match read(language.lang) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if language.lang != Lang::EN {
            for problem in language::check_locale(&english, &words) {
                problems.push(format!("{}: {problem}", shown(language.lang)));
            }
        }
        for (key, value) in &words {
            for problem in lesson::wording::refused(value, language) {
                problems.push(format!(
                    "{}: \"{key}\": {}",
                    shown(language.lang),
                    problem.message
                ));
            }
        }
        if language.typography == Some(Typography::French) {
            for (index, line) in text.lines().enumerate() {
                if let Some((key, value)) = json_entry(line) {
                    for problem in lesson::wording::french_problems(value) {
                        problems.push(format!(
                            "{}:{}: \"{key}\": {}",
                            shown(language.lang),
                            index + 1,
                            problem.message
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// A folder as an author names it: relative to the repository when inside it.
fn shown_dir(dir: &Path) -> String {
    dir.strip_prefix(root())
        .unwrap_or(dir)
        .display()
        .to_string()
}

/// A `"key": "value"` line of a locale file, split; `None` for any other line. The locale files
/// keep one entry a line, which their own formatting and this split rely on.
fn json_entry(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('"')?;
    let (key, rest) = rest.split_once("\": \"")?;
    let value = rest.trim_end().trim_end_matches(',').strip_suffix('"')?;
    Some((key, value))
}

/// `--fix-typography [FILE...]`: puts French typography's non-breaking spaces into the given
/// French files, or every French lesson file and the interface's French, in place (comments are
/// left as written). The build then checks what remains, such as a colon with no space before it.
fn fix_typography(given: &[String]) -> Result<(), String> {
    let files: Vec<PathBuf> = if given.is_empty() {
        let mut all: Vec<PathBuf> = lesson_files::lesson_folders(&root().join("lessons"))?
            .into_iter()
            .map(|folder| folder.join("fr.toml"))
            .filter(|file| file.exists())
            .collect();
        all.push(root().join("locales/fr.json"));
        all
    } else {
        given.iter().map(PathBuf::from).collect()
    };
    for file in files {
        let contents = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let json = file.extension().is_some_and(|e| e == "json");
        let fixed: Vec<String> = contents
            .split('\n')
            .map(|line| match json_entry(line) {
                Some((_, value)) if json => {
                    line.replacen(value, &lesson::wording::fix_french(value), 1)
                }
                _ if json || line.trim_start().starts_with('#') => line.to_string(),
                _ => fix_toml_line(line),
            })
            .collect();
        let fixed = fixed.join("\n");
        if fixed != contents {
            write(&file, &fixed)?;
            println!("fixed {}", file.display());
        }
    }
    Ok(())
}

/// A TOML line with its text fixed and its key left alone (`key = "..."`).
fn fix_toml_line(line: &str) -> String {
    match line.split_once(" = ") {
        Some((key, value)) if !key.trim().contains([' ', '"']) => {
            format!("{key} = {}", lesson::wording::fix_french(value))
        }
        _ => lesson::wording::fix_french(line),
    }
}

/// Prints every problem, one a line, and names how many there are and where: the build reports
/// them all at once, so that an author mends them in one pass.
fn refuse(problems: &[String], place: &Path) -> String {
    for problem in problems {
        eprintln!("{problem}");
    }
    format!("{} problem(s) in {}", problems.len(), place.display())
}
