//! SCSS: one variable per token (default permutation) and a map per
//! permutation, for build-time use. Runtime theming belongs to the CSS
//! custom properties, so `$bd-vars` maps each path to its `var()` as well.

use super::{css::quote, css::Renderer, header, var_name, Options};
use crate::resolver::Compiled;
use crate::TokenSet;
use std::fmt::Write;

fn map(out: &mut String, name: &str, set: &TokenSet, options: &Options) {
    let r = Renderer {
        set,
        prefix: &options.prefix,
        references: false,
    };
    let _ = writeln!(out, "${name}: (");
    for t in &set.tokens {
        // Paths may hold `"` or `\`; as raw text they would end the key early
        // or be read as escapes, so keys are proper (CSS-escaped) strings.
        let _ = writeln!(out, "  {}: ({}),", quote(&t.path), r.value(&t.value));
    }
    out.push_str(");\n");
}

pub fn scss(compiled: &Compiled, options: &Options) -> String {
    let p = &options.prefix;
    let mut out = header(options, "//");
    let base = &compiled.base().tokens;
    let r = Renderer {
        set: base,
        prefix: p,
        references: false,
    };
    for t in &base.tokens {
        if let Some(d) = &t.description {
            let _ = writeln!(out, "/// {}", d.replace('\n', " "));
        }
        let _ = writeln!(
            out,
            "${}: {};",
            &var_name(p, &t.path)[2..],
            r.value(&t.value)
        );
    }
    out.push('\n');
    map(&mut out, &format!("{p}-tokens"), base, options);
    let _ = writeln!(out, "${p}-vars: (");
    for t in &base.tokens {
        let _ = writeln!(out, "  {}: var({}),", quote(&t.path), var_name(p, &t.path));
    }
    out.push_str(");\n");
    if !compiled.modifiers.is_empty() {
        for perm in &compiled.permutations {
            out.push('\n');
            map(
                &mut out,
                &format!("{p}-tokens-{}", perm.label().replace('.', "-")),
                &perm.tokens,
                options,
            );
        }
    }
    out
}
