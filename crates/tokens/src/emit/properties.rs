//! The CSS custom properties a set of tokens defines, grouped by the first
//! segment of their paths, with resolved values: what a component's
//! documentation lists as its styling API (`custom-elements.json`, the
//! preview's docs tab).

use super::css::Renderer;
use super::{var_name, Options};
use crate::resolver::Compiled;
use std::collections::BTreeMap;

/// One custom property, as one permutation of the tokens sets it.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomProperty {
    pub name: String,
    /// The token's DTCG type (`color`, `dimension` …).
    pub ty: &'static str,
    pub description: Option<String>,
    /// The resolved value (no `var()`).
    pub value: String,
}

/// The custom properties of every group (`launcher.panel.background` is in
/// `launcher`) in the permutation `inputs` selects (the base one when it
/// selects none).
pub fn custom_properties(
    compiled: &Compiled,
    inputs: &[(&str, &str)],
    options: &Options,
) -> BTreeMap<String, Vec<CustomProperty>> {
    let permutation = compiled.find(inputs).unwrap_or_else(|| compiled.base());
    let renderer = Renderer {
        set: &permutation.tokens,
        prefix: &options.prefix,
        references: false,
    };
    let mut groups: BTreeMap<String, Vec<CustomProperty>> = BTreeMap::new();
    for token in &permutation.tokens.tokens {
        let group = token.path.split('.').next().unwrap_or_default();
        let var = var_name(&options.prefix, &token.path);
        for (name, value) in renderer.declarations(token) {
            // Composite types (typography) have one property per part,
            // named after it.
            let part = name.strip_prefix(&format!("{var}-"));
            let description = match (&token.description, part) {
                (Some(text), Some(part)) => Some(format!("{text} ({part})")),
                (None, Some(part)) => Some(format!("The {part} of `{var}`.")),
                (text, None) => text.clone(),
            };
            groups
                .entry(group.to_owned())
                .or_default()
                .push(CustomProperty {
                    name,
                    ty: token.ty.name(),
                    description,
                    value,
                });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolver::compile_resolver;

    #[test]
    fn properties_are_grouped_resolved_and_split_per_part() {
        let tokens = r##"{
          "base": { "blue": { "$type": "color", "$value": { "colorSpace": "srgb", "components": [0, 0, 1], "hex": "#0000ff" } } },
          "bar": {
            "text": { "$type": "color", "$value": "{base.blue}", "$description": "Text of the bar." },
            "label": { "$type": "typography", "$value": {
              "fontFamily": "Inter", "fontSize": { "value": 14, "unit": "px" },
              "fontWeight": 600, "letterSpacing": { "value": 0, "unit": "px" }, "lineHeight": 1.5 } }
          }
        }"##;
        let resolver = r#"{ "version": "2025.10", "resolutionOrder": [
          { "type": "set", "name": "all", "sources": [ { "$ref": "tokens.json" } ] } ] }"#;
        let mut files =
            std::collections::HashMap::from([("tokens.json".to_owned(), tokens.to_owned())]);
        let compiled = compile_resolver("r.json", resolver, &mut files).expect("compiles");
        let groups = custom_properties(&compiled, &[], &Options::default());
        let bar = &groups["bar"];
        let text = bar.iter().find(|p| p.name == "--bd-bar-text").unwrap();
        assert_eq!(text.value, "#0000ff", "resolved, not var()");
        assert_eq!(text.ty, "color");
        assert_eq!(text.description.as_deref(), Some("Text of the bar."));
        assert!(bar
            .iter()
            .any(|p| p.name.starts_with("--bd-bar-label-") && p.description.is_some()));
        assert!(groups.contains_key("base"));
    }
}
