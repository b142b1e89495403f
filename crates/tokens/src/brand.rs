//! Operator branding: turns the colours an openDesk operator configures
//! (`theme.colors.*` in the Helm values) into overrides of our semantic
//! colour tokens, checked for WCAG 2.1 contrast in every theme and adapted
//! for dark themes, where a brand colour chosen for white pages rarely works.

use std::fmt;

use serde_json::{Map, Value};

use crate::color::{contrast_ratio, mix_oklab, Color};

/// The colour keys openDesk's `theme.colors` accepts, in the order its
/// documentation lists them; brand inputs and problems follow this order.
pub const BRAND_KEYS: [&str; 12] = [
    "primary",
    "primary15",
    "primary35",
    "primary65",
    "black",
    "white",
    "secondaryGreyLight",
    "secondaryBlue",
    "secondaryRed",
    "secondaryYellow",
    "secondaryGreen",
    "secondaryGrey",
];

/// `primaryNN` is primary at NN % over white.
const TINTS: [(&str, f64); 3] = [
    ("primary15", 0.15),
    ("primary35", 0.35),
    ("primary65", 0.65),
];

const ACCENT: &str = "color.accent.default";
const ACCENT_STRONG: &str = "color.accent.strong";
const ACCENT_MUTED: &str = "color.accent.muted";
const ACCENT_SUBTLE: &str = "color.accent.subtle";
const FOCUS_RING: &str = "color.focus.ring";
const ON_ACCENT: &str = "color.text.on-accent";
const TEXT: &str = "color.text.default";
const TEXT_MUTED: &str = "color.text.muted";
const SUNKEN: &str = "color.surface.sunken";

/// Brand key → semantic token path. The order is the order of the emitted
/// declarations.
const MAPPING: [(&str, &str); 13] = [
    ("primary", ACCENT),
    ("primary65", ACCENT_STRONG),
    ("primary35", ACCENT_MUTED),
    ("primary15", ACCENT_SUBTLE),
    ("primary", FOCUS_RING),
    ("white", ON_ACCENT),
    ("black", TEXT),
    ("secondaryGrey", TEXT_MUTED),
    ("secondaryGreyLight", SUNKEN),
    ("secondaryBlue", "color.info.default"),
    ("secondaryRed", "color.danger.default"),
    ("secondaryYellow", "color.warning.default"),
    ("secondaryGreen", "color.success.default"),
];

const STATUS_KEYS: [&str; 4] = [
    "secondaryBlue",
    "secondaryRed",
    "secondaryYellow",
    "secondaryGreen",
];

/// WCAG 2.1 SC 1.4.3 (text) and SC 1.4.11 (UI components) minimums.
const TEXT_CONTRAST: f64 = 4.5;
const UI_CONTRAST: f64 = 3.0;

/// The operator's colours, keyed by openDesk name.
#[derive(Clone, Debug, PartialEq)]
pub struct BrandInput {
    /// Key → colour. [`parse_brand_json`] yields them in [`BRAND_KEYS`]
    /// order, because JSON object order is not preserved by the parser.
    pub colors: Vec<(String, Color)>,
}

impl BrandInput {
    pub fn get(&self, key: &str) -> Option<&Color> {
        self.colors
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, c)| c)
    }
}

/// Something wrong with the brand. `key` is the openDesk colour key it is
/// about, or empty when it concerns the document as a whole.
#[derive(Clone, Debug, PartialEq)]
pub struct BrandProblem {
    pub key: String,
    pub message: String,
}

impl BrandProblem {
    fn new(key: &str, message: impl Into<String>) -> Self {
        BrandProblem {
            key: key.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for BrandProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for BrandProblem {}

/// Parses a brand document: a flat object of colour keys, or the
/// openDesk-shaped `{"theme": {"colors": {…}}}` or `{"colors": {…}}`.
/// Every problem is reported, not just the first.
pub fn parse_brand_json(text: &str) -> Result<BrandInput, Vec<BrandProblem>> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| vec![BrandProblem::new("", format!("not valid JSON: {e}"))])?;
    let colors = locate_colors(&root).map_err(|p| vec![p])?;

    let mut problems = Vec::new();
    let mut found: Vec<(&str, Color)> = Vec::new();
    for (key, value) in colors {
        let Some(known) = BRAND_KEYS.iter().find(|k| **k == key) else {
            problems.push(unknown_key(key));
            continue;
        };
        match value {
            // Helm uses null to unset a value inherited from defaults.
            Value::Null => {}
            Value::String(s) => match Color::from_hex(s.trim()) {
                Some(color) => found.push((known, color)),
                None => problems.push(BrandProblem::new(
                    key,
                    format!("\"{s}\" is not a hex colour (expected #rgb, #rrggbb or #rrggbbaa)"),
                )),
            },
            other => problems.push(BrandProblem::new(
                key,
                format!("expected a hex colour string such as \"#571efa\", found {other}"),
            )),
        }
    }
    if !found.iter().any(|(k, _)| *k == "primary") && !problems.iter().any(|p| p.key == "primary") {
        problems.push(missing_primary());
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| key_rank(&p.key));
        return Err(problems);
    }
    found.sort_by_key(|(k, _)| key_rank(k));
    Ok(BrandInput {
        colors: found.into_iter().map(|(k, c)| (k.to_owned(), c)).collect(),
    })
}

fn locate_colors(root: &Value) -> Result<&Map<String, Value>, BrandProblem> {
    let Some(obj) = root.as_object() else {
        return Err(BrandProblem::new(
            "",
            "expected a JSON object of colours, e.g. {\"primary\": \"#571efa\"}",
        ));
    };
    // The wrapped shapes come from full Helm values files, where siblings of
    // `colors` (imagery, texts, other charts' settings) are legitimately
    // present and none of our business.
    match (obj.get("theme"), obj.get("colors")) {
        (Some(Value::Object(theme)), _) => nested_colors("theme", theme),
        (Some(_), _) => Err(BrandProblem::new("theme", "must be an object")),
        (None, Some(Value::Object(colors))) => Ok(colors),
        (None, Some(_)) => Err(BrandProblem::new(
            "colors",
            "must be an object of colour keys",
        )),
        (None, None) => Ok(obj),
    }
}

fn nested_colors<'a>(
    key: &str,
    holder: &'a Map<String, Value>,
) -> Result<&'a Map<String, Value>, BrandProblem> {
    match holder.get("colors") {
        Some(Value::Object(colors)) => Ok(colors),
        Some(_) => Err(BrandProblem::new(key, "`colors` must be an object")),
        None => Err(BrandProblem::new(key, "expected a `colors` object inside")),
    }
}

fn key_rank(key: &str) -> usize {
    BRAND_KEYS
        .iter()
        .position(|k| *k == key)
        .unwrap_or(BRAND_KEYS.len())
}

fn unknown_key(key: &str) -> BrandProblem {
    let mut message = format!(
        "unknown colour key `{key}` (expected one of {})",
        BRAND_KEYS.join(", ")
    );
    if let Some(meant) = BRAND_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        message.push_str(&format!("; did you mean `{meant}`?"));
    }
    BrandProblem::new(key, message)
}

fn missing_primary() -> BrandProblem {
    BrandProblem::new(
        "primary",
        "is required (the brand's main colour, e.g. \"#571efa\")",
    )
}

/// The colours of one compiled theme that the brand must work against.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeSurfaces {
    pub theme: String,
    pub surface: Color,
    pub text: Color,
    pub dark: bool,
}

/// A derived brand: token overrides for light themes, adapted overrides per
/// dark theme, and notes on everything that was derived rather than given.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    pub name: String,
    pub tokens: Vec<(String, Color)>,
    pub themed: Vec<(String, Vec<(String, Color)>)>,
    pub notes: Vec<String>,
}

/// Derives the brand: fills in missing tints, maps the colours onto semantic
/// token paths, checks contrast in light themes and adapts for dark ones.
pub fn derive_brand(
    name: &str,
    input: &BrandInput,
    themes: &[ThemeSurfaces],
) -> Result<Brand, Vec<BrandProblem>> {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    if name.trim().is_empty() {
        problems.push(BrandProblem::new("", "the brand needs a non-empty name"));
    }
    check_keys(input, &mut problems);
    let Some(given_primary) = input.get("primary") else {
        problems.push(missing_primary());
        return Err(problems);
    };

    let white = Color::srgb(1.0, 1.0, 1.0);
    // Tints are defined over white, so a translucent primary is first seen
    // the way it would be on white.
    let primary = opaque_on(given_primary, &white);
    let mut palette: Vec<(&str, Color)> = BRAND_KEYS
        .iter()
        .filter_map(|k| input.get(k).map(|c| (*k, c.clone())))
        .collect();
    for (key, share) in TINTS {
        if input.get(key).is_none() {
            let tint = quantize(&mix_oklab(&white, &primary, share));
            notes.push(format!(
                "derived {key} = {} ({:.0} % primary over white, mixed in OKLab)",
                tint.to_css(),
                share * 100.0
            ));
            palette.push((key, tint));
        }
    }
    palette.sort_by_key(|(k, _)| key_rank(k));
    let lookup = |key: &str| palette.iter().find(|(k, _)| *k == key).map(|(_, c)| c);

    let tokens: Vec<(String, Color)> = MAPPING
        .iter()
        .filter_map(|(key, path)| lookup(key).map(|c| ((*path).to_owned(), c.clone())))
        .collect();

    if themes.is_empty() {
        notes.push("no theme surfaces given, so contrast was not checked".to_owned());
    }
    for theme in themes.iter().filter(|t| !t.dark) {
        check_light_theme(theme, &lookup, &mut notes, &mut problems);
    }

    let light_surface = themes
        .iter()
        .find(|t| !t.dark)
        .map_or_else(|| white.clone(), |t| t.surface.clone());
    let mut themed = Vec::new();
    for theme in themes.iter().filter(|t| t.dark) {
        let adapted = adapt_dark_theme(theme, &lookup, &light_surface, &mut notes, &mut problems);
        themed.push((theme.theme.clone(), adapted));
    }

    if problems.is_empty() {
        Ok(Brand {
            name: name.to_owned(),
            tokens,
            themed,
            notes,
        })
    } else {
        Err(problems)
    }
}

/// `BrandInput` can be built by hand, so the parser's guarantees are
/// re-checked here.
fn check_keys(input: &BrandInput, problems: &mut Vec<BrandProblem>) {
    for (i, (key, color)) in input.colors.iter().enumerate() {
        if !BRAND_KEYS.contains(&key.as_str()) {
            problems.push(unknown_key(key));
        } else if input.colors[..i].iter().any(|(k, _)| k == key) {
            problems.push(BrandProblem::new(key, "is given more than once"));
        } else if let Err(e) = color.validate() {
            problems.push(BrandProblem::new(key, e));
        }
    }
}

fn check_light_theme<'a>(
    theme: &ThemeSurfaces,
    lookup: &impl Fn(&str) -> Option<&'a Color>,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) {
    let surface = &theme.surface;
    let surface_label = format!("surface {}", surface.to_hex());
    let mut require = |key: &str, fg_label: &str, fg: &Color, bg_label: &str, bg: &Color, min| {
        let ratio = contrast_ratio(fg, bg);
        if ratio < min {
            problems.push(BrandProblem::new(
                key,
                format!(
                    "{fg_label} on {bg_label} is {}:1 in theme {}, needs {min}:1",
                    floor2(ratio),
                    theme.theme
                ),
            ));
        }
    };
    let Some(primary) = lookup("primary") else {
        return;
    };
    // A translucent primary is judged as it is seen on this surface.
    let seen_primary = opaque_on(primary, surface);
    let default_white = Color::srgb(1.0, 1.0, 1.0);
    let on_accent = lookup("white").unwrap_or(&default_white);
    let on_accent_label = "white";
    require(
        "primary",
        on_accent_label,
        on_accent,
        "primary",
        &seen_primary,
        TEXT_CONTRAST,
    );
    require(
        "primary",
        "primary",
        primary,
        &surface_label,
        surface,
        UI_CONTRAST,
    );
    for key in ["secondaryGrey", "black"] {
        if let Some(color) = lookup(key) {
            require(key, key, color, &surface_label, surface, TEXT_CONTRAST);
        }
    }
    if let Some(strong) = lookup("primary65") {
        note_hover_contrast(notes, &theme.theme, on_accent, &opaque_on(strong, surface));
    }
}

/// The theme files pair `text.on-accent` with `accent.strong` (hover and
/// pressed) at 4.5:1, but brand overrides apply at run time where the
/// compiler's pair checks never see them. A tint of the primary mapped there
/// often falls short, which is worth saying without failing the brand.
fn note_hover_contrast(notes: &mut Vec<String>, theme: &str, on_accent: &Color, strong: &Color) {
    let ratio = contrast_ratio(on_accent, strong);
    if ratio < TEXT_CONTRAST {
        notes.push(format!(
            "theme {theme}: text.on-accent {} on accent.strong {} (hover/pressed) is {}:1, below the {TEXT_CONTRAST}:1 the theme's contrast pairs ask for",
            on_accent.to_hex(),
            strong.to_hex(),
            floor2(ratio)
        ));
    }
}

fn adapt_dark_theme<'a>(
    theme: &ThemeSurfaces,
    lookup: &impl Fn(&str) -> Option<&'a Color>,
    light_surface: &Color,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) -> Vec<(String, Color)> {
    let name = &theme.theme;
    let surface = opaque_on(&theme.surface, &Color::srgb(0.0, 0.0, 0.0));
    let mut out: Vec<(&str, Color)> = Vec::new();

    if let Some(primary) = lookup("primary") {
        let base = opaque_on(primary, &surface);
        match raise_to_contrast(&base, &surface, TEXT_CONTRAST) {
            Some(accent) => {
                note_adaptation(notes, name, "primary", &base, &accent, &surface);
                let on_accent = [
                    ("the surface colour", surface.clone()),
                    ("near-black", Color::srgb(0.07, 0.07, 0.07)),
                    ("black", Color::srgb(0.0, 0.0, 0.0)),
                ]
                .into_iter()
                .find(|(_, c)| contrast_ratio(c, &accent) >= TEXT_CONTRAST);
                let on_accent = on_accent.map(|(label, text)| (label, quantize(&text)));
                match &on_accent {
                    Some((label, text)) => {
                        notes.push(format!(
                            "theme {name}: text on the accent is {label} {} ({}:1)",
                            text.to_hex(),
                            floor2(contrast_ratio(text, &accent))
                        ));
                        out.push((ON_ACCENT, text.clone()));
                    }
                    None => problems.push(BrandProblem::new(
                        "primary",
                        format!(
                            "no dark text reaches {TEXT_CONTRAST}:1 on the adapted accent {} in theme {name}",
                            accent.to_hex()
                        ),
                    )),
                }
                out.push((ACCENT, accent.clone()));
                out.push((FOCUS_RING, accent.clone()));
                // Dark-theme tints fade the accent into the dark surface, the
                // mirror of light tints fading it into white.
                for (path, share) in [
                    (ACCENT_STRONG, 0.65),
                    (ACCENT_MUTED, 0.35),
                    (ACCENT_SUBTLE, 0.15),
                ] {
                    let shade = quantize(&mix_oklab(&surface, &accent, share));
                    if let (ACCENT_STRONG, Some((_, text))) = (path, &on_accent) {
                        note_hover_contrast(notes, name, text, &shade);
                    }
                    out.push((path, shade));
                }
            }
            None => problems.push(unreachable_contrast("primary", &base, &surface, name)),
        }
    }

    // The light declarations also apply under a dark theme unless
    // overridden, so every other mapped key needs a dark value too.
    if lookup("black").is_some() {
        out.push((TEXT, theme.text.clone()));
        notes.push(format!(
            "theme {name}: text.default keeps the theme's own {} instead of black",
            theme.text.to_hex()
        ));
    }
    let text_like = std::iter::once(("secondaryGrey", TEXT_MUTED)).chain(
        MAPPING
            .iter()
            .copied()
            .filter(|(key, _)| STATUS_KEYS.contains(key)),
    );
    for (key, path) in text_like {
        let Some(color) = lookup(key) else {
            continue;
        };
        let base = opaque_on(color, &surface);
        match raise_to_contrast(&base, &surface, TEXT_CONTRAST) {
            Some(adapted) => {
                note_adaptation(notes, name, key, &base, &adapted, &surface);
                out.push((path, adapted));
            }
            None => problems.push(unreachable_contrast(key, &base, &surface, name)),
        }
    }
    if let Some(grey) = lookup("secondaryGreyLight") {
        let sunken = mirror_step(grey, light_surface, &surface);
        notes.push(format!(
            "theme {name}: surface.sunken {} sits as far from the dark surface as {} does from the light one",
            sunken.to_hex(),
            grey.to_hex()
        ));
        out.push((SUNKEN, sunken));
    }

    out.sort_by_key(|(path, _)| MAPPING.iter().position(|(_, p)| p == path));
    out.into_iter()
        .map(|(path, color)| (path.to_owned(), color))
        .collect()
}

fn note_adaptation(
    notes: &mut Vec<String>,
    theme: &str,
    key: &str,
    from: &Color,
    to: &Color,
    surface: &Color,
) {
    if from.to_hex() == to.to_hex() {
        return;
    }
    notes.push(format!(
        "theme {theme}: {key} lightened from {} to {} (OKLCH L {:.3} → {:.3}) to reach {}:1 on {}",
        from.to_hex(),
        to.to_hex(),
        from.to_oklch()[0],
        to.to_oklch()[0],
        floor2(contrast_ratio(to, surface)),
        surface.to_hex()
    ));
}

fn unreachable_contrast(key: &str, base: &Color, surface: &Color, theme: &str) -> BrandProblem {
    BrandProblem::new(
        key,
        format!(
            "cannot lighten {} to {TEXT_CONTRAST}:1 on surface {} in theme {theme}: even white reaches only {}:1",
            base.to_hex(),
            surface.to_hex(),
            floor2(contrast_ratio(&Color::srgb(1.0, 1.0, 1.0), surface))
        ),
    )
}

/// Raises OKLCH lightness at constant hue (chroma is reduced by gamut
/// mapping where the lighter colour would leave sRGB) to the lowest
/// lightness that reaches `target` against the dark `surface`, so the brand
/// hue stays as saturated as the contrast allows.
fn raise_to_contrast(color: &Color, surface: &Color, target: f64) -> Option<Color> {
    let base = quantize(color);
    if contrast_ratio(&base, surface) >= target {
        return Some(base);
    }
    let [l, c, h] = color.to_oklch();
    // Contrast is judged on the 8-bit colour that will be emitted, so the
    // rounding can never push a passing colour below the minimum.
    let at = |lightness: f64| quantize(&Color::from_oklch(lightness, c, h));
    let passes = |lightness: f64| contrast_ratio(&at(lightness), surface) >= target;
    if !passes(1.0) {
        return None;
    }
    let (mut lo, mut hi) = (l.max(0.0), 1.0);
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if passes(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(at(hi))
}

/// Places `color` the same OKLCH lightness step away from `to_surface` as it
/// is from `from_surface`, keeping its hue and chroma; a sunken grey on a
/// light surface thereby becomes an equally subtle sunken shade on a dark one.
fn mirror_step(color: &Color, from_surface: &Color, to_surface: &Color) -> Color {
    let [l, c, h] = color.to_oklch();
    let step = from_surface.to_oklch()[0] - l;
    let base = to_surface.to_oklch()[0];
    let target = if base - step >= 0.0 {
        base - step
    } else {
        base + step.abs()
    };
    quantize(&Color::from_oklch(target, c, h))
}

/// The colour as seen on an opaque background.
fn opaque_on(color: &Color, background: &Color) -> Color {
    if color.alpha < 1.0 {
        quantize(&color.over(background))
    } else {
        color.clone()
    }
}

/// Rounds to the 8-bit sRGB colour the stylesheet will carry, so that what
/// is checked is exactly what is shipped.
fn quantize(color: &Color) -> Color {
    Color::from_hex(&color.to_hex()).expect("to_hex yields #rrggbb")
}

/// Two decimals, rounded down: a ratio of 4.497 must not be shown as the
/// "4.50" it fails to reach.
fn floor2(ratio: f64) -> String {
    format!("{:.2}", (ratio * 100.0).floor() / 100.0)
}

/// Escapes a value for a double-quoted CSS string (attribute selectors).
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

impl Brand {
    /// CSS overrides: one block for light (and default) themes, then one
    /// block per dark theme. Custom properties are `--{prefix}-{path}` with
    /// dots turned into dashes. `:host(...)` makes the brand reach into
    /// widgets' shadow roots when the attribute sits on the host element.
    pub fn to_css(&self, prefix: &str) -> String {
        let brand = format!("[data-brand=\"{}\"]", css_string(&self.name));
        let mut css = String::new();
        write_block(&mut css, &brand, prefix, &self.tokens);
        for (theme, tokens) in &self.themed {
            let selector = format!("{brand}[data-theme=\"{}\"]", css_string(theme));
            css.push('\n');
            write_block(&mut css, &selector, prefix, tokens);
        }
        css
    }
}

fn write_block(css: &mut String, selector: &str, prefix: &str, tokens: &[(String, Color)]) {
    css.push_str(&format!("{selector}, :host({selector}) {{\n"));
    for (path, color) in tokens {
        let name = path.replace('.', "-");
        let property = if prefix.is_empty() {
            format!("--{name}")
        } else {
            format!("--{prefix}-{name}")
        };
        css.push_str(&format!("  {property}: {};\n", color.to_css()));
    }
    css.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Color {
        Color::from_hex(s).unwrap()
    }

    fn input(pairs: &[(&str, &str)]) -> BrandInput {
        BrandInput {
            colors: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), hex(v)))
                .collect(),
        }
    }

    fn opendesk_themes() -> Vec<ThemeSurfaces> {
        vec![
            ThemeSurfaces {
                theme: "light".into(),
                surface: hex("#ffffff"),
                text: hex("#1b1b1f"),
                dark: false,
            },
            ThemeSurfaces {
                theme: "dark".into(),
                surface: hex("#16161a"),
                text: hex("#ececf1"),
                dark: true,
            },
        ]
    }

    fn token<'a>(tokens: &'a [(String, Color)], path: &str) -> &'a Color {
        &tokens.iter().find(|(p, _)| p == path).unwrap().1
    }

    #[test]
    fn opendesk_default_derives_cleanly() {
        let brand = derive_brand(
            "opendesk",
            &input(&[("primary", "#571EFA"), ("primary15", "#e7dffa")]),
            &opendesk_themes(),
        )
        .unwrap_or_else(|p| panic!("{p:?}"));

        let paths: Vec<_> = brand.tokens.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                ACCENT,
                ACCENT_STRONG,
                ACCENT_MUTED,
                ACCENT_SUBTLE,
                FOCUS_RING
            ]
        );
        assert_eq!(token(&brand.tokens, ACCENT).to_hex(), "#571efa");
        assert_eq!(token(&brand.tokens, ACCENT_SUBTLE).to_hex(), "#e7dffa");
        // primary35/65 were derived; tints lighten towards white.
        let strong = token(&brand.tokens, ACCENT_STRONG);
        let muted = token(&brand.tokens, ACCENT_MUTED);
        assert!(strong.to_oklch()[0] < muted.to_oklch()[0]);
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived primary35 = #")));
        assert!(!brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived primary15")));

        // #571efa gives only 2.5:1 on #16161a, so the dark accent is lifted.
        let white = hex("#ffffff");
        let dark = hex("#16161a");
        assert!(contrast_ratio(&hex("#571efa"), &dark) < 3.0);
        assert!(contrast_ratio(&white, &hex("#571efa")) > 7.0);
        let (theme, dark_tokens) = &brand.themed[0];
        assert_eq!(theme, "dark");
        let accent = token(dark_tokens, ACCENT);
        let ratio = contrast_ratio(accent, &dark);
        assert!((4.5..4.7).contains(&ratio), "dark accent {ratio}:1");
        let [l, c, h] = accent.to_oklch();
        assert!(l > 0.6 && c > 0.1, "L {l} C {c}");
        assert!((h - hex("#571efa").to_oklch()[2]).abs() < 3.0, "hue {h}");
        assert_eq!(token(dark_tokens, ON_ACCENT), &dark);
        assert!(contrast_ratio(token(dark_tokens, ON_ACCENT), accent) >= 4.5);
        assert_eq!(token(dark_tokens, FOCUS_RING), accent);
        // Dark tints run from the surface towards the accent.
        let subtle_l = token(dark_tokens, ACCENT_SUBTLE).to_oklch()[0];
        let strong_l = token(dark_tokens, ACCENT_STRONG).to_oklch()[0];
        assert!(dark.to_oklch()[0] < subtle_l && subtle_l < strong_l && strong_l < l);
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("theme dark: primary lightened from #571efa to")));
        // The brief maps the lighter primary65 tint onto accent.strong; the
        // hover-state shortfall is reported, not failed.
        assert!(brand.notes.iter().any(|n| {
            n.starts_with(
            "theme light: text.on-accent #ffffff on accent.strong #8483ff (hover/pressed) is 3.14:1"
        )
        }));
    }

    #[test]
    fn derived_tints_follow_oklab_mixing() {
        let brand = derive_brand("b", &input(&[("primary", "#571efa")]), &[]).unwrap();
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived primary15 = #e0e4ff (15 % primary over white")));
        let expected = mix_oklab(&hex("#ffffff"), &hex("#571efa"), 0.15).to_hex();
        assert_eq!(token(&brand.tokens, ACCENT_SUBTLE).to_hex(), expected);
        assert_eq!(expected, "#e0e4ff");
        assert!(brand
            .notes
            .iter()
            .any(|n| n.contains("contrast was not checked")));
        assert!(brand.themed.is_empty());
    }

    #[test]
    fn pale_primary_fails_with_ratios() {
        let problems = derive_brand(
            "pale",
            &input(&[("primary", "#ffe600")]),
            &opendesk_themes(),
        )
        .unwrap_err();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        // L(#ffe600) = 0.7786, so (1.05) / (0.8286) = 1.267.
        assert_eq!(
            messages,
            [
                "primary: white on primary is 1.26:1 in theme light, needs 4.5:1",
                "primary: primary on surface #ffffff is 1.26:1 in theme light, needs 3:1",
            ]
        );
    }

    #[test]
    fn secondary_colours_are_checked_and_adapted() {
        let colours = input(&[
            ("primary", "#571efa"),
            ("black", "#000000"),
            ("white", "#ffffff"),
            ("secondaryGrey", "#999999"),
            ("secondaryGreyLight", "#f5f5f5"),
            ("secondaryRed", "#c00000"),
        ]);
        let problems = derive_brand("b", &colours, &opendesk_themes()).unwrap_err();
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["secondaryGrey: secondaryGrey on surface #ffffff is 2.84:1 in theme light, needs 4.5:1"]
        );

        let mut colours = colours;
        colours.colors[3].1 = hex("#666666");
        let brand = derive_brand("b", &colours, &opendesk_themes()).unwrap();
        assert_eq!(token(&brand.tokens, TEXT).to_hex(), "#000000");
        assert_eq!(token(&brand.tokens, ON_ACCENT).to_hex(), "#ffffff");
        assert_eq!(
            token(&brand.tokens, "color.danger.default").to_hex(),
            "#c00000"
        );
        let dark = &brand.themed[0].1;
        let surface = hex("#16161a");
        assert_eq!(token(dark, TEXT).to_hex(), "#ececf1");
        for path in [TEXT_MUTED, "color.danger.default"] {
            assert!(contrast_ratio(token(dark, path), &surface) >= 4.5, "{path}");
        }
        // #f5f5f5 is 0.035 OKLCH L below white; sunken sits that far below #16161a.
        let sunken_l = token(dark, SUNKEN).to_oklch()[0];
        let step = 1.0 - hex("#f5f5f5").to_oklch()[0];
        assert!((sunken_l - (surface.to_oklch()[0] - step)).abs() < 0.005);
        // Every light declaration has a dark counterpart.
        assert_eq!(dark.len(), brand.tokens.len());
    }

    #[test]
    fn parses_all_shapes() {
        let flat = parse_brand_json(r##"{"primary": "#571EFA", "primary15": "#e7dffa"}"##).unwrap();
        let wrapped = parse_brand_json(
            r##"{"theme": {"colors": {"primary15": "#e7dffa", "primary": "#571EFA"}, "texts": {}}}"##,
        )
        .unwrap();
        let colors = parse_brand_json(
            r##"{"colors": {"primary": "#571EFA", "primary15": "#e7dffa", "black": null}}"##,
        )
        .unwrap();
        assert_eq!(flat, wrapped);
        assert_eq!(flat, colors);
        assert_eq!(flat.colors[0].0, "primary");
        assert_eq!(flat.colors[1].0, "primary15");
        assert_eq!(flat.get("primary").unwrap().to_hex(), "#571efa");
    }

    #[test]
    fn reports_every_problem() {
        let problems = parse_brand_json(
            r##"{"primary": "#12345", "foo": "#fff", "secondaryblue": "#00f", "black": 0}"##,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(problems[0].key, "primary");
        assert!(problems[0]
            .message
            .contains("\"#12345\" is not a hex colour"));
        assert_eq!(problems[1].key, "black");
        assert!(problems[1].message.contains("found 0"));
        let foo = problems.iter().find(|p| p.key == "foo").unwrap();
        assert!(foo
            .to_string()
            .starts_with("foo: unknown colour key `foo` (expected one of primary, primary15,"));
        let blue = problems.iter().find(|p| p.key == "secondaryblue").unwrap();
        assert!(blue.message.ends_with("did you mean `secondaryBlue`?"));
    }

    #[test]
    fn rejects_bad_documents() {
        let problems = parse_brand_json(r##"{"primary": "#571efa",}"##).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].key, "");
        assert!(problems[0].to_string().starts_with("not valid JSON: "));

        let missing = parse_brand_json(r##"{"primary15": "#e7dffa"}"##).unwrap_err();
        assert_eq!(missing[0].key, "primary");
        assert!(missing[0].message.contains("required"));

        let problems = parse_brand_json(r##"["#571efa"]"##).unwrap_err();
        assert!(problems[0].message.contains("expected a JSON object"));
        let problems = parse_brand_json(r#"{"theme": {"colours": {}}}"#).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "theme: expected a `colors` object inside"
        );
    }

    #[test]
    fn hand_built_input_is_checked() {
        let mut bad = input(&[
            ("primary", "#571efa"),
            ("primary", "#000000"),
            ("Primary", "#fff"),
        ]);
        bad.colors[0].1.alpha = 2.0;
        let problems = derive_brand("", &bad, &[]).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages[0], "the brand needs a non-empty name");
        assert_eq!(messages[1], "primary: alpha is 2, outside 0–1");
        assert_eq!(messages[2], "primary: is given more than once");
        assert!(messages[3].contains("did you mean `primary`?"));
        let none = derive_brand("b", &BrandInput { colors: vec![] }, &[]).unwrap_err();
        assert_eq!(none[0].key, "primary");
    }

    #[test]
    fn css_output() {
        let brand = Brand {
            name: "acme \"x\"".into(),
            tokens: vec![
                (ACCENT.into(), hex("#571efa")),
                (ON_ACCENT.into(), hex("#ffffff80")),
            ],
            themed: vec![("dark".into(), vec![(ACCENT.into(), hex("#8f7bff"))])],
            notes: vec![],
        };
        assert_eq!(
            brand.to_css("bd"),
            concat!(
                "[data-brand=\"acme \\\"x\\\"\"], :host([data-brand=\"acme \\\"x\\\"\"]) {\n",
                "  --bd-color-accent-default: #571efa;\n",
                "  --bd-color-text-on-accent: rgb(255 255 255 / 0.50196);\n",
                "}\n",
                "\n",
                "[data-brand=\"acme \\\"x\\\"\"][data-theme=\"dark\"], ",
                ":host([data-brand=\"acme \\\"x\\\"\"][data-theme=\"dark\"]) {\n",
                "  --bd-color-accent-default: #8f7bff;\n",
                "}\n",
            )
        );
        assert!(brand
            .to_css("")
            .contains("  --color-accent-default: #571efa;\n"));
    }

    #[test]
    fn ratio_is_floored() {
        assert_eq!(floor2(4.4999), "4.49");
        assert_eq!(floor2(21.0), "21.00");
    }
}

/// The surfaces of every theme a brand applies to, read from compiled
/// tokens. A theme whose accent is the same under every brand context (the
/// high-contrast theme keeps its own accessible accent) is left out: the
/// brand does not reach it, so it is not checked against it either.
pub fn theme_surfaces(compiled: &crate::resolver::Compiled) -> Vec<ThemeSurfaces> {
    const ACCENT: &str = "color.accent.default";
    let color = |p: &crate::resolver::Permutation, path: &str| {
        p.tokens.get(path).and_then(|t| t.value.as_color()).cloned()
    };
    let mut out = Vec::new();
    for p in &compiled.permutations {
        if !compiled.is_default(p, Some("theme")) {
            continue;
        }
        let theme = p.context("theme").unwrap_or("default").to_string();
        let brand_blind = compiled
            .modifiers
            .iter()
            .find(|m| m.name == "brand" && m.contexts.len() > 1)
            .is_some_and(|m| {
                m.contexts.iter().all(|c| {
                    compiled
                        .find(&[("theme", &theme), ("brand", c)])
                        .is_some_and(|q| color(q, ACCENT) == color(p, ACCENT))
                })
            });
        if brand_blind {
            continue;
        }
        if let (Some(surface), Some(text)) = (
            color(p, "color.surface.default"),
            color(p, "color.text.default"),
        ) {
            let dark = surface.relative_luminance() < text.relative_luminance();
            out.push(ThemeSurfaces {
                theme,
                surface,
                text,
                dark,
            });
        }
    }
    out
}
