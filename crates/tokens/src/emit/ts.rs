//! TypeScript: token paths as a type, their `var(--…)` references (so
//! runtime theming reaches TypeScript users) and their values per
//! permutation, with descriptions and deprecations as JSDoc.

use super::{css::Renderer, header, var_name, Options};
use crate::resolver::Compiled;
use crate::{Deprecated, Token};
use std::fmt::Write;

fn js_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn doc(out: &mut String, t: &Token) {
    let mut lines = Vec::new();
    if let Some(d) = &t.description {
        lines.push(d.replace("*/", "* /"));
    }
    match &t.deprecated {
        Some(Deprecated::Yes) => lines.push("@deprecated".into()),
        Some(Deprecated::Reason(r)) => {
            lines.push(format!("@deprecated {}", r.replace("*/", "* /")))
        }
        None => {}
    }
    if !lines.is_empty() {
        let _ = writeln!(out, "  /** {} */", lines.join(" "));
    }
}

pub fn typescript(compiled: &Compiled, options: &Options) -> String {
    let base = &compiled.base().tokens;
    let mut out = header(options, "//");
    out.push_str("\nexport type TokenPath =\n");
    for t in &base.tokens {
        let _ = writeln!(out, "  | {}", js_string(&t.path));
    }
    if base.is_empty() {
        out.push_str("  never");
    }
    out.push_str(";\n\n");

    out.push_str("/** `var(--…)` reference per token: follows theme and brand at run time. */\n");
    out.push_str("export const cssVar = {\n");
    for t in &base.tokens {
        doc(&mut out, t);
        let _ = writeln!(
            out,
            "  {}: {},",
            js_string(&t.path),
            js_string(&format!("var({})", var_name(&options.prefix, &t.path)))
        );
    }
    out.push_str("} as const satisfies Record<TokenPath, string>;\n\n");

    out.push_str("export const tokenType = {\n");
    for t in &base.tokens {
        let _ = writeln!(out, "  {}: {},", js_string(&t.path), js_string(t.ty.name()));
    }
    out.push_str("} as const satisfies Record<TokenPath, string>;\n\n");

    let values = |out: &mut String, set: &crate::TokenSet| {
        let r = Renderer {
            set,
            prefix: &options.prefix,
            references: false,
        };
        out.push_str("{\n");
        for t in &set.tokens {
            doc(out, t);
            let _ = writeln!(
                out,
                "  {}: {},",
                js_string(&t.path),
                js_string(&r.value(&t.value))
            );
        }
        out.push('}');
    };
    out.push_str("/** Resolved CSS values of the default theme and brand. */\n");
    out.push_str("export const values = ");
    values(&mut out, base);
    out.push_str(" as const satisfies Record<TokenPath, string>;\n");

    if !compiled.modifiers.is_empty() {
        out.push_str("\nexport type Permutation =\n");
        for p in &compiled.permutations {
            let _ = writeln!(out, "  | {}", js_string(&p.label()));
        }
        out.push_str(
            ";\n\n/** Resolved CSS values per permutation (modifier contexts joined by `.`). */\n",
        );
        // A context may add tokens the default lacks; they are not in
        // `TokenPath`, and as object-literal keys they would fail to compile.
        let mut keys = String::from("TokenPath");
        let mut extra = std::collections::BTreeSet::new();
        for t in compiled.permutations.iter().flat_map(|p| &p.tokens.tokens) {
            if base.get(&t.path).is_none() && extra.insert(t.path.as_str()) {
                let _ = write!(keys, " | {}", js_string(&t.path));
            }
        }
        let _ = writeln!(
            out,
            "export const permutations: Record<Permutation, Partial<Record<{keys}, string>>> = {{"
        );
        for p in &compiled.permutations {
            let _ = write!(out, "  {}: ", js_string(&p.label()));
            let mut inner = String::new();
            values(&mut inner, &p.tokens);
            out.push_str(&inner.replace("\n  ", "\n    ").replace("\n}", "\n  }"));
            out.push_str(",\n");
        }
        out.push_str("};\n");
    }
    out
}
