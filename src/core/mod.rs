//! The pure core of Vigil: the course model, lesson parsing and validation, the scenario
//! engine, scoring and the progress model with its encoding.
//!
//! Nothing in here touches a browser, a file or a clock: callers hand in text and the current
//! time, and get values back. That keeps every rule testable natively with `cargo test`, and it
//! is enforced by the build: the core compiles without the `web` feature, where leptos, web-sys
//! and gloo are not even available.

pub mod assessment;
pub mod calendar;
pub mod certificate;
pub mod class;
pub mod compact;
pub mod completion;
pub mod config;
pub mod config_file;
pub mod contrast;
pub mod course;
pub mod deployment;
pub mod engine;
pub mod events;
pub mod facilitation;
pub mod language;
pub mod lesson;
pub mod lms;
pub mod lrs_queue;
pub mod placeholder;
pub mod profiles;
pub mod progress;
pub mod qr;
pub mod reporting;
pub mod scoring;
pub mod transfer;
pub mod xapi;
