//! The compact progress encoding: a learner's whole record in a short, versioned, URL-safe
//! string, small enough for an LMS's 4,096-character `cmi.suspend_data` (SCORM 1.2) with every
//! module of a full curriculum completed.
//!
//! Steps and answers are written as positions in the module's shape (its step ids and each
//! step's answer ids, which are the same in every language), so the encoder and decoder need
//! the shapes of the course; the order an attempt shows a question's choices in is one number,
//! its rank among the orders of the choices as written. Each module carries its content version and a checksum of its
//! shape: when either no longer matches, its path and answers are dropped (the module resumes
//! at its start) while its attempts, dates and completed scores are kept. A module the course
//! no longer has is written with its step ids in full, so nothing is lost.
//!
//! Layout, after the `V1.` prefix, base64url without padding: varints and length-prefixed
//! UTF-8 strings (see `Writer`). The decoder never panics: every length and index is checked
//! against what is left, and any inconsistency is an error.

use std::collections::BTreeMap;
use std::fmt;

use crate::core::course::{Lang, Module};
use crate::core::progress::{Answer, Completion, ModuleProgress, Progress, SCHEMA};

const PREFIX: &str = "V1.";

/// A module's step ids and, per step, the ids of the answers it accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleShape {
    pub id: String,
    pub version: u32,
    pub steps: Vec<(String, Vec<String>)>,
}

impl ModuleShape {
    pub fn of(module: &Module) -> ModuleShape {
        let steps = module
            .steps
            .iter()
            .map(|step| {
                let answers = step.offered().iter().map(|o| o.id.to_string()).collect();
                (step.id.clone(), answers)
            })
            .collect();
        ModuleShape {
            id: module.id.clone(),
            version: module.version,
            steps,
        }
    }

    /// A 32-bit FNV-1a checksum of the ids, in order: a renamed, added or removed step or
    /// choice changes it.
    fn checksum(&self) -> u32 {
        let mut hash: u32 = 0x811c_9dc5;
        let mut eat = |text: &str| {
            for byte in text.bytes().chain([0xff]) {
                hash ^= u32::from(byte);
                hash = hash.wrapping_mul(0x0100_0193);
            }
        };
        for (step, answers) in &self.steps {
            eat(step);
            for answer in answers {
                eat(answer);
            }
        }
        hash
    }

    fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|(step, _)| step == id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompactError {
    /// Not a compact record of a version this build reads.
    UnknownFormat,
    /// The text is not valid base64url, or the bytes end or disagree mid-record.
    Damaged(&'static str),
}

impl fmt::Display for CompactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompactError::UnknownFormat => {
                write!(f, "not a Vigil progress code of a known version")
            }
            CompactError::Damaged(what) => write!(f, "the progress code is damaged ({what})"),
        }
    }
}

// Markers for how a module's path is written. `ORDERED` is added when the attempt's drawn order
// of shuffled steps follows the answers, `CHOICES` when the orders drawn for its questions'
// choices follow that; codes written before either existed have neither.
const BY_POSITION: u64 = 0;
const BY_ID: u64 = 1;
const ORDERED: u64 = 2;
const CHOICES: u64 = 4;

/// The most choices a question's drawn order is written for by its rank: 20! still fits in a
/// `u64`. A question with more (none has) is written by id.
const MAX_RANKED: usize = 20;

/// A language written by its code rather than by one of the first three numbers.
const LANG_BY_CODE: u64 = 4;

pub fn encode(progress: &Progress, shapes: &[ModuleShape]) -> String {
    let mut w = Writer::default();
    w.string(progress.role.as_deref().unwrap_or(""));
    // The three first languages keep the numbers they had when they were the only ones, so
    // that codes written then still read; any other language is written by its code.
    match progress.lang.map(|l| l.to_string()).as_deref() {
        None => w.uint(0),
        Some("en") => w.uint(1),
        Some("fr") => w.uint(2),
        Some("nl") => w.uint(3),
        Some(code) => {
            w.uint(LANG_BY_CODE);
            w.string(code);
        }
    }
    w.uint(progress.modules.len() as u64);
    for (id, module) in &progress.modules {
        w.string(id);
        w.uint(module.content_version.into());
        w.uint(module.attempt.into());
        w.uint(module.started_at);
        w.uint(module.updated_at.saturating_sub(module.started_at));
        w.uint(
            module
                .completed_at
                .map_or(0, |at| at.saturating_sub(module.started_at) + 1),
        );
        let shape = shapes
            .iter()
            .find(|s| s.id == *id && s.version == module.content_version)
            .filter(|shape| fits(shape, module));
        let ordered = if module.order.is_empty() { 0 } else { ORDERED };
        let drawn = if module.choices.is_empty() {
            0
        } else {
            CHOICES
        };
        match shape {
            Some(shape) => {
                w.uint(BY_POSITION | ordered | drawn);
                w.uint(shape.checksum().into());
                w.uint(module.path.len() as u64);
                for step in &module.path {
                    w.uint(shape.step_index(step).unwrap_or(0) as u64);
                }
                w.uint(module.answers.len() as u64);
                for (step, answer) in &module.answers {
                    let index = shape.step_index(step).unwrap_or(0);
                    let choice = shape.steps[index]
                        .1
                        .iter()
                        .position(|c| *c == answer.choice)
                        .unwrap_or(0);
                    w.uint(index as u64);
                    w.uint(choice as u64);
                    write_score(
                        &mut w,
                        answer.points,
                        answer.max,
                        answer.at,
                        module.started_at,
                    );
                }
                if ordered != 0 {
                    w.uint(module.order.len() as u64);
                    for step in &module.order {
                        w.uint(shape.step_index(step).unwrap_or(0) as u64);
                    }
                }
                if drawn != 0 {
                    // One number per question: the drawn order's rank among the orders of
                    // its choices as written (a byte for up to five choices).
                    w.uint(module.choices.len() as u64);
                    for (step, order) in &module.choices {
                        let index = shape.step_index(step).unwrap_or(0);
                        w.uint(index as u64);
                        w.uint(rank(&shape.steps[index].1, order));
                    }
                }
            }
            None => {
                w.uint(BY_ID | ordered | drawn);
                w.uint(module.path.len() as u64);
                for step in &module.path {
                    w.string(step);
                }
                w.uint(module.answers.len() as u64);
                for (step, answer) in &module.answers {
                    w.string(step);
                    w.string(&answer.choice);
                    write_score(
                        &mut w,
                        answer.points,
                        answer.max,
                        answer.at,
                        module.started_at,
                    );
                }
                if ordered != 0 {
                    w.uint(module.order.len() as u64);
                    for step in &module.order {
                        w.string(step);
                    }
                }
                if drawn != 0 {
                    w.uint(module.choices.len() as u64);
                    for (step, order) in &module.choices {
                        w.string(step);
                        w.uint(order.len() as u64);
                        for choice in order {
                            w.string(choice);
                        }
                    }
                }
            }
        }
        w.uint(module.completions.len() as u64);
        for done in &module.completions {
            w.uint(done.attempt.into());
            w.uint(done.earned.into());
            w.uint(done.max.into());
            w.uint(done.at);
        }
    }
    format!("{PREFIX}{}", base64url(&w.bytes))
}

/// Whether every step and answer of the progress has a position in the shape.
fn fits(shape: &ModuleShape, module: &ModuleProgress) -> bool {
    module
        .path
        .iter()
        .chain(&module.order)
        .all(|step| shape.step_index(step).is_some())
        && module.answers.iter().all(|(step, answer)| {
            shape
                .step_index(step)
                .is_some_and(|i| shape.steps[i].1.contains(&answer.choice))
        })
        && module.choices.iter().all(|(step, order)| {
            shape.step_index(step).is_some_and(|i| {
                let written = &shape.steps[i].1;
                order.len() <= MAX_RANKED && is_order_of(order, written)
            })
        })
}

/// Whether `order` holds each of `written` exactly once.
fn is_order_of(order: &[String], written: &[String]) -> bool {
    let mut a: Vec<&String> = order.iter().collect();
    let mut b: Vec<&String> = written.iter().collect();
    a.sort();
    b.sort();
    a == b
}

/// The rank of `order` among all orders of `written` (its Lehmer code read as one number, each
/// digit in the base of the choices left): 0 is the written order, n! - 1 the reverse.
fn rank(written: &[String], order: &[String]) -> u64 {
    let mut left: Vec<&String> = written.iter().collect();
    let mut rank = 0u64;
    for id in order {
        let k = left.iter().position(|c| *c == id).unwrap_or(0);
        rank = rank * left.len() as u64 + k as u64;
        left.remove(k);
    }
    rank
}

/// The order of `written` with this rank; `None` when the rank is beyond the last order.
fn unrank(written: &[String], mut rank: u64) -> Option<Vec<String>> {
    let n = written.len();
    let mut digits = vec![0usize; n];
    for (i, digit) in digits.iter_mut().enumerate().rev() {
        let base = (n - i) as u64;
        *digit = (rank % base) as usize;
        rank /= base;
    }
    if rank != 0 {
        return None;
    }
    let mut left = written.to_vec();
    Some(digits.into_iter().map(|k| left.remove(k)).collect())
}

fn write_score(w: &mut Writer, points: u32, max: u32, at: u64, started_at: u64) {
    w.uint(points.into());
    w.uint(max.into());
    w.uint(at.saturating_sub(started_at));
}

pub fn decode(text: &str, shapes: &[ModuleShape]) -> Result<Progress, CompactError> {
    let body = text
        .strip_prefix(PREFIX)
        .ok_or(CompactError::UnknownFormat)?;
    let bytes = from_base64url(body).ok_or(CompactError::Damaged("not base64url"))?;
    let mut r = Reader {
        bytes: &bytes,
        at: 0,
    };
    let role = r.string()?;
    let lang = match r.uint()? {
        0 => None,
        1 => Lang::parse("en"),
        2 => Lang::parse("fr"),
        3 => Lang::parse("nl"),
        LANG_BY_CODE => {
            Some(Lang::parse(&r.string()?).ok_or(CompactError::Damaged("unknown language"))?)
        }
        _ => return Err(CompactError::Damaged("unknown language")),
    };
    let count = r.count()?;
    let mut modules = BTreeMap::new();
    for _ in 0..count {
        let id = r.string()?;
        let content_version = r.u32()?;
        let attempt = r.u32()?;
        let started_at = r.uint()?;
        let updated_at = started_at.saturating_add(r.uint()?);
        let completed_at = match r.uint()? {
            0 => None,
            n => Some(started_at.saturating_add(n - 1)),
        };
        let mut path = Vec::new();
        let mut answers = BTreeMap::new();
        let mut order = Vec::new();
        let mut choices = BTreeMap::new();
        let form = r.uint()?;
        match form & !(ORDERED | CHOICES) {
            _ if form > (BY_ID | ORDERED | CHOICES) => {
                return Err(CompactError::Damaged("unknown path form"))
            }
            BY_POSITION => {
                let checksum = r.uint()?;
                let shape = shapes.iter().find(|s| {
                    s.id == id
                        && s.version == content_version
                        && u64::from(s.checksum()) == checksum
                });
                let steps = r.count()?;
                for _ in 0..steps {
                    let index = r.index()?;
                    if let Some((step, _)) = shape.and_then(|s| s.steps.get(index)) {
                        path.push(step.clone());
                    }
                }
                let count = r.count()?;
                for _ in 0..count {
                    let (step, choice) = (r.index()?, r.index()?);
                    let (points, max, at) = read_score(&mut r, started_at)?;
                    let found = shape
                        .and_then(|s| s.steps.get(step))
                        .and_then(|(id, choices)| {
                            choices.get(choice).map(|c| (id.clone(), c.clone()))
                        });
                    if let Some((step, choice)) = found {
                        answers.insert(
                            step,
                            Answer {
                                choice,
                                points,
                                max,
                                at,
                            },
                        );
                    }
                }
                if form & ORDERED != 0 {
                    let steps = r.count()?;
                    for _ in 0..steps {
                        let index = r.index()?;
                        if let Some((step, _)) = shape.and_then(|s| s.steps.get(index)) {
                            order.push(step.clone());
                        }
                    }
                }
                if form & CHOICES != 0 {
                    let steps = r.count()?;
                    for _ in 0..steps {
                        let (index, rank) = (r.index()?, r.uint()?);
                        let step = shape.and_then(|s| s.steps.get(index));
                        if let Some((step, written)) = step {
                            let drawn = unrank(written, rank)
                                .ok_or(CompactError::Damaged("no such order of choices"))?;
                            choices.insert(step.clone(), drawn);
                        }
                    }
                }
                // Positions read against another shape would be wrong: the module resumes at
                // its start instead (engine::reconcile sees the empty path).
                if shape.is_none() {
                    path.clear();
                    answers.clear();
                    order.clear();
                    choices.clear();
                }
            }
            BY_ID => {
                let steps = r.count()?;
                for _ in 0..steps {
                    path.push(r.string()?);
                }
                let count = r.count()?;
                for _ in 0..count {
                    let step = r.string()?;
                    let choice = r.string()?;
                    let (points, max, at) = read_score(&mut r, started_at)?;
                    answers.insert(
                        step,
                        Answer {
                            choice,
                            points,
                            max,
                            at,
                        },
                    );
                }
                if form & ORDERED != 0 {
                    let steps = r.count()?;
                    for _ in 0..steps {
                        order.push(r.string()?);
                    }
                }
                if form & CHOICES != 0 {
                    let steps = r.count()?;
                    for _ in 0..steps {
                        let step = r.string()?;
                        let count = r.count()?;
                        let mut drawn = Vec::with_capacity(count);
                        for _ in 0..count {
                            drawn.push(r.string()?);
                        }
                        choices.insert(step, drawn);
                    }
                }
            }
            _ => return Err(CompactError::Damaged("unknown path form")),
        }
        let done = r.count()?;
        let mut completions = Vec::new();
        for _ in 0..done {
            completions.push(Completion {
                attempt: r.u32()?,
                earned: r.u32()?,
                max: r.u32()?,
                at: r.uint()?,
            });
        }
        modules.insert(
            id,
            ModuleProgress {
                content_version,
                attempt,
                path,
                answers,
                order,
                choices,
                started_at,
                updated_at,
                completed_at,
                completions,
            },
        );
    }
    if r.at != bytes.len() {
        return Err(CompactError::Damaged("trailing bytes"));
    }
    Ok(Progress {
        schema: SCHEMA,
        role: (!role.is_empty()).then_some(role),
        lang,
        modules,
    })
}

fn read_score(r: &mut Reader, started_at: u64) -> Result<(u32, u32, u64), CompactError> {
    Ok((r.u32()?, r.u32()?, started_at.saturating_add(r.uint()?)))
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// LEB128: seven bits a byte, high bit set on all but the last.
    fn uint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    fn string(&mut self, text: &str) {
        self.uint(text.len() as u64);
        self.bytes.extend_from_slice(text.as_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn uint(&mut self) -> Result<u64, CompactError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or(CompactError::Damaged("ends early"))?;
            self.at += 1;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(CompactError::Damaged("number too large"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(CompactError::Damaged("number too large"))
    }

    fn u32(&mut self) -> Result<u32, CompactError> {
        u32::try_from(self.uint()?).map_err(|_| CompactError::Damaged("number too large"))
    }

    fn index(&mut self) -> Result<usize, CompactError> {
        usize::try_from(self.uint()?).map_err(|_| CompactError::Damaged("number too large"))
    }

    /// A count of items that follow; each takes at least one byte, so a count larger than
    /// what is left is damage (and never a huge allocation).
    fn count(&mut self) -> Result<usize, CompactError> {
        let count = self.index()?;
        if count > self.bytes.len() - self.at {
            return Err(CompactError::Damaged("count beyond the end"));
        }
        Ok(count)
    }

    fn string(&mut self) -> Result<String, CompactError> {
        let len = self.count()?;
        let slice = &self.bytes[self.at..self.at + len];
        self.at += len;
        String::from_utf8(slice.to_vec()).map_err(|_| CompactError::Damaged("text is not UTF-8"))
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 0x3f) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
