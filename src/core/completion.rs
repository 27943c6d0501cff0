//! The completion code: what a learner shows their teacher or manager at the end of a track, as
//! a short text and a QR code, so that a class summary needs no server.
//!
//! It states the learner's display name, when the code was made, and every module they completed
//! with its best score and the day of that completion. It is checksummed, so that a mistyped or
//! damaged code is refused rather than misread, and versioned, so that a later Vigil can read an
//! older code (and this one recognises a newer one). It proves nothing about who made it: anyone
//! can make one under any name, and the app says so.
//!
//! The text is Crockford's base 32 (digits and capitals without I, L, O, U), grouped by five
//! with hyphens for reading aloud and typing; reading ignores the hyphens, spaces and case, and
//! takes I and L for 1 and O for 0, the mistakes people make copying such codes.
//!
//! Layout of version 1, bit by bit (most significant first): version (5 bits, = 1); the day the
//! code was made (16, days since 1970-01-01 in the learner's time zone) and its minute (11);
//! the name's length in bytes (8) and the name in UTF-8; the number of modules (6); per module,
//! its key (15, `module_key` of its id), its score in percent (7) and how many days before the
//! code's day it was completed (groups of 3 bits, each followed by a bit saying whether another
//! group follows); zeros to the end of the last character; then four characters holding a
//! CRC-16 of every character before them. A CRC-16 detects every change within 16 bits, so any
//! single wrong character (5 bits) is always detected, wherever it is.

use std::fmt;

use crate::core::course::Catalogue;
use crate::core::profiles;
use crate::core::progress::Progress;

pub const VERSION: u8 = 1;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_SYMBOLS: usize = 4;
/// Longer than any code Vigil makes (a 60-character name in 4-byte characters and 63
/// modules): anything longer is refused before it is read.
pub const MAX_LENGTH: usize = 800;
const MAX_NAME_BYTES: usize = 240;
const MAX_MODULES: usize = 63;
const MINUTES_A_DAY: u32 = 1440;
/// Groups of 3 bits for a completion's age in days: 6 groups reach 262,143 days.
const MAX_AGE_GROUPS: u32 = 6;

/// A module's key in a code: 15 bits of an FNV-1a hash of its id, so that a code names modules
/// in 3 characters instead of their ids. The build refuses two modules of the course with the
/// same key (`lesson_files::compile_dir`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleKey(pub u16);

pub fn module_key(id: &str) -> ModuleKey {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    // Folding the high half in keeps every bit of the hash in the key.
    ModuleKey(((hash ^ (hash >> 15) ^ (hash >> 30)) & 0x7fff) as u16)
}

/// Pairs of module ids (in the order given) whose keys are the same: a code could not tell
/// them apart, so the build refuses a course with any.
pub fn key_collisions<'a>(ids: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut pairs = Vec::new();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            if module_key(a) == module_key(b) {
                pairs.push((*a, *b));
            }
        }
    }
    pairs
}

/// What a code states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionCode {
    /// The learner's display name, as cleaned by `profiles::clean_name`.
    pub name: String,
    /// When the code was made: days since 1970-01-01 and minute of that day, both local.
    pub day: u32,
    pub minute: u32,
    /// The completed modules, in course order.
    pub modules: Vec<CompletedModule>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompletedModule {
    pub key: ModuleKey,
    /// The best completion's score, in whole percent (0 to 100).
    pub percent: u32,
    /// The day of that completion (days since 1970-01-01, local), never after the code's day.
    pub day: u32,
}

impl CompletionCode {
    /// The learner's code: every module of `course` with a completion of its current content,
    /// its best score and that completion's day. `local_day` turns a time (ms since the epoch)
    /// into the learner's local day number. `None` when nothing is completed.
    pub fn of_progress(
        course: &impl Catalogue,
        progress: &Progress,
        name: &str,
        now: (u32, u32),
        local_day: impl Fn(u64) -> u32,
    ) -> Option<CompletionCode> {
        let modules: Vec<CompletedModule> = course
            .entries()
            .into_iter()
            .filter_map(|entry| {
                let record = progress.modules.get(entry.id)?;
                if record.content_version != entry.version {
                    return None;
                }
                let best = record.best_completion()?;
                Some(CompletedModule {
                    key: module_key(entry.id),
                    percent: (best.earned * 100)
                        .checked_div(best.max)
                        .unwrap_or(100)
                        .min(100),
                    day: local_day(best.at).min(now.0),
                })
            })
            .take(MAX_MODULES)
            .collect();
        if modules.is_empty() {
            return None;
        }
        Some(CompletionCode {
            name: name_for_code(name),
            day: now.0,
            minute: now.1.min(MINUTES_A_DAY - 1),
            modules,
        })
    }

    /// The code as text, grouped by five characters with hyphens.
    pub fn encode(&self) -> String {
        group(&self.symbols())
    }

    /// The code as text without hyphens (for a URL or a QR code).
    pub fn encode_compact(&self) -> String {
        self.symbols()
    }

    fn symbols(&self) -> String {
        let mut bits = Bits::default();
        bits.push(u32::from(VERSION), 5);
        bits.push(self.day.min(0xffff), 16);
        bits.push(self.minute.min(MINUTES_A_DAY - 1), 11);
        // `of_progress` cleaned the name; a code built otherwise is only cut to length here
        // (one that is not clean is refused when read).
        let name = cut(&self.name);
        bits.push(name.len() as u32, 8);
        for byte in name.bytes() {
            bits.push(u32::from(byte), 8);
        }
        let modules = &self.modules[..self.modules.len().min(MAX_MODULES)];
        bits.push(modules.len() as u32, 6);
        for module in modules {
            bits.push(u32::from(module.key.0 & 0x7fff), 15);
            bits.push(module.percent.min(100), 7);
            let mut age = self.day.saturating_sub(module.day);
            for group in 1..=MAX_AGE_GROUPS {
                bits.push(age & 7, 3);
                age >>= 3;
                let more = age > 0 && group < MAX_AGE_GROUPS;
                bits.push(u32::from(more), 1);
                if !more {
                    break;
                }
            }
        }
        let mut symbols: Vec<u8> = bits.symbols();
        let check = crc16(&symbols);
        for shift in (0..CHECK_SYMBOLS).rev() {
            symbols.push(((u32::from(check) >> (5 * shift)) & 31) as u8);
        }
        symbols
            .iter()
            .map(|s| ALPHABET[*s as usize] as char)
            .collect()
    }

    /// Reads a code as typed, pasted or found in a URL fragment. Nothing about it is trusted:
    /// every field is checked, and a code that is not exactly what Vigil writes is refused.
    pub fn decode(text: &str) -> Result<CompletionCode, CodeError> {
        let symbols = read_symbols(text)?;
        if symbols.len() < 10 + CHECK_SYMBOLS {
            return Err(CodeError::TooShort);
        }
        let (body, check) = symbols.split_at(symbols.len() - CHECK_SYMBOLS);
        let stated = check.iter().fold(0u32, |acc, s| (acc << 5) | u32::from(*s));
        if stated != u32::from(crc16(body)) {
            return Err(CodeError::Checksum);
        }
        let mut bits = Reader::new(body);
        let version = bits.take(5).ok_or(CodeError::Damaged)?;
        if version != u32::from(VERSION) {
            return Err(CodeError::Version(version));
        }
        let damaged = || CodeError::Damaged;
        let day = bits.take(16).ok_or_else(damaged)?;
        let minute = bits.take(11).ok_or_else(damaged)?;
        if minute >= MINUTES_A_DAY {
            return Err(CodeError::Damaged);
        }
        let length = bits.take(8).ok_or_else(damaged)? as usize;
        if length == 0 || length > MAX_NAME_BYTES {
            return Err(CodeError::Damaged);
        }
        let mut name = Vec::with_capacity(length);
        for _ in 0..length {
            name.push(bits.take(8).ok_or_else(damaged)? as u8);
        }
        let name = String::from_utf8(name).map_err(|_| CodeError::Damaged)?;
        // A name is shown in the teacher's table and written to a spreadsheet: only a name
        // exactly as Vigil cleans it is accepted.
        if profiles::clean_name(&name).ok().as_deref() != Some(name.as_str()) {
            return Err(CodeError::Damaged);
        }
        let count = bits.take(6).ok_or_else(damaged)? as usize;
        let mut modules: Vec<CompletedModule> = Vec::with_capacity(count);
        for _ in 0..count {
            let key = ModuleKey(bits.take(15).ok_or_else(damaged)? as u16);
            let percent = bits.take(7).ok_or_else(damaged)?;
            let mut age: u32 = 0;
            let mut group = 0;
            loop {
                let value = bits.take(3).ok_or_else(damaged)?;
                age |= value << (3 * group);
                group += 1;
                let more = bits.take(1).ok_or_else(damaged)? == 1;
                if !more {
                    break;
                }
                if group == MAX_AGE_GROUPS {
                    return Err(CodeError::Damaged);
                }
            }
            if percent > 100 || age > day || modules.iter().any(|m| m.key == key) {
                return Err(CodeError::Damaged);
            }
            modules.push(CompletedModule {
                key,
                percent,
                day: day - age,
            });
        }
        if !bits.rest_is_padding() {
            return Err(CodeError::Damaged);
        }
        Ok(CompletionCode {
            name,
            day,
            minute,
            modules,
        })
    }

    /// Whether this code was made after `other` (to the minute).
    pub fn is_newer_than(&self, other: &CompletionCode) -> bool {
        (self.day, self.minute) > (other.day, other.minute)
    }
}

/// Why a text is not a completion code. Each says what the person typing it can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    Empty,
    /// A character no code has (the first one found).
    Character(char),
    /// Too short to be a code: part of it is missing.
    TooShort,
    /// Longer than any code Vigil makes.
    TooLong,
    /// The checksum does not match: a character is mistyped, missing or extra.
    Checksum,
    /// Made by another version of Vigil (the version it states).
    Version(u32),
    /// The checksum matches but the content is not what Vigil writes.
    Damaged,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::Empty => write!(f, "the code is empty"),
            CodeError::Character(c) => write!(f, "\"{c}\" is not a character of a completion code"),
            CodeError::TooShort => write!(f, "the code is too short: part of it is missing"),
            CodeError::TooLong => write!(f, "the text is too long to be a completion code"),
            CodeError::Checksum => write!(
                f,
                "the code does not check out: a character is mistyped, missing or extra"
            ),
            CodeError::Version(v) => {
                write!(
                    f,
                    "the code was made by another version of Vigil (version {v})"
                )
            }
            CodeError::Damaged => write!(f, "the code is damaged"),
        }
    }
}

/// The name as a code carries it: cleaned, and cut to the bytes a code holds.
fn name_for_code(name: &str) -> String {
    let name = profiles::clean_name(name).unwrap_or_else(|_| "?".to_string());
    cut(&name).to_string()
}

/// At most the bytes a code holds, cut at a character's boundary, should a name ever be longer.
fn cut(name: &str) -> &str {
    let mut end = name.len().min(MAX_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].trim_end()
}

/// Groups symbols by five with hyphens.
fn group(symbols: &str) -> String {
    symbols
        .as_bytes()
        .chunks(5)
        .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// The symbols of a code as written: hyphens and white space ignored, lower case read as
/// upper, I and L as 1, O as 0.
fn read_symbols(text: &str) -> Result<Vec<u8>, CodeError> {
    if text.len() > MAX_LENGTH {
        return Err(CodeError::TooLong);
    }
    let mut symbols = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let upper = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            other => other,
        };
        let value = ALPHABET
            .iter()
            .position(|a| char::from(*a) == upper)
            .ok_or(CodeError::Character(c))?;
        symbols.push(value as u8);
    }
    if symbols.is_empty() {
        return Err(CodeError::Empty);
    }
    Ok(symbols)
}

/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) over the symbols' values.
fn crc16(symbols: &[u8]) -> u16 {
    let mut crc: u16 = 0xffff;
    for symbol in symbols {
        crc ^= u16::from(*symbol) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Bits written most significant first, gathered into 5-bit symbols as they come (the last one
/// padded with zeros).
#[derive(Default)]
struct Bits {
    pending: u32,
    count: u32,
    symbols: Vec<u8>,
}

impl Bits {
    fn push(&mut self, value: u32, width: u32) {
        for shift in (0..width).rev() {
            self.pending = (self.pending << 1) | ((value >> shift) & 1);
            self.count += 1;
            if self.count == 5 {
                self.symbols.push(self.pending as u8);
                self.pending = 0;
                self.count = 0;
            }
        }
    }

    fn symbols(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.symbols.push((self.pending << (5 - self.count)) as u8);
        }
        self.symbols
    }
}

/// Reads bits back from symbols.
struct Reader<'a> {
    symbols: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(symbols: &'a [u8]) -> Reader<'a> {
        Reader { symbols, at: 0 }
    }

    fn bit(&mut self) -> Option<u32> {
        let symbol = self.symbols.get(self.at / 5)?;
        let bit = (symbol >> (4 - self.at % 5)) & 1;
        self.at += 1;
        Some(u32::from(bit))
    }

    fn take(&mut self, width: u32) -> Option<u32> {
        (0..width).try_fold(0u32, |acc, _| Some((acc << 1) | self.bit()?))
    }

    /// Whether what is left is the zeros that fill the last symbol, and no more.
    fn rest_is_padding(&mut self) -> bool {
        let total = self.symbols.len() * 5;
        if total - self.at >= 5 {
            return false;
        }
        while let Some(bit) = self.bit() {
            if bit != 0 {
                return false;
            }
        }
        true
    }
}
