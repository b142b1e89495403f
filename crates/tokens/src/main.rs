//! `bandeau-tokens` command line: the file-system edge around the core.
//!
//! Exit codes: 0 success, 1 invalid tokens (nothing written), 2 usage
//! errors (bad arguments, unreadable inputs).

use bandeau_tokens::brand;
use bandeau_tokens::emit::{self, Format, Options, OutputFile};
use bandeau_tokens::resolver::{self, Compiled};
use bandeau_tokens::suite::{self, Target};
use bandeau_tokens::{lint, Diagnostic, Failure, Source};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The compiler allocates many small nodes; mimalloc is faster than glibc's
// malloc at that (measured by `cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "bandeau-tokens",
    version,
    about = "Compile W3C DTCG 2025.10 design tokens"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile token files (merged in order) or one `*.resolver.json`.
    Build {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory; files in it are replaced atomically.
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated: css, scss, json, ts, rust, html, and the suite's
        /// apps: opendesk, cunningham, element, nextcloud, openproject, ox,
        /// xwiki, keycloak.
        #[arg(long, default_value = "css,json", value_delimiter = ',')]
        format: Vec<String>,
        /// Folder of the apps' mappings (`opendesk.json`, …); default:
        /// `targets/` beside the first input.
        #[arg(long)]
        targets: Option<PathBuf>,
        /// Custom property prefix (`bd` → `--bd-…`).
        #[arg(long, default_value = "bd")]
        prefix: String,
        /// Emit aliases as `var(--…)` references in CSS.
        #[arg(long)]
        output_references: bool,
    },
    /// Validate tokens and the contrast lint without writing anything.
    Check {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Derive a `[data-brand]` block from openDesk theme colours.
    Brand {
        /// JSON with openDesk colour keys (`primary`, `primary15`, …).
        colors: PathBuf,
        /// Brand name used in `[data-brand="NAME"]`.
        #[arg(long)]
        name: String,
        /// The token sources the brand is checked against.
        #[arg(long, default_value = "tokens/bandeau.resolver.json")]
        tokens: PathBuf,
        /// Write the CSS here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value = "bd")]
        prefix: String,
    },
}

struct Usage(String);

fn main() -> ExitCode {
    // Page faults, not parsing, dominate large builds (the kernel zeroes
    // every fresh 4 KiB page); transparent huge pages cut them 512-fold.
    // SAFETY: sets a process-wide allocator flag before any large allocation.
    unsafe {
        libmimalloc_sys::mi_option_set_enabled(libmimalloc_sys::mi_option_large_os_pages, true);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            inputs,
            out,
            format,
            prefix,
            output_references,
            targets,
        } => build(
            &inputs,
            Some(&out),
            &format,
            targets.as_deref(),
            prefix,
            output_references,
        ),
        Command::Check { inputs } => build(&inputs, None, &[], None, "bd".into(), false),
        Command::Brand {
            colors,
            name,
            tokens,
            out,
            prefix,
        } => brand_command(&colors, &name, &tokens, out.as_deref(), &prefix),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Outcome::Usage(Usage(msg))) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
        Err(Outcome::Invalid) => ExitCode::from(1),
    }
}

enum Outcome {
    Usage(Usage),
    Invalid,
}

fn usage(msg: String) -> Outcome {
    Outcome::Usage(Usage(msg))
}

fn load(inputs: &[PathBuf]) -> Result<Result<Compiled, Failure>, Outcome> {
    let mut texts = Vec::with_capacity(inputs.len());
    for p in inputs {
        let text = std::fs::read_to_string(p)
            .map_err(|e| usage(format!("cannot read {}: {e}", p.display())))?;
        texts.push(text);
    }
    // A resolver is known by its name or, named otherwise, by its content.
    let is_resolver =
        |(p, text): (&PathBuf, &String)| resolver::is_resolver_document(&p.to_string_lossy(), text);
    if inputs.iter().zip(&texts).any(is_resolver) {
        if inputs.len() != 1 {
            return Err(usage("a resolver document must be the only input".into()));
        }
        let (path, text) = (&inputs[0], &texts[0]);
        let mut loader = bandeau_tokens::files::Files::new(
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
        );
        return Ok(resolver::compile_resolver(
            &path.display().to_string(),
            text,
            &mut loader,
        ));
    }
    let sources: Vec<Source> = inputs
        .iter()
        .zip(texts)
        .map(|(p, text)| Source::new(p.display().to_string(), text))
        .collect();
    Ok(resolver::compile_files(&sources))
}

/// Prints problems as `file:line:column: path: message`, each followed by
/// the source excerpt when the input can be read again.
fn report(diags: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut cache: std::collections::HashMap<String, Option<String>> = Default::default();
    for (n, d) in diags.iter().enumerate() {
        eprintln!("{d}");
        // Excerpts for the first problems only: a thousand snippets help nobody.
        if n >= 20 || d.span.end <= d.span.start {
            continue;
        }
        let text = cache
            .entry(d.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&d.file).ok());
        let Some(text) = text else { continue };
        let len = (d.span.end - d.span.start).min(200) as usize;
        let snippet = miette::MietteDiagnostic::new(String::new()).with_label(
            miette::LabeledSpan::at(d.span.start as usize..d.span.start as usize + len, "here"),
        );
        let report = miette::Report::new(snippet)
            .with_source_code(miette::NamedSource::new(d.file.clone(), text.clone()));
        let mut out = String::new();
        if handler.render_report(&mut out, report.as_ref()).is_ok() {
            // Drop miette's own (empty) headline; our line above is the headline.
            let body: Vec<&str> = out.lines().skip_while(|l| !l.contains('[')).collect();
            eprintln!("{}", body.join("\n"));
        }
    }
}

fn build(
    inputs: &[PathBuf],
    out: Option<&Path>,
    formats: &[String],
    targets_dir: Option<&Path>,
    prefix: String,
    output_references: bool,
) -> Result<(), Outcome> {
    let mut fmts = Vec::new();
    let mut targets = Vec::new();
    for f in formats {
        let f = f.trim();
        match (Format::from_name(f), Target::from_name(f)) {
            // Named twice is asked once, not written twice.
            (Some(x), _) if fmts.contains(&x) => {}
            (_, Some(t)) if targets.contains(&t) => {}
            (Some(x), _) => fmts.push(x),
            (_, Some(t)) => targets.push(t),
            _ => {
                let all: Vec<&str> = Format::ALL
                    .iter()
                    .map(|f| f.name())
                    .chain(Target::ALL.iter().map(|t| t.name()))
                    .collect();
                return Err(usage(format!(
                    "unknown format `{f}`; expected {}",
                    all.join(", ")
                )));
            }
        }
    }
    let targets_dir = targets_dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| inputs[0].parent().unwrap_or(Path::new("")).join("targets"));
    let mut mappings = Vec::new();
    let mut unreadable = Vec::new();
    for t in &targets {
        let path = targets_dir.join(t.mapping_file());
        match std::fs::read_to_string(&path) {
            Ok(text) => mappings.push((*t, Source::new(path.display().to_string(), text))),
            Err(e) => unreadable.push(format!(
                "cannot read the {} mapping {}: {e}",
                t.name(),
                path.display()
            )),
        }
    }
    if !unreadable.is_empty() {
        return Err(usage(unreadable.join("\nerror: ")));
    }
    if prefix.is_empty()
        || !prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(usage(format!(
            "invalid prefix `{prefix}`: use letters, digits, `-` or `_`"
        )));
    }
    let compiled = match load(inputs)? {
        Ok(c) => c,
        Err(f) => {
            report(&f.diagnostics);
            let n = f.errors().count();
            eprintln!(
                "error: {n} problem{} in the tokens; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            return Err(Outcome::Invalid);
        }
    };
    report(&compiled.warnings);
    let (results, mut problems) = lint::check(&compiled);
    problems.extend(lint::failures(&compiled, &results));
    if !problems.is_empty() {
        report(&problems);
        eprint!("{}", lint::table(&results));
        eprintln!("error: the accessibility lint failed; nothing was written");
        return Err(Outcome::Invalid);
    }
    let options = Options {
        prefix,
        output_references,
        source_name: inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut files = match emit::emit(&compiled, &fmts, &options) {
        Ok(f) => f,
        Err(d) => {
            report(&d);
            eprintln!("error: nothing was written");
            return Err(Outcome::Invalid);
        }
    };
    // Every target is built before anything is written, so one broken
    // mapping reports all its problems and no target is left half-updated.
    let mut problems = Vec::new();
    for (target, mapping) in &mappings {
        match suite::build(&compiled, *target, mapping, &options.source_name) {
            Ok(output) => {
                report(&output.warnings);
                files.extend(output.files);
            }
            Err(d) => problems.extend(d),
        }
    }
    if !problems.is_empty() {
        report(&problems);
        let n = problems.len();
        eprintln!(
            "error: {n} problem{} in the app targets; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        return Err(Outcome::Invalid);
    }
    // Two outputs for one path would leave whichever was renamed last.
    let mut names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    if let Some(twice) = names.windows(2).find(|w| w[0] == w[1]) {
        eprintln!(
            "error: two outputs would be written to {}; nothing was written",
            twice[0]
        );
        return Err(Outcome::Invalid);
    }
    let tokens = compiled.base().tokens.len();
    // The process ends right after this; freeing a million nodes one by one
    // would only make it end later.
    let compiled = std::mem::ManuallyDrop::new(compiled);
    let Some(out) = out else {
        eprintln!(
            "ok: {tokens} tokens, {} permutation(s), {} contrast pair check(s) pass",
            compiled.permutations.len(),
            results.len()
        );
        return Ok(());
    };
    write_atomically(out, &files)
        .map_err(|e| usage(format!("cannot write to {}: {e}", out.display())))?;
    eprintln!(
        "wrote {} file(s) to {} ({tokens} tokens, {} permutation(s), {} contrast check(s) pass)",
        files.len(),
        out.display(),
        compiled.permutations.len(),
        results.len()
    );
    Ok(())
}

/// Stages every file next to its destination, then renames each into
/// place, so readers never see a half-written output and a failure leaves
/// the previous outputs untouched.
fn write_atomically(dir: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stage = dir.join(format!(".bandeau-tokens-{}", std::process::id()));
    std::fs::create_dir_all(&stage)?;
    let staged = (|| {
        for f in files {
            let staged = stage.join(&f.name);
            if let Some(parent) = staged.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(staged, &f.contents)?;
        }
        for f in files {
            let target = dir.join(&f.name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(stage.join(&f.name), target)?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&stage);
    staged
}

fn brand_command(
    colors: &Path,
    name: &str,
    tokens: &Path,
    out: Option<&Path>,
    prefix: &str,
) -> Result<(), Outcome> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(usage(format!(
            "invalid brand name `{name}`: use letters, digits, `-` or `_`"
        )));
    }
    let text = std::fs::read_to_string(colors)
        .map_err(|e| usage(format!("cannot read {}: {e}", colors.display())))?;
    let compiled = match load(&[tokens.to_path_buf()])? {
        Ok(c) => c,
        Err(f) => {
            report(&f.diagnostics);
            return Err(Outcome::Invalid);
        }
    };
    let surfaces = brand::theme_surfaces(&compiled);
    let problems = |list: Vec<brand::BrandProblem>| {
        for p in list {
            eprintln!("{}: {p}", colors.display());
        }
        Outcome::Invalid
    };
    let input = brand::parse_brand_json(&text).map_err(problems)?;
    let derived = brand::derive_brand(name, &input, &surfaces).map_err(problems)?;
    for note in &derived.notes {
        eprintln!("note: {note}");
    }
    let css = derived.to_css(prefix);
    match out {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let file = OutputFile {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                contents: css,
            };
            write_atomically(dir, &[file])
                .map_err(|e| usage(format!("cannot write {}: {e}", path.display())))?;
        }
        None => print!("{css}"),
    }
    Ok(())
}
