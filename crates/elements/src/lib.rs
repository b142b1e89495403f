//! `bandeau-elements`: what a vendor page can rely on — the custom
//! elements' names, attributes, properties, methods, events, slots and CSS
//! parts, written once, as plain data.
//!
//! Everything else is derived from here: the elements `bandeau-embed`
//! defines (their tag names and observed attributes), the package's
//! `custom-elements.json`, its TypeScript declarations (tag-name map,
//! event details, JSX attributes) and the preview's docs tab and controls.
//! A browser test compares the parts listed here with the parts the views
//! actually render, so this list cannot drift from the DOM.
//!
//! No dependencies and no code that runs in the browser bundle beyond the
//! `const` name lists, so the descriptions cost the bundle nothing.

mod attributes;
mod elements;
mod events;

pub use attributes::{Attribute, Kind, ATTRIBUTES, ATTRIBUTE_NAMES, URL_ATTRIBUTES};
pub use elements::{Element, Method, Part, Property, Slot, ELEMENTS, TAG_NAMES, USER_FIELDS};
pub use events::{Event, Field, EVENTS};

/// The tags of the four elements, for per-element lists below.
pub const BAR: &str = "bandeau-bar";
pub const LAUNCHER: &str = "bandeau-launcher";
pub const USER_MENU: &str = "bandeau-user-menu";
pub const LOGIN: &str = "bandeau-login";

/// `portal-url` → `portalUrl`: the property that mirrors an attribute.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `bandeau-user-menu` → `BandeauUserMenuElement`: the element's class and
/// TypeScript interface name.
pub fn class_name(tag: &str) -> String {
    let camel = camel_case(tag);
    let mut chars = camel.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first
        .into_iter()
        .chain(chars)
        .chain("Element".chars())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_derived() {
        assert_eq!(camel_case("portal-url"), "portalUrl");
        assert_eq!(camel_case("lang"), "lang");
        assert_eq!(class_name(USER_MENU), "BandeauUserMenuElement");
    }

    #[test]
    fn every_element_is_listed_once_and_is_a_valid_custom_element_name() {
        let mut tags: Vec<&str> = ELEMENTS.iter().map(|e| e.tag).collect();
        assert_eq!(tags, TAG_NAMES);
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), ELEMENTS.len());
        for tag in tags {
            assert!(tag.contains('-') && tag.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

    #[test]
    fn attribute_lists_agree() {
        let names: Vec<&str> = ATTRIBUTES.iter().map(|a| a.name).collect();
        assert_eq!(names, ATTRIBUTE_NAMES);
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "an attribute is listed twice");
        let urls: Vec<&str> = ATTRIBUTES
            .iter()
            .filter(|a| a.kind == Kind::Url)
            .map(|a| a.name)
            .collect();
        assert_eq!(URL_ATTRIBUTES.to_vec(), urls);
        assert!(URL_ATTRIBUTES.contains(&"logout-url") && !URL_ATTRIBUTES.contains(&"lang"));
    }

    #[test]
    fn every_attribute_belongs_to_a_known_element_and_every_element_has_some() {
        for attribute in ATTRIBUTES.iter() {
            assert!(
                !attribute.elements.is_empty(),
                "{} applies nowhere",
                attribute.name
            );
            for tag in attribute.elements {
                assert!(
                    TAG_NAMES.contains(tag),
                    "{}: unknown element {tag}",
                    attribute.name
                );
            }
            assert!(!attribute.description.is_empty());
        }
        for element in ELEMENTS.iter() {
            assert!(element.attributes().count() > 3, "{}", element.tag);
        }
    }

    #[test]
    fn events_are_known_and_described() {
        for element in ELEMENTS.iter() {
            for name in element.events {
                assert!(
                    EVENTS.iter().any(|e| e.name == *name),
                    "{}: {name}",
                    element.tag
                );
            }
        }
        for event in EVENTS.iter() {
            assert!(event.name.starts_with("bandeau-"));
            assert!(!event.description.is_empty());
            assert_eq!(
                event.cancelable,
                !event.when_cancelled.is_empty(),
                "{}",
                event.name
            );
        }
    }
}
