//! The documentation's fenced code blocks, found so that tests can run or
//! compile every one of them: a guide whose examples are checked cannot rot.
//!
//! The `docs` step of `cargo xtask test` ([`run`]) checks every block of
//! `README.md` and `docs/*.md` except TypeScript and JavaScript, which the
//! examples step compiles against the npm package. Conventions a writer
//! needs (the info-string flags) are in `docs/README.md`.

mod csp;
mod html;
mod page;
mod reference;
mod shell;
mod yaml;

use std::path::{Path, PathBuf};

use crate::{build, util};

/// Languages another step checks (the examples step compiles them).
pub const COMPILED_ELSEWHERE: &[&str] = &["ts", "tsx", "js"];

/// Labelled but not checked: diagrams, listings, templates shown in part.
const EXEMPT: &[&str] = &["text", "ftl", "properties"];

/// The `docs` step: every block of the guides, checked or run; the element
/// reference current. Fails listing every problem, each at its file and line.
pub fn run() -> Result<(), String> {
    let root = util::repo_root();
    let cli = build::token_cli()?;
    let work = util::target_dir().join("docs-check");
    let mut problems = reference::check(&root);
    let report = check(&root, &work, Some(&cli))?;
    problems.extend(report.problems);
    if !problems.is_empty() {
        return Err(format!(
            "{} problem(s) in the docs:\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    println!(
        "docs: {} blocks in {} files checked, {} commands run; {} TypeScript/JavaScript blocks left to the examples step",
        report.checked, report.files, report.commands_run, report.elsewhere
    );
    Ok(())
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub checked: usize,
    pub elsewhere: usize,
    pub commands_run: usize,
    pub problems: Vec<String>,
}

/// Checks the blocks of `README.md` and `docs/*.md` under `root`, running
/// commands in per-file directories under `work`. Without `cli`, a block
/// that needs the token compiler is a problem.
pub fn check(root: &Path, work: &Path, cli: Option<&Path>) -> Result<Report, String> {
    if work.exists() {
        std::fs::remove_dir_all(work).map_err(|e| format!("clearing {}: {e}", work.display()))?;
    }
    let mut report = Report::default();
    for file in markdown_files(root)? {
        let source = std::fs::read_to_string(&file)
            .map_err(|e| format!("reading {}: {e}", file.display()))?;
        let blocks = parse(&file, &source)?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut page = page::Page::new(root, work.join(&stem), work, cli);
        for block in &blocks {
            if COMPILED_ELSEWHERE.contains(&block.lang.as_str()) {
                report.elsewhere += 1;
                continue;
            }
            report.checked += 1;
            for problem in page.check(block) {
                report
                    .problems
                    .push(format!("{}: {problem}", block.place()));
            }
        }
        if file.ends_with("docs/integration.md") {
            report.problems.extend(csp::first_policy(&blocks));
        }
        report.commands_run += page.commands_run;
        report.files += 1;
    }
    Ok(report)
}

/// One fenced code block of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The Markdown file, as given (root joined with its relative path).
    pub file: PathBuf,
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string's first word (`ts` in ```` ```ts fragment ````);
    /// empty when the fence has none.
    pub lang: String,
    /// The whole info string, trimmed (`ts fragment`).
    pub info: String,
    /// The content, with the opening fence's indentation removed from each
    /// line, ending in a newline unless empty.
    pub text: String,
}

impl Block {
    /// `docs/integration.md:42`, the way errors name a block.
    pub fn place(&self) -> String {
        format!("{}:{}", crate::util::shown(&self.file), self.line)
    }

    /// The value of a `key=value` flag (```` ```json file=brand.json ````).
    pub fn flag_value(&self, key: &str) -> Option<&str> {
        self.info
            .split_whitespace()
            .skip(1)
            .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
    }

    /// Whether the info string carries `word` after the language
    /// (```` ```ts fragment ```` has `fragment`).
    pub fn has_flag(&self, word: &str) -> bool {
        self.info.split_whitespace().skip(1).any(|w| w == word)
    }
}

/// The Markdown files the docs step covers: `README.md` and `docs/*.md`, in
/// a stable order.
pub fn markdown_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = vec![root.join("README.md")];
    let docs = root.join("docs");
    let entries =
        std::fs::read_dir(&docs).map_err(|e| format!("reading {}: {e}", docs.display()))?;
    let mut guides = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("reading {}: {e}", docs.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "md") {
            guides.push(path);
        }
    }
    guides.sort();
    files.extend(guides);
    Ok(files)
}

/// Every fenced block of `README.md` and `docs/*.md` under `root`.
pub fn blocks(root: &Path) -> Result<Vec<Block>, String> {
    let mut all = Vec::new();
    for file in markdown_files(root)? {
        let source = std::fs::read_to_string(&file)
            .map_err(|e| format!("reading {}: {e}", file.display()))?;
        all.extend(parse(&file, &source)?);
    }
    Ok(all)
}

/// An opening fence: its indentation, character, length and info string.
struct Fence<'a> {
    indent: usize,
    char: char,
    len: usize,
    info: &'a str,
}

/// A line that opens a fence. Fences indented under list items count too,
/// so any indentation is accepted (the docs have no indented code blocks).
fn opening(line: &str) -> Option<Fence<'_>> {
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    let char = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = body.chars().take_while(|c| *c == char).count();
    if len < 3 {
        return None;
    }
    let info = body[len..].trim();
    // CommonMark: a backtick fence's info string may not contain backticks
    // (that is inline code such as ```` ```x``` ````).
    if char == '`' && info.contains('`') {
        return None;
    }
    Some(Fence {
        indent,
        char,
        len,
        info,
    })
}

fn closes(line: &str, fence: &Fence) -> bool {
    let body = line.trim();
    body.len() >= fence.len && body.chars().all(|c| c == fence.char)
}

/// The fenced blocks of one Markdown source; `file` only names them.
pub fn parse(file: &Path, source: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut lines = source.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let Some(fence) = opening(line) else {
            continue;
        };
        let mut text = String::new();
        let mut closed = false;
        for (_, inner) in lines.by_ref() {
            if closes(inner, &fence) {
                closed = true;
                break;
            }
            // Content lines lose up to the fence's indentation, as in
            // CommonMark, so a block inside a list item reads as written.
            let spaces = inner.len() - inner.trim_start_matches(' ').len();
            text.push_str(&inner[spaces.min(fence.indent)..]);
            text.push('\n');
        }
        if !closed {
            return Err(format!(
                "{}:{}: this code fence is never closed",
                crate::util::shown(file),
                index + 1
            ));
        }
        blocks.push(Block {
            file: file.to_path_buf(),
            line: index + 1,
            lang: fence
                .info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string(),
            info: fence.info.to_string(),
            text,
        });
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(source: &str) -> Vec<Block> {
        parse(Path::new("x.md"), source).unwrap()
    }

    #[test]
    fn finds_blocks_with_language_info_and_line() {
        let blocks = parsed(
            "# Title\n\n```sh\ncargo xtask test\n```\n\ntext\n~~~ts fragment\nlet a = 1;\n~~~\n",
        );
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            (
                blocks[0].line,
                blocks[0].lang.as_str(),
                blocks[0].text.as_str()
            ),
            (3, "sh", "cargo xtask test\n")
        );
        assert_eq!(
            (
                blocks[1].line,
                blocks[1].lang.as_str(),
                blocks[1].info.as_str()
            ),
            (8, "ts", "ts fragment")
        );
        assert!(blocks[1].has_flag("fragment"));
        assert!(!blocks[0].has_flag("fragment"));
    }

    #[test]
    fn a_fence_without_language_has_an_empty_one() {
        let blocks = parsed("```\nplain\n```\n");
        assert_eq!((blocks[0].lang.as_str(), blocks[0].info.as_str()), ("", ""));
    }

    #[test]
    fn indented_fences_in_list_items_lose_their_indentation() {
        let blocks =
            parsed("1. Run:\n\n   ```sh\n   npm install bandeau\n     indented more\n   ```\n");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].line, 3);
        assert_eq!(blocks[0].text, "npm install bandeau\n  indented more\n");
    }

    #[test]
    fn fence_like_lines_inside_a_block_are_content() {
        // A longer fence can show a shorter one; a tilde fence is not closed
        // by backticks; a line with an info string never closes.
        let blocks = parsed("````md\n```sh\nls\n```\n````\n~~~\n```\n~~~\n```js\n```ts\n```\n");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].text, "```sh\nls\n```\n");
        assert_eq!(blocks[1].text, "```\n");
        assert_eq!(blocks[2].text, "```ts\n");
    }

    #[test]
    fn inline_triple_backticks_are_not_fences() {
        assert!(parsed("```ts``` is how a block starts.\n").is_empty());
    }

    #[test]
    fn an_unclosed_fence_is_an_error_naming_its_line() {
        let error = parse(Path::new("docs/x.md"), "a\n\n```json\n{}\n").unwrap_err();
        assert!(error.contains("docs/x.md:3"), "{error}");
    }

    /// A repository stand-in with one guide.
    fn fixture(name: &str, guide: &str) -> (PathBuf, Report) {
        let root = crate::util::target_dir().join(format!("docs-fixture-{name}"));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(
            root.join("README.md"),
            "# X\n\n```sh\ncargo xtask test\n```\n",
        )
        .unwrap();
        std::fs::write(root.join("docs/integration.md"), guide).unwrap();
        let report = check(&root, &root.join("work"), None).unwrap();
        (root, report)
    }

    #[test]
    fn good_blocks_pass() {
        let guide = format!(
            "# Guide\n\n```http\nContent-Security-Policy: {}\n```\n\n```html\n<bandeau-bar lang=\"de\"></bandeau-bar>\n```\n\n\
             ```json\n{{\"a\": 1}}\n```\n\n```ts\nexport {{}};\n```\n\n```text\nanything\n```\n",
            crate::endpoints::STRICT_CSP
        );
        let (root, report) = fixture("good", &guide);
        assert_eq!(report.problems, Vec::<String>::new());
        assert_eq!((report.files, report.checked, report.elsewhere), (2, 5, 1));
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn broken_blocks_fail_naming_file_and_line() {
        let guide = "# Guide\n\n```\nno language\n```\n\n```json\n{\"a\": }\n```\n\n\
                     ```html\n<bandeau-bar navurl=\"x\"></bandeau-bar>\n```\n\n\
                     1. Then:\n\n   ```sh\n   cargo xtask deploy\n   ```\n\n\
                     ```http\nContent-Security-Policy: default-src *\n```\n\n\
                     ```python\nprint(1)\n```\n\n```sh\nrm -rf /\n```\n";
        let (root, report) = fixture("broken", guide);
        let problems = report.problems.join("\n");
        for (line, what) in [
            (3, "has no language"),
            (7, "not valid JSON"),
            (11, "no attribute `navurl`"),
            (17, "deploy"),
            (21, "not one the tests serve"),
            (25, "no check for ```python"),
            (29, "`rm` is neither run nor explained"),
        ] {
            let place = format!("docs/integration.md:{line}: ");
            assert!(
                report
                    .problems
                    .iter()
                    .any(|p| p.contains(&place) && p.contains(what)),
                "no problem `{what}` at {place} in\n{problems}"
            );
        }
        // The strict policy must come first in integration.md (the e2e tests
        // read it from there).
        assert!(
            problems.contains("the first Content-Security-Policy line"),
            "{problems}"
        );
        assert_eq!(report.problems.len(), 8, "{problems}");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn the_repository_docs_parse() {
        let blocks = blocks(&crate::util::repo_root()).unwrap();
        assert!(blocks.iter().any(|b| b.file.ends_with("README.md")));
    }
}
