//! Generates, from `locales/`, what the browser app knows of its languages at compile time:
//! the keys of the interface text (from `en.json`, the source language), so that a missing or
//! misspelt key is a compile error, and the present languages (every `<code>.toml` beside its
//! `<code>.json`: name, direction, draft). The words themselves stay out of the wasm: the app
//! fetches one language's locale at run time (see src/i18n.rs). `VIGIL_LOCALES` points at
//! another locales folder (a test's fixture languages). Only the browser app needs any of it.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=VIGIL_LOCALES");
    #[cfg(feature = "web")]
    interface_text();
}

#[cfg(feature = "web")]
fn interface_text() {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let locales = std::env::var_os("VIGIL_LOCALES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("locales"));
    println!("cargo::rerun-if-changed={}", locales.display());
    let english = locales.join("en.json");
    println!("cargo::rerun-if-changed={}", english.display());
    let source =
        std::fs::read_to_string(&english).unwrap_or_else(|e| panic!("{}: {e}", english.display()));
    let tree: serde_json::Value = serde_json::from_str(&source)
        .unwrap_or_else(|e| panic!("{}: not valid JSON: {e}", english.display()));
    let mut keys = String::new();
    write_keys(&mut keys, &tree, "", 0);

    let mut languages = String::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&locales)
        .unwrap_or_else(|e| panic!("{}: {e}", locales.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    for path in names {
        println!("cargo::rerun-if-changed={}", path.display());
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name");
        let text = std::fs::read_to_string(&path).expect("a readable locale description");
        let meta: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = meta.get("name").and_then(|v| v.as_str()).unwrap_or(code);
        let rtl = meta.get("direction").and_then(|v| v.as_str()) == Some("rtl");
        let draft = meta.get("draft").and_then(|v| v.as_bool()).unwrap_or(false);
        writeln!(languages, "    ({code:?}, {name:?}, {rtl}, {draft}),").unwrap();
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let generated = format!(
        "/// The keys of the interface text, as `locales/en.json` nests them.\n\
         #[allow(non_upper_case_globals, dead_code)]\n\
         pub mod keys {{\n    use super::Key;\n{keys}}}\n\n\
         /// The present languages: code, name in itself, right to left, draft.\n\
         pub(crate) const PRESENT: &[(&str, &str, bool, bool)] = &[\n{languages}];\n"
    );
    std::fs::write(out.join("interface_text.rs"), generated).expect("OUT_DIR is writable");
}

#[cfg(feature = "web")]
fn write_keys(out: &mut String, tree: &serde_json::Value, prefix: &str, depth: usize) {
    use std::fmt::Write as _;
    let indent = "    ".repeat(depth + 1);
    let Some(object) = tree.as_object() else {
        return;
    };
    for (name, value) in object {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let ident = name.replace('-', "_");
        if value.is_object() {
            writeln!(
                out,
                "{indent}pub mod {ident} {{\n{indent}    use super::Key;"
            )
            .unwrap();
            write_keys(out, value, &path, depth + 1);
            writeln!(out, "{indent}}}").unwrap();
        } else {
            writeln!(out, "{indent}pub const {ident}: Key = Key({path:?});").unwrap();
        }
    }
}
