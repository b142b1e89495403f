//! JSON for the compiler: the span-keeping tree from `bandeau-json` (the
//! navigation model in the browser shares it), and conversion to
//! serde_json for output.

pub use bandeau_json::*;

/// Converts to serde_json for output; spans are dropped.
pub fn to_serde(json: &Json) -> serde_json::Value {
    use serde_json::Value as V;
    match &json.kind {
        Kind::Null => V::Null,
        Kind::Bool(b) => V::Bool(*b),
        Kind::Number(n) => number(*n),
        Kind::String(s) => V::String(s.to_string()),
        Kind::Array(a) => V::Array(a.iter().map(to_serde).collect()),
        Kind::Object(m) => V::Object(
            m.iter()
                .map(|m| (m.key.to_string(), to_serde(&m.value)))
                .collect(),
        ),
    }
}

/// Integers stay integers in output (`16`, not `16.0`).
pub fn number(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}
