//! `cargo xtask bench`: builds the release bundle and prints the figures that matter to a
//! learner on hotel Wi-Fi or a phone: transfer sizes, what the first screen costs, time to the
//! first step, and the size of saved progress (which must fit an LMS's suspend_data).
//!
//! `--check` measures the sizes only and holds them to budgets.toml: it is what
//! `cargo xtask test` runs, so a change that breaks a budget cannot land unnoticed. The other
//! options add figures too slow or too noisy for a test: `--lighthouse` (Lighthouse's mobile
//! run, median of 3, home page and a deep link to a step), `--trace` (a Chromium trace of the
//! first load with the CPU slowed 4x) and `--twiggy` (the wasm's largest items and crates).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use vigil::core::compact::{self, ModuleShape};
use vigil::core::course::{Course, Module, StepKind};
use vigil::core::engine;
use vigil::core::progress::{self, Progress};
use vigil::lesson_files::compile_dir;

use crate::{build_release, lessons, process, root, tools};

const USAGE: &str = "usage: cargo xtask bench [--check] [--lighthouse] [--trace] [--twiggy]";

/// The budgets of budgets.toml, in bytes of brotli.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Budgets {
    wasm: usize,
    first_screen: usize,
    first_screen_growth: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut check = false;
    let (mut lighthouse, mut trace, mut twiggy) = (false, false, false);
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            "--lighthouse" => lighthouse = true,
            "--trace" => trace = true,
            "--twiggy" => twiggy = true,
            _ => return Err(USAGE.to_string()),
        }
    }
    build_release()?;
    let verdicts = check_built();
    if !check {
        progress_size()?;
        let browser = tools::ensure_browser_tools()?;
        node(&browser, "bench-load.mjs", &[])?;
        if trace {
            node(&browser, "bench-trace.mjs", &[])?;
        }
        if lighthouse {
            let cli = tools::ensure_lighthouse()?;
            node(&browser, "bench-lighthouse.mjs", &[cli.as_os_str()])?;
        }
        if twiggy {
            twiggy_report()?;
        }
    }
    verdicts
}

/// Measures the release bundle already in dist/ and holds it to budgets.toml (`cargo xtask
/// test` calls this after its own release build).
pub fn check_built() -> Result<(), String> {
    let sizes = Sizes::of(&root().join("dist"))?;
    sizes.print();
    let growth = index_growth()?;
    let generated = generated_course_wasm()?;
    judge(&sizes, &growth, generated)
}

fn node(browser: &tools::Browser, script: &str, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    process::run(
        Command::new("node")
            .arg(root().join("tests/e2e").join(script))
            .args(args)
            .current_dir(root().join("tests/e2e"))
            .env("VIGIL_DIST", root().join("dist"))
            .env("CHROMIUM", &browser.chromium),
    )
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

pub fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len()
}

/// Every file of a dist folder: (path under dist, raw, gzip, brotli).
struct Sizes {
    files: Vec<(String, usize, usize, usize)>,
}

impl Sizes {
    fn of(dist: &Path) -> Result<Sizes, String> {
        let mut paths = Vec::new();
        files(dist, &mut paths)?;
        paths.sort();
        let mut out = Vec::new();
        for path in paths {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .strip_prefix(dist)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((name, bytes.len(), gzip(&bytes), brotli(&bytes)));
        }
        Ok(Sizes { files: out })
    }

    fn brotli_of(&self, test: impl Fn(&str) -> bool) -> usize {
        self.files
            .iter()
            .filter(|(name, ..)| test(name))
            .map(|f| f.3)
            .sum()
    }

    /// The learners' wasm (the lead page's, in lead/, is not theirs to download).
    fn wasm(&self) -> usize {
        self.brotli_of(|name| !name.contains('/') && name.ends_with(".wasm"))
    }

    /// What the lead page downloads before its first screen: its page, wasm, JavaScript and
    /// stylesheets (the lessons index is the one beside the learners').
    fn lead_first_screen(&self) -> usize {
        self.brotli_of(|name| {
            name.strip_prefix("lead/").is_some_and(|rest| {
                !rest.contains('/')
                    && (rest == "index.html"
                        || rest.ends_with(".wasm")
                        || rest.ends_with(".css")
                        || rest.ends_with(".js"))
            })
        })
    }

    /// What the first screen downloads in `lang`: the page, the app and its stylesheet, the
    /// language's lessons index and its interface text.
    fn first_screen(&self, lang: &str) -> usize {
        let index = format!("lessons/index.{lang}.json");
        let words = format!("locales/{lang}.json");
        self.brotli_of(|name| {
            !name.contains('/')
                && (name == "index.html"
                    || name.ends_with(".wasm")
                    || name.ends_with(".css")
                    || (name.ends_with(".js") && name != "vigil-host.js"))
                || name == index
                || name == words
        })
    }

    /// The languages of the build: every interface text it holds (`locales/<code>.json`).
    fn languages(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|(name, ..)| name.strip_prefix("locales/")?.strip_suffix(".json"))
            .map(str::to_string)
            .collect()
    }

    /// What one language adds to the build, in bytes of brotli: its interface text, its
    /// lessons index and its module files (none of it in the wasm).
    fn language_cost(&self, lang: &str) -> (usize, usize, usize) {
        let words = self.brotli_of(|name| name == format!("locales/{lang}.json"));
        let index = self.brotli_of(|name| name == format!("lessons/index.{lang}.json"));
        let tag = format!(".{lang}.");
        let modules = self.brotli_of(|name| {
            name.starts_with("lessons/") && !name.contains("/index.") && name.contains(&tag)
        });
        (words, index, modules)
    }

    fn print(&self) {
        println!("\ntransfer sizes of dist/ (bytes; gzip -9, brotli -q 11)");
        println!("{:<48} {:>9} {:>9} {:>9}", "file", "raw", "gzip", "brotli");
        let (mut raw, mut gz, mut br) = (0, 0, 0);
        for (name, r, g, b) in &self.files {
            println!("{name:<48} {r:>9} {g:>9} {b:>9}");
            raw += r;
            gz += g;
            br += b;
        }
        println!("{:<48} {raw:>9} {gz:>9} {br:>9}", "total");
        for lang in self.languages() {
            let (words, index, modules) = self.language_cost(&lang);
            println!(
                "first screen in {lang} (page, app, stylesheet, lessons index, interface text): {} bytes brotli; the language's own files: interface text {words}, lessons index {index}, modules {modules} (learners' and lead's) bytes brotli",
                self.first_screen(&lang)
            );
        }
        let modules: Vec<usize> = self
            .files
            .iter()
            .filter(|(name, ..)| {
                name.starts_with("lessons/")
                    && !name.starts_with("lessons/lead/")
                    && !name.contains("/index.")
            })
            .map(|f| f.3)
            .collect();
        println!(
            "the lead page (not a learner's download): wasm {} bytes brotli; its first screen {} bytes brotli",
            self.brotli_of(|name| name.starts_with("lead/") && name.ends_with(".wasm")),
            self.lead_first_screen()
        );
        if let (Some(min), Some(max)) = (modules.iter().min(), modules.iter().max()) {
            println!(
                "a module's content, fetched when it opens: {min} to {max} bytes brotli ({} files)",
                modules.len()
            );
        }
    }
}

/// How much a language's index grows from a course of one module (the front desk, where the
/// course began) to the whole course, in bytes of brotli: the largest language's growth.
fn index_growth() -> Result<(usize, usize), String> {
    let courses = compile_dir(&root().join("lessons")).map_err(|problems| problems.join("\n"))?;
    let one: Vec<Course> = courses
        .iter()
        .map(|course| Course {
            lang: course.lang,
            modules: course
                .modules
                .iter()
                .filter(|m| m.id == "front-desk-check-in")
                .cloned()
                .collect(),
        })
        .collect();
    let measure = |courses: &[Course], dir: &str| -> Result<Vec<usize>, String> {
        let out = root().join("target/bench").join(dir);
        let _ = std::fs::remove_dir_all(&out);
        lessons::write_bundles(courses, &out)?;
        courses
            .iter()
            .map(|c| {
                let path = out.join(format!("index.{}.json", c.lang.code()));
                std::fs::read(&path)
                    .map(|bytes| brotli(&bytes))
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))
            })
            .collect()
    };
    let whole = measure(&courses, "index-whole")?;
    let single = measure(&one, "index-one")?;
    let growth = whole
        .iter()
        .zip(&single)
        .map(|(w, s)| w.saturating_sub(*s))
        .max()
        .unwrap_or(0);
    println!(
        "lessons index: one module {:?}, the whole course of {} modules {:?} (bytes brotli, en fr nl): grows {growth}",
        single,
        courses.first().map_or(0, |c| c.modules.len()),
        whole
    );
    Ok((growth, courses.first().map_or(0, |c| c.modules.len())))
}

/// Builds the app again with a generated course of 30 modules and returns the two wasm files'
/// sizes (real lessons, generated): content must never reach the wasm.
fn generated_course_wasm() -> Result<(u64, u64), String> {
    let bench = root().join("target/bench");
    let lessons_dir = bench.join("lessons-30");
    let _ = std::fs::remove_dir_all(&lessons_dir);
    let source = root().join("lessons/front-desk-check-in");
    let mut ids = Vec::new();
    for n in 1..=30 {
        let id = format!("generated-module-{n:02}");
        let folder = lessons_dir.join(&id);
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        // The structure and one text file per present language, whatever they are.
        let mut files = vec!["module.toml".to_string()];
        for entry in std::fs::read_dir(&source).map_err(|e| e.to_string())? {
            let name = entry.map_err(|e| e.to_string())?.file_name();
            let name = name.to_string_lossy().to_string();
            if name.ends_with(".toml") && name != "module.toml" {
                files.push(name);
            }
        }
        for file in &files {
            let text = std::fs::read_to_string(source.join(file)).map_err(|e| e.to_string())?;
            let text = text.replace("id = \"front-desk-check-in\"", &format!("id = \"{id}\""));
            std::fs::write(folder.join(file), text).map_err(|e| e.to_string())?;
        }
        ids.push(format!("\"{id}\""));
    }
    std::fs::write(
        lessons_dir.join("course.toml"),
        format!("modules = [{}]\n", ids.join(", ")),
    )
    .map_err(|e| e.to_string())?;
    let dist = bench.join("dist-30");
    let tools = tools::ensure_build_tools()?;
    process::run(
        tools
            .command("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .env("VIGIL_LESSONS", &lessons_dir),
    )?;
    // The learners' wasm, at the top of dist/ (the lead page's is in dist/lead/).
    let wasm_size = |dir: &Path| -> Result<u64, String> {
        let mut paths = Vec::new();
        files(dir, &mut paths)?;
        paths
            .iter()
            .find(|p| p.parent() == Some(dir) && p.extension().is_some_and(|e| e == "wasm"))
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .ok_or_else(|| format!("no wasm in {}", dir.display()))
    };
    let sizes = (wasm_size(&root().join("dist"))?, wasm_size(&dist)?);
    println!(
        "wasm with the real course: {} bytes; with a generated course of 30 modules: {} bytes",
        sizes.0, sizes.1
    );
    Ok(sizes)
}

/// Holds the figures to budgets.toml; every verdict is printed, and any failure fails.
fn judge(
    sizes: &Sizes,
    (growth, modules): &(usize, usize),
    (wasm_real, wasm_generated): (u64, u64),
) -> Result<(), String> {
    let path = root().join("budgets.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("budgets.toml: {e}"))?;
    let budgets: Budgets = toml::from_str(&text).map_err(|e| format!("budgets.toml: {e}"))?;
    let first_screen = sizes
        .languages()
        .iter()
        .map(|lang| sizes.first_screen(lang))
        .max()
        .unwrap_or(0);
    let checks = [
        ("wasm (brotli)", sizes.wasm(), budgets.wasm),
        (
            "first screen, largest language (brotli)",
            first_screen,
            budgets.first_screen,
        ),
        (
            "first screen growth from one module to the whole course (brotli)",
            *growth,
            budgets.first_screen_growth,
        ),
    ];
    println!("\nbudgets (budgets.toml)");
    let mut failed = Vec::new();
    for (what, figure, budget) in checks {
        let ok = figure <= budget;
        println!(
            "{} {what}: {figure} of {budget} bytes",
            if ok { "ok  " } else { "OVER" }
        );
        if !ok {
            failed.push(format!(
                "{what} is {figure} bytes, over its budget of {budget}"
            ));
        }
    }
    let same = wasm_real == wasm_generated;
    println!(
        "{} the wasm is the same size with the real course ({modules} modules) and with 30 generated ones",
        if same { "ok  " } else { "OVER" }
    );
    if !same {
        failed.push(format!(
            "the wasm grows with content: {wasm_real} bytes with the real course, {wasm_generated} with 30 generated modules"
        ));
    }
    if *modules < 10 {
        failed.push(format!(
            "the growth budget is for the finished course of ten or more modules; lessons/ has {modules}"
        ));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// The wasm's largest items and its size by crate, from the release build's own wasm (before
/// wasm-bindgen and wasm-opt, so names are kept; the shares are what matters).
fn twiggy_report() -> Result<(), String> {
    let twiggy = tools::ensure_twiggy()?;
    let wasm = root().join("target/wasm32-unknown-unknown/release/vigil.wasm");
    println!("\ntwiggy: the 25 largest items of {}", wasm.display());
    process::run(Command::new(&twiggy).args(["top", "-n", "25"]).arg(&wasm))?;
    let out = Command::new(&twiggy)
        .args(["top", "-n", "1000000", "--format", "csv"])
        .arg(&wasm)
        .output()
        .map_err(|e| format!("twiggy: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut by_crate: std::collections::BTreeMap<String, usize> = Default::default();
    for line in text.lines().skip(1) {
        // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent: the name may
        // hold commas, the four figures do not (the retained ones are empty for `top`).
        let mut fields = line.rsplitn(5, ',').skip(3);
        let (size, name) = (fields.next(), fields.next());
        let (Some(size), Some(name)) = (size.and_then(|s| s.parse::<usize>().ok()), name) else {
            continue;
        };
        // CSV doubles the quotes inside a quoted field.
        let name = name.trim_matches('"').replace("\"\"", "\"");
        if name.contains("function names") || name.starts_with("custom section") {
            continue;
        }
        *by_crate.entry(crate_of(&name)).or_default() += size;
    }
    // wasm-bindgen strips its descriptors from the module it ships: they are no one's share.
    let descriptors = by_crate.remove(DESCRIPTORS).unwrap_or(0);
    let total: usize = by_crate.values().sum();
    let mut sorted: Vec<_> = by_crate.into_iter().collect();
    sorted.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    println!(
        "\ntwiggy: code and data by crate (bytes before wasm-opt, share of {total}; \
         wasm-bindgen's {descriptors} bytes of descriptors, which it strips, left out)"
    );
    for (name, size) in sorted.iter().take(20) {
        println!(
            "{name:<32} {size:>9} {:>5.1}%",
            *size as f64 * 100.0 / total as f64
        );
    }
    Ok(())
}

const DESCRIPTORS: &str = "(wasm-bindgen descriptors)";

/// The crate an item belongs to, from its demangled name: `<T as Trait>` counts for the
/// trait's crate (a generic impl is that crate's code), and a primitive's methods for `core`.
fn crate_of(name: &str) -> String {
    let mut name = name
        .trim_start_matches('<')
        .trim_start_matches("&mut ")
        .trim_start_matches('&')
        .trim_start_matches("dyn ");
    if name.starts_with("data segment") {
        return "(data)".to_string();
    }
    if name.contains("__wbindgen_describe") {
        return DESCRIPTORS.to_string();
    }
    if name.starts_with("import ") {
        return "(imports)".to_string();
    }
    if let Some((subject, rest)) = name.split_once(" as ") {
        if !subject.contains("::") {
            name = rest.trim_start_matches('<');
        }
    }
    match name.split_once("::") {
        Some((first, _)) if first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            first.split('[').next().unwrap_or(first).to_string()
        }
        Some((first, _)) if first.ends_with('>') || first.starts_with('[') => "core".to_string(),
        _ => "(other)".to_string(),
    }
}

/// A new attempt of a module, walked along its best path.
fn complete_best(
    module: &Module,
    now: &mut u64,
) -> Result<vigil::core::progress::ModuleProgress, String> {
    let mut progress = engine::start(module, *now, *now);
    walk_best(module, &mut progress, now)?;
    Ok(progress)
}

/// Walks the current attempt along the best path (the highest-scoring choice, the right
/// answer) to its ending.
fn walk_best(
    module: &Module,
    progress: &mut vigil::core::progress::ModuleProgress,
    now: &mut u64,
) -> Result<(), String> {
    loop {
        let step = engine::current(module, progress)
            .map_err(|e| e.to_string())?
            .clone();
        *now += 30_000;
        let choice = match &step.kind {
            StepKind::Decision { choices, .. } => {
                choices.iter().max_by_key(|c| c.score).map(|c| c.id.clone())
            }
            StepKind::TrueFalse { answer, .. } => Some(answer.to_string()),
            StepKind::MultipleChoice { options, .. } => {
                options.iter().find(|o| o.correct).map(|o| o.id.clone())
            }
            StepKind::Ending { .. } => return Ok(()),
            _ => None,
        };
        if let Some(choice) = choice {
            engine::answer(module, progress, &step.id, &choice, *now).map_err(|e| e.to_string())?;
        }
        engine::advance(module, progress, *now).map_err(|e| e.to_string())?;
    }
}

fn progress_size() -> Result<(), String> {
    let courses = compile_dir(&root().join("lessons")).map_err(|problems| problems.join("\n"))?;
    let course = &courses[0];
    let shapes: Vec<ModuleShape> = course.modules.iter().map(ModuleShape::of).collect();
    println!("\nencoded progress (characters: the JSON record kept in localStorage; the compact code for an LMS)");
    let mut all = Progress {
        role: Some("tourism-student".to_string()),
        lang: Some(course.lang),
        ..Progress::default()
    };
    let mut now = 1_764_000_000_000u64;
    for module in &course.modules {
        let done = complete_best(module, &mut now)?;
        let one = Progress {
            modules: [(module.id.clone(), done.clone())].into_iter().collect(),
            ..all.clone()
        };
        println!(
            "{:<44} {:>9} {:>9}",
            format!("{} completed", module.id),
            progress::encode(&one).chars().count(),
            compact::encode(&one, &shapes).chars().count()
        );
        all.modules.insert(module.id.clone(), done);
    }
    println!(
        "{:<44} {:>9} {:>9}",
        "every module completed",
        progress::encode(&all).chars().count(),
        compact::encode(&all, &shapes).chars().count()
    );
    // Three attempts of every module, each its own drawn order: the most a learner keeps.
    for module in &course.modules {
        let record = all.modules.get_mut(&module.id).expect("completed above");
        for _ in 0..2 {
            engine::restart(module, record, now, now);
            walk_best(module, record, &mut now)?;
        }
    }
    println!(
        "{:<44} {:>9} {:>9}",
        "every module completed three times",
        progress::encode(&all).chars().count(),
        compact::encode(&all, &shapes).chars().count()
    );
    Ok(())
}
