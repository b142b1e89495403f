//! The part of FreeMarker that Bandeau's Keycloak theme and the tests'
//! stand-ins for Keycloak's own templates use, and nothing more: a test
//! tool, so that the theme's `template.ftl` can be rendered without a
//! Keycloak server. Whatever it does not know is an error naming the
//! template, line and column, never a silent guess.
//!
//! Escaping follows Keycloak: it gives every `*.ftl` the `HTML` output
//! format with auto-escaping on (in its FreeMarker provider, not with an
//! `<#ftl>` header), so `${x}` writes a string with `<`, `>`, `&`, `"` and
//! `'` escaped (`&lt;` `&gt;` `&amp;` `&quot;` `&#39;`, FreeMarker's
//! `XHTMLEnc`); `?no_esc` writes it as it is; the legacy `?html` is an
//! error under auto-escaping, as in FreeMarker.
//!
//! Supported: `${expr}`; `<#if>`/`<#elseif>`/`<#else>`; `<#list x as y>`
//! with `<#sep>`; `<#macro>` (named parameters with defaults) and
//! `<#nested>`; `<@macro a=b; loopVar>…</@macro>`; `<#import "f" as ns>`;
//! `<#assign x = expr>`; `<#-- comments -->`; FreeMarker's white-space
//! stripping of lines that hold only FTL tags. Expressions: string,
//! integer and boolean literals, variables, `.member`, method calls,
//! `!` (default), `??`, `( )`, `!x`, `&&`, `||`, `==`/`=`/`!=`,
//! `gt`/`lt`/`gte`/`lte`, `+`, and the built-ins listed in [`builtin`].

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::rc::Rc;

/// A value of the data model.
#[derive(Clone)]
pub enum Value {
    Str(String),
    /// Markup that is written as it is (`?no_esc`, `kcSanitize`'s result
    /// after `?no_esc`).
    Markup(String),
    Num(i64),
    Bool(bool),
    Seq(Rc<Vec<Value>>),
    Hash(Rc<BTreeMap<String, Value>>),
    /// A Java method or a `TemplateMethodModelEx` such as Keycloak's `msg`.
    Method(Rc<Method>),
    Macro(Rc<BoundMacro>),
    /// An imported template's variables (index into the namespaces).
    Namespace(usize),
}

pub type Method = dyn Fn(&[Value]) -> Result<Value, String>;

impl Value {
    pub fn str(text: impl Into<String>) -> Value {
        Value::Str(text.into())
    }

    pub fn seq(items: impl IntoIterator<Item = Value>) -> Value {
        Value::Seq(Rc::new(items.into_iter().collect()))
    }

    pub fn hash<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Hash(Rc::new(
            entries.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        ))
    }

    pub fn method(f: impl Fn(&[Value]) -> Result<Value, String> + 'static) -> Value {
        Value::Method(Rc::new(f))
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Markup(_) => "markup (HTML)",
            Value::Num(_) => "number",
            Value::Bool(_) => "boolean",
            Value::Seq(_) => "sequence",
            Value::Hash(_) => "hash",
            Value::Method(_) => "method",
            Value::Macro(_) => "macro",
            Value::Namespace(_) => "namespace",
        }
    }

    pub fn as_str(&self) -> Result<&str, String> {
        match self {
            Value::Str(s) => Ok(s),
            other => Err(format!("expected a string, got a {}", other.kind())),
        }
    }

    fn as_bool(&self) -> Result<bool, String> {
        match self {
            Value::Bool(b) => Ok(*b),
            other => Err(format!("expected a boolean, got a {}", other.kind())),
        }
    }

    fn as_num(&self) -> Result<i64, String> {
        match self {
            Value::Num(n) => Ok(*n),
            other => Err(format!("expected a number, got a {}", other.kind())),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Markup(s) => write!(f, "markup({s:?})"),
            Value::Num(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Seq(items) => f.debug_list().entries(items.iter()).finish(),
            Value::Hash(members) => f.debug_map().entries(members.iter()).finish(),
            other => write!(f, "<{}>", other.kind()),
        }
    }
}

/// HTML escaping as FreeMarker's `HTMLOutputFormat` does it.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Syntax

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

#[derive(Debug)]
enum Expr {
    Str(String),
    Num(i64),
    Bool(bool),
    Var(String),
    Member(Box<Expr>, String),
    Call(Box<Expr>, Vec<Expr>),
    Builtin(Box<Expr>, String, Vec<Expr>),
    Default(Box<Expr>, Option<Box<Expr>>),
    Exists(Box<Expr>),
    Paren(Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Gt,
    Lt,
    Gte,
    Lte,
    Add,
}

#[derive(Debug)]
enum Node {
    Text(String),
    Interp(Expr, Pos),
    If(Vec<(Expr, Pos, Vec<Node>)>, Vec<Node>),
    List {
        seq: Expr,
        var: String,
        body: Vec<Node>,
        pos: Pos,
    },
    Sep(Vec<Node>),
    Nested(Vec<Expr>, Pos),
    Import {
        path: String,
        ns: String,
        pos: Pos,
    },
    Assign {
        name: String,
        value: Expr,
        pos: Pos,
    },
    Call {
        callee: Expr,
        args: Vec<(String, Expr)>,
        loop_vars: Vec<String>,
        body: Option<Rc<Vec<Node>>>,
        pos: Pos,
    },
}

#[derive(Debug)]
pub struct MacroDef {
    name: String,
    params: Vec<(String, Option<Expr>)>,
    body: Rc<Vec<Node>>,
}

#[derive(Debug)]
struct Template {
    name: String,
    nodes: Vec<Node>,
    macros: Vec<Rc<MacroDef>>,
}

/// A macro and the namespace (template) it was defined in.
pub struct BoundMacro {
    def: Rc<MacroDef>,
    template: Rc<Template>,
    ns: usize,
}

// ---------------------------------------------------------------------------
// Lexing the template into text, interpolations and tags

/// Expression tokens.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Str(String),
    Num(i64),
    Ident(String),
    Sym(&'static str),
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Interp(Vec<Tok>, Pos),
    /// `<#name …>`; `closing` for `</#name>`.
    Directive {
        name: String,
        toks: Vec<Tok>,
        closing: bool,
        pos: Pos,
    },
    /// `<@callee …>`, `<@callee …/>` or `</@callee>`.
    Call {
        toks: Vec<Tok>,
        closing: bool,
        empty: bool,
        pos: Pos,
    },
    Comment,
}

impl Piece {
    /// Tags and comments: what white-space stripping looks for.
    fn is_tag(&self) -> bool {
        matches!(
            self,
            Piece::Directive { .. } | Piece::Call { .. } | Piece::Comment
        )
    }
}

struct Lexer<'s> {
    name: &'s str,
    src: &'s str,
    at: usize,
}

const SYMBOLS: [&str; 24] = [
    "??", "!=", "==", "&&", "||", ">=", "<=", "/>", "(", ")", "[", "]", ",", ".", "?", "!", "=",
    "+", "-", ";", ">", "<", "{", "}",
];

impl<'s> Lexer<'s> {
    fn pos(&self, at: usize) -> Pos {
        let before = &self.src[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Pos { line, column }
    }

    fn error(&self, at: usize, message: impl fmt::Display) -> String {
        let pos = self.pos(at);
        format!("{}:{}:{}: {message}", self.name, pos.line, pos.column)
    }

    fn rest(&self) -> &'s str {
        &self.src[self.at..]
    }

    fn pieces(mut self) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        while self.at < self.src.len() {
            let rest = self.rest();
            let start = self.at;
            if rest.starts_with("<#--") {
                let end = rest
                    .find("-->")
                    .ok_or_else(|| self.error(start, "comment `<#--` is never closed"))?;
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Comment);
                self.at += end + 3;
            } else if rest.starts_with("${") {
                self.at += 2;
                let toks = self.expression_until_brace(start)?;
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Interp(toks, self.pos(start)));
            } else if rest.starts_with("#{") {
                return Err(self.error(
                    start,
                    "`#{…}` (legacy numerical interpolation) is not supported",
                ));
            } else if rest.starts_with("<#") || rest.starts_with("</#") {
                let closing = rest.starts_with("</#");
                self.at += if closing { 3 } else { 2 };
                let name = self.word();
                if name.is_empty() {
                    return Err(self.error(start, "a directive needs a name after `<#`"));
                }
                let (toks, empty) = self.tag_body(start)?;
                if empty {
                    return Err(self.error(start, format!("`<#{name}/>` is not supported")));
                }
                if closing && !toks.is_empty() {
                    return Err(self.error(start, format!("`</#{name}` takes nothing more")));
                }
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Directive {
                    name,
                    toks,
                    closing,
                    pos: self.pos(start),
                });
            } else if rest.starts_with("<@") || rest.starts_with("</@") {
                let closing = rest.starts_with("</@");
                self.at += if closing { 3 } else { 2 };
                let (toks, empty) = self.tag_body(start)?;
                flush(&mut text, &mut pieces);
                pieces.push(Piece::Call {
                    toks,
                    closing,
                    empty,
                    pos: self.pos(start),
                });
            } else if rest.starts_with("[#") || rest.starts_with("[@") || rest.starts_with("[=") {
                return Err(self.error(
                    start,
                    "square-bracket FreeMarker syntax is not supported (and would only apply after [#ftl])",
                ));
            } else {
                let c = rest.chars().next().expect("not at the end");
                text.push(c);
                self.at += c.len_utf8();
            }
        }
        flush(&mut text, &mut pieces);
        Ok(pieces)
    }

    fn word(&mut self) -> String {
        let rest = self.rest();
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += end;
        rest[..end].to_string()
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Tokens up to the `}` that ends an interpolation.
    fn expression_until_brace(&mut self, start: usize) -> Result<Vec<Tok>, String> {
        let mut toks = Vec::new();
        let mut depth = 0usize;
        loop {
            self.skip_space();
            if self.at >= self.src.len() {
                return Err(self.error(start, "`${` is never closed"));
            }
            let at = self.at;
            let tok = self.token()?;
            match tok {
                Tok::Sym("}") if depth == 0 => return Ok(toks),
                Tok::Sym("{") => {
                    return Err(self.error(at, "hash literals `{…}` are not supported"))
                }
                Tok::Sym("(" | "[") => depth += 1,
                Tok::Sym(")" | "]") => depth = depth.saturating_sub(1),
                _ => {}
            }
            toks.push(tok);
        }
    }

    /// Tokens up to the `>` (or `/>`) that ends a tag, outside parentheses.
    /// Returns whether the tag ended with `/>`.
    fn tag_body(&mut self, start: usize) -> Result<(Vec<Tok>, bool), String> {
        let mut toks = Vec::new();
        let mut depth = 0usize;
        loop {
            self.skip_space();
            if self.at >= self.src.len() {
                return Err(self.error(start, "tag is never closed with `>`"));
            }
            let at = self.at;
            let tok = self.token()?;
            match tok {
                Tok::Sym(">") if depth == 0 => return Ok((toks, false)),
                Tok::Sym("/>") if depth == 0 => return Ok((toks, true)),
                Tok::Sym(">=" | "<=" | "<") if depth == 0 => {
                    return Err(
                        self.error(at, "comparison with `<`/`>` outside parentheses; use lt/gt")
                    )
                }
                Tok::Sym("{" | "}") => {
                    return Err(self.error(at, "hash literals `{…}` are not supported"))
                }
                Tok::Sym("(" | "[") => depth += 1,
                Tok::Sym(")" | "]") => depth = depth.saturating_sub(1),
                _ => {}
            }
            toks.push(tok);
        }
    }

    fn token(&mut self) -> Result<Tok, String> {
        let start = self.at;
        let rest = self.rest();
        let c = rest.chars().next().expect("caller checked for the end");
        if c == '"' || c == '\'' {
            return self.string(c);
        }
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if rest[end..].starts_with('.')
                && rest[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(self.error(start, "decimal numbers are not supported"));
            }
            self.at += end;
            return rest[..end]
                .parse()
                .map(Tok::Num)
                .map_err(|e| self.error(start, e));
        }
        if c.is_alphabetic() || c == '_' {
            let word = self.word();
            if word.is_empty() {
                return Err(self.error(start, format!("unexpected `{c}`")));
            }
            return Ok(Tok::Ident(word));
        }
        for symbol in SYMBOLS {
            if rest.starts_with(symbol) {
                self.at += symbol.len();
                return Ok(Tok::Sym(symbol));
            }
        }
        Err(self.error(start, format!("`{c}` is not supported in expressions")))
    }

    fn string(&mut self, quote: char) -> Result<Tok, String> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                return Err(self.error(start, "string literal is never closed"));
            };
            self.at += c.len_utf8();
            match c {
                c if c == quote => return Ok(Tok::Str(out)),
                '\\' => {
                    let Some(e) = self.rest().chars().next() else {
                        return Err(self.error(start, "string literal is never closed"));
                    };
                    self.at += e.len_utf8();
                    out.push(match e {
                        '"' => '"',
                        '\'' => '\'',
                        '\\' => '\\',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '{' => '{',
                        other => {
                            return Err(self.error(
                                self.at - 2,
                                format!("escape `\\{other}` is not supported"),
                            ))
                        }
                    });
                }
                '$' | '#' if self.rest().starts_with('{') => {
                    return Err(self.error(
                        self.at - 1,
                        "interpolation inside a string literal is not supported",
                    ))
                }
                c => out.push(c),
            }
        }
    }
}

fn flush(text: &mut String, pieces: &mut Vec<Piece>) {
    if !text.is_empty() {
        pieces.push(Piece::Text(std::mem::take(text)));
    }
}

/// FreeMarker's white-space stripping: on a line that holds only FTL tags
/// and comments besides white-space, that white-space (indentation and the
/// line break) is dropped.
fn strip_whitespace(pieces: Vec<Piece>) -> Vec<Piece> {
    // Split texts at line ends, so each line is a run of pieces.
    let mut split = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                for part in text.split_inclusive('\n') {
                    split.push(Piece::Text(part.to_string()));
                }
            }
            other => split.push(other),
        }
    }
    let mut out = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let finish = |line: &mut Vec<Piece>, out: &mut Vec<Piece>| {
        let only_tags = line.iter().any(Piece::is_tag)
            && line.iter().all(|p| match p {
                Piece::Text(t) => t.trim().is_empty(),
                p => p.is_tag(),
            });
        for piece in line.drain(..) {
            if !(only_tags && matches!(piece, Piece::Text(_))) {
                out.push(piece);
            }
        }
    };
    for piece in split {
        let ends_line = matches!(&piece, Piece::Text(t) if t.ends_with('\n'));
        line.push(piece);
        if ends_line {
            finish(&mut line, &mut out);
        }
    }
    finish(&mut line, &mut out);
    // Merge neighbouring texts again.
    let mut merged: Vec<Piece> = Vec::new();
    for piece in out {
        match (merged.last_mut(), piece) {
            (Some(Piece::Text(previous)), Piece::Text(text)) => previous.push_str(&text),
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

// ---------------------------------------------------------------------------
// Parsing expressions

struct Exprs<'t> {
    toks: &'t [Tok],
    at: usize,
}

impl<'t> Exprs<'t> {
    fn new(toks: &'t [Tok]) -> Self {
        Exprs { toks, at: 0 }
    }

    fn peek(&self) -> Option<&'t Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<&'t Tok> {
        let tok = self.toks.get(self.at);
        self.at += 1;
        tok
    }

    fn eat(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(s)) if *s == symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(w)) if w == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, symbol: &str) -> Result<(), String> {
        if self.eat(symbol) {
            Ok(())
        } else {
            Err(format!("expected `{symbol}`, found {}", self.describe()))
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Ident(name)) => Ok(name.clone()),
            _ => {
                self.at -= 1;
                Err(format!("expected a name, found {}", self.describe()))
            }
        }
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => "the end".into(),
            Some(Tok::Str(s)) => format!("string {s:?}"),
            Some(Tok::Num(n)) => format!("number {n}"),
            Some(Tok::Ident(i)) => format!("`{i}`"),
            Some(Tok::Sym(s)) => format!("`{s}`"),
        }
    }

    fn done(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(format!("unexpected {}", self.describe())),
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Expr::Binary(BinOp::Or, Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.equality()?;
        while self.eat("&&") {
            left = Expr::Binary(BinOp::And, Box::new(left), Box::new(self.equality()?));
        }
        Ok(left)
    }

    fn equality(&mut self) -> Result<Expr, String> {
        let left = self.relation()?;
        let op = if self.eat("==") || self.eat("=") {
            BinOp::Eq
        } else if self.eat("!=") {
            BinOp::Ne
        } else {
            return Ok(left);
        };
        Ok(Expr::Binary(op, Box::new(left), Box::new(self.relation()?)))
    }

    fn relation(&mut self) -> Result<Expr, String> {
        let left = self.additive()?;
        let op = match self.peek() {
            Some(Tok::Ident(w)) if w == "gt" => BinOp::Gt,
            Some(Tok::Ident(w)) if w == "lt" => BinOp::Lt,
            Some(Tok::Ident(w)) if w == "gte" => BinOp::Gte,
            Some(Tok::Ident(w)) if w == "lte" => BinOp::Lte,
            Some(Tok::Sym(">")) => BinOp::Gt,
            Some(Tok::Sym("<")) => BinOp::Lt,
            Some(Tok::Sym(">=")) => BinOp::Gte,
            Some(Tok::Sym("<=")) => BinOp::Lte,
            _ => return Ok(left),
        };
        self.at += 1;
        Ok(Expr::Binary(op, Box::new(left), Box::new(self.additive()?)))
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            if self.eat("+") {
                left = Expr::Binary(BinOp::Add, Box::new(left), Box::new(self.unary()?));
            } else if matches!(self.peek(), Some(Tok::Sym("-"))) {
                return Err("subtraction is not supported".into());
            } else {
                return Ok(left);
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if matches!(self.peek(), Some(Tok::Sym("-"))) {
            return Err("negation is not supported".into());
        }
        self.postfix()
    }

    /// Whether the next token can start an expression: the right side of
    /// the default operator `x!default` is optional.
    fn starts_expression(&self) -> bool {
        match self.peek() {
            Some(Tok::Str(_) | Tok::Num(_)) => true,
            Some(Tok::Ident(w)) => !matches!(w.as_str(), "gt" | "lt" | "gte" | "lte" | "as"),
            Some(Tok::Sym("(" | "!")) => true,
            _ => false,
        }
    }

    fn postfix(&mut self) -> Result<Expr, String> {
        let mut expr = self.primary()?;
        loop {
            if self.eat(".") {
                expr = Expr::Member(Box::new(expr), self.ident()?);
            } else if self.eat("(") {
                expr = Expr::Call(Box::new(expr), self.arguments()?);
            } else if self.eat("??") {
                expr = Expr::Exists(Box::new(expr));
            } else if self.eat("?") {
                let name = self.ident()?;
                let args = if self.eat("(") {
                    self.arguments()?
                } else {
                    Vec::new()
                };
                expr = Expr::Builtin(Box::new(expr), name, args);
            } else if self.eat("!") {
                // FreeMarker parses the default as a whole expression:
                // `x!1 + y` is `x!(1 + y)`.
                let default = if self.starts_expression() {
                    Some(Box::new(self.expr()?))
                } else {
                    None
                };
                expr = Expr::Default(Box::new(expr), default);
            } else if matches!(self.peek(), Some(Tok::Sym("["))) {
                return Err("`[…]` indexing and slicing are not supported".into());
            } else {
                return Ok(expr);
            }
        }
    }

    fn arguments(&mut self) -> Result<Vec<Expr>, String> {
        let mut args = Vec::new();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.expr()?);
            if self.eat(")") {
                return Ok(args);
            }
            self.expect(",")?;
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Str(s)) => Ok(Expr::Str(s.clone())),
            Some(Tok::Num(n)) => Ok(Expr::Num(*n)),
            Some(Tok::Ident(w)) if w == "true" => Ok(Expr::Bool(true)),
            Some(Tok::Ident(w)) if w == "false" => Ok(Expr::Bool(false)),
            Some(Tok::Ident(w)) if w == "r" && matches!(self.peek(), Some(Tok::Str(_))) => {
                Err("raw string literals are not supported".into())
            }
            Some(Tok::Ident(w)) => Ok(Expr::Var(w.clone())),
            Some(Tok::Sym("(")) => {
                let inner = self.expr()?;
                self.expect(")")?;
                Ok(Expr::Paren(Box::new(inner)))
            }
            Some(Tok::Sym("[")) => Err("sequence literals are not supported".into()),
            _ => {
                self.at -= 1;
                Err(format!("expected an expression, found {}", self.describe()))
            }
        }
    }
}

fn parse_expr(toks: &[Tok]) -> Result<Expr, String> {
    let mut p = Exprs::new(toks);
    let expr = p.expr()?;
    p.done()?;
    Ok(expr)
}

// ---------------------------------------------------------------------------
// Building the tree

enum Open {
    Root,
    If {
        branches: Vec<(Expr, Pos, Vec<Node>)>,
        in_else: bool,
        pos: Pos,
    },
    List {
        seq: Expr,
        var: String,
        pos: Pos,
    },
    Sep,
    Macro {
        def: (String, Vec<(String, Option<Expr>)>),
        pos: Pos,
    },
    Call {
        callee: Expr,
        callee_text: String,
        args: Vec<(String, Expr)>,
        loop_vars: Vec<String>,
        pos: Pos,
    },
}

impl Open {
    fn name(&self) -> &'static str {
        match self {
            Open::Root => "template",
            Open::If { .. } => "#if",
            Open::List { .. } => "#list",
            Open::Sep => "#sep",
            Open::Macro { .. } => "#macro",
            Open::Call { .. } => "@…",
        }
    }
}

fn parse_template(name: &str, src: &str) -> Result<Template, String> {
    let lexer = Lexer { name, src, at: 0 };
    let pieces = strip_whitespace(lexer.pieces()?);
    let at = |pos: Pos, message: String| format!("{name}:{}:{}: {message}", pos.line, pos.column);
    // A stack of open directives, each with the nodes of its current part.
    let mut stack: Vec<(Open, Vec<Node>)> = vec![(Open::Root, Vec::new())];
    let mut macros = Vec::new();
    for piece in pieces {
        let nodes = &mut stack.last_mut().expect("root stays").1;
        match piece {
            Piece::Comment => {}
            Piece::Text(text) => nodes.push(Node::Text(text)),
            Piece::Interp(toks, pos) => {
                let expr = parse_expr(&toks).map_err(|e| at(pos, e))?;
                nodes.push(Node::Interp(expr, pos));
            }
            Piece::Directive {
                name: directive,
                toks,
                closing: false,
                pos,
            } => {
                let fail = |e: String| at(pos, format!("<#{directive}>: {e}"));
                match directive.as_str() {
                    "if" => {
                        let cond = parse_expr(&toks).map_err(fail)?;
                        stack.push((
                            Open::If {
                                branches: vec![(cond, pos, Vec::new())],
                                in_else: false,
                                pos,
                            },
                            Vec::new(),
                        ));
                    }
                    "elseif" | "else" => {
                        let (open, body) = stack.last_mut().expect("root stays");
                        let open_name = open.name();
                        let Open::If {
                            branches, in_else, ..
                        } = open
                        else {
                            return Err(fail(format!(
                                "only supported inside <#if>, not in {open_name}"
                            )));
                        };
                        if *in_else {
                            return Err(fail("comes after <#else>".into()));
                        }
                        branches.last_mut().expect("one branch").2 = std::mem::take(body);
                        if directive == "else" {
                            if !toks.is_empty() {
                                return Err(fail("takes no expression".into()));
                            }
                            *in_else = true;
                        } else {
                            branches.push((parse_expr(&toks).map_err(fail)?, pos, Vec::new()));
                        }
                    }
                    "list" => {
                        let split = toks
                            .iter()
                            .position(|t| *t == Tok::Ident("as".into()))
                            .ok_or_else(|| fail("expected `<#list seq as item>`".into()))?;
                        let seq = parse_expr(&toks[..split]).map_err(fail)?;
                        let mut rest = Exprs::new(&toks[split + 1..]);
                        let var = rest.ident().map_err(fail)?;
                        if rest.eat(",") {
                            return Err(fail(
                                "listing a hash's key and value is not supported".into(),
                            ));
                        }
                        rest.done().map_err(fail)?;
                        stack.push((Open::List { seq, var, pos }, Vec::new()));
                    }
                    "sep" => {
                        if !toks.is_empty() {
                            return Err(fail("takes no expression".into()));
                        }
                        if !matches!(stack.last().expect("root").0, Open::List { .. }) {
                            return Err(fail("only supported directly inside <#list>".into()));
                        }
                        stack.push((Open::Sep, Vec::new()));
                    }
                    "macro" => {
                        if stack.len() != 1 {
                            return Err(fail("only supported at the top level".into()));
                        }
                        let mut p = Exprs::new(&toks);
                        let macro_name = p.ident().map_err(fail)?;
                        let mut params = Vec::new();
                        while p.peek().is_some() {
                            let param = p.ident().map_err(fail)?;
                            let default = if p.eat("=") {
                                Some(p.expr().map_err(fail)?)
                            } else {
                                None
                            };
                            params.push((param, default));
                        }
                        stack.push((
                            Open::Macro {
                                def: (macro_name, params),
                                pos,
                            },
                            Vec::new(),
                        ));
                    }
                    "nested" => {
                        let mut args = Vec::new();
                        let mut p = Exprs::new(&toks);
                        while p.peek().is_some() {
                            args.push(p.expr().map_err(fail)?);
                            p.eat(",");
                        }
                        nodes.push(Node::Nested(args, pos));
                    }
                    "import" => {
                        let mut p = Exprs::new(&toks);
                        let Some(Tok::Str(path)) = p.next() else {
                            return Err(fail("expected `<#import \"file.ftl\" as name>`".into()));
                        };
                        if !p.eat_word("as") {
                            return Err(fail("expected `as name`".into()));
                        }
                        let ns = p.ident().map_err(fail)?;
                        p.done().map_err(fail)?;
                        nodes.push(Node::Import {
                            path: path.clone(),
                            ns,
                            pos,
                        });
                    }
                    "assign" => {
                        let mut p = Exprs::new(&toks);
                        let var = p.ident().map_err(fail)?;
                        if p.peek().is_none() {
                            return Err(fail(
                                "the capturing form `<#assign x>…</#assign>` is not supported"
                                    .into(),
                            ));
                        }
                        p.expect("=").map_err(fail)?;
                        let value = p.expr().map_err(fail)?;
                        p.done()
                            .map_err(|e| fail(format!("{e} (one assignment per <#assign>)")))?;
                        nodes.push(Node::Assign {
                            name: var,
                            value,
                            pos,
                        });
                    }
                    other => {
                        return Err(at(
                            pos,
                            format!("directive <#{other}> is not supported by this renderer"),
                        ))
                    }
                }
            }
            Piece::Directive {
                name: directive,
                closing: true,
                pos,
                ..
            } => {
                let fail = |e: String| at(pos, format!("</#{directive}>: {e}"));
                // `</#list>` also ends an open `<#sep>`.
                if directive == "list" && matches!(stack.last().expect("root").0, Open::Sep) {
                    let (_, body) = stack.pop().expect("sep");
                    stack.last_mut().expect("list").1.push(Node::Sep(body));
                }
                let (open, body) = stack.pop().expect("root stays");
                let node = match (directive.as_str(), open) {
                    (
                        "if",
                        Open::If {
                            mut branches,
                            in_else,
                            ..
                        },
                    ) => {
                        if in_else {
                            Node::If(branches, body)
                        } else {
                            branches.last_mut().expect("one branch").2 = body;
                            Node::If(branches, Vec::new())
                        }
                    }
                    ("list", Open::List { seq, var, pos }) => Node::List {
                        seq,
                        var,
                        body,
                        pos,
                    },
                    ("sep", Open::Sep) => Node::Sep(body),
                    ("macro", Open::Macro { def, .. }) => {
                        macros.push(Rc::new(MacroDef {
                            name: def.0,
                            params: def.1,
                            body: Rc::new(body),
                        }));
                        continue;
                    }
                    (_, Open::Root) => {
                        return Err(fail("closes nothing".into()));
                    }
                    (_, open) => {
                        return Err(fail(format!("but {} is open", open.name())));
                    }
                };
                stack.last_mut().expect("root stays").1.push(node);
            }
            Piece::Call {
                toks,
                closing: false,
                empty,
                pos,
            } => {
                let fail = |e: String| at(pos, format!("<@…>: {e}"));
                let mut p = Exprs::new(&toks);
                let first = p.ident().map_err(fail)?;
                let mut callee_text = first.clone();
                let mut callee = Expr::Var(first);
                while p.eat(".") {
                    let member = p.ident().map_err(fail)?;
                    callee_text = format!("{callee_text}.{member}");
                    callee = Expr::Member(Box::new(callee), member);
                }
                let mut args = Vec::new();
                while p.peek().is_some() && !matches!(p.peek(), Some(Tok::Sym(";"))) {
                    let named = matches!(p.peek(), Some(Tok::Ident(_)))
                        && p.toks.get(p.at + 1) == Some(&Tok::Sym("="));
                    if !named {
                        return Err(fail(format!(
                            "positional arguments are not supported (at {})",
                            p.describe()
                        )));
                    }
                    let arg = p.ident().map_err(fail)?;
                    p.expect("=").map_err(fail)?;
                    args.push((arg, p.expr().map_err(fail)?));
                    p.eat(",");
                }
                let mut loop_vars = Vec::new();
                if p.eat(";") {
                    loop {
                        loop_vars.push(p.ident().map_err(fail)?);
                        if !p.eat(",") {
                            break;
                        }
                    }
                }
                p.done().map_err(fail)?;
                if empty {
                    nodes.push(Node::Call {
                        callee,
                        args,
                        loop_vars,
                        body: None,
                        pos,
                    });
                } else {
                    stack.push((
                        Open::Call {
                            callee,
                            callee_text,
                            args,
                            loop_vars,
                            pos,
                        },
                        Vec::new(),
                    ));
                }
            }
            Piece::Call {
                toks,
                closing: true,
                pos,
                ..
            } => {
                let closing_text: Vec<String> = toks
                    .iter()
                    .map(|t| match t {
                        Tok::Ident(i) => i.clone(),
                        Tok::Sym(s) => s.to_string(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                let closing_text = closing_text.concat();
                let (open, body) = stack.pop().expect("root stays");
                let open_name = open.name();
                let Open::Call {
                    callee,
                    callee_text,
                    args,
                    loop_vars,
                    pos: open_pos,
                } = open
                else {
                    return Err(at(
                        pos,
                        format!("</@{closing_text}> but {open_name} is open"),
                    ));
                };
                if !closing_text.is_empty() && closing_text != callee_text {
                    return Err(at(
                        pos,
                        format!("</@{closing_text}> closes <@{callee_text}>"),
                    ));
                }
                stack.last_mut().expect("root stays").1.push(Node::Call {
                    callee,
                    args,
                    loop_vars,
                    body: Some(Rc::new(body)),
                    pos: open_pos,
                });
            }
        }
    }
    if stack.len() > 1 {
        let (open, _) = stack.pop().expect("checked");
        let pos = match open {
            Open::If { pos, .. }
            | Open::List { pos, .. }
            | Open::Macro { pos, .. }
            | Open::Call { pos, .. } => Some(pos),
            _ => None,
        };
        return Err(match pos {
            Some(pos) => at(pos, format!("{} is never closed", open.name())),
            None => format!("{name}: {} is never closed", open.name()),
        });
    }
    let (_, nodes) = stack.pop().expect("root");
    Ok(Template {
        name: name.to_string(),
        nodes,
        macros,
    })
}

// ---------------------------------------------------------------------------
// Rendering

/// Reads a template by name (`template.ftl`, as `<#import>` spells it).
pub type Loader = dyn Fn(&str) -> Result<String, String>;

/// Where lookups happen: the namespace of the template whose code runs,
/// macro parameters and loop variables (innermost last), and for a macro
/// the body its caller gave it.
#[derive(Clone)]
struct Frame {
    template: Rc<Template>,
    ns: usize,
    locals: Vec<Rc<HashMap<String, Value>>>,
    loops: Vec<Rc<LoopState>>,
    caller: Option<Rc<Caller>>,
}

struct LoopState {
    var: String,
    index: usize,
    has_next: bool,
}

struct Caller {
    body: Option<Rc<Vec<Node>>>,
    loop_vars: Vec<String>,
    frame: Frame,
}

pub struct Renderer {
    loader: Box<Loader>,
    data: HashMap<String, Value>,
    namespaces: Vec<RefCell<HashMap<String, Value>>>,
    imported: HashMap<String, usize>,
    /// Macro calls deep: a runaway recursion fails instead of overflowing.
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Renderer {
    pub fn new(loader: Box<Loader>, data: HashMap<String, Value>) -> Renderer {
        Renderer {
            loader,
            data,
            namespaces: Vec::new(),
            imported: HashMap::new(),
            depth: 0,
        }
    }

    fn load(&self, name: &str) -> Result<Rc<Template>, String> {
        let src = (self.loader)(name)?;
        Ok(Rc::new(parse_template(name, &src)?))
    }

    /// Renders the template `name` with the data model.
    pub fn render(&mut self, name: &str) -> Result<String, String> {
        let template = self.load(name)?;
        let mut out = String::new();
        self.run_template(template, &mut out)?;
        Ok(out)
    }

    /// Runs a template in a namespace of its own; returns the namespace.
    fn run_template(&mut self, template: Rc<Template>, out: &mut String) -> Result<usize, String> {
        let ns = self.namespaces.len();
        self.namespaces.push(RefCell::new(HashMap::new()));
        // Macros are defined before anything runs, so they can be called
        // above their definition.
        for def in &template.macros {
            let bound = BoundMacro {
                def: Rc::clone(def),
                template: Rc::clone(&template),
                ns,
            };
            self.namespaces[ns]
                .borrow_mut()
                .insert(def.name.clone(), Value::Macro(Rc::new(bound)));
        }
        let frame = Frame {
            template: Rc::clone(&template),
            ns,
            locals: Vec::new(),
            loops: Vec::new(),
            caller: None,
        };
        self.run(&template.nodes, &frame, out)?;
        Ok(ns)
    }

    fn error(frame: &Frame, pos: Pos, message: impl fmt::Display) -> String {
        format!(
            "{}:{}:{}: {message}",
            frame.template.name, pos.line, pos.column
        )
    }

    fn run(&mut self, nodes: &[Node], frame: &Frame, out: &mut String) -> Result<(), String> {
        for node in nodes {
            self.run_node(node, frame, out)?;
        }
        Ok(())
    }

    fn run_node(&mut self, node: &Node, frame: &Frame, out: &mut String) -> Result<(), String> {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Interp(expr, pos) => {
                let value = self
                    .eval(expr, frame)
                    .map_err(|e| Self::error(frame, *pos, format!("${{…}}: {e}")))?;
                match value {
                    Value::Str(s) => out.push_str(&escape_html(&s)),
                    Value::Markup(m) => out.push_str(&m),
                    // FreeMarker formats numbers for the locale (1,234); small
                    // ones come out the same everywhere.
                    Value::Num(n) if n.abs() < 1000 => out.push_str(&n.to_string()),
                    other => {
                        return Err(Self::error(
                            frame,
                            *pos,
                            format!(
                                "${{…}} cannot print a {} here (use ?c or ?then)",
                                other.kind()
                            ),
                        ))
                    }
                }
            }
            Node::If(branches, otherwise) => {
                for (cond, pos, body) in branches {
                    let holds = self
                        .eval(cond, frame)
                        .and_then(|v| v.as_bool())
                        .map_err(|e| Self::error(frame, *pos, format!("<#if>: {e}")))?;
                    if holds {
                        return self.run(body, frame, out);
                    }
                }
                self.run(otherwise, frame, out)?;
            }
            Node::List {
                seq,
                var,
                body,
                pos,
            } => {
                let items = match self.eval(seq, frame) {
                    Ok(Value::Seq(items)) => items,
                    Ok(other) => {
                        return Err(Self::error(
                            frame,
                            *pos,
                            format!("<#list>: expected a sequence, got a {}", other.kind()),
                        ))
                    }
                    Err(e) => return Err(Self::error(frame, *pos, format!("<#list>: {e}"))),
                };
                for (index, item) in items.iter().enumerate() {
                    let mut inner = frame.clone();
                    inner
                        .locals
                        .push(Rc::new(HashMap::from([(var.clone(), item.clone())])));
                    inner.loops.push(Rc::new(LoopState {
                        var: var.clone(),
                        index,
                        has_next: index + 1 < items.len(),
                    }));
                    self.run(body, &inner, out)?;
                }
            }
            Node::Sep(body) => {
                if frame.loops.last().is_some_and(|l| l.has_next) {
                    self.run(body, frame, out)?;
                }
            }
            Node::Assign { name, value, pos } => {
                let value = self
                    .eval(value, frame)
                    .map_err(|e| Self::error(frame, *pos, format!("<#assign {name}>: {e}")))?;
                self.namespaces[frame.ns]
                    .borrow_mut()
                    .insert(name.clone(), value);
            }
            Node::Import { path, ns, pos } => {
                let index = match self.imported.get(path) {
                    Some(&index) => index,
                    None => {
                        let template = self
                            .load(path)
                            .map_err(|e| Self::error(frame, *pos, format!("<#import>: {e}")))?;
                        // An imported template's output is thrown away.
                        let index = self.run_template(template, &mut String::new())?;
                        self.imported.insert(path.clone(), index);
                        index
                    }
                };
                self.namespaces[frame.ns]
                    .borrow_mut()
                    .insert(ns.clone(), Value::Namespace(index));
            }
            Node::Nested(args, pos) => {
                let Some(caller) = frame.caller.clone() else {
                    return Err(Self::error(frame, *pos, "<#nested> outside a macro"));
                };
                let Some(body) = &caller.body else {
                    return Ok(());
                };
                let mut values = HashMap::new();
                for (name, arg) in caller.loop_vars.iter().zip(args) {
                    let value = self
                        .eval(arg, frame)
                        .map_err(|e| Self::error(frame, *pos, format!("<#nested>: {e}")))?;
                    values.insert(name.clone(), value);
                }
                let mut inner = caller.frame.clone();
                inner.locals.push(Rc::new(values));
                self.run(body, &inner, out)?;
            }
            Node::Call {
                callee,
                args,
                loop_vars,
                body,
                pos,
            } => {
                let fail = |e: String| Self::error(frame, *pos, format!("<@…>: {e}"));
                let Value::Macro(target) = self.eval(callee, frame).map_err(fail)? else {
                    return Err(fail("only macros can be called with <@…>".into()));
                };
                let def = &target.def;
                for (name, _) in args {
                    if !def.params.iter().any(|(p, _)| p == name) {
                        return Err(fail(format!(
                            "macro `{}` has no parameter `{name}`",
                            def.name
                        )));
                    }
                }
                let mut inner = Frame {
                    template: Rc::clone(&target.template),
                    ns: target.ns,
                    locals: vec![Rc::new(HashMap::new())],
                    loops: Vec::new(),
                    caller: Some(Rc::new(Caller {
                        body: body.clone(),
                        loop_vars: loop_vars.clone(),
                        frame: frame.clone(),
                    })),
                };
                // Arguments are evaluated where the call is; defaults in
                // the macro, where they may use the parameters before them.
                let mut params = HashMap::new();
                for (param, default) in &def.params {
                    let value = match args.iter().find(|(name, _)| name == param) {
                        Some((_, expr)) => self.eval(expr, frame).map_err(fail)?,
                        None => match default {
                            Some(expr) => {
                                inner.locals = vec![Rc::new(params.clone())];
                                self.eval(expr, &inner)
                                    .map_err(|e| fail(format!("default of `{param}`: {e}")))?
                            }
                            None => {
                                return Err(fail(format!(
                                    "macro `{}` needs parameter `{param}`",
                                    def.name
                                )))
                            }
                        },
                    };
                    params.insert(param.clone(), value);
                }
                inner.locals = vec![Rc::new(params)];
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(fail("macro calls nest too deeply".into()));
                }
                let body = Rc::clone(&def.body);
                let result = self.run(&body, &inner, out);
                self.depth -= 1;
                result?;
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &str, frame: &Frame) -> Option<Value> {
        for scope in frame.locals.iter().rev() {
            if let Some(value) = scope.get(name) {
                return Some(value.clone());
            }
        }
        if let Some(value) = self.namespaces[frame.ns].borrow().get(name) {
            return Some(value.clone());
        }
        self.data.get(name).cloned()
    }

    fn member(&self, base: &Value, name: &str) -> Result<Option<Value>, String> {
        match base {
            Value::Hash(members) => Ok(members.get(name).cloned()),
            Value::Namespace(ns) => Ok(self.namespaces[*ns].borrow().get(name).cloned()),
            other => Err(format!("cannot read `.{name}` of a {}", other.kind())),
        }
    }

    /// A value that must be there.
    fn eval(&mut self, expr: &Expr, frame: &Frame) -> Result<Value, String> {
        match self.eval_opt(expr, frame, false)? {
            Some(value) => Ok(value),
            None => Err(format!(
                "`{}` is missing (null or undefined); use `!` or `??` where that is expected",
                describe(expr)
            )),
        }
    }

    /// `None` for a missing value. `lenient`: inside `( )` before `!` or
    /// `??`, where every step may be missing, not only the last one.
    fn eval_opt(
        &mut self,
        expr: &Expr,
        frame: &Frame,
        lenient: bool,
    ) -> Result<Option<Value>, String> {
        Ok(Some(match expr {
            Expr::Str(s) => Value::str(s.clone()),
            Expr::Num(n) => Value::Num(*n),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Var(name) => return Ok(self.lookup(name, frame)),
            Expr::Member(base, name) => {
                let base = if lenient {
                    match self.eval_opt(base, frame, true)? {
                        Some(base) => base,
                        None => return Ok(None),
                    }
                } else {
                    self.eval(base, frame)?
                };
                return self.member(&base, name);
            }
            Expr::Paren(inner) => return self.eval_opt(inner, frame, lenient),
            Expr::Default(inner, default) => {
                match self.tolerant(inner, frame)? {
                    Some(value) => value,
                    None => match default {
                        Some(default) => self.eval(default, frame)?,
                        // `x!` alone: the empty string.
                        None => Value::str(""),
                    },
                }
            }
            Expr::Exists(inner) => Value::Bool(self.tolerant(inner, frame)?.is_some()),
            Expr::Not(inner) => Value::Bool(!self.eval(inner, frame)?.as_bool()?),
            Expr::Call(callee, args) => {
                let Value::Method(method) = self.eval(callee, frame)? else {
                    return Err(format!("`{}` is not a method", describe(callee)));
                };
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg, frame)?);
                }
                method(&values).map_err(|e| format!("{}(…): {e}", describe(callee)))?
            }
            Expr::Builtin(target, name, args) => self.builtin(target, name, args, frame)?,
            Expr::Binary(op, left, right) => self.binary(*op, left, right, frame)?,
        }))
    }

    /// The operand of `!`, `??` and `?has_content`: only its last step may
    /// be missing, or any step when it is in parentheses.
    fn tolerant(&mut self, expr: &Expr, frame: &Frame) -> Result<Option<Value>, String> {
        match expr {
            Expr::Paren(inner) => self.eval_opt(inner, frame, true),
            other => self.eval_opt(other, frame, false),
        }
    }

    fn binary(
        &mut self,
        op: BinOp,
        left: &Expr,
        right: &Expr,
        frame: &Frame,
    ) -> Result<Value, String> {
        match op {
            BinOp::Or => {
                if self.eval(left, frame)?.as_bool()? {
                    return Ok(Value::Bool(true));
                }
                return Ok(Value::Bool(self.eval(right, frame)?.as_bool()?));
            }
            BinOp::And => {
                if !self.eval(left, frame)?.as_bool()? {
                    return Ok(Value::Bool(false));
                }
                return Ok(Value::Bool(self.eval(right, frame)?.as_bool()?));
            }
            _ => {}
        }
        let a = self.eval(left, frame)?;
        let b = self.eval(right, frame)?;
        Ok(match op {
            BinOp::Eq | BinOp::Ne => {
                let same = match (&a, &b) {
                    (Value::Str(x), Value::Str(y)) => x == y,
                    (Value::Num(x), Value::Num(y)) => x == y,
                    (Value::Bool(x), Value::Bool(y)) => x == y,
                    _ => return Err(format!("cannot compare a {} with a {}", a.kind(), b.kind())),
                };
                Value::Bool(same == (op == BinOp::Eq))
            }
            BinOp::Gt | BinOp::Lt | BinOp::Gte | BinOp::Lte => {
                let (x, y) = (a.as_num()?, b.as_num()?);
                Value::Bool(match op {
                    BinOp::Gt => x > y,
                    BinOp::Lt => x < y,
                    BinOp::Gte => x >= y,
                    _ => x <= y,
                })
            }
            BinOp::Add => match (a, b) {
                (Value::Num(x), Value::Num(y)) => Value::Num(x + y),
                (Value::Str(x), Value::Str(y)) => Value::Str(x + &y),
                // Markup + text: the text is escaped, as FreeMarker does.
                (Value::Markup(x), Value::Str(y)) => Value::Markup(x + &escape_html(&y)),
                (Value::Str(x), Value::Markup(y)) => Value::Markup(escape_html(&x) + &y),
                (Value::Markup(x), Value::Markup(y)) => Value::Markup(x + &y),
                (a, b) => return Err(format!("cannot add a {} and a {}", a.kind(), b.kind())),
            },
            BinOp::Or | BinOp::And => unreachable!("handled above"),
        })
    }

    /// The built-ins: `has_content`, `then(a, b)`, `no_esc`, `esc`,
    /// `split(sep)`, `replace(a, b)`, `contains(s)`, `starts_with(s)`,
    /// `ends_with(s)`, `trim`, `length`, `size`, `first`, `c`, and on loop
    /// variables `index`, `counter`, `has_next`.
    fn builtin(
        &mut self,
        target: &Expr,
        name: &str,
        args: &[Expr],
        frame: &Frame,
    ) -> Result<Value, String> {
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(format!("?{name} takes {n} argument(s), got {}", args.len()))
            }
        };
        match name {
            "has_content" => {
                arity(0)?;
                return Ok(Value::Bool(match self.tolerant(target, frame)? {
                    None => false,
                    Some(Value::Str(s) | Value::Markup(s)) => !s.is_empty(),
                    Some(Value::Seq(items)) => !items.is_empty(),
                    Some(Value::Hash(members)) => !members.is_empty(),
                    Some(_) => true,
                }));
            }
            "then" => {
                arity(2)?;
                let chosen = if self.eval(target, frame)?.as_bool()? {
                    &args[0]
                } else {
                    &args[1]
                };
                return self.eval(chosen, frame);
            }
            "index" | "counter" | "has_next" => {
                arity(0)?;
                let Expr::Var(var) = target else {
                    return Err(format!("?{name} works only on a loop variable"));
                };
                let Some(state) = frame.loops.iter().rev().find(|l| &l.var == var) else {
                    return Err(format!("?{name}: `{var}` is not a loop variable here"));
                };
                return Ok(match name {
                    "index" => Value::Num(state.index as i64),
                    "counter" => Value::Num(state.index as i64 + 1),
                    _ => Value::Bool(state.has_next),
                });
            }
            "html" | "xhtml" | "xml" | "rtf" => {
                return Err(format!(
                    "?{name} (legacy escaping) is not allowed when auto-escaping is on with \
                     the HTML output format, as Keycloak renders *.ftl; interpolations are \
                     escaped already"
                ))
            }
            _ => {}
        }
        let value = self.eval(target, frame)?;
        let mut strings = Vec::new();
        for arg in args {
            strings.push(self.eval(arg, frame)?);
        }
        let string_arg = |i: usize| strings[i].as_str();
        Ok(match name {
            "no_esc" => {
                arity(0)?;
                match value {
                    Value::Markup(m) => Value::Markup(m),
                    Value::Str(s) => Value::Markup(s),
                    other => return Err(format!("?no_esc needs a string, got a {}", other.kind())),
                }
            }
            "esc" => {
                arity(0)?;
                match value {
                    Value::Markup(m) => Value::Markup(m),
                    Value::Str(s) => Value::Markup(escape_html(&s)),
                    other => return Err(format!("?esc needs a string, got a {}", other.kind())),
                }
            }
            "split" => {
                arity(1)?;
                let separator = string_arg(0)?;
                if separator.is_empty() {
                    return Err("?split with an empty separator".into());
                }
                Value::seq(value.as_str()?.split(separator).map(Value::str))
            }
            "replace" => {
                arity(2)?;
                let (from, to) = (string_arg(0)?, string_arg(1)?);
                if from.is_empty() {
                    return Err("?replace of the empty string".into());
                }
                Value::str(value.as_str()?.replace(from, to))
            }
            "contains" => {
                arity(1)?;
                Value::Bool(value.as_str()?.contains(string_arg(0)?))
            }
            "starts_with" => {
                arity(1)?;
                Value::Bool(value.as_str()?.starts_with(string_arg(0)?))
            }
            "ends_with" => {
                arity(1)?;
                Value::Bool(value.as_str()?.ends_with(string_arg(0)?))
            }
            "trim" => {
                arity(0)?;
                Value::str(value.as_str()?.trim())
            }
            "length" => {
                arity(0)?;
                Value::Num(value.as_str()?.chars().count() as i64)
            }
            "size" => {
                arity(0)?;
                match value {
                    Value::Seq(items) => Value::Num(items.len() as i64),
                    Value::Hash(members) => Value::Num(members.len() as i64),
                    other => return Err(format!("?size needs a sequence, got a {}", other.kind())),
                }
            }
            "first" => {
                arity(0)?;
                match value {
                    Value::Seq(items) => items
                        .first()
                        .cloned()
                        .ok_or("?first of an empty sequence")?,
                    other => {
                        return Err(format!("?first needs a sequence, got a {}", other.kind()))
                    }
                }
            }
            "c" => {
                arity(0)?;
                match value {
                    Value::Num(n) => Value::str(n.to_string()),
                    Value::Bool(b) => Value::str(b.to_string()),
                    Value::Str(s) => Value::Str(s),
                    other => return Err(format!("?c needs a number, got a {}", other.kind())),
                }
            }
            other => {
                return Err(format!(
                    "built-in ?{other} is not supported by this renderer"
                ))
            }
        })
    }
}

/// An expression as it would be written, for error messages.
fn describe(expr: &Expr) -> String {
    match expr {
        Expr::Str(s) => format!("{s:?}"),
        Expr::Num(n) => n.to_string(),
        Expr::Bool(b) => b.to_string(),
        Expr::Var(name) => name.clone(),
        Expr::Member(base, name) => format!("{}.{name}", describe(base)),
        Expr::Call(callee, _) => format!("{}(…)", describe(callee)),
        Expr::Builtin(target, name, _) => format!("{}?{name}", describe(target)),
        Expr::Default(inner, _) => format!("{}!…", describe(inner)),
        Expr::Exists(inner) => format!("{}??", describe(inner)),
        Expr::Paren(inner) => format!("({})", describe(inner)),
        Expr::Not(inner) => format!("!{}", describe(inner)),
        Expr::Binary(..) => "expression".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `main` from in-memory templates with `data`.
    fn render_with(templates: &[(&str, &str)], data: Vec<(&str, Value)>) -> Result<String, String> {
        let templates: HashMap<String, String> = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let loader = Box::new(move |name: &str| {
            templates
                .get(name)
                .cloned()
                .ok_or_else(|| format!("template {name} not found"))
        });
        let data = data.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        Renderer::new(loader, data).render("main.ftl")
    }

    fn render(template: &str, data: Vec<(&str, Value)>) -> Result<String, String> {
        render_with(&[("main.ftl", template)], data)
    }

    fn ok(template: &str, data: Vec<(&str, Value)>) -> String {
        render(template, data).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(template: &str, data: Vec<(&str, Value)>) -> String {
        match render(template, data) {
            Ok(out) => panic!("rendered instead of failing: {out:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn interpolations_are_html_escaped_as_freemarker_does() {
        let hostile = Value::str(r#"<b>"Tom" & 'Jerry'</b>"#);
        assert_eq!(
            ok("<p title=\"${x}\">${x}</p>", vec![("x", hostile.clone())]),
            "<p title=\"&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;\">\
             &lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>"
        );
        assert_eq!(
            ok("${x?no_esc}", vec![("x", hostile.clone())]),
            r#"<b>"Tom" & 'Jerry'</b>"#
        );
        assert_eq!(
            ok("${x?esc?no_esc}", vec![("x", hostile)]),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        // Markup from a method is written as it is; text added to it is escaped.
        let markup = Value::Markup("<i>ok</i>".into());
        assert_eq!(ok("${m + '<'}", vec![("m", markup)]), "<i>ok</i>&lt;");
    }

    #[test]
    fn legacy_escaping_builtins_are_refused_under_auto_escaping() {
        let e = err("${x?html}", vec![("x", Value::str("a"))]);
        assert!(e.contains("main.ftl:1:1:"), "{e}");
        assert!(e.contains("?html (legacy escaping) is not allowed"), "{e}");
    }

    #[test]
    fn if_elseif_else_and_boolean_operators() {
        let template =
            "<#if a && !b>one<#elseif b || a>two<#else>three</#if>|<#if n gt 1 && s = 'x' && s != 'y'>yes</#if>";
        let run = |a: bool, b: bool| {
            ok(
                template,
                vec![
                    ("a", Value::Bool(a)),
                    ("b", Value::Bool(b)),
                    ("n", Value::Num(2)),
                    ("s", Value::str("x")),
                ],
            )
        };
        assert_eq!(run(true, false), "one|yes");
        assert_eq!(run(true, true), "two|yes");
        assert_eq!(run(false, false), "three|yes");
        // Conditions must be booleans.
        let e = err("<#if s>x</#if>", vec![("s", Value::str("x"))]);
        assert!(e.contains("expected a boolean, got a string"), "{e}");
    }

    #[test]
    fn missing_values_fail_unless_defaulted() {
        let e = err("${missing}", vec![]);
        assert!(e.contains("`missing` is missing"), "{e}");
        let realm = Value::hash([("name", Value::str("r"))]);
        assert_eq!(
            ok(
                "${realm.displayName!realm.name}|${realm.displayName!}|${(nope.deeper)!'d'}|${realm.x???c}|${realm.name???c}",
                vec![("realm", realm.clone())]
            ),
            "r||d|false|true"
        );
        // Without parentheses only the last step may be missing.
        let e = err("${nope.deeper!'d'}", vec![]);
        assert!(e.contains("`nope` is missing"), "{e}");
        assert_eq!(
            ok(
                "<#if realm.x?has_content>x<#else>-</#if><#if realm.name?has_content>n</#if>",
                vec![("realm", realm)]
            ),
            "-n"
        );
    }

    #[test]
    fn lists_with_separators_and_loop_builtins() {
        let langs = Value::seq(["de", "en", "fr"].map(Value::str));
        assert_eq!(
            ok(
                "<#list langs as l>${l}<#sep>,</#list>",
                vec![("langs", langs.clone())]
            ),
            "de,en,fr"
        );
        assert_eq!(
            ok(
                "<#list langs as l>${l?index}${l?counter}<#if l?has_next>+</#if></#list>|${langs?size}|${langs?first}",
                vec![("langs", langs)]
            ),
            "01+12+23|3|de"
        );
        let e = err("<#list s as x></#list>", vec![("s", Value::str("x"))]);
        assert!(e.contains("expected a sequence"), "{e}");
    }

    #[test]
    fn string_builtins() {
        let url = Value::str("/a?b=1&kc_locale=de");
        assert_eq!(
            ok(
                "${u?replace('kc_locale=' + 'de', 'kc_locale={lang}')}|${u?contains('b=1')?c}|${u?starts_with('/')?then('rel', 'abs')}|<#list 'x y'?split(' ') as p>[${p}]</#list>",
                vec![("u", url)]
            ),
            "/a?b=1&amp;kc_locale={lang}|true|rel|[x][y]"
        );
    }

    #[test]
    fn methods_are_called_with_their_arguments() {
        let msg = Value::method(|args| {
            let key = args[0].as_str()?;
            Ok(Value::str(format!("{key}:{}", args.len())))
        });
        assert_eq!(
            ok(
                "${msg('loginTitle', 'x')}|${msg(\"t\")}",
                vec![("msg", msg)]
            ),
            "loginTitle:2|t:1"
        );
        let e = err("${x()}", vec![("x", Value::str("s"))]);
        assert!(e.contains("`x` is not a method"), "{e}");
    }

    #[test]
    fn macros_with_defaults_nested_sections_and_imports() {
        let layout = r#"<#macro page title bodyClass="" show=true>
<h1>${title}</h1>
<main class="${bodyClass}"><#nested "form"></main>
<#if show><aside><#nested "info"></aside></#if>
</#macro>
<#macro greet who="world">hello ${who}</#macro>"#;
        let main = r#"<#import "layout.ftl" as layout>
<#assign who = "page">
<@layout.page title="T & t" show=flag; section>
<#if section = "form">form for ${who}<#elseif section = "info"><@layout.greet/></#if>
</@layout.page>
"#;
        let out = render_with(
            &[("layout.ftl", layout), ("main.ftl", main)],
            vec![("flag", Value::Bool(true))],
        )
        .unwrap();
        assert_eq!(
            out,
            "<h1>T &amp; t</h1>\n<main class=\"\">form for page\n</main>\n<aside>hello world\n</aside>\n"
        );
        let hidden = render_with(
            &[("layout.ftl", layout), ("main.ftl", main)],
            vec![("flag", Value::Bool(false))],
        )
        .unwrap();
        assert!(!hidden.contains("<aside>"), "{hidden}");
    }

    #[test]
    fn macro_calls_are_checked() {
        let defs = "<#macro m a b=a>${a}${b}</#macro>";
        assert_eq!(ok(&format!("{defs}<@m a='x'/>"), vec![]), "xx");
        assert!(err(&format!("{defs}<@m/>"), vec![]).contains("needs parameter `a`"));
        assert!(err(&format!("{defs}<@m a='x' c='y'/>"), vec![]).contains("no parameter `c`"));
        assert!(err(&format!("{defs}<@m 'x'/>"), vec![]).contains("positional arguments"));
        assert!(err("<@nope/>", vec![]).contains("`nope` is missing"));
        let e = err(&format!("{defs}<@m a='x'></@n>"), vec![]);
        assert!(e.contains("</@n> closes <@m>"), "{e}");
    }

    #[test]
    fn whitespace_of_lines_with_only_tags_is_stripped() {
        let template =
            "<ul>\n  <#list xs as x>\n    <li>${x}</li>\n  </#list>\n</ul>\n  <#-- note -->\nend";
        assert_eq!(
            ok(template, vec![("xs", Value::seq([Value::str("a")]))]),
            "<ul>\n    <li>a</li>\n</ul>\nend"
        );
        // A line with an interpolation keeps its white-space.
        assert_eq!(ok("  <#if true>${'x'}</#if>\n", vec![]), "  x\n");
    }

    #[test]
    fn unsupported_constructs_fail_loudly_with_a_position() {
        let cases = [
            (
                "<#switch x></#switch>",
                "main.ftl:1:1: directive <#switch> is not supported",
            ),
            (
                "a\n  <#include \"x.ftl\">",
                "main.ftl:2:3: directive <#include> is not supported",
            ),
            ("${x?upper_case}", "built-in ?upper_case is not supported"),
            ("${x[0]}", "indexing"),
            ("${1 - 2}", "subtraction"),
            ("${{'a': 1}}", "hash literals"),
            ("#{x}", "legacy numerical interpolation"),
            ("${\"a${x}\"}", "interpolation inside a string literal"),
            ("<#assign x>y</#assign>", "capturing form"),
            ("<#list m as k, v></#list>", "key and value"),
            ("<#if true>", "#if is never closed"),
            ("</#if>", "closes nothing"),
            ("<#if true></#list>", "but #if is open"),
            ("<#else>", "only supported inside <#if>"),
            (
                "<#ftl output_format=\"HTML\">",
                "directive <#ftl> is not supported",
            ),
            ("[#if true][/#if]", "square-bracket"),
            ("${1.5}", "decimal numbers"),
            ("${true}", "cannot print a boolean"),
            ("${1234}", "cannot print a number"),
            ("<#-- open", "never closed"),
        ];
        for (template, expected) in cases {
            let e = err(
                template,
                vec![("x", Value::str("x")), ("m", Value::seq([]))],
            );
            assert!(e.contains(expected), "{template}: {e}");
        }
    }
}
