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
