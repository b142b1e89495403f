//! The live compile: the project's token files with the designer's edits,
//! through the token core (in this wasm), into CSS for the canvas.

use bandeau_tokens::emit::{css, Options};
use bandeau_tokens::json;
use bandeau_tokens::project::{self, Project};
use bandeau_tokens::Failure;
use std::collections::BTreeMap;

/// Every file is keyed by its path in the repository, so diagnostics name
/// files as a designer finds them.
pub const FOLDER: &str = "tokens/";
pub const RESOLVER: &str = "tokens/bandeau.resolver.json";
/// Pasted DTCG JSON: a file of its own, layered after everything the
/// resolver names, so it overrides any token in every permutation.
pub const PASTED: &str = "tokens/pasted.tokens.json";

/// `files` as the compiler gets them: with pasted tokens, the resolver
/// gains a last set that reads them.
pub fn input(files: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = files.clone();
    let pasted = files.get(PASTED).is_some_and(|t| !t.trim().is_empty());
    if !pasted {
        out.remove(PASTED);
        return out;
    }
    if let Some(resolver) = files.get(RESOLVER).and_then(|t| with_pasted_set(t)) {
        out.insert(RESOLVER.to_string(), resolver);
    }
    out
}

/// The resolver text with a set reading the pasted file appended to its
/// `resolutionOrder`, inserted on the line of the last item so every
/// position a diagnostic names in the resolver stays where it was. `None`
/// when the resolver is too broken to extend (its own errors show).
fn with_pasted_set(resolver: &str) -> Option<String> {
    let root = json::parse(resolver).ok()?;
    let order = root.get("resolutionOrder")?;
    let items = order.as_array()?;
    let reference = PASTED.strip_prefix(FOLDER).unwrap_or(PASTED);
    let set =
        format!(r#"{{"type": "set", "name": "pasted", "sources": [{{"$ref": "{reference}"}}]}}"#);
    let (at, text) = match items.last() {
        Some(last) => (last.span.end as usize, format!(", {set}")),
        // Just inside the `[`.
        None => (order.span.start as usize + 1, set),
    };
    let mut out = String::with_capacity(resolver.len() + text.len());
    out.push_str(resolver.get(..at)?);
    out.push_str(&text);
    out.push_str(resolver.get(at..)?);
    Some(out)
}

/// Whether `files` differ from the project as shipped (a blank paste does
/// not count).
pub fn edited(original: &BTreeMap<String, String>, files: &BTreeMap<String, String>) -> bool {
    input(files) != *original
}

pub fn compile(files: &BTreeMap<String, String>) -> Result<Project, Failure> {
    project::compile(&input(files))
}

/// The compiled tokens as rules on the elements themselves: the canvas's
/// rules on a shadow host beat the `:host` rules of the token sheet the
/// element adopted, so the canvas re-themes without reloading the bundle.
/// Every permutation is there (`[data-theme=…]`, `[data-brand=…]`), so the
/// toolbar's theme and brand keep working on edited tokens.
pub fn canvas_css(project: &Project) -> String {
    let options = Options {
        source_name: "the preview's token editor".into(),
        ..Options::default()
    };
    css::scoped_stylesheet(&project.compiled, &options, &bandeau_elements::TAG_NAMES)
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::FOLDER;
    use std::collections::BTreeMap;

    /// Every JSON file of the repository's `tokens/`, as the site serves them.
    pub fn repo_tokens() -> BTreeMap<String, String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tokens");
        let mut out = BTreeMap::new();
        let mut todo = vec![root.clone()];
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    todo.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                    out.insert(
                        format!("{FOLDER}{}", rel.replace('\\', "/")),
                        std::fs::read_to_string(&path).unwrap(),
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::tests_support::repo_tokens;

    #[test]
    fn the_project_compiles_into_rules_on_the_elements() {
        let project = compile(&repo_tokens()).unwrap();
        let css = canvas_css(&project);
        assert!(
            css.contains("\nbandeau-bar, bandeau-launcher, bandeau-user-menu, bandeau-login {\n")
        );
        assert!(css.contains("bandeau-bar[data-theme=\"dark\"], "), "{css}");
        assert!(!css.contains(":host"));
    }

    #[test]
    fn pasted_tokens_override_every_theme_and_keep_resolver_positions() {
        let mut files = repo_tokens();
        files.insert(
            PASTED.into(),
            r#"{"bar": {"background": {"$type": "color", "$value": "{color.black}"}}}"#.into(),
        );
        let project = compile(&files).unwrap();
        for p in &project.compiled.permutations {
            let t = p.tokens.get("bar.background").unwrap();
            assert_eq!(t.file, PASTED);
            assert_eq!(t.value.as_color().unwrap().to_hex(), "#000000");
        }
        let resolver = &files[RESOLVER];
        let extended = with_pasted_set(resolver).unwrap();
        let last_line = |t: &str| t.lines().count();
        assert_eq!(last_line(resolver), last_line(&extended));
    }

    #[test]
    fn a_blank_paste_changes_nothing() {
        let mut files = repo_tokens();
        files.insert(PASTED.into(), "  \n".into());
        let input = input(&files);
        assert!(!input.contains_key(PASTED));
        assert_eq!(input[RESOLVER], files[RESOLVER]);
    }

    #[test]
    fn a_broken_paste_is_named() {
        let mut files = repo_tokens();
        files.insert(
            PASTED.into(),
            "{\n  \"x\": {\"$value\": \"{nope}\"}\n}".into(),
        );
        let failure = compile(&files).unwrap_err();
        let text = failure.errors().next().unwrap().to_string();
        assert!(text.starts_with("tokens/pasted.tokens.json:2:"), "{text}");
        assert!(text.contains("x: "), "{text}");
    }
}
