//! Bytes of a file as people save them → text: UTF-8 with or without a byte-order mark, and
//! UTF-16 little- or big-endian with one. Windows PowerShell 5.1 writes UTF-16LE with a mark
//! when output is redirected with `>` (its default for `Out-File`:
//! <https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_character_encoding>),
//! so `aws cognito-idp describe-user-pool … > pool.json` there gives such a file.
//!
//! Anything else is refused with what is wrong and the fix, never decoded lossily: a replaced
//! character would import a different value. Both the CLI (files and standard input) and the
//! app's file chooser and drop zone read files through [`decode_text`].

/// The text of a file's `bytes`, without its byte-order mark. The error completes a sentence
/// that starts with the file's name ("pool.json is not UTF-8 text …").
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest, 3),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => {
            // UTF-16 without a byte-order mark is valid UTF-8 when it is ASCII text, with a NUL
            // byte beside every character; no JSON or YAML file has NUL characters.
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(format!(
                    "has a NUL byte at offset {at}, as UTF-16 text without a byte-order mark has: save it as UTF-8"
                ));
            }
            utf8(bytes, 0)
        }
    }
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            offset + e.utf8_error().valid_up_to()
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err("is UTF-16 text with an odd number of bytes, so it is cut short: save it again as UTF-8".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (index, decoded) in char::decode_utf16(units).enumerate() {
        // Offsets count from the file's start: the byte-order mark is 2 bytes.
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(format!(
                    "is not valid UTF-16 text (an unpaired surrogate at offset {}): save it as UTF-8",
                    2 + 2 * index
                ))
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    const SAMPLE: &str = "{\"PoolName\": \"café 😀\"}\r\n";

    #[test]
    fn reads_utf8_with_or_without_a_byte_order_mark() {
        assert_eq!(decode_text(SAMPLE.as_bytes()), Ok(SAMPLE.to_string()));
        let marked = [&[0xEF, 0xBB, 0xBF][..], SAMPLE.as_bytes()].concat();
        assert_eq!(decode_text(&marked), Ok(SAMPLE.to_string()));
        assert_eq!(decode_text(b""), Ok(String::new()));
    }

    #[test]
    fn reads_utf16_with_a_byte_order_mark_in_either_byte_order() {
        let little = [&[0xFF, 0xFE][..], &utf16le(SAMPLE)].concat();
        assert_eq!(decode_text(&little), Ok(SAMPLE.to_string()));
        let big = [&[0xFE, 0xFF][..], &utf16be(SAMPLE)].concat();
        assert_eq!(decode_text(&big), Ok(SAMPLE.to_string()));
        assert_eq!(decode_text(&[0xFF, 0xFE]), Ok(String::new()));
    }

    #[test]
    fn refuses_what_it_cannot_read_saying_where_and_what_to_do() {
        assert_eq!(
            decode_text(&utf16le(SAMPLE)),
            Err("has a NUL byte at offset 1, as UTF-16 text without a byte-order mark has: save it as UTF-8".into())
        );
        let cut = [&[0xFF, 0xFE][..], &utf16le(SAMPLE)[..5]].concat();
        assert_eq!(
            decode_text(&cut),
            Err("is UTF-16 text with an odd number of bytes, so it is cut short: save it again as UTF-8".into())
        );
        // "a", then a high surrogate followed by "b" instead of its low half.
        let lone = [0xFF, 0xFE, b'a', 0, 0x3D, 0xD8, b'b', 0];
        assert_eq!(
            decode_text(&lone),
            Err("is not valid UTF-16 text (an unpaired surrogate at offset 4): save it as UTF-8".into())
        );
        let lone_big = [0xFE, 0xFF, 0xDC, 0x00];
        assert!(decode_text(&lone_big).unwrap_err().contains("unpaired surrogate at offset 2"));
        // Latin-1 "café": é is the single byte E9.
        assert_eq!(
            decode_text(b"{\"n\": \"caf\xE9\"}"),
            Err("is not UTF-8 text (invalid byte at offset 10): save it as UTF-8".into())
        );
        let marked_latin1 = [&[0xEF, 0xBB, 0xBF][..], b"caf\xE9"].concat();
        assert_eq!(
            decode_text(&marked_latin1),
            Err("is not UTF-8 text (invalid byte at offset 6): save it as UTF-8".into())
        );
    }
}
