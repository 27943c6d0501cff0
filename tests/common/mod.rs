//! What the completion-code and class-summary tests share: a day and a way to write a code.

use vigil::core::completion::{module_key, CompletedModule, CompletionCode};

/// 2025-03-14, a day number.
pub const DAY: u32 = 20_161;

/// A learner's code as a test writes one: `modules` are (id, percent, days before the code's
/// day).
pub fn code(name: &str, day: u32, minute: u32, modules: &[(&str, u32, u32)]) -> CompletionCode {
    CompletionCode {
        name: name.to_string(),
        day,
        minute,
        modules: modules
            .iter()
            .map(|(id, percent, age)| CompletedModule {
                key: module_key(id),
                percent: *percent,
                day: day - age,
            })
            .collect(),
    }
}
