//! From token definitions to resolved tokens: references are followed in
//! dependency order (cycles reported with every member), each token's type
//! is settled (explicit `$type`, else the alias target's, else the nearest
//! group's — never guessed from the value) and its value checked.

use crate::diagnostic::{Diagnostic, Source};
use crate::json::{Json, Span};
use crate::reference::{self, Reference};
use crate::tree::{suggest, Located, TokenDef};
use crate::value::{LookupError, Target, Type, ValueParser};
use crate::{Deprecated, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const TOKEN_PROPERTIES: &[&str] = &[
    "$value",
    "$type",
    "$description",
    "$extensions",
    "$deprecated",
];

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Todo,
    Active,
    Done,
}

pub fn resolve(
    defs: &[TokenDef<'_>],
    groups: &HashSet<String>,
    sources: &[Source],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Token>> {
    let index: HashMap<&str, u32> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.path.as_str(), i as u32))
        .collect();
    let n = defs.len();
    let mut failed = vec![false; n];
    let mut deps: Vec<Vec<u32>> = vec![Vec::new(); n];

    let error =
        |diags: &mut Vec<Diagnostic>, loc: Located<'_>, span: Span, path: &str, msg: String| {
            diags.push(Diagnostic::error(
                &sources[loc.file as usize],
                span,
                Some(path),
                msg,
            ));
        };

    // Pass 1: the token object's own shape, and what its value refers to.
    for (i, def) in defs.iter().enumerate() {
        let obj = def.node.json;
        for m in obj.as_object().unwrap_or(&[]) {
            if TOKEN_PROPERTIES.contains(&&*m.key) {
                continue;
            }
            failed[i] = true;
            let msg = if m.key.starts_with('$') {
                let hint = suggest(&m.key, TOKEN_PROPERTIES)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                format!("unknown token property `{}`{hint}", m.key)
            } else {
                format!(
                    "a token cannot have children: `{}` is inside a token (an object with `$value`)",
                    m.key
                )
            };
            error(diags, def.node, m.key_span, &def.path, msg);
        }
        let value = obj.get("$value").expect("tokens have $value");
        let mut refs = Vec::new();
        collect_refs(value, &mut refs);
        for (r, span) in refs {
            match r {
                Err(msg) => {
                    failed[i] = true;
                    error(diags, def.node, span, &def.path, msg);
                }
                Ok(r) => match index.get(r.token.as_str()) {
                    Some(&t) => deps[i].push(t),
                    None => {
                        failed[i] = true;
                        let msg = if groups.contains(&r.token) {
                            format!("`{{{}}}` points to a group, not a token", r.token)
                        } else {
                            let hint = nearest(&r.token, &index)
                                .map(|s| format!(" (did you mean `{{{s}}}`?)"))
                                .unwrap_or_default();
                            format!(
                                "unresolvable alias `{{{}}}`: no token has that path{hint}",
                                r.token
                            )
                        };
                        error(diags, def.node, span, &def.path, msg);
                    }
                },
            }
        }
    }

    // Pass 2: dependency order, iteratively so chains of any depth work.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let mut mark = vec![Mark::Todo; n];
    let mut in_cycle = vec![false; n];
    for start in 0..n {
        if mark[start] != Mark::Todo {
            continue;
        }
        let mut stack: Vec<(u32, usize)> = vec![(start as u32, 0)];
        mark[start] = Mark::Active;
        while let Some(top) = stack.last_mut() {
            let (cur, next) = (top.0 as usize, top.1);
            if next < deps[cur].len() {
                top.1 += 1;
                let dep = deps[cur][next] as usize;
                match mark[dep] {
                    Mark::Todo => {
                        mark[dep] = Mark::Active;
                        stack.push((dep as u32, 0));
                    }
                    Mark::Active => {
                        let from = stack
                            .iter()
                            .position(|(e, _)| *e as usize == dep)
                            .unwrap_or(0);
                        let members: Vec<usize> =
                            stack[from..].iter().map(|(e, _)| *e as usize).collect();
                        if !members.iter().any(|&m| in_cycle[m]) {
                            let names: Vec<&str> = members
                                .iter()
                                .chain(std::iter::once(&dep))
                                .map(|&m| defs[m].path.as_str())
                                .collect();
                            let def = &defs[dep];
                            let span = def
                                .node
                                .json
                                .get("$value")
                                .map_or(def.node.json.span, |v| v.span);
                            error(
                                diags,
                                def.node,
                                span,
                                &def.path,
                                format!("circular alias: {}", names.join(" → ")),
                            );
                        }
                        for m in members {
                            in_cycle[m] = true;
                            failed[m] = true;
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                stack.pop();
                mark[cur] = Mark::Done;
                order.push(cur as u32);
            }
        }
    }

    // Pass 3: types and values, every dependency already settled.
    let mut out: Vec<Option<Token>> = vec![None; n];
    for &i in &order {
        let i = i as usize;
        if failed[i] {
            continue;
        }
        let def = &defs[i];
        let token = {
            let lookup = |r: &Reference| lookup_in(&index, &out, r);
            settle(def, &lookup, sources, diags)
        };
        if let Some(mut t) = token {
            if let Some(a) = t.alias {
                if let Some(Some(target)) = out.get(a as usize) {
                    if target.deprecated.is_some() && t.deprecated.is_none() {
                        diags.push(Diagnostic::warning(
                            &sources[def.node.file as usize],
                            def.node
                                .json
                                .get("$value")
                                .map_or(def.node.json.span, |v| v.span),
                            Some(&def.path),
                            format!("aliases deprecated token `{}`", target.path),
                        ));
                    }
                }
            }
            t.index = i as u32;
            out[i] = Some(t);
        }
    }
    out
}

fn lookup_in<'v>(
    index: &HashMap<&str, u32>,
    out: &'v [Option<Token>],
    r: &Reference,
) -> Result<Target<'v>, LookupError> {
    let Some(&t) = index.get(r.token.as_str()) else {
        return Err(LookupError::Message(format!("no token `{}`", r.token)));
    };
    match &out[t as usize] {
        Some(tok) => Ok(Target {
            index: t,
            ty: tok.ty,
            value: &tok.value,
        }),
        None => Err(LookupError::Silent),
    }
}

fn nearest<'a>(path: &str, index: &HashMap<&'a str, u32>) -> Option<&'a str> {
    // Only near misses are worth a hint; checking every path is affordable
    // because this runs for errors only.
    let mut best: Option<(usize, &str)> = None;
    for p in index.keys() {
        if p.len().abs_diff(path.len()) > 3 {
            continue;
        }
        let d = crate::tree::edit_distance(path, p);
        // A "near miss" that rewrites every character (`{q}` → `{z}`) is no
        // hint at all, so short paths must share something with the match.
        if d <= 3 && d < path.chars().count() && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, p));
        }
    }
    best.map(|(_, p)| p)
}

fn collect_refs(j: &Json, out: &mut Vec<(Result<Reference, String>, Span)>) {
    if let Some(r) = reference::parse(j) {
        out.push((r, j.span));
        return;
    }
    match &j.kind {
        crate::json::Kind::Array(items) => items.iter().for_each(|x| collect_refs(x, out)),
        crate::json::Kind::Object(m) => m.iter().for_each(|x| collect_refs(&x.value, out)),
        _ => {}
    }
}

fn settle<'v>(
    def: &TokenDef<'_>,
    lookup: &'v dyn Fn(&Reference) -> Result<Target<'v>, LookupError>,
    sources: &[Source],
    diags: &mut Vec<Diagnostic>,
) -> Option<Token> {
    let src = &sources[def.node.file as usize];
    let obj = def.node.json;
    let raw = obj.get("$value")?;
    let mut err = |span: Span, msg: String| {
        diags.push(Diagnostic::error(src, span, Some(&def.path), msg));
    };
    let mut ok = true;
    for key in ["$type", "$description", "$deprecated", "$extensions"] {
        if let Some(v) = obj.get(key) {
            if let Some(msg) = crate::tree::property_problem(key, v) {
                err(v.span, msg);
                ok = false;
            }
        }
    }
    // Shapes are checked above; these only read them. Without a valid
    // `$type` the value cannot be checked, so stop here; other bad
    // properties still let the value be checked and reported.
    let explicit = obj
        .get("$type")
        .and_then(Json::as_str)
        .and_then(Type::from_name);
    if obj.get("$type").is_some() && explicit.is_none() {
        return None;
    }
    let description = obj
        .get("$description")
        .and_then(Json::as_str)
        .map(str::to_string);
    let deprecated = match obj.get("$deprecated") {
        Some(j) => parse_deprecated(j),
        None => def.group_deprecated.and_then(|g| parse_deprecated(g.json)),
    };
    let extensions = obj.get("$extensions").map(crate::json::to_serde);

    let whole = match reference::parse(raw) {
        Some(Ok(r)) if r.within.is_empty() => Some(r),
        _ => None,
    };
    let (ty, value, alias) = if let Some(r) = whole {
        let target = match lookup(&r) {
            Ok(t) => t,
            Err(LookupError::Silent) => return None,
            Err(LookupError::Message(m)) => {
                err(raw.span, m);
                return None;
            }
        };
        if let Some(e) = explicit {
            if e != target.ty {
                err(
                    raw.span,
                    format!(
                        "type mismatch: the token is a {} but its alias `{{{}}}` is a {}",
                        e.name(),
                        r.token,
                        target.ty.name()
                    ),
                );
                return None;
            }
        }
        (target.ty, target.value.clone(), Some(target.index))
    } else {
        let ty = match explicit {
            Some(t) => t,
            None => match def.group_type {
                // A group's bad `$type` is reported where it is written.
                Some(g) => g.json.as_str().and_then(Type::from_name)?,
                None => {
                    err(
                        raw.span,
                        "no type: set `$type` on the token or a parent group (types are never guessed from values)".into(),
                    );
                    return None;
                }
            },
        };
        let mut parser = ValueParser::new(lookup);
        let value = parser.value(ty, raw);
        for (span, msg) in parser.errors.drain(..) {
            err(span, msg);
        }
        (ty, value?, None)
    };
    if !ok {
        return None;
    }
    let (line, column) = src.position(obj.span.start);
    Some(Token {
        index: 0,
        path: def.path.clone(),
        ty,
        value,
        alias,
        description,
        deprecated,
        extensions,
        file: src.name.clone(),
        line,
        column,
    })
}

pub fn unknown_type_message(t: &Json) -> String {
    match t.as_str() {
        Some(s) => {
            let names: Vec<&str> = Type::ALL.iter().map(|t| t.name()).collect();
            let hint = suggest(s, &names)
                .map(|x| format!(" (did you mean `{x}`?)"))
                .unwrap_or_default();
            format!(
                "unknown type `{s}`{hint}; expected one of {}",
                names.join(", ")
            )
        }
        None => format!("`$type` must be a string, found {}", t.kind_name()),
    }
}

fn parse_deprecated(j: &Json) -> Option<Deprecated> {
    match &j.kind {
        crate::json::Kind::Bool(true) => Some(Deprecated::Yes),
        crate::json::Kind::String(s) => Some(Deprecated::Reason(s.to_string())),
        _ => None,
    }
}
