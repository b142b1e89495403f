//! The colour-literal check of the component stylesheets. Shared by
//! `build.rs` and its native tests (`tests/css_check.rs`).

/// Colour literals in declaration values, read from the source text:
/// lightningcss normalises `transparent` to `#0000`, so its output cannot
/// tell an allowed keyword from a literal. A segment ended by `;` or `}`
/// is a declaration; one ended by `{` is a selector or an at-rule.
pub fn check_colours(text: &str, shown: &str) -> Vec<String> {
    let clean = without_comments(text);
    let mut problems = Vec::new();
    let mut start = 0;
    for (at, c) in clean.char_indices() {
        if !matches!(c, '{' | '}' | ';') {
            continue;
        }
        let segment = &clean[start..at];
        if c != '{' {
            if let Some(colon) = segment.find(':') {
                let value = &segment[colon + 1..];
                if let Some(literal) = colour_literal(value) {
                    let offset = start + colon + 1 + (value.len() - value.trim_start().len());
                    let line = clean[..offset].matches('\n').count() + 1;
                    problems.push(format!(
                        "{shown}:{line}: `{}: {}` uses the colour literal `{literal}`; use a `var(--bd-…)` token",
                        segment[..colon].trim(),
                        value.trim()
                    ));
                }
            }
        }
        start = at + 1;
    }
    problems
}

/// The text with comments blanked out, keeping every newline so line
/// numbers stay right.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("/*") {
        out.push_str(&rest[..open]);
        let close = rest[open..].find("*/").map_or(rest.len(), |c| open + c + 2);
        out.extend(
            rest[open..close]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The first colour literal in a declaration value, skipping `var()`
/// fallbacks. System colours (`Canvas`, `ButtonText` …), `currentColor`
/// and `transparent` are not literals: forced-colours rules need them.
pub fn colour_literal(value: &str) -> Option<String> {
    const FUNCTIONS: &[&str] = &[
        "rgb",
        "rgba",
        "hsl",
        "hsla",
        "hwb",
        "lab",
        "lch",
        "oklab",
        "oklch",
        "color",
        "color-mix",
        "light-dark",
    ];
    let bytes = value.as_bytes();
    let mut i = 0;
    // Depth of parentheses, and the depth at which each open `var(` sits
    // once its first comma (the start of the fallback) has been passed.
    let mut depth = 0usize;
    let mut var_depths: Vec<(usize, bool)> = Vec::new();
    let in_fallback = |vars: &[(usize, bool)]| vars.iter().any(|(_, fallback)| *fallback);
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' | b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    i += 1;
                }
                i += 1;
            }
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                if var_depths.last().is_some_and(|(d, _)| *d == depth) {
                    var_depths.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b',' => {
                if let Some(last) = var_depths.last_mut() {
                    if last.0 == depth {
                        last.1 = true;
                    }
                }
                i += 1;
            }
            b'#' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if !in_fallback(&var_depths) {
                    return Some(value[start..i].to_owned());
                }
            }
            _ if b.is_ascii_alphabetic() || b == b'-' || b == b'_' => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'_')
                {
                    i += 1;
                }
                let word = value[start..i].to_ascii_lowercase();
                let is_call = bytes.get(i) == Some(&b'(');
                if is_call && word == "var" {
                    var_depths.push((depth + 1, false));
                    continue;
                }
                if in_fallback(&var_depths) || word.starts_with("--") {
                    continue;
                }
                if is_call && FUNCTIONS.contains(&word.as_str()) {
                    return Some(format!("{word}("));
                }
                if !is_call && NAMED_COLOURS.binary_search(&word.as_str()).is_ok() {
                    return Some(word);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// CSS Color 4 named colours, sorted for the binary search.
const NAMED_COLOURS: &[&str] = &[
    "aliceblue",
    "antiquewhite",
    "aqua",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "black",
    "blanchedalmond",
    "blue",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "fuchsia",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "gray",
    "green",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "lime",
    "limegreen",
    "linen",
    "magenta",
    "maroon",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "navy",
    "oldlace",
    "olive",
    "olivedrab",
    "orange",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "purple",
    "rebeccapurple",
    "red",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "silver",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "teal",
    "thistle",
    "tomato",
    "turquoise",
    "violet",
    "wheat",
    "white",
    "whitesmoke",
    "yellow",
    "yellowgreen",
];
