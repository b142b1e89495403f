//! The 13 DTCG 2025.10 token types, their value rules, and resolved values.
//!
//! Parsing checks a written value against its type and resolves references
//! in the same pass: a composite's sub-value may be an alias to a token of
//! the sub-value's type, and a `$ref` pointer may reach into another token's
//! value. Resolved values remember which sub-values were aliases so outputs
//! can emit `var(--…)` references instead of copies.

use crate::color::{Color, ColorSpace, Component};
use crate::json::{self, Json, Kind, Member, Span};
use crate::reference::{self, Reference};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Color,
    Dimension,
    FontFamily,
    FontWeight,
    Duration,
    CubicBezier,
    Number,
    StrokeStyle,
    Border,
    Transition,
    Shadow,
    Gradient,
    Typography,
}

impl Type {
    pub const ALL: [Type; 13] = [
        Type::Color,
        Type::Dimension,
        Type::FontFamily,
        Type::FontWeight,
        Type::Duration,
        Type::CubicBezier,
        Type::Number,
        Type::StrokeStyle,
        Type::Border,
        Type::Transition,
        Type::Shadow,
        Type::Gradient,
        Type::Typography,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Type::Color => "color",
            Type::Dimension => "dimension",
            Type::FontFamily => "fontFamily",
            Type::FontWeight => "fontWeight",
            Type::Duration => "duration",
            Type::CubicBezier => "cubicBezier",
            Type::Number => "number",
            Type::StrokeStyle => "strokeStyle",
            Type::Border => "border",
            Type::Transition => "transition",
            Type::Shadow => "shadow",
            Type::Gradient => "gradient",
            Type::Typography => "typography",
        }
    }

    pub fn from_name(s: &str) -> Option<Type> {
        Type::ALL.into_iter().find(|t| t.name() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DimensionUnit {
    Px,
    Rem,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dimension {
    pub value: f64,
    pub unit: DimensionUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Ms,
    S,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Duration {
    pub value: f64,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn millis(&self) -> f64 {
        match self.unit {
            DurationUnit::Ms => self.value,
            DurationUnit::S => self.value * 1000.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontWeight {
    pub weight: f64,
    /// The keyword as written, kept so JSON output round-trips it.
    pub keyword: Option<&'static str>,
}

pub const FONT_WEIGHT_KEYWORDS: &[(&str, f64)] = &[
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
];

pub const STROKE_KEYWORDS: &[&str] = &[
    "solid", "dashed", "dotted", "double", "groove", "ridge", "outset", "inset",
];
pub const LINE_CAPS: &[&str] = &["round", "butt", "square"];

/// A sub-value of a composite, and the token it was aliased from, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Sub<T> {
    pub value: T,
    pub alias: Option<u32>,
}

impl<T> Sub<T> {
    fn lit(value: T) -> Self {
        Sub { value, alias: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrokeStyle {
    Keyword(&'static str),
    Dashes {
        dash_array: Vec<Sub<Dimension>>,
        line_cap: &'static str,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Border {
    pub color: Sub<Color>,
    pub width: Sub<Dimension>,
    pub style: Sub<StrokeStyle>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub duration: Sub<Duration>,
    pub delay: Sub<Duration>,
    pub timing_function: Sub<[f64; 4]>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shadow {
    pub color: Sub<Color>,
    pub offset_x: Sub<Dimension>,
    pub offset_y: Sub<Dimension>,
    pub blur: Sub<Dimension>,
    pub spread: Sub<Dimension>,
    pub inset: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GradientStop {
    pub color: Sub<Color>,
    pub position: Sub<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Typography {
    pub font_family: Sub<Vec<String>>,
    pub font_size: Sub<Dimension>,
    pub font_weight: Sub<FontWeight>,
    pub letter_spacing: Sub<Dimension>,
    pub line_height: Sub<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Color(Color),
    Dimension(Dimension),
    FontFamily(Vec<String>),
    FontWeight(FontWeight),
    Duration(Duration),
    CubicBezier([f64; 4]),
    Number(f64),
    StrokeStyle(StrokeStyle),
    Border(Box<Border>),
    Transition(Box<Transition>),
    /// One shadow or a layered list; a single shadow is a list of one.
    Shadow(Vec<Shadow>, bool),
    Gradient(Vec<GradientStop>),
    Typography(Box<Typography>),
}

impl Value {
    pub fn ty(&self) -> Type {
        match self {
            Value::Color(_) => Type::Color,
            Value::Dimension(_) => Type::Dimension,
            Value::FontFamily(_) => Type::FontFamily,
            Value::FontWeight(_) => Type::FontWeight,
            Value::Duration(_) => Type::Duration,
            Value::CubicBezier(_) => Type::CubicBezier,
            Value::Number(_) => Type::Number,
            Value::StrokeStyle(_) => Type::StrokeStyle,
            Value::Border(_) => Type::Border,
            Value::Transition(_) => Type::Transition,
            Value::Shadow(..) => Type::Shadow,
            Value::Gradient(_) => Type::Gradient,
            Value::Typography(_) => Type::Typography,
        }
    }

    pub fn as_color(&self) -> Option<&Color> {
        match self {
            Value::Color(c) => Some(c),
            _ => None,
        }
    }
}

/// A token a reference points to, already resolved.
pub struct Target<'v> {
    pub index: u32,
    pub ty: Type,
    pub value: &'v Value,
}

pub enum LookupError {
    /// The target failed on its own; that failure was reported already.
    Silent,
    Message(String),
}

/// Parses written values against a type, resolving references through
/// `lookup`. Problems are collected with their spans.
pub struct ValueParser<'l> {
    pub lookup: &'l dyn Fn(&Reference) -> Result<Target<'l>, LookupError>,
    pub errors: Vec<(Span, String)>,
    /// Set when a referenced token had failed: this value is dropped
    /// without a second report.
    pub silent_failure: bool,
}

impl<'l> ValueParser<'l> {
    pub fn new(lookup: &'l dyn Fn(&Reference) -> Result<Target<'l>, LookupError>) -> Self {
        ValueParser {
            lookup,
            errors: Vec::new(),
            silent_failure: false,
        }
    }

    fn err<T>(&mut self, span: Span, msg: String) -> Option<T> {
        self.errors.push((span, msg));
        None
    }

    fn target(&mut self, r: &Reference, span: Span) -> Option<Target<'l>> {
        match (self.lookup)(r) {
            Ok(t) => Some(t),
            Err(LookupError::Silent) => {
                self.silent_failure = true;
                None
            }
            Err(LookupError::Message(m)) => self.err(span, m),
        }
    }

    /// Follows a `$ref` pointer into another token's value, returning that
    /// part of the (resolved) value as JSON placed at the reference's span.
    fn pointer(&mut self, r: &Reference, span: Span) -> Option<Json> {
        let target = self.target(r, span)?;
        let mut v = to_dtcg(target.value);
        for seg in &r.within {
            let next = match &v {
                serde_json::Value::Object(m) => m.get(seg).cloned(),
                serde_json::Value::Array(a) => {
                    seg.parse::<usize>().ok().and_then(|i| a.get(i).cloned())
                }
                _ => None,
            };
            match next {
                Some(n) => v = n,
                None => {
                    return self.err(
                        span,
                        format!(
                            "`$ref` reaches `{seg}` inside the value of `{}`, which does not exist",
                            r.token
                        ),
                    )
                }
            }
        }
        Some(from_serde(&v, span))
    }

    /// Replaces a `$ref` pointer into a value by what it points at; leaves
    /// anything else alone. Whole-token aliases are not allowed here.
    fn deref<'j>(&mut self, j: &'j Json, what: &str) -> Option<Cow<'j, Json>> {
        match reference::parse(j) {
            // Most values are literals: borrow them, copying only what a pointer reached.
            None => Some(Cow::Borrowed(j)),
            Some(Err(e)) => self.err(j.span, e),
            Some(Ok(r)) if r.within.is_empty() => self.err(
                j.span,
                format!("{what} cannot be an alias to a whole token (`{}`); use a `$ref` pointer into its `$value`", r.token),
            ),
            Some(Ok(r)) => self.pointer(&r, j.span).map(Cow::Owned),
        }
    }

    fn number(&mut self, j: &Json, what: &str) -> Option<f64> {
        let j = self.deref(j, what)?;
        match j.as_f64() {
            Some(n) => Some(n),
            None => self.err(
                j.span,
                format!("{what} must be a number, found {}", j.kind_name()),
            ),
        }
    }

    fn string(&mut self, j: &Json, what: &str) -> Option<(String, Span)> {
        let j = self.deref(j, what)?;
        match j.as_str() {
            Some(s) => Some((s.to_string(), j.span)),
            None => self.err(
                j.span,
                format!("{what} must be a string, found {}", j.kind_name()),
            ),
        }
    }

    /// An object value's members, after following a pointer.
    fn object<'j>(&mut self, j: &'j Json, ty: Type) -> Option<Cow<'j, Json>> {
        let j = self.deref(j, ty.name())?;
        if j.as_object().is_none() {
            return self.err(
                j.span,
                format!(
                    "a {} value must be an object, found {}",
                    ty.name(),
                    j.kind_name()
                ),
            );
        }
        Some(j)
    }

    fn field<'j>(&mut self, obj: &'j Json, key: &str, ty: Type) -> Option<&'j Json> {
        match obj.get(key) {
            Some(v) => Some(v),
            None => self.err(obj.span, format!("a {} value needs `{key}`", ty.name())),
        }
    }

    fn unknown_members(&mut self, obj: &Json, allowed: &[&str], ty: Type) {
        for Member { key, key_span, .. } in obj.as_object().unwrap_or(&[]) {
            if !allowed.contains(&&**key) {
                let hint = crate::tree::suggest(key, allowed)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.errors.push((
                    *key_span,
                    format!(
                        "unknown member `{key}` in a {} value; expected {}{hint}",
                        ty.name(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
    }

    /// A sub-value of type `ty`: an alias to a token of that type, or a
    /// literal checked by the type's own rules.
    fn sub<T>(
        &mut self,
        j: &Json,
        ty: Type,
        literal: impl FnOnce(&mut Self, &Json) -> Option<T>,
        extract: impl FnOnce(&Value) -> Option<T>,
    ) -> Option<Sub<T>> {
        match reference::parse(j) {
            Some(Ok(r)) if r.within.is_empty() => {
                let t = self.target(&r, j.span)?;
                if t.ty != ty {
                    return self.err(
                        j.span,
                        format!(
                            "type mismatch: `{{{}}}` is a {}, but a {} is needed here",
                            r.token,
                            t.ty.name(),
                            ty.name()
                        ),
                    );
                }
                let value = extract(t.value)?;
                Some(Sub {
                    value,
                    alias: Some(t.index),
                })
            }
            _ => literal(self, j).map(Sub::lit),
        }
    }

    /// Parses a literal (non-alias at the top) value of `ty`.
    pub fn value(&mut self, ty: Type, j: &Json) -> Option<Value> {
        Some(match ty {
            Type::Color => Value::Color(self.color(j)?),
            Type::Dimension => Value::Dimension(self.dimension(j)?),
            Type::FontFamily => Value::FontFamily(self.font_family(j)?),
            Type::FontWeight => Value::FontWeight(self.font_weight(j)?),
            Type::Duration => Value::Duration(self.duration(j)?),
            Type::CubicBezier => Value::CubicBezier(self.cubic_bezier(j)?),
            Type::Number => Value::Number(self.number(j, "a number token")?),
            Type::StrokeStyle => Value::StrokeStyle(self.stroke_style(j)?),
            Type::Border => Value::Border(Box::new(self.border(j)?)),
            Type::Transition => Value::Transition(Box::new(self.transition(j)?)),
            Type::Shadow => {
                let (list, is_list) = self.shadows(j)?;
                Value::Shadow(list, is_list)
            }
            Type::Gradient => Value::Gradient(self.gradient(j)?),
            Type::Typography => Value::Typography(Box::new(self.typography(j)?)),
        })
    }

    fn color(&mut self, j: &Json) -> Option<Color> {
        if let Some(s) = j.as_str() {
            let hint = if s.starts_with('#') {
                format!(
                    "; write {{\"colorSpace\": \"srgb\", \"components\": […], \"hex\": \"{s}\"}}"
                )
            } else {
                String::new()
            };
            return self.err(
                j.span,
                format!("colours are objects in DTCG 2025.10, found the string \"{s}\"{hint}"),
            );
        }
        let obj = self.object(j, Type::Color)?;
        self.unknown_members(
            &obj,
            &["colorSpace", "components", "alpha", "hex"],
            Type::Color,
        );
        let space_j = self.field(&obj, "colorSpace", Type::Color);
        let comps_j = self.field(&obj, "components", Type::Color);
        let (space_j, comps_j) = (space_j?, comps_j?);
        let (name, span) = self.string(space_j, "`colorSpace`")?;
        let Some(space) = ColorSpace::from_name(&name) else {
            let names: Vec<&str> = ColorSpace::ALL.iter().map(|s| s.name()).collect();
            let hint = crate::tree::suggest(&name, &names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return self.err(
                span,
                format!(
                    "unknown colour space `{name}`{hint}; expected one of {}",
                    names.join(", ")
                ),
            );
        };
        let comps_j = self.deref(comps_j, "`components`")?;
        let Some(items) = comps_j.as_array() else {
            return self.err(
                comps_j.span,
                format!(
                    "`components` must be an array of 3 numbers, found {}",
                    comps_j.kind_name()
                ),
            );
        };
        if items.len() != 3 {
            return self.err(
                comps_j.span,
                format!("`components` must hold 3 values, found {}", items.len()),
            );
        }
        let mut components = [Component::None; 3];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            if item.as_str() == Some("none") {
                continue;
            }
            match self.number(item, "a colour component") {
                Some(n) => components[i] = Component::Value(n),
                None => ok = false,
            }
        }
        let alpha = match obj.get("alpha") {
            Some(a) => self.number(a, "`alpha`"),
            None => Some(1.0),
        };
        let hex = match obj.get("hex") {
            Some(h) => self.string(h, "`hex`").map(|(s, _)| Some(s)),
            None => Some(None),
        };
        let (alpha, hex) = (alpha?, hex?);
        if !ok {
            return None;
        }
        let color = Color {
            space,
            components,
            alpha,
            hex,
        };
        if let Err(e) = color.validate() {
            return self.err(obj.span, format!("invalid colour: {e}"));
        }
        Some(color)
    }

    fn dimension(&mut self, j: &Json) -> Option<Dimension> {
        if let Some(s) = j.as_str() {
            return self.err(
                j.span,
                format!("dimensions are objects in DTCG 2025.10 ({{\"value\": 16, \"unit\": \"px\"}}), found the string \"{s}\""),
            );
        }
        let obj = self.object(j, Type::Dimension)?;
        self.unknown_members(&obj, &["value", "unit"], Type::Dimension);
        let (v, u) = (
            self.field(&obj, "value", Type::Dimension),
            self.field(&obj, "unit", Type::Dimension),
        );
        let value = self.number(v?, "`value`");
        let (unit, span) = self.string(u?, "`unit`")?;
        let unit = match unit.as_str() {
            "px" => DimensionUnit::Px,
            "rem" => DimensionUnit::Rem,
            other => {
                return self.err(
                    span,
                    format!("unknown dimension unit `{other}`; DTCG allows `px` and `rem`"),
                )
            }
        };
        Some(Dimension {
            value: value?,
            unit,
        })
    }

    fn duration(&mut self, j: &Json) -> Option<Duration> {
        let obj = self.object(j, Type::Duration)?;
        self.unknown_members(&obj, &["value", "unit"], Type::Duration);
        let (v, u) = (
            self.field(&obj, "value", Type::Duration),
            self.field(&obj, "unit", Type::Duration),
        );
        let value = self.number(v?, "`value`");
        let (unit, span) = self.string(u?, "`unit`")?;
        let unit = match unit.as_str() {
            "ms" => DurationUnit::Ms,
            "s" => DurationUnit::S,
            other => {
                return self.err(
                    span,
                    format!("unknown duration unit `{other}`; DTCG allows `ms` and `s`"),
                )
            }
        };
        Some(Duration {
            value: value?,
            unit,
        })
    }

    fn font_family(&mut self, j: &Json) -> Option<Vec<String>> {
        let j = self.deref(j, "a font family")?;
        match &j.kind {
            Kind::String(s) if !s.trim().is_empty() => Some(vec![s.to_string()]),
            Kind::Array(items) if !items.is_empty() => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let (s, span) = self.string(item, "a font family name")?;
                    if s.trim().is_empty() {
                        return self.err(span, "font family names must not be empty".into());
                    }
                    out.push(s);
                }
                Some(out)
            }
            _ => self.err(
                j.span,
                format!(
                    "a fontFamily value must be a non-empty string or array of strings, found {}",
                    j.kind_name()
                ),
            ),
        }
    }

    fn font_weight(&mut self, j: &Json) -> Option<FontWeight> {
        let j = self.deref(j, "a font weight")?;
        match &j.kind {
            Kind::Number(n) if (1.0..=1000.0).contains(n) => Some(FontWeight {
                weight: *n,
                keyword: None,
            }),
            Kind::Number(n) => self.err(j.span, format!("font weight {n} is outside 1–1000")),
            Kind::String(s) => match FONT_WEIGHT_KEYWORDS.iter().find(|(k, _)| *k == &**s) {
                Some((k, w)) => Some(FontWeight {
                    weight: *w,
                    keyword: Some(k),
                }),
                None => {
                    let names: Vec<&str> = FONT_WEIGHT_KEYWORDS.iter().map(|(k, _)| *k).collect();
                    let hint = crate::tree::suggest(s, &names)
                        .map(|x| format!(" (did you mean `{x}`?)"))
                        .unwrap_or_default();
                    self.err(j.span, format!("unknown font weight keyword `{s}`{hint}"))
                }
            },
            _ => self.err(
                j.span,
                format!(
                    "a fontWeight must be a number or keyword, found {}",
                    j.kind_name()
                ),
            ),
        }
    }

    fn cubic_bezier(&mut self, j: &Json) -> Option<[f64; 4]> {
        let j = self.deref(j, "a cubic Bézier")?;
        let Some(items) = j.as_array().filter(|a| a.len() == 4) else {
            return self.err(
                j.span,
                "a cubicBezier value must be an array of 4 numbers [x1, y1, x2, y2]".into(),
            );
        };
        let mut out = [0.0; 4];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.number(item, "a cubicBezier coordinate") {
                Some(n) if i % 2 == 0 && !(0.0..=1.0).contains(&n) => {
                    self.errors.push((
                        item.span,
                        format!("cubicBezier x{} is {n}, outside [0, 1]", i / 2 + 1),
                    ));
                    ok = false;
                }
                Some(n) => out[i] = n,
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn stroke_style(&mut self, j: &Json) -> Option<StrokeStyle> {
        let j = self.deref(j, "a stroke style")?;
        if let Some(s) = j.as_str() {
            return match STROKE_KEYWORDS.iter().find(|k| **k == s) {
                Some(k) => Some(StrokeStyle::Keyword(k)),
                None => self.err(
                    j.span,
                    format!(
                        "unknown stroke style `{s}`; expected one of {}",
                        STROKE_KEYWORDS.join(", ")
                    ),
                ),
            };
        }
        let obj = self.object(&j, Type::StrokeStyle)?;
        self.unknown_members(&obj, &["dashArray", "lineCap"], Type::StrokeStyle);
        let (d, c) = (
            self.field(&obj, "dashArray", Type::StrokeStyle),
            self.field(&obj, "lineCap", Type::StrokeStyle),
        );
        let (d, c) = (d?, c?);
        let line_cap = {
            let (s, span) = self.string(c, "`lineCap`")?;
            match LINE_CAPS.iter().find(|k| **k == s) {
                Some(k) => *k,
                None => {
                    return self.err(
                        span,
                        format!("unknown lineCap `{s}`; expected round, butt or square"),
                    )
                }
            }
        };
        let Some(items) = d.as_array().filter(|a| !a.is_empty()) else {
            return self.err(
                d.span,
                "`dashArray` must be a non-empty array of dimensions".into(),
            );
        };
        let mut dash_array = Vec::with_capacity(items.len());
        for item in items {
            dash_array.push(self.sub(
                item,
                Type::Dimension,
                |p, j| p.dimension(j),
                |v| match v {
                    Value::Dimension(d) => Some(*d),
                    _ => None,
                },
            )?);
        }
        Some(StrokeStyle::Dashes {
            dash_array,
            line_cap,
        })
    }

    fn sub_color(&mut self, j: &Json) -> Option<Sub<Color>> {
        self.sub(j, Type::Color, |p, j| p.color(j), |v| v.as_color().cloned())
    }

    fn sub_dimension(&mut self, j: &Json) -> Option<Sub<Dimension>> {
        self.sub(
            j,
            Type::Dimension,
            |p, j| p.dimension(j),
            |v| match v {
                Value::Dimension(d) => Some(*d),
                _ => None,
            },
        )
    }

    fn sub_duration(&mut self, j: &Json) -> Option<Sub<Duration>> {
        self.sub(
            j,
            Type::Duration,
            |p, j| p.duration(j),
            |v| match v {
                Value::Duration(d) => Some(*d),
                _ => None,
            },
        )
    }

    fn sub_number(&mut self, j: &Json, what: &str) -> Option<Sub<f64>> {
        self.sub(
            j,
            Type::Number,
            |p, j| p.number(j, what),
            |v| match v {
                Value::Number(n) => Some(*n),
                _ => None,
            },
        )
    }

    fn border(&mut self, j: &Json) -> Option<Border> {
        let obj = self.object(j, Type::Border)?;
        self.unknown_members(&obj, &["color", "width", "style"], Type::Border);
        let c = self
            .field(&obj, "color", Type::Border)
            .and_then(|j| self.sub_color(j));
        let w = self
            .field(&obj, "width", Type::Border)
            .and_then(|j| self.sub_dimension(j));
        let s = self.field(&obj, "style", Type::Border).and_then(|j| {
            self.sub(
                j,
                Type::StrokeStyle,
                |p, j| p.stroke_style(j),
                |v| match v {
                    Value::StrokeStyle(s) => Some(s.clone()),
                    _ => None,
                },
            )
        });
        Some(Border {
            color: c?,
            width: w?,
            style: s?,
        })
    }

    fn transition(&mut self, j: &Json) -> Option<Transition> {
        let obj = self.object(j, Type::Transition)?;
        self.unknown_members(
            &obj,
            &["duration", "delay", "timingFunction"],
            Type::Transition,
        );
        let d = self
            .field(&obj, "duration", Type::Transition)
            .and_then(|j| self.sub_duration(j));
        let l = self
            .field(&obj, "delay", Type::Transition)
            .and_then(|j| self.sub_duration(j));
        let t = self
            .field(&obj, "timingFunction", Type::Transition)
            .and_then(|j| {
                self.sub(
                    j,
                    Type::CubicBezier,
                    |p, j| p.cubic_bezier(j),
                    |v| match v {
                        Value::CubicBezier(b) => Some(*b),
                        _ => None,
                    },
                )
            });
        Some(Transition {
            duration: d?,
            delay: l?,
            timing_function: t?,
        })
    }

    fn shadows(&mut self, j: &Json) -> Option<(Vec<Shadow>, bool)> {
        let j = self.deref(j, "a shadow")?;
        match j.as_array() {
            Some([]) => self.err(j.span, "a shadow list must not be empty".into()),
            Some(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for item in items {
                    // A layer may itself alias a shadow token (of one or more layers).
                    match reference::parse(item) {
                        Some(Ok(r)) if r.within.is_empty() => match self.target(&r, item.span) {
                            Some(Target {
                                value: Value::Shadow(layers, _),
                                ..
                            }) => out.extend(layers.iter().cloned()),
                            Some(t) => {
                                ok = false;
                                self.errors.push((
                                    item.span,
                                    format!(
                                        "type mismatch: `{{{}}}` is a {}, but a shadow is needed here",
                                        r.token,
                                        t.ty.name()
                                    ),
                                ));
                            }
                            None => ok = false,
                        },
                        _ => match self.shadow(item) {
                            Some(s) => out.push(s),
                            None => ok = false,
                        },
                    }
                }
                ok.then_some((out, true))
            }
            None => Some((vec![self.shadow(&j)?], false)),
        }
    }

    fn shadow(&mut self, j: &Json) -> Option<Shadow> {
        let obj = self.object(j, Type::Shadow)?;
        self.unknown_members(
            &obj,
            &["color", "offsetX", "offsetY", "blur", "spread", "inset"],
            Type::Shadow,
        );
        let c = self
            .field(&obj, "color", Type::Shadow)
            .and_then(|j| self.sub_color(j));
        let x = self
            .field(&obj, "offsetX", Type::Shadow)
            .and_then(|j| self.sub_dimension(j));
        let y = self
            .field(&obj, "offsetY", Type::Shadow)
            .and_then(|j| self.sub_dimension(j));
        let b = self
            .field(&obj, "blur", Type::Shadow)
            .and_then(|j| self.sub_dimension(j));
        let s = self
            .field(&obj, "spread", Type::Shadow)
            .and_then(|j| self.sub_dimension(j));
        let inset = match obj.get("inset") {
            None => Some(false),
            Some(Json {
                kind: Kind::Bool(b),
                ..
            }) => Some(*b),
            Some(other) => self.err(
                other.span,
                format!("`inset` must be true or false, found {}", other.kind_name()),
            ),
        };
        if let Some(Sub { value: d, .. }) = &b {
            if d.value < 0.0 {
                return self.err(obj.span, "shadow `blur` must not be negative".into());
            }
        }
        Some(Shadow {
            color: c?,
            offset_x: x?,
            offset_y: y?,
            blur: b?,
            spread: s?,
            inset: inset?,
        })
    }

    fn gradient(&mut self, j: &Json) -> Option<Vec<GradientStop>> {
        let j = self.deref(j, "a gradient")?;
        let Some(items) = j.as_array().filter(|a| !a.is_empty()) else {
            return self.err(
                j.span,
                "a gradient value must be a non-empty array of {color, position} stops".into(),
            );
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            let Some(obj) = self.object(item, Type::Gradient) else {
                ok = false;
                continue;
            };
            self.unknown_members(&obj, &["color", "position"], Type::Gradient);
            let c = self
                .field(&obj, "color", Type::Gradient)
                .and_then(|j| self.sub_color(j));
            let p = self
                .field(&obj, "position", Type::Gradient)
                .and_then(|j| self.sub_number(j, "a gradient stop position"));
            match (c, p) {
                (Some(color), Some(mut position)) => {
                    // DTCG: positions outside [0, 1] are clamped, not rejected.
                    position.value = position.value.clamp(0.0, 1.0);
                    out.push(GradientStop { color, position });
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn typography(&mut self, j: &Json) -> Option<Typography> {
        let obj = self.object(j, Type::Typography)?;
        let t = Type::Typography;
        self.unknown_members(
            &obj,
            &[
                "fontFamily",
                "fontSize",
                "fontWeight",
                "letterSpacing",
                "lineHeight",
            ],
            t,
        );
        let ff = self.field(&obj, "fontFamily", t).and_then(|j| {
            self.sub(
                j,
                Type::FontFamily,
                |p, j| p.font_family(j),
                |v| match v {
                    Value::FontFamily(f) => Some(f.clone()),
                    _ => None,
                },
            )
        });
        let fs = self
            .field(&obj, "fontSize", t)
            .and_then(|j| self.sub_dimension(j));
        let fw = self.field(&obj, "fontWeight", t).and_then(|j| {
            self.sub(
                j,
                Type::FontWeight,
                |p, j| p.font_weight(j),
                |v| match v {
                    Value::FontWeight(w) => Some(*w),
                    _ => None,
                },
            )
        });
        let ls = self
            .field(&obj, "letterSpacing", t)
            .and_then(|j| self.sub_dimension(j));
        let lh = self
            .field(&obj, "lineHeight", t)
            .and_then(|j| self.sub_number(j, "`lineHeight`"));
        Some(Typography {
            font_family: ff?,
            font_size: fs?,
            font_weight: fw?,
            letter_spacing: ls?,
            line_height: lh?,
        })
    }
}

/// Converts serde JSON (from a resolved value) back to the span-carrying
/// tree, every node placed at `span` (the reference that produced it).
pub fn from_serde(v: &serde_json::Value, span: Span) -> Json {
    use serde_json::Value as V;
    let kind = match v {
        V::Null => Kind::Null,
        V::Bool(b) => Kind::Bool(*b),
        V::Number(n) => Kind::Number(n.as_f64().unwrap_or(0.0)),
        V::String(s) => Kind::String(s.as_str().into()),
        V::Array(a) => Kind::Array(a.iter().map(|x| from_serde(x, span)).collect()),
        V::Object(m) => Kind::Object(
            m.iter()
                .map(|(k, x)| Member {
                    key: k.as_str().into(),
                    key_span: span,
                    value: from_serde(x, span),
                })
                .collect(),
        ),
    };
    Json { kind, span }
}

fn dim_json(d: &Dimension) -> serde_json::Value {
    serde_json::json!({"value": json::number(d.value), "unit": match d.unit { DimensionUnit::Px => "px", DimensionUnit::Rem => "rem" }})
}

fn dur_json(d: &Duration) -> serde_json::Value {
    serde_json::json!({"value": json::number(d.value), "unit": match d.unit { DurationUnit::Ms => "ms", DurationUnit::S => "s" }})
}

fn weight_json(w: &FontWeight) -> serde_json::Value {
    match w.keyword {
        Some(k) => serde_json::Value::from(k),
        None => json::number(w.weight),
    }
}

fn family_json(f: &[String]) -> serde_json::Value {
    if f.len() == 1 {
        serde_json::Value::from(f[0].clone())
    } else {
        serde_json::Value::from(f.to_vec())
    }
}

fn stroke_json(s: &StrokeStyle) -> serde_json::Value {
    match s {
        StrokeStyle::Keyword(k) => serde_json::Value::from(*k),
        StrokeStyle::Dashes {
            dash_array,
            line_cap,
        } => serde_json::json!({
            "dashArray": dash_array.iter().map(|d| dim_json(&d.value)).collect::<Vec<_>>(),
            "lineCap": line_cap,
        }),
    }
}

fn shadow_json(s: &Shadow) -> serde_json::Value {
    let mut m = serde_json::json!({
        "color": s.color.value.to_dtcg_json(),
        "offsetX": dim_json(&s.offset_x.value),
        "offsetY": dim_json(&s.offset_y.value),
        "blur": dim_json(&s.blur.value),
        "spread": dim_json(&s.spread.value),
    });
    if s.inset {
        m["inset"] = serde_json::Value::Bool(true);
    }
    m
}

/// The value in DTCG 2025.10 JSON form with every reference resolved.
pub fn to_dtcg(v: &Value) -> serde_json::Value {
    use serde_json::json;
    match v {
        Value::Color(c) => c.to_dtcg_json(),
        Value::Dimension(d) => dim_json(d),
        Value::FontFamily(f) => family_json(f),
        Value::FontWeight(w) => weight_json(w),
        Value::Duration(d) => dur_json(d),
        Value::CubicBezier(b) => b.iter().map(|x| json::number(*x)).collect(),
        Value::Number(n) => json::number(*n),
        Value::StrokeStyle(s) => stroke_json(s),
        Value::Border(b) => json!({
            "color": b.color.value.to_dtcg_json(),
            "width": dim_json(&b.width.value),
            "style": stroke_json(&b.style.value),
        }),
        Value::Transition(t) => json!({
            "duration": dur_json(&t.duration.value),
            "delay": dur_json(&t.delay.value),
            "timingFunction": t.timing_function.value.iter().map(|x| json::number(*x)).collect::<Vec<_>>(),
        }),
        Value::Shadow(list, is_list) => {
            if *is_list {
                list.iter().map(shadow_json).collect()
            } else {
                shadow_json(&list[0])
            }
        }
        Value::Gradient(stops) => stops
            .iter()
            .map(|s| json!({"color": s.color.value.to_dtcg_json(), "position": json::number(s.position.value)}))
            .collect(),
        Value::Typography(t) => json!({
            "fontFamily": family_json(&t.font_family.value),
            "fontSize": dim_json(&t.font_size.value),
            "fontWeight": weight_json(&t.font_weight.value),
            "letterSpacing": dim_json(&t.letter_spacing.value),
            "lineHeight": json::number(t.line_height.value),
        }),
    }
}
