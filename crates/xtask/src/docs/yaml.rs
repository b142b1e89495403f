//! ```` ```yaml ```` blocks are Helm values excerpts: nested maps of
//! scalars, which is all the guides show. They are read into JSON so that
//! a `brand` block in YAML is checked exactly like one in JSON. Anything
//! beyond that subset (lists, anchors, multi-line strings) is refused
//! rather than guessed at.

use serde_json::{Map, Value};

pub fn to_json(text: &str) -> Result<Value, String> {
    // (indentation, the map at that depth)
    let mut stack: Vec<(usize, Map<String, Value>, String)> = vec![(0, Map::new(), String::new())];
    let mut pending_key: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("YAML line {}", index + 1);
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.starts_with('-') || (body.contains(['&', '*', '|', '>', '[', '{']) && !quoted(body))
        {
            return Err(format!(
                "{place}: only maps of plain values are checked here (no lists, anchors or block strings)"
            ));
        }
        let (key, value) = body
            .split_once(':')
            .ok_or_else(|| format!("{place}: expected `key: value`"))?;
        let key = unquote(key.trim());
        let value = value.trim();
        if let Some((parent_indent, parent)) = pending_key.take() {
            if indent <= parent_indent {
                insert(&mut stack, parent, Value::Null);
            } else {
                stack.push((indent, Map::new(), parent));
            }
        }
        while stack.len() > 1 && indent < stack.last().expect("never empty").0 {
            close(&mut stack);
        }
        if stack.last().expect("never empty").0 != indent {
            return Err(format!("{place}: unexpected indentation"));
        }
        if value.is_empty() {
            pending_key = Some((indent, key));
        } else {
            insert(&mut stack, key, scalar(value));
        }
    }
    if let Some((_, key)) = pending_key {
        insert(&mut stack, key, Value::Null);
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    Ok(Value::Object(stack.pop().expect("the root").1))
}

fn insert(stack: &mut [(usize, Map<String, Value>, String)], key: String, value: Value) {
    stack.last_mut().expect("never empty").1.insert(key, value);
}

fn close(stack: &mut Vec<(usize, Map<String, Value>, String)>) {
    let (_, map, key) = stack.pop().expect("checked by the caller");
    insert(stack, key, Value::Object(map));
}

fn quoted(body: &str) -> bool {
    let value = body.split_once(':').map_or("", |(_, v)| v.trim());
    value.starts_with('"') || value.starts_with('\'')
}

fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || line[..i].ends_with(' ') => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote(text: &str) -> String {
    let t = text.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.to_owned();
        }
    }
    t.to_owned()
}

fn scalar(text: &str) -> Value {
    if text.starts_with('"') || text.starts_with('\'') {
        return Value::String(unquote(text));
    }
    match text {
        "null" | "~" => Value::Null,
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_values_become_json() {
        let yaml = "# openDesk\ntheme:\n  colors:\n    primary: \"#0b6e4f\"  # green\n    primary15: '#dde8e3'\n    black: ~\n  texts:\n    productName: Acme Desk\nreplicas: 2\n";
        assert_eq!(
            to_json(yaml).unwrap(),
            serde_json::json!({"theme": {"colors": {"primary": "#0b6e4f", "primary15": "#dde8e3", "black": null}, "texts": {"productName": "Acme Desk"}}, "replicas": 2})
        );
    }

    #[test]
    fn unsupported_yaml_is_refused() {
        assert!(to_json("a:\n  - b\n").is_err());
        assert!(to_json("a: &x 1\n").is_err());
        assert!(to_json("just text\n").is_err());
    }
}
