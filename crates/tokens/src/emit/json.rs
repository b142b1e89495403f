//! `tokens.json`: a flat object keyed by dotted path, each entry exactly
//! `{"$type": T, "$value": V}` with every alias resolved and values in DTCG
//! form. That shape is a contract with consumers; keep it.

use super::OutputFile;
use crate::resolver::Compiled;
use crate::value::to_dtcg;
use crate::TokenSet;

pub fn document(set: &TokenSet) -> String {
    let mut out = String::with_capacity(set.len() * 96);
    out.push_str("{\n");
    for (i, t) in set.tokens.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("  ");
        out.push_str(&serde_json::Value::from(t.path.as_str()).to_string());
        out.push_str(": {\"$type\": \"");
        out.push_str(t.ty.name());
        out.push_str("\", \"$value\": ");
        out.push_str(&to_dtcg(&t.value).to_string());
        out.push('}');
    }
    out.push_str("\n}\n");
    out
}

/// `tokens.json` for the default permutation, and with a resolver also
/// `tokens.<context>….json` for every permutation.
pub fn files(compiled: &Compiled) -> Vec<OutputFile> {
    let mut out = vec![OutputFile {
        name: "tokens.json".into(),
        contents: document(&compiled.base().tokens),
    }];
    if !compiled.modifiers.is_empty() {
        for p in &compiled.permutations {
            out.push(OutputFile {
                name: format!("tokens.{}.json", p.label()),
                contents: document(&p.tokens),
            });
        }
    }
    out
}
