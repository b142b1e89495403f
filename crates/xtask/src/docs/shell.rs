//! ```` ```sh ```` and ```` ```console ```` blocks. Every command is run,
//! checked against the real command-line parser, or named in [`EXPLAINED`]
//! with the reason it is not run. `console` blocks show a command after
//! `$ ` and its output below; the output must be what the command prints.

use std::path::Path;

use clap::CommandFactory;

use super::page::{indent, Page};
use super::Block;

/// Commands shown but not run, and why. Paths into the repository among
/// their arguments must still exist.
const EXPLAINED: &[(&str, &str)] = &[
    ("cp", "copies into a Keycloak installation"),
    ("mkdir", "part of packaging the Keycloak theme"),
    ("echo", "part of packaging the Keycloak theme"),
    ("zip", "part of packaging the Keycloak theme"),
    ("kc.sh", "needs a Keycloak installation"),
    ("kcadm.sh", "needs a Keycloak installation"),
    ("cargo install", "installs a tool into ~/.cargo"),
    (
        "cargo build",
        "the test step's own cargo builds cover it; its `-p` packages are checked",
    ),
    ("cargo fuzz", "runs for minutes; its fuzz target is checked"),
];

/// The npm package's name, as `cargo xtask build` writes it into
/// `pkg/package.json`.
pub const NPM_NAME: &str = "bandeau";

/// Top-level directories of the repository whose paths commands may name.
const REPO_DIRS: &[&str] = &["crates/", "docs/", "examples/", "tests/", "tokens/"];

pub fn check(page: &mut Page, block: &Block) -> Vec<String> {
    let console = block.lang == "console";
    let mut problems = Vec::new();
    let mut state = State::default();
    for (command, expected) in commands(&block.text, console) {
        let line = match split(&command) {
            Ok(line) => line,
            Err(e) => {
                problems.push(format!("`{command}`: {e}"));
                continue;
            }
        };
        let mut output = None;
        for words in line {
            match simple(page, &words, &mut state) {
                Ok(Some(ran)) => output = Some(ran),
                Ok(None) => {}
                Err(e) => problems.push(format!("`{}`: {e}", words.join(" "))),
            }
        }
        match (output, expected.is_empty()) {
            (Some((ok, out)), true) if !ok => problems.push(format!(
                "`{command}` fails:\n{}",
                indent(&out)
            )),
            (Some((_, out)), false) => {
                for want in expected.iter().filter(|l| !l.trim().is_empty()) {
                    if !shows(&out, want) {
                        problems.push(format!(
                            "`{command}` does not print `{}`; it prints:\n{}",
                            want.trim(),
                            indent(&out)
                        ));
                    }
                }
            }
            (None, false) => problems.push(format!(
                "`{command}` is not run by the docs step, so the output shown under it is unchecked: show it in a ```text block"
            )),
            _ => {}
        }
    }
    problems
}

/// The commands of a block, each with the output lines shown under it
/// (`console` only). Lines ending in `\` continue on the next line.
fn commands(text: &str, console: bool) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let command = if console {
            match line.strip_prefix("$ ") {
                Some(c) => Some(c),
                None if !pending.is_empty() => Some(line),
                None => {
                    if let Some(last) = out.last_mut() {
                        last.1.push(line.to_owned());
                    }
                    None
                }
            }
        } else {
            Some(line)
        };
        let Some(command) = command else { continue };
        match command.strip_suffix('\\') {
            Some(head) => {
                pending.push_str(head);
                pending.push(' ');
            }
            None => {
                pending.push_str(command);
                let whole = std::mem::take(&mut pending);
                if !whole.trim().is_empty() && !whole.trim_start().starts_with('#') {
                    out.push((whole.trim().to_owned(), Vec::new()));
                }
            }
        }
    }
    out
}

/// Whether the output has a line showing `want`, where `…` in `want`
/// stands for anything.
fn shows(output: &str, want: &str) -> bool {
    let parts: Vec<&str> = want.trim().split('…').collect();
    output.lines().any(|line| {
        let mut rest = line;
        parts.iter().all(|part| match rest.find(part) {
            Some(at) => {
                rest = &rest[at + part.len()..];
                true
            }
            None => false,
        })
    })
}

/// A command line split into simple commands (at `&&`, `||`, `;`, `|` and
/// parentheses), with quotes removed, redirections and comments dropped.
pub fn split(line: &str) -> Result<Vec<Vec<String>>, String> {
    let mut commands = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut redirect = false;
    let mut chars = line.chars().peekable();
    let finish =
        |word: &mut Option<String>, redirect: &mut bool, commands: &mut Vec<Vec<String>>| {
            if let Some(w) = word.take() {
                if *redirect {
                    *redirect = false;
                } else {
                    commands.last_mut().expect("never empty").push(w);
                }
            }
        };
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let text = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => text.extend(chars.next()),
                        Some(other) => text.push(other),
                        None => return Err(format!("unclosed {c} quote")),
                    }
                }
            }
            '#' if word.is_none() => break,
            ' ' | '\t' => finish(&mut word, &mut redirect, &mut commands),
            '>' | '<' => {
                finish(&mut word, &mut redirect, &mut commands);
                while chars.peek() == Some(&'>') {
                    chars.next();
                }
                redirect = true;
            }
            '&' | '|' | ';' | '(' | ')' => {
                finish(&mut word, &mut redirect, &mut commands);
                if (c == '&' || c == '|') && chars.peek() == Some(&c) {
                    chars.next();
                } else if c == '&' {
                    return Err("a background `&` has no place in the docs".to_owned());
                }
                if !commands.last().expect("never empty").is_empty() {
                    commands.push(Vec::new());
                }
            }
            other => word.get_or_insert_with(String::new).push(other),
        }
    }
    finish(&mut word, &mut redirect, &mut commands);
    if redirect {
        return Err("a redirection without a target".to_owned());
    }
    commands.retain(|c| !c.is_empty());
    Ok(commands)
}

/// What earlier commands of a block did: `cd` moves within the repository,
/// `mkdir` makes directories a later `cd` may enter.
#[derive(Default)]
struct State {
    cwd: String,
    made: Vec<String>,
}

/// Checks or runs one simple command; `Some` with its success and output
/// when it was run.
fn simple(
    page: &mut Page,
    words: &[String],
    state: &mut State,
) -> Result<Option<(bool, String)>, String> {
    let cwd = &mut state.cwd;
    let program = Path::new(&words[0])
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    if program == "bandeau-tokens" {
        // Repository files the command names (`examples/brand/green.json`)
        // are copied in, so it runs as it would in a checkout.
        for arg in &args {
            let source = page.root.join(arg);
            if REPO_DIRS.iter().any(|d| arg.starts_with(d)) && source.is_file() {
                let text = std::fs::read_to_string(&source)
                    .map_err(|e| format!("reading {}: {e}", source.display()))?;
                page.write(arg, &text)?;
            }
        }
        return page.run_cli(&args).map(Some);
    }
    match (program.as_str(), args.first().copied()) {
        ("cd", Some(dir)) => {
            let next = Path::new(cwd.as_str()).join(dir);
            let made = state.made.iter().any(|m| Path::new(m).starts_with(&next));
            if !made && !page.root.join(&next).is_dir() {
                return Err(format!("no directory {} in the repository", next.display()));
            }
            *cwd = next.to_string_lossy().into_owned();
            Ok(None)
        }
        ("cargo", Some("xtask")) => xtask(&args[1..]).map(|()| None),
        ("cargo", Some("fuzz")) => {
            let target = args.iter().skip(2).find(|a| !a.starts_with('-') && **a != "none");
            let Some(target) = target else {
                return Err("which fuzz target?".to_owned());
            };
            let file = Path::new(cwd.as_str()).join(format!("fuzz/fuzz_targets/{target}.rs"));
            if !page.root.join(&file).exists() {
                return Err(format!("no fuzz target {}", file.display()));
            }
            Ok(None)
        }
        ("cargo", Some(sub)) => {
            if !EXPLAINED.iter().any(|(c, _)| *c == format!("cargo {sub}")) {
                return Err(format!(
                    "`cargo {sub}` is neither run nor explained by the docs step (crates/xtask/src/docs/shell.rs)"
                ));
            }
            packages(page.root, &args)?;
            Ok(None)
        }
        ("npm", _) => npm(&args).map(|()| None),
        (program, _) if EXPLAINED.iter().any(|(c, _)| *c == program) => {
            if program == "mkdir" {
                state
                    .made
                    .extend(args.iter().filter(|a| !a.starts_with('-')).map(|a| a.to_string()));
            }
            let cwd = &state.cwd;
            for arg in &args {
                if REPO_DIRS.iter().any(|d| arg.starts_with(d))
                    && !page.root.join(cwd.as_str()).join(arg).exists()
                {
                    return Err(format!("no {arg} in the repository"));
                }
            }
            Ok(None)
        }
        (program, _) => Err(format!(
            "`{program}` is neither run nor explained by the docs step: run it, or list it in crates/xtask/src/docs/shell.rs with the reason it is not run"
        )),
    }
}

/// `cargo xtask ARGS` must parse as the real `cargo xtask` would.
fn xtask(args: &[&str]) -> Result<(), String> {
    let argv = std::iter::once("cargo xtask").chain(args.iter().copied());
    crate::Cli::command()
        .try_get_matches_from(argv)
        .map(drop)
        .map_err(|e| {
            let text = e.render().to_string();
            text.lines().next().unwrap_or("").to_owned()
        })
}

/// `-p NAME` must be a package of the workspace.
fn packages(root: &Path, args: &[&str]) -> Result<(), String> {
    for pair in args.windows(2) {
        if pair[0] == "-p" || pair[0] == "--package" {
            let known = workspace_packages(root);
            if !known.iter().any(|k| k == pair[1]) {
                return Err(format!(
                    "no workspace package `{}` (there are: {})",
                    pair[1],
                    known.join(", ")
                ));
            }
        }
    }
    Ok(())
}

fn workspace_packages(root: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join("crates")) else {
        return names;
    };
    for entry in entries.flatten() {
        let Ok(manifest) = std::fs::read_to_string(entry.path().join("Cargo.toml")) else {
            continue;
        };
        let name = manifest.lines().find_map(|l| {
            let value = l.trim().strip_prefix("name")?.trim().strip_prefix('=')?;
            Some(value.trim().trim_matches('"').to_owned())
        });
        names.extend(name);
    }
    names.sort();
    names
}

/// `npm install NAME…`: the names must be the package Bandeau publishes.
fn npm(args: &[&str]) -> Result<(), String> {
    let Some((sub, rest)) = args.split_first() else {
        return Err("npm what?".to_owned());
    };
    if !matches!(*sub, "install" | "i" | "add") {
        return Err(format!(
            "`npm {sub}` is neither run nor explained by the docs step"
        ));
    }
    let names: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|a| !a.starts_with('-'))
        .collect();
    if names.is_empty() {
        return Err("name the package: `npm install bandeau`".to_owned());
    }
    for name in names {
        let bare = match name.rfind('@') {
            Some(at) if at > 0 => &name[..at],
            _ => name,
        };
        if bare != NPM_NAME {
            return Err(format!(
                "`{name}` is not Bandeau's npm package `{NPM_NAME}`"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_split_into_simple_commands() {
        assert_eq!(
            split("cd crates/tokens && cargo fuzz run -s none compile -- -max_total_time=600")
                .unwrap(),
            [
                vec!["cd", "crates/tokens"],
                vec![
                    "cargo",
                    "fuzz",
                    "run",
                    "-s",
                    "none",
                    "compile",
                    "--",
                    "-max_total_time=600"
                ]
            ]
        );
        assert_eq!(
            split(r#"echo '{"a": [1]}' > jar/x.json   # a comment"#).unwrap(),
            [vec!["echo", r#"{"a": [1]}"#]]
        );
        assert_eq!(
            split("(cd jar && zip -r ../x.jar .)").unwrap(),
            [vec!["cd", "jar"], vec!["zip", "-r", "../x.jar", "."]]
        );
        assert!(split("echo 'open").is_err());
    }

    #[test]
    fn console_blocks_pair_commands_with_their_output() {
        let parsed = commands("$ a \\\n  --b\nout 1\nout 2\n$ c\n", true);
        assert_eq!(
            parsed,
            [
                (
                    "a    --b".to_owned(),
                    vec!["out 1".to_owned(), "out 2".to_owned()]
                ),
                ("c".to_owned(), vec![])
            ]
        );
        assert_eq!(commands("# note\nls\n", false).len(), 1);
    }

    #[test]
    fn output_matches_with_ellipses() {
        let out = "note: derived primary15 = #dde8e3 (15 %)\nerror: x";
        assert!(shows(out, "derived primary15 = … (15 %)"));
        assert!(!shows(out, "derived primary35"));
    }

    #[test]
    fn xtask_commands_are_checked_against_the_real_parser() {
        assert!(xtask(&["preview", "--port", "9000"]).is_ok());
        assert!(xtask(&["bench", "chrome", "--runs", "3"]).is_ok());
        assert!(xtask(&["deploy"]).unwrap_err().contains("deploy"));
        assert!(xtask(&["preview", "--prot", "1"]).is_err());
    }

    #[test]
    fn npm_names_must_be_bandeau() {
        assert!(npm(&["install", "bandeau"]).is_ok());
        assert!(npm(&["i", "bandeau@0.1.0"]).is_ok());
        assert!(npm(&["install", "bandeau-elements"]).is_err());
        assert!(npm(&["publish"]).is_err());
    }

    #[test]
    fn workspace_packages_are_read_from_the_crates() {
        let root = crate::util::repo_root();
        let known = workspace_packages(&root);
        assert!(known.iter().any(|k| k == "bandeau-tokens"), "{known:?}");
        assert!(packages(&root, &["build", "-p", "bandeau-token"]).is_err());
    }
}
