//! Vigil: child-protection training for travel and tourism staff.
//!
//! `core` is pure and compiles everywhere; `lesson_files` is the build's disk edge; everything
//! else is the browser app, behind the `web` feature.

pub mod core;
#[cfg(not(target_arch = "wasm32"))]
pub mod lesson_files;
