//! `bandeau-tokens`: a W3C Design Tokens (DTCG 2025.10) compiler core.
//!
//! Pure: no file-system, process or clock access, so it builds for
//! `wasm32-unknown-unknown` and runs in the preview's live token editor.
//! Inputs arrive as in-memory [`Source`]s; a [`resolver::Loader`] supplies
//! the files a resolver document names.
//!
//! Pipeline: `json` (parse with spans) → `tree` (merge files in order, apply
//! `$extends`, flatten) → `resolve` (references, types, values) → a
//! [`TokenSet`] per resolver permutation → `lint` (contrast) → `emit`.

pub mod brand;
pub mod color;
pub mod diagnostic;
pub mod emit;
#[cfg(feature = "fs")]
pub mod files;
pub mod json;
pub mod lint;
pub mod project;
pub mod reference;
pub mod resolve;
pub mod resolver;
pub mod suite;
pub mod tree;
pub mod value;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use diagnostic::{Diagnostic, Severity, Source};
pub use value::{Type, Value};

use rustc_hash::FxHashMap as HashMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Deprecated {
    Yes,
    Reason(String),
}

/// A resolved token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Position in its [`TokenSet`]; sub-value aliases refer to this.
    pub index: u32,
    /// Dotted path, e.g. `color.accent.default` or `color.accent.$root`.
    pub path: String,
    pub ty: Type,
    pub value: Value,
    /// The token this one aliases as a whole (`"{a.b}"`), if any.
    pub alias: Option<u32>,
    pub description: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// `$extensions`, untouched.
    pub extensions: Option<serde_json::Value>,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// Every token of one resolved permutation, in document order.
#[derive(Clone, Debug, Default)]
pub struct TokenSet {
    pub tokens: Vec<Token>,
    index: HashMap<String, u32>,
}

impl TokenSet {
    fn new(tokens: Vec<Token>) -> Self {
        let index = tokens.iter().map(|t| (t.path.clone(), t.index)).collect();
        TokenSet { tokens, index }
    }

    pub fn get(&self, path: &str) -> Option<&Token> {
        self.index.get(path).map(|&i| &self.tokens[i as usize])
    }

    pub fn by_index(&self, i: u32) -> &Token {
        &self.tokens[i as usize]
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Problems of a failed compile (errors and the warnings met on the way).
#[derive(Clone, Debug, Default)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Compiles token files merged in order (later files win, aliases may cross
/// files). On success returns the tokens and any warnings.
pub fn compile(sources: &[Source]) -> Result<(TokenSet, Vec<Diagnostic>), Failure> {
    let all: Vec<u32> = (0..sources.len() as u32).collect();
    let mut diags = Vec::new();
    let parsed = parse_sources(sources, &mut diags);
    let inputs: Vec<(u32, &json::Json)> = all
        .iter()
        .filter_map(|&i| parsed[i as usize].as_ref().map(|j| (i, j)))
        .collect();
    compile_parsed(&inputs, sources, diags)
}

/// Parses every source, reporting each bad one.
pub(crate) fn parse_sources(
    sources: &[Source],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<json::Json>> {
    sources
        .iter()
        .map(|s| match json::parse(&s.text) {
            Ok(j) => Some(j),
            Err(e) => {
                diags.push(Diagnostic::error(
                    s,
                    e.span,
                    None,
                    format!("invalid JSON: {}", e.message),
                ));
                None
            }
        })
        .collect()
}

/// Merges already-parsed inputs (by source index, in order) and resolves them.
pub(crate) fn compile_parsed(
    inputs: &[(u32, &json::Json)],
    sources: &[Source],
    mut diags: Vec<Diagnostic>,
) -> Result<(TokenSet, Vec<Diagnostic>), Failure> {
    let mut root = tree::Group::default();
    for &(file, j) in inputs {
        let g = tree::build(j, file, sources, &mut Vec::new(), &mut diags);
        root.merge(g);
    }
    tree::apply_extends(&mut root, sources, &mut diags);
    let (defs, groups) = tree::collect(&root);
    let resolved = resolve::resolve(&defs, &groups, sources, &mut diags);
    // A token copied by `$extends` fails where it is written once per copy;
    // one report of the same problem at the same place is enough.
    let mut seen = rustc_hash::FxHashSet::default();
    diags.retain(|d| seen.insert((d.file.clone(), d.span.start, d.span.end, d.message.clone())));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Failure { diagnostics: diags });
    }
    // No errors means every token resolved; renumber densely anyway so
    // indices stay valid whatever `resolve` skipped.
    let mut remap = vec![u32::MAX; resolved.len()];
    let mut tokens = Vec::with_capacity(resolved.len());
    for (i, t) in resolved.into_iter().enumerate() {
        if let Some(t) = t {
            remap[i] = tokens.len() as u32;
            tokens.push(t);
        }
    }
    for t in &mut tokens {
        t.index = remap[t.index as usize];
        t.alias = t.alias.map(|a| remap[a as usize]);
        remap_subs(&mut t.value, &remap);
    }
    Ok((TokenSet::new(tokens), diags))
}

fn remap_subs(v: &mut Value, remap: &[u32]) {
    fn fix<T>(s: &mut value::Sub<T>, remap: &[u32]) {
        s.alias = s.alias.map(|a| remap[a as usize]);
    }
    match v {
        Value::Border(b) => {
            fix(&mut b.color, remap);
            fix(&mut b.width, remap);
            fix(&mut b.style, remap);
        }
        Value::Transition(t) => {
            fix(&mut t.duration, remap);
            fix(&mut t.delay, remap);
            fix(&mut t.timing_function, remap);
        }
        Value::Shadow(list, _) => {
            for s in list {
                fix(&mut s.color, remap);
                fix(&mut s.offset_x, remap);
                fix(&mut s.offset_y, remap);
                fix(&mut s.blur, remap);
                fix(&mut s.spread, remap);
            }
        }
        Value::Gradient(stops) => {
            for s in stops {
                fix(&mut s.color, remap);
                fix(&mut s.position, remap);
            }
        }
        Value::Typography(t) => {
            fix(&mut t.font_family, remap);
            fix(&mut t.font_size, remap);
            fix(&mut t.font_weight, remap);
            fix(&mut t.letter_spacing, remap);
            fix(&mut t.line_height, remap);
        }
        Value::StrokeStyle(value::StrokeStyle::Dashes { dash_array, .. }) => {
            for d in dash_array {
                fix(d, remap);
            }
        }
        _ => {}
    }
}
