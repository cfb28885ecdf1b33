//! Share links: the request travels in the URL fragment (`#request=` + base64url of the
//! compact request JSON, no padding), so a link rebuilds the form and nothing is sent to a
//! server (browsers never send the fragment). The pool's MFA factors follow as `&mfa=totp,email`
//! when they differ from what the request alone means (see [`crate::mfa`]).

#[cfg(test)]
use crate::json::Json;
use crate::mfa::MfaFactors;
use crate::value::FormValue;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The fragment key.
pub const KEY: &str = "request=";

/// Base64url without padding (RFC 4648 §5).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url; padding and the standard `+/` alphabet are tolerated (links get
/// rewritten by chat tools). `None` for anything else.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // A single leftover character (6 bits) cannot come from any byte string.
    (bits < 6).then_some(out)
}

/// The fragment key of the MFA factors.
pub const MFA_KEY: &str = "mfa=";

/// The fragment for a form: `request=<base64url>`, then `&mfa=<factor ids>` unless the
/// request alone means the same factors (`none` for no factor).
pub fn fragment(form: &FormValue) -> String {
    let request = crate::request::to_json(form);
    let mut fragment = format!("{KEY}{}", encode(request.compact().as_bytes()));
    if form.mfa() != MfaFactors::implied_by(&request) {
        let ids = form.mfa().ids();
        fragment.push('&');
        fragment.push_str(MFA_KEY);
        fragment.push_str(if ids.is_empty() { "none" } else { "" });
        fragment.push_str(&ids.join(","));
    }
    fragment
}

/// The MFA factors a fragment states, if it states them (an unknown factor: not stated).
pub fn factors(fragment: &str) -> Option<MfaFactors> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let list = fragment.split('&').find_map(|part| part.strip_prefix(MFA_KEY))?;
    MfaFactors::parse_list(list).ok()
}

/// The request text carried by a URL fragment (with or without the leading `#`), if any.
pub fn request_text(fragment: &str) -> Option<Result<String, &'static str>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = fragment.split('&').find_map(|part| part.strip_prefix(KEY))?;
    Some(match decode(encoded) {
        None => Err("The link is damaged: its request is not valid base64url. Copy the whole link again."),
        Some(bytes) => String::from_utf8(bytes)
            .map_err(|_| "The link is damaged: its request is not UTF-8 text. Copy the whole link again."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length_and_byte() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let encoded = encode(&bytes);
            assert!(!encoded.contains('='));
            assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(decode(&encoded), Some(bytes));
        }
    }

    #[test]
    fn matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), encoded);
        }
        assert_eq!(decode("Zm9vYg=="), Some(b"foob".to_vec()));
        assert_eq!(decode("a"), None);
        assert_eq!(decode("ab!c"), None);
    }

    #[test]
    fn fragments_carry_the_request() {
        let request = Json::Object(vec![("PoolName".into(), Json::str("ünïcode $x \"q\""))]);
        let (form, _) = crate::request::from_json(&request, &Default::default());
        let fragment = fragment(&form);
        assert_eq!(request_text(&format!("#{fragment}")), Some(Ok(request.compact())));
        assert_eq!(factors(&fragment), None);
        assert_eq!(request_text("#other=1"), None);
        assert!(matches!(request_text("#request=%%%"), Some(Err(_))));
    }

    #[test]
    fn fragments_carry_the_mfa_factors_the_request_cannot_state() {
        let (mut form, _) = crate::request::from_text(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#);
        // The request alone means SMS: nothing to add.
        assert!(!fragment(&form).contains("mfa="));
        form.set_mfa(MfaFactors { totp: true, ..MfaFactors::NONE });
        let link = format!("#{}", fragment(&form));
        assert!(link.ends_with("&mfa=totp"), "{link}");
        assert_eq!(factors(&link), Some(form.mfa()));
        form.set_mfa(MfaFactors::NONE);
        assert_eq!(factors(&fragment(&form)), Some(MfaFactors::NONE));
    }
}
