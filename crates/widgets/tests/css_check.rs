//! The build script's colour-literal check, tested natively.

#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/css_check.rs"]
mod css_check;

use css_check::{check_colours, colour_literal};

#[test]
fn token_variables_and_keywords_pass() {
    for value in [
        "var(--bd-color-text-default)",
        "1px solid var(--bd-color-border-strong)",
        "transparent",
        "currentColor",
        "radial-gradient(circle, currentColor 2px, transparent 2.5px)",
        "2px solid CanvasText",
        "var(--bd-x, #fff)",
        "var(--bd-x, var(--bd-y, rgb(0 0 0)))",
        "none",
    ] {
        assert_eq!(colour_literal(value), None, "{value}");
    }
}

#[test]
fn literals_are_found_outside_fallbacks() {
    assert_eq!(colour_literal("#fff").as_deref(), Some("#fff"));
    assert_eq!(colour_literal("1px solid Red").as_deref(), Some("red"));
    assert_eq!(colour_literal("rgb(1 2 3)").as_deref(), Some("rgb("));
    assert_eq!(
        colour_literal("oklch(50% 0.1 200)").as_deref(),
        Some("oklch(")
    );
    assert_eq!(
        colour_literal("var(--bd-x, #fff) #000").as_deref(),
        Some("#000"),
        "after the var() closes, literals count again"
    );
}

#[test]
fn problems_name_the_line_and_skip_selectors_and_comments() {
    let css = ".a:hover {\n  /* color: red; */\n  color: var(--bd-x);\n}\n.b {\n  background: white;\n}\n";
    let problems = check_colours(css, "x.css");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("x.css:6: `background: white`"),
        "{}",
        problems[0]
    );
}
