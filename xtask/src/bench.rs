//! `cargo xtask bench`: builds the release bundle and prints the figures that matter to a
//! learner on hotel Wi-Fi or a phone: transfer sizes, time to the first step, and the size of
//! saved progress (which must later fit an LMS's 4,096-character suspend_data).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use vigil::core::compact::{self, ModuleShape};
use vigil::core::course::{Module, StepKind};
use vigil::core::engine;
use vigil::core::progress::{self, Progress};
use vigil::lesson_files::compile_dir;

use crate::{build_release, process, root, tools};

pub fn run() -> Result<(), String> {
    build_release()?;
    sizes(&root().join("dist"))?;
    progress_size()?;
    let browser = tools::ensure_browser_tools()?;
    process::run(
        Command::new("node")
            .arg(root().join("tests/e2e/bench-load.mjs"))
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

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len()
}

fn sizes(dist: &Path) -> Result<(), String> {
    let mut paths = Vec::new();
    files(dist, &mut paths)?;
    paths.sort();
    println!("\ntransfer sizes of dist/ (bytes; gzip -9, brotli -q 11)");
    println!("{:<44} {:>9} {:>9} {:>9}", "file", "raw", "gzip", "brotli");
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    for path in paths {
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (raw, gz, br) = (bytes.len(), gzip(&bytes), brotli(&bytes));
        raw_total += raw;
        gz_total += gz;
        br_total += br;
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .display()
            .to_string();
        println!("{name:<44} {raw:>9} {gz:>9} {br:>9}");
    }
    println!("{:<44} {raw_total:>9} {gz_total:>9} {br_total:>9}", "total");
    println!(
        "a learner downloads one language: see lessons/<lang>.json above; budget: total brotli <= 120 KB ({:.1} KB now)",
        br_total as f64 / 1024.0
    );
    Ok(())
}

/// Walks the best path of a module (the highest-scoring choice, the right answer).
fn complete_best(
    module: &Module,
    now: &mut u64,
) -> Result<vigil::core::progress::ModuleProgress, String> {
    let mut progress = engine::start(module, *now, 0);
    loop {
        let step = engine::current(module, &progress)
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
            StepKind::Ending { .. } => return Ok(progress),
            _ => None,
        };
        if let Some(choice) = choice {
            engine::answer(module, &mut progress, &step.id, &choice, *now)
                .map_err(|e| e.to_string())?;
        }
        engine::advance(module, &mut progress, *now).map_err(|e| e.to_string())?;
    }
}

fn progress_size() -> Result<(), String> {
    let courses = compile_dir(&root().join("lessons")).map_err(|problems| problems.join("\n"))?;
    let course = &courses[0];
    let shapes: Vec<ModuleShape> = course.modules.iter().map(ModuleShape::of).collect();
    println!("\nencoded progress (characters: the JSON record kept in localStorage; the compact code for an LMS)");
    let mut all = Progress {
        role: Some("front-desk".to_string()),
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
    Ok(())
}
