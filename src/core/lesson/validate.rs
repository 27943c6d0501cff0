//! Checks the shape of a lesson's graph: every link lands, every step can be reached, and every
//! step can reach an ending.

use std::collections::{BTreeSet, VecDeque};

use super::diagnostic::Diagnostic;
use super::structure::{KindDef, Structure};

pub fn check_graph(path: &str, structure: &Structure, diags: &mut Vec<Diagnostic>) {
    let index_of = |id: &str| structure.steps.iter().position(|step| step.id == id);

    if index_of(&structure.start.id).is_none() {
        diags.push(Diagnostic::file(
            path,
            structure.start.line,
            format!("`start` names unknown step \"{}\"", structure.start.id),
        ));
    }
    // Edges by index; links to unknown steps are reported here and left out of the graph.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); structure.steps.len()];
    for (from, step) in structure.steps.iter().enumerate() {
        for (label, target) in step.links() {
            match index_of(&target.id) {
                Some(to) => edges[from].push(to),
                None => diags.push(Diagnostic::step(
                    path,
                    target.line,
                    &step.id,
                    format!("{label} leads to unknown step \"{}\"", target.id),
                )),
            }
        }
    }

    let reachable = match index_of(&structure.start.id) {
        Some(start) => reach(start, &edges),
        None => BTreeSet::new(),
    };
    if !reachable.is_empty() {
        for (index, step) in structure.steps.iter().enumerate() {
            if !reachable.contains(&index) {
                diags.push(Diagnostic::step(
                    path,
                    step.line,
                    &step.id,
                    format!(
                        "unreachable: no path from the start step \"{}\" leads here",
                        structure.start.id
                    ),
                ));
            }
        }
    }

    // A step "finishes" when some path from it reaches an ending. Broken steps are assumed to,
    // since their own error already stands and their links are unknown.
    let finishes: BTreeSet<usize> = structure
        .steps
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            reach(*index, &edges)
                .iter()
                .any(|&i| matches!(structure.steps[i].kind, KindDef::Ending | KindDef::Broken))
        })
        .map(|(index, _)| index)
        .collect();
    let mut reported_cycles: BTreeSet<usize> = BTreeSet::new();
    for (index, step) in structure.steps.iter().enumerate() {
        if finishes.contains(&index) || reported_cycles.contains(&index) {
            continue;
        }
        let from_here = reach(index, &edges);
        let in_cycle = edges[index]
            .iter()
            .any(|&next| reach(next, &edges).contains(&index));
        if in_cycle {
            // Report the whole cycle once, at its first step in file order.
            let members: Vec<usize> = from_here
                .iter()
                .copied()
                .filter(|&other| reach(other, &edges).contains(&index))
                .collect();
            let names: Vec<String> = members
                .iter()
                .map(|&i| format!("\"{}\"", structure.steps[i].id))
                .collect();
            reported_cycles.extend(members);
            diags.push(Diagnostic::step(
                path,
                step.line,
                &step.id,
                format!(
                    "cycle with no exit: {} lead only to each other and never reach an ending",
                    names.join(", ")
                ),
            ));
        } else {
            diags.push(Diagnostic::step(
                path,
                step.line,
                &step.id,
                "dead end: no path from this step reaches an ending".to_string(),
            ));
        }
    }
}

/// Every step reachable from `from`, itself included.
fn reach(from: usize, edges: &[Vec<usize>]) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        for &next in &edges[at] {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

/// A shuffled group is a chain of question steps that each attempt presents in a drawn order,
/// so the group must be one straight line that is only entered at its first step: then any
/// order of its members visits each once and leaves where the chain leaves.
pub fn check_shuffle(path: &str, structure: &Structure, diags: &mut Vec<Diagnostic>) {
    let group = &structure.shuffle;
    if group.is_empty() {
        return;
    }
    if group.len() < 2 {
        diags.push(Diagnostic::file(
            path,
            group[0].line,
            "`shuffle` needs at least two steps".to_string(),
        ));
        return;
    }
    let step_of = |id: &str| structure.steps.iter().find(|step| step.id == id);
    for (index, member) in group.iter().enumerate() {
        if group[..index].iter().any(|earlier| earlier.id == member.id) {
            diags.push(Diagnostic::file(
                path,
                member.line,
                format!("`shuffle` names step \"{}\" twice", member.id),
            ));
            return;
        }
        let Some(step) = step_of(&member.id) else {
            diags.push(Diagnostic::file(
                path,
                member.line,
                format!("`shuffle` names unknown step \"{}\"", member.id),
            ));
            return;
        };
        let next = match &step.kind {
            KindDef::TrueFalse { next, .. } | KindDef::MultipleChoice { next, .. } => next,
            KindDef::Broken => return,
            _ => {
                diags.push(Diagnostic::step(
                    path,
                    step.line,
                    &step.id,
                    "a shuffled step must be a true-false or multiple-choice question".to_string(),
                ));
                continue;
            }
        };
        if let Some(following) = group.get(index + 1) {
            if next.id != following.id {
                diags.push(Diagnostic::step(
                    path,
                    next.line,
                    &step.id,
                    format!(
                        "`next` must be \"{}\", the following step of `shuffle`: a shuffled group is written as one chain",
                        following.id
                    ),
                ));
            }
        } else if group.iter().any(|m| m.id == next.id) {
            diags.push(Diagnostic::step(
                path,
                next.line,
                &step.id,
                "the last step of `shuffle` must lead out of the group".to_string(),
            ));
        }
    }
    let first = &group[0].id;
    let inside = |id: &str| group.iter().any(|m| m.id == id);
    for step in &structure.steps {
        if inside(&step.id) {
            continue;
        }
        for (label, target) in step.links() {
            if inside(&target.id) && target.id != *first {
                diags.push(Diagnostic::step(
                    path,
                    target.line,
                    &step.id,
                    format!(
                        "{label} leads into the middle of the shuffled group: lead to its first step \"{first}\""
                    ),
                ));
            }
        }
    }
    if inside(&structure.start.id) && structure.start.id != *first {
        diags.push(Diagnostic::file(
            path,
            structure.start.line,
            format!(
                "`start` must not be inside the shuffled group, except its first step \"{first}\""
            ),
        ));
    }
}
