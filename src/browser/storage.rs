//! Keeps the progress record in localStorage.
//!
//! The core owns the encoding; this adapter only moves strings. A record that cannot be read is
//! never overwritten: it is copied under a backup key first. When storage is missing, blocked or
//! full, the app keeps running on the in-memory record and says so.

use gloo_storage::{LocalStorage, Storage};

use crate::core::progress::{self, DecodeError, Progress};

pub const KEY: &str = "vigil.progress";

/// What loading found, for the notice the learner sees.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet.
    Fresh,
    Restored,
    /// The saved record could not be read; it was kept under `backup_key`.
    Recovered {
        backup_key: String,
        reason: DecodeError,
    },
    /// Storage cannot be used at all: the app runs in memory.
    Unavailable,
}

/// Whether localStorage can be used. `LocalStorage::raw()` throws when it is blocked (as with
/// Chromium's storage disabled), so ask web-sys first.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // No write probe here: a full storage can still be read, and its record must be.
    matches!(window.local_storage(), Ok(Some(_)))
}

pub fn load(now: u64) -> (Progress, Loaded) {
    if !available() {
        return (Progress::default(), Loaded::Unavailable);
    }
    let storage = LocalStorage::raw();
    let raw = match storage.get_item(KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Progress::default(), Loaded::Fresh),
        Err(_) => return (Progress::default(), Loaded::Unavailable),
    };
    match progress::decode(&raw) {
        Ok(progress) => (progress, Loaded::Restored),
        Err(reason) => {
            let backup_key = format!("{KEY}.unreadable.{now}");
            if storage.set_item(&backup_key, &raw).is_err() {
                // No room for a copy: leave the record where it is rather than lose it, and run
                // in memory until the learner frees space.
                return (Progress::default(), Loaded::Unavailable);
            }
            (
                Progress::default(),
                Loaded::Recovered { backup_key, reason },
            )
        }
    }
}

/// Why a save failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    Unavailable,
    /// The browser refused the write, almost always because its quota is used up.
    Full,
}

pub fn save(progress: &Progress) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(KEY, &progress::encode(progress))
        .map_err(|_| SaveError::Full)
}
