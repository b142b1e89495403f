//! Accessibility lint: foreground/background pairs declared on tokens are
//! checked against WCAG 2.1 in every permutation.
//!
//! A pair is declared on the foreground token:
//! `"$extensions": {"org.bandeau.contrast": [{"background": "{color.surface.default}", "use": "text"}]}`
//! (one object or a list). `use` is `text` (4.5:1), `large-text` (3:1) or
//! `ui` (3:1, WCAG 1.4.11 non-text contrast).

use crate::color::contrast_ratio;
use crate::diagnostic::Diagnostic;
use crate::resolver::Compiled;
use crate::{Severity, Token, TokenSet};
use std::fmt::Write;

pub const EXTENSION: &str = "org.bandeau.contrast";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Text,
    LargeText,
    Ui,
}

impl Use {
    pub fn minimum(self) -> f64 {
        match self {
            Use::Text => 4.5,
            Use::LargeText | Use::Ui => 3.0,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Use::Text => "text",
            Use::LargeText => "large-text",
            Use::Ui => "ui",
        }
    }
    pub fn from_name(s: &str) -> Option<Use> {
        match s {
            "text" => Some(Use::Text),
            "large-text" => Some(Use::LargeText),
            "ui" => Some(Use::Ui),
            _ => None,
        }
    }
}

/// One declared pair checked in one permutation.
#[derive(Clone, Debug, PartialEq)]
pub struct PairResult {
    pub foreground: String,
    pub background: String,
    pub usage: Use,
    pub permutation: String,
    pub ratio: f64,
}

impl PairResult {
    pub fn passes(&self) -> bool {
        // Ratios are compared as WCAG prints them, to two decimals, so a
        // pair shown as 4.50:1 never fails.
        (self.ratio * 100.0).floor() / 100.0 >= self.usage.minimum()
    }

    /// The ratio to two decimals for messages. Rounding would print a
    /// failing 4.4996 as "4.50:1 is below 4.5:1", so such a ratio is
    /// truncated instead.
    pub fn shown_ratio(&self) -> f64 {
        let rounded = (self.ratio * 100.0).round() / 100.0;
        if !self.passes() && rounded >= self.usage.minimum() {
            (self.ratio * 100.0).floor() / 100.0
        } else {
            rounded
        }
    }
}

/// The declared pairs of one token, or a problem with the declaration.
fn pairs(t: &Token) -> Result<Vec<(String, Use)>, String> {
    let Some(ext) = t.extensions.as_ref().and_then(|e| e.get(EXTENSION)) else {
        return Ok(Vec::new());
    };
    let list: Vec<&serde_json::Value> = match ext {
        serde_json::Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for item in list {
        let bg = item
            .get("background")
            .and_then(|b| b.as_str())
            .and_then(|b| b.strip_prefix('{')?.strip_suffix('}'))
            .ok_or_else(|| format!("`{EXTENSION}` needs `\"background\": \"{{token.path}}\"`"))?;
        let usage = match item.get("use").and_then(|u| u.as_str()) {
            None => Use::Text,
            Some(u) => Use::from_name(u)
                .ok_or_else(|| format!("`{EXTENSION}` use `{u}` is not text, large-text or ui"))?,
        };
        out.push((bg.to_string(), usage));
    }
    if t.ty != crate::Type::Color && !out.is_empty() {
        return Err(format!(
            "`{EXTENSION}` is declared on a {}, not a colour",
            t.ty.name()
        ));
    }
    Ok(out)
}

fn label(set_label: String) -> String {
    if set_label.is_empty() {
        "default".into()
    } else {
        set_label
    }
}

fn place(t: &Token, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: t.file.clone(),
        line: t.line,
        column: t.column,
        span: Default::default(),
        path: Some(t.path.clone()),
        message,
    }
}

fn check_set(
    set: &TokenSet,
    perm: &str,
    results: &mut Vec<PairResult>,
    problems: &mut Vec<Diagnostic>,
) {
    for t in &set.tokens {
        let declared = match pairs(t) {
            Ok(p) => p,
            Err(e) => {
                let d = place(t, e);
                if !problems.contains(&d) {
                    problems.push(d);
                }
                continue;
            }
        };
        let Some(fg) = t.value.as_color() else {
            continue;
        };
        for (bg_path, usage) in declared {
            let bg = match set.get(&bg_path).map(|b| (b, b.value.as_color())) {
                Some((_, Some(c))) => c,
                Some((b, None)) => {
                    problems.push(place(
                        t,
                        format!(
                            "contrast background `{{{bg_path}}}` is a {}, not a colour",
                            b.ty.name()
                        ),
                    ));
                    continue;
                }
                None => {
                    let d = place(
                        t,
                        format!("contrast background `{{{bg_path}}}` does not exist (in {perm})"),
                    );
                    problems.push(d);
                    continue;
                }
            };
            results.push(PairResult {
                foreground: t.path.clone(),
                background: bg_path,
                usage,
                permutation: perm.to_string(),
                ratio: contrast_ratio(fg, bg),
            });
        }
    }
}

/// Every declared pair in every permutation.
pub fn check(compiled: &Compiled) -> (Vec<PairResult>, Vec<Diagnostic>) {
    let mut results = Vec::new();
    let mut problems = Vec::new();
    for p in &compiled.permutations {
        check_set(&p.tokens, &label(p.label()), &mut results, &mut problems);
    }
    (results, problems)
}

/// Diagnostics for failing pairs, placed at the foreground token.
pub fn failures(compiled: &Compiled, results: &[PairResult]) -> Vec<Diagnostic> {
    let base = &compiled.base().tokens;
    results
        .iter()
        .filter(|r| !r.passes())
        .map(|r| {
            let msg = format!(
                "contrast {:.2}:1 on `{}` in {} is below {}:1 for {}",
                r.shown_ratio(),
                r.background,
                r.permutation,
                r.usage.minimum(),
                r.usage.name()
            );
            match compiled
                .permutations
                .iter()
                .find_map(|p| p.tokens.get(&r.foreground))
                .or_else(|| base.get(&r.foreground))
            {
                Some(t) => place(t, msg),
                None => Diagnostic::general("tokens", msg),
            }
        })
        .collect()
}

/// A plain-text table of failing pairs, for the CLI.
pub fn table(results: &[PairResult]) -> String {
    let failing: Vec<&PairResult> = results.iter().filter(|r| !r.passes()).collect();
    if failing.is_empty() {
        return String::new();
    }
    let w = |f: &dyn Fn(&PairResult) -> usize, h: &str| {
        failing.iter().map(|r| f(r)).max().unwrap_or(0).max(h.len())
    };
    let (wf, wb, wp) = (
        w(&|r| r.foreground.len(), "foreground"),
        w(&|r| r.background.len(), "background"),
        w(&|r| r.permutation.len(), "theme"),
    );
    let mut out = format!("{} contrast pair(s) fail WCAG 2.1:\n", failing.len());
    let _ = writeln!(
        out,
        "  {:wf$}  {:wb$}  {:10}  {:wp$}  {:>8}  {:>6}",
        "foreground", "background", "use", "theme", "ratio", "needs"
    );
    for r in failing {
        let _ = writeln!(
            out,
            "  {:wf$}  {:wb$}  {:10}  {:wp$}  {:>6.2}:1  {:>4}:1",
            r.foreground,
            r.background,
            r.usage.name(),
            r.permutation,
            r.shown_ratio(),
            r.usage.minimum()
        );
    }
    out
}
