//! WCAG 2.2 contrast and the accent-colour decision (core::contrast), against published values.

use vigil::core::contrast::{self, Accent, Rgb, AA_TEXT_TENTHS, PALE, WHITE};

#[test]
fn ratios_match_wcag_reference_values() {
    let black = Rgb(0, 0, 0);
    assert_eq!(
        contrast::ratio_tenths(black, WHITE),
        210,
        "21:1, the largest"
    );
    assert_eq!(
        contrast::ratio_tenths(WHITE, WHITE),
        10,
        "1:1, the smallest"
    );
    // #767676 is the lightest grey that reaches 4.5:1 on white; #777777 falls just short.
    assert_eq!(
        contrast::ratio_tenths(Rgb::parse("#767676").unwrap(), WHITE),
        45
    );
    assert_eq!(
        contrast::ratio_tenths(Rgb::parse("#777777").unwrap(), WHITE),
        44
    );
    assert_eq!(contrast::show_ratio(45), "4.5:1");
}

#[test]
fn colours_are_read_in_short_and_long_form() {
    assert_eq!(Rgb::parse("#0b5c78"), Some(Rgb(0x0b, 0x5c, 0x78)));
    assert_eq!(Rgb::parse("#FFF"), Some(WHITE));
    assert_eq!(Rgb(0x7a, 0x1f, 0x5c).hex(), "#7a1f5c");
    for bad in ["0b5c78", "#0b5c7", "#ggg", "red", "#", "#0b5c78ff"] {
        assert_eq!(Rgb::parse(bad), None, "{bad}");
    }
}

#[test]
fn vigils_default_accent_reaches_aa_with_white_text_and_on_pale_backgrounds() {
    let accent = Rgb::parse("#0b5c78").unwrap();
    assert!(contrast::ratio_tenths(accent, WHITE) >= AA_TEXT_TENTHS);
    assert!(contrast::ratio_tenths(accent, PALE) >= AA_TEXT_TENTHS);
    assert_eq!(contrast::accent(accent), Accent::Fits);
}

#[test]
fn a_light_accent_is_darkened_to_the_lightest_shade_of_its_hue_that_reaches_aa() {
    for given in ["#ffcc00", "#00ff00", "#ffffff", "#7f7f7f", "#e91e63"] {
        let colour = Rgb::parse(given).unwrap();
        let Accent::Darkened { tenths, used } = contrast::accent(colour) else {
            panic!("{given} does not reach AA and must be darkened");
        };
        assert!(tenths < AA_TEXT_TENTHS, "{given}");
        assert!(
            contrast::ratio_tenths(used, PALE) >= AA_TEXT_TENTHS,
            "{given} -> {used:?}"
        );
        assert!(
            contrast::ratio_tenths(used, WHITE) >= AA_TEXT_TENTHS,
            "{given} -> {used:?}"
        );
        // Same hue: no channel grows, and the channels keep their order.
        assert!(
            used.0 <= colour.0 && used.1 <= colour.1 && used.2 <= colour.2,
            "{given}"
        );
        let order = |c: Rgb| (c.0 >= c.1, c.1 >= c.2, c.0 >= c.2);
        assert_eq!(order(used), order(colour), "{given} -> {used:?}");
        // Not needlessly dark: just past the threshold, as the lightest such shade is.
        assert!(
            contrast::ratio_tenths(used, PALE) <= AA_TEXT_TENTHS + 2,
            "{given} -> {used:?}"
        );
    }
}
