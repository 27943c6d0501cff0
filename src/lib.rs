//! Vigil: child-protection training for travel and tourism staff.
//!
//! `core` is pure and compiles everywhere; `lesson_files` is the build's disk edge; the rest is
//! the browser app, behind the `web` feature: `browser` adapts storage, time and fetching,
//! `state` holds the app-wide signals, `integrations` tell the outside world (storage, an LMS, an
//! LRS, a host page, the service worker) what the learner does, and `pages` and `components`
//! render what the core decides.

pub mod core;
#[cfg(not(target_arch = "wasm32"))]
pub mod lesson_files;
#[cfg(not(target_arch = "wasm32"))]
pub mod packaging;

#[cfg(feature = "web")]
pub mod app;
#[cfg(feature = "web")]
mod browser;
#[cfg(feature = "web")]
mod components;
#[cfg(feature = "web")]
mod content;
#[cfg(feature = "web")]
mod integrations;
#[cfg(feature = "web")]
pub mod lead;
#[cfg(feature = "web")]
mod pages;
#[cfg(feature = "web")]
mod state;

#[cfg(feature = "web")]
pub mod i18n;
