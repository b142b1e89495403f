//! Nested keys in the order the mapping gives them, written as JSON (which
//! is also a TypeScript object literal). serde_json's own maps sort their
//! keys, and a theme file reads best in the mapping's order.

use serde_json::Value;

#[derive(Clone, Debug, Default)]
pub(super) struct Tree(Vec<(String, Node)>);

#[derive(Clone, Debug)]
pub(super) enum Node {
    Leaf(Value),
    Branch(Tree),
    List(Vec<Tree>),
}

impl Tree {
    /// Sets `path` (at least one segment) to `value`, making the branches
    /// on the way. A path through an existing leaf keeps the leaf.
    pub fn set(&mut self, path: &[&str], value: Value) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let slot = match self.0.iter().position(|(k, _)| k == first) {
            Some(i) => &mut self.0[i].1,
            None => {
                let node = if rest.is_empty() {
                    Node::Leaf(Value::Null)
                } else {
                    Node::Branch(Tree::default())
                };
                self.0.push((first.to_string(), node));
                &mut self.0.last_mut().expect("just pushed").1
            }
        };
        match (slot, rest.is_empty()) {
            (slot, true) => *slot = Node::Leaf(value),
            (Node::Branch(tree), false) => tree.set(rest, value),
            (Node::Leaf(_) | Node::List(_), false) => {}
        }
    }

    pub fn insert(&mut self, key: &str, node: Node) {
        self.0.push((key.to_string(), node));
    }

    /// The branch at `key`, made when missing.
    pub fn branch(&mut self, key: &str) -> &mut Tree {
        if !self.0.iter().any(|(k, _)| k == key) {
            self.insert(key, Node::Branch(Tree::default()));
        }
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, Node::Branch(t))) => t,
            _ => panic!("`{key}` is not a branch"),
        }
    }

    /// Pretty JSON, two spaces per level, starting at `depth`.
    pub fn write(&self, depth: usize, out: &mut String) {
        if self.0.is_empty() {
            out.push_str("{}");
            return;
        }
        out.push_str("{\n");
        for (i, (key, node)) in self.0.iter().enumerate() {
            out.push_str(&"  ".repeat(depth + 1));
            out.push_str(&Value::from(key.as_str()).to_string());
            out.push_str(": ");
            match node {
                Node::Leaf(v) => out.push_str(&v.to_string()),
                Node::Branch(t) => t.write(depth + 1, out),
                Node::List(items) => {
                    out.push('[');
                    for (j, t) in items.iter().enumerate() {
                        out.push_str(if j == 0 { "\n" } else { ",\n" });
                        out.push_str(&"  ".repeat(depth + 2));
                        t.write(depth + 2, out);
                    }
                    out.push('\n');
                    out.push_str(&"  ".repeat(depth + 1));
                    out.push(']');
                }
            }
            if i + 1 < self.0.len() {
                out.push(',');
            }
            out.push('\n');
        }
        out.push_str(&"  ".repeat(depth));
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_nest() {
        let mut t = Tree::default();
        t.set(&["z", "b"], Value::from("1"));
        t.set(&["a"], Value::from(true));
        t.set(&["z", "a"], Value::from("2"));
        let mut out = String::new();
        t.write(0, &mut out);
        assert_eq!(
            out,
            "{\n  \"z\": {\n    \"b\": \"1\",\n    \"a\": \"2\"\n  },\n  \"a\": true\n}"
        );
    }
}
