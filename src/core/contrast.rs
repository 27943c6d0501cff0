//! Colour contrast as WCAG 2.2 defines it (relative luminance of sRGB colours, and the ratio
//! between two), and the decision on an organisation's accent colour: Vigil puts white text on
//! it (the header, buttons) and uses it as the colour of text and links on its white and pale
//! backgrounds, so it must reach AA's 4.5:1 against the palest of them. A colour that does not
//! is darkened, keeping its hue, until it does.

/// An sRGB colour, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The palest background Vigil puts accent-coloured text on (`--soft` in style/main.css); white
/// is paler still only by a little, and the text on the accent is white.
pub const PALE: Rgb = Rgb(0xf3, 0xf6, 0xf8);
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// WCAG AA's minimum for text of normal size, in tenths (4.5:1).
pub const AA_TEXT_TENTHS: u32 = 45;

impl Rgb {
    /// `#rgb` or `#rrggbb`, in either case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }
}

/// The contrast ratio of two colours in tenths, rounded down, so that a pair shown as 4.5:1
/// really reaches 4.5:1 (from 10, identical colours, to 210, black on white).
pub fn ratio_tenths(a: Rgb, b: Rgb) -> u32 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    ((light + 0.05) / (dark + 0.05) * 10.0 + 1e-9).floor() as u32
}

/// A ratio in tenths as people write it: `4.5:1`.
pub fn show_ratio(tenths: u32) -> String {
    format!("{}.{}:1", tenths / 10, tenths % 10)
}

/// What Vigil does with a configured accent colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accent {
    /// It reaches AA as it is.
    Fits,
    /// It does not (its ratio against the pale background, in tenths); this darker shade of it,
    /// the lightest that does, is used instead.
    Darkened { tenths: u32, used: Rgb },
}

pub fn accent(colour: Rgb) -> Accent {
    let tenths = ratio_tenths(colour, PALE);
    if tenths >= AA_TEXT_TENTHS {
        return Accent::Fits;
    }
    // Scaling every channel by the same factor keeps the hue; the first factor down from the
    // colour itself that reaches AA is the lightest shade that does. Black always does.
    let used = (0..100u16)
        .rev()
        .map(|percent| {
            let scale = |c: u8| (u16::from(c) * percent / 100) as u8;
            Rgb(scale(colour.0), scale(colour.1), scale(colour.2))
        })
        .find(|shade| ratio_tenths(*shade, PALE) >= AA_TEXT_TENTHS)
        .unwrap_or(Rgb(0, 0, 0));
    Accent::Darkened { tenths, used }
}
