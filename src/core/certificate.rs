//! The certificate of completion of a track: the modules recommended for a role, all
//! completed. It carries a reference code derived from its contents, so that a printed copy
//! can be matched against the learner's record; it is not a proof of identity, and says so.

use crate::core::course::Catalogue;
use crate::core::progress::Progress;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertifiedModule {
    pub id: String,
    pub title: String,
    pub earned: u32,
    pub max: u32,
    /// When the best-scoring completion was made (ms since the epoch).
    pub completed_at: u64,
    pub content_version: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    pub learner: String,
    pub organisation: Option<String>,
    pub role: String,
    pub modules: Vec<CertifiedModule>,
    pub reference: String,
}

/// The certificate of `role`'s track, or `None` while any of its modules is not completed (or
/// the role has no modules).
pub fn certificate(
    course: &impl Catalogue,
    progress: &Progress,
    role: &str,
    learner: &str,
    organisation: Option<&str>,
) -> Option<Certificate> {
    let mut modules = Vec::new();
    for module in course.for_role(role) {
        let record = progress.modules.get(module.id)?;
        // The best completion of the module's current content counts.
        if record.content_version != module.version {
            return None;
        }
        let best = record.best_completion()?;
        modules.push(CertifiedModule {
            id: module.id.to_string(),
            title: module.title.to_string(),
            earned: best.earned,
            max: best.max,
            completed_at: best.at,
            content_version: module.version,
        });
    }
    if modules.is_empty() {
        return None;
    }
    let reference = reference_code(learner, organisation, role, &modules);
    Some(Certificate {
        learner: learner.to_string(),
        organisation: organisation.map(str::to_string),
        role: role.to_string(),
        modules,
        reference,
    })
}

/// `VGL-XXXX-XXXX`: a 40-bit FNV-1a digest of everything the certificate states, in Crockford's
/// base 32 (no I, L, O or U, so it reads back without mistakes).
pub fn reference_code(
    learner: &str,
    organisation: Option<&str>,
    role: &str,
    modules: &[CertifiedModule],
) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |text: &str| {
        for byte in text.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(learner);
    eat(organisation.unwrap_or(""));
    eat(role);
    for m in modules {
        eat(&format!(
            "{}|{}|{}|{}|{}",
            m.id, m.earned, m.max, m.completed_at, m.content_version
        ));
    }
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let code: String = (0..8)
        .map(|i| ALPHABET[((hash >> (5 * i)) & 31) as usize] as char)
        .collect();
    format!("VGL-{}-{}", &code[..4], &code[4..])
}
