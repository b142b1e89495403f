//! The suite's apps' own theming inputs, made from the tokens: openDesk's
//! Helm theme values and portal stylesheet, Cunningham themes for La Suite,
//! Element Web custom themes, Nextcloud's theming settings, OpenProject's
//! design variables, OX App Suite's dynamic theme, XWiki's Flamingo
//! colour themes and PatternFly 5's globals for Keycloak's login form.
//!
//! What each key takes is data (a [`mapping`] per target, kept in
//! `tokens/targets/`); what a target can hold and how its file is laid out
//! is code, one module per target. A build either yields every file of a
//! target or fails with one diagnostic per problem, each naming the
//! target, its key and the token path.

pub mod mapping;

mod cunningham;
mod element;
mod keycloak;
mod nextcloud;
mod opendesk;
mod openproject;
mod ox;
mod tree;
mod xwiki;

use crate::color::{contrast_ratio, mix_oklab, Color};
use crate::diagnostic::{Diagnostic, Source};
use crate::emit::{css, OutputFile};
use crate::json;
use crate::lint::PairResult;
use crate::resolver::{Compiled, Permutation};
use crate::value::Value;
use mapping::{Expr, Mapping, Rule, Variant};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Opendesk,
    Cunningham,
    Element,
    Nextcloud,
    Openproject,
    Ox,
    Xwiki,
    Keycloak,
}

impl Target {
    pub const ALL: [Target; 8] = [
        Target::Opendesk,
        Target::Cunningham,
        Target::Element,
        Target::Nextcloud,
        Target::Openproject,
        Target::Ox,
        Target::Xwiki,
        Target::Keycloak,
    ];

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The mapping's file name in a `targets/` folder.
    pub fn mapping_file(self) -> String {
        format!("{}.json", self.name())
    }

    /// The files a build of this target writes (for the default file set).
    pub fn files(self) -> &'static [&'static str] {
        self.spec().files
    }

    fn spec(self) -> &'static Spec {
        match self {
            Target::Opendesk => &opendesk::SPEC,
            Target::Cunningham => &cunningham::SPEC,
            Target::Element => &element::SPEC,
            Target::Nextcloud => &nextcloud::SPEC,
            Target::Openproject => &openproject::SPEC,
            Target::Ox => &ox::SPEC,
            Target::Xwiki => &xwiki::SPEC,
            Target::Keycloak => &keycloak::SPEC,
        }
    }
}

/// What a target knows about itself.
struct Spec {
    name: &'static str,
    files: &'static [&'static str],
    /// What a key must hold; `None` when the target has no such key.
    kind: fn(&str) -> Option<Kind>,
    /// Keys every variant must map: the target resets or breaks without them.
    required: &'static [&'static str],
    /// Lays out the files of one file set.
    write: fn(&Rendered) -> Vec<OutputFile>,
    /// What the target asks of the mapping beyond its keys (variant names).
    check: fn(&Mapping) -> Vec<(json::Span, String)>,
}

/// For targets that ask nothing more.
fn no_check(_: &Mapping) -> Vec<(json::Span, String)> {
    Vec::new()
}

/// What a target key can hold, and so how a value is written into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `#rrggbb`: opaque sRGB only.
    Hex,
    /// `#rrggbb`, or `#rrggbbaa` for a translucent colour.
    HexAlpha,
    /// Any CSS colour: hex or `rgba()` in sRGB, the token's own space beyond.
    CssColor,
    /// One CSS value of any token type that has one (colour, dimension,
    /// font family, number, …), or text as a CSS string.
    Css,
    /// A CSS `font-family` list.
    FontFamily,
    /// A CSS length.
    Length,
    /// Plain text (product names, URLs).
    Text,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Hex | Kind::HexAlpha | Kind::CssColor => "a colour",
            Kind::Css => "a CSS value",
            Kind::FontFamily => "a font family",
            Kind::Length => "a dimension",
            Kind::Text => "text ({\"text\": …})",
        }
    }
}

/// What one key receives in one variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    /// The mapping's expression, as written (`{color.brand.primary}`).
    pub source: String,
    /// The colour, for swatches and contrast; `None` for other values.
    pub color: Option<Color>,
    /// Exactly what the file holds for the key.
    pub text: String,
}

/// The keys of one variant (one theme) of a file set.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedVariant {
    pub name: String,
    /// The permutation it was compiled in (`light.default`).
    pub permutation: String,
    pub dark: bool,
    pub media: Option<String>,
    pub selector: Option<String>,
    pub entries: Vec<Entry>,
    /// The mapping's contrast pairs, checked on what this variant writes.
    pub contrast: Vec<PairResult>,
}

impl RenderedVariant {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// One file set of a target: the variants for one context of every
/// modifier the variants leave open (one per brand).
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub target: Target,
    /// `(modifier, context)` of the open modifiers.
    pub set: Vec<(String, String)>,
    /// Folder of the files, `""` for the default set, else `ocean/`.
    pub folder: String,
    /// First line of every file (without comment syntax).
    pub header: String,
    pub variants: Vec<RenderedVariant>,
}

impl Rendered {
    fn file(&self, name: &str, contents: String) -> OutputFile {
        OutputFile {
            name: format!("{}{name}", self.folder),
            contents,
        }
    }

    /// Entries of the first variant whose key starts with `prefix`, prefix
    /// removed.
    fn first_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Entry)> {
        self.variants[0]
            .entries
            .iter()
            .filter_map(move |e| e.key.strip_prefix(prefix).map(|k| (k, e)))
    }
}

/// One shell word whatever the text holds (the Nextcloud and XWiki
/// scripts).
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `--name` with CSS identifier characters only, so a key can never end
/// the declaration block of a [`stylesheet`].
fn is_custom_property(key: &str) -> bool {
    key.len() > 2
        && key.starts_with("--")
        && key[2..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Custom properties of every variant: each on its own selector or the
/// target's `selector`, the others than the first under their media query;
/// a later variant with neither goes on `selector[data-theme=NAME]`. Keys
/// are custom-property names, checked by the target's `kind`.
fn stylesheet(set: &Rendered, selector: &str) -> String {
    let mut out = format!("/* {} */\n", set.header);
    for (i, v) in set.variants.iter().enumerate() {
        let decls: Vec<String> = v
            .entries
            .iter()
            .filter(|e| e.key.starts_with("--"))
            .map(|e| format!("{}: {};", e.key, e.text))
            .collect();
        if decls.is_empty() {
            continue;
        }
        let own = v.selector.as_deref().unwrap_or(selector);
        let (open, indent, close) = match (i, &v.media, &v.selector) {
            (0, _, _) | (_, None, Some(_)) => (format!("{own} {{\n"), "  ", "}\n"),
            (_, Some(media), _) => (
                format!("@media {media} {{\n  {own} {{\n"),
                "    ",
                "  }\n}\n",
            ),
            (_, None, None) => (
                format!("{selector}[data-theme={}] {{\n", css::quote(&v.name)),
                "  ",
                "}\n",
            ),
        };
        out.push_str(&format!(
            "\n/* {} */\n{open}",
            comment_text(&format!("{} ({})", v.name, v.permutation))
        ));
        for d in decls {
            out.push_str(indent);
            out.push_str(&d);
            out.push('\n');
        }
        out.push_str(close);
    }
    out
}

/// A target's build: its files, what each key received, and the notes
/// (gamut mapping) that did not stop it.
#[derive(Clone, Debug)]
pub struct Output {
    pub files: Vec<OutputFile>,
    pub sets: Vec<Rendered>,
    pub warnings: Vec<Diagnostic>,
}

/// Builds `target` from the compiled tokens with the mapping in `mapping`.
/// `source_name` names the tokens in the files' headers.
pub fn build(
    compiled: &Compiled,
    target: Target,
    mapping: &Source,
    source_name: &str,
) -> Result<Output, Vec<Diagnostic>> {
    let spec = target.spec();
    let parsed = mapping::parse(spec.name, mapping)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    // Unknown and missing keys are reported with every other problem;
    // only variants that name no permutation stop the build here.
    check_keys(spec, &parsed, mapping, &mut problems);
    for (span, message) in (spec.check)(&parsed) {
        problems.push(Diagnostic::error(
            mapping,
            span,
            None,
            format!("{}: {message}", spec.name),
        ));
    }
    let mut variant_problems = Vec::new();
    let open = open_modifiers(compiled, &parsed, mapping, spec.name, &mut variant_problems);
    if !variant_problems.is_empty() {
        problems.extend(variant_problems);
        return Err(problems);
    }
    let mut sets = Vec::new();
    for set in file_sets(compiled, &open) {
        let folder = if set.iter().all(|(m, c)| is_default(compiled, m, c)) {
            String::new()
        } else {
            let label: Vec<String> = set.iter().map(|(_, c)| folder_segment(c)).collect();
            format!("{}/", label.join("."))
        };
        let set_label: Vec<String> = set.iter().map(|(m, c)| format!("{m} {c}")).collect();
        let mut rendered = Rendered {
            target,
            header: comment_text(&format!(
                "Generated by bandeau-tokens from {source_name} with {}{}. Do not edit.",
                mapping.name,
                if set_label.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", set_label.join(", "))
                }
            )),
            set,
            folder,
            variants: Vec::new(),
        };
        for variant in &parsed.variants {
            let mut inputs: Vec<(&str, &str)> = variant
                .inputs
                .iter()
                .map(|(m, c)| (m.as_str(), c.as_str()))
                .collect();
            inputs.extend(rendered.set.iter().map(|(m, c)| (m.as_str(), c.as_str())));
            let Some(permutation) = compiled.find(&inputs) else {
                continue;
            };
            let mut out = RenderedVariant {
                name: variant.name.clone(),
                permutation: permutation.label(),
                dark: variant.dark,
                media: variant.media.clone(),
                selector: variant.selector.clone(),
                entries: Vec::new(),
                contrast: Vec::new(),
            };
            for rule in parsed.rules(variant) {
                let Some(kind) = (spec.kind)(&rule.key) else {
                    continue;
                };
                let ctx = Context {
                    compiled,
                    target: spec.name,
                    source: mapping,
                    rule,
                    permutation,
                };
                match ctx.entry(kind, &mut warnings) {
                    Ok(entry) => out.entries.push(entry),
                    Err(d) => problems.push(d),
                }
            }
            check_pairs(&parsed, variant, &mut out, &mut |pair, key| {
                problems.push(Diagnostic::error(
                    mapping,
                    pair.span,
                    None,
                    format!(
                        "{}: contrast pair names `{key}`, which holds no colour in {}",
                        spec.name, variant.name
                    ),
                ))
            });
            rendered.variants.push(out);
        }
        sets.push(rendered);
    }
    let checked = sets
        .iter()
        .flat_map(|s| &s.variants)
        .flat_map(|v| v.contrast.iter().map(move |c| (v, c)));
    for (v, c) in checked.filter(|(_, c)| !c.passes()) {
        let pair = parsed
            .contrast
            .iter()
            .find(|p| p.foreground == c.foreground && p.background == c.background);
        problems.push(Diagnostic::error(
            mapping,
            pair.map(|p| p.span).unwrap_or_default(),
            None,
            format!(
                "{}: {} on {}: contrast {:.2}:1 in {} is below {}:1 for {}",
                spec.name,
                c.foreground,
                c.background,
                c.shown_ratio(),
                if c.permutation.is_empty() {
                    v.name.clone()
                } else {
                    format!("{} ({})", v.name, c.permutation)
                },
                c.usage.minimum(),
                c.usage.name()
            ),
        ));
    }
    dedup(&mut problems);
    dedup(&mut warnings);
    if !problems.is_empty() {
        return Err(problems);
    }
    let files = sets.iter().flat_map(|s| (spec.write)(s)).collect();
    Ok(Output {
        files,
        sets,
        warnings,
    })
}

/// Text that stays inside a one-line comment of any of the targets' file
/// kinds (`#`, `//`, `/* */`, JSON string, CSS inlined in HTML): file names
/// and variant names can hold anything, including characters that
/// JavaScript and YAML take for line ends.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{2028}' | '\u{2029}' | '\u{feff}' => ' ',
            '<' => '‹',
            '>' => '›',
            c => c,
        })
        .collect::<String>()
        .replace("*/", "* /")
}

/// A context name as one folder name below `--out`: anything that could
/// climb out of it, or make two sets share a folder, becomes `_`.
fn folder_segment(context: &str) -> String {
    let out: String = context
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".into()
    } else {
        out
    }
}

/// The same problem met in every brand is reported once.
fn dedup(list: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    list.retain(|d| {
        let key = (d.line, d.column, d.message.clone());
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
}

fn is_default(compiled: &Compiled, modifier: &str, context: &str) -> bool {
    compiled
        .modifiers
        .iter()
        .any(|m| m.name == modifier && m.default == context)
}

/// Unknown keys and required keys a variant leaves unmapped.
fn check_keys(spec: &Spec, parsed: &Mapping, source: &Source, problems: &mut Vec<Diagnostic>) {
    let all = parsed
        .keys
        .iter()
        .chain(parsed.variants.iter().flat_map(|v| v.keys.iter()));
    for rule in all {
        if (spec.kind)(&rule.key).is_none() {
            problems.push(Diagnostic::error(
                source,
                rule.span,
                None,
                format!("{}: {}: {} has no such key", spec.name, rule.key, spec.name),
            ));
        }
    }
    for variant in &parsed.variants {
        for key in spec.required {
            if !parsed.rules(variant).any(|r| r.key == *key) {
                problems.push(Diagnostic::error(
                    source,
                    variant.span,
                    None,
                    format!(
                        "{}: {key}: the target needs this key, but variant `{}` maps no token to it",
                        spec.name, variant.name
                    ),
                ));
            }
        }
    }
    for pair in &parsed.contrast {
        for key in [&pair.foreground, &pair.background] {
            if !parsed.keys.iter().any(|r| &r.key == key)
                && !parsed
                    .variants
                    .iter()
                    .all(|v| v.keys.iter().any(|r| &r.key == key))
            {
                problems.push(Diagnostic::error(
                    source,
                    pair.span,
                    None,
                    format!(
                        "{}: contrast pair names `{key}`, which the mapping does not map",
                        spec.name
                    ),
                ));
            }
        }
    }
}

/// The modifiers no variant sets: each of their contexts gets a file set.
/// Variant inputs must name real modifiers and contexts.
fn open_modifiers(
    compiled: &Compiled,
    parsed: &Mapping,
    source: &Source,
    target: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    for v in &parsed.variants {
        for (m, c) in &v.inputs {
            match compiled.modifiers.iter().find(|x| &x.name == m) {
                None => problems.push(Diagnostic::error(
                    source,
                    v.span,
                    None,
                    format!(
                        "{target}: variant `{}` sets modifier `{m}`, which the tokens do not have",
                        v.name
                    ),
                )),
                Some(x) if !x.contexts.contains(c) => problems.push(Diagnostic::error(
                    source,
                    v.span,
                    None,
                    format!(
                        "{target}: variant `{}` asks for {m} `{c}`; the contexts are {}",
                        v.name,
                        x.contexts.join(", ")
                    ),
                )),
                Some(_) => {}
            }
        }
    }
    compiled
        .modifiers
        .iter()
        .filter(|m| {
            !parsed
                .variants
                .iter()
                .any(|v| v.inputs.iter().any(|(n, _)| n == &m.name))
        })
        .map(|m| m.name.clone())
        .collect()
}

/// Every combination of contexts of the open modifiers, default first.
fn file_sets(compiled: &Compiled, open: &[String]) -> Vec<Vec<(String, String)>> {
    let mut sets: Vec<Vec<(String, String)>> = Vec::new();
    let base = compiled.base();
    let mut ordered: Vec<&Permutation> = vec![base];
    ordered.extend(
        compiled
            .permutations
            .iter()
            .filter(|p| !std::ptr::eq(*p, base)),
    );
    for p in ordered {
        let set: Vec<(String, String)> = open
            .iter()
            .filter_map(|m| p.context(m).map(|c| (m.clone(), c.to_string())))
            .collect();
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets
}

/// One rule evaluated in one permutation.
struct Context<'a> {
    compiled: &'a Compiled,
    target: &'a str,
    source: &'a Source,
    rule: &'a Rule,
    permutation: &'a Permutation,
}

/// A value before it is written.
enum Resolved {
    Color(Color),
    Text(String),
    Token(Value),
}

impl Context<'_> {
    fn problem(&self, message: String) -> Diagnostic {
        Diagnostic::error(
            self.source,
            self.rule.span,
            None,
            format!("{}: {}: {message}", self.target, self.rule.key),
        )
    }

    fn resolve(&self, expr: &Expr) -> Result<Resolved, Diagnostic> {
        match expr {
            Expr::Text(t) => Ok(Resolved::Text(t.clone())),
            Expr::Token(path) => match self.permutation.tokens.get(path) {
                // Said once for the whole mapping when no permutation has
                // it, per permutation when only some lack it.
                None if self
                    .compiled
                    .permutations
                    .iter()
                    .all(|p| p.tokens.get(path).is_none()) =>
                {
                    let group = format!("{path}.");
                    let is_group = self
                        .permutation
                        .tokens
                        .tokens
                        .iter()
                        .any(|t| t.path.starts_with(&group));
                    Err(self.problem(if is_group {
                        format!("`{path}` is a group, not a token")
                    } else {
                        format!("token `{path}` does not exist")
                    }))
                }
                None => Err(self.problem(format!(
                    "token `{path}` does not exist in {}",
                    self.permutation.label()
                ))),
                Some(t) => Ok(match &t.value {
                    Value::Color(c) => Resolved::Color(c.clone()),
                    v => Resolved::Token(v.clone()),
                }),
            },
            Expr::Mix(a, b, amount) => match (self.resolve(a)?, self.resolve(b)?) {
                (Resolved::Color(a), Resolved::Color(b)) => {
                    Ok(Resolved::Color(mix_oklab(&a, &b, *amount)))
                }
                _ => Err(self.problem(format!(
                    "`{}` mixes values that are not both colours",
                    expr.describe()
                ))),
            },
        }
    }

    fn entry(&self, kind: Kind, warnings: &mut Vec<Diagnostic>) -> Result<Entry, Diagnostic> {
        let resolved = self.resolve(&self.rule.expr)?;
        let source = self.rule.expr.describe();
        let mismatch = |what: &str| {
            self.problem(format!(
                "needs {}, but `{source}` is {what}",
                kind.describe()
            ))
        };
        let what = |v: &Value| format!("a {}", v.ty().name());
        let (color, text) = match (kind, resolved) {
            (Kind::Hex | Kind::HexAlpha | Kind::CssColor | Kind::Css, Resolved::Color(c)) => {
                let text = self.write_color(kind, &c, &source, warnings)?;
                (Some(c), text)
            }
            (Kind::Hex | Kind::HexAlpha | Kind::CssColor, Resolved::Token(v)) => {
                return Err(mismatch(&what(&v)))
            }
            (Kind::Text, Resolved::Text(t)) => (None, t),
            (Kind::Css, Resolved::Text(t)) => (None, css::quote(&t)),
            (Kind::FontFamily | Kind::Css, Resolved::Token(Value::FontFamily(f))) => {
                (None, css::font_family(&f))
            }
            (Kind::Length | Kind::Css, Resolved::Token(Value::Dimension(d))) => {
                (None, css::dimension(&d))
            }
            (Kind::Css, Resolved::Token(Value::Number(n))) => (None, css::num(n)),
            (Kind::Css, Resolved::Token(Value::FontWeight(w))) => (None, css::num(w.weight)),
            (Kind::Css, Resolved::Token(Value::Duration(d))) => (None, css::duration(&d)),
            (_, Resolved::Text(_)) => return Err(mismatch("text")),
            (_, Resolved::Color(_)) => return Err(mismatch("a colour")),
            (_, Resolved::Token(v)) => return Err(mismatch(&what(&v))),
        };
        Ok(Entry {
            key: self.rule.key.clone(),
            source,
            color,
            text,
        })
    }

    fn write_color(
        &self,
        kind: Kind,
        c: &Color,
        source: &str,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<String, Diagnostic> {
        let css_native = matches!(kind, Kind::CssColor | Kind::Css);
        if !c.in_srgb_gamut() && !css_native {
            let mut d = self.problem(format!(
                "`{source}` ({}) is outside sRGB, which this key cannot hold; written gamut-mapped as {}",
                c.to_css(),
                c.to_hex()
            ));
            d.severity = crate::Severity::Warning;
            warnings.push(d);
        }
        let alpha = if c.alpha.is_nan() {
            1.0
        } else {
            c.alpha.clamp(0.0, 1.0)
        };
        let hex = c.to_hex();
        let alpha_byte = (alpha * 255.0).round() as u8;
        Ok(match kind {
            Kind::Hex if alpha_byte < 255 => {
                return Err(self.problem(format!(
                    "`{source}` is translucent ({}), which a #rrggbb key cannot hold",
                    c.to_css()
                )))
            }
            Kind::Hex => hex,
            Kind::HexAlpha if alpha_byte < 255 => format!("{hex}{alpha_byte:02x}"),
            Kind::HexAlpha => hex,
            _ if !c.in_srgb_gamut() => c.to_css(),
            _ if alpha_byte < 255 => {
                let [r, g, b] = c.to_srgb_clamped().map(|v| (v * 255.0).round() as u8);
                format!("rgba({r}, {g}, {b}, {})", css::num(alpha))
            }
            _ => hex,
        })
    }
}

/// Checks the mapping's pairs in one variant, with a translucent background
/// seen over the page (white, or black in a dark variant).
fn check_pairs(
    parsed: &Mapping,
    variant: &Variant,
    out: &mut RenderedVariant,
    not_a_colour: &mut impl FnMut(&mapping::Pair, &str),
) {
    let page = if variant.dark {
        Color::srgb(0.0, 0.0, 0.0)
    } else {
        Color::srgb(1.0, 1.0, 1.0)
    };
    for pair in &parsed.contrast {
        let color = |key: &str| out.get(key).map(|e| e.color.as_ref());
        let (fg, bg) = match (color(&pair.foreground), color(&pair.background)) {
            (Some(Some(fg)), Some(Some(bg))) => (fg, bg),
            (Some(None), _) => {
                not_a_colour(pair, &pair.foreground);
                continue;
            }
            (_, Some(None)) => {
                not_a_colour(pair, &pair.background);
                continue;
            }
            // A key that failed to resolve has its own diagnostic.
            _ => continue,
        };
        let bg = if bg.alpha < 1.0 {
            bg.over(&page)
        } else {
            bg.clone()
        };
        let ratio = contrast_ratio(fg, &bg);
        out.contrast.push(PairResult {
            foreground: pair.foreground.clone(),
            background: pair.background.clone(),
            usage: pair.usage,
            permutation: out.permutation.clone(),
            ratio,
        });
    }
}
