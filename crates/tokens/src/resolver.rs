//! DTCG Resolver 2025.10: `sets`, `modifiers` (with `contexts`) and a
//! `resolutionOrder`, expanded into every permutation of modifier contexts.
//!
//! Files are read through a [`Loader`] so this works the same on disk (CLI)
//! and in the browser (preview editor); each file is parsed once however
//! many permutations use it.

use crate::diagnostic::{Diagnostic, Source};
use crate::json::{self, Json, Span};
use crate::{compile_parsed, Failure, TokenSet};
use rustc_hash::FxHashMap as HashMap;

/// Supplies the files a resolver document references.
pub trait Loader {
    /// `reference` is the `$ref` as written (relative to the resolver
    /// document). Returns a display name for messages and the file text.
    fn load(&mut self, reference: &str) -> Result<(String, String), String>;
}

/// In-memory files, keyed by the reference as written (for tests and WASM).
impl Loader for std::collections::HashMap<String, String> {
    fn load(&mut self, reference: &str) -> Result<(String, String), String> {
        self.get(reference)
            .map(|t| (reference.to_string(), t.clone()))
            .ok_or_else(|| format!("no file `{reference}`"))
    }
}

/// How a modifier's contexts appear in CSS (`$extensions."org.bandeau.css"`).
#[derive(Clone, Debug, PartialEq)]
pub struct CssHints {
    /// Attribute selecting a context, default `data-<modifier>`.
    pub attribute: String,
    /// Attribute value that follows the user's system preferences.
    pub auto: Option<String>,
    /// Context → media query used under the `auto` value.
    pub media: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Modifier {
    pub name: String,
    pub description: Option<String>,
    pub contexts: Vec<String>,
    pub default: String,
    pub css: CssHints,
}

#[derive(Clone, Debug)]
pub struct Permutation {
    /// (modifier, context) in resolution order.
    pub inputs: Vec<(String, String)>,
    pub tokens: TokenSet,
}

impl Permutation {
    /// `light.default`-style name used in output file names.
    pub fn label(&self) -> String {
        self.inputs
            .iter()
            .map(|(_, c)| c.as_str())
            .collect::<Vec<_>>()
            .join(".")
    }

    pub fn context(&self, modifier: &str) -> Option<&str> {
        self.inputs
            .iter()
            .find(|(m, _)| m == modifier)
            .map(|(_, c)| c.as_str())
    }
}

/// Everything a build produces before formatting: one token set per
/// permutation (exactly one when no resolver is used).
#[derive(Clone, Debug)]
pub struct Compiled {
    pub modifiers: Vec<Modifier>,
    pub permutations: Vec<Permutation>,
    pub warnings: Vec<Diagnostic>,
}

impl Compiled {
    /// The permutation where every modifier is at its default.
    pub fn base(&self) -> &Permutation {
        self.permutations
            .iter()
            .find(|p| self.is_default(p, None))
            .unwrap_or(&self.permutations[0])
    }

    /// True when every modifier except `except` is at its default.
    pub fn is_default(&self, p: &Permutation, except: Option<&str>) -> bool {
        self.modifiers.iter().all(|m| {
            Some(m.name.as_str()) == except || p.context(&m.name) == Some(m.default.as_str())
        })
    }

    pub fn find(&self, inputs: &[(&str, &str)]) -> Option<&Permutation> {
        self.permutations.iter().find(|p| {
            self.modifiers.iter().all(|m| {
                let want = inputs
                    .iter()
                    .find(|(n, _)| *n == m.name)
                    .map(|(_, c)| *c)
                    .unwrap_or(m.default.as_str());
                p.context(&m.name) == Some(want)
            })
        })
    }
}

/// Plain token files, merged in order, as a single permutation.
pub fn compile_files(sources: &[Source]) -> Result<Compiled, Failure> {
    let (tokens, warnings) = crate::compile(sources)?;
    Ok(Compiled {
        modifiers: Vec::new(),
        permutations: vec![Permutation {
            inputs: Vec::new(),
            tokens,
        }],
        warnings,
    })
}

/// One source of tokens: a parsed document (index into the source list)
/// and the node inside it where the tokens are.
#[derive(Clone, Debug)]
enum Piece {
    File { source: u32, pointer: Vec<String> },
    Inline { span: Span },
}

struct Doc<'t> {
    root: &'t Json,
    sources: Vec<Source>,
    parsed: Vec<Option<Json>>,
    by_ref: HashMap<String, u32>,
    diags: Vec<Diagnostic>,
}

impl Doc<'_> {
    fn error(&mut self, span: Span, path: &str, msg: String) {
        self.diags
            .push(Diagnostic::error(&self.sources[0], span, Some(path), msg));
    }

    fn load(&mut self, loader: &mut dyn Loader, file: &str, span: Span, at: &str) -> Option<u32> {
        if let Some(&i) = self.by_ref.get(file) {
            return Some(i);
        }
        match loader.load(file) {
            Ok((name, text)) => {
                let src = Source::new(name, text);
                let parsed = match json::parse(&src.text) {
                    Ok(j) => Some(j),
                    Err(e) => {
                        self.diags.push(Diagnostic::error(
                            &src,
                            e.span,
                            None,
                            format!("invalid JSON: {}", e.message),
                        ));
                        None
                    }
                };
                let i = self.sources.len() as u32;
                self.sources.push(src);
                self.parsed.push(parsed);
                self.by_ref.insert(file.to_string(), i);
                Some(i)
            }
            Err(e) => {
                self.error(span, at, format!("cannot read `{file}`: {e}"));
                None
            }
        }
    }

    /// Expands a `sources` (or context) array into pieces, following
    /// `#/sets/x` references into their own sources.
    fn pieces(&mut self, loader: &mut dyn Loader, list: &Json, at: &str, depth: u32) -> Vec<Piece> {
        let mut out = Vec::new();
        let Some(items) = list.as_array() else {
            self.error(
                list.span,
                at,
                format!("expected an array of sources, found {}", list.kind_name()),
            );
            return out;
        };
        for item in items {
            let Some(r) = item.get("$ref") else {
                if item.as_object().is_some() {
                    out.push(Piece::Inline { span: item.span });
                } else {
                    self.error(
                        item.span,
                        at,
                        format!(
                            "a source must be a `$ref` object or inline tokens, found {}",
                            item.kind_name()
                        ),
                    );
                }
                continue;
            };
            let Some(r) = r.as_str() else {
                self.error(r.span, at, "`$ref` must be a string".into());
                continue;
            };
            if let Some(ptr) = r.strip_prefix('#') {
                let segs = match crate::reference::pointer_segments(&format!("#{ptr}")) {
                    Ok(s) => s,
                    Err(e) => {
                        self.error(item.span, at, e);
                        continue;
                    }
                };
                match segs.as_slice() {
                    [kind, name] if kind == "sets" => {
                        let root = self.root;
                        match root
                            .get("sets")
                            .and_then(|s| s.get(name))
                            .and_then(|s| s.get("sources"))
                        {
                            Some(src) if depth < 16 => {
                                out.extend(self.pieces(
                                    loader,
                                    src,
                                    &format!("sets.{name}"),
                                    depth + 1,
                                ));
                            }
                            Some(_) => self.error(
                                item.span,
                                at,
                                format!("`#/sets/{name}` refers to itself"),
                            ),
                            None => self.error(
                                item.span,
                                at,
                                format!("no set `{name}` (or it has no `sources`)"),
                            ),
                        }
                    }
                    [kind, ..] if kind == "modifiers" => {
                        self.error(
                            item.span,
                            at,
                            "a source must not reference a modifier".into(),
                        );
                    }
                    [kind, ..] if kind == "resolutionOrder" => {
                        self.error(
                            item.span,
                            at,
                            "inline resolution-order items must not be referenced".into(),
                        );
                    }
                    _ => self.error(item.span, at, format!("`{r}` does not name a set")),
                }
                continue;
            }
            let (file, pointer) = match r.split_once('#') {
                Some((f, p)) => {
                    let p = if p.starts_with('/') {
                        format!("#{p}")
                    } else {
                        format!("#/{p}")
                    };
                    match crate::reference::pointer_segments(&p) {
                        Ok(s) => (f, s),
                        Err(e) => {
                            self.error(item.span, at, e);
                            continue;
                        }
                    }
                }
                None => (r, Vec::new()),
            };
            if let Some(source) = self.load(loader, file, item.span, at) {
                out.push(Piece::File { source, pointer });
            }
        }
        out
    }
}

enum Step {
    Set(Vec<Piece>),
    Modifier(usize, Vec<Vec<Piece>>),
}

/// Loads a resolver document and compiles every permutation.
/// Whether `name` and `text` are a resolver document rather than token
/// files: a `*.resolver.json` name, or, whatever the name (`resolver.json`
/// is common), a top-level object with the members DTCG Resolver 2025.10
/// requires, a `version` string and a `resolutionOrder` list. A token file
/// cannot have both: `version` would be a group or token, and a group
/// holds no list.
pub fn is_resolver_document(name: &str, text: &str) -> bool {
    if name.ends_with(".resolver.json") {
        return true;
    }
    let Ok(root) = json::parse(text) else {
        return false;
    };
    root.get("version").and_then(Json::as_str).is_some()
        && root
            .get("resolutionOrder")
            .and_then(Json::as_array)
            .is_some()
}

pub fn compile_resolver(
    name: &str,
    text: &str,
    loader: &mut dyn Loader,
) -> Result<Compiled, Failure> {
    let first = Source::new(name, text);
    let root = match json::parse(&first.text) {
        Ok(j) => j,
        Err(e) => {
            return Err(Failure {
                diagnostics: vec![Diagnostic::error(
                    &first,
                    e.span,
                    None,
                    format!("invalid JSON: {}", e.message),
                )],
            })
        }
    };
    let mut doc = Doc {
        root: &root,
        sources: vec![first],
        parsed: vec![None],
        by_ref: HashMap::default(),
        diags: Vec::new(),
    };
    if root.as_object().is_none() {
        doc.error(
            root.span,
            "resolver",
            "a resolver document must be an object".into(),
        );
        return Err(Failure {
            diagnostics: doc.diags,
        });
    }
    match root.get("version") {
        Some(v) if v.as_str() == Some("2025.10") => {}
        Some(v) => doc.error(
            v.span,
            "version",
            format!(
                "unsupported resolver version {}; expected \"2025.10\"",
                json::to_serde(v)
            ),
        ),
        None => doc.error(
            root.span,
            "version",
            "a resolver document needs `\"version\": \"2025.10\"`".into(),
        ),
    }
    let Some(order) = root.get("resolutionOrder") else {
        doc.error(
            root.span,
            "resolutionOrder",
            "a resolver document needs `resolutionOrder`".into(),
        );
        return Err(Failure {
            diagnostics: doc.diags,
        });
    };
    let Some(order_items) = order.as_array() else {
        doc.error(
            order.span,
            "resolutionOrder",
            "`resolutionOrder` must be an array".into(),
        );
        return Err(Failure {
            diagnostics: doc.diags,
        });
    };

    let mut modifiers: Vec<Modifier> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut names: HashMap<String, Span> = HashMap::default();
    for (i, item) in order_items.iter().enumerate() {
        let at = format!("resolutionOrder.{i}");
        let (kind, name, def) = if let Some(r) = item.get("$ref") {
            let segs = r.as_str().map(crate::reference::pointer_segments);
            match segs {
                Some(Ok(s)) if s.len() == 2 && (s[0] == "sets" || s[0] == "modifiers") => {
                    match root.get(&s[0]).and_then(|m| m.get(&s[1])) {
                        Some(def) => (
                            if s[0] == "sets" { "set" } else { "modifier" },
                            s[1].clone(),
                            def,
                        ),
                        None => {
                            doc.error(
                                r.span,
                                &at,
                                format!("`{}` does not exist", r.as_str().unwrap_or("")),
                            );
                            continue;
                        }
                    }
                }
                _ => {
                    doc.error(
                        r.span,
                        &at,
                        "expected `{\"$ref\": \"#/sets/NAME\"}` or `#/modifiers/NAME`".into(),
                    );
                    continue;
                }
            }
        } else {
            let kind = item.get("type").and_then(Json::as_str);
            let name = item.get("name").and_then(Json::as_str);
            match (kind, name) {
                (Some(k @ ("set" | "modifier")), Some(n)) => (k, n.to_string(), item),
                _ => {
                    doc.error(item.span, &at, "an inline resolution-order item needs `type` (\"set\" or \"modifier\") and `name`".into());
                    continue;
                }
            }
        };
        if let Some(prev) = names.insert(format!("{kind}:{name}"), item.span) {
            let _ = prev;
            doc.error(
                item.span,
                &at,
                format!("`{name}` appears twice in resolutionOrder"),
            );
            continue;
        }
        if kind == "set" {
            match def.get("sources") {
                Some(s) => {
                    let p = doc.pieces(loader, s, &format!("sets.{name}"), 0);
                    steps.push(Step::Set(p));
                }
                None => doc.error(
                    def.span,
                    &format!("sets.{name}"),
                    "a set needs `sources`".into(),
                ),
            }
            continue;
        }
        let at = format!("modifiers.{name}");
        let Some(contexts) = def.get("contexts").and_then(Json::as_object) else {
            doc.error(def.span, &at, "a modifier needs a `contexts` object".into());
            continue;
        };
        if contexts.is_empty() {
            doc.error(
                def.span,
                &at,
                "a modifier must have at least one context".into(),
            );
            continue;
        }
        if contexts.len() == 1 {
            doc.diags.push(Diagnostic::warning(
                &doc.sources[0],
                def.span,
                Some(&at),
                "a modifier with one context is a set; add contexts or make it a set".into(),
            ));
        }
        let mut ctx_names = Vec::new();
        let mut ctx_pieces = Vec::new();
        for m in contexts {
            // The parser keeps duplicate keys; a repeated context would
            // otherwise become a second permutation with the same name.
            if ctx_names.iter().any(|c: &String| **c == *m.key) {
                doc.error(
                    m.key_span,
                    &at,
                    format!("context `{}` is defined twice", m.key),
                );
                continue;
            }
            ctx_names.push(m.key.to_string());
            ctx_pieces.push(doc.pieces(loader, &m.value, &format!("{at}.contexts.{}", m.key), 0));
        }
        let default = match def.get("default") {
            None => ctx_names[0].clone(),
            Some(d) => match d.as_str() {
                Some(s) if ctx_names.iter().any(|c| c == s) => s.to_string(),
                _ => {
                    doc.error(
                        d.span,
                        &at,
                        format!(
                            "`default` must be one of the contexts: {}",
                            ctx_names.join(", ")
                        ),
                    );
                    continue;
                }
            },
        };
        let css = css_hints(def, &name, &ctx_names, &mut doc, &at);
        modifiers.push(Modifier {
            name: name.clone(),
            description: def
                .get("description")
                .and_then(Json::as_str)
                .map(str::to_string),
            contexts: ctx_names,
            default,
            css,
        });
        steps.push(Step::Modifier(modifiers.len() - 1, ctx_pieces));
    }
    if doc.diags.iter().any(Diagnostic::is_error) {
        return Err(Failure {
            diagnostics: doc.diags,
        });
    }

    // Every combination of contexts, first modifier varying slowest.
    let mut combos: Vec<Vec<usize>> = vec![Vec::new()];
    for m in &modifiers {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                (0..m.contexts.len()).map(move |i| {
                    let mut c = c.clone();
                    c.push(i);
                    c
                })
            })
            .collect();
    }

    let Doc {
        sources,
        parsed,
        diags,
        ..
    } = doc;
    let mut permutations = Vec::new();
    let mut failures: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    let mut warnings: Vec<Diagnostic> = diags;
    let total = combos.len();
    for combo in &combos {
        let inputs: Vec<(String, String)> = modifiers
            .iter()
            .zip(combo)
            .map(|(m, &i)| (m.name.clone(), m.contexts[i].clone()))
            .collect();
        let mut pieces: Vec<&Piece> = Vec::new();
        for step in &steps {
            match step {
                Step::Set(p) => pieces.extend(p.iter()),
                Step::Modifier(m, ctxs) => pieces.extend(ctxs[combo[*m]].iter()),
            }
        }
        let mut local = Vec::new();
        let mut jsons: Vec<(u32, &Json)> = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Inline { span } => {
                    if let Some(j) = find_span(&root, *span) {
                        jsons.push((0, j));
                    }
                }
                Piece::File { source, pointer } => {
                    let Some(j) = parsed[*source as usize].as_ref() else {
                        continue;
                    };
                    let mut node = j;
                    let mut ok = true;
                    for seg in pointer {
                        match node.get(seg) {
                            Some(n) => node = n,
                            None => {
                                local.push(Diagnostic::error(
                                    &sources[*source as usize],
                                    j.span,
                                    None,
                                    format!("the `$ref` pointer part `{seg}` does not exist in this file"),
                                ));
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok {
                        jsons.push((*source, node));
                    }
                }
            }
        }
        let label = inputs
            .iter()
            .map(|(m, c)| format!("{m}={c}"))
            .collect::<Vec<_>>()
            .join(", ");
        match compile_parsed(&jsons, &sources, local) {
            Ok((tokens, w)) => {
                merge_problems(&mut warnings, w);
                permutations.push(Permutation { inputs, tokens });
            }
            Err(f) => {
                for d in f.diagnostics {
                    if !d.is_error() {
                        merge_problems(&mut warnings, vec![d]);
                        continue;
                    }
                    match failures.iter_mut().find(|(x, _)| *x == d) {
                        Some((_, labels)) => labels.push(label.clone()),
                        None => failures.push((d, vec![label.clone()])),
                    }
                }
            }
        }
    }
    // Unreadable files ended the build above, so only per-permutation
    // problems remain here.
    if !failures.is_empty() {
        let mut diagnostics = Vec::new();
        for (mut d, labels) in failures {
            // Only name the permutations when the problem is not everywhere.
            if labels.len() < total && !modifiers.is_empty() {
                let shown: Vec<&str> = labels.iter().take(3).map(String::as_str).collect();
                let more = if labels.len() > 3 {
                    format!(" and {} more", labels.len() - 3)
                } else {
                    String::new()
                };
                d.message = format!("{} (in {}{more})", d.message, shown.join("; "));
            }
            diagnostics.push(d);
        }
        diagnostics.extend(warnings);
        return Err(Failure { diagnostics });
    }
    Ok(Compiled {
        modifiers,
        permutations,
        warnings,
    })
}

fn merge_problems(into: &mut Vec<Diagnostic>, new: Vec<Diagnostic>) {
    for d in new {
        if !into.contains(&d) {
            into.push(d);
        }
    }
}

fn find_span(j: &Json, span: Span) -> Option<&Json> {
    if j.span == span {
        return Some(j);
    }
    if span.start < j.span.start || span.end > j.span.end {
        return None;
    }
    match &j.kind {
        json::Kind::Object(m) => m.iter().find_map(|x| find_span(&x.value, span)),
        json::Kind::Array(a) => a.iter().find_map(|x| find_span(x, span)),
        _ => None,
    }
}

fn css_hints(def: &Json, name: &str, contexts: &[String], doc: &mut Doc<'_>, at: &str) -> CssHints {
    let mut hints = CssHints {
        attribute: format!("data-{name}"),
        auto: None,
        media: Vec::new(),
    };
    let Some(ext) = def
        .get("$extensions")
        .and_then(|e| e.get("org.bandeau.css"))
    else {
        return hints;
    };
    if let Some(a) = ext.get("attribute").and_then(Json::as_str) {
        hints.attribute = a.to_string();
    }
    hints.auto = ext.get("auto").and_then(Json::as_str).map(str::to_string);
    if let Some(media) = ext.get("media").and_then(Json::as_object) {
        for m in media {
            if !contexts.iter().any(|c| **c == *m.key) {
                doc.error(
                    m.key_span,
                    at,
                    format!("`org.bandeau.css` media names unknown context `{}`", m.key),
                );
                continue;
            }
            match m.value.as_str() {
                Some(q) => hints.media.push((m.key.to_string(), q.to_string())),
                None => doc.error(m.value.span, at, "a media query must be a string".into()),
            }
        }
    }
    hints
}
