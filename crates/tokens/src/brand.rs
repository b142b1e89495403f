//! Operator branding: turns the colours an openDesk operator configures
//! (`theme.colors.*` in the Helm values) into overrides of our semantic
//! colour tokens, checked for WCAG 2.1 contrast in every theme and adapted
//! for dark themes, where a brand colour chosen for white pages rarely works.

use std::fmt;

use serde_json::{Map, Value};

use crate::color::{contrast_ratio, mix_oklab, Color};

/// The colour keys openDesk's `theme.colors` accepts, in the order its
/// documentation lists them; brand inputs and problems follow this order.
/// `secondaryBlueHighcontrast` is accepted so that openDesk's own values
/// load as they are, but no app and no token of ours uses it.
pub const BRAND_KEYS: [&str; 13] = [
    "primary",
    "primary15",
    "primary35",
    "primary65",
    "black",
    "white",
    "secondaryGreyLight",
    "secondaryBlue",
    "secondaryBlueHighcontrast",
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
const TEXT_LINK: &str = "color.text.link";
const TEXT: &str = "color.text.default";
const TEXT_MUTED: &str = "color.text.muted";
const SURFACE: &str = "color.surface.default";
const RAISED: &str = "color.surface.raised";
const SUNKEN: &str = "color.surface.sunken";
const INFO: &str = "color.info.default";
const DANGER: &str = "color.danger.default";
const WARNING: &str = "color.warning.default";
const SUCCESS: &str = "color.success.default";

/// Brand key → semantic token path, for the colours used as given in light
/// themes (`light.tokens.json` aliases accent.muted to primary35 and
/// accent.subtle to primary15). accent.strong and text.link are derived from
/// the primary; primary65 is the dark themes' accent.muted, as in
/// `dark.tokens.json`.
const MAPPING: [(&str, &str); 12] = [
    ("primary", ACCENT),
    ("primary35", ACCENT_MUTED),
    ("primary15", ACCENT_SUBTLE),
    ("primary", FOCUS_RING),
    ("white", ON_ACCENT),
    ("black", TEXT),
    ("secondaryGrey", TEXT_MUTED),
    ("secondaryGreyLight", SUNKEN),
    ("secondaryBlue", INFO),
    ("secondaryRed", DANGER),
    ("secondaryYellow", WARNING),
    ("secondaryGreen", SUCCESS),
];

/// The order of the emitted declarations.
const ORDER: [&str; 14] = [
    ACCENT,
    ACCENT_STRONG,
    ACCENT_MUTED,
    ACCENT_SUBTLE,
    FOCUS_RING,
    ON_ACCENT,
    TEXT_LINK,
    TEXT,
    TEXT_MUTED,
    SUNKEN,
    INFO,
    DANGER,
    WARNING,
    SUCCESS,
];

const STATUS_KEYS: [&str; 4] = [
    "secondaryBlue",
    "secondaryRed",
    "secondaryYellow",
    "secondaryGreen",
];

/// WCAG 2.1 SC 1.4.3 (text) and SC 1.4.11 (UI components) minimums.
pub const TEXT_CONTRAST: f64 = 4.5;
pub const UI_CONTRAST: f64 = 3.0;

/// The contrast pairs the light and dark theme files declare
/// (`org.bandeau.contrast`) whose foreground or background a brand can
/// override: foreground, backgrounds, minimum. Pairs on backgrounds a brand
/// never touches (`danger.subtle`, `surface.inverse`, …) are left out. The
/// theme files are the source of truth; a test keeps this table in step.
const PAIRS: [(&str, &[&str], f64); 11] = [
    (ON_ACCENT, &[ACCENT, ACCENT_STRONG], TEXT_CONTRAST),
    (ACCENT, &[SURFACE, RAISED], UI_CONTRAST),
    (ACCENT_STRONG, &[SURFACE, RAISED], UI_CONTRAST),
    (FOCUS_RING, &[SURFACE, RAISED, SUNKEN], UI_CONTRAST),
    (TEXT_LINK, &[SURFACE, RAISED, SUNKEN], TEXT_CONTRAST),
    (
        TEXT,
        &[SURFACE, RAISED, SUNKEN, ACCENT_SUBTLE],
        TEXT_CONTRAST,
    ),
    (TEXT_MUTED, &[SURFACE, RAISED, SUNKEN], TEXT_CONTRAST),
    (INFO, &[SURFACE, RAISED], TEXT_CONTRAST),
    (DANGER, &[SURFACE, RAISED], TEXT_CONTRAST),
    (WARNING, &[SURFACE, RAISED], TEXT_CONTRAST),
    (SUCCESS, &[SURFACE, RAISED], TEXT_CONTRAST),
];

/// accent.strong must differ from accent.default by at least this OKLCH
/// lightness to read as a hover or pressed state.
const STATE_STEP: f64 = 0.06;
/// Step of the lightness search for accent.strong and text.link.
const LIGHTNESS_STEP: f64 = 0.005;

/// Where `prefers-color-scheme: dark` applies a dark theme to pages that ask
/// for `data-theme="auto"`, when the compiled tokens do not say.
const FALLBACK_AUTO: (&str, &str, &str) = ("data-theme", "auto", "(prefers-color-scheme: dark)");

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

/// The colours of one compiled theme that the brand must work against, and
/// how a page selects the theme.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeSurfaces {
    pub theme: String,
    pub surface: Color,
    pub raised: Color,
    pub sunken: Color,
    pub text: Color,
    /// The theme's own `color.text.on-accent`, kept where the brand gives no
    /// `white`.
    pub on_accent: Color,
    pub dark: bool,
    /// The attribute that selects the theme, e.g. `data-theme`.
    pub attribute: String,
    /// `(value, media query)`: the theme also applies where the attribute
    /// has this value and the query matches, as the compiled stylesheet does
    /// for `data-theme="auto"` under `(prefers-color-scheme: dark)`.
    pub auto: Option<(String, String)>,
    /// The theme keeps its own colours under every brand (the high-contrast
    /// theme's accessible accent). The brand is neither adapted to it nor
    /// checked against it; its own colours are restored over the brand's.
    pub brand_blind: bool,
    /// The theme's own colours (at the default brand) for the semantic
    /// paths a brand can override, in declaration order.
    pub colors: Vec<(String, Color)>,
}

impl ThemeSurfaces {
    /// The theme's own colour at a semantic path, where known.
    fn own(&self, path: &str) -> Option<&Color> {
        match path {
            SURFACE => Some(&self.surface),
            RAISED => Some(&self.raised),
            SUNKEN => Some(&self.sunken),
            TEXT => Some(&self.text),
            ON_ACCENT => Some(&self.on_accent),
            _ => None,
        }
    }

    /// The page background, made opaque the way the browser would.
    fn base(&self) -> Color {
        let canvas = if self.dark {
            Color::srgb(0.0, 0.0, 0.0)
        } else {
            Color::srgb(1.0, 1.0, 1.0)
        };
        opaque_on(&self.surface, &canvas)
    }
}

/// The overrides of a theme that needs its own values (dark themes), and
/// the selectors that apply them.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemedTokens {
    pub theme: String,
    /// See [`ThemeSurfaces::attribute`].
    pub attribute: String,
    /// See [`ThemeSurfaces::auto`].
    pub auto: Option<(String, String)>,
    pub tokens: Vec<(String, Color)>,
}

/// A derived brand: token overrides for light themes, adapted overrides per
/// dark theme, the own colours of brand-blind themes restored over them, and
/// notes on everything that was derived rather than given.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    pub name: String,
    pub tokens: Vec<(String, Color)>,
    pub themed: Vec<ThemedTokens>,
    /// Per brand-blind theme, its own values for every path the brand
    /// overrides, so that the brand's blocks (which load after the theme
    /// stylesheet and match with the same specificity) do not replace them.
    pub restored: Vec<ThemedTokens>,
    pub notes: Vec<String>,
}

/// Overrides by semantic path, before they are turned into owned strings.
type Overrides = Vec<(&'static str, Color)>;

/// Derives the brand: fills in missing tints, maps the colours onto semantic
/// token paths, derives the hover accent and the link colour, adapts for
/// dark themes and checks every contrast pair the themes declare.
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
    let light_themes: Vec<&ThemeSurfaces> = themes
        .iter()
        .filter(|t| !t.dark && !t.brand_blind)
        .collect();
    let dark_themes: Vec<&ThemeSurfaces> =
        themes.iter().filter(|t| t.dark && !t.brand_blind).collect();
    // Tints are defined over white, so a translucent primary is first seen
    // the way it would be on white.
    let primary = opaque_on(given_primary, &white);
    let mut palette: Vec<(&str, Color)> = BRAND_KEYS
        .iter()
        .filter_map(|k| input.get(k).map(|c| (*k, c.clone())))
        .collect();
    for (key, share) in TINTS {
        // primary65 is only used by dark themes.
        if input.get(key).is_some() || (key == "primary65" && dark_themes.is_empty()) {
            continue;
        }
        let tint = quantize(&mix_oklab(&white, &primary, share));
        notes.push(format!(
            "derived {key} = {} ({:.0} % primary over white, mixed in OKLab)",
            tint.to_css(),
            share * 100.0
        ));
        palette.push((key, tint));
    }
    palette.sort_by_key(|(k, _)| key_rank(k));
    let lookup = |key: &str| palette.iter().find(|(k, _)| *k == key).map(|(_, c)| c);

    let mut tokens: Overrides = MAPPING
        .iter()
        .filter_map(|(key, path)| lookup(key).map(|c| (*path, c.clone())))
        .collect();
    let on_accent = lookup("white")
        .or_else(|| light_themes.first().map(|t| &t.on_accent))
        .unwrap_or(&white)
        .clone();
    derive_light_strong(&primary, &on_accent, &mut tokens, &mut notes, &mut problems);
    derive_light_link(
        given_primary,
        &primary,
        &light_themes,
        &mut tokens,
        &mut notes,
        &mut problems,
    );
    sort_overrides(&mut tokens);

    if light_themes.is_empty() && dark_themes.is_empty() {
        notes.push("no theme surfaces given, so contrast was not checked".to_owned());
    }
    for theme in &light_themes {
        check_pairs(theme, &[&tokens], &mut problems);
    }

    let light_surface = light_themes
        .first()
        .map_or_else(|| white.clone(), |t| t.base());
    let mut themed = Vec::new();
    for theme in &dark_themes {
        let adapted = adapt_dark_theme(theme, &lookup, &light_surface, &mut notes, &mut problems);
        // The light declarations apply under a dark theme wherever the dark
        // block does not override them.
        check_pairs(theme, &[&adapted, &tokens], &mut problems);
        themed.push(ThemedTokens {
            theme: theme.theme.clone(),
            attribute: theme.attribute.clone(),
            auto: theme.auto.clone(),
            tokens: owned(adapted),
        });
    }

    let restored = restore_brand_blind(themes, &tokens, &themed, &mut notes);

    if problems.is_empty() {
        Ok(Brand {
            name: name.to_owned(),
            tokens: owned(tokens),
            themed,
            restored,
            notes,
        })
    } else {
        Err(problems)
    }
}

/// For every brand-blind theme, its own colours at every path any brand
/// block overrides: under `data-theme="auto"` the brand's dark block may
/// match together with the theme's media query, so the restoring blocks
/// cover the dark paths too. Not checked for contrast: the theme owns them.
fn restore_brand_blind(
    themes: &[ThemeSurfaces],
    tokens: &Overrides,
    themed: &[ThemedTokens],
    notes: &mut Vec<String>,
) -> Vec<ThemedTokens> {
    let overridden: Vec<&str> = ORDER
        .iter()
        .copied()
        .filter(|path| {
            tokens.iter().any(|(p, _)| p == path)
                || themed
                    .iter()
                    .any(|t| t.tokens.iter().any(|(p, _)| p == path))
        })
        .collect();
    let mut out = Vec::new();
    for theme in themes.iter().filter(|t| t.brand_blind) {
        let mut restored = Vec::new();
        for path in &overridden {
            match theme.colors.iter().find(|(p, _)| p == path) {
                Some((_, color)) => restored.push(((*path).to_owned(), color.clone())),
                None => notes.push(format!(
                    "theme {}: ignores brands but has no colour of its own at {}, so the brand's applies",
                    theme.theme,
                    short(path)
                )),
            }
        }
        if restored.is_empty() {
            continue;
        }
        notes.push(format!(
            "theme {} ignores brands: its own colours are restored at {} path(s)",
            theme.theme,
            restored.len()
        ));
        out.push(ThemedTokens {
            theme: theme.theme.clone(),
            attribute: theme.attribute.clone(),
            auto: theme.auto.clone(),
            tokens: restored,
        });
    }
    out
}

fn sort_overrides(overrides: &mut Overrides) {
    overrides.sort_by_key(|(path, _)| ORDER.iter().position(|p| p == path));
}

fn owned(overrides: Overrides) -> Vec<(String, Color)> {
    overrides
        .into_iter()
        .map(|(path, color)| (path.to_owned(), color))
        .collect()
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

/// accent.strong (hover and pressed) on light surfaces: the accent darkened
/// at constant hue until text.on-accent reads on it at 4.5:1 and the change
/// is visible.
fn derive_light_strong(
    primary: &Color,
    on_accent: &Color,
    tokens: &mut Overrides,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) {
    let base = quantize(primary);
    let base_l = base.to_oklch()[0];
    let strong = step_lightness(&base, -1.0, |c| {
        contrast_ratio(on_accent, c) >= TEXT_CONTRAST && base_l - c.to_oklch()[0] >= STATE_STEP
    });
    match strong {
        Some(strong) => {
            notes.push(format!(
                "derived accent.strong = {} (hover/pressed: primary darkened from OKLCH L {:.3} to {:.3}; text.on-accent {} on it is {}:1)",
                strong.to_hex(),
                base_l,
                strong.to_oklch()[0],
                on_accent.to_css(),
                floor2(contrast_ratio(on_accent, &strong))
            ));
            tokens.push((ACCENT_STRONG, strong));
        }
        None => problems.push(BrandProblem::new(
            "primary",
            format!(
                "no darker shade of {} reaches {TEXT_CONTRAST}:1 under text.on-accent {} for accent.strong (hover/pressed)",
                base.to_hex(),
                on_accent.to_css()
            ),
        )),
    }
}

/// text.link on light surfaces: the primary where it reads at 4.5:1 on
/// every surface links sit on, otherwise the primary darkened until it does.
fn derive_light_link(
    given: &Color,
    primary: &Color,
    themes: &[&ThemeSurfaces],
    tokens: &mut Overrides,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) {
    let mut backgrounds: Vec<Color> = themes
        .iter()
        .flat_map(|t| backgrounds(TEXT_LINK, t, &[tokens.as_slice()]))
        .collect();
    if backgrounds.is_empty() {
        backgrounds.push(Color::srgb(1.0, 1.0, 1.0));
    }
    if worst_contrast(given, &backgrounds).0 >= TEXT_CONTRAST {
        tokens.push((TEXT_LINK, given.clone()));
        return;
    }
    let base = quantize(primary);
    match step_lightness(&base, -1.0, |c| {
        worst_contrast(c, &backgrounds).0 >= TEXT_CONTRAST
    }) {
        Some(link) => {
            let (ratio, on) = worst_contrast(&link, &backgrounds);
            notes.push(format!(
                "derived text.link = {} (primary darkened from OKLCH L {:.3} to {:.3} to reach {}:1 on {})",
                link.to_hex(),
                base.to_oklch()[0],
                link.to_oklch()[0],
                floor2(ratio),
                on.to_hex()
            ));
            tokens.push((TEXT_LINK, link));
        }
        None => problems.push(BrandProblem::new(
            "primary",
            format!(
                "no darker shade of {} reaches {TEXT_CONTRAST}:1 as text.link on the light surfaces",
                base.to_hex()
            ),
        )),
    }
}

fn adapt_dark_theme<'a>(
    theme: &ThemeSurfaces,
    lookup: &impl Fn(&str) -> Option<&'a Color>,
    light_surface: &Color,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) -> Overrides {
    let name = &theme.theme;
    let surface = theme.base();
    let mut out: Overrides = Vec::new();

    // First, as the other colours must read on it.
    if let Some(grey) = lookup("secondaryGreyLight") {
        let sunken = mirror_step(grey, light_surface, &surface);
        notes.push(format!(
            "theme {name}: surface.sunken {} sits as far from the dark surface as {} does from the light one",
            sunken.to_hex(),
            grey.to_hex()
        ));
        out.push((SUNKEN, sunken));
    }

    if let Some(primary) = lookup("primary") {
        let base = opaque_on(primary, &surface);
        // The accent doubles as the link colour, so it must reach text
        // contrast on every surface links sit on.
        let link_backgrounds = backgrounds(TEXT_LINK, theme, &[out.as_slice()]);
        match raise_to_contrast(&base, &link_backgrounds, TEXT_CONTRAST) {
            Some(accent) => {
                note_adaptation(notes, name, "primary", &base, &accent, &link_backgrounds);
                adapt_dark_accent(theme, &accent, lookup, &mut out, notes, problems);
            }
            None => problems.push(unreachable_contrast(
                "primary",
                &base,
                &link_backgrounds,
                name,
            )),
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
        let on = backgrounds(path, theme, &[out.as_slice()]);
        match raise_to_contrast(&base, &on, TEXT_CONTRAST) {
            Some(adapted) => {
                note_adaptation(notes, name, key, &base, &adapted, &on);
                out.push((path, adapted));
            }
            None => problems.push(unreachable_contrast(key, &base, &on, name)),
        }
    }

    sort_overrides(&mut out);
    out
}

/// Everything that follows from the adapted dark accent: text on it, its
/// lighter hover state, its tints, the focus ring and the link colour.
fn adapt_dark_accent<'a>(
    theme: &ThemeSurfaces,
    accent: &Color,
    lookup: &impl Fn(&str) -> Option<&'a Color>,
    out: &mut Overrides,
    notes: &mut Vec<String>,
    problems: &mut Vec<BrandProblem>,
) {
    let name = &theme.theme;
    let surface = theme.base();
    out.push((ACCENT, accent.clone()));
    out.push((FOCUS_RING, accent.clone()));
    out.push((TEXT_LINK, accent.clone()));
    // Dark tints fade the accent into the dark surface, the mirror of light
    // tints fading it into white.
    out.push((ACCENT_SUBTLE, quantize(&mix_oklab(&surface, accent, 0.15))));
    // dark.tokens.json uses the 65 % tint over white as the decorative accent.
    if let Some(tint) = lookup("primary65") {
        out.push((ACCENT_MUTED, tint.clone()));
    }

    let on_accent = [
        ("the theme's own text.on-accent", theme.on_accent.clone()),
        ("the surface colour", surface.clone()),
        ("near-black", Color::srgb(0.07, 0.07, 0.07)),
        ("black", Color::srgb(0.0, 0.0, 0.0)),
    ]
    .into_iter()
    .map(|(label, c)| (label, quantize(&opaque_on(&c, &surface))))
    .find(|(_, c)| contrast_ratio(c, accent) >= TEXT_CONTRAST);
    let Some((label, text)) = on_accent else {
        problems.push(BrandProblem::new(
            "primary",
            format!(
                "no dark text reaches {TEXT_CONTRAST}:1 on the adapted accent {} in theme {name}",
                accent.to_hex()
            ),
        ));
        return;
    };
    notes.push(format!(
        "theme {name}: text on the accent is {label} {} ({}:1)",
        text.to_hex(),
        floor2(contrast_ratio(&text, accent))
    ));
    out.push((ON_ACCENT, text.clone()));

    // Hover and pressed lighten on dark surfaces, as dark.tokens.json's
    // primary-on-dark-strong does.
    let accent_l = accent.to_oklch()[0];
    match step_lightness(accent, 1.0, |c| {
        contrast_ratio(&text, c) >= TEXT_CONTRAST && c.to_oklch()[0] - accent_l >= STATE_STEP
    }) {
        Some(strong) => {
            notes.push(format!(
                "theme {name}: accent.strong = {} (hover/pressed: accent lightened from OKLCH L {:.3} to {:.3}; text on it is {}:1)",
                strong.to_hex(),
                accent_l,
                strong.to_oklch()[0],
                floor2(contrast_ratio(&text, &strong))
            ));
            out.push((ACCENT_STRONG, strong));
        }
        None => problems.push(BrandProblem::new(
            "primary",
            format!(
                "the adapted accent {} is too light for a visibly lighter accent.strong (hover/pressed) in theme {name}",
                accent.to_hex()
            ),
        )),
    }
}

/// The opaque colours of the surfaces `path` is declared to be readable on
/// (see [`PAIRS`]), as the brand leaves them in `theme`.
fn backgrounds(
    path: &str,
    theme: &ThemeSurfaces,
    layers: &[&[(&'static str, Color)]],
) -> Vec<Color> {
    let base = theme.base();
    PAIRS
        .iter()
        .filter(|(fg, _, _)| *fg == path)
        .flat_map(|(_, bgs, _)| bgs.iter())
        .filter(|bg| matches!(**bg, SURFACE | RAISED | SUNKEN))
        .filter_map(|bg| resolve(bg, theme, layers))
        .map(|c| opaque_on(c, &base))
        .collect()
}

/// The colour at `path` under the brand: the first override layer that sets
/// it, else the theme's own colour where known.
fn resolve<'a>(
    path: &str,
    theme: &'a ThemeSurfaces,
    layers: &[&'a [(&'static str, Color)]],
) -> Option<&'a Color> {
    layers
        .iter()
        .find_map(|layer| layer.iter().find(|(p, _)| *p == path).map(|(_, c)| c))
        .or_else(|| theme.own(path))
}

/// The lowest contrast of `fg` over `backgrounds`, and where it occurs.
fn worst_contrast<'a>(fg: &Color, backgrounds: &'a [Color]) -> (f64, &'a Color) {
    backgrounds
        .iter()
        .map(|bg| (contrast_ratio(fg, bg), bg))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("at least one background")
}

/// Checks every pair of [`PAIRS`] that the brand touches in `theme` (the
/// first layer that sets a path wins, then the theme's own colours). Each
/// failing foreground is reported once, on its worst background.
fn check_pairs(
    theme: &ThemeSurfaces,
    layers: &[&[(&'static str, Color)]],
    problems: &mut Vec<BrandProblem>,
) {
    let base = theme.base();
    let branded = |path: &str| layers.iter().any(|l| l.iter().any(|(p, _)| *p == path));
    for (fg_path, bgs, min) in PAIRS {
        let Some(fg) = resolve(fg_path, theme, layers) else {
            continue;
        };
        let worst = bgs
            .iter()
            .filter(|bg| branded(fg_path) || branded(bg))
            .filter_map(|bg| {
                let color = opaque_on(resolve(bg, theme, layers)?, &base);
                Some((contrast_ratio(fg, &color), *bg, color))
            })
            .filter(|(ratio, _, _)| *ratio < min)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let Some((ratio, bg_path, bg)) = worst else {
            continue;
        };
        let on_surface = matches!(bg_path, SURFACE | RAISED | SUNKEN);
        let blamed = if branded(fg_path) && (on_surface || !branded(bg_path)) {
            fg_path
        } else {
            bg_path
        };
        problems.push(BrandProblem::new(
            source_key(blamed),
            format!(
                "{} {} on {} {} is {}:1 in theme {}, needs {min}:1",
                short(fg_path),
                fg.to_css(),
                short(bg_path),
                bg.to_css(),
                floor2(ratio),
                theme.theme
            ),
        ));
    }
}

/// The openDesk key a semantic path's brand value comes from.
fn source_key(path: &str) -> &'static str {
    match path {
        ACCENT | ACCENT_STRONG | ACCENT_MUTED | FOCUS_RING | TEXT_LINK => "primary",
        _ => MAPPING
            .iter()
            .find(|(_, p)| *p == path)
            .map_or("", |(key, _)| key),
    }
}

fn short(path: &str) -> &str {
    path.strip_prefix("color.").unwrap_or(path)
}

fn note_adaptation(
    notes: &mut Vec<String>,
    theme: &str,
    key: &str,
    from: &Color,
    to: &Color,
    backgrounds: &[Color],
) {
    if from.to_hex() == to.to_hex() {
        return;
    }
    let (ratio, on) = worst_contrast(to, backgrounds);
    notes.push(format!(
        "theme {theme}: {key} lightened from {} to {} (OKLCH L {:.3} → {:.3}) to reach {}:1 on {}",
        from.to_hex(),
        to.to_hex(),
        from.to_oklch()[0],
        to.to_oklch()[0],
        floor2(ratio),
        on.to_hex()
    ));
}

fn unreachable_contrast(
    key: &str,
    base: &Color,
    backgrounds: &[Color],
    theme: &str,
) -> BrandProblem {
    let (ratio, on) = worst_contrast(&Color::srgb(1.0, 1.0, 1.0), backgrounds);
    BrandProblem::new(
        key,
        format!(
            "cannot lighten {} to {TEXT_CONTRAST}:1 on surface {} in theme {theme}: even white reaches only {}:1",
            base.to_hex(),
            on.to_hex(),
            floor2(ratio)
        ),
    )
}

/// Raises OKLCH lightness at constant hue (chroma is reduced by gamut
/// mapping where the lighter colour would leave sRGB) to the lowest
/// lightness that reaches `target` against every one of the dark
/// `backgrounds`, so the brand hue stays as saturated as contrast allows.
fn raise_to_contrast(color: &Color, backgrounds: &[Color], target: f64) -> Option<Color> {
    let base = quantize(color);
    let passes_as = |c: &Color| worst_contrast(c, backgrounds).0 >= target;
    if passes_as(&base) {
        return Some(base);
    }
    let [l, c, h] = color.to_oklch();
    // Contrast is judged on the 8-bit colour that will be emitted, so the
    // rounding can never push a passing colour below the minimum.
    let at = |lightness: f64| quantize(&Color::from_oklch(lightness, c, h));
    let passes = |lightness: f64| passes_as(&at(lightness));
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

/// Moves OKLCH lightness away from `color` in steps of [`LIGHTNESS_STEP`]
/// (`direction` −1 darkens, +1 lightens) at constant hue, chroma reduced by
/// gamut mapping where needed, and returns the first 8-bit colour `accept`
/// takes.
fn step_lightness(color: &Color, direction: f64, accept: impl Fn(&Color) -> bool) -> Option<Color> {
    let [l, c, h] = color.to_oklch();
    let room = if direction < 0.0 { l } else { 1.0 - l };
    let steps = (room / LIGHTNESS_STEP).ceil().max(0.0) as u32;
    (1..=steps)
        .map(|i| (l + direction * LIGHTNESS_STEP * f64::from(i)).clamp(0.0, 1.0))
        .map(|lightness| quantize(&Color::from_oklch(lightness, c, h)))
        .find(|candidate| accept(candidate))
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
    /// block per dark theme, followed by the same declarations under the
    /// theme's media query for pages that follow the system preference
    /// (`data-theme="auto"`). Then one block per brand-blind theme restoring
    /// its own colours, and last the same under its media query, so that
    /// where both media queries match (dark and more contrast) the
    /// brand-blind theme wins, as it does in the compiled stylesheet.
    /// Custom properties are `--{prefix}-{path}` with
    /// dots turned into dashes. `:host(...)` makes the brand reach into
    /// widgets' shadow roots when the attribute sits on the host element.
    pub fn to_css(&self, prefix: &str) -> String {
        let brand = format!("[data-brand=\"{}\"]", css_string(&self.name));
        let selector = |themed: &ThemedTokens, value: &str| {
            format!("{brand}[{}=\"{}\"]", themed.attribute, css_string(value))
        };
        let mut css = String::new();
        write_block(&mut css, &brand, None, prefix, &self.tokens);
        let mut block = |themed: &ThemedTokens, value: &str, media: Option<&str>| {
            css.push('\n');
            write_block(
                &mut css,
                &selector(themed, value),
                media,
                prefix,
                &themed.tokens,
            );
        };
        for themed in &self.themed {
            block(themed, &themed.theme, None);
            if let Some((value, media)) = &themed.auto {
                block(themed, value, Some(media));
            }
        }
        for themed in &self.restored {
            block(themed, &themed.theme, None);
        }
        for themed in &self.restored {
            if let Some((value, media)) = &themed.auto {
                block(themed, value, Some(media));
            }
        }
        css
    }
}

fn write_block(
    css: &mut String,
    selector: &str,
    media: Option<&str>,
    prefix: &str,
    tokens: &[(String, Color)],
) {
    let indent = if media.is_some() { "  " } else { "" };
    if let Some(query) = media {
        css.push_str(&format!("@media {query} {{\n"));
    }
    css.push_str(&format!("{indent}{selector}, :host({selector}) {{\n"));
    for (path, color) in tokens {
        let name = path.replace('.', "-");
        let property = if prefix.is_empty() {
            format!("--{name}")
        } else {
            format!("--{prefix}-{name}")
        };
        css.push_str(&format!("{indent}  {property}: {};\n", color.to_css()));
    }
    css.push_str(&format!("{indent}}}\n"));
    if media.is_some() {
        css.push_str("}\n");
    }
}

/// The surfaces of every theme, read from compiled tokens at the default
/// brand. A theme whose accent is the same under every brand context (the
/// high-contrast theme keeps its own accessible accent) is marked
/// [`ThemeSurfaces::brand_blind`]: the brand is not checked against it, and
/// its own colours are restored over the brand's.
///
/// The theme attribute and the `auto` value and media query come from the
/// `theme` modifier's `org.bandeau.css` hints, so brand blocks follow the
/// system preference exactly where the compiled stylesheet does. Without a
/// `theme` modifier, dark themes fall back to `data-theme="auto"` under
/// `(prefers-color-scheme: dark)`.
pub fn theme_surfaces(compiled: &crate::resolver::Compiled) -> Vec<ThemeSurfaces> {
    let color = |p: &crate::resolver::Permutation, path: &str| {
        p.tokens.get(path).and_then(|t| t.value.as_color()).cloned()
    };
    let theme_modifier = compiled.modifiers.iter().find(|m| m.name == "theme");
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
        let (surface, text) = match (color(p, SURFACE), color(p, TEXT)) {
            (Some(surface), Some(text)) => (surface, text),
            // Only restored, never checked, so its surfaces do not matter.
            (surface, text) if brand_blind => (
                surface.unwrap_or_else(|| Color::srgb(1.0, 1.0, 1.0)),
                text.unwrap_or_else(|| Color::srgb(0.0, 0.0, 0.0)),
            ),
            _ => continue,
        };
        let dark = surface.relative_luminance() < text.relative_luminance();
        let (attribute, auto) = match theme_modifier {
            Some(m) => (
                m.css.attribute.clone(),
                m.css.auto.as_ref().and_then(|value| {
                    m.css
                        .media
                        .iter()
                        .find(|(context, _)| *context == theme)
                        .map(|(_, query)| (value.clone(), query.clone()))
                }),
            ),
            None => (
                FALLBACK_AUTO.0.to_owned(),
                dark.then(|| (FALLBACK_AUTO.1.to_owned(), FALLBACK_AUTO.2.to_owned())),
            ),
        };
        let on_accent = color(p, ON_ACCENT).unwrap_or_else(|| {
            if dark {
                surface.clone()
            } else {
                Color::srgb(1.0, 1.0, 1.0)
            }
        });
        let colors = ORDER
            .iter()
            .filter_map(|path| color(p, path).map(|c| ((*path).to_owned(), c)))
            .collect();
        out.push(ThemeSurfaces {
            theme,
            raised: color(p, RAISED).unwrap_or_else(|| surface.clone()),
            sunken: color(p, SUNKEN).unwrap_or_else(|| surface.clone()),
            surface,
            text,
            on_accent,
            dark,
            attribute,
            auto,
            brand_blind,
            colors,
        });
    }
    out
}

/// The surfaces as JSON, so a build can compute them once from the project's
/// tokens and ship them to a browser that derives brands without the
/// compiler (`bandeau-brand`).
pub fn surfaces_to_json(themes: &[ThemeSurfaces]) -> Value {
    let colors = |list: &[(String, Color)]| -> Value {
        list.iter()
            .map(|(path, c)| serde_json::json!([path, c.to_dtcg_json()]))
            .collect()
    };
    themes
        .iter()
        .map(|t| {
            serde_json::json!({
                "theme": t.theme,
                "surface": t.surface.to_dtcg_json(),
                "raised": t.raised.to_dtcg_json(),
                "sunken": t.sunken.to_dtcg_json(),
                "text": t.text.to_dtcg_json(),
                "onAccent": t.on_accent.to_dtcg_json(),
                "dark": t.dark,
                "attribute": t.attribute,
                "auto": t.auto,
                "brandBlind": t.brand_blind,
                "colors": colors(&t.colors),
            })
        })
        .collect()
}

/// Reads what [`surfaces_to_json`] wrote.
pub fn surfaces_from_json(value: &Value) -> Result<Vec<ThemeSurfaces>, String> {
    let list = value.as_array().ok_or("theme surfaces: expected a list")?;
    list.iter()
        .map(|t| {
            let field = |key: &str| {
                t.get(key)
                    .ok_or(format!("theme surfaces: `{key}` is missing"))
            };
            let color = |key: &str| field(key).and_then(Color::from_dtcg_json);
            let text = |key: &str| {
                field(key)?
                    .as_str()
                    .map(str::to_owned)
                    .ok_or(format!("theme surfaces: `{key}` is not text"))
            };
            let auto = match field("auto")? {
                Value::Null => None,
                pair => {
                    let part = |i: usize| pair.get(i).and_then(Value::as_str).map(str::to_owned);
                    Some((part(0), part(1)))
                        .and_then(|(a, b)| Some((a?, b?)))
                        .map(Some)
                        .ok_or("theme surfaces: `auto` is not [value, query]")?
                }
            };
            let colors = field("colors")?
                .as_array()
                .ok_or("theme surfaces: `colors` is not a list")?
                .iter()
                .map(|pair| {
                    let path = pair
                        .get(0)
                        .and_then(Value::as_str)
                        .ok_or("theme surfaces: bad colour path")?;
                    let c = Color::from_dtcg_json(
                        pair.get(1).ok_or("theme surfaces: missing colour")?,
                    )?;
                    Ok((path.to_owned(), c))
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(ThemeSurfaces {
                theme: text("theme")?,
                surface: color("surface")?,
                raised: color("raised")?,
                sunken: color("sunken")?,
                text: color("text")?,
                on_accent: color("onAccent")?,
                dark: field("dark")?
                    .as_bool()
                    .ok_or("theme surfaces: `dark` is not a boolean")?,
                attribute: text("attribute")?,
                auto,
                brand_blind: field("brandBlind")?
                    .as_bool()
                    .ok_or("theme surfaces: `brandBlind` is not a boolean")?,
                colors,
            })
        })
        .collect()
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

    /// The light and dark themes as `tokens/bandeau.resolver.json` compiles them.
    fn opendesk_themes() -> Vec<ThemeSurfaces> {
        vec![
            ThemeSurfaces {
                theme: "light".into(),
                surface: hex("#ffffff"),
                raised: hex("#ffffff"),
                sunken: hex("#f5f5f8"),
                text: hex("#1b1b1f"),
                on_accent: hex("#ffffff"),
                dark: false,
                attribute: "data-theme".into(),
                auto: None,
                brand_blind: false,
                colors: vec![],
            },
            ThemeSurfaces {
                theme: "dark".into(),
                surface: hex("#16161a"),
                raised: hex("#232329"),
                sunken: hex("#0c0c0e"),
                text: hex("#ececf1"),
                on_accent: hex("#16161a"),
                dark: true,
                attribute: "data-theme".into(),
                auto: Some(("auto".into(), "(prefers-color-scheme: dark)".into())),
                brand_blind: false,
                colors: vec![],
            },
        ]
    }

    fn token<'a>(tokens: &'a [(String, Color)], path: &str) -> &'a Color {
        &tokens
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .1
    }

    fn lightness(c: &Color) -> f64 {
        c.to_oklch()[0]
    }

    fn hue_distance(a: &Color, b: &Color) -> f64 {
        let d = (a.to_oklch()[2] - b.to_oklch()[2]).abs() % 360.0;
        d.min(360.0 - d)
    }

    fn messages(problems: &[BrandProblem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    /// Every pair of [`PAIRS`] holds in `tokens` over the given surfaces.
    fn assert_pairs_hold(tokens: &[(String, Color)], theme: &ThemeSurfaces) {
        let get = |path: &str| {
            tokens
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, c)| c)
                .or_else(|| theme.own(path))
        };
        for (fg, bgs, min) in PAIRS {
            for bg in bgs {
                if let (Some(f), Some(b)) = (get(fg), get(bg)) {
                    let ratio = contrast_ratio(f, b);
                    assert!(ratio >= min, "{fg} on {bg} in {}: {ratio}", theme.theme);
                }
            }
        }
    }

    #[test]
    fn opendesk_default_derives_cleanly() {
        let themes = opendesk_themes();
        let brand = derive_brand(
            "opendesk",
            &input(&[("primary", "#571EFA"), ("primary15", "#e7dffa")]),
            &themes,
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
                FOCUS_RING,
                TEXT_LINK
            ]
        );
        let primary = hex("#571efa");
        assert_eq!(token(&brand.tokens, ACCENT), &primary);
        assert_eq!(token(&brand.tokens, ACCENT_SUBTLE).to_hex(), "#e7dffa");
        assert_eq!(token(&brand.tokens, TEXT_LINK), &primary);
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived primary35 = #")));
        assert!(!brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived primary15")));

        // Hover/pressed is darker than the accent, visibly, and white text
        // reads on it; it is no longer the lighter 65 % tint (#8483ff).
        let white = hex("#ffffff");
        let strong = token(&brand.tokens, ACCENT_STRONG);
        assert!(contrast_ratio(&white, strong) >= 4.5);
        assert!(lightness(strong) <= lightness(&primary) - STATE_STEP);
        assert!(lightness(strong) > lightness(&primary) - STATE_STEP - 0.02);
        assert!(hue_distance(strong, &primary) < 3.0);
        assert_ne!(strong.to_hex(), "#8483ff");
        assert_pairs_hold(&brand.tokens, &themes[0]);

        // #571efa gives only 2.5:1 on #16161a, so the dark accent is lifted
        // until it reads as link text on every dark surface.
        let dark = hex("#16161a");
        assert!(contrast_ratio(&primary, &dark) < 3.0);
        let themed = &brand.themed[0];
        assert_eq!(themed.theme, "dark");
        let dark_tokens = &themed.tokens;
        let accent = token(dark_tokens, ACCENT);
        for surface in [&themes[1].surface, &themes[1].raised, &themes[1].sunken] {
            assert!(contrast_ratio(accent, surface) >= 4.5);
        }
        let on_raised = contrast_ratio(accent, &themes[1].raised);
        assert!(on_raised < 4.7, "dark accent {on_raised}:1 on raised");
        let [l, c, _] = accent.to_oklch();
        assert!(l > 0.6 && c > 0.1, "L {l} C {c}");
        assert!(hue_distance(accent, &primary) < 3.0);
        assert_eq!(token(dark_tokens, ON_ACCENT), &dark);
        assert_eq!(token(dark_tokens, FOCUS_RING), accent);
        assert_eq!(token(dark_tokens, TEXT_LINK), accent);
        // Hover/pressed lightens on dark surfaces; it used to be #504ca7.
        let dark_strong = token(dark_tokens, ACCENT_STRONG);
        assert!(lightness(dark_strong) >= l + STATE_STEP);
        assert!(contrast_ratio(&dark, dark_strong) >= 4.5);
        assert!(hue_distance(dark_strong, &primary) < 5.0);
        // The decorative accent is the 65 % tint, as dark.tokens.json has it.
        assert_eq!(
            token(dark_tokens, ACCENT_MUTED),
            &quantize(&mix_oklab(&white, &primary, 0.65))
        );
        // The selected background runs from the surface towards the accent.
        let subtle_l = lightness(token(dark_tokens, ACCENT_SUBTLE));
        assert!(lightness(&dark) < subtle_l && subtle_l < l);
        assert_pairs_hold(dark_tokens, &themes[1]);
        assert_eq!(dark_tokens.len(), brand.tokens.len() + 1);
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("theme dark: primary lightened from #571efa to")));
    }

    #[test]
    fn teal_primary_alone_derives() {
        let themes = opendesk_themes();
        let brand = derive_brand("ocean", &input(&[("primary", "#0b6e99")]), &themes)
            .unwrap_or_else(|p| panic!("{p:?}"));
        let primary = hex("#0b6e99");
        assert_eq!(token(&brand.tokens, ACCENT), &primary);
        assert_eq!(token(&brand.tokens, TEXT_LINK), &primary);
        let strong = token(&brand.tokens, ACCENT_STRONG);
        assert!(lightness(strong) <= lightness(&primary) - STATE_STEP);
        // Gamut mapping and 8-bit rounding near the sRGB edge turn it 3°.
        assert!(hue_distance(strong, &primary) < 4.0);
        assert_pairs_hold(&brand.tokens, &themes[0]);
        let dark = &brand.themed[0].tokens;
        assert!(lightness(token(dark, ACCENT_STRONG)) > lightness(token(dark, ACCENT)));
        assert_pairs_hold(dark, &themes[1]);
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
        // Only dark themes use primary65.
        assert!(!brand.notes.iter().any(|n| n.contains("primary65")));
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
        // L(#ffe600) = 0.7786, so (1.05) / (0.8286) = 1.267.
        assert_eq!(
            messages(&problems),
            [
                "primary: text.on-accent #ffffff on accent.default #ffe600 is 1.26:1 in theme light, needs 4.5:1",
                "primary: accent.default #ffe600 on surface.default #ffffff is 1.26:1 in theme light, needs 3:1",
                "primary: focus.ring #ffe600 on surface.sunken #f5f5f8 is 1.16:1 in theme light, needs 3:1",
            ]
        );
    }

    #[test]
    fn every_unmet_pair_is_a_problem() {
        // A subtle background as dark as the accent: body text on it fails.
        let problems = derive_brand(
            "b",
            &input(&[("primary", "#571efa"), ("primary15", "#571efa")]),
            &opendesk_themes(),
        )
        .unwrap_err();
        assert_eq!(
            messages(&problems),
            ["primary15: text.default #1b1b1f on accent.subtle #571efa is 2.42:1 in theme light, needs 4.5:1"]
        );

        // Grey text on the accent: no shade of it works, hover included.
        let problems = derive_brand(
            "b",
            &input(&[("primary", "#571efa"), ("white", "#666666")]),
            &opendesk_themes()[..1],
        )
        .unwrap_err();
        let messages = messages(&problems);
        assert!(
            messages[0].starts_with(
                "primary: no darker shade of #571efa reaches 4.5:1 under text.on-accent #666666"
            ),
            "{messages:?}"
        );
        assert!(
            messages[1]
                .starts_with("primary: text.on-accent #666666 on accent.default #571efa is "),
            "{messages:?}"
        );
    }

    #[test]
    fn light_link_is_darkened_where_the_primary_is_too_light() {
        // #1f8fff passes 3:1 as a button on white but not 4.5:1 as link text.
        let themes = opendesk_themes();
        let brand = derive_brand(
            "b",
            &input(&[("primary", "#1f8fff"), ("white", "#000000")]),
            &themes,
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        let link = token(&brand.tokens, TEXT_LINK);
        assert!(contrast_ratio(&hex("#1f8fff"), &hex("#ffffff")) < 4.5);
        assert!(contrast_ratio(link, &themes[0].sunken) >= 4.5);
        assert!(lightness(link) < lightness(&hex("#1f8fff")));
        assert!(brand
            .notes
            .iter()
            .any(|n| n.starts_with("derived text.link = ")));
        assert_pairs_hold(&brand.tokens, &themes[0]);
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
            messages(&problems),
            ["secondaryGrey: text.muted #999999 on surface.sunken #f5f5f5 is 2.61:1 in theme light, needs 4.5:1"]
        );

        let mut colours = colours;
        colours.colors[3].1 = hex("#666666");
        let themes = opendesk_themes();
        let brand = derive_brand("b", &colours, &themes).unwrap();
        assert_eq!(token(&brand.tokens, TEXT).to_hex(), "#000000");
        assert_eq!(token(&brand.tokens, ON_ACCENT).to_hex(), "#ffffff");
        assert_eq!(token(&brand.tokens, DANGER).to_hex(), "#c00000");
        let dark = &brand.themed[0].tokens;
        assert_eq!(token(dark, TEXT).to_hex(), "#ececf1");
        for path in [TEXT_MUTED, DANGER] {
            assert!(
                contrast_ratio(token(dark, path), &themes[1].raised) >= 4.5,
                "{path}"
            );
        }
        // #f5f5f5 is 0.035 OKLCH L below white; sunken sits that far below #16161a.
        let sunken_l = lightness(token(dark, SUNKEN));
        let step = 1.0 - lightness(&hex("#f5f5f5"));
        assert!((sunken_l - (lightness(&themes[1].surface) - step)).abs() < 0.005);
        // Every light declaration has a dark counterpart.
        for (path, _) in &brand.tokens {
            assert!(dark.iter().any(|(p, _)| p == path), "{path}");
        }
        assert_pairs_hold(&brand.tokens, &themes[0]);
        assert_pairs_hold(dark, &themes[1]);
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
        let messages = messages(&problems);
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
            themed: vec![ThemedTokens {
                theme: "dark".into(),
                attribute: "data-theme".into(),
                auto: Some(("auto".into(), "(prefers-color-scheme: dark)".into())),
                tokens: vec![(ACCENT.into(), hex("#8f7bff"))],
            }],
            restored: vec![],
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
                "\n",
                "@media (prefers-color-scheme: dark) {\n",
                "  [data-brand=\"acme \\\"x\\\"\"][data-theme=\"auto\"], ",
                ":host([data-brand=\"acme \\\"x\\\"\"][data-theme=\"auto\"]) {\n",
                "    --bd-color-accent-default: #8f7bff;\n",
                "  }\n",
                "}\n",
            )
        );
        assert!(brand
            .to_css("")
            .contains("  --color-accent-default: #571efa;\n"));
    }

    #[test]
    fn dark_block_also_applies_under_auto() {
        let brand = derive_brand(
            "opendesk",
            &input(&[("primary", "#571efa"), ("primary15", "#e7dffa")]),
            &opendesk_themes(),
        )
        .unwrap();
        let css = brand.to_css("bd");
        let dark_head = "[data-brand=\"opendesk\"][data-theme=\"dark\"], :host([data-brand=\"opendesk\"][data-theme=\"dark\"]) {\n";
        let auto_head = "@media (prefers-color-scheme: dark) {\n  [data-brand=\"opendesk\"][data-theme=\"auto\"], :host([data-brand=\"opendesk\"][data-theme=\"auto\"]) {\n";
        let dark_at = css.find(dark_head).expect("dark block");
        let auto_at = css.find(auto_head).expect("auto block");
        assert!(dark_at < auto_at);
        let declarations = |from: usize| -> Vec<String> {
            css[from..]
                .lines()
                .skip_while(|l| !l.contains("{") || l.starts_with("@media"))
                .skip(1)
                .take_while(|l| !l.trim_start().starts_with('}'))
                .map(|l| l.trim().to_owned())
                .collect()
        };
        let dark = declarations(dark_at);
        assert!(dark.contains(&format!(
            "--bd-color-accent-default: {};",
            token(&brand.themed[0].tokens, ACCENT).to_hex()
        )));
        assert_eq!(dark, declarations(auto_at));
        assert!(css.ends_with("  }\n}\n"));
    }

    /// Loads the token sources from disk, as the CLI does.
    struct Disk(std::path::PathBuf);

    impl crate::resolver::Loader for Disk {
        fn load(&mut self, reference: &str) -> Result<(String, String), String> {
            let path = self.0.join(reference);
            std::fs::read_to_string(&path)
                .map(|t| (path.display().to_string(), t))
                .map_err(|e| e.to_string())
        }
    }

    fn compiled_tokens() -> crate::resolver::Compiled {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tokens");
        let resolver = dir.join("bandeau.resolver.json");
        let text = std::fs::read_to_string(&resolver).unwrap();
        crate::resolver::compile_resolver(&resolver.display().to_string(), &text, &mut Disk(dir))
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
    }

    #[test]
    fn surfaces_and_auto_come_from_the_resolver() {
        let compiled = compiled_tokens();
        let themes = theme_surfaces(&compiled);
        // The high-contrast theme ignores brands, so it is only restored.
        let blind: Vec<_> = themes.iter().filter(|t| t.brand_blind).collect();
        assert_eq!(blind.len(), 1);
        assert_eq!(blind[0].theme, "high-contrast");
        assert_eq!(
            blind[0].auto,
            Some(("auto".into(), "(prefers-contrast: more)".into()))
        );
        let themes: Vec<ThemeSurfaces> = themes.into_iter().filter(|t| !t.brand_blind).collect();
        let summary = |themes: &[ThemeSurfaces]| -> Vec<String> {
            themes
                .iter()
                .map(|t| {
                    let colours = [&t.surface, &t.raised, &t.sunken, &t.text, &t.on_accent]
                        .map(Color::to_hex)
                        .join(" ");
                    format!(
                        "{} {} {colours} {} {:?}",
                        t.theme, t.dark, t.attribute, t.auto
                    )
                })
                .collect()
        };
        assert_eq!(summary(&themes), summary(&opendesk_themes()));

        let brand = derive_brand(
            "acme",
            &input(&[("primary", "#571efa"), ("primary15", "#e7dffa")]),
            &themes,
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        assert!(brand.to_css("bd").contains(
            "@media (prefers-color-scheme: dark) {\n  [data-brand=\"acme\"][data-theme=\"auto\"]"
        ));
    }

    /// The brand loads after the theme stylesheet with selectors as specific
    /// as the theme's, so the high-contrast theme's own colours are restored
    /// after the brand, and its `auto` block comes last.
    #[test]
    fn high_contrast_keeps_its_own_colours() {
        let compiled = compiled_tokens();
        let own = |path: &str| {
            compiled
                .find(&[("theme", "high-contrast")])
                .and_then(|p| p.tokens.get(path))
                .and_then(|t| t.value.as_color())
                .map(Color::to_css)
                .unwrap_or_else(|| panic!("no {path} in high-contrast"))
        };
        let themes = theme_surfaces(&compiled);
        let brand = derive_brand("acme", &input(&[("primary", "#571efa")]), &themes)
            .unwrap_or_else(|p| panic!("{p:?}"));
        let css = brand.to_css("bd");

        let sel = "[data-brand=\"acme\"][data-theme=\"high-contrast\"]";
        let head = format!("\n{sel}, :host({sel}) {{\n");
        let auto_sel = "[data-brand=\"acme\"][data-theme=\"auto\"]";
        let auto_head =
            format!("@media (prefers-contrast: more) {{\n  {auto_sel}, :host({auto_sel}) {{\n");
        let dark_auto = css
            .find("@media (prefers-color-scheme: dark) {\n")
            .expect("dark auto block");
        let hc_at = css.find(&head).unwrap_or_else(|| panic!("{css}"));
        let hc_auto_at = css.find(&auto_head).unwrap_or_else(|| panic!("{css}"));
        assert!(dark_auto < hc_at && hc_at < hc_auto_at, "{css}");

        let declarations = |from: usize| -> Vec<String> {
            css[from..]
                .lines()
                .skip_while(|l| !l.contains('{') || l.starts_with("@media"))
                .skip(1)
                .take_while(|l| !l.trim_start().starts_with('}'))
                .map(|l| l.trim().to_owned())
                .collect()
        };
        let restored = declarations(hc_at + 1);
        assert!(restored.contains(&format!("--bd-color-accent-default: {};", own(ACCENT))));
        assert_ne!(own(ACCENT), hex("#571efa").to_css());
        // Exactly the paths the brand overrides anywhere, in both blocks.
        let mut overridden: Vec<&str> = brand
            .tokens
            .iter()
            .chain(brand.themed.iter().flat_map(|t| &t.tokens))
            .map(|(p, _)| p.as_str())
            .collect();
        overridden.sort_by_key(|p| ORDER.iter().position(|o| o == p));
        overridden.dedup();
        let expected: Vec<String> = overridden
            .iter()
            .map(|p| format!("--bd-{}: {};", p.replace('.', "-"), own(p)))
            .collect();
        assert_eq!(restored, expected);
        assert_eq!(declarations(hc_auto_at), expected);
        assert!(css.ends_with("  }\n}\n"));
        assert_eq!(css.matches("@media").count(), 2);
    }

    /// [`PAIRS`] mirrors the contrast pairs the light and dark theme files
    /// declare on the paths a brand overrides.
    #[test]
    fn pairs_follow_the_theme_files() {
        let compiled = compiled_tokens();
        let mut expected: Vec<(String, String, f64)> = PAIRS
            .iter()
            .flat_map(|(fg, bgs, min)| bgs.iter().map(|bg| (fg.to_string(), bg.to_string(), *min)))
            .collect();
        expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let relevant_bg =
            |path: &str| matches!(path, SURFACE | RAISED | SUNKEN) || ORDER.contains(&path);
        for theme in ["light", "dark"] {
            let permutation = compiled.find(&[("theme", theme)]).unwrap();
            let mut declared = Vec::new();
            for t in &permutation.tokens.tokens {
                if !ORDER.contains(&t.path.as_str()) {
                    continue;
                }
                let Some(ext) = t
                    .extensions
                    .as_ref()
                    .and_then(|e| e.get(crate::lint::EXTENSION))
                else {
                    continue;
                };
                let list = ext.as_array().cloned().unwrap_or_else(|| vec![ext.clone()]);
                for pair in list {
                    let bg = pair["background"].as_str().unwrap();
                    let bg = bg.trim_start_matches('{').trim_end_matches('}');
                    let min = match pair.get("use").and_then(|u| u.as_str()) {
                        Some("ui" | "large-text") => UI_CONTRAST,
                        _ => TEXT_CONTRAST,
                    };
                    if relevant_bg(bg) {
                        declared.push((t.path.clone(), bg.to_owned(), min));
                    }
                }
            }
            declared.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            assert_eq!(declared, expected, "theme {theme}");
        }
    }

    #[test]
    fn ratio_is_floored() {
        assert_eq!(floor2(4.4999), "4.49");
        assert_eq!(floor2(21.0), "21.00");
    }

    #[test]
    fn surfaces_survive_a_json_round_trip() {
        let compiled = compiled_tokens();
        let surfaces = theme_surfaces(&compiled);
        assert!(surfaces.len() >= 3, "light, dark and high contrast");
        let again = surfaces_from_json(&surfaces_to_json(&surfaces)).unwrap();
        assert_eq!(again, surfaces);
        assert!(surfaces_from_json(&serde_json::json!([{"theme": "x"}])).is_err());
    }
}
