//! A token project held in memory, compiled as a whole: what the preview's
//! live token editor runs on every edit, with one file's text replaced.
//!
//! Files are keyed by their path in the project
//! (`tokens/themes/light.tokens.json`), so every diagnostic names the file
//! as the repository does. A resolver document's `$ref`s are taken
//! relative to the document's own folder, as on disk.

use crate::lint::{self, PairResult};
use crate::resolver::{self, Compiled, Loader};
use crate::suite::{self, Target};
use crate::{Diagnostic, Failure, Source};
use std::collections::BTreeMap;

/// A compiled project and its accessibility lint.
#[derive(Clone, Debug)]
pub struct Project {
    pub compiled: Compiled,
    /// Every declared foreground/background pair in every permutation,
    /// passing or not: a failing pair is a finding to show, and the
    /// tokens still compile (an editor keeps re-theming while it is fixed).
    pub contrast: Vec<PairResult>,
    /// Contrast declarations that cannot be checked (a background that is
    /// missing or not a colour, a bad `use`).
    pub declarations: Vec<Diagnostic>,
}

impl Project {
    /// What the CLI refuses the tokens for: bad declarations, then failing
    /// pairs, each placed at its foreground token.
    pub fn lint(&self) -> Vec<Diagnostic> {
        let mut out = self.declarations.clone();
        out.extend(lint::failures(&self.compiled, &self.contrast));
        out
    }
}

/// Files keyed by project path, read relative to the resolver document's
/// folder.
struct Memory<'a> {
    files: &'a BTreeMap<String, String>,
    folder: &'a str,
}

impl Loader for Memory<'_> {
    fn load(&mut self, reference: &str) -> Result<(String, String), String> {
        let path = join(self.folder, reference);
        self.files
            .get(&path)
            .map(|text| (path.clone(), text.clone()))
            .ok_or_else(|| format!("no file `{path}` in the project"))
    }
}

/// `folder/reference` with `.` and `..` segments applied, so
/// `../shared/x.json` finds the file keyed `shared/x.json`.
fn join(folder: &str, reference: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in reference.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The project's resolver document: the first `*.resolver.json` by path,
/// else the first file whose content is one.
fn entry(files: &BTreeMap<String, String>) -> Option<&String> {
    files
        .keys()
        .find(|k| k.ends_with(".resolver.json"))
        .or_else(|| {
            files
                .iter()
                .find(|(k, text)| resolver::is_resolver_document(k, text))
                .map(|(k, _)| k)
        })
}

/// The project's folder: the resolver document's, or the root.
fn folder(files: &BTreeMap<String, String>) -> &str {
    entry(files)
        .and_then(|name| name.rsplit_once('/'))
        .map_or("", |(folder, _)| folder)
}

/// Where a target's mapping lives in the project: `targets/<name>.json`
/// beside the resolver document, as the CLI looks for it.
pub fn mapping_path(files: &BTreeMap<String, String>, target: Target) -> String {
    join(folder(files), &format!("targets/{}", target.mapping_file()))
}

/// Builds one of the suite's app targets from a compiled project with the
/// project's own mapping for it.
pub fn build_target(
    files: &BTreeMap<String, String>,
    compiled: &Compiled,
    target: Target,
) -> Result<suite::Output, Vec<Diagnostic>> {
    let path = mapping_path(files, target);
    let Some(text) = files.get(&path) else {
        return Err(vec![Diagnostic::general(
            &path,
            format!("{}: no mapping `{path}` in the project", target.name()),
        )]);
    };
    let source = Source::new(path, text.clone());
    suite::build(compiled, target, &source, "the project's tokens")
}

/// Compiles `files` (project path → text). The entry is the first
/// `*.resolver.json` by path, or else the first file that is a resolver
/// document by its content; without one, every JSON file outside a
/// `targets/` folder is a token file, merged in path order.
pub fn compile(files: &BTreeMap<String, String>) -> Result<Project, Failure> {
    let compiled = match entry(files) {
        Some(name) => {
            let folder = name.rsplit_once('/').map_or("", |(folder, _)| folder);
            let mut loader = Memory { files, folder };
            resolver::compile_resolver(name, &files[name], &mut loader)?
        }
        None => {
            let sources: Vec<Source> = files
                .iter()
                .filter(|(name, _)| !name.starts_with("targets/") && !name.contains("/targets/"))
                .map(|(name, text)| Source::new(name.clone(), text.clone()))
                .collect();
            resolver::compile_files(&sources)?
        }
    };
    let (contrast, declarations) = lint::check(&compiled);
    Ok(Project {
        compiled,
        contrast,
        declarations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOLVER: &str = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.tokens.json"}]}},
        "modifiers": {"theme": {"contexts": {
            "light": [{"$ref": "themes/light.json"}],
            "dark": [{"$ref": "themes/dark.json"}]}, "default": "light"}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
    const BASE: &str = r##"{"grey": {"$type": "color",
        "0": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1]}},
        "3": {"$value": {"colorSpace": "srgb", "components": [0.3, 0.3, 0.3]}},
        "9": {"$value": {"colorSpace": "srgb", "components": [0.1, 0.1, 0.1]}}},
      "text": {"$type": "color", "$value": "{grey.9}",
        "$extensions": {"org.bandeau.contrast": {"background": "{surface}"}}}}"##;

    fn project(dark: &str) -> BTreeMap<String, String> {
        [
            ("tokens/t.resolver.json", RESOLVER),
            ("tokens/base.tokens.json", BASE),
            (
                "tokens/themes/light.json",
                r#"{"surface": {"$value": "{grey.0}"}}"#,
            ),
            ("tokens/themes/dark.json", dark),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn a_resolver_reads_its_files_relative_to_its_folder() {
        let p = compile(&project(r#"{"surface": {"$value": "{grey.3}"}}"#)).unwrap();
        assert_eq!(p.compiled.permutations.len(), 2);
        let dark = p.compiled.find(&[("theme", "dark")]).unwrap();
        let surface = dark.tokens.get("surface").unwrap();
        assert_eq!(surface.file, "tokens/themes/dark.json");
        assert_eq!(surface.line, 1);
    }

    #[test]
    fn contrast_is_checked_in_every_permutation_and_a_failure_still_compiles() {
        let p = compile(&project(r#"{"surface": {"$value": "{grey.3}"}}"#)).unwrap();
        let by_theme: Vec<(&str, bool)> = p
            .contrast
            .iter()
            .map(|r| (r.permutation.as_str(), r.passes()))
            .collect();
        assert_eq!(by_theme, [("light", true), ("dark", false)]);
        let lint = p.lint();
        assert_eq!(lint.len(), 1);
        let text = lint[0].to_string();
        assert!(text.starts_with("tokens/base.tokens.json:5:"), "{text}");
        assert!(text.contains("text: contrast "), "{text}");
        assert!(text.contains(" in dark is below 4.5:1"), "{text}");
    }

    #[test]
    fn a_broken_file_is_named_with_line_and_token() {
        let err = compile(&project(r#"{"surface": {"$value": "{grey.7}"}}"#)).unwrap_err();
        let first = err.errors().next().unwrap().to_string();
        assert!(first.starts_with("tokens/themes/dark.json:1:"), "{first}");
        assert!(
            first.contains("surface: unresolvable alias `{grey.7}`"),
            "{first}"
        );
    }

    #[test]
    fn a_missing_file_is_named_by_its_project_path() {
        let mut files = project("{}");
        files.remove("tokens/themes/dark.json");
        let err = compile(&files).unwrap_err();
        let text = err.errors().next().unwrap().to_string();
        assert!(text.contains("no file `tokens/themes/dark.json`"), "{text}");
    }

    #[test]
    fn without_a_resolver_files_merge_in_path_order() {
        let files: BTreeMap<String, String> = [
            ("b.json", r#"{"x": {"$type": "number", "$value": 2}}"#),
            ("a.json", r#"{"x": {"$type": "number", "$value": 1}}"#),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let p = compile(&files).unwrap();
        let x = p.compiled.base().tokens.get("x").unwrap();
        assert_eq!(x.file, "b.json");
    }

    #[test]
    fn references_climb_out_of_folders() {
        assert_eq!(join("tokens/themes", "../base.json"), "tokens/base.json");
        assert_eq!(join("", "./a/b.json"), "a/b.json");
        assert_eq!(join("tokens", "a//b.json"), "tokens/a/b.json");
    }

    #[test]
    fn a_resolver_is_known_by_its_content_whatever_its_name() {
        let mut files = project(r#"{"surface": {"$value": "{grey.3}"}}"#);
        let text = files.remove("tokens/t.resolver.json").unwrap();
        files.insert("tokens/resolver.json".into(), text);
        let p = compile(&files).unwrap();
        assert_eq!(p.compiled.permutations.len(), 2);
        assert_eq!(
            mapping_path(&files, Target::Nextcloud),
            "tokens/targets/nextcloud.json"
        );
        // A token file with a `version` group is still a token file.
        let tokens: BTreeMap<String, String> = [(
            "version.json".to_string(),
            r#"{"version": {"$type": "number", "$value": 2}}"#.to_string(),
        )]
        .into_iter()
        .collect();
        assert_eq!(compile(&tokens).unwrap().compiled.base().tokens.len(), 1);
    }
}
