//! Is a module's stated time honest? The words of its longest path, read at about 180 words a
//! minute, must come to between half and twice its `minutes`.

use std::collections::BTreeMap;

use crate::core::course::{Module, Step, StepKind};

/// Reading speed for the check, in words a minute.
pub const WORDS_PER_MINUTE: usize = 180;

/// The words a learner reads on the module's longest path: every step's text, with the
/// feedback of the choice they take (not the others'). A loop is followed once.
pub fn longest_path_words(module: &Module) -> usize {
    let mut memo = BTreeMap::new();
    let mut on_path = Vec::new();
    longest_from(module, &module.start, &mut memo, &mut on_path)
}

/// Minutes the stated figure may be for a path of `words`, inclusive: `words / 180` lies within
/// half and twice the stated minutes.
pub fn honest_minutes(words: usize) -> (usize, usize) {
    (
        words.div_ceil(2 * WORDS_PER_MINUTE),
        2 * words / WORDS_PER_MINUTE,
    )
}

fn longest_from<'m>(
    module: &'m Module,
    id: &'m str,
    memo: &mut BTreeMap<&'m str, usize>,
    on_path: &mut Vec<&'m str>,
) -> usize {
    if let Some(&words) = memo.get(id) {
        return words;
    }
    let Some(step) = module.step(id) else {
        return 0;
    };
    on_path.push(id);
    let own = shown_words(step);
    // Each way on: the words of the feedback on that edge (a decision's chosen choice) and
    // where it leads. A link back into the current path is a loop, followed once.
    let ways: Vec<(usize, &'m str)> = match &step.kind {
        StepKind::Decision { choices, .. } => choices
            .iter()
            .map(|c| (count(&c.feedback), c.next.as_str()))
            .collect(),
        _ => step.targets().into_iter().map(|next| (0, next)).collect(),
    };
    let mut best_next = 0;
    for (feedback, next) in ways {
        if !on_path.contains(&next) {
            best_next = best_next.max(feedback + longest_from(module, next, memo, on_path));
        }
    }
    on_path.pop();
    memo.insert(id, own + best_next);
    own + best_next
}

/// Words shown at a step whatever the learner answers (a decision's feedback is counted on
/// the choice taken).
fn shown_words(step: &Step) -> usize {
    match &step.kind {
        StepKind::Decision {
            title,
            prompt,
            choices,
            ..
        } => count(title) + count(prompt) + choices.iter().map(|c| count(&c.label)).sum::<usize>(),
        _ => step.texts().into_iter().map(count).sum(),
    }
}

fn count(text: &str) -> usize {
    text.split_whitespace().count()
}
