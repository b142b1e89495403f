//! The token tree: files merged in order, group `$extends` applied, and the
//! flat list of token definitions with their inherited group properties.
//!
//! Nothing here interprets values; that is `resolve`'s job. The tree borrows
//! the parsed JSON so merging thousands of tokens copies no strings.

use crate::diagnostic::{Diagnostic, Source};
use crate::json::{Json, Kind};
use crate::reference;
use crate::value::Type;
use rustc_hash::FxHashMap as HashMap;

/// A JSON value together with the input it came from.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    pub json: &'a Json,
    pub file: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Group<'a> {
    pub children: Vec<(&'a str, Node<'a>)>,
    index: HashMap<&'a str, usize>,
    pub ty: Option<Located<'a>>,
    pub description: Option<Located<'a>>,
    pub deprecated: Option<Located<'a>>,
    pub extensions: Option<Located<'a>>,
    pub extends: Option<Located<'a>>,
}

#[derive(Clone, Debug)]
pub enum Node<'a> {
    Group(Group<'a>),
    /// The token's whole JSON object (`$value`, `$type` …).
    Token(Located<'a>),
}

impl<'a> Group<'a> {
    fn insert(&mut self, name: &'a str, node: Node<'a>) {
        match self.index.get(name) {
            Some(&i) => {
                let slot = &mut self.children[i].1;
                match (slot, node) {
                    (Node::Group(existing), Node::Group(incoming)) => existing.merge(incoming),
                    // Later sources win, whatever the kinds.
                    (slot, node) => *slot = node,
                }
            }
            None => {
                self.index.insert(name, self.children.len());
                self.children.push((name, node));
            }
        }
    }

    /// Deep merge: groups merge recursively, tokens are replaced whole, and
    /// group properties given in `other` win.
    pub fn merge(&mut self, other: Group<'a>) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        take!(ty, description, deprecated, extensions, extends);
        if self.children.is_empty() {
            self.children = other.children;
            self.index = other.index;
            return;
        }
        for (name, node) in other.children {
            self.insert(name, node);
        }
    }

    pub fn child(&self, name: &str) -> Option<&Node<'a>> {
        self.index.get(name).map(|&i| &self.children[i].1)
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Node<'a>> {
        let i = *self.index.get(name)?;
        Some(&mut self.children[i].1)
    }

    pub fn find(&self, path: &[&str]) -> Option<&Node<'a>> {
        let (first, rest) = path.split_first()?;
        let node = self.child(first)?;
        if rest.is_empty() {
            return Some(node);
        }
        match node {
            Node::Group(g) => g.find(rest),
            Node::Token(_) => None,
        }
    }

    fn find_group_mut(&mut self, path: &[&str]) -> Option<&mut Group<'a>> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        match self.child_mut(first)? {
            Node::Group(g) => g.find_group_mut(rest),
            Node::Token(_) => None,
        }
    }
}

/// Properties a group may carry; anything else starting with `$` is an error.
const GROUP_PROPERTIES: &[&str] = &[
    "$type",
    "$description",
    "$deprecated",
    "$extensions",
    "$extends",
];

/// Builds one input file's tree. `is_root` allows `$schema` (editors add it).
pub fn build<'a>(
    json: &'a Json,
    file: u32,
    sources: &[Source],
    path: &mut Vec<&'a str>,
    diags: &mut Vec<Diagnostic>,
) -> Group<'a> {
    let mut group = Group::default();
    let Some(members) = json.as_object() else {
        diags.push(Diagnostic::error(
            &sources[file as usize],
            json.span,
            dotted(path).as_deref(),
            format!("expected a group object, found {}", json.kind_name()),
        ));
        return group;
    };
    let src = &sources[file as usize];
    for m in members {
        let key: &str = &m.key;
        let located = Located {
            json: &m.value,
            file,
        };
        match key {
            "$type" | "$description" | "$deprecated" | "$extensions" => {
                if let Some(msg) = property_problem(key, &m.value) {
                    diags.push(Diagnostic::error(
                        src,
                        m.value.span,
                        dotted(path).as_deref(),
                        msg,
                    ));
                }
                let slot = match key {
                    "$type" => &mut group.ty,
                    "$description" => &mut group.description,
                    "$deprecated" => &mut group.deprecated,
                    _ => &mut group.extensions,
                };
                *slot = Some(located);
            }
            "$extends" => group.extends = Some(located),
            "$schema" if path.is_empty() => {}
            "$root" => {
                if m.value.get("$value").is_some() {
                    group.insert(key, Node::Token(located));
                } else {
                    diags.push(Diagnostic::error(
                        src,
                        m.key_span,
                        dotted(path).as_deref(),
                        "`$root` must be a token (an object with `$value`)".into(),
                    ));
                }
            }
            _ if key.starts_with('$') => {
                let mut msg = format!("unknown group property `{key}`");
                // A misspelt `$value` makes its token a group, so the typo
                // lands here: offer `$value` as well as the group properties.
                let hints: Vec<&str> = GROUP_PROPERTIES.iter().copied().chain(["$value"]).collect();
                if key == "$value" {
                    msg = "`$value` must be inside a token object".into();
                } else if let Some(p) = suggest(key, &hints) {
                    msg.push_str(&format!(" (did you mean `{p}`?)"));
                }
                diags.push(Diagnostic::error(
                    src,
                    m.key_span,
                    dotted(path).as_deref(),
                    msg,
                ));
            }
            _ => {
                if let Some(problem) = name_problem(key) {
                    path.push(key);
                    diags.push(Diagnostic::error(
                        src,
                        m.key_span,
                        dotted(path).as_deref(),
                        problem,
                    ));
                    path.pop();
                    continue;
                }
                match &m.value.kind {
                    Kind::Object(_) if m.value.get("$value").is_some() => {
                        group.insert(key, Node::Token(located));
                    }
                    Kind::Object(_) => {
                        path.push(key);
                        let child = build(&m.value, file, sources, path, diags);
                        path.pop();
                        group.insert(key, Node::Group(child));
                    }
                    _ => {
                        path.push(key);
                        diags.push(Diagnostic::error(
                            src,
                            m.value.span,
                            dotted(path).as_deref(),
                            format!(
                                "expected a token (object with `$value`) or a group object, found {}",
                                m.value.kind_name()
                            ),
                        ));
                        path.pop();
                    }
                }
            }
        }
    }
    group
}

/// What is wrong with the value of a `$type`, `$description`, `$deprecated`
/// or `$extensions` property (on a group or a token), if anything.
pub fn property_problem(key: &str, value: &Json) -> Option<String> {
    let ok = match key {
        "$type" => value.as_str().and_then(Type::from_name).is_some(),
        "$description" => value.as_str().is_some(),
        "$deprecated" => matches!(value.kind, Kind::Bool(_) | Kind::String(_)),
        "$extensions" => value.as_object().is_some(),
        _ => true,
    };
    if ok {
        return None;
    }
    Some(match key {
        "$type" => crate::resolve::unknown_type_message(value),
        "$description" => format!(
            "`$description` must be a string, found {}",
            value.kind_name()
        ),
        "$deprecated" => format!(
            "`$deprecated` must be true, false or a string, found {}",
            value.kind_name()
        ),
        _ => format!(
            "`$extensions` must be an object, found {}",
            value.kind_name()
        ),
    })
}

fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("empty names are not allowed".into());
    }
    let bad: Vec<char> = name
        .chars()
        .filter(|c| matches!(c, '.' | '{' | '}'))
        .collect();
    if !bad.is_empty() {
        return Some(format!(
            "name `{name}` must not contain `{}` (`.`, `{{` and `}}` are reserved for references)",
            bad[0]
        ));
    }
    None
}

pub fn dotted(path: &[&str]) -> Option<String> {
    if path.is_empty() {
        None
    } else {
        Some(path.join("."))
    }
}

/// The closest candidate by edit distance, for "did you mean" hints.
pub fn suggest<'b>(word: &str, candidates: &[&'b str]) -> Option<&'b str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Applies every group `$extends` in dependency order. Extending copies the
/// target group (after its own extends) and deep-merges the local content
/// over it, local winning.
pub fn apply_extends(root: &mut Group<'_>, sources: &[Source], diags: &mut Vec<Diagnostic>) {
    let mut entries: Vec<(Vec<String>, Located<'_>)> = Vec::new();
    collect_extends(root, &mut Vec::new(), &mut entries);
    if entries.is_empty() {
        return;
    }
    // Parse every target first so a bad reference is reported once.
    let mut targets: Vec<Option<Vec<String>>> = Vec::with_capacity(entries.len());
    for (path, loc) in &entries {
        let src = &sources[loc.file as usize];
        let here = path.join(".");
        match reference::group_reference(loc.json) {
            Ok(t) => targets.push(Some(t)),
            Err(msg) => {
                diags.push(Diagnostic::error(src, loc.json.span, Some(&here), msg));
                targets.push(None);
            }
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Todo,
        Active,
        Done,
    }
    let mut state = vec![State::Todo; entries.len()];
    let is_prefix =
        |p: &[String], q: &[String]| p.len() <= q.len() && p.iter().zip(q).all(|(a, b)| a == b);
    for start in 0..entries.len() {
        if state[start] != State::Todo {
            continue;
        }
        // Iterative DFS so long extends chains cannot overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::Active;
        while let Some(&mut (cur, ref mut next_dep)) = stack.last_mut() {
            let deps: Vec<usize> = match &targets[cur] {
                Some(t) => (0..entries.len())
                    .filter(|&j| j != cur && is_prefix(t, &entries[j].0))
                    .collect(),
                None => Vec::new(),
            };
            if *next_dep < deps.len() {
                let dep = deps[*next_dep];
                *next_dep += 1;
                match state[dep] {
                    State::Todo => {
                        state[dep] = State::Active;
                        stack.push((dep, 0));
                    }
                    State::Active => {
                        let from = stack.iter().position(|(e, _)| *e == dep).unwrap_or(0);
                        let cycle: Vec<String> = stack[from..]
                            .iter()
                            .map(|(e, _)| entries[*e].0.join("."))
                            .chain(std::iter::once(entries[dep].0.join(".")))
                            .collect();
                        let loc = entries[cur].1;
                        diags.push(Diagnostic::error(
                            &sources[loc.file as usize],
                            loc.json.span,
                            Some(&entries[cur].0.join(".")),
                            format!("circular `$extends`: {}", cycle.join(" → ")),
                        ));
                        targets[cur] = None;
                    }
                    State::Done => {}
                }
                continue;
            }
            stack.pop();
            state[cur] = State::Done;
            if let Some(target) = targets[cur].clone() {
                extend_one(
                    root,
                    &entries[cur].0,
                    &target,
                    entries[cur].1,
                    sources,
                    diags,
                );
            }
        }
    }
}

fn extend_one<'a>(
    root: &mut Group<'a>,
    path: &[String],
    target: &[String],
    loc: Located<'a>,
    sources: &[Source],
    diags: &mut Vec<Diagnostic>,
) {
    let src = &sources[loc.file as usize];
    let here = path.join(".");
    let overlaps = target.len() <= path.len() && target.iter().zip(path).all(|(a, b)| a == b)
        || path.len() <= target.len() && path.iter().zip(target).all(|(a, b)| a == b);
    if overlaps {
        diags.push(Diagnostic::error(
            src,
            loc.json.span,
            Some(&here),
            format!(
                "circular `$extends`: `{here}` cannot extend `{}`, which contains it or is inside it",
                target.join(".")
            ),
        ));
        return;
    }
    let target_refs: Vec<&str> = target.iter().map(String::as_str).collect();
    let base = match root.find(&target_refs) {
        Some(Node::Group(g)) => g.clone(),
        Some(Node::Token(_)) => {
            diags.push(Diagnostic::error(
                src,
                loc.json.span,
                Some(&here),
                format!(
                    "`$extends` must name a group, but `{}` is a token",
                    target.join(".")
                ),
            ));
            return;
        }
        None => {
            diags.push(Diagnostic::error(
                src,
                loc.json.span,
                Some(&here),
                format!("`$extends` target `{}` does not exist", target.join(".")),
            ));
            return;
        }
    };
    let path_refs: Vec<&str> = path.iter().map(String::as_str).collect();
    if let Some(local) = root.find_group_mut(&path_refs) {
        let mut merged = base;
        // The copy must not extend again, or the target's own `$extends`
        // would be applied a second time on top of local content.
        merged.extends = None;
        let mut own = std::mem::take(local);
        own.extends = None;
        merged.merge(own);
        *local = merged;
    }
}

fn collect_extends<'a>(
    g: &Group<'a>,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Located<'a>)>,
) {
    if let Some(e) = g.extends {
        out.push((path.clone(), e));
    }
    for (name, node) in &g.children {
        if let Node::Group(child) = node {
            path.push(name.to_string());
            collect_extends(child, path, out);
            path.pop();
        }
    }
}

/// A token as written, with what it inherits from its groups.
#[derive(Clone, Debug)]
pub struct TokenDef<'a> {
    pub path: String,
    pub node: Located<'a>,
    pub group_type: Option<Located<'a>>,
    pub group_deprecated: Option<Located<'a>>,
}

/// Flattens the tree into token definitions in document order, and returns
/// the set of group paths (so an alias to a group gets its own message).
pub fn collect<'a>(root: &Group<'a>) -> (Vec<TokenDef<'a>>, rustc_hash::FxHashSet<String>) {
    let mut tokens = Vec::new();
    let mut groups = rustc_hash::FxHashSet::default();
    let mut path = String::new();
    walk(root, &mut path, None, None, &mut tokens, &mut groups);
    (tokens, groups)
}

fn walk<'a>(
    g: &Group<'a>,
    path: &mut String,
    ty: Option<Located<'a>>,
    deprecated: Option<Located<'a>>,
    tokens: &mut Vec<TokenDef<'a>>,
    groups: &mut rustc_hash::FxHashSet<String>,
) {
    let ty = g.ty.or(ty);
    let deprecated = g.deprecated.or(deprecated);
    for (name, node) in &g.children {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
        match node {
            Node::Token(t) => tokens.push(TokenDef {
                path: path.clone(),
                node: *t,
                group_type: ty,
                group_deprecated: deprecated,
            }),
            Node::Group(child) => {
                groups.insert(path.clone());
                walk(child, path, ty, deprecated, tokens, groups);
            }
        }
        path.truncate(len);
    }
}
