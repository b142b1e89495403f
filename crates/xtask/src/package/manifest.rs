//! `custom-elements.json`: the Custom Elements Manifest (schema 2.1.0) that
//! IDEs, Storybook and documentation tools read, written from
//! bandeau-elements and the compiled tokens.

use std::collections::BTreeMap;

use bandeau_elements::{Element, ELEMENTS, EVENTS};

use super::json::{arr, obj, str, Json};
use super::tokens::CssProperty;
use super::types;

pub const SCHEMA_VERSION: &str = "2.1.0";
/// The module the elements come from: the package's entry.
const MODULE: &str = "index.js";

/// The whole manifest; `css` holds the token groups' custom properties
/// (see [`super::tokens::css_properties`]). Fails when an element names a
/// token group that has no tokens.
pub fn custom_elements_json(css: &BTreeMap<String, Vec<CssProperty>>) -> Result<Json, String> {
    let mut declarations = Vec::new();
    let mut exports = Vec::new();
    for element in ELEMENTS.iter() {
        declarations.push(declaration(element, css)?);
        exports.push(obj([
            ("kind", str("custom-element-definition")),
            ("name", str(element.tag)),
            (
                "declaration",
                obj([("name", str(element.class_name())), ("module", str(MODULE))]),
            ),
        ]));
    }
    declarations.push(obj([
        ("kind", str("function")),
        ("name", str("defineElements")),
        (
            "description",
            str("Loads the WebAssembly module and defines the four elements; resolves to their classes by tag name. Idempotent, and reuses the elements when the script tag `bandeau.js` already defined them."),
        ),
        ("return", obj([("type", obj([("text", str("Promise<BandeauElementClasses>"))]))])),
    ]));
    declarations.push(obj([
        ("kind", str("variable")),
        ("name", str("tagNames")),
        ("type", obj([("text", str(tag_names_ts()))])),
        ("description", str("The four tag names.")),
    ]));
    for name in ["defineElements", "tagNames"] {
        exports.push(obj([
            ("kind", str("js")),
            ("name", str(name)),
            (
                "declaration",
                obj([("name", str(name)), ("module", str(MODULE))]),
            ),
        ]));
    }
    Ok(obj([
        ("schemaVersion", str(SCHEMA_VERSION)),
        ("readme", str("")),
        (
            "modules",
            arr([obj([
                ("kind", str("javascript-module")),
                ("path", str(MODULE)),
                ("declarations", Json::Arr(declarations)),
                ("exports", Json::Arr(exports)),
            ])]),
        ),
    ]))
}

fn tag_names_ts() -> String {
    let tags: Vec<String> = ELEMENTS.iter().map(|e| format!("'{}'", e.tag)).collect();
    format!("readonly [{}]", tags.join(", "))
}

fn text_type(text: impl Into<String>) -> Json {
    obj([("text", str(text))])
}

fn declaration(
    element: &Element,
    css: &BTreeMap<String, Vec<CssProperty>>,
) -> Result<Json, String> {
    let class = element.class_name();
    let mut attributes = Vec::new();
    let mut members = Vec::new();
    for attribute in element.attributes() {
        let mut entry = vec![
            ("name", str(attribute.name)),
            ("type", text_type(types::attribute_ts(attribute))),
            ("description", str(attribute.description)),
        ];
        if let Some(default) = attribute.default {
            entry.push(("default", str(default)));
        }
        entry.push(("fieldName", str(attribute.property())));
        attributes.push(obj(entry));
        members.push(obj([
            ("kind", str("field")),
            ("name", str(attribute.property())),
            ("type", text_type(types::property_ts(attribute))),
            ("description", str(types::attribute_doc(attribute))),
            ("attribute", str(attribute.name)),
            ("reflects", Json::Bool(true)),
        ]));
    }
    for property in element.properties {
        members.push(obj([
            ("kind", str("field")),
            ("name", str(property.name)),
            ("type", text_type(property.ts)),
            ("description", str(property.description)),
        ]));
    }
    for method in element.methods {
        members.push(obj([
            ("kind", str("method")),
            ("name", str(method.name)),
            ("description", str(method.description)),
            ("return", obj([("type", text_type("void"))])),
        ]));
    }
    let mut events = Vec::new();
    for name in element.events {
        let event = EVENTS
            .iter()
            .find(|e| e.name == *name)
            .ok_or_else(|| format!("<{}> fires the unknown event {name}", element.tag))?;
        events.push(obj([
            ("name", str(event.name)),
            ("type", text_type(types::event_ts(event))),
            ("description", str(types::event_doc(event))),
        ]));
    }
    let slots = element.slots.iter().map(|slot| {
        obj([
            ("name", str(slot.name)),
            ("description", str(slot.description)),
        ])
    });
    let parts = element.parts.iter().map(|part| {
        obj([
            ("name", str(part.name)),
            ("description", str(part.description)),
        ])
    });
    let mut properties = Vec::new();
    for group in element.token_groups {
        let found = css.get(*group).filter(|p| !p.is_empty()).ok_or_else(|| {
            format!(
                "<{}> reads the token group `{group}`, which has no tokens in tokens/",
                element.tag
            )
        })?;
        for property in found {
            let mut entry = vec![("name", str(&property.name))];
            if let Some(description) = &property.description {
                entry.push(("description", str(description)));
            }
            entry.push(("default", str(&property.value)));
            properties.push(obj(entry));
        }
    }
    Ok(obj([
        ("kind", str("class")),
        ("name", str(&class)),
        ("tagName", str(element.tag)),
        ("customElement", Json::Bool(true)),
        ("summary", str(element.summary)),
        ("description", str(element.summary)),
        (
            "superclass",
            obj([("name", str("HTMLElement")), ("package", str("global:"))]),
        ),
        ("attributes", Json::Arr(attributes)),
        ("members", Json::Arr(members)),
        ("events", Json::Arr(events)),
        ("slots", arr(slots)),
        ("cssParts", arr(parts)),
        ("cssProperties", Json::Arr(properties)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn css() -> BTreeMap<String, Vec<CssProperty>> {
        let property = |name: &str| CssProperty {
            name: name.into(),
            ty: "color",
            description: Some(format!("About {name}.")),
            value: "#ffffff".into(),
        };
        ["bar", "launcher", "user-menu", "login"]
            .iter()
            .map(|g| {
                (
                    g.to_string(),
                    vec![property(&format!("--bd-{g}-background"))],
                )
            })
            .collect()
    }

    fn manifest() -> Value {
        let text = custom_elements_json(&css()).unwrap().pretty();
        serde_json::from_str(&text).expect("the manifest is JSON")
    }

    fn names(list: &Value) -> Vec<&str> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn lists_everything_the_contract_says_per_element() {
        let manifest = manifest();
        assert_eq!(manifest["schemaVersion"], "2.1.0");
        let module = &manifest["modules"][0];
        assert_eq!(module["path"], "index.js");
        for element in ELEMENTS.iter() {
            let class = module["declarations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["tagName"] == element.tag)
                .unwrap_or_else(|| panic!("{} is not declared", element.tag));
            assert_eq!(class["kind"], "class");
            assert_eq!(class["customElement"], true);
            assert_eq!(class["name"], element.class_name().as_str());
            let attributes: Vec<&str> = element.attributes().map(|a| a.name).collect();
            assert_eq!(names(&class["attributes"]), attributes);
            for attribute in class["attributes"].as_array().unwrap() {
                let field = attribute["fieldName"].as_str().unwrap();
                let member = class["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|m| m["name"] == field)
                    .unwrap();
                assert_eq!(member["attribute"], attribute["name"]);
            }
            let members = names(&class["members"]);
            for property in element.properties {
                assert!(members.contains(&property.name));
            }
            for method in element.methods {
                assert!(members.contains(&method.name));
            }
            assert_eq!(names(&class["events"]), element.events.to_vec());
            let slots: Vec<&str> = element.slots.iter().map(|s| s.name).collect();
            assert_eq!(names(&class["slots"]), slots);
            let parts: Vec<&str> = element.parts.iter().map(|p| p.name).collect();
            assert_eq!(names(&class["cssParts"]), parts);
            let properties: Vec<String> = element
                .token_groups
                .iter()
                .map(|g| format!("--bd-{g}-background"))
                .collect();
            assert_eq!(names(&class["cssProperties"]), properties);
            let defined = module["exports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["kind"] == "custom-element-definition" && e["name"] == element.tag);
            assert!(defined, "{}", element.tag);
        }
    }

    #[test]
    fn events_carry_their_detail_type_and_what_cancelling_does() {
        let manifest = manifest();
        let bar = &manifest["modules"][0]["declarations"][0];
        let navigate = bar["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "bandeau-navigate")
            .unwrap();
        assert_eq!(
            navigate["type"]["text"],
            "CustomEvent<BandeauNavigateDetail>"
        );
        assert!(navigate["description"]
            .as_str()
            .unwrap()
            .contains("Cancelable: The link is not followed"));
        let theme = bar["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "theme")
            .unwrap();
        assert_eq!(
            theme["type"]["text"],
            "'light' | 'dark' | 'auto' | 'high-contrast'"
        );
        assert_eq!(theme["fieldName"], "theme");
    }

    #[test]
    fn the_default_slot_is_named_empty() {
        let manifest = manifest();
        let login = manifest["modules"][0]["declarations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["tagName"] == "bandeau-login")
            .unwrap()
            .clone();
        assert!(names(&login["slots"]).contains(&""));
    }

    #[test]
    fn a_token_group_without_tokens_is_an_error_naming_it() {
        let mut css = css();
        css.remove("launcher");
        let error = custom_elements_json(&css).unwrap_err();
        assert!(
            error.contains("`launcher`") && error.contains("<bandeau-bar>"),
            "{error}"
        );
    }
}
