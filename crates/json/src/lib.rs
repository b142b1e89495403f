//! `bandeau-json`: a small JSON parser that keeps the byte span of every
//! value and key, shared by the token compiler and the navigation model.
//!
//! serde_json throws positions away once a value is built, but every token
//! error must name `file:line:column`, so the compiler parses into this tree
//! instead; the navigation model uses it in the browser because it costs a
//! fraction of serde_json's bytes in the wasm bundle. It is strict RFC 8259 JSON (no comments, no trailing commas) and
//! never panics on any input: the fuzz target and the random-bytes test hold
//! it to that.

use std::fmt;

/// Byte range `[start, end)` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    // Boxed slices, not Vecs: a million-token file is mostly these nodes,
    // and the spare capacity of growable vectors would double its memory.
    String(Box<str>),
    Array(Box<[Json]>),
    Object(Box<[Member]>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: Box<str>,
    pub key_span: Span,
    pub value: Json,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub kind: Kind,
    pub span: Span,
}

impl Json {
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The last member with this key: JSON objects with duplicate keys keep
    /// the last one, as JavaScript's `JSON.parse` (and so every peer tool) does.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| &*m.key == key)
            .map(|m| &m.value)
    }
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| &*m.key == key)
    }
    /// A name for the value's kind, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }
}

/// Appends `s` to `out` as a JSON string literal.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A syntactically valid JSON number's value, correctly rounded.
#[cfg(feature = "exact-numbers")]
fn to_f64(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// A syntactically valid JSON number's value, to about 15 digits. Exact
/// rounding needs the standard library's tables (10 KB in a wasm bundle);
/// the navigation model, which never reads numbers, does without.
#[cfg(not(feature = "exact-numbers"))]
fn to_f64(text: &str) -> Option<f64> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (
            &text[..at],
            text[at + 1..].parse::<i32>().unwrap_or(i32::MAX),
        ),
        None => (text, 0),
    };
    let mut value = 0.0f64;
    let mut scale = exponent;
    let mut after_point = false;
    for b in mantissa.bytes() {
        match b {
            b'0'..=b'9' => {
                value = value * 10.0 + f64::from(b - b'0');
                if after_point {
                    scale = scale.saturating_sub(1);
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    let value = value * 10f64.powi(scale.clamp(-400, 400));
    Some(if mantissa.starts_with('-') {
        -value
    } else {
        value
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

// Deeply nested input must not overflow the stack (a fuzzer finds that in
// seconds); no real token file comes near this depth.
const MAX_DEPTH: usize = 128;

pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    // A UTF-8 byte-order mark is common in files exported from Windows tools.
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.pos < p.src.len() {
        return Err(p.err("unexpected text after the JSON value", p.pos, p.pos + 1));
    }
    Ok(v)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn err(&self, msg: &str, start: usize, end: usize) -> ParseError {
        let end = end.min(self.src.len()).max(start.min(self.src.len()));
        ParseError {
            message: msg.to_string(),
            span: Span::new(start.min(self.src.len()), end),
        }
    }

    fn ws(&mut self) {
        while let Some(&b) = self.src.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn value(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let Some(&b) = self.src.get(self.pos) else {
            return Err(self.err("unexpected end of file, expected a value", start, start));
        };
        let kind = match b {
            b'{' => return self.object(),
            b'[' => return self.array(),
            b'"' => Kind::String(self.string()?.into_boxed_str()),
            b't' => self.literal("true", Kind::Bool(true))?,
            b'f' => self.literal("false", Kind::Bool(false))?,
            b'n' => self.literal("null", Kind::Null)?,
            b'-' | b'0'..=b'9' => Kind::Number(self.number()?),
            _ => {
                return Err(self.err(
                    &format!(
                        "unexpected character {}, expected a value",
                        self.describe(start)
                    ),
                    start,
                    start + 1,
                ))
            }
        };
        Ok(Json {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    fn describe(&self, at: usize) -> String {
        match self.text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) if !c.is_control() => format!("`{c}`"),
            Some(c) => format!("U+{:04X}", c as u32),
            None => "byte".to_string(),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, ParseError> {
        if self.src[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.err(
                &format!("invalid literal, expected `{word}`"),
                self.pos,
                self.pos + 1,
            ))
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                &format!("nesting deeper than {MAX_DEPTH} levels"),
                self.pos,
                self.pos + 1,
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut members = Vec::new();
        self.ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json {
                kind: Kind::Object(members.into_boxed_slice()),
                span: Span::new(start, self.pos),
            });
        }
        loop {
            self.ws();
            let key_start = self.pos;
            if self.src.get(self.pos) != Some(&b'"') {
                let msg = if self.src.get(self.pos) == Some(&b'}') {
                    "trailing comma before `}`".to_string()
                } else if self.pos >= self.src.len() {
                    "unexpected end of file inside an object".to_string()
                } else {
                    format!(
                        "expected a quoted member name, found {}",
                        self.describe(self.pos)
                    )
                };
                return Err(self.err(&msg, key_start, key_start + 1));
            }
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.ws();
            if self.src.get(self.pos) != Some(&b':') {
                return Err(self.err(
                    &format!("expected `:` after member name \"{key}\""),
                    self.pos,
                    self.pos + 1,
                ));
            }
            self.pos += 1;
            self.ws();
            let value = self.value()?;
            members.push(Member {
                key: key.into_boxed_str(),
                key_span,
                value,
            });
            self.ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    return Err(self.err(
                        "unexpected end of file, expected `,` or `}`",
                        start,
                        start + 1,
                    ))
                }
                _ => {
                    return Err(self.err(
                        &format!(
                            "expected `,` or `}}` after a member, found {}",
                            self.describe(self.pos)
                        ),
                        self.pos,
                        self.pos + 1,
                    ))
                }
            }
        }
        self.depth -= 1;
        Ok(Json {
            kind: Kind::Object(members.into_boxed_slice()),
            span: Span::new(start, self.pos),
        })
    }

    fn array(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json {
                kind: Kind::Array(items.into_boxed_slice()),
                span: Span::new(start, self.pos),
            });
        }
        loop {
            self.ws();
            if self.src.get(self.pos) == Some(&b']') {
                return Err(self.err("trailing comma before `]`", self.pos, self.pos + 1));
            }
            items.push(self.value()?);
            self.ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    return Err(self.err(
                        "unexpected end of file, expected `,` or `]`",
                        start,
                        start + 1,
                    ))
                }
                _ => {
                    return Err(self.err(
                        &format!(
                            "expected `,` or `]` after an item, found {}",
                            self.describe(self.pos)
                        ),
                        self.pos,
                        self.pos + 1,
                    ))
                }
            }
        }
        self.depth -= 1;
        Ok(Json {
            kind: Kind::Array(items.into_boxed_slice()),
            span: Span::new(start, self.pos),
        })
    }

    fn number(&mut self) -> Result<f64, ParseError> {
        let start = self.pos;
        let s = self.src;
        let mut i = self.pos;
        if s.get(i) == Some(&b'-') {
            i += 1;
        }
        match s.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while matches!(s.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => return Err(self.err("invalid number", start, i + 1)),
        }
        if s.get(i) == Some(&b'.') {
            i += 1;
            if !matches!(s.get(i), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number: digits expected after `.`", start, i));
            }
            while matches!(s.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(s.get(i), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number: digits expected in exponent", start, i));
            }
            while matches!(s.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        self.pos = i;
        // The slice is ASCII digits and signs only, so this cannot fail,
        // but a parse error is still better than a panic.
        let n = to_f64(&self.text[start..i]).ok_or_else(|| self.err("invalid number", start, i))?;
        if !n.is_finite() {
            return Err(self.err("number out of range", start, i));
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let s = self.src;
        // Fast path: no escapes.
        let mut i = self.pos;
        while let Some(&b) = s.get(i) {
            match b {
                b'"' => {
                    let out = self.text[self.pos..i].to_string();
                    self.pos = i + 1;
                    return Ok(out);
                }
                b'\\' => break,
                0..=0x1f => {
                    return Err(self.err("control character inside a string", i, i + 1));
                }
                _ => i += 1,
            }
        }
        let mut out = String::from(&self.text[self.pos..i]);
        loop {
            let Some(&b) = s.get(i) else {
                return Err(self.err("unterminated string", start, start + 1));
            };
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(out);
                }
                b'\\' => {
                    let esc = s.get(i + 1).copied();
                    i += 2;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4(i)?;
                            i += 4;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if s.get(i) == Some(&b'\\') && s.get(i + 1) == Some(&b'u') {
                                    let lo = self.hex4(i + 2)?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err("invalid surrogate pair", i, i + 6));
                                    }
                                    i += 6;
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => return Err(self.err("invalid unicode escape", i - 6, i)),
                            }
                        }
                        _ => return Err(self.err("invalid escape sequence", i - 2, i)),
                    }
                }
                0..=0x1f => {
                    return Err(self.err("control character inside a string", i, i + 1));
                }
                _ => {
                    // Copy one whole UTF-8 character; `text` is valid UTF-8.
                    let ch_len = utf8_len(b);
                    let end = (i + ch_len).min(s.len());
                    out.push_str(self.text.get(i..end).unwrap_or(""));
                    i = end;
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, ParseError> {
        let digits = self
            .text
            .get(at..at + 4)
            .ok_or_else(|| self.err("incomplete unicode escape", at, at))?;
        u32::from_str_radix(digits, 16)
            .ok()
            .filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.err("invalid unicode escape", at, at + 4))
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_strings_read_back_unchanged() {
        for text in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "line\nbreak\ttab\r",
            "\u{1}\u{1f}",
            "Büro 🚀 \u{2028}",
        ] {
            let mut out = String::new();
            write_string(&mut out, text);
            assert_eq!(parse(&out).unwrap().as_str(), Some(text), "{out}");
        }
    }

    #[test]
    fn parses_nested_values_with_spans() {
        let v = parse(r#"{"a": [1, -2.5e1, true, null], "b": "x\u00e9\n"}"#).unwrap();
        let a = v.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[1].as_f64(), Some(-25.0));
        assert_eq!(v.get("b").unwrap().as_str(), Some("xé\n"));
        let m = v.member("b").unwrap();
        assert_eq!((m.key_span.start, m.key_span.end), (31, 34));
    }

    #[test]
    fn duplicate_keys_keep_the_last() {
        let v = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(v.get("a").unwrap().as_f64(), Some(2.0));
    }

    #[test]
    fn rejects_trailing_commas_and_comments_with_position() {
        let e = parse("{\"a\": 1,}").unwrap_err();
        assert!(e.message.contains("trailing comma"), "{e}");
        assert_eq!(e.span.start, 8);
        assert!(parse("// x\n{}").is_err());
        assert!(parse("[1,]").is_err());
    }

    #[test]
    fn rejects_bad_numbers_and_escapes() {
        for bad in [
            "01",
            "1.",
            "-",
            "1e",
            "\"\\x\"",
            "\"\\ud800\"",
            "1e999",
            "\"abc",
        ] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
        assert_eq!(parse("\"\\ud83d\\ude00\"").unwrap().as_str(), Some("😀"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let s = "[".repeat(100_000);
        assert!(parse(&s).unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn bom_is_skipped() {
        assert!(parse("\u{feff}{}").is_ok());
    }
}
