//! A Rust module the widget crates include at compile time: one constant per
//! token with its custom property name and default value, and the complete
//! stylesheet for shadow roots.

use super::{const_name, css, header, var_name, Options};
use crate::resolver::Compiled;
use crate::Deprecated;
use std::fmt::Write;

pub fn module(compiled: &Compiled, options: &Options) -> String {
    let base = &compiled.base().tokens;
    let r = css::Renderer {
        set: base,
        prefix: &options.prefix,
        references: false,
    };
    let mut out = header(options, "//");
    out.push_str(
        "\n/// A design token as the widgets use it.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub struct Token {\n    /// Dotted DTCG path.\n    pub path: &'static str,\n    \
         /// CSS custom property name.\n    pub name: &'static str,\n    \
         /// `var(--…)` reference, which follows theme and brand at run time.\n    pub var: &'static str,\n    \
         /// Resolved CSS value in the default theme and brand.\n    pub value: &'static str,\n    \
         /// DTCG type.\n    pub ty: &'static str,\n}\n\n",
    );
    for t in &base.tokens {
        if let Some(d) = &t.description {
            for line in d.lines() {
                let _ = writeln!(out, "/// {line}");
            }
        }
        if let Some(dep) = &t.deprecated {
            let why = match dep {
                Deprecated::Yes => String::new(),
                Deprecated::Reason(r) => format!(": {r}"),
            };
            let _ = writeln!(out, "///\n/// Deprecated{why}");
        }
        let name = var_name(&options.prefix, &t.path);
        let _ = writeln!(
            out,
            "pub const {}: Token = Token {{ path: {:?}, name: {:?}, var: {:?}, value: {:?}, ty: {:?} }};",
            const_name(&t.path),
            t.path,
            name,
            format!("var({name})"),
            r.value(&t.value),
            t.ty.name()
        );
    }
    out.push_str("\n/// Every token, in source order.\npub const ALL: &[Token] = &[\n");
    for t in &base.tokens {
        let _ = writeln!(out, "    {},", const_name(&t.path));
    }
    out.push_str("];\n\n/// The full stylesheet (every theme and brand), for shadow roots.\n");
    let _ = writeln!(
        out,
        "pub const STYLESHEET: &str = {:?};",
        css::stylesheet(compiled, options)
    );
    out
}
