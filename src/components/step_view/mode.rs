//! How a step is shown: answerable, or read-only as an earlier step of the path.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The step the learner is at: answerable.
    Current,
    /// A step visited earlier, at this index of the path: read-only.
    Earlier(usize),
}
