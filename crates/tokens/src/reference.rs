//! The two reference syntaxes of DTCG 2025.10: curly-brace aliases
//! (`"{color.accent}"`, always to a whole token) and `$ref` objects holding an
//! RFC 6901 JSON Pointer (`{"$ref": "#/base/$value/components/0"}`), which may
//! also point into a token's value.

use crate::json::{Json, Kind};

/// A parsed reference: the token path, and for pointers into a value the
/// rest of the pointer below `$value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub token: String,
    /// Pointer segments below `$value` (empty for a whole-token reference).
    pub within: Vec<String>,
}

/// Recognises a reference, if `json` is one. `Some(Err)` is a reference
/// that is malformed.
pub fn parse(json: &Json) -> Option<Result<Reference, String>> {
    match &json.kind {
        Kind::String(s) if s.starts_with('{') && s.ends_with('}') => Some(curly(s)),
        Kind::Object(members) if json.get("$ref").is_some() => {
            if members.len() != 1 {
                return Some(Err("a `$ref` object must have no other members".to_string()));
            }
            Some(match json.get("$ref").and_then(Json::as_str) {
                Some(p) => pointer_to_token(p),
                None => Err("`$ref` must be a string holding a JSON Pointer".to_string()),
            })
        }
        _ => None,
    }
}

fn curly(s: &str) -> Result<Reference, String> {
    let inner = &s[1..s.len() - 1];
    if inner.is_empty() || inner.contains(['{', '}']) || inner.split('.').any(str::is_empty) {
        return Err(format!(
            "malformed alias `{s}`: expected `{{group.token}}` with non-empty names"
        ));
    }
    Ok(Reference {
        token: inner.to_string(),
        within: Vec::new(),
    })
}

/// Splits an RFC 6901 pointer (`#/a/b~1c`) into unescaped segments.
pub fn pointer_segments(p: &str) -> Result<Vec<String>, String> {
    let Some(rest) = p
        .strip_prefix("#/")
        .or_else(|| p.strip_prefix('#').filter(|r| r.is_empty()))
    else {
        return Err(format!(
            "`$ref` pointer `{p}` must start with `#/` (only same-document pointers are allowed in token files)"
        ));
    };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    rest.split('/')
        .map(|seg| {
            let mut out = String::with_capacity(seg.len());
            let mut chars = seg.chars();
            while let Some(c) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return Err(format!("invalid escape `~` in JSON Pointer `{p}`")),
                    }
                } else {
                    out.push(c);
                }
            }
            Ok(out)
        })
        .collect()
}

fn pointer_to_token(p: &str) -> Result<Reference, String> {
    let segs = pointer_segments(p)?;
    match segs.iter().position(|s| s == "$value") {
        Some(i) => Ok(Reference {
            token: segs[..i].join("."),
            within: segs[i + 1..].to_vec(),
        }),
        None if segs.iter().any(|s| s.starts_with('$') && s != "$root") => Err(format!(
            "`$ref` pointer `{p}` must point to a token or into its `$value`"
        )),
        None if segs.is_empty() => Err("`$ref` pointer `#` points to the whole document".into()),
        None => Ok(Reference {
            token: segs.join("."),
            within: Vec::new(),
        }),
    }
}

/// The group named by a `$extends` value: `"{a.b}"` or `{"$ref": "#/a/b"}`.
pub fn group_reference(json: &Json) -> Result<Vec<String>, String> {
    match parse(json) {
        Some(Ok(r)) if r.within.is_empty() => Ok(r.token.split('.').map(str::to_string).collect()),
        Some(Ok(_)) => Err("`$extends` must name a group, not a part of a value".into()),
        Some(Err(e)) => Err(e),
        None => Err(format!(
            "`$extends` must be a group reference like \"{{base.button}}\", found {}",
            json.kind_name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn r(text: &str) -> Option<Result<Reference, String>> {
        parse(&json::parse(text).unwrap())
    }

    #[test]
    fn curly_aliases_name_whole_tokens() {
        assert_eq!(
            r(r#""{color.accent.$root}""#).unwrap().unwrap().token,
            "color.accent.$root"
        );
        assert!(r(r#""{a..b}""#).unwrap().is_err());
        assert!(r(r#""plain""#).is_none());
    }

    #[test]
    fn pointers_split_at_value_and_unescape() {
        let x = r(r##"{"$ref": "#/base/$value/components/0"}"##)
            .unwrap()
            .unwrap();
        assert_eq!(x.token, "base");
        assert_eq!(x.within, vec!["components", "0"]);
        let y = r(r##"{"$ref": "#/a~1b/c~0d"}"##).unwrap().unwrap();
        assert_eq!(y.token, "a/b.c~d");
        assert!(r(r##"{"$ref": "other.json#/a"}"##).unwrap().is_err());
        assert!(r(r##"{"$ref": "#/a/$type"}"##).unwrap().is_err());
    }
}
