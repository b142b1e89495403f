//! JSON whose objects keep the order they were written in.
//!
//! `package.json`'s conditional exports are matched in key order (`types`
//! must come before `default`), and people read `custom-elements.json`
//! top-down; serde_json's map sorts keys unless its `preserve_order`
//! feature is on, which would change the token compiler's output too, as
//! features are shared across the workspace.

use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Bool(bool),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// An object from `(key, value)` pairs, in that order.
pub fn obj<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Json)>) -> Json {
    Json::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

pub fn arr(items: impl IntoIterator<Item = Json>) -> Json {
    Json::Arr(items.into_iter().collect())
}

pub fn str(text: impl Into<String>) -> Json {
    Json::Str(text.into())
}

impl Json {
    /// Two-space indentation and a final newline, as `npm` writes.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, depth: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", depth));
        };
        match self {
            Json::Bool(b) => {
                let _ = write!(out, "{b}");
            }
            Json::Str(s) => out.push_str(&quoted(s)),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                indent(out, depth);
                out.push(']');
            }
            Json::Obj(pairs) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    out.push_str(&quoted(key));
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

/// serde_json's escaping, so every string is valid JSON whatever it holds.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_is_valid_json() {
        let value = obj([
            ("types", str("./index.d.ts")),
            ("default", str("./index.js")),
            ("files", arr([str("a\"b"), str("c\\d\n")])),
            ("empty", obj(Vec::<(String, Json)>::new())),
            ("none", arr([])),
            ("flag", Json::Bool(false)),
        ]);
        let text = value.pretty();
        assert!(text.find("\"types\"").unwrap() < text.find("\"default\"").unwrap());
        assert!(text.starts_with("{\n  \"types\": \"./index.d.ts\",\n"));
        assert!(text.ends_with("}\n"));
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["files"][0], "a\"b");
        assert_eq!(parsed["files"][1], "c\\d\n");
        assert_eq!(parsed["empty"], serde_json::json!({}));
        assert_eq!(parsed["none"], serde_json::json!([]));
        assert_eq!(parsed["flag"], false);
    }
}
