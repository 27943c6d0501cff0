//! `cargo xtask lessons [--out DIR]`: checks every lesson and writes one course bundle per
//! language (`DIR/<lang>.json`), so that a learner downloads only their own language.
//!
//! Trunk runs this before every build (see Trunk.toml) with `--staging`, which writes into
//! trunk's staging folder, so broken content fails the build.

use std::path::PathBuf;

use vigil::lesson_files;

use crate::root;

pub fn run(args: &[String]) -> Result<(), String> {
    let out: Option<PathBuf> = match args {
        [] => None,
        [flag, dir] if flag == "--out" => Some(PathBuf::from(dir)),
        [flag] if flag == "--staging" => Some(
            std::env::var_os("TRUNK_STAGING_DIR")
                .map(|dir| PathBuf::from(dir).join("lessons"))
                .ok_or("--staging is for trunk's pre-build hook: TRUNK_STAGING_DIR is not set")?,
        ),
        _ => return Err("usage: cargo xtask lessons [--out DIR | --staging]".to_string()),
    };
    let courses = match lesson_files::compile_dir(&root().join("lessons")) {
        Ok(courses) => courses,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return Err(format!("{} problem(s) in lessons/", problems.len()));
        }
    };
    let modules = courses.first().map_or(0, |c| c.modules.len());
    if let Some(out) = out {
        std::fs::create_dir_all(&out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        for course in &courses {
            let path = out.join(format!("{}.json", course.lang.code()));
            let json = serde_json::to_string(course).map_err(|e| e.to_string())?;
            std::fs::write(&path, json)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        println!(
            "lessons: {modules} module(s) checked, bundles written to {}",
            out.display()
        );
    } else {
        println!("lessons: {modules} module(s) checked, no problems");
    }
    Ok(())
}
