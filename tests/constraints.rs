//! Every constraint the model states, checked at its bounds: for each field and each kind of
//! constraint, a value just inside passes and a value just outside fails with the right rule,
//! at the right path. Driven by the model, so a new field or bound is tested automatically.

use poolsmith::model::{self, Field, Kind, FIELDS};
use poolsmith::sample::Sampler;
use poolsmith::validate::check_fields;
use poolsmith::value::{FormValue, Locator, Node, Step};

/// Puts a value for `field` into `form`, creating list rows and map entries on the way,
/// and returns its locator.
fn place(form: &mut FormValue, field: &'static Field) -> Locator {
    let mut chain = vec![field];
    while let Some(parent) = chain.last().and_then(|f| f.parent()) {
        chain.push(parent);
    }
    chain.reverse();
    let mut locator: Locator = Vec::new();
    for (i, f) in chain.iter().enumerate() {
        match f.name {
            "[]" => {
                let row = form.add_row(&locator).expect("add row");
                locator.push(Step::Row(row));
            }
            "{}" => {
                let key = if f.path.starts_with("AcrConfiguration") { "Level1" } else { "k" };
                let entry = form.add_entry(&locator, key).expect("add entry");
                locator.push(Step::Entry(entry));
            }
            "{key}" => unreachable!("map keys are tested through entries"),
            _ => locator.push(Step::Member(f.id)),
        }
        let _ = i;
    }
    locator
}

/// Rules reported exactly at `locator`.
fn rules_at(form: &FormValue, locator: &[Step]) -> Vec<&'static str> {
    let path = form.path_of(locator).expect("path");
    check_fields(form).into_iter().filter(|d| d.paths[0] == path).map(|d| d.rule).collect()
}

fn with_text(field: &'static Field, text: &str) -> (FormValue, Locator) {
    let mut form = FormValue::new();
    let locator = place(&mut form, field);
    assert!(form.set_text(&locator, text), "{}", field.path);
    (form, locator)
}

/// A value of exactly `length` characters that satisfies the field's pattern: a generated
/// valid value, grown by repeating a character where the pattern allows it, or shortened.
fn fit(field: &'static Field, length: usize) -> String {
    let mut text = valid_text(field);
    let pattern = field.pattern();
    let ok = |t: &str| pattern.is_none_or(|p| p.is_full_match(t));
    let current = text.chars().count();
    if current < length {
        let chars: Vec<char> = text.chars().collect();
        for at in (0..=chars.len()).rev() {
            for filler in ['a', '1', 'x', '_', ' '] {
                let grown: String = chars[..at]
                    .iter()
                    .copied()
                    .chain(std::iter::repeat_n(filler, length - current))
                    .chain(chars[at..].iter().copied())
                    .collect();
                if ok(&grown) {
                    return grown;
                }
            }
        }
        panic!("{}: cannot grow {text:?} to {length} characters", field.path);
    }
    while text.chars().count() > length {
        let chars: Vec<char> = text.chars().collect();
        let shorter = (0..chars.len())
            .map(|skip| chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect::<String>())
            .find(|t| ok(t))
            .unwrap_or_else(|| panic!("{}: cannot shorten {text:?} to {length} characters", field.path));
        text = shorter;
    }
    text
}

/// A non-empty valid value for the field.
fn valid_text(field: &'static Field) -> String {
    (0..100)
        .map(|seed| Sampler::new(seed).text(field))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| panic!("{}: no non-empty valid value", field.path))
}

/// `length` characters, ignoring the pattern (for values that must fail on length first).
fn any_text(length: usize) -> String {
    "a".repeat(length)
}

#[test]
fn string_lengths_at_their_bounds() {
    let mut checked = 0;
    for field in FIELDS.iter().filter(|f| f.kind == Kind::String && f.name != "{key}") {
        if let Some(max) = field.max() {
            let inside = fit(field, max as usize);
            let (form, at) = with_text(field, &inside);
            assert_eq!(rules_at(&form, &at), Vec::<&str>::new(), "{} at max length {max}", field.path);
            let outside = any_text(max as usize + 1);
            let (form, at) = with_text(field, &outside);
            assert_eq!(rules_at(&form, &at), ["model.length"], "{} at max + 1", field.path);
            checked += 1;
        }
        if let Some(min) = field.min().filter(|&m| m >= 1) {
            let inside = fit(field, min as usize);
            let (form, at) = with_text(field, &inside);
            assert_eq!(rules_at(&form, &at), Vec::<&str>::new(), "{} at min length {min}", field.path);
            let outside = any_text(min as usize - 1);
            let (form, at) = with_text(field, &outside);
            let expected = if min == 1 { "model.required" } else { "model.length" };
            assert_eq!(rules_at(&form, &at), [expected], "{} at min - 1", field.path);
            checked += 1;
        }
    }
    assert!(checked >= 85, "only {checked} string bounds checked");
}

#[test]
fn map_keys_at_their_bounds() {
    let tags = model::by_path("UserPoolTags").unwrap();
    for (key, expected) in
        [("k".repeat(128), vec![]), ("k".repeat(129), vec!["model.length"]), (String::new(), vec!["model.required"])]
    {
        let mut form = FormValue::new();
        let entry = form.add_entry(&[Step::Member(tags.id)], key.clone()).unwrap();
        let value_at = vec![Step::Member(tags.id), Step::Entry(entry)];
        let key_path = form.path_of(&value_at).unwrap().with(poolsmith::value::Segment::KeyName);
        let rules: Vec<_> =
            check_fields(&form).into_iter().filter(|d| d.paths[0] == key_path).map(|d| d.rule).collect();
        assert_eq!(rules, expected, "tag key of {} characters", key.chars().count());
    }
    let acr = model::by_path("AcrConfiguration").unwrap();
    for (key, expected) in [("Level4", vec![]), ("Level5", vec!["model.pattern"]), ("level1", vec!["model.pattern"])] {
        let mut form = FormValue::new();
        let entry = form.add_entry(&[Step::Member(acr.id)], key).unwrap();
        let key_path =
            form.path_of(&[Step::Member(acr.id), Step::Entry(entry)]).unwrap().with(poolsmith::value::Segment::KeyName);
        let rules: Vec<_> =
            check_fields(&form).into_iter().filter(|d| d.paths[0] == key_path).map(|d| d.rule).collect();
        assert_eq!(rules, expected, "ACR level key {key}");
    }
}

#[test]
fn integers_at_their_bounds() {
    let integers: Vec<&Field> = FIELDS.iter().filter(|f| f.kind == Kind::Integer).collect();
    assert_eq!(integers.len(), 5);
    for field in integers {
        let (min, max) = (field.min().expect("min"), field.max().expect("max"));
        for (value, expected) in
            [(min, vec![]), (max, vec![]), (min - 1, vec!["model.range"]), (max + 1, vec!["model.range"])]
        {
            let (form, at) = with_text(field, &value.to_string());
            assert_eq!(rules_at(&form, &at), expected, "{} = {value}", field.path);
        }
        for text in ["", "1.5", "abc", "1e3", "2147483648"] {
            let (form, at) = with_text(field, text);
            let expected = if text.is_empty() { "model.required" } else { "model.integer" };
            assert_eq!(rules_at(&form, &at), [expected], "{} = {text:?}", field.path);
        }
    }
}

#[test]
fn enums_and_booleans_accept_exactly_their_values() {
    for field in FIELDS.iter().filter(|f| f.kind == Kind::Enum) {
        for value in field.enum_values {
            let (form, at) = with_text(field, value);
            assert_eq!(rules_at(&form, &at), Vec::<&str>::new(), "{} = {value}", field.path);
        }
        let (form, at) = with_text(field, "NOT_A_VALUE");
        assert_eq!(rules_at(&form, &at), ["model.enum"], "{}", field.path);
        let lower = field.enum_values[0].to_lowercase();
        if lower != field.enum_values[0] {
            let (form, at) = with_text(field, &lower);
            assert_eq!(rules_at(&form, &at), ["model.enum"], "{} is case-sensitive", field.path);
        }
    }
    for field in FIELDS.iter().filter(|f| f.kind == Kind::Boolean) {
        for (text, expected) in
            [("true", vec![]), ("false", vec![]), ("True", vec!["model.boolean"]), ("1", vec!["model.boolean"])]
        {
            let (form, at) = with_text(field, text);
            assert_eq!(rules_at(&form, &at), expected, "{} = {text}", field.path);
        }
    }
}

#[test]
fn patterns_accept_a_fitting_value_and_reject_a_stray_character() {
    for field in FIELDS.iter().filter(|f| f.pattern.is_some() && f.name != "{key}") {
        let good = valid_text(field);
        let (form, at) = with_text(field, &good);
        assert_eq!(rules_at(&form, &at), Vec::<&str>::new(), "{} = {good:?}", field.path);
        if field.pattern_source() == Some("(?s).*") {
            continue; // accepts every string: there is no outside
        }
        // A character the pattern does not allow (which one depends on the pattern: `.`
        // takes a zero-width space but not a line break).
        let pattern = field.pattern().unwrap();
        let bad = ['\u{200b}', '\n', '/', ' ']
            .iter()
            .map(|c| format!("{good}{c}"))
            .find(|t| !pattern.is_full_match(t))
            .unwrap_or_else(|| panic!("{}: no stray character found", field.path));
        let (form, at) = with_text(field, &bad);
        assert_eq!(rules_at(&form, &at), ["model.pattern"], "{} = {bad:?}", field.path);
    }
}

#[test]
fn list_and_map_sizes_at_their_bounds() {
    let mut checked = 0;
    for field in FIELDS.iter().filter(|f| matches!(f.kind, Kind::List | Kind::Map)) {
        let rule = if field.kind == Kind::List { "model.items" } else { "model.entries" };
        let mut sizes = Vec::new();
        if let Some(max) = field.max() {
            sizes.push((max as usize, false));
            sizes.push((max as usize + 1, true));
        }
        if let Some(min) = field.min().filter(|&m| m > 0) {
            sizes.push((min as usize, false));
            sizes.push((min as usize - 1, true));
        }
        for (size, fails) in sizes {
            let mut form = FormValue::new();
            let mut sampler = Sampler::new(size as u64);
            let locator = place(&mut form, field);
            form.set(&locator, Node::List(Vec::new()));
            let is_map = field.kind == Kind::Map;
            if is_map {
                form.set(&locator, Node::Map(Vec::new()));
            }
            for i in 0..size {
                if is_map {
                    let entry = form.add_entry(&locator, format!("Level{}", i + 1)).unwrap();
                    let value_field = field.child_fields().nth(1).unwrap();
                    let node = sampler.node(value_field, &mut form);
                    let mut at = locator.clone();
                    at.push(Step::Entry(entry));
                    form.set(&at, node);
                } else {
                    let row = form.add_row(&locator).unwrap();
                    let element = field.child_fields().next().unwrap();
                    let node = sampler.node(element, &mut form);
                    let mut at = locator.clone();
                    at.push(Step::Row(row));
                    form.set(&at, node);
                }
            }
            let rules = rules_at(&form, &locator);
            assert_eq!(rules.contains(&rule), fails, "{} with {size} items: {rules:?}", field.path);
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} size bounds checked");
}

#[test]
fn required_members_are_required_once_their_parent_is_sent() {
    for field in FIELDS.iter().filter(|f| f.required) {
        let mut form = FormValue::new();
        let locator = place(&mut form, field);
        // Create the parent (present, empty), but not the member itself.
        let parent = &locator[..locator.len() - 1];
        if parent.is_empty() {
            // PoolName: required in the request itself.
        } else if form.get(parent).is_none() {
            form.set(parent, poolsmith::value::empty_node(field.parent().unwrap()));
        }
        let path = form.path_of(&locator).unwrap();
        let problems = check_fields(&form);
        assert!(
            problems.iter().any(|d| d.paths[0] == path && d.rule == "model.required"),
            "{} missing is not reported: {problems:?}",
            field.path
        );
        let mut sampler = Sampler::new(1);
        form.set_text(&locator, sampler.text(field));
        assert!(!check_fields(&form).iter().any(|d| d.paths[0] == path), "{} set is still reported", field.path);
    }
}
