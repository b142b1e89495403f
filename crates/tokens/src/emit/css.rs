//! CSS custom properties: one `:root, :host` block for the default
//! permutation, then one block per other permutation holding only what
//! differs, selected by attributes (`[data-theme="dark"]`) and, for a
//! modifier's `auto` value, by media queries.
//!
//! Which declarations a block needs is decided by simulating the cascade
//! (specificity grows with the number of attributes, later wins on ties), so
//! every attribute combination computes exactly its permutation's values.

use super::{header, var_name, Options};
use crate::resolver::{Compiled, Permutation};
use crate::value::{
    Dimension, DimensionUnit, Duration, DurationUnit, FontWeight, Shadow, StrokeStyle, Sub, Value,
};
use crate::{Token, TokenSet};
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write;

/// Shortest decimal form, no trailing zeros, no `-0`.
pub fn num(n: f64) -> String {
    // Past 1e15 there are no decimals left to round, and scaling by 10 000
    // can overflow to `inf`, which is not CSS: use exponent notation.
    if n.abs() >= 1e15 {
        return format!("{n:e}");
    }
    let r = (n * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        return "0".into();
    }
    let s = format!("{r}");
    s
}

pub fn dimension(d: &Dimension) -> String {
    let unit = match d.unit {
        DimensionUnit::Px => "px",
        DimensionUnit::Rem => "rem",
    };
    // `0` needs no unit, but keep it: `calc()` rejects unitless zero lengths.
    format!("{}{unit}", num(d.value))
}

pub fn duration(d: &Duration) -> String {
    let unit = match d.unit {
        DurationUnit::Ms => "ms",
        DurationUnit::S => "s",
    };
    format!("{}{unit}", num(d.value))
}

pub fn font_family(names: &[String]) -> String {
    const GENERIC: &[&str] = &[
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "math",
        "emoji",
        "fangsong",
    ];
    names
        .iter()
        .map(|n| {
            let plain = n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !n.starts_with(|c: char| c.is_ascii_digit() || c == '-');
            if GENERIC.contains(&n.as_str()) || plain {
                n.clone()
            } else {
                quote(n)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A CSS string literal; text from token files stays text.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '<' || c == '>' => {
                let _ = write!(out, "\\{:x} ", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn weight(w: &FontWeight) -> String {
    num(w.weight)
}

pub fn cubic_bezier(b: &[f64; 4]) -> String {
    format!(
        "cubic-bezier({}, {}, {}, {})",
        num(b[0]),
        num(b[1]),
        num(b[2]),
        num(b[3])
    )
}

fn stroke(s: &StrokeStyle) -> String {
    match s {
        StrokeStyle::Keyword(k) => (*k).to_string(),
        // CSS borders cannot draw a custom dash pattern; `dashed` is the
        // nearest rendering, and the JSON output keeps the full pattern.
        StrokeStyle::Dashes { .. } => "dashed".into(),
    }
}

/// Renders values, optionally turning aliases into `var()` references.
pub struct Renderer<'a> {
    pub set: &'a TokenSet,
    pub prefix: &'a str,
    pub references: bool,
}

impl Renderer<'_> {
    fn sub<T>(&self, s: &Sub<T>, literal: impl Fn(&T) -> String) -> String {
        match (self.references, s.alias) {
            (true, Some(a)) => {
                format!("var({})", var_name(self.prefix, &self.set.by_index(a).path))
            }
            _ => literal(&s.value),
        }
    }

    fn shadow(&self, s: &Shadow) -> String {
        let mut out = String::new();
        if s.inset {
            out.push_str("inset ");
        }
        let _ = write!(
            out,
            "{} {} {} {} {}",
            self.sub(&s.offset_x, dimension),
            self.sub(&s.offset_y, dimension),
            self.sub(&s.blur, dimension),
            self.sub(&s.spread, dimension),
            self.sub(&s.color, |c| c.to_css()),
        );
        out
    }

    /// The value of a token as CSS (its whole value, aliases followed).
    pub fn value(&self, v: &Value) -> String {
        match v {
            Value::Color(c) => c.to_css(),
            Value::Dimension(d) => dimension(d),
            Value::FontFamily(f) => font_family(f),
            Value::FontWeight(w) => weight(w),
            Value::Duration(d) => duration(d),
            Value::CubicBezier(b) => cubic_bezier(b),
            Value::Number(n) => num(*n),
            Value::StrokeStyle(s) => stroke(s),
            Value::Border(b) => format!(
                "{} {} {}",
                self.sub(&b.width, dimension),
                self.sub(&b.style, stroke),
                self.sub(&b.color, |c| c.to_css())
            ),
            Value::Transition(t) => format!(
                "{} {} {}",
                self.sub(&t.duration, duration),
                self.sub(&t.timing_function, cubic_bezier),
                self.sub(&t.delay, duration)
            ),
            Value::Shadow(list, _) => list
                .iter()
                .map(|s| self.shadow(s))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Gradient(stops) => stops
                .iter()
                .map(|s| {
                    format!(
                        "{} {}%",
                        self.sub(&s.color, |c| c.to_css()),
                        num(s.position.value * 100.0)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            Value::Typography(t) => format!(
                "{} {}/{} {}",
                self.sub(&t.font_weight, weight),
                self.sub(&t.font_size, dimension),
                self.sub(&t.line_height, |n| num(*n)),
                self.sub(&t.font_family, |f| font_family(f)),
            ),
        }
    }

    /// Every declaration a token produces: `(property, expression)`.
    /// Typography also gets one property per part, so a component can take
    /// just the size or the family.
    pub fn declarations(&self, t: &Token) -> Vec<(String, String)> {
        let name = var_name(self.prefix, &t.path);
        let mut out = Vec::with_capacity(1);
        let whole = match (self.references, t.alias) {
            (true, Some(a)) => {
                format!("var({})", var_name(self.prefix, &self.set.by_index(a).path))
            }
            _ => self.value(&t.value),
        };
        if let Value::Typography(ty) = &t.value {
            let parts = [
                ("font-family", self.sub(&ty.font_family, |f| font_family(f))),
                ("font-size", self.sub(&ty.font_size, dimension)),
                ("font-weight", self.sub(&ty.font_weight, weight)),
                ("letter-spacing", self.sub(&ty.letter_spacing, dimension)),
                ("line-height", self.sub(&ty.line_height, |n| num(*n))),
            ];
            for (part, v) in parts {
                out.push((format!("{name}-{part}"), v));
            }
        }
        out.push((name, whole));
        out
    }
}

/// One rule: attribute conditions (modifier index, attribute value), an
/// optional media query, and its declarations (`property → (literal, expression)`).
struct Block {
    conds: Vec<(usize, String)>,
    media: Option<String>,
    decls: Vec<(String, String, String)>,
}

/// An element: the attribute value per modifier (None: attribute absent)
/// and the one media query taken to match.
struct Element<'a> {
    attrs: Vec<Option<&'a str>>,
    media: Option<&'a str>,
}

fn matches(b: &Block, e: &Element<'_>) -> bool {
    b.conds.iter().all(|(m, v)| e.attrs[*m] == Some(v.as_str()))
        && b.media.as_deref().is_none_or(|q| e.media == Some(q))
}

/// What each property computes to on `e`, given the blocks so far.
fn cascade(blocks: &[Block], e: &Element<'_>) -> HashMap<String, String> {
    let mut won: HashMap<&str, (usize, &str)> = HashMap::default();
    for b in blocks.iter().filter(|b| matches(b, e)) {
        let spec = b.conds.len();
        for (prop, literal, _) in &b.decls {
            match won.get(prop.as_str()) {
                Some((s, _)) if *s > spec => {}
                _ => {
                    won.insert(prop, (spec, literal));
                }
            }
        }
    }
    won.into_iter()
        .map(|(k, (_, v))| (k.to_string(), v.to_string()))
        .collect()
}

fn literal_and_expression(p: &Permutation, options: &Options) -> Vec<(String, String, String)> {
    let lit = Renderer {
        set: &p.tokens,
        prefix: &options.prefix,
        references: false,
    };
    let expr = Renderer {
        references: options.output_references,
        ..lit
    };
    let mut out = Vec::with_capacity(p.tokens.len());
    for t in &p.tokens.tokens {
        let l = lit.declarations(t);
        let x = if options.output_references {
            expr.declarations(t)
        } else {
            l.clone()
        };
        for ((prop, lv), (_, xv)) in l.into_iter().zip(x) {
            out.push((prop, lv, xv));
        }
    }
    out
}

pub fn stylesheet(compiled: &Compiled, options: &Options) -> String {
    scoped_stylesheet(compiled, options, &[])
}

/// The rules of `selectors` with `compound` (attribute conditions) on
/// each; the document root and a shadow host when none are given.
fn selector(selectors: &[&str], compound: &str) -> String {
    match (selectors.is_empty(), compound.is_empty()) {
        (true, true) => ":root, :host".to_string(),
        (true, false) => format!("{compound}, :host({compound})"),
        (false, _) => selectors
            .iter()
            .map(|s| format!("{s}{compound}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// [`stylesheet`] for the elements `hosts` (e.g. custom elements' tag
/// names) instead of `:root, :host`: a page's rules on a shadow host beat
/// the `:host` rules inside it, so this restyles elements that adopt their
/// own token sheet from outside (the preview's live token editor).
pub fn scoped_stylesheet(compiled: &Compiled, options: &Options, hosts: &[&str]) -> String {
    let mods = &compiled.modifiers;
    let base = compiled.base();
    if compiled.permutations.len() == 1 {
        return single_block(base, options, hosts);
    }
    let mut blocks = vec![Block {
        conds: Vec::new(),
        media: None,
        decls: literal_and_expression(base, options),
    }];
    let non_default = |p: &Permutation| -> Vec<(usize, String)> {
        mods.iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let c = p.context(&m.name)?;
                (c != m.default).then(|| (i, c.to_string()))
            })
            .collect()
    };
    let mut by_specificity: Vec<&Permutation> = compiled.permutations.iter().collect();
    by_specificity.sort_by_key(|p| non_default(p).len());
    let add_block = |blocks: &mut Vec<Block>,
                     conds: Vec<(usize, String)>,
                     media: Option<String>,
                     p: &Permutation| {
        let attrs: Vec<Option<&str>> = (0..mods.len())
            .map(|i| conds.iter().find(|(m, _)| *m == i).map(|(_, v)| v.as_str()))
            .collect();
        let e = Element {
            attrs,
            media: media.as_deref(),
        };
        let now = cascade(blocks, &e);
        let decls: Vec<_> = literal_and_expression(p, options)
            .into_iter()
            .filter(|(prop, lit, _)| now.get(prop) != Some(lit))
            .collect();
        if !decls.is_empty() {
            blocks.push(Block {
                conds,
                media,
                decls,
            });
        }
    };
    for p in &by_specificity {
        let conds = non_default(p);
        if !conds.is_empty() {
            add_block(&mut blocks, conds, None, p);
        }
    }
    // `auto`: the attribute value that follows the user's preferences.
    for (mi, m) in mods.iter().enumerate() {
        let Some(auto) = &m.css.auto else { continue };
        for (ctx, query) in &m.css.media {
            for p in by_specificity
                .iter()
                .filter(|p| p.context(&m.name) == Some(ctx))
            {
                let mut conds: Vec<(usize, String)> = non_default(p)
                    .into_iter()
                    .filter(|(i, _)| *i != mi)
                    .collect();
                conds.push((mi, auto.clone()));
                conds.sort();
                add_block(&mut blocks, conds, Some(query.clone()), p);
            }
        }
    }

    let mut out = header(options, "/*").replacen("\n", " */\n", 1);
    for b in &blocks {
        let compound: String = b
            .conds
            .iter()
            .map(|(m, v)| format!("[{}={}]", mods[*m].css.attribute, quote(v)))
            .collect();
        let selector = selector(hosts, &compound);
        let indent = if b.media.is_some() { "  " } else { "" };
        if let Some(q) = &b.media {
            let _ = writeln!(out, "@media {q} {{");
        }
        let _ = writeln!(out, "{indent}{selector} {{");
        for (prop, _, expr) in &b.decls {
            let _ = writeln!(out, "{indent}  {prop}: {expr};");
        }
        let _ = writeln!(out, "{indent}}}");
        if b.media.is_some() {
            out.push_str("}\n");
        }
    }
    out
}

/// Without modifiers there is nothing to cascade: stream one block
/// instead of collecting declarations (large token sets stay lean).
fn single_block(p: &Permutation, options: &Options, hosts: &[&str]) -> String {
    let r = Renderer {
        set: &p.tokens,
        prefix: &options.prefix,
        references: options.output_references,
    };
    let mut out = header(options, "/*").replacen('\n', " */\n", 1);
    out.reserve(p.tokens.len() * 48);
    out.push_str(&selector(hosts, ""));
    out.push_str(" {\n");
    for t in &p.tokens.tokens {
        for (prop, expr) in r.declarations(t) {
            out.push_str("  ");
            out.push_str(&prop);
            out.push_str(": ");
            out.push_str(&expr);
            out.push_str(";\n");
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(1.23456), "1.2346");
    }

    #[test]
    fn scoped_sheets_select_the_hosts_with_each_condition() {
        let mut files = std::collections::HashMap::new();
        files.insert(
            "base.json".to_string(),
            r#"{"x": {"$type": "number", "$value": 1}}"#.to_string(),
        );
        files.insert(
            "dark.json".to_string(),
            r#"{"x": {"$type": "number", "$value": 2}}"#.to_string(),
        );
        files.insert("light.json".to_string(), "{}".to_string());
        let resolver = r##"{"version": "2025.10",
            "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
            "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}],
              "dark": [{"$ref": "dark.json"}]}, "default": "light"}},
            "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
        let compiled = crate::resolver::compile_resolver("r.json", resolver, &mut files).unwrap();
        let css = scoped_stylesheet(&compiled, &Options::default(), &["a-b", "c-d"]);
        assert!(css.contains("\na-b, c-d {\n  --bd-x: 1;\n}"), "{css}");
        assert!(
            css.contains("\na-b[data-theme=\"dark\"], c-d[data-theme=\"dark\"] {\n  --bd-x: 2;"),
            "{css}"
        );
        assert!(!css.contains(":host") && !css.contains(":root"), "{css}");
        let single =
            crate::resolver::compile_files(&[crate::Source::new("base.json", &files["base.json"])])
                .unwrap();
        let css = scoped_stylesheet(&single, &Options::default(), &["a-b"]);
        assert!(css.contains("\na-b {\n  --bd-x: 1;\n}"), "{css}");
        assert!(stylesheet(&single, &Options::default()).contains(":root, :host {\n"));
    }

    #[test]
    fn font_names_are_quoted_when_needed() {
        let f = vec![
            "Inter".to_string(),
            "Noto Sans".to_string(),
            "sans-serif".into(),
            "a\"b".into(),
        ];
        assert_eq!(font_family(&f), r#"Inter, "Noto Sans", sans-serif, "a\"b""#);
    }
}
