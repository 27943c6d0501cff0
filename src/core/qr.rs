//! The QR code of a completion code's address, as an SVG path the page draws.
//!
//! The address is stored in two segments: its beginning (the site, any case) as bytes, and the
//! code itself, which is only capitals and digits, in QR's alphanumeric mode (5.5 bits a
//! character instead of 8), which keeps the symbol small enough to scan from a phone's screen.
//! qrcodegen (Project Nayuki's) builds the symbol; drawing it is ours: one path, a rectangle
//! per run of dark modules, so the page needs no canvas and no image.

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

/// A QR symbol drawn as an SVG path, in module units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPath {
    /// Modules per side, without the quiet zone.
    pub size: u32,
    /// `M x y h n v1 h-n z` for every run of dark modules in a row, offset by `QUIET` (the light
    /// margin scanners need around the symbol).
    pub path: String,
}

/// The light margin around the symbol, in modules, as the QR standard asks.
pub const QUIET: u32 = 4;

/// The symbol for `prefix` (stored as bytes) followed by `code` (capitals and digits, stored
/// alphanumerically), at medium error correction (a screen's glare or a crease still scans).
/// `None` if it does not fit a QR code or `code` holds anything else.
pub fn encode(prefix: &str, code: &str) -> Option<QrPath> {
    // `make_alphanumeric` would stop the app on anything else: a code is only ever capitals
    // and digits, and a stray character costs one scan of a short text.
    if !QrSegment::is_alphanumeric(code) {
        return None;
    }
    let segments = [
        QrSegment::make_bytes(prefix.as_bytes()),
        QrSegment::make_alphanumeric(code),
    ];
    // One fixed mask rather than the best of eight: any mask is valid and scans, and scoring
    // all eight is code a learner would download for nothing.
    let qr = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        Some(Mask::new(0)),
        false,
    )
    .ok()?;
    let size = qr.size();
    let mut path = String::new();
    // One rectangle per horizontal run of dark modules keeps the path short.
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            let (left, top) = (start as u32 + QUIET, y as u32 + QUIET);
            path.push_str(&format!("M{left} {top}h{run}v1h-{run}z"));
        }
    }
    Some(QrPath {
        size: size as u32,
        path,
    })
}
