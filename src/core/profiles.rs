//! Learner profiles on a shared device: a display name each, one active, each with its own
//! progress record. No password: profiles on a shared device are a convenience, not privacy,
//! and the app says so.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const SCHEMA: u32 = 1;
/// Long enough for any real name, short enough for the top bar and a certificate.
pub const MAX_NAME: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable id, used in the storage key of the profile's progress.
    pub id: String,
    pub name: String,
    /// The learner an LMS launched this profile for (see `LmsLearner::key`); absent for a
    /// learner who only ever used Vigil on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lms_learner: Option<String>,
}

/// Who an LMS says is learning: its id for them and the name it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LmsLearner {
    /// The LMS's id, prefixed with where it comes from (`scorm:`, `cmi5:`), so that ids of
    /// different kinds never meet.
    pub key: String,
    /// A display name ("Jane Doe"), possibly empty.
    pub name: String,
}

impl LmsLearner {
    /// A SCORM learner: `cmi.core.student_id` / `cmi.learner_id` and the name the LMS gives,
    /// which SCORM writes "Family, Given". `None` without an id.
    pub fn scorm(id: &str, name: &str) -> Option<LmsLearner> {
        let id = id.trim();
        if id.is_empty() {
            return None;
        }
        let name = match name.split_once(',') {
            Some((family, given)) if !given.trim().is_empty() => {
                format!("{} {}", given.trim(), family.trim())
            }
            _ => name.replace(',', " "),
        };
        Some(LmsLearner {
            key: format!("scorm:{id}"),
            name,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiles {
    pub schema: u32,
    pub active: String,
    pub list: Vec<Profile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileError {
    EmptyName,
    NameTooLong,
    DuplicateName,
    Unknown,
    /// The last profile cannot be deleted: there must always be someone learning.
    LastProfile,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProfileError::EmptyName => "the name is empty",
            ProfileError::NameTooLong => "the name is too long",
            ProfileError::DuplicateName => "another learner already has this name",
            ProfileError::Unknown => "no such learner",
            ProfileError::LastProfile => "the last learner cannot be deleted",
        })
    }
}

/// Characters that reorder text around them: on a certificate they could make a name read as
/// something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Trims and checks a display name. Control and bidirectional-override characters become
/// spaces: a name is shown in the page and printed on certificates, and must not carry
/// anything but text.
pub fn clean_name(name: &str) -> Result<String, ProfileError> {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(ProfileError::EmptyName)
    } else if name.chars().count() > MAX_NAME {
        Err(ProfileError::NameTooLong)
    } else {
        Ok(name)
    }
}

impl Profiles {
    /// The first profile on a device, created without asking: a learner can start at once and
    /// rename it later.
    pub fn first(id: String, name: String) -> Profiles {
        Profiles {
            schema: SCHEMA,
            active: id.clone(),
            list: vec![Profile {
                id,
                name,
                lms_learner: None,
            }],
        }
    }

    /// An id no profile has, from the clock.
    pub fn new_id(&self, now: u64) -> String {
        let mut id = format!("p{now}");
        while self.list.iter().any(|p| p.id == id) {
            id.push('x');
        }
        id
    }

    /// Makes the learner an LMS launched the active one, so that on a shared device one
    /// person's progress is never reported to the LMS as another's: their own profile if this
    /// device has one; else the active profile, when it is still the untouched first learner
    /// (a default name, no progress: `is_untouched`); else a new profile, named as the LMS
    /// names them (made unique), or `fallback_name`.
    pub fn for_lms_learner(
        &mut self,
        learner: &LmsLearner,
        now: u64,
        fallback_name: &str,
        is_untouched: impl Fn(&Profile) -> bool,
    ) {
        if let Some(own) = self
            .list
            .iter()
            .find(|p| p.lms_learner.as_deref() == Some(learner.key.as_str()))
        {
            self.active = own.id.clone();
            return;
        }
        let base = clean_name(&learner.name).unwrap_or_else(|_| fallback_name.to_string());
        let active = self.active().id.clone();
        let reuse = self
            .list
            .iter()
            .find(|p| p.id == active)
            .is_some_and(|p| p.lms_learner.is_none() && is_untouched(p));
        let id = if reuse { active } else { self.new_id(now) };
        let name = self.unique_name(&base, Some(&id));
        let profile = Profile {
            id: id.clone(),
            name,
            lms_learner: Some(learner.key.clone()),
        };
        match self.list.iter_mut().find(|p| p.id == id) {
            Some(existing) => *existing = profile,
            None => self.list.push(profile),
        }
        self.active = id;
    }

    /// `base`, or `base (2)`, `base (3)`... whichever no other profile has, within MAX_NAME.
    fn unique_name(&self, base: &str, except: Option<&str>) -> String {
        let mut n = 1;
        loop {
            let name = if n == 1 {
                base.to_string()
            } else {
                let suffix = format!(" ({n})");
                let room = MAX_NAME.saturating_sub(suffix.chars().count());
                format!("{}{suffix}", base.chars().take(room).collect::<String>())
            };
            if !self.name_taken(&name, except) {
                return name;
            }
            n += 1;
        }
    }

    pub fn active(&self) -> &Profile {
        self.list
            .iter()
            .find(|p| p.id == self.active)
            .unwrap_or(&self.list[0])
    }

    fn name_taken(&self, name: &str, except: Option<&str>) -> bool {
        self.list
            .iter()
            .any(|p| Some(p.id.as_str()) != except && p.name.to_lowercase() == name.to_lowercase())
    }

    /// Adds a learner and makes them active. `id` must be new (the caller derives it from the
    /// clock).
    pub fn add(&mut self, id: String, name: &str) -> Result<(), ProfileError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, None) {
            return Err(ProfileError::DuplicateName);
        }
        self.active = id.clone();
        self.list.push(Profile {
            id,
            name,
            lms_learner: None,
        });
        Ok(())
    }

    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), ProfileError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, Some(id)) {
            return Err(ProfileError::DuplicateName);
        }
        let profile = self
            .list
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?;
        profile.name = name;
        Ok(())
    }

    pub fn switch(&mut self, id: &str) -> Result<(), ProfileError> {
        if !self.list.iter().any(|p| p.id == id) {
            return Err(ProfileError::Unknown);
        }
        self.active = id.to_string();
        Ok(())
    }

    /// Removes a learner; if they were active, the first remaining one becomes active.
    pub fn remove(&mut self, id: &str) -> Result<(), ProfileError> {
        if self.list.len() == 1 {
            return Err(ProfileError::LastProfile);
        }
        let before = self.list.len();
        self.list.retain(|p| p.id != id);
        if self.list.len() == before {
            return Err(ProfileError::Unknown);
        }
        if self.active == id {
            self.active = self.list[0].id.clone();
        }
        Ok(())
    }
}

pub fn encode(profiles: &Profiles) -> String {
    serde_json::to_string(profiles).expect("profiles always serialise")
}

/// Reads the profile list; anything unusable (corrupt, another schema, empty, an active id
/// that is not in the list) is `None`, and the caller keeps the text aside.
pub fn decode(text: &str) -> Option<Profiles> {
    let mut profiles: Profiles = serde_json::from_str(text).ok()?;
    if profiles.schema != SCHEMA || profiles.list.is_empty() {
        return None;
    }
    if !profiles.list.iter().any(|p| p.id == profiles.active) {
        profiles.active = profiles.list[0].id.clone();
    }
    Some(profiles)
}
