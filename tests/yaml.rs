//! The YAML constructs CloudFormation templates and `aws … --output yaml` use, each read by
//! `import::yaml` into the tree the importers see (scalars as text; `~`, `null` and empty
//! values as null; short-form tags as function objects). The cases are our own, one group per
//! category of the YAML test suite (<https://github.com/yaml/yaml-test-suite>) that templates
//! draw on, plus the two constructs from deployed templates that the hand-written reader it
//! replaced refused: a block sequence at its key's indentation after a tag, and a single
//! `key: value` pair inside a flow sequence.

use poolsmith::import::yaml;

/// What the reader makes of `text`: the tree as compact JSON, or its error.
fn read(text: &str) -> Result<String, String> {
    yaml::parse(text).map(|document| document.value.compact()).map_err(|e| e.to_string())
}

/// The expected tree, written as JSON, as compact JSON (which escapes invisible characters).
fn normalised(expected: &str) -> String {
    poolsmith::json::parse(expected).map(|(value, _)| value.compact()).unwrap_or_else(|_| expected.to_string())
}

/// Reads every case and reports each one that reads differently from what is expected.
fn expect_all(cases: &[(&str, &str)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, expected)| match read(text) {
            Ok(found) if found == normalised(expected) => None,
            found => Some(format!("{text:?}\n  expected {expected}\n  found    {found:?}")),
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} cases read wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn block_mappings_and_sequences() {
    expect_all(&[
        ("a: 1\nb: two words\n", r#"{"a":"1","b":"two words"}"#),
        ("a:\n  b:\n    c: x\n  d: y\n", r#"{"a":{"b":{"c":"x"},"d":"y"}}"#),
        ("a:\n    - x\n    - y\n", r#"{"a":["x","y"]}"#),
        ("- a: 1\n  b: 2\n- c: 3\n", r#"[{"a":"1","b":"2"},{"c":"3"}]"#),
        ("- k:\n  - a\n  - b\n- l\n", r#"[{"k":["a","b"]},"l"]"#),
        (
            "key with spaces: v\nFn::GetAtt: [A, Arn]\na:b: c\n",
            r#"{"key with spaces":"v","Fn::GetAtt":["A","Arn"],"a:b":"c"}"#,
        ),
        ("\"quoted: key\": 1\n'single # key': 2\n", r#"{"quoted: key":"1","single # key":"2"}"#),
        ("é: 😀\n", r#"{"é":"😀"}"#),
    ]);
}

#[test]
fn compact_nested_and_indentless_sequences() {
    expect_all(&[
        ("- - a\n  - b\n- - c\n", r#"[["a","b"],["c"]]"#),
        ("- - - deep\n", r#"[[["deep"]]]"#),
        ("k:\n- a\n- b\nn: c\n", r#"{"k":["a","b"],"n":"c"}"#),
        ("k:\n- a: 1\n  b: 2\n- c\n", r#"{"k":[{"a":"1","b":"2"},"c"]}"#),
        // A list at its key's indentation after a tag (deployed templates write !If this way).
        ("k: !If\n- IsProd\n- a\n- b\nn: x\n", r#"{"k":{"Fn::If":["IsProd","a","b"]},"n":"x"}"#),
        (
            "Properties:\n  LambdaConfig: !If\n  - IsProd\n  - PreSignUp: !GetAtt Fn.Arn\n    PostConfirmation: !GetAtt Other.Arn\n  - !Ref AWS::NoValue\n  Next: x\n",
            r#"{"Properties":{"LambdaConfig":{"Fn::If":["IsProd",{"PreSignUp":{"Fn::GetAtt":"Fn.Arn"},"PostConfirmation":{"Fn::GetAtt":"Other.Arn"}},{"Ref":"AWS::NoValue"}]},"Next":"x"}}"#,
        ),
        ("k: !Sub\n  - '${A}'\n  - A: !Ref B\n", r#"{"k":{"Fn::Sub":["${A}",{"A":{"Ref":"B"}}]}}"#),
    ]);
}

#[test]
fn plain_scalars_over_several_lines_and_with_indicators_inside() {
    expect_all(&[
        ("k: one\n  two\n\n  three\nn: x\n", r#"{"k":"one two\nthree","n":"x"}"#),
        ("- a\n  b\n- c\n", r#"["a b","c"]"#),
        ("url: http://x.y/z#frag\nt: a:b\nu: a -b\n", r#"{"url":"http://x.y/z#frag","t":"a:b","u":"a -b"}"#),
        ("a: -1\nb: -x\nc: ?y\nd: :z\n", r#"{"a":"-1","b":"-x","c":"?y","d":":z"}"#),
        ("k: value   # comment\n", r#"{"k":"value"}"#),
        ("k: arn:aws:iam::111122223333:role/x\n", r#"{"k":"arn:aws:iam::111122223333:role/x"}"#),
    ]);
}

#[test]
fn literal_and_folded_block_scalars_with_chomping_and_indentation() {
    expect_all(&[
        ("k: |\n  a\n   b\n\n  c\n", r#"{"k":"a\n b\n\nc\n"}"#),
        ("k: |-\n  a\n  b\n\n", r#"{"k":"a\nb"}"#),
        ("k: |+\n  a\n\n\nn: x\n", r#"{"k":"a\n\n\n","n":"x"}"#),
        ("k: >\n  a\n  b\n\n  c\n", r#"{"k":"a b\nc\n"}"#),
        ("k: >-\n  a\n  b\n", r#"{"k":"a b"}"#),
        ("k: >+\n  a\n\n", r#"{"k":"a\n\n"}"#),
        ("k: >\n  a\n  b\n\n    more\n  c\n", r#"{"k":"a b\n\n  more\nc\n"}"#),
        ("k: |2\n    indented\n  base\n", r#"{"k":"  indented\nbase\n"}"#),
        ("- |\n  # not a comment\n- >-\n  a\n  b\n", r##"["# not a comment\n","a b"]"##),
        ("k: |   # a comment after the indicator\n  text\n", r#"{"k":"text\n"}"#),
        ("k: |\nn: x\n", r#"{"k":"","n":"x"}"#),
    ]);
}

#[test]
fn quoted_scalars_with_escapes_and_folding() {
    expect_all(&[
        (
            r#"k: "tab\t nl\n q\" bs\\ \u00e9 \U0001F600 \x41 \/ \e \N \_ \L \P \ ""#,
            "{\"k\":\"tab\\t nl\\n q\\\" bs\\\\ é 😀 A / \\u001b \u{85} \u{a0} \\u2028 \\u2029  \"}",
        ),
        ("k: 'it''s # not a comment'\n", r#"{"k":"it's # not a comment"}"#),
        ("k: \"one   \n   two\n\n   three\\\n   four\"\n", r#"{"k":"one two\nthreefour"}"#),
        ("k: 'one\n  two'\n", r#"{"k":"one two"}"#),
        ("k: \"\"\nl: ''\n", r#"{"k":"","l":""}"#),
        ("k: \"quoted\" # comment\n", r#"{"k":"quoted"}"#),
    ]);
}

#[test]
fn comments_and_document_markers() {
    expect_all(&[
        ("# first\na: 1 # after\n# between\nb: # after a key\n  # before the value\n  v\n", r#"{"a":"1","b":"v"}"#),
        ("---\na: 1\n...\n# after the end\n", r#"{"a":"1"}"#),
        ("--- # a comment\na: 1\n", r#"{"a":"1"}"#),
        ("%YAML 1.1\n---\na: 1\n", r#"{"a":"1"}"#),
        ("--- !Ref Pool\n", r#"{"Ref":"Pool"}"#),
        ("a: 1\r\nb:\r\n  - x\r\n", r#"{"a":"1","b":["x"]}"#),
        ("\u{feff}a: 1\n", r#"{"a":"1"}"#),
    ]);
}

#[test]
fn flow_collections_nested_in_block() {
    expect_all(&[
        ("k: [a, [b, c], {d: e}]\n", r#"{"k":["a",["b","c"],{"d":"e"}]}"#),
        ("k: {a: [1, 2], b: {c: d}}\n", r#"{"k":{"a":["1","2"],"b":{"c":"d"}}}"#),
        ("k: [\n  a,  # a comment\n  b,\n]\n", r#"{"k":["a","b"]}"#),
        ("k: {\"a\":1, \"b\": [true, null]}\n", r#"{"k":{"a":"1","b":["true",null]}}"#),
        ("k: [a: 1, b]\n", r#"{"k":[{"a":"1"},"b"]}"#),
        (
            "k: !Join ['', [\"<a href=\", Fn::ImportValue: !Sub \"${Stack}-url\", \">\"]]\n",
            r#"{"k":{"Fn::Join":["",["<a href=",{"Fn::ImportValue":{"Fn::Sub":"${Stack}-url"}},">"]]}}"#,
        ),
        ("k: {a, b: }\n", r#"{"k":{"a":null,"b":null}}"#),
        ("k: [http://x.y:80/z, 'q''s']\n", r#"{"k":["http://x.y:80/z","q's"]}"#),
    ]);
}

#[test]
fn tags_on_scalars_sequences_and_mappings() {
    expect_all(&[
        (
            "a: !Ref X\nb: !GetAtt P.Arn\nc: !Condition C\n",
            r#"{"a":{"Ref":"X"},"b":{"Fn::GetAtt":"P.Arn"},"c":{"Condition":"C"}}"#,
        ),
        ("k: !If [C, {a: b}, !Ref AWS::NoValue]\n", r#"{"k":{"Fn::If":["C",{"a":"b"},{"Ref":"AWS::NoValue"}]}}"#),
        (
            "k: !Transform\n  Name: M\n  Parameters: {a: b}\n",
            r#"{"k":{"Fn::Transform":{"Name":"M","Parameters":{"a":"b"}}}}"#,
        ),
        ("k: !Sub |\n  line ${A}\n", r#"{"k":{"Fn::Sub":"line ${A}\n"}}"#),
        ("k: !Base64 'text'\n", r#"{"k":{"Fn::Base64":"text"}}"#),
        ("k: !GetAZs\n", r#"{"k":{"Fn::GetAZs":null}}"#),
        ("- !Select [0, !GetAZs '']\n", r#"[{"Fn::Select":["0",{"Fn::GetAZs":""}]}]"#),
    ]);
}

#[test]
fn empty_values_explicit_keys_and_anchors() {
    expect_all(&[
        ("a:\nb: ~\nc: null\nd: ''\ne: []\nf: {}\n", r#"{"a":null,"b":null,"c":null,"d":"","e":[],"f":{}}"#),
        ("-\n- a\n- \n", r#"[null,"a",null]"#),
        ("? a\n: b\n? c\n: d\n", r#"{"a":"b","c":"d"}"#),
        ("? a\nb: c\n", r#"{"a":null,"b":"c"}"#),
        ("a: &anchor 1\nb: &list [2]\n", r#"{"a":"1","b":["2"]}"#),
    ]);
}
