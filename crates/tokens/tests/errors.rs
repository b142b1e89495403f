//! Bad input is reported clearly: `file:line:column: token.path: message`,
//! every problem at once, each exactly once, and JSON syntax errors at the
//! place they are.

mod common;

use bandeau_tokens::{compile, Severity, Source};
use common::*;

fn bad_json(text: &str) -> String {
    let errors = fail(text);
    assert_eq!(errors.len(), 1, "{:?}", shown(&errors));
    errors[0].to_string()
}

// ---------------------------------------------------------------------------
// JSON syntax

#[test]
fn bad_json_reports_line_and_column() {
    assert_eq!(
        bad_json("{\n  \"a\": {\"$type\": \"number\", \"$value\": 1,}\n}"),
        "t.tokens.json:2:40: invalid JSON: trailing comma before `}`"
    );
    assert_eq!(
        bad_json("{\n  \"a\": [1, 2,]\n}"),
        "t.tokens.json:2:14: invalid JSON: trailing comma before `]`"
    );
    assert_eq!(
        bad_json("{\n  'a': 1\n}"),
        "t.tokens.json:2:3: invalid JSON: expected a quoted member name, found `'`"
    );
    assert_eq!(
        bad_json("{\n  \"a\" 1\n}"),
        "t.tokens.json:2:7: invalid JSON: expected `:` after member name \"a\""
    );
    assert_eq!(
        bad_json("{\n  \"a\": 1\n  \"b\": 2\n}"),
        "t.tokens.json:3:3: invalid JSON: expected `,` or `}` after a member, found `\"`"
    );
    assert_eq!(
        bad_json("// tokens\n{}"),
        "t.tokens.json:1:1: invalid JSON: unexpected character `/`, expected a value"
    );
    assert_eq!(
        bad_json("{\"a\": tru}"),
        "t.tokens.json:1:7: invalid JSON: invalid literal, expected `true`"
    );
    assert_eq!(
        bad_json("{\"a\": 01}"),
        "t.tokens.json:1:8: invalid JSON: expected `,` or `}` after a member, found `1`"
    );
    assert_eq!(
        bad_json("{} {}"),
        "t.tokens.json:1:4: invalid JSON: unexpected text after the JSON value"
    );
}

#[test]
fn bad_json_columns_count_characters_not_bytes() {
    assert_eq!(
        bad_json("{\"größe\": x}"),
        "t.tokens.json:1:11: invalid JSON: unexpected character `x`, expected a value"
    );
}

#[test]
fn truncated_json_is_reported() {
    assert_eq!(
        bad_json("{\n  \"a\": "),
        "t.tokens.json:2:8: invalid JSON: unexpected end of file, expected a value"
    );
    assert_eq!(
        bad_json(""),
        "t.tokens.json:1:1: invalid JSON: unexpected end of file, expected a value"
    );
    assert_eq!(
        bad_json("{\"a\": \"open"),
        "t.tokens.json:1:7: invalid JSON: unterminated string"
    );
    // An unclosed object is reported where it opens.
    assert_eq!(
        bad_json("{\n  \"a\": {\"b\": 1}"),
        "t.tokens.json:1:1: invalid JSON: unexpected end of file, expected `,` or `}`"
    );
}

#[test]
fn control_characters_and_bad_escapes_in_strings() {
    assert_eq!(
        bad_json("{\"a\nb\": 1}"),
        "t.tokens.json:1:4: invalid JSON: control character inside a string"
    );
    assert_eq!(
        bad_json(r#"{"a": "\q"}"#),
        "t.tokens.json:1:8: invalid JSON: invalid escape sequence"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    ok("\u{feff}{\"n\": {\"$type\": \"number\", \"$value\": 1}}");
}

// ---------------------------------------------------------------------------
// Display and placement

#[test]
fn diagnostics_display_as_file_line_column_path_message() {
    let errors = fail("{\n  \"color\": {\n    \"$type\": \"color\",\n    \"accent\": {\"$value\": \"{color.acent}\"}\n  }\n}");
    assert_eq!(
        shown(&errors),
        ["t.tokens.json:4:26: color.accent: unresolvable alias `{color.acent}`: no token has that path (did you mean `{color.accent}`?)"]
    );
    let d = &errors[0];
    assert_eq!((d.file.as_str(), d.line, d.column), (FILE, 4, 26));
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn warnings_are_marked_as_such() {
    let (_, warnings) = ok_with_warnings(
        "{\"old\": {\"$type\": \"number\", \"$value\": 1, \"$deprecated\": \"gone\"},\n \"new\": {\"$value\": \"{old}\"}}",
    );
    assert_eq!(
        shown(&warnings),
        ["t.tokens.json:2:20: warning: new: aliases deprecated token `old`"]
    );
}

#[test]
fn a_value_error_points_at_the_bad_part() {
    let errors = fail(concat!(
        "{\n",
        "  \"space\": {\n",
        "    \"$type\": \"dimension\",\n",
        "    \"md\": {\"$value\": {\"value\": 16, \"unit\": \"em\"}}\n",
        "  }\n",
        "}"
    ));
    assert_eq!(
        shown(&errors),
        ["t.tokens.json:4:44: space.md: unknown dimension unit `em`; DTCG allows `px` and `rem`"]
    );
}

#[test]
fn name_errors_point_at_the_name() {
    let errors = fail("{\n  \"g\": {\n    \"a.b\": {\"$type\": \"number\", \"$value\": 1}\n  }\n}");
    assert_eq!(
        shown(&errors),
        ["t.tokens.json:3:5: g.a.b: name `a.b` must not contain `.` (`.`, `{` and `}` are reserved for references)"]
    );
}

#[test]
fn positions_after_multibyte_text_count_characters() {
    let errors =
        fail("{\"ä\": {\"$type\": \"number\", \"$description\": \"Größe\", \"$value\": \"x\"}}");
    // `"x"` starts at character 62 (byte 65).
    assert_eq!(errors[0].column, 62, "{}", errors[0]);
}

// ---------------------------------------------------------------------------
// Every problem, each once

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = concat!(
        "{\n",
        "  \"color\": {\"$type\": \"colr\", \"a\": {\"$value\": 1}},\n",
        "  \"bad.name\": {\"$type\": \"number\", \"$value\": 1},\n",
        "  \"size\": {\"$type\": \"dimension\", \"$value\": {\"value\": 1, \"unit\": \"em\"}},\n",
        "  \"link\": {\"$type\": \"number\", \"$value\": \"{nowhere}\"},\n",
        "  \"weight\": {\"$type\": \"fontWeight\", \"$value\": 1200}\n",
        "}"
    );
    let mut got = shown(&fail(text));
    got.sort();
    assert_eq!(
        got,
        [
            "t.tokens.json:2:22: color: unknown type `colr` (did you mean `color`?); expected one of color, dimension, fontFamily, fontWeight, duration, cubicBezier, number, strokeStyle, border, transition, shadow, gradient, typography",
            "t.tokens.json:3:3: bad.name: name `bad.name` must not contain `.` (`.`, `{` and `}` are reserved for references)",
            "t.tokens.json:4:65: size: unknown dimension unit `em`; DTCG allows `px` and `rem`",
            "t.tokens.json:5:41: link: unresolvable alias `{nowhere}`: no token has that path",
            "t.tokens.json:6:47: weight: font weight 1200 is outside 1–1000",
        ]
    );
}

#[test]
fn problems_in_every_file_are_reported_together() {
    let errors = fail_all(&[
        Source::new("a.json", "{\"x\": {\"$type\": \"number\", \"$value\": 1,}}"),
        Source::new(
            "b.json",
            "{\"y\": {\"$type\": \"number\", \"$value\": \"two\"}}",
        ),
        Source::new("c.json", "{\"z\": {\"$value\": 3}}"),
    ]);
    let files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(
        files,
        ["a.json", "b.json", "c.json"],
        "{:?}",
        shown(&errors)
    );
}

#[test]
fn an_error_is_not_repeated_by_tokens_that_alias_it() {
    let errors = fail(
        r#"{"a": {"$type": "number", "$value": "one"}, "b": {"$value": "{a}"}, "c": {"$value": "{b}"},
            "s": {"$type": "border", "$value": {"color": {"colorSpace": "srgb", "components": [0, 0, 0]},
                  "width": "{a}", "style": "solid"}}}"#,
    );
    assert_eq!(
        shown(&errors),
        ["t.tokens.json:1:37: a: a number token must be a number, found a string"]
    );
}

#[test]
fn several_problems_in_one_token_are_all_reported() {
    let errors = fail(
        r#"{"t": {"$type": "number", "$value": 1, "$descrption": "x", "$extension": {}, "child": {"$value": 1}}}"#,
    );
    let msgs: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "unknown token property `$descrption` (did you mean `$description`?)",
            "unknown token property `$extension` (did you mean `$extensions`?)",
            "a token cannot have children: `child` is inside a token (an object with `$value`)",
        ]
    );
}

#[test]
fn each_problem_is_reported_once() {
    let errors = fail(
        r#"{"a": {"$type": "number", "$value": "{x}"}, "b": {"$type": "number", "$value": "{x}"}}"#,
    );
    assert_eq!(errors.len(), 2, "{:?}", shown(&errors));
    assert_ne!(errors[0].path, errors[1].path);
}

#[test]
fn warnings_do_not_fail_a_compile_but_errors_carry_them() {
    let text = r#"{"old": {"$type": "number", "$value": 1, "$deprecated": true},
                   "new": {"$value": "{old}"}, "bad": {"$type": "number", "$value": "x"}}"#;
    let failure = compile(&[Source::new(FILE, text)]).unwrap_err();
    assert_eq!(failure.errors().count(), 1);
    assert!(failure
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("deprecated")));
}
