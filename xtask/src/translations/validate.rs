//! The exported XLIFF checked by tools that are not Vigil's: xmllint against the XLIFF 1.2
//! strict schema (the OASIS XSD as Debian's php-symfony-translation ships it), and
//! translate-toolkit (PyPI, the library behind Pootle and Weblate's XLIFF) reading every unit
//! back. `cargo xtask test` runs it for every present language and for one not yet translated.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{output, run};
use crate::root;

use super::status::{records_path, Records, Standing, State};
use super::{texts, xliff};

const TRANSLATE_TOOLKIT_VERSION: &str = "3.20.4";

pub fn run_all() -> Result<(), String> {
    let tools = ensure_tools()?;
    let paths = super::paths();
    let sources = texts::sources(&paths)?;
    let out = root().join("target/translations/validate");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut codes: Vec<String> = super::translated_languages(&paths)?
        .iter()
        .map(|l| l.code().to_string())
        .collect();
    // A language with no file yet: every unit new, every target empty.
    codes.push("pt-BR".to_string());
    for code in codes {
        let records = Records::read(&records_path(&paths, &code))?;
        let standing = Standing::of(&sources, &code, &records)?;
        let file = out.join(format!("vigil-{code}.xlf"));
        std::fs::write(&file, xliff::write(&sources, &standing))
            .map_err(|e| format!("{}: {e}", file.display()))?;
        let expected = out.join(format!("vigil-{code}.expected.json"));
        std::fs::write(&expected, expectation(&sources, &standing))
            .map_err(|e| format!("{}: {e}", expected.display()))?;
        run(Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema"])
            .arg(&tools.schema)
            .arg(&file)
            .env("XML_CATALOG_FILES", &tools.catalog))?;
        run(Command::new(&tools.python)
            .arg(root().join("xtask/src/translations/check_xliff.py"))
            .arg(&expected)
            .arg(&file))?;
    }
    resaved_by_translate_toolkit(&tools, &paths, &sources, &out)
}

/// A file as a CAT tool gives it back (translate-toolkit's own writing, one text changed)
/// imports into a copy of the texts with exactly that text changed.
fn resaved_by_translate_toolkit(
    tools: &Tools,
    paths: &texts::Paths,
    sources: &[texts::Source],
    out: &Path,
) -> Result<(), String> {
    let Some(lang) = super::translated_languages(paths)?.into_iter().next() else {
        return Ok(());
    };
    let code = lang.code();
    let copy = texts::Paths {
        lessons: out.join("copy/lessons"),
        locales: out.join("copy/locales"),
        records: out.join("copy/translations"),
    };
    let _ = std::fs::remove_dir_all(out.join("copy"));
    for (from, to) in [
        (&paths.lessons, &copy.lessons),
        (&paths.locales, &copy.locales),
        (&paths.records, &copy.records),
    ] {
        copy_texts(from, to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let source = sources.last().ok_or("no English source")?;
    let id = "module.title";
    let before = texts::located(source.format, &read(&source.path_for(code))?)?;
    let current = before
        .iter()
        .find(|l| l.id == id)
        .ok_or_else(|| format!("{}: no {id}", source.shown_for(code)))?;
    let text = format!("{} (2)", current.text);
    let resaved = out.join(format!("vigil-{code}.resaved.xlf"));
    run(Command::new(&tools.python)
        .arg(root().join("xtask/src/translations/check_xliff.py"))
        .arg("--resave")
        .arg(out.join(format!("vigil-{code}.xlf")))
        .arg(&resaved)
        .args([source.original.as_str(), id, text.as_str()]))?;
    super::import(&copy, &resaved)?;
    let copied = source.folder.file_name().map(|n| copy.lessons.join(n));
    let after = texts::located(
        source.format,
        &read(
            &copied
                .ok_or("no folder")?
                .join(format!("{code}.{}", source.extension())),
        )?,
    )?;
    let differing: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.id != a.id || b.text != a.text)
        .map(|(b, _)| b.id.as_str())
        .collect();
    if differing != [id] || after.len() != before.len() {
        return Err(format!(
            "the file translate-toolkit saved changed {differing:?} instead of [{id}]"
        ));
    }
    println!(
        "{}: translate-toolkit's rewrite imports with exactly {id} changed",
        resaved.display()
    );
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_texts(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    if !from.exists() {
        return Ok(());
    }
    vigil::lesson_files::copy_tree(from, to)
}

/// What the files hold, unit by unit, for the independent reader to compare with.
fn expectation(sources: &[texts::Source], standing: &Standing) -> String {
    let mut units = Vec::new();
    for (source, states) in sources.iter().zip(&standing.files) {
        for (unit, (text, state)) in source.units.iter().zip(states) {
            units.push(serde_json::json!({
                "file": source.original,
                "id": unit.id,
                "english": unit.text,
                "text": text,
                "state": match state {
                    State::Missing => "new",
                    State::Older => "needs-review-translation",
                    State::Current => "translated",
                },
            }));
        }
    }
    serde_json::Value::Array(units).to_string()
}

struct Tools {
    python: PathBuf,
    schema: PathBuf,
    catalog: PathBuf,
}

/// Installs what is missing, once: translate-toolkit into its own virtual environment under
/// .tools/, xmllint from Debian, and the schema unpacked from its Debian package (only the
/// package's files, not PHP).
fn ensure_tools() -> Result<Tools, String> {
    let venv = root().join(".tools/translate-toolkit");
    let python = venv.join("bin/python");
    let installed = output(
        Command::new(&python).args(["-c", "import translate.__version__ as v; print(v.sver)"]),
    )
    .is_some_and(|v| v.trim() == TRANSLATE_TOOLKIT_VERSION);
    if !installed {
        println!("installing translate-toolkit {TRANSLATE_TOOLKIT_VERSION} from PyPI, to read the exported XLIFF (once)");
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            &format!("translate-toolkit=={TRANSLATE_TOOLKIT_VERSION}"),
        ]))?;
    }
    if output(Command::new("xmllint").arg("--version")).is_none()
        && !Path::new("/usr/bin/xmllint").exists()
    {
        apt(&["install", "-y", "-qq", "libxml2-utils"])?;
    }
    let schemas = root().join(".tools/xliff-schema");
    let folder = schemas.join("usr/share/php/Symfony/Component/Translation/Resources/schemas");
    let schema = folder.join("xliff-core-1.2-strict.xsd");
    if !schema.exists() {
        println!("fetching the XLIFF 1.2 schema from Debian's php-symfony-translation (once)");
        std::fs::create_dir_all(&schemas).map_err(|e| format!("{}: {e}", schemas.display()))?;
        run(Command::new("apt-get")
            .args(["download", "php-symfony-translation"])
            .current_dir(&schemas))?;
        let deb = std::fs::read_dir(&schemas)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|e| e == "deb"))
            .ok_or("apt-get download left no .deb")?;
        run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&schemas))?;
    }
    // The schema imports xml.xsd from the W3C's site; the catalog points xmllint at the copy
    // beside it, so the check needs no network.
    let catalog = schemas.join("catalog.xml");
    std::fs::write(
        &catalog,
        format!(
            "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n  <system systemId=\"http://www.w3.org/2001/xml.xsd\" uri=\"file://{}\"/>\n</catalog>\n",
            folder.join("xml.xsd").display()
        ),
    )
    .map_err(|e| format!("{}: {e}", catalog.display()))?;
    Ok(Tools {
        python,
        schema,
        catalog,
    })
}

fn apt(args: &[&str]) -> Result<(), String> {
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(format!(
            "checking the XLIFF export needs Debian's xmllint: run `sudo apt-get {}`, then try again",
            args.join(" ")
        ));
    }
    run(Command::new("apt-get")
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
