//! A target mapping: which token each key of an app's theming input takes.
//!
//! Mappings are data (`tokens/targets/<target>.json`), so a deployment with
//! its own token names remaps a target without rebuilding Bandeau:
//!
//! ```json
//! {
//!   "variants": [
//!     {"name": "light", "inputs": {"theme": "light"}},
//!     {"name": "dark", "inputs": {"theme": "dark"}, "dark": true,
//!      "media": "(prefers-color-scheme: dark)"}
//!   ],
//!   "keys": {
//!     "colors.primary": "{color.brand.primary}",
//!     "texts.productName": {"text": "openDesk"},
//!     "brand-050": {"mix": ["{color.white}", "{color.brand.primary}"], "amount": 0.1}
//!   },
//!   "contrast": [{"foreground": "colors.white", "background": "colors.primary", "use": "text"}]
//! }
//! ```
//!
//! A variant may carry its own `keys`, which replace the shared ones of the
//! same name in that variant only.

use crate::diagnostic::{Diagnostic, Source};
use crate::json::{self, Json, Span};
use crate::lint::Use;

/// One output variant: the modifier contexts it is compiled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub name: String,
    /// `(modifier, context)`; modifiers not named stay at each file set's
    /// context (the brand, for instance).
    pub inputs: Vec<(String, String)>,
    /// The variant is a dark theme (Element's `is_dark`).
    pub dark: bool,
    /// Where a stylesheet applies the variant when it is not the first.
    pub media: Option<String>,
    /// The rule's selector in a stylesheet, instead of the target's own
    /// (`:root.pf-v5-theme-dark`, the class an app sets for dark).
    pub selector: Option<String>,
    /// Keys of this variant only, over the shared ones.
    pub keys: Vec<Rule>,
    pub span: Span,
}

/// What a key takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `"{color.accent.default}"`.
    Token(String),
    /// `{"text": "openDesk"}`: text that no token holds (product names).
    Text(String),
    /// `{"mix": ["{a}", "{b}"], "amount": 0.15}`: `b` at `amount` over `a`,
    /// mixed in OKLab as the brand derivation mixes tints.
    Mix(Box<Expr>, Box<Expr>, f64),
}

impl Expr {
    /// How the mapping wrote it, for messages and the preview.
    pub fn describe(&self) -> String {
        match self {
            Expr::Token(p) => format!("{{{p}}}"),
            Expr::Text(t) => format!("text {t:?}"),
            Expr::Mix(a, b, t) => format!("mix({}, {}, {t})", a.describe(), b.describe()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub key: String,
    pub expr: Expr,
    pub span: Span,
}

/// A contrast pair between two keys of the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub foreground: String,
    pub background: String,
    pub usage: Use,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub variants: Vec<Variant>,
    pub keys: Vec<Rule>,
    pub contrast: Vec<Pair>,
}

impl Mapping {
    /// The rules of one variant: its own keys, then the shared ones it does
    /// not replace, in the mapping's order.
    pub fn rules<'a>(&'a self, variant: &'a Variant) -> impl Iterator<Item = &'a Rule> {
        self.keys
            .iter()
            .filter(|r| !variant.keys.iter().any(|v| v.key == r.key))
            .chain(variant.keys.iter())
    }
}

/// Parses a mapping document; every problem names its place in `source`.
pub fn parse(target: &str, source: &Source) -> Result<Mapping, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let root = match json::parse(&source.text) {
        Ok(j) => j,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                source,
                e.span,
                None,
                format!("{target}: invalid JSON: {}", e.message),
            )])
        }
    };
    let mut bad = |span: Span, message: String| {
        problems.push(Diagnostic::error(
            source,
            span,
            None,
            format!("{target}: {message}"),
        ))
    };
    let Some(members) = root.as_object() else {
        bad(root.span, "a mapping is a JSON object".into());
        return Err(problems);
    };
    let mut mapping = Mapping {
        variants: Vec::new(),
        keys: Vec::new(),
        contrast: Vec::new(),
    };
    duplicates(members, &mut bad);
    for m in members {
        match &*m.key {
            "variants" => match m.value.as_array() {
                Some(list) if !list.is_empty() => {
                    for v in list {
                        if let Some(variant) = variant(v, &mut bad) {
                            if mapping.variants.iter().any(|o| o.name == variant.name) {
                                bad(
                                    v.span,
                                    format!("variant `{}` is listed twice", variant.name),
                                );
                            }
                            mapping.variants.push(variant);
                        }
                    }
                }
                _ => bad(m.value.span, "`variants` is a non-empty list".into()),
            },
            "keys" => mapping.keys = rules(&m.value, &mut bad),
            "contrast" => match m.value.as_array() {
                Some(list) => {
                    for p in list {
                        if let Some(pair) = pair(p, &mut bad) {
                            mapping.contrast.push(pair);
                        }
                    }
                }
                None => bad(m.value.span, "`contrast` is a list of pairs".into()),
            },
            k if k.starts_with('$') => {}
            other => bad(
                m.key_span,
                format!("unknown member `{other}`; expected variants, keys, contrast"),
            ),
        }
    }
    if mapping.variants.is_empty() && root.get("variants").is_none() {
        bad(root.span, "the mapping has no `variants`".into());
    }
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(problems)
    }
}

fn variant(v: &Json, bad: &mut impl FnMut(Span, String)) -> Option<Variant> {
    let Some(members) = v.as_object() else {
        bad(
            v.span,
            "a variant is an object with `name` and `inputs`".into(),
        );
        return None;
    };
    let mut out = Variant {
        name: String::new(),
        inputs: Vec::new(),
        dark: false,
        media: None,
        selector: None,
        keys: Vec::new(),
        span: v.span,
    };
    duplicates(members, bad);
    for m in members {
        match (&*m.key, &m.value.kind) {
            ("name", json::Kind::String(s)) if !s.trim().is_empty() => out.name = s.to_string(),
            ("inputs", json::Kind::Object(inputs)) => {
                for i in inputs.iter() {
                    match i.value.as_str() {
                        Some(c) => out.inputs.push((i.key.to_string(), c.to_string())),
                        None => bad(
                            i.value.span,
                            format!("input `{}` names a context as a string", i.key),
                        ),
                    }
                }
            }
            ("dark", json::Kind::Bool(b)) => out.dark = *b,
            // A media query or selector goes into a stylesheet as it is; one
            // that could close the block or open a comment would write rules
            // of its own.
            ("media" | "selector", json::Kind::String(s)) if css_safe(s) => {
                let slot = if &*m.key == "media" {
                    &mut out.media
                } else {
                    &mut out.selector
                };
                *slot = Some(s.to_string());
            }
            ("media" | "selector", json::Kind::String(_)) => bad(
                m.value.span,
                format!(
                    "`{}` goes into a stylesheet as it is, so it cannot hold {{ }} ; < \\ or /*",
                    m.key
                ),
            ),
            ("keys", _) => out.keys = rules(&m.value, bad),
            (k, _) if k.starts_with('$') => {}
            ("name" | "inputs" | "dark" | "media" | "selector", _) => bad(
                m.value.span,
                format!("variant member `{}` has the wrong type", m.key),
            ),
            (other, _) => bad(
                m.key_span,
                format!(
                    "unknown variant member `{other}`; expected name, inputs, dark, media, selector, keys"
                ),
            ),
        }
    }
    if out.name.is_empty() {
        bad(v.span, "a variant needs a non-empty `name`".into());
        return None;
    }
    Some(out)
}

/// A media query or selector that can stand in a stylesheet as written:
/// nothing that could close the block or open a comment, and brackets and
/// quotes balanced, so it cannot swallow the rules after it.
fn css_safe(s: &str) -> bool {
    if s.trim().is_empty() || s.contains(['{', '}', ';', '<', '\\']) || s.contains("/*") {
        return false;
    }
    let mut open: Vec<char> = Vec::new();
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => open.push(c),
            (None, ')') if open.pop() != Some('(') => return false,
            (None, ']') if open.pop() != Some('[') => return false,
            _ => {}
        }
    }
    quote.is_none() && open.is_empty()
}

/// JSON allows a member twice and keeps either; a mapping that says two
/// things for one member is a mistake to name, not to guess at.
fn duplicates(members: &[json::Member], bad: &mut impl FnMut(Span, String)) {
    for (i, m) in members.iter().enumerate() {
        if members[..i].iter().any(|o| o.key == m.key) {
            bad(m.key_span, format!("`{}` is given twice", m.key));
        }
    }
}

fn rules(v: &Json, bad: &mut impl FnMut(Span, String)) -> Vec<Rule> {
    let Some(members) = v.as_object() else {
        bad(v.span, "`keys` is an object of target key → token".into());
        return Vec::new();
    };
    let mut out: Vec<Rule> = Vec::new();
    for m in members {
        if out.iter().any(|r| *r.key == *m.key) {
            bad(m.key_span, format!("key `{}` is mapped twice", m.key));
            continue;
        }
        if let Some(expr) = expr(&m.key, &m.value, bad) {
            out.push(Rule {
                key: m.key.to_string(),
                expr,
                span: m.value.span,
            });
        }
    }
    out
}

fn expr(key: &str, v: &Json, bad: &mut impl FnMut(Span, String)) -> Option<Expr> {
    let reference = |s: &str| {
        s.strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .filter(|p| !p.is_empty() && !p.contains(['{', '}']))
            .map(str::to_string)
    };
    if let Some(s) = v.as_str() {
        return match reference(s) {
            Some(path) => Some(Expr::Token(path)),
            None => {
                bad(
                    v.span,
                    format!(
                        "{key}: `{s}` is not a token reference; write `{{path.to.token}}`, or {{\"text\": …}} for text"
                    ),
                );
                None
            }
        };
    }
    if let Some(members) = v.as_object() {
        duplicates(members, bad);
        let allowed: &[&str] = if v.get("mix").is_some() {
            &["mix", "amount"]
        } else {
            &["text"]
        };
        for m in members.iter().filter(|m| !allowed.contains(&&*m.key)) {
            bad(
                m.key_span,
                format!(
                    "{key}: unknown member `{}`; expected {}",
                    m.key,
                    allowed.join(", ")
                ),
            );
        }
    }
    if let Some(text) = v.get("text") {
        return match text.as_str() {
            Some(t) => Some(Expr::Text(t.to_string())),
            None => {
                bad(text.span, format!("{key}: `text` is a string"));
                None
            }
        };
    }
    if let Some(ends) = v.get("mix") {
        let amount = v.get("amount").and_then(Json::as_f64);
        let pair = ends.as_array().filter(|a| a.len() == 2);
        return match (pair, amount) {
            (Some([a, b]), Some(t)) if (0.0..=1.0).contains(&t) => {
                let a = expr(key, a, bad)?;
                let b = expr(key, b, bad)?;
                Some(Expr::Mix(Box::new(a), Box::new(b), t))
            }
            _ => {
                bad(
                    v.span,
                    format!("{key}: a mix is {{\"mix\": [\"{{a}}\", \"{{b}}\"], \"amount\": 0…1}}"),
                );
                None
            }
        };
    }
    bad(
        v.span,
        format!("{key}: expected \"{{token.path}}\", {{\"text\": …}} or {{\"mix\": …}}"),
    );
    None
}

fn pair(v: &Json, bad: &mut impl FnMut(Span, String)) -> Option<Pair> {
    if let Some(members) = v.as_object() {
        duplicates(members, bad);
    }
    let get = |k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
    let usage = match get("use") {
        None => Some(Use::Text),
        Some(u) => Use::from_name(&u),
    };
    match (get("foreground"), get("background"), usage) {
        (Some(foreground), Some(background), Some(usage)) => Some(Pair {
            foreground,
            background,
            usage,
            span: v.span,
        }),
        _ => {
            bad(
                v.span,
                "a contrast pair is {\"foreground\": KEY, \"background\": KEY, \"use\": text|large-text|ui}"
                    .into(),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Mapping, Vec<String>> {
        parse("demo", &Source::new("targets/demo.json", text))
            .map_err(|d| d.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn keys_variants_and_pairs_are_read_in_order() {
        let m = parse_text(
            r#"{"variants": [{"name": "light", "inputs": {"theme": "light"}},
                {"name": "dark", "inputs": {"theme": "dark"}, "dark": true,
                 "keys": {"b": "{y}"}}],
              "keys": {"a": "{x}", "b": "{z}", "t": {"text": "Hi"},
                       "m": {"mix": ["{w}", "{x}"], "amount": 0.25}},
              "contrast": [{"foreground": "a", "background": "b", "use": "ui"}]}"#,
        )
        .unwrap();
        assert_eq!(m.variants[1].inputs, [("theme".into(), "dark".into())]);
        assert!(m.variants[1].dark);
        let dark: Vec<String> = m
            .rules(&m.variants[1])
            .map(|r| format!("{}={}", r.key, r.expr.describe()))
            .collect();
        assert_eq!(
            dark,
            ["a={x}", "t=text \"Hi\"", "m=mix({w}, {x}, 0.25)", "b={y}"]
        );
        assert_eq!(m.contrast[0].usage, Use::Ui);
    }

    #[test]
    fn a_bare_path_is_refused_with_its_place() {
        let err = parse_text(
            "{\"variants\": [{\"name\": \"l\", \"inputs\": {}}],\n \"keys\": {\"a\": \"color.x\"}}",
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0]
                .starts_with("targets/demo.json:2:16: demo: a: `color.x` is not a token reference"),
            "{err:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = parse_text(
            r#"{"variants": [{"inputs": {}}], "keys": {"a": 3, "b": {"mix": ["{a}"], "amount": 2}},
               "contrast": [{"foreground": "a"}], "extra": 1}"#,
        )
        .unwrap_err();
        assert_eq!(err.len(), 5, "{err:#?}");
    }

    #[test]
    fn a_media_query_cannot_write_rules_of_its_own() {
        let err = parse_text(
            r#"{"variants": [{"name": "d", "inputs": {}, "media": "(x) { } body { display: none } @media (y)"}]}"#,
        )
        .unwrap_err();
        assert!(
            err[0].contains("demo: `media` goes into a stylesheet as it is"),
            "{err:?}"
        );
        let err = parse_text(
            r#"{"variants": [{"name": "d", "inputs": {}, "selector": "html} body {color: red"}]}"#,
        )
        .unwrap_err();
        assert!(err[0].contains("demo: `selector` goes into"), "{err:?}");
        assert!(parse_text(
            r#"{"variants": [{"name": "d", "inputs": {}, "media": "(prefers-color-scheme: dark)"}]}"#
        )
        .is_ok());
    }

    #[test]
    fn twice_said_and_unknown_members_are_named() {
        let err = parse_text(
            r#"{"variants": [{"name": "l", "name": "m", "inputs": {}}],
                "keys": {"a": {"text": "x", "text": "y"}, "b": {"text": "x", "mix": 1}},
                "keys": {}}"#,
        )
        .unwrap_err();
        let all = err.join("\n");
        assert!(all.contains("demo: `name` is given twice"), "{all}");
        assert!(all.contains("demo: `text` is given twice"), "{all}");
        assert!(all.contains("demo: `keys` is given twice"), "{all}");
        assert!(
            all.contains("demo: b: unknown member `text`; expected mix, amount"),
            "{all}"
        );
    }

    #[test]
    fn an_unbalanced_media_query_or_selector_is_refused() {
        for (member, value) in [
            ("media", "(prefers-color-scheme: dark"),
            ("selector", ":root[data-x=\\\"]"),
            ("selector", ":root)"),
        ] {
            let text = format!(
                r#"{{"variants": [{{"name": "d", "inputs": {{}}, "{member}": "{value}"}}]}}"#
            );
            assert!(parse_text(&text).is_err(), "{member}: {value}");
        }
        assert!(parse_text(
            r#"{"variants": [{"name": "d", "inputs": {}, "selector": ":root[data-x=\"a)\"]"}]}"#
        )
        .is_ok());
    }
}
