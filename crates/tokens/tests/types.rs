//! The 13 DTCG 2025.10 types: valid values resolve to what was written,
//! and every invalid value is reported with a message saying what is wrong.

mod common;

use bandeau_tokens::value::{StrokeStyle, Value};
use bandeau_tokens::Type;
use common::*;
use serde_json::json;

/// Compiles `{"t": {"$type": ty, "$value": v}}` and returns `t`'s value.
fn valid(ty: &str, v: &str) -> serde_json::Value {
    value(&ok(&typed(ty, v)), "t")
}

/// Expects `{"t": {"$type": ty, "$value": v}}` to fail with one error
/// containing `needle`, placed on token `t`.
fn invalid(ty: &str, v: &str, needle: &str) {
    let d = only_error(&typed(ty, v), needle);
    assert_eq!(d.path.as_deref(), Some("t"), "{d}");
}

// ---------------------------------------------------------------------------
// color

const SPACES: [(&str, [f64; 3]); 14] = [
    ("srgb", [1.0, 0.5, 0.0]),
    ("srgb-linear", [0.2, 0.3, 0.4]),
    ("hsl", [210.0, 50.0, 40.0]),
    ("hwb", [210.0, 10.0, 20.0]),
    ("lab", [50.0, -20.0, 30.0]),
    ("lch", [50.0, 30.0, 200.0]),
    ("oklab", [0.6, -0.1, 0.1]),
    ("oklch", [0.6, 0.15, 250.0]),
    ("display-p3", [1.0, 0.0, 0.0]),
    ("a98-rgb", [0.5, 0.5, 0.5]),
    ("prophoto-rgb", [0.3, 0.4, 0.5]),
    ("rec2020", [0.1, 0.2, 0.3]),
    ("xyz-d65", [0.2, 0.3, 0.4]),
    ("xyz-d50", [0.2, 0.3, 0.4]),
];

#[test]
fn colour_in_each_of_the_14_spaces_is_kept_as_written() {
    for (space, c) in SPACES {
        let v = json!({"colorSpace": space, "components": c});
        assert_eq!(valid("color", &v.to_string()), v, "{space}");
    }
}

#[test]
fn colour_components_may_be_none() {
    for (space, _) in SPACES {
        let v = json!({"colorSpace": space, "components": ["none", "none", "none"]});
        assert_eq!(valid("color", &v.to_string()), v, "{space}");
    }
    let v = json!({"colorSpace": "oklch", "components": [0.5, 0.0, "none"]});
    assert_eq!(valid("color", &v.to_string()), v);
}

#[test]
fn colour_alpha_and_hex_fallback_are_kept() {
    let v = json!({"colorSpace": "display-p3", "components": [1.0, 0.0, 0.0], "alpha": 0.5, "hex": "#ff0000"});
    assert_eq!(valid("color", &v.to_string()), v);
    // An alpha of 1 is the default and is not repeated.
    assert_eq!(
        valid(
            "color",
            r#"{"colorSpace": "srgb", "components": [0, 0, 0], "alpha": 1}"#
        ),
        json!({"colorSpace": "srgb", "components": [0.0, 0.0, 0.0]})
    );
}

#[test]
fn colour_components_out_of_range_are_rejected() {
    for (space, comps, needle) in [
        (
            "srgb",
            "[1.2, 0, 0]",
            "component 1 (red) is 1.2, outside 0–1 for srgb",
        ),
        (
            "display-p3",
            "[0, -0.1, 0]",
            "component 2 (green) is -0.1, outside 0–1 for display-p3",
        ),
        (
            "hsl",
            "[360, 50, 50]",
            "component 1 (hue) is 360, outside 0–360 (360 excluded) for hsl",
        ),
        (
            "hwb",
            "[0, 101, 0]",
            "component 2 (whiteness) is 101, outside 0–100 for hwb",
        ),
        (
            "lab",
            "[-1, 0, 0]",
            "component 1 (lightness) is -1, outside 0–100 for lab",
        ),
        (
            "lch",
            "[50, -1, 0]",
            "component 2 (chroma) is -1, below 0 for lch",
        ),
        (
            "oklab",
            "[1.5, 0, 0]",
            "component 1 (lightness) is 1.5, outside 0–1 for oklab",
        ),
        (
            "oklch",
            "[0.5, 0.1, -10]",
            "component 3 (hue) is -10, outside 0–360 (360 excluded) for oklch",
        ),
    ] {
        invalid(
            "color",
            &format!(r#"{{"colorSpace": "{space}", "components": {comps}}}"#),
            &format!("invalid colour: {needle}"),
        );
    }
}

#[test]
fn colour_components_unbounded_where_the_space_is() {
    // Lab a/b and XYZ have no range limits in DTCG.
    valid(
        "color",
        r#"{"colorSpace": "lab", "components": [50, -160, 170]}"#,
    );
    valid(
        "color",
        r#"{"colorSpace": "xyz-d65", "components": [-0.5, 2, 1.5]}"#,
    );
}

#[test]
fn colour_problems_are_all_listed_in_one_message() {
    let d = only_error(
        &typed(
            "color",
            r##"{"colorSpace": "srgb", "components": [2, 0, 0], "alpha": 1.5, "hex": "#f00"}"##,
        ),
        "invalid colour",
    );
    for part in [
        "component 1 (red) is 2",
        "alpha is 1.5, outside 0–1",
        "hex `#f00` is not of the form #rrggbb",
    ] {
        assert!(d.message.contains(part), "{part} missing from {d}");
    }
}

#[test]
fn unknown_colour_space_suggests_the_nearest() {
    for (bad, near) in [
        ("srbg", "srgb"),
        ("display_p3", "display-p3"),
        ("okclh", "oklch"),
    ] {
        invalid(
            "color",
            &format!(r#"{{"colorSpace": "{bad}", "components": [0, 0, 0]}}"#),
            &format!("unknown colour space `{bad}` (did you mean `{near}`?); expected one of srgb, srgb-linear, hsl"),
        );
    }
}

#[test]
fn legacy_hex_string_is_rejected_with_a_hint() {
    invalid(
        "color",
        r##""#ff8800""##,
        r##"colours are objects in DTCG 2025.10, found the string "#ff8800"; write {"colorSpace": "srgb", "components": […], "hex": "#ff8800"}"##,
    );
}

#[test]
fn colour_names_and_css_functions_are_rejected() {
    let d = only_error(
        &typed("color", r#""rebeccapurple""#),
        "colours are objects in DTCG 2025.10",
    );
    assert!(!d.message.contains("hex"), "{d}");
    only_error(
        &typed("color", r#""rgb(0 0 0)""#),
        "found the string \"rgb(0 0 0)\"",
    );
}

#[test]
fn colour_object_shape_errors() {
    invalid(
        "color",
        r#"{"components": [0, 0, 0]}"#,
        "a color value needs `colorSpace`",
    );
    invalid(
        "color",
        r#"{"colorSpace": "srgb"}"#,
        "a color value needs `components`",
    );
    invalid(
        "color",
        r#"{"colorSpace": "srgb", "components": [0, 0]}"#,
        "`components` must hold 3 values, found 2",
    );
    invalid(
        "color",
        r#"{"colorSpace": "srgb", "components": "0 0 0"}"#,
        "`components` must be an array of 3 numbers, found a string",
    );
    invalid(
        "color",
        r#"{"colorSpace": "srgb", "components": [0, "auto", 0]}"#,
        "a colour component must be a number, found a string",
    );
    invalid(
        "color",
        r#"{"colorSpace": 1, "components": [0, 0, 0]}"#,
        "`colorSpace` must be a string, found a number",
    );
    invalid(
        "color",
        r#"{"colorSpace": "srgb", "components": [0, 0, 0], "alpah": 0.5}"#,
        "unknown member `alpah` in a color value; expected colorSpace, components, alpha, hex (did you mean `alpha`?)",
    );
    invalid(
        "color",
        "5",
        "a color value must be an object, found a number",
    );
}

// ---------------------------------------------------------------------------
// dimension

#[test]
fn dimension_in_px_and_rem() {
    for v in [
        json!({"value": 16, "unit": "px"}),
        json!({"value": 1.5, "unit": "rem"}),
        json!({"value": -2, "unit": "px"}),
        json!({"value": 0, "unit": "rem"}),
    ] {
        assert_eq!(valid("dimension", &v.to_string()), v);
    }
}

#[test]
fn dimension_units_are_px_or_rem_only() {
    for unit in ["em", "%", "vh", "pt", "PX"] {
        invalid(
            "dimension",
            &format!(r#"{{"value": 1, "unit": "{unit}"}}"#),
            &format!("unknown dimension unit `{unit}`; DTCG allows `px` and `rem`"),
        );
    }
}

#[test]
fn dimension_strings_are_the_old_format() {
    invalid(
        "dimension",
        r#""16px""#,
        r#"dimensions are objects in DTCG 2025.10 ({"value": 16, "unit": "px"}), found the string "16px""#,
    );
}

#[test]
fn dimension_shape_errors() {
    invalid(
        "dimension",
        r#"{"value": 1}"#,
        "a dimension value needs `unit`",
    );
    invalid(
        "dimension",
        r#"{"unit": "px"}"#,
        "a dimension value needs `value`",
    );
    invalid(
        "dimension",
        r#"{"value": "1", "unit": "px"}"#,
        "`value` must be a number, found a string",
    );
    invalid(
        "dimension",
        r#"{"value": 1, "unit": "px", "scale": 2}"#,
        "unknown member `scale` in a dimension value; expected value, unit",
    );
}

// ---------------------------------------------------------------------------
// duration

#[test]
fn duration_in_ms_and_s() {
    for v in [
        json!({"value": 200, "unit": "ms"}),
        json!({"value": 0.5, "unit": "s"}),
    ] {
        assert_eq!(valid("duration", &v.to_string()), v);
    }
}

#[test]
fn duration_units_are_ms_or_s_only() {
    invalid(
        "duration",
        r#"{"value": 1, "unit": "min"}"#,
        "unknown duration unit `min`; DTCG allows `ms` and `s`",
    );
    invalid(
        "duration",
        r#""200ms""#,
        "a duration value must be an object, found a string",
    );
}

// ---------------------------------------------------------------------------
// fontWeight

#[test]
fn font_weight_numbers_from_1_to_1000() {
    for n in ["1", "400", "550.5", "1000"] {
        assert_eq!(
            valid("fontWeight", n),
            serde_json::from_str::<serde_json::Value>(n).unwrap()
        );
    }
    invalid("fontWeight", "0", "font weight 0 is outside 1–1000");
    invalid("fontWeight", "1001", "font weight 1001 is outside 1–1000");
    invalid("fontWeight", "-400", "font weight -400 is outside 1–1000");
}

#[test]
fn font_weight_keywords_all_map_to_their_weight() {
    for (kw, w) in [
        ("thin", 100.0),
        ("hairline", 100.0),
        ("extra-light", 200.0),
        ("ultra-light", 200.0),
        ("light", 300.0),
        ("normal", 400.0),
        ("regular", 400.0),
        ("book", 400.0),
        ("medium", 500.0),
        ("semi-bold", 600.0),
        ("demi-bold", 600.0),
        ("bold", 700.0),
        ("extra-bold", 800.0),
        ("ultra-bold", 800.0),
        ("black", 900.0),
        ("heavy", 900.0),
        ("extra-black", 950.0),
        ("ultra-black", 950.0),
    ] {
        let set = ok(&typed("fontWeight", &format!("\"{kw}\"")));
        match &set.get("t").unwrap().value {
            Value::FontWeight(f) => assert_eq!((f.weight, f.keyword), (w, Some(kw))),
            other => panic!("{other:?}"),
        }
        // The keyword round-trips as written.
        assert_eq!(value(&set, "t"), json!(kw));
    }
}

#[test]
fn unknown_font_weight_keyword_suggests_the_nearest() {
    invalid(
        "fontWeight",
        r#""semibold""#,
        "unknown font weight keyword `semibold` (did you mean `semi-bold`?)",
    );
    invalid(
        "fontWeight",
        r#""bolder""#,
        "unknown font weight keyword `bolder` (did you mean `bold`?)",
    );
    invalid(
        "fontWeight",
        "true",
        "a fontWeight must be a number or keyword, found a boolean",
    );
}

// ---------------------------------------------------------------------------
// cubicBezier

#[test]
fn cubic_bezier_y_may_leave_the_unit_interval() {
    assert_eq!(
        valid("cubicBezier", "[0.4, 0, 0.2, 1]"),
        json!([0.4, 0, 0.2, 1])
    );
    assert_eq!(
        valid("cubicBezier", "[0.5, -1, 0.5, 2.5]"),
        json!([0.5, -1, 0.5, 2.5])
    );
}

#[test]
fn cubic_bezier_x_outside_0_1_is_rejected() {
    invalid(
        "cubicBezier",
        "[1.5, 0, 0.5, 1]",
        "cubicBezier x1 is 1.5, outside [0, 1]",
    );
    invalid(
        "cubicBezier",
        "[0, 0, -0.1, 1]",
        "cubicBezier x2 is -0.1, outside [0, 1]",
    );
}

#[test]
fn cubic_bezier_needs_four_numbers() {
    let msg = "a cubicBezier value must be an array of 4 numbers [x1, y1, x2, y2]";
    invalid("cubicBezier", "[0, 0, 1]", msg);
    invalid("cubicBezier", r#""ease-in""#, msg);
    invalid(
        "cubicBezier",
        r#"[0, "a", 1, 1]"#,
        "a cubicBezier coordinate must be a number, found a string",
    );
}

// ---------------------------------------------------------------------------
// number

#[test]
fn number_tokens() {
    assert_eq!(valid("number", "1.5"), json!(1.5));
    assert_eq!(valid("number", "-3"), json!(-3));
    invalid(
        "number",
        r#""1.5""#,
        "a number token must be a number, found a string",
    );
}

// ---------------------------------------------------------------------------
// fontFamily

#[test]
fn font_family_is_a_string_or_a_list() {
    assert_eq!(valid("fontFamily", r#""Inter""#), json!("Inter"));
    assert_eq!(
        valid(
            "fontFamily",
            r#"["Inter Variable", "system-ui", "sans-serif"]"#
        ),
        json!(["Inter Variable", "system-ui", "sans-serif"])
    );
}

#[test]
fn font_family_errors() {
    let msg = "a fontFamily value must be a non-empty string or array of strings";
    invalid("fontFamily", r#""""#, msg);
    invalid("fontFamily", "[]", msg);
    invalid("fontFamily", "12", &format!("{msg}, found a number"));
    invalid(
        "fontFamily",
        r#"["Inter", 3]"#,
        "a font family name must be a string, found a number",
    );
    invalid(
        "fontFamily",
        r#"["Inter", " "]"#,
        "font family names must not be empty",
    );
}

// ---------------------------------------------------------------------------
// strokeStyle

#[test]
fn stroke_style_keywords() {
    for kw in [
        "solid", "dashed", "dotted", "double", "groove", "ridge", "outset", "inset",
    ] {
        assert_eq!(valid("strokeStyle", &format!("\"{kw}\"")), json!(kw));
    }
    invalid(
        "strokeStyle",
        r#""dash""#,
        "unknown stroke style `dash`; expected one of solid, dashed, dotted, double, groove, ridge, outset, inset",
    );
}

#[test]
fn stroke_style_dash_array_and_line_cap() {
    let v = json!({"dashArray": [{"value": 4, "unit": "px"}, {"value": 0.25, "unit": "rem"}], "lineCap": "round"});
    assert_eq!(valid("strokeStyle", &v.to_string()), v);
    for cap in ["butt", "square"] {
        valid(
            "strokeStyle",
            &format!(r#"{{"dashArray": [{{"value": 1, "unit": "px"}}], "lineCap": "{cap}"}}"#),
        );
    }
}

#[test]
fn stroke_style_object_errors() {
    invalid(
        "strokeStyle",
        r#"{"dashArray": [{"value": 1, "unit": "px"}], "lineCap": "flat"}"#,
        "unknown lineCap `flat`; expected round, butt or square",
    );
    invalid(
        "strokeStyle",
        r#"{"dashArray": [], "lineCap": "round"}"#,
        "`dashArray` must be a non-empty array of dimensions",
    );
    invalid(
        "strokeStyle",
        r#"{"dashArray": [{"value": 1, "unit": "px"}]}"#,
        "a strokeStyle value needs `lineCap`",
    );
    invalid(
        "strokeStyle",
        r#"{"dashArray": [{"value": 1, "unit": "em"}], "lineCap": "round"}"#,
        "unknown dimension unit `em`",
    );
}

#[test]
fn stroke_style_dashes_may_alias_dimensions() {
    let set = ok(
        r#"{"d": {"$type": "dimension", "$value": {"value": 3, "unit": "px"}},
        "t": {"$type": "strokeStyle", "$value": {"dashArray": ["{d}", {"value": 1, "unit": "px"}], "lineCap": "butt"}}}"#,
    );
    assert_eq!(
        value(&set, "t"),
        json!({"dashArray": [{"value": 3, "unit": "px"}, {"value": 1, "unit": "px"}], "lineCap": "butt"})
    );
    match &set.get("t").unwrap().value {
        Value::StrokeStyle(StrokeStyle::Dashes { dash_array, .. }) => {
            assert_eq!(set.by_index(dash_array[0].alias.unwrap()).path, "d");
            assert_eq!(dash_array[1].alias, None);
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------
// border

const PARTS: &str = r#"
    "c": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [0, 0, 1]}},
    "w": {"$type": "dimension", "$value": {"value": 2, "unit": "px"}},
    "s": {"$type": "strokeStyle", "$value": "dashed"},
    "n": {"$type": "number", "$value": 1.25},
    "d": {"$type": "duration", "$value": {"value": 150, "unit": "ms"}},
    "e": {"$type": "cubicBezier", "$value": [0.2, 0, 0, 1]},
    "f": {"$type": "fontFamily", "$value": ["Inter", "sans-serif"]},
    "fw": {"$type": "fontWeight", "$value": "semi-bold"},
    "sh": {"$type": "shadow", "$value": {"color": "{c}", "offsetX": {"value": 0, "unit": "px"},
        "offsetY": {"value": 1, "unit": "px"}, "blur": {"value": 2, "unit": "px"}, "spread": {"value": 0, "unit": "px"}}},
"#;

/// Compiles the shared parts plus `t` of type `ty` with value `v`.
fn with_parts(ty: &str, v: &str) -> Result<bandeau_tokens::TokenSet, Vec<String>> {
    let text = format!(r#"{{{PARTS} "t": {{"$type": "{ty}", "$value": {v}}}}}"#);
    compile_one(&text)
        .map(|(set, _)| set)
        .map_err(|f| f.errors().map(|d| d.message.clone()).collect())
}

fn blue() -> serde_json::Value {
    json!({"colorSpace": "srgb", "components": [0.0, 0.0, 1.0]})
}

#[test]
fn border_literal_and_aliased_parts() {
    let v = json!({"color": {"colorSpace": "srgb", "components": [0.0, 0.0, 0.0]},
                   "width": {"value": 1, "unit": "px"}, "style": "solid"});
    assert_eq!(valid("border", &v.to_string()), v);

    let set = with_parts(
        "border",
        r#"{"color": "{c}", "width": "{w}", "style": "{s}"}"#,
    )
    .unwrap();
    assert_eq!(
        value(&set, "t"),
        json!({"color": blue(), "width": {"value": 2, "unit": "px"}, "style": "dashed"})
    );
    let Value::Border(b) = &set.get("t").unwrap().value else {
        panic!()
    };
    assert_eq!(set.by_index(b.color.alias.unwrap()).path, "c");
    assert_eq!(set.by_index(b.width.alias.unwrap()).path, "w");
    assert_eq!(set.by_index(b.style.alias.unwrap()).path, "s");
}

#[test]
fn border_with_a_dash_pattern() {
    valid(
        "border",
        r#"{"color": {"colorSpace": "srgb", "components": [0, 0, 0]}, "width": {"value": 1, "unit": "px"},
            "style": {"dashArray": [{"value": 2, "unit": "px"}], "lineCap": "square"}}"#,
    );
}

#[test]
fn border_sub_value_alias_of_the_wrong_type_is_rejected() {
    let errors = with_parts(
        "border",
        r#"{"color": "{c}", "width": "{c}", "style": "{s}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["type mismatch: `{c}` is a color, but a dimension is needed here"]
    );
    let errors = with_parts(
        "border",
        r#"{"color": "{w}", "width": "{w}", "style": "{n}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "type mismatch: `{w}` is a dimension, but a color is needed here",
            "type mismatch: `{n}` is a number, but a strokeStyle is needed here"
        ]
    );
}

#[test]
fn border_missing_and_unknown_members() {
    invalid(
        "border",
        r#"{"color": {"colorSpace": "srgb", "components": [0, 0, 0]}, "style": "solid"}"#,
        "a border value needs `width`",
    );
    let errors = with_parts(
        "border",
        r#"{"color": "{c}", "width": "{w}", "style": "{s}", "colour": "{c}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["unknown member `colour` in a border value; expected color, width, style (did you mean `color`?)"]
    );
}

#[test]
fn every_bad_part_of_a_composite_is_reported() {
    let errors = with_parts(
        "border",
        r#"{"color": {"colorSpace": "srgb", "components": [3, 0, 0]}, "width": {"value": 1, "unit": "em"}, "style": "wavy"}"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
}

// ---------------------------------------------------------------------------
// transition

#[test]
fn transition_literal_and_aliased_parts() {
    let v = json!({"duration": {"value": 200, "unit": "ms"}, "delay": {"value": 0, "unit": "ms"},
                   "timingFunction": [0.5, 0, 1, 1]});
    assert_eq!(valid("transition", &v.to_string()), v);
    let set = with_parts(
        "transition",
        r#"{"duration": "{d}", "delay": "{d}", "timingFunction": "{e}"}"#,
    )
    .unwrap();
    assert_eq!(
        value(&set, "t"),
        json!({"duration": {"value": 150, "unit": "ms"}, "delay": {"value": 150, "unit": "ms"},
               "timingFunction": [0.2, 0, 0, 1]})
    );
}

#[test]
fn transition_errors() {
    let errors = with_parts(
        "transition",
        r#"{"duration": "{w}", "delay": "{d}", "timingFunction": "{e}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["type mismatch: `{w}` is a dimension, but a duration is needed here"]
    );
    invalid(
        "transition",
        r#"{"duration": {"value": 1, "unit": "s"}, "timingFunction": [0, 0, 1, 1]}"#,
        "a transition value needs `delay`",
    );
    invalid(
        "transition",
        r#"{"duration": {"value": 1, "unit": "s"}, "delay": {"value": 0, "unit": "s"}, "timingFunction": [2, 0, 1, 1]}"#,
        "cubicBezier x1 is 2, outside [0, 1]",
    );
}

// ---------------------------------------------------------------------------
// shadow

const SHADOW: &str = r#"{"color": {"colorSpace": "srgb", "components": [0, 0, 0], "alpha": 0.25},
    "offsetX": {"value": 0, "unit": "px"}, "offsetY": {"value": 4, "unit": "px"},
    "blur": {"value": 8, "unit": "px"}, "spread": {"value": -2, "unit": "px"}}"#;

#[test]
fn shadow_single_and_list() {
    let one = valid("shadow", SHADOW);
    assert_eq!(
        one,
        json!({"color": {"colorSpace": "srgb", "components": [0.0, 0.0, 0.0], "alpha": 0.25},
               "offsetX": {"value": 0, "unit": "px"}, "offsetY": {"value": 4, "unit": "px"},
               "blur": {"value": 8, "unit": "px"}, "spread": {"value": -2, "unit": "px"}})
    );
    let inset = SHADOW.replacen('{', r#"{"inset": true, "#, 1);
    let list = valid("shadow", &format!("[{SHADOW}, {inset}]"));
    let mut second = one.clone();
    second["inset"] = json!(true);
    assert_eq!(list, json!([one, second]));
}

#[test]
fn a_shadow_list_item_may_alias_a_shadow_token() {
    let set = with_parts("shadow", &format!(r#"["{{sh}}", {SHADOW}]"#)).unwrap();
    let list = value(&set, "t");
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0], value(&set, "sh"));
    // A layered token aliased as an item contributes every layer.
    let text = format!(
        r#"{{"two": {{"$type": "shadow", "$value": [{SHADOW}, {SHADOW}]}},
            "t": {{"$type": "shadow", "$value": ["{{two}}", {SHADOW}]}}}}"#
    );
    assert_eq!(value(&ok(&text), "t").as_array().unwrap().len(), 3);
}

#[test]
fn a_shadow_list_item_aliasing_another_type_is_rejected() {
    let errors = with_parts("shadow", r#"["{c}"]"#).unwrap_err();
    assert_eq!(
        errors,
        ["type mismatch: `{c}` is a color, but a shadow is needed here"]
    );
}

#[test]
fn shadow_sub_values_may_be_aliases() {
    let set = with_parts(
        "shadow",
        r#"{"color": "{c}", "offsetX": "{w}", "offsetY": "{w}", "blur": "{w}", "spread": {"value": 0, "unit": "px"}}"#,
    )
    .unwrap();
    assert_eq!(value(&set, "t")["color"], blue());
    assert_eq!(value(&set, "t")["blur"], json!({"value": 2, "unit": "px"}));
}

#[test]
fn shadow_errors() {
    invalid("shadow", "[]", "a shadow list must not be empty");
    invalid(
        "shadow",
        &SHADOW.replace(r#", "spread": {"value": -2, "unit": "px"}"#, ""),
        "a shadow value needs `spread`",
    );
    invalid(
        "shadow",
        &SHADOW.replacen('{', r#"{"inset": "yes", "#, 1),
        "`inset` must be true or false, found a string",
    );
    invalid(
        "shadow",
        &SHADOW.replace(r#""blur": {"value": 8"#, r#""blur": {"value": -8"#),
        "shadow `blur` must not be negative",
    );
    invalid(
        "shadow",
        r#""0 1px 2px black""#,
        "a shadow value must be an object, found a string",
    );
}

// ---------------------------------------------------------------------------
// gradient

#[test]
fn gradient_positions_are_clamped_to_0_1() {
    let v = valid(
        "gradient",
        r#"[{"color": {"colorSpace": "srgb", "components": [1, 0, 0]}, "position": -0.5},
            {"color": {"colorSpace": "srgb", "components": [0, 0, 1]}, "position": 0.5},
            {"color": {"colorSpace": "srgb", "components": [0, 1, 0]}, "position": 1.5}]"#,
    );
    let positions: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["position"].clone())
        .collect();
    assert_eq!(positions, [json!(0), json!(0.5), json!(1)]);
}

#[test]
fn gradient_stops_may_alias_colours_and_numbers() {
    let set = with_parts(
        "gradient",
        r#"[{"color": "{c}", "position": 0}, {"color": "{c}", "position": "{n}"}]"#,
    )
    .unwrap();
    // `n` is 1.25, so the aliased position is clamped too.
    assert_eq!(
        value(&set, "t"),
        json!([{"color": blue(), "position": 0}, {"color": blue(), "position": 1}])
    );
}

#[test]
fn gradient_errors() {
    let msg = "a gradient value must be a non-empty array of {color, position} stops";
    invalid("gradient", "[]", msg);
    invalid("gradient", "{}", msg);
    invalid(
        "gradient",
        "[3]",
        "a gradient value must be an object, found a number",
    );
    invalid(
        "gradient",
        r#"[{"color": {"colorSpace": "srgb", "components": [1, 0, 0]}}]"#,
        "a gradient value needs `position`",
    );
    let errors = with_parts("gradient", r#"[{"color": "{w}", "position": "{c}"}]"#).unwrap_err();
    assert_eq!(
        errors,
        [
            "type mismatch: `{w}` is a dimension, but a color is needed here",
            "type mismatch: `{c}` is a color, but a number is needed here"
        ]
    );
}

// ---------------------------------------------------------------------------
// typography

const TYPE_BODY: &str = r#"{"fontFamily": ["Inter", "sans-serif"], "fontSize": {"value": 1, "unit": "rem"},
    "fontWeight": 400, "letterSpacing": {"value": 0, "unit": "px"}, "lineHeight": 1.5}"#;

#[test]
fn typography_literal() {
    assert_eq!(
        valid("typography", TYPE_BODY),
        json!({"fontFamily": ["Inter", "sans-serif"], "fontSize": {"value": 1, "unit": "rem"},
               "fontWeight": 400, "letterSpacing": {"value": 0, "unit": "px"}, "lineHeight": 1.5})
    );
}

#[test]
fn typography_parts_may_be_aliases() {
    let set = with_parts(
        "typography",
        r#"{"fontFamily": "{f}", "fontSize": "{w}", "fontWeight": "{fw}", "letterSpacing": "{w}", "lineHeight": "{n}"}"#,
    )
    .unwrap();
    assert_eq!(
        value(&set, "t"),
        json!({"fontFamily": ["Inter", "sans-serif"], "fontSize": {"value": 2, "unit": "px"},
               "fontWeight": "semi-bold", "letterSpacing": {"value": 2, "unit": "px"}, "lineHeight": 1.25})
    );
    assert_eq!(set.get("t").unwrap().ty, Type::Typography);
}

#[test]
fn typography_errors() {
    let errors = with_parts(
        "typography",
        r#"{"fontFamily": "{f}", "fontSize": "{w}", "fontWeight": "{w}", "letterSpacing": "{w}", "lineHeight": "{n}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["type mismatch: `{w}` is a dimension, but a fontWeight is needed here"]
    );
    invalid(
        "typography",
        &TYPE_BODY.replace(r#", "lineHeight": 1.5"#, ""),
        "a typography value needs `lineHeight`",
    );
    // A misspelt member is both unknown and leaves the real one missing.
    let errors = with_parts("typography", &TYPE_BODY.replace("fontSize", "fontsize")).unwrap_err();
    assert_eq!(
        errors,
        [
            "unknown member `fontsize` in a typography value; expected fontFamily, fontSize, fontWeight, letterSpacing, lineHeight (did you mean `fontSize`?)",
            "a typography value needs `fontSize`"
        ]
    );
    invalid(
        "typography",
        &TYPE_BODY.replace("400", "\"boldest\""),
        "unknown font weight keyword `boldest`",
    );
}

// ---------------------------------------------------------------------------
// Aliases and composite parts

#[test]
fn a_whole_token_alias_of_a_composite_copies_it() {
    let set = with_parts("shadow", "\"{sh}\"").unwrap();
    assert_eq!(value(&set, "t"), value(&set, "sh"));
}

#[test]
fn a_composite_part_alias_to_a_missing_token_is_unresolvable() {
    let errors = with_parts(
        "border",
        r#"{"color": "{cc}", "width": "{w}", "style": "{s}"}"#,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["unresolvable alias `{cc}`: no token has that path (did you mean `{c}`?)"]
    );
}

#[test]
fn a_plain_value_cannot_be_a_whole_token_alias_inside_a_primitive() {
    // A colour component is a number: a curly alias there would name a whole
    // token, so it must be a `$ref` pointer into a value instead.
    let errors = with_parts(
        "color",
        r#"{"colorSpace": "srgb", "components": ["{n}", 0, 0]}"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("a colour component cannot be an alias to a whole token (`n`)"),
        "{errors:?}"
    );
}

#[test]
fn every_type_name_is_accepted_and_no_other() {
    for t in Type::ALL {
        assert_eq!(Type::from_name(t.name()), Some(t));
    }
    for bad in ["Color", "string", "boolean", "fontFamilies", "shadows"] {
        assert_eq!(Type::from_name(bad), None, "{bad}");
    }
}
