//! One Markdown file's blocks, checked in order. Blocks of one file share a
//! working directory, so a guide can write a file in one block
//! (```` ```json file=colors.json ````) and run a command on it in the next,
//! as a reader following along would.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{csp, html, shell, yaml, Block, EXEMPT};

pub struct Page<'a> {
    /// The repository (or a test fixture standing in for it).
    pub root: &'a Path,
    /// This file's working directory, made on first use.
    pub dir: PathBuf,
    /// Shared by all files: the compiled token names.
    work: &'a Path,
    pub cli: Option<&'a Path>,
    pub commands_run: usize,
    token_names: Option<Result<BTreeSet<String>, String>>,
}

impl<'a> Page<'a> {
    pub fn new(root: &'a Path, dir: PathBuf, work: &'a Path, cli: Option<&'a Path>) -> Self {
        Page {
            root,
            dir,
            work,
            cli,
            commands_run: 0,
            token_names: None,
        }
    }

    /// The problems with one block, without its place (the caller adds it).
    pub fn check(&mut self, block: &Block) -> Vec<String> {
        match block.lang.as_str() {
            "" => vec![
                "the code block has no language: write ```sh, ```json, ```html, ```text … (docs/README.md lists them)"
                    .to_owned(),
            ],
            "sh" | "console" => shell::check(self, block),
            "json" => self.json(block),
            "yaml" => match yaml::to_json(&block.text) {
                Ok(value) => self.json_value(block, &value.to_string()),
                Err(e) => vec![e],
            },
            "html" => {
                let mut problems = html::check(&block.text);
                problems.extend(self.css_names(&html::inline_css(&block.text)));
                problems
            }
            "css" => {
                let mut problems = html::check_parts(&block.text);
                problems.extend(self.css_names(&block.text));
                problems
            }
            "http" => csp::check_http(&block.text),
            "csp" => csp::check_directives(&block.text),
            lang if EXEMPT.contains(&lang) => Vec::new(),
            lang => vec![format!(
                "no check for ```{lang} blocks: use a checked language or ```text (docs/README.md lists them)"
            )],
        }
    }

    fn json(&mut self, block: &Block) -> Vec<String> {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&block.text) {
            return vec![format!("not valid JSON: {e}")];
        }
        self.json_value(block, &block.text)
    }

    /// A parsed JSON (or YAML) document: written where its `file=` flag says,
    /// checked as a brand or a token file where its flags say.
    fn json_value(&mut self, block: &Block, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(name) = block.flag_value("file") {
            if let Err(e) = self.write(name, text) {
                problems.push(e);
            }
        }
        if block.has_flag("brand") {
            problems.extend(self.with_file(text, "brand.json", |page, file| {
                page.token_cli(&["brand", file, "--name", "docs-check"], "the brand")
            }));
        }
        if block.has_flag("tokens") {
            problems.extend(self.with_file(text, "block.tokens.json", |page, file| {
                page.token_cli(&["check", file], "the token file")
            }));
        }
        problems
    }

    fn with_file(
        &mut self,
        text: &str,
        name: &str,
        check: impl FnOnce(&mut Self, &str) -> Result<(), String>,
    ) -> Vec<String> {
        let name = format!("docs-check-{name}");
        match self.write(&name, text).and_then(|()| check(self, &name)) {
            Ok(()) => Vec::new(),
            Err(e) => vec![e],
        }
    }

    /// Writes a file into this page's directory.
    pub fn write(&mut self, name: &str, text: &str) -> Result<(), String> {
        if name.contains("..") || Path::new(name).is_absolute() {
            return Err(format!("file={name}: give a plain relative file name"));
        }
        let path = self.ensure_dir()?.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
    }

    /// This page's directory, with a copy of the repository's `tokens/`
    /// so that documented paths such as `tokens/bandeau.resolver.json` work.
    pub fn ensure_dir(&mut self) -> Result<&Path, String> {
        if !self.dir.exists() {
            copy_tree(&self.root.join("tokens"), &self.dir.join("tokens"))?;
        }
        Ok(&self.dir)
    }

    /// Runs the token compiler in this page's directory; fails with its
    /// output when it fails.
    fn token_cli(&mut self, args: &[&str], what: &str) -> Result<(), String> {
        let output = self.run_cli(args)?;
        if output.0 {
            Ok(())
        } else {
            Err(format!(
                "{what} fails `bandeau-tokens {}`:\n{}",
                args.join(" "),
                indent(&output.1)
            ))
        }
    }

    /// `bandeau-tokens ARGS` in this page's directory: success and the
    /// combined output.
    pub fn run_cli(&mut self, args: &[&str]) -> Result<(bool, String), String> {
        let Some(cli) = self.cli else {
            return Err("needs the token compiler, which this check runs without".to_owned());
        };
        let dir = self.ensure_dir()?.to_path_buf();
        self.commands_run += 1;
        let output = Command::new(cli)
            .args(args)
            .current_dir(&dir)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| format!("could not start {}: {e}", cli.display()))?;
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        Ok((output.status.success(), text))
    }

    /// Every `--bd-…` custom property the CSS uses must be one the project's
    /// tokens define.
    fn css_names(&mut self, css: &str) -> Vec<String> {
        let used = custom_properties(css, "--bd-");
        if used.is_empty() {
            return Vec::new();
        }
        let known = match self.known_tokens() {
            Ok(known) => known,
            Err(e) => return vec![e],
        };
        used.into_iter()
            .filter(|name| !known.contains(name))
            .map(|name| format!("`{name}` is not a custom property of Bandeau's tokens"))
            .collect()
    }

    fn known_tokens(&mut self) -> Result<&BTreeSet<String>, String> {
        if self.token_names.is_none() {
            self.token_names = Some(self.compile_tokens());
        }
        match self.token_names.as_ref().expect("set above") {
            Ok(names) => Ok(names),
            Err(e) => Err(e.clone()),
        }
    }

    /// The custom properties `tokens.css` declares, compiled once per run
    /// into the shared work directory.
    fn compile_tokens(&mut self) -> Result<BTreeSet<String>, String> {
        let css = self.work.join("tokens-css").join("tokens.css");
        if !css.exists() {
            let resolver = self.root.join("tokens/bandeau.resolver.json");
            let out = self.work.join("tokens-css");
            let (ok, output) = self.run_cli(&[
                "build",
                &resolver.to_string_lossy(),
                "--out",
                &out.to_string_lossy(),
                "--format",
                "css",
            ])?;
            if !ok {
                return Err(format!("the project's tokens do not compile:\n{output}"));
            }
        }
        let text =
            std::fs::read_to_string(&css).map_err(|e| format!("reading {}: {e}", css.display()))?;
        Ok(text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                line.starts_with("--bd-")
                    .then(|| line.split(':').next().unwrap_or("").to_owned())
            })
            .collect())
    }
}

/// `--bd-color-x` names in CSS text, in order of first use.
pub fn custom_properties(css: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = css;
    while let Some(at) = rest.find(prefix) {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(tail.len());
        names.insert(tail[..end].to_owned());
        rest = &tail[end..];
    }
    names
}

pub fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    if !from.is_dir() {
        // A fixture without tokens/: commands that need them will say so.
        return Ok(());
    }
    crate::util::copy_tree(from, to, &|_| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_properties_are_found_with_their_whole_name() {
        let names = custom_properties(
            "a { color: var(--bd-color-text-default); margin: var(--bd-space-2, 4px) }",
            "--bd-",
        );
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["--bd-color-text-default", "--bd-space-2"]
        );
    }
}
