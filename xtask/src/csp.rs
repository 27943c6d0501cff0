//! The Content-Security-Policy for hosting Vigil: only its own files, trunk's inline loader
//! allowed by its hash, WebAssembly allowed to compile, no unsafe-inline or unsafe-eval, and
//! framing only by the origins a configuration allows.
//!
//! `cargo xtask build` writes it to dist/content-security-policy.txt for the deployer;
//! `cargo xtask csp [vigil.config.json]` prints it with that configuration's embed origins as
//! frame ancestors and its LRS's origin in `connect-src`. A `<meta>` tag cannot carry
//! frame-ancestors, so it must be sent as a response header.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::root;

/// The origins a configuration adds to the policy.
#[derive(Default)]
pub struct Origins {
    /// Pages allowed to embed Vigil (`frame-ancestors`).
    pub frame: Vec<String>,
    /// Sites Vigil may send to (`connect-src`): an LRS elsewhere.
    pub connect: Vec<String>,
}

/// The policy for the built pages (the learners' index.html and the lead page's), opened only
/// to these origins: each page's inline loader is allowed by its own hash.
pub fn policy(pages: &[String], origins: &Origins) -> Result<String, String> {
    let hashes = pages
        .iter()
        .map(|page| inline_hashes(page))
        .collect::<Result<Vec<_>, _>>()?
        .concat()
        .iter()
        .map(|hash| format!("'sha256-{hash}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let with_self = |extra: &[String]| {
        let mut list = vec!["'self'".to_string()];
        list.extend(extra.iter().cloned());
        list.join(" ")
    };
    Ok(format!(
        "default-src 'self'; script-src 'self' {hashes} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:; connect-src {}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors {}",
        with_self(&origins.connect),
        with_self(&origins.frame)
    ))
}

/// The SHA-256 (base 64) of each inline script of a built page: trunk's loader, which every
/// page has, and the learners' page's lessons preload.
fn inline_hashes(page: &str) -> Result<Vec<String>, String> {
    if !page.contains("<script type=\"module\">") {
        return Err("a built page has no inline loader script".to_string());
    }
    let mut hashes = Vec::new();
    let mut rest = page;
    while let Some(open) = rest.find("<script") {
        let tag_end = open + rest[open..].find('>').ok_or("unterminated script tag")?;
        let body_end = tag_end
            + rest[tag_end..]
                .find("</script>")
                .ok_or("unterminated script")?;
        // A script with a source is allowed by 'self'; only inline ones need a hash.
        if !rest[open..tag_end].contains(" src=") {
            let body = &rest[tag_end + 1..body_end];
            hashes.push(base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body)));
        }
        rest = &rest[body_end..];
    }
    Ok(hashes)
}

/// The built pages: the learners' dist/index.html and the lead page's dist/lead/index.html.
fn read_index() -> Result<Vec<String>, String> {
    ["dist/index.html", "dist/lead/index.html"]
        .into_iter()
        .map(|page| {
            std::fs::read_to_string(root().join(page))
                .map_err(|e| format!("cannot read {page} (run cargo xtask build): {e}"))
        })
        .collect()
}

/// Writes dist/content-security-policy.txt after a build.
pub fn write_for_dist() -> Result<(), String> {
    let policy = policy(&read_index()?, &Origins::default())?;
    let path = root().join("dist/content-security-policy.txt");
    std::fs::write(&path, format!("{policy}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo xtask csp [CONFIG]`: prints the header, with CONFIG's embed-origins as frame ancestors
/// and its LRS's origin as a connection Vigil may make.
pub fn run(args: &[String]) -> Result<(), String> {
    let origins = match args {
        [] => Origins::default(),
        [path] => {
            let text = std::fs::read_to_string(Path::new(path))
                .map_err(|e| format!("cannot read {path}: {e}"))?;
            let (config, problems) =
                vigil::core::config::parse(&text, &vigil::lesson_files::languages());
            for problem in problems {
                eprintln!("{path}: {problem}");
            }
            Origins {
                connect: config.xapi.iter().filter_map(|lrs| lrs.origin()).collect(),
                frame: config.embed_origins,
            }
        }
        _ => return Err("usage: cargo xtask csp [path/to/vigil.config.json]".to_string()),
    };
    println!(
        "Content-Security-Policy: {}",
        policy(&read_index()?, &origins)?
    );
    Ok(())
}
