//! JavaScript bindings for the browser (the preview's live token editor).
//!
//! Strings in, a JSON string out, so the bindings need no serde glue and
//! stay small: `compile(files, formats)` where `files` is a JSON object
//! `{ "name": "text", … }` (a `*.resolver.json` among them is used as the
//! entry, resolving its `$ref`s against the other names; see [`project`]).
//! `formats` may name the suite's app targets too (`opendesk`, …), whose
//! mappings are read from `targets/` beside the resolver document.

use crate::emit::{self, Format, Options};
use crate::resolver::Compiled;
use crate::suite::Target;
use crate::{project, Diagnostic, Failure};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

fn diagnostics_json(diags: &[Diagnostic]) -> Vec<serde_json::Value> {
    diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "file": d.file, "line": d.line, "column": d.column,
                "path": d.path, "message": d.message, "text": d.to_string(),
            })
        })
        .collect()
}

fn run(files: &str, formats: &str) -> Result<(Compiled, Vec<emit::OutputFile>), Vec<Diagnostic>> {
    let map: BTreeMap<String, String> =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(files)
            .map_err(|e| {
                vec![Diagnostic::general(
                    "input",
                    format!("files must be a JSON object of name → text: {e}"),
                )]
            })?
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
            .collect();
    let mut fmts = Vec::new();
    let mut targets = Vec::new();
    for f in formats.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match (Format::from_name(f), Target::from_name(f)) {
            (Some(x), _) => fmts.push(x),
            (_, Some(t)) => targets.push(t),
            _ => {
                return Err(vec![Diagnostic::general(
                    "input",
                    format!("unknown format `{f}`"),
                )])
            }
        }
    }
    let mut project = project::compile(&map).map_err(|Failure { diagnostics }| diagnostics)?;
    let problems = project.lint();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = emit::emit(&project.compiled, &fmts, &Options::default())?;
    let mut problems = Vec::new();
    for t in targets {
        match project::build_target(&map, &project.compiled, t) {
            Ok(built) => {
                project.compiled.warnings.extend(built.warnings);
                out.extend(built.files);
            }
            Err(d) => problems.extend(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((project.compiled, out))
}

/// Compiles token files; returns `{"ok": bool, "files": {name: text}, "diagnostics": [...]}`.
#[wasm_bindgen]
pub fn compile(files: &str, formats: &str) -> String {
    let result = match run(files, formats) {
        Ok((compiled, out)) => serde_json::json!({
            "ok": true,
            "files": out.into_iter().map(|f| (f.name, serde_json::Value::String(f.contents))).collect::<serde_json::Map<_, _>>(),
            "diagnostics": diagnostics_json(&compiled.warnings),
        }),
        Err(d) => {
            serde_json::json!({"ok": false, "files": {}, "diagnostics": diagnostics_json(&d)})
        }
    };
    result.to_string()
}
