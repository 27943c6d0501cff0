//! The Content-Security-Policy for hosting Vigil: only its own files, trunk's inline loader
//! allowed by its hash, WebAssembly allowed to compile, no unsafe-inline or unsafe-eval, and
//! framing only by the origins a configuration allows.
//!
//! `cargo xtask build` writes it to dist/content-security-policy.txt for the deployer;
//! `cargo xtask csp [vigil.config.json]` prints it with that configuration's embed origins. A
//! `<meta>` tag cannot carry frame-ancestors, so it must be sent as a response header.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::root;

/// The policy for the built index.html, with `frame-ancestors` for these origins.
pub fn policy(index_html: &str, frame_origins: &[String]) -> Result<String, String> {
    let start = index_html
        .find("<script type=\"module\">")
        .ok_or("dist/index.html has no inline loader script")?
        + "<script type=\"module\">".len();
    let end = start
        + index_html[start..]
            .find("</script>")
            .ok_or("unterminated loader script")?;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(&index_html.as_bytes()[start..end]));
    let mut ancestors = vec!["'self'".to_string()];
    ancestors.extend(frame_origins.iter().cloned());
    Ok(format!(
        "default-src 'self'; script-src 'self' 'sha256-{hash}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors {}",
        ancestors.join(" ")
    ))
}

fn read_index() -> Result<String, String> {
    std::fs::read_to_string(root().join("dist/index.html"))
        .map_err(|e| format!("cannot read dist/index.html (run cargo xtask build): {e}"))
}

/// Writes dist/content-security-policy.txt after a build.
pub fn write_for_dist() -> Result<(), String> {
    let policy = policy(&read_index()?, &[])?;
    let path = root().join("dist/content-security-policy.txt");
    std::fs::write(&path, format!("{policy}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo xtask csp [CONFIG]`: prints the header, with CONFIG's embed-origins as frame ancestors.
pub fn run(args: &[String]) -> Result<(), String> {
    let origins = match args {
        [] => Vec::new(),
        [path] => {
            let text = std::fs::read_to_string(Path::new(path))
                .map_err(|e| format!("cannot read {path}: {e}"))?;
            let (config, problems) = vigil::core::config::parse(&text);
            for problem in problems {
                eprintln!("{path}: {problem}");
            }
            config.embed_origins
        }
        _ => return Err("usage: cargo xtask csp [path/to/vigil.config.json]".to_string()),
    };
    println!(
        "Content-Security-Policy: {}",
        policy(&read_index()?, &origins)?
    );
    Ok(())
}
