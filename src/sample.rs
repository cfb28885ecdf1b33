//! Random requests generated from the model, for property tests, fuzzing and conformance
//! corpora. Deterministic per seed (a small PCG generator, no dependency).
//!
//! Values satisfy every single-field constraint of the model (length, range, enum, pattern)
//! unless [`Sampler::invalid_rate`] asks for some that do not. With
//! [`Sampler::adversarial`], free text leans on the characters that break exporters: quotes,
//! backslashes, `$`, backticks, `${`, `%{`, `#`, `: `, YAML words, newlines and non-ASCII text,
//! wherever the field's pattern allows them.

use crate::model::{self, Field, Kind};
use crate::validate;
use crate::value::{Entry, FormValue, Members, Node, Row, Step};

/// A permuted congruential generator (PCG-XSH-RR 64/32).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407));
        rng.next_u32();
        rng
    }

    pub fn next_u32(&mut self) -> u32 {
        let old = self.0;
        self.0 = old.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u32() as usize) % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u32() as f64) < p * (u32::MAX as f64)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Characters that exporters must escape, plus ordinary text.
const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.";
const NASTY: &str = "\"'\\$`{}%#:;!&|<>()[]*?~=+,/@^\n\t éßΩ漢字😀🎉\u{2028}";
/// Phrases that mean something to a shell, a template language or YAML.
const NASTY_WORDS: [&str; 16] = [
    "$(id)",
    "${AWS::Region}",
    "%{ if x }",
    "`id`",
    "yes",
    "no",
    "null",
    "~",
    ": ",
    " #",
    "'$HOME'",
    "\"q\"",
    "\\n",
    "{{x}}",
    "@{a}",
    "true",
];

/// Generates requests.
pub struct Sampler {
    pub rng: Rng,
    /// Probability that an optional member is set.
    pub fill: f64,
    /// Lean on characters that exporters must escape.
    pub adversarial: bool,
    /// Probability that a scalar breaks its constraints on purpose.
    pub invalid_rate: f64,
    /// Most items per list and entries per map.
    pub max_items: usize,
}

impl Sampler {
    pub fn new(seed: u64) -> Sampler {
        Sampler { rng: Rng::new(seed), fill: 0.5, adversarial: false, invalid_rate: 0.0, max_items: 3 }
    }

    /// A whole request.
    pub fn request(&mut self) -> FormValue {
        let mut form = FormValue::new();
        for field in model::top_level() {
            if field.required || self.rng.chance(self.fill) {
                let node = self.node(field, &mut form);
                form.set(&[Step::Member(field.id)], node);
            }
        }
        form
    }

    /// A value for `field`.
    pub fn node(&mut self, field: &'static Field, form: &mut FormValue) -> Node {
        match field.kind {
            Kind::Structure => {
                let mut members = Members::default();
                let children: Vec<&'static Field> = field.child_fields().collect();
                for child in &children {
                    if child.required || self.rng.chance(self.fill) {
                        let node = self.node(child, form);
                        members.insert(child.id, node);
                    }
                }
                if members.is_empty() {
                    // An empty object is legal but says little; usually set one member.
                    if let Some(child) = children.get(self.rng.below(children.len())).filter(|_| self.rng.chance(0.8)) {
                        let node = self.node(child, form);
                        members.insert(child.id, node);
                    }
                }
                Node::Struct(members)
            }
            Kind::List => {
                let element = field.child_fields().next().expect("list element");
                let count = self.count(field);
                let mut rows = Vec::new();
                for _ in 0..count {
                    let node = self.node(element, form);
                    rows.push(Row { id: form.next_id(), node });
                }
                Node::List(rows)
            }
            Kind::Map => {
                let mut children = field.child_fields();
                let (key_field, value_field) = (children.next().expect("map key"), children.next().expect("map value"));
                let count = self.count(field);
                let mut entries: Vec<Entry> = Vec::new();
                for _ in 0..count * 3 {
                    if entries.len() == count {
                        break;
                    }
                    let key = self.text(key_field);
                    if entries.iter().any(|e| e.key == key) {
                        continue;
                    }
                    let node = self.node(value_field, form);
                    entries.push(Entry { id: form.next_id(), key, node });
                }
                Node::Map(entries)
            }
            _ => Node::Text(self.text(field)),
        }
    }

    fn count(&mut self, field: &Field) -> usize {
        let min = field.min().unwrap_or(0).max(0) as usize;
        let max = field.max().map_or(self.max_items, |m| (m as usize).min(self.max_items)).max(min);
        // Mostly non-empty, but an empty list means something (DCR grant types) and must
        // round-trip too.
        let min = if min == 0 && self.rng.chance(0.1) { 0 } else { min.max(usize::from(max > 0)) };
        min + self.rng.below(max - min + 1)
    }

    /// Scalar text for `field`: valid for it, unless an invalid value was asked for.
    pub fn text(&mut self, field: &'static Field) -> String {
        if self.invalid_rate > 0.0 && self.rng.chance(self.invalid_rate) {
            return self.invalid_text(field);
        }
        for _ in 0..50 {
            let candidate = self.candidate(field);
            if validate::scalar_problem(field, &candidate).is_none() {
                return candidate;
            }
        }
        // The generator could not hit the pattern at random: fall back to a known-good value.
        fallback(field)
    }

    fn candidate(&mut self, field: &'static Field) -> String {
        match field.kind {
            Kind::Enum => self.rng.pick(field.enum_values).to_string(),
            Kind::Boolean => self.rng.pick(&["true", "false"]).to_string(),
            Kind::Integer => {
                let min = field.min().unwrap_or(0);
                let max = field.max().unwrap_or(min + 1000);
                (min + self.rng.below((max - min + 1) as usize) as i64).to_string()
            }
            _ => {
                let min = field.min().unwrap_or(0).max(0) as usize;
                let cap = field.max().map_or(60, |m| (m as usize).min(60)).max(min);
                let alphabet: Vec<char> = if self.adversarial {
                    NASTY.chars().chain(PLAIN.chars()).collect()
                } else {
                    PLAIN.chars().collect()
                };
                if let Some(pattern) = field.pattern() {
                    let rng = &mut self.rng;
                    let mut choose = |n: usize| rng.below(n);
                    let generated = pattern.generate(cap, &mut choose, &alphabet).unwrap_or_default();
                    return self.pad(field, generated, min, &alphabet);
                }
                let length = min + self.rng.below(cap - min + 1);
                let mut text = String::new();
                while text.chars().count() < length {
                    if self.adversarial && self.rng.chance(0.15) {
                        let word: &str = NASTY_WORDS[self.rng.below(NASTY_WORDS.len())];
                        text.push_str(word);
                    } else {
                        text.push(*self.rng.pick(&alphabet));
                    }
                }
                text.chars().take(cap).collect()
            }
        }
    }

    /// Lengthens a pattern-generated string to at least `min` characters by inserting
    /// characters where the pattern still matches.
    fn pad(&mut self, field: &'static Field, mut text: String, min: usize, alphabet: &[char]) -> String {
        let Some(pattern) = field.pattern() else { return text };
        let mut attempts = 0;
        while text.chars().count() < min && attempts < 400 {
            attempts += 1;
            let chars: Vec<char> = text.chars().collect();
            let at = self.rng.below(chars.len() + 1);
            let c = *self.rng.pick(alphabet);
            let mut next: String = chars[..at].iter().collect();
            next.push(c);
            next.extend(&chars[at..]);
            if pattern.is_full_match(&next) {
                text = next;
            }
        }
        text
    }

    fn invalid_text(&mut self, field: &'static Field) -> String {
        match field.kind {
            Kind::Enum => format!("{}x", self.rng.pick(field.enum_values)),
            Kind::Boolean => "yes".into(),
            Kind::Integer => field.max().map_or("-1.5".into(), |m| (m + 1).to_string()),
            _ => match field.max() {
                Some(max) if max < 300 => "x".repeat(max as usize + 1),
                _ if field.pattern.is_some() => "\u{200b}".into(),
                _ => String::new(),
            },
        }
    }
}

/// A value known to satisfy each pattern's shape, for the rare case random generation misses.
fn fallback(field: &Field) -> String {
    let min = field.min().unwrap_or(0).max(0) as usize;
    let base = match field.pattern_source() {
        Some(p) if p.contains("arn:") => "arn:aws:lambda:us-east-1:123456789012:function:example".to_string(),
        Some(p) if p.contains("##[") => "Verify {##Click here##}".to_string(),
        Some(p) if p.contains("####") => "Your code is {####}".to_string(),
        Some(p) if p.contains('@') => "no-reply@example.com".to_string(),
        Some("Level[1-4]") => "Level1".to_string(),
        _ => "example".to_string(),
    };
    let mut text = base;
    while text.chars().count() < min {
        text.push('x');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_deterministic_and_valid() {
        let a = crate::request::to_json(&Sampler::new(3).request());
        let b = crate::request::to_json(&Sampler::new(3).request());
        assert_eq!(a, b);
        for seed in 0..200 {
            let mut sampler = Sampler::new(seed);
            sampler.adversarial = seed % 2 == 0;
            let form = sampler.request();
            let problems = crate::validate::check_fields(&form);
            assert!(problems.is_empty(), "seed {seed}: {problems:?}");
        }
    }
}
