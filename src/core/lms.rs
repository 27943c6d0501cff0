//! What Vigil tells an LMS, as SCORM 1.2 or SCORM 2004 data-model values: completion and
//! success, score, location, session time, and the learner's progress as suspend_data.
//!
//! The LMS tracks one track: the modules recommended for the launch role (`?role=`), or every
//! module of the course. Pure: the browser adapter (browser::lms) only moves these values.

use crate::core::compact::{self, ModuleShape};
use crate::core::course::{Catalogue, Entry};
use crate::core::progress::Progress;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    Scorm12,
    Scorm2004,
}

impl Standard {
    /// The longest suspend_data each standard guarantees: 4,096 characters in SCORM 1.2,
    /// 64,000 in SCORM 2004 (4th edition).
    pub fn suspend_limit(self) -> usize {
        match self {
            Standard::Scorm12 => 4096,
            Standard::Scorm2004 => 64_000,
        }
    }
}

/// The mastery score of the packages (`cargo xtask package`), in percent.
pub const MASTERY: u32 = 70;

/// A pass mark in hundredths of a percent (7000 is 70%): Vigil's own, or one the LMS sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassMark(u32);

impl Default for PassMark {
    fn default() -> Self {
        PassMark(MASTERY * 100)
    }
}

impl PassMark {
    /// The data-model element where an LMS may give its own pass mark, which can differ from
    /// the package's (an administrator may change it).
    pub fn element(standard: Standard) -> &'static str {
        match standard {
            Standard::Scorm12 => "cmi.student_data.mastery_score",
            Standard::Scorm2004 => "cmi.scaled_passing_score",
        }
    }

    /// The LMS's pass mark from that element: SCORM 1.2 gives 0 to 100, SCORM 2004 -1 to 1 (a
    /// negative mark passes any score). `None` when the LMS sets none ("") or a value that is
    /// not a decimal in range.
    pub fn from_lms(standard: Standard, text: &str) -> Option<PassMark> {
        let (negative, ten_thousandths) = decimal(text)?;
        let hundredths_of_percent = match standard {
            Standard::Scorm12 if !negative => ten_thousandths / 100,
            Standard::Scorm12 => return None,
            Standard::Scorm2004 if negative => {
                return (ten_thousandths <= 10_000).then_some(PassMark(0))
            }
            Standard::Scorm2004 => ten_thousandths,
        };
        (hundredths_of_percent <= 10_000).then_some(PassMark(hundredths_of_percent as u32))
    }

    pub fn passes(self, earned: u32, max: u32) -> bool {
        u64::from(earned) * 10_000 >= u64::from(self.0) * u64::from(max)
    }
}

/// The data-model elements holding the LMS's id and name for the learner.
pub fn learner_elements(standard: Standard) -> (&'static str, &'static str) {
    match standard {
        Standard::Scorm12 => ("cmi.core.student_id", "cmi.core.student_name"),
        Standard::Scorm2004 => ("cmi.learner_id", "cmi.learner_name"),
    }
}

/// The data-model element holding the learner's preferred language on the LMS (a language tag
/// such as `nl-BE`, or empty).
pub fn language_element(standard: Standard) -> &'static str {
    match standard {
        Standard::Scorm12 => "cmi.student_preference.language",
        Standard::Scorm2004 => "cmi.learner_preference.language",
    }
}

/// A plain decimal (`80`, `0.75`, `-1`; no exponent) as its sign and its value in
/// ten-thousandths, without floating point. Digits past the fourth decimal are dropped.
fn decimal(text: &str) -> Option<(bool, u64)> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || whole.len() > 6
    {
        return None;
    }
    // Only ASCII digits are left, and at most six before the point: no overflow.
    let value = |part: &str| part.bytes().fold(0, |n, b| n * 10 + u64::from(b - b'0'));
    let kept = &fraction[..fraction.len().min(4)];
    let fraction = value(kept) * 10u64.pow(4 - kept.len() as u32);
    Some((negative, value(whole) * 10_000 + fraction))
}

/// The modules the LMS tracks.
fn track<'c>(course: &'c impl Catalogue, role: Option<&str>) -> Vec<Entry<'c>> {
    let for_role: Vec<_> = role.map(|r| course.for_role(r)).unwrap_or_default();
    if for_role.is_empty() {
        course.entries()
    } else {
        for_role
    }
}

/// The learner's standing in the track: (all completed, earned, max).
pub fn standing(
    course: &impl Catalogue,
    progress: &Progress,
    role: Option<&str>,
) -> (bool, u32, u32) {
    let mut all_done = true;
    let (mut earned, mut max) = (0, 0);
    for module in track(course, role) {
        let record = progress
            .modules
            .get(module.id)
            .filter(|r| r.content_version == module.version);
        let best = record.and_then(|r| r.best_completion());
        match best {
            Some(done) => {
                earned += done.earned;
                max += done.max;
            }
            None => {
                all_done = false;
                if let Some(record) = record {
                    let now = crate::core::scoring::score(record);
                    earned += now.earned;
                    max += now.max;
                }
            }
        }
    }
    (all_done, earned, max)
}

/// Hours, minutes, seconds and hundredths of a duration in milliseconds.
fn clock(ms: u64) -> (u64, u64, u64, u64) {
    let centis = ms / 10;
    (
        centis / 360_000,
        centis / 6000 % 60,
        centis / 100 % 60,
        centis % 100,
    )
}

/// `HHHH:MM:SS.SS` (SCORM 1.2 CMITimespan).
pub fn timespan_12(ms: u64) -> String {
    let (h, m, s, c) = clock(ms);
    format!("{:04}:{m:02}:{s:02}.{c:02}", h.min(9999))
}

/// A percentage (0 to 100) as SCORM 2004's `score.scaled`, a decimal from 0 to 1: `75` is
/// `0.75`, `70` is `0.7`, `100` is `1`. Written with integers, so that float formatting does
/// not ship in the app.
fn scaled(percent: u32) -> String {
    match percent {
        100.. => "1".to_string(),
        0 => "0".to_string(),
        p if p % 10 == 0 => format!("0.{}", p / 10),
        p => format!("0.{p:02}"),
    }
}

/// ISO 8601 duration (SCORM 2004 timeinterval), e.g. `PT1H2M3.5S`.
pub fn duration_2004(ms: u64) -> String {
    let (h, m, s, c) = clock(ms);
    format!("PT{h}H{m}M{s}.{c:02}S")
}

/// The progress as suspend_data, never longer than the standard allows, written against the
/// modules' `shapes`. When the whole record does not fit, older completions are dropped (each
/// module keeps its best), then modules outside the track; `None` if even that does not fit
/// (the caller keeps the last value).
pub fn suspend_data(
    standard: Standard,
    course: &impl Catalogue,
    shapes: &[ModuleShape],
    progress: &Progress,
    role: Option<&str>,
) -> Option<String> {
    let limit = standard.suspend_limit();
    let fits = |p: &Progress| Some(compact::encode(p, shapes)).filter(|code| code.len() <= limit);
    if let Some(code) = fits(progress) {
        return Some(code);
    }
    let mut slim = progress.clone();
    for record in slim.modules.values_mut() {
        let best = record.best_completion().cloned();
        record.completions = best.into_iter().collect();
    }
    if let Some(code) = fits(&slim) {
        return Some(code);
    }
    let tracked: Vec<String> = track(course, role)
        .iter()
        .map(|m| m.id.to_string())
        .collect();
    slim.modules.retain(|id, _| tracked.contains(id));
    fits(&slim)
}

/// Restores progress from suspend_data, written against the modules' `shapes`; `None` when it
/// is not a readable Vigil code.
pub fn resume(shapes: &[ModuleShape], suspend_data: &str) -> Option<Progress> {
    compact::decode(suspend_data, shapes).ok()
}

/// The data-model values to set after a change, in the order to set them; passed or failed
/// against `pass_mark` (the LMS's, or Vigil's own).
pub fn values(
    standard: Standard,
    course: &impl Catalogue,
    shapes: &[ModuleShape],
    progress: &Progress,
    role: Option<&str>,
    pass_mark: PassMark,
    session_ms: u64,
) -> Vec<(&'static str, String)> {
    let (done, earned, max) = standing(course, progress, role);
    let percent = (earned * 100).checked_div(max).unwrap_or(0);
    let passed = pass_mark.passes(earned, max);
    let location = progress
        .modules
        .iter()
        .max_by_key(|(_, r)| r.updated_at)
        .and_then(|(id, r)| r.path.last().map(|step| format!("{id}/{step}")))
        .unwrap_or_default();
    let suspend = suspend_data(standard, course, shapes, progress, role);
    let mut out = match standard {
        Standard::Scorm12 => vec![
            (
                "cmi.core.lesson_status",
                if !done {
                    "incomplete"
                } else if passed {
                    "passed"
                } else {
                    "failed"
                }
                .to_string(),
            ),
            ("cmi.core.score.raw", percent.to_string()),
            ("cmi.core.score.min", "0".to_string()),
            ("cmi.core.score.max", "100".to_string()),
            ("cmi.core.session_time", timespan_12(session_ms)),
            ("cmi.core.exit", "suspend".to_string()),
        ],
        Standard::Scorm2004 => vec![
            (
                "cmi.completion_status",
                if done { "completed" } else { "incomplete" }.to_string(),
            ),
            (
                "cmi.success_status",
                if !done {
                    "unknown"
                } else if passed {
                    "passed"
                } else {
                    "failed"
                }
                .to_string(),
            ),
            ("cmi.score.scaled", scaled(percent)),
            ("cmi.score.raw", percent.to_string()),
            ("cmi.score.min", "0".to_string()),
            ("cmi.score.max", "100".to_string()),
            ("cmi.session_time", duration_2004(session_ms)),
            ("cmi.exit", "suspend".to_string()),
        ],
    };
    // A location only once there is one: an empty string is a type mismatch in SCORM 2004
    // (scorm-again answers 406), and a stricter LMS may log it as a fault.
    if !location.is_empty() {
        out.push(match standard {
            Standard::Scorm12 => (
                "cmi.core.lesson_location",
                location.chars().take(255).collect(),
            ),
            Standard::Scorm2004 => ("cmi.location", location.chars().take(1000).collect()),
        });
    }
    if let Some(code) = suspend {
        out.push(("cmi.suspend_data", code));
    }
    out
}
