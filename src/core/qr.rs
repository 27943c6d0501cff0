//! The QR code of a completion code's address, as an SVG path the page draws.
//!
//! qrcodegen (Project Nayuki's) builds the symbol from the address as bytes; drawing it is ours:
//! one path, a rectangle per run of dark modules, so the page needs no canvas and no image. One
//! byte segment rather than a byte and an alphanumeric one: the symbol is a version or two
//! larger (still easily read from a phone held to a screen), and the learner's download is
//! smaller by the code that mixing modes takes.

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

/// The symbol for `text`, at medium error correction (a screen's glare or a crease still
/// scans). `None` if it does not fit a QR code.
pub fn encode(text: &str) -> Option<QrPath> {
    let segments = [QrSegment::make_bytes(text.as_bytes())];
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
