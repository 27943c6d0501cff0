//! Keeps the learner profiles and each profile's progress record in localStorage.
//!
//! The core owns the encodings; this adapter only moves strings. A record that cannot be read
//! is never overwritten: it is copied under a backup key first. When storage is missing,
//! blocked or full, the app keeps running on the in-memory records and says so.
//!
//! Keys: `vigil.profiles` (the list), `vigil.progress` (the first profile's record, the key a
//! single learner has always used) and `vigil.progress.<profile id>` (every other profile's).

use gloo_storage::{LocalStorage, Storage};

use crate::core::profiles::{self, Profiles};
use crate::core::progress::{self, DecodeError, Progress};

pub const PROFILES_KEY: &str = "vigil.profiles";
const PROGRESS_KEY: &str = "vigil.progress";
/// The id of the profile created on a device's first visit.
pub const FIRST_PROFILE: &str = "default";

pub fn progress_key(profile: &str) -> String {
    if profile == FIRST_PROFILE {
        PROGRESS_KEY.to_string()
    } else {
        format!("{PROGRESS_KEY}.{profile}")
    }
}

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
/// Chromium's site data blocked), so ask web-sys first. No write probe here: a full storage
/// can still be read, and its records must be.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

fn read(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Copies an unreadable value aside before anything can overwrite it.
fn keep_aside(key: &str, raw: &str, now: u64) -> Option<String> {
    let backup_key = format!("{key}.unreadable.{now}");
    LocalStorage::raw()
        .set_item(&backup_key, raw)
        .ok()
        .map(|_| backup_key)
}

/// The profile list, or a first profile named `first_name` on a device's first visit (or when
/// the list is unreadable, after keeping it aside: the progress records stay where they are).
pub fn load_profiles(first_name: &str, now: u64) -> Profiles {
    let first = || Profiles::first(FIRST_PROFILE.to_string(), first_name.to_string());
    match read(PROFILES_KEY) {
        None => first(),
        Some(raw) => profiles::decode(&raw).unwrap_or_else(|| {
            let _ = keep_aside(PROFILES_KEY, &raw, now);
            first()
        }),
    }
}

pub fn save_profiles(list: &Profiles) -> Result<(), SaveError> {
    write(PROFILES_KEY, &profiles::encode(list))
}

/// Whether a learner has any record stored on this device (readable or not).
pub fn has_record(profile: &str) -> bool {
    available()
        && LocalStorage::raw()
            .get_item(&progress_key(profile))
            .ok()
            .flatten()
            .is_some()
}

pub fn load(profile: &str, now: u64) -> (Progress, Loaded) {
    if !available() {
        return (Progress::default(), Loaded::Unavailable);
    }
    let key = progress_key(profile);
    let raw = match LocalStorage::raw().get_item(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Progress::default(), Loaded::Fresh),
        Err(_) => return (Progress::default(), Loaded::Unavailable),
    };
    match progress::decode(&raw) {
        Ok(progress) => (progress, Loaded::Restored),
        Err(reason) => match keep_aside(&key, &raw, now) {
            Some(backup_key) => (
                Progress::default(),
                Loaded::Recovered { backup_key, reason },
            ),
            // No room for a copy: leave the record where it is rather than lose it, and run in
            // memory until the learner frees space.
            None => (Progress::default(), Loaded::Unavailable),
        },
    }
}

/// Why a save failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    Unavailable,
    /// The browser refused the write, almost always because its quota is used up.
    Full,
}

fn write(key: &str, value: &str) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|_| SaveError::Full)
}

pub fn save(profile: &str, progress: &Progress) -> Result<(), SaveError> {
    write(&progress_key(profile), &progress::encode(progress))
}

/// Deletes a profile's record (the learner asked, and confirmed).
pub fn forget(profile: &str) {
    if available() {
        let _ = LocalStorage::raw().remove_item(&progress_key(profile));
    }
}
