//! Output formats. Each takes the compiled permutations and returns file
//! contents; writing them (atomically) is the caller's job.

pub mod css;
pub mod gallery;
pub mod json;
pub mod properties;
pub mod rust;
pub mod scss;
pub mod ts;

use crate::diagnostic::Diagnostic;
use crate::resolver::Compiled;
use crate::Token;
use rustc_hash::FxHashMap as HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Css,
    Scss,
    Json,
    Ts,
    Rust,
    Html,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Css,
        Format::Scss,
        Format::Json,
        Format::Ts,
        Format::Rust,
        Format::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Css => "css",
            Format::Scss => "scss",
            Format::Json => "json",
            Format::Ts => "ts",
            Format::Rust => "rust",
            Format::Html => "html",
        }
    }

    pub fn from_name(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

#[derive(Clone, Debug)]
pub struct Options {
    /// Custom property prefix: `bd` gives `--bd-color-accent`.
    pub prefix: String,
    /// Aliases become `var(--…)` references instead of copied values.
    pub output_references: bool,
    /// Shown in the generated-file header.
    pub source_name: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            prefix: "bd".into(),
            output_references: false,
            source_name: "tokens".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutputFile {
    pub name: String,
    pub contents: String,
}

/// Produces every requested format. Fails (with diagnostics) when two token
/// paths would map to the same CSS or code name.
pub fn emit(
    compiled: &Compiled,
    formats: &[Format],
    options: &Options,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    check_name_collisions(compiled, formats, options)?;
    let mut out = Vec::new();
    for f in formats {
        match f {
            Format::Css => out.push(OutputFile {
                name: "tokens.css".into(),
                contents: css::stylesheet(compiled, options),
            }),
            Format::Scss => out.push(OutputFile {
                name: "_tokens.scss".into(),
                contents: scss::scss(compiled, options),
            }),
            Format::Json => out.extend(json::files(compiled)),
            Format::Ts => out.push(OutputFile {
                name: "tokens.ts".into(),
                contents: ts::typescript(compiled, options),
            }),
            Format::Rust => out.push(OutputFile {
                name: "tokens.rs".into(),
                contents: rust::module(compiled, options),
            }),
            Format::Html => out.push(OutputFile {
                name: "gallery.html".into(),
                contents: gallery::page(compiled, options),
            }),
        }
    }
    Ok(out)
}

/// `--prefix-a-b-c` for path `a.b.c`; a `$root` segment names its group.
pub fn var_name(prefix: &str, path: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + path.len() + 4);
    s.push_str("--");
    s.push_str(prefix);
    for seg in path.split('.') {
        if seg == "$root" {
            continue;
        }
        s.push('-');
        css_ident_into(seg, &mut s);
    }
    s
}

/// Writes a name segment as CSS identifier characters, escaping the rest.
fn css_ident_into(seg: &str, out: &mut String) {
    for c in seg.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => out.push(c),
            c if (c as u32) >= 0x80 => out.push(c),
            c if c.is_whitespace() => out.push('-'),
            c if c.is_ascii_graphic() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push_str(&format!("\\{:x} ", c as u32)),
        }
    }
}

/// `COLOR_ACCENT_DEFAULT` for code outputs.
pub fn const_name(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for seg in path.split('.').filter(|s| *s != "$root") {
        if !s.is_empty() {
            s.push('_');
        }
        for c in seg.chars() {
            if c.is_ascii_alphanumeric() {
                s.push(c.to_ascii_uppercase());
            } else if !s.ends_with('_') {
                s.push('_');
            }
        }
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

fn check_name_collisions(
    compiled: &Compiled,
    formats: &[Format],
    options: &Options,
) -> Result<(), Vec<Diagnostic>> {
    use std::hash::BuildHasher;
    // Names are compared through their hashes and rebuilt only on a hash
    // match, so a million tokens need no million extra strings.
    let hasher = rustc_hash::FxBuildHasher;
    let mut problems: Vec<Diagnostic> = Vec::new();
    type Namer = fn(&str, &str) -> String;
    let namers: [(Namer, &str); 2] = [
        (|prefix, path| var_name(prefix, path), "CSS custom property"),
        (|_, path| const_name(path), "constant"),
    ];
    // Only names an output actually uses may block it: `a.b-c` and `a.b_c`
    // are distinct custom properties and clash only as Rust constants.
    let wanted = [
        formats
            .iter()
            .any(|f| !matches!(f, Format::Json | Format::Html)),
        formats.contains(&Format::Rust),
    ];
    for ((namer, what), _) in namers.into_iter().zip(wanted).filter(|(_, w)| *w) {
        let mut seen: HashMap<u64, Vec<&Token>> = HashMap::default();
        for p in &compiled.permutations {
            for t in &p.tokens.tokens {
                let name = namer(&options.prefix, &t.path);
                let slot = seen.entry(hasher.hash_one(&name)).or_default();
                let clash = slot
                    .iter()
                    .find(|o| o.path != t.path && namer(&options.prefix, &o.path) == name);
                if let Some(other) = clash {
                    let d = Diagnostic {
                        severity: crate::Severity::Error,
                        file: t.file.clone(),
                        line: t.line,
                        column: t.column,
                        span: Default::default(),
                        path: Some(t.path.clone()),
                        message: format!(
                            "{what} name `{name}` is also produced by `{}`; rename one",
                            other.path
                        ),
                    };
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                } else if !slot.iter().any(|o| o.path == t.path) {
                    slot.push(t);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The header every generated text file starts with.
pub fn header(options: &Options, comment: &str) -> String {
    format!(
        "{comment} Generated by bandeau-tokens from {}. Do not edit.\n",
        options.source_name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_paths() {
        assert_eq!(var_name("bd", "color.accent.$root"), "--bd-color-accent");
        assert_eq!(var_name("bd", "space.1 5"), "--bd-space-1-5");
        assert_eq!(var_name("bd", "size.1/2"), "--bd-size-1\\/2");
        assert_eq!(
            const_name("color.accent.on-accent"),
            "COLOR_ACCENT_ON_ACCENT"
        );
        assert_eq!(const_name("100.x"), "_100_X");
    }
}
