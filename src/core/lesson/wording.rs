//! Checks on the words themselves: terms the Luxembourg Guidelines refuse, and French
//! typography.
//!
//! Both are rules a reviewer would otherwise enforce by hand in every file and every new
//! translation, so the build checks them where the words stand (file, line, step).

use crate::core::language::Language;

/// Opening quotation marks: a refused term right after one is quoted as an example of what not
/// to say ("we never speak of « enfants prostitués »"), which the Guidelines themselves do.
const OPENING_QUOTES: &[char] = &['"', '“', '„', '«', '‘'];

/// A problem with a text's words: what to tell the author, and the words it stands at (to find
/// its line in the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub at: String,
}

/// Each refused term `text` uses, with what to write instead. Terms inside quotation marks are
/// mentions, not uses, and pass.
pub fn refused(text: &str, language: &Language) -> Vec<Problem> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for refused in &language.refused {
        let term = refused.term.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&term) {
            let start = from + at;
            let end = start + term.len();
            from = end;
            let before = lower[..start].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let quoted = lower[..start]
                .trim_end_matches([' ', '\u{a0}', '\u{202f}'])
                .ends_with(OPENING_QUOTES);
            let excused = refused
                .unless_followed_by
                .as_deref()
                .is_some_and(|words| lower[end..].starts_with(&words.to_lowercase()));
            if quoted || excused {
                continue;
            }
            // The whole word as written: the term is matched as the start of one.
            let word_end = lower[end..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(lower.len(), |n| end + n);
            let written = text.get(start..word_end).unwrap_or(&refused.term);
            let problem = Problem {
                message: format!(
                    "\"{written}\" is a term the Luxembourg Guidelines advise against: write \"{}\"",
                    refused.instead
                ),
                at: written.to_string(),
            };
            if !found.contains(&problem) {
                found.push(problem);
            }
        }
    }
    found
}

/// The non-breaking space French typography puts before `: ; ? !` and `»`, after `«`, in
/// "23 h 10", before "%" and between groups of digits. U+00A0 everywhere, rather than the
/// narrow U+202F that print uses before `; ? !`: every font a learner's device has draws it,
/// it is what Belgian and French office software types, and one character is one rule.
pub const NBSP: char = '\u{a0}';

/// French text with its spaces made non-breaking where French typography wants them, and a
/// missing one added before `; ? !` and `»` and after `«`. A colon with none before it is left
/// alone, since it may be a time or a ratio; the check reports it unless digits stand on both
/// sides.
pub fn fix_french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let is_space = c == ' ' || c == '\u{202f}';
        if is_space && wants_nbsp(&chars, i) {
            out.push(NBSP);
            continue;
        }
        if matches!(c, ';' | '?' | '!' | '»')
            && prev.is_some_and(|p| !p.is_whitespace() && !matches!(p, '?' | '!' | '('))
        {
            out.push(NBSP);
        }
        out.push(c);
        if c == '«' && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(NBSP);
        }
    }
    out
}

/// Whether the space at `i` should be non-breaking.
fn wants_nbsp(chars: &[char], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|j| chars[j]);
    let next = chars.get(i + 1).copied();
    let digit_before = prev.is_some_and(|p| p.is_ascii_digit());
    if matches!(next, Some(':' | ';' | '?' | '!' | '»')) || prev == Some('«') {
        return true;
    }
    // "85 %", and "{{ percent }} %" in the interface.
    if next == Some('%') {
        return true;
    }
    // "23 h 10": both spaces around the h.
    if digit_before && next == Some('h') && chars.get(i + 2).is_none_or(|c| !c.is_alphabetic()) {
        return true;
    }
    if prev == Some('h')
        && i >= 3
        && matches!(chars[i - 2], ' ' | NBSP | '\u{202f}')
        && chars[i - 3].is_ascii_digit()
        && next.is_some_and(|n| n.is_ascii_digit())
    {
        return true;
    }
    // "3 000": a group of three digits after digits.
    digit_before && next_is_group(chars, i + 1)
}

fn next_is_group(chars: &[char], from: usize) -> bool {
    chars.len() >= from + 3
        && chars[from..from + 3].iter().all(char::is_ascii_digit)
        && chars.get(from + 3).is_none_or(|c| !c.is_ascii_digit())
}

/// Each typographic problem of a French text, described at the character where it stands.
pub fn french_problems(text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let fixed = fix_french(text);
    if fixed != text {
        let (what, at) = first_difference(text, &fixed);
        problems.push(Problem {
            message: format!(
                "French typography: {what} (`cargo xtask lessons --fix-typography` puts them in)"
            ),
            at,
        });
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != ':' {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        if prev.is_some_and(|p| !p.is_whitespace()) && !between_digits {
            problems.push(Problem {
                message: format!(
                    "French typography: no space before \":\": a non-breaking space (U+00A0) belongs there, in \"{}\"",
                    excerpt(&chars, i)
                ),
                at: before(&chars, i),
            });
            break;
        }
    }
    problems
}

/// Where `fixed` first differs from `text`, in words (which space, next to what), and the
/// words just before it.
fn first_difference(text: &str, fixed: &str) -> (String, String) {
    let a: Vec<char> = text.chars().collect();
    let b: Vec<char> = fixed.chars().collect();
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let what = match a.get(i) {
        Some(' ') | Some('\u{202f}') => {
            let next = a.get(i + 1).copied().unwrap_or(' ');
            let prev = i.checked_sub(1).map_or(' ', |j| a[j]);
            if prev == '«' {
                "a plain space after «, where a non-breaking space (U+00A0) belongs".to_string()
            } else if next.is_ascii_digit() || next == 'h' || next == '%' {
                format!("a plain space between \"{prev}\" and \"{next}\", where a non-breaking space (U+00A0) belongs")
            } else {
                format!(
                    "a plain space before \"{next}\", where a non-breaking space (U+00A0) belongs"
                )
            }
        }
        Some(c) => format!("no space before \"{c}\": a non-breaking space (U+00A0) belongs there"),
        None => "a non-breaking space (U+00A0) is missing".to_string(),
    };
    (format!("{what}, in \"{}\"", excerpt(&a, i)), before(&a, i))
}

/// The words of the same line just before character `i`, to find it in a file.
fn before(chars: &[char], i: usize) -> String {
    let line_start = chars[..i]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |n| n + 1);
    chars[line_start.max(i.saturating_sub(12))..i]
        .iter()
        .collect()
}

/// A few words around character `i`, on one line.
fn excerpt(chars: &[char], i: usize) -> String {
    let start = i.saturating_sub(20);
    let end = (i + 20).min(chars.len());
    chars[start..end]
        .iter()
        .map(|&c| if c == '\n' { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}
