//! The one table of characters that every export writes as an escape instead of as itself:
//! the characters a person reading the file cannot see.
//!
//! A pasted export is reviewed by reading it. Characters that draw nothing, or that reorder or
//! hide the text around them, make the file look different from what it sends: bidirectional
//! overrides and isolates can show a tag value or a message in another order than the bytes
//! say ("Trojan Source", CVE-2021-42574, <https://trojansource.codes/>), zero-width and other
//! ignorable characters hide text (and data) in plain sight, and controls and the Unicode line
//! separators break the line a value sits on. Each exporter writes every character for which
//! [`is_invisible`] holds in its own escape syntax (JSON `\u202e`, YAML `"\u202e"`, HCL, Python,
//! JavaScript, TypeScript and R `\u202E`), so the value stays the same and the reader sees it.
//!
//! The table is the union of:
//! - Unicode general categories Cc (controls), Cf (format characters: bidirectional marks,
//!   embeddings, overrides and isolates, zero-width joiners, the byte-order mark, invisible
//!   operators, interlinear annotation, tag characters…), Zl and Zp (U+2028, U+2029):
//!   <https://www.unicode.org/reports/tr44/#General_Category_Values>, as of Unicode 15.1;
//! - `Default_Ignorable_Code_Point`, the characters Unicode says render as nothing when not
//!   supported (combining grapheme joiner, Hangul fillers, Mongolian and other variation
//!   selectors, the unassigned reserves around them):
//!   <https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point>.
//!
//! Variation selectors are included: they are invisible on their own and can carry hidden
//! data, so an emoji's presentation selector (U+FE0F) is written as an escape too; the value
//! is unchanged. Spaces (category Zs, such as U+00A0) are visible as space and stay as typed.

/// Whether `c` is written as an escape by every export: a control, a line or paragraph
/// separator, a format character or a default-ignorable code point (see the module docs).
pub fn is_invisible(c: char) -> bool {
    let code = u32::from(c);
    if code < 0xA0 {
        // C0 controls, DEL and the C1 controls (NEL, U+0085, ends a line in YAML 1.1).
        return !(0x20..0x7F).contains(&code);
    }
    matches!(code,
        0x00AD // soft hyphen
        | 0x034F // combining grapheme joiner
        | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 // Arabic and Syriac format characters, the Arabic letter mark
        | 0x115F..=0x1160 // Hangul choseong and jungseong fillers
        | 0x17B4..=0x17B5 // Khmer inherent vowels
        | 0x180B..=0x180F // Mongolian free variation selectors and vowel separator
        | 0x200B..=0x200F // zero-width space, non-joiner and joiner; left-to-right and right-to-left marks
        | 0x2028..=0x202E // line and paragraph separators; bidirectional embeddings, pop and overrides
        | 0x2060..=0x206F // word joiner, invisible operators, bidirectional isolates, deprecated format characters
        | 0x3164 // Hangul filler
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFEFF // zero-width no-break space (byte-order mark)
        | 0xFFA0 // halfwidth Hangul filler
        | 0xFFF0..=0xFFFB // reserved default-ignorables; interlinear annotation anchor, separator, terminator
        | 0x110BD | 0x110CD // Kaithi number signs
        | 0x13430..=0x1343F // Egyptian hieroglyph format controls
        | 0x1BCA0..=0x1BCA3 // shorthand format controls
        | 0x1D173..=0x1D17A // musical symbol beam and phrase controls
        | 0xE0000..=0xE0FFF // tag characters, variation selectors supplement, reserved
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters the Trojan Source paper and the Unicode security reports name, one by one.
    #[test]
    fn the_named_hazards_are_invisible() {
        let named = [
            '\u{0}',
            '\u{7}',
            '\u{9}',
            '\u{a}',
            '\u{d}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}', // controls
            '\u{2028}',
            '\u{2029}', // line and paragraph separators
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}', // embeddings, pop, overrides
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}', // isolates
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{feff}', // zero width, byte-order mark
            '\u{200e}',
            '\u{200f}',
            '\u{61c}', // marks
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}', // word joiner, invisible operators
            '\u{ad}',
            '\u{180e}',
            '\u{fff9}',
            '\u{fffa}',
            '\u{fffb}', // soft hyphen, Mongolian vowel separator, annotation
            '\u{34f}',
            '\u{115f}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{fe0f}', // default-ignorable
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{e0100}', // tags, variation selectors supplement
        ];
        for c in named {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn visible_text_is_not() {
        for c in [' ', 'a', '~', '\u{a0}', 'é', '\u{301}', 'ß', 'Ω', '漢', '\u{3000}', '😀', '\u{2764}', '\u{fffd}']
        {
            assert!(!is_invisible(c), "U+{:04X}", u32::from(c));
        }
    }

    /// Every code point that Python's Unicode database (an implementation independent of this
    /// table) puts in Cc, Cf, Zl or Zp is in the table. python3 is on every machine this project
    /// builds on (`scripts/gen-unicode-table` needs it too).
    #[test]
    fn every_control_format_and_separator_character_is_invisible() {
        let script = "import unicodedata\n\
                      print(unicodedata.unidata_version)\n\
                      print(' '.join('%X' % c for c in range(0x110000)\n\
                      \x20   if unicodedata.category(chr(c)) in ('Cc', 'Cf', 'Zl', 'Zp')))";
        let output = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .output()
            .expect("run python3 (every machine that builds Poolsmith has it)");
        assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).expect("python3 prints ASCII");
        let mut lines = stdout.lines();
        let version = lines.next().unwrap_or_default();
        let codes: Vec<u32> = lines
            .next()
            .unwrap_or_default()
            .split(' ')
            .map(|hex| u32::from_str_radix(hex, 16).expect("a hexadecimal code point"))
            .collect();
        assert!(codes.len() > 170, "Unicode {version}: only {} code points listed", codes.len());
        for code in codes {
            let c = char::from_u32(code).expect("a scalar value");
            assert!(is_invisible(c), "U+{code:04X} is Cc, Cf, Zl or Zp in Unicode {version}");
        }
    }
}
