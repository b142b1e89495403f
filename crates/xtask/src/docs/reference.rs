//! `docs/elements.md`, the elements' reference, generated from
//! `bandeau-elements` (the same data as `custom-elements.json` and the
//! TypeScript declarations), so the guides never list attributes, events
//! or parts by hand. The docs step fails when the file is not current;
//! `BLESS=1 cargo test -p xtask docs::reference` rewrites it.

use std::fmt::Write;
use std::path::Path;

use bandeau_elements::{Kind, ELEMENTS, EVENTS};

pub const PATH: &str = "docs/elements.md";

/// Table cells: `|` would end the cell, a line break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn kind(kind: &Kind) -> String {
    let quoted = |values: &[&str]| {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        Kind::Text => "text".to_owned(),
        Kind::Url => "URL".to_owned(),
        Kind::Choice(values) => format!("one of {}", quoted(values)),
        Kind::List(values) => format!("comma-separated, of {}", quoted(values)),
    }
}

/// The whole file.
pub fn generate() -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# Element reference\n\n\
         <!-- Generated from crates/elements by crates/xtask/src/docs/reference.rs; do not edit.\n     \
         Regenerate with: BLESS=1 cargo test -p xtask docs::reference -->\n\n\
         The custom elements' public contract: attributes (each mirrored by a camelCase\n\
         property; setting the property to `null` removes the attribute), properties\n\
         without an attribute, methods, events, slots and CSS parts. The same data is\n\
         in the npm package as `custom-elements.json` and in its TypeScript\n\
         declarations. How to use them is in [integration.md](integration.md).\n\n\
         URL attributes take only `http:`, `https:` and relative URLs; anything else\n\
         is dropped and reported with a `bandeau-error` event. Text is shown as text,\n\
         never as HTML.\n"
    );
    for element in ELEMENTS.iter() {
        let _ = writeln!(w, "## `<{}>`\n\n{}\n", element.tag, element.summary);
        let _ = writeln!(
            w,
            "Class and TypeScript interface: `{}`.\n",
            element.class_name()
        );
        let _ = writeln!(
            w,
            "| attribute | property | value | default | meaning |\n| --- | --- | --- | --- | --- |"
        );
        for attribute in element.attributes() {
            let _ = writeln!(
                w,
                "| `{}` | `{}` | {} | {} | {} |",
                attribute.name,
                attribute.property(),
                kind(&attribute.kind),
                cell(attribute.default.unwrap_or("")),
                cell(attribute.description)
            );
        }
        let _ = writeln!(w);
        if !element.properties.is_empty() {
            let _ = writeln!(w, "| property | type | meaning |\n| --- | --- | --- |");
            for property in element.properties {
                let _ = writeln!(
                    w,
                    "| `{}` | `{}` | {} |",
                    property.name,
                    cell(property.ts),
                    cell(property.description)
                );
            }
            let _ = writeln!(w);
        }
        if !element.methods.is_empty() {
            let _ = writeln!(w, "| method | does |\n| --- | --- |");
            // Methods that share a description (open, close, toggle) share a row.
            let mut rows: Vec<(Vec<String>, &str)> = Vec::new();
            for method in element.methods {
                let name = format!("`{}()`", method.name);
                match rows.last_mut() {
                    Some((names, description)) if *description == method.description => {
                        names.push(name)
                    }
                    _ => rows.push((vec![name], method.description)),
                }
            }
            for (names, description) in rows {
                let _ = writeln!(w, "| {} | {} |", names.join(", "), cell(description));
            }
            let _ = writeln!(w);
        }
        let events: Vec<String> = element.events.iter().map(|e| format!("`{e}`")).collect();
        let _ = writeln!(w, "Events: {}.\n", events.join(", "));
        if !element.slots.is_empty() {
            let _ = writeln!(w, "| slot | for |\n| --- | --- |");
            for slot in element.slots {
                let name = if slot.name.is_empty() {
                    "(default)".to_owned()
                } else {
                    format!("`{}`", slot.name)
                };
                let _ = writeln!(w, "| {name} | {} |", cell(slot.description));
            }
            let _ = writeln!(w);
        }
        let _ = writeln!(w, "| part | is |\n| --- | --- |");
        for part in element.parts {
            let _ = writeln!(w, "| `{}` | {} |", part.name, cell(part.description));
        }
        let groups: Vec<String> = element
            .token_groups
            .iter()
            .map(|g| format!("`tokens/components/{g}.tokens.json`"))
            .collect();
        let _ = writeln!(
            w,
            "\nStyled through the semantic tokens and {}.\n",
            groups.join(", ")
        );
    }
    let _ = writeln!(
        w,
        "## Events\n\n\
         All are `CustomEvent`s that bubble and are composed (they leave the shadow\n\
         root), so one listener on `document` hears every element. Cancelable ones\n\
         are cancelled with `event.preventDefault()`.\n\n\
         | event | `detail` | cancelable: then | when |\n| --- | --- | --- | --- |"
    );
    for event in EVENTS.iter() {
        let cancel = if event.cancelable {
            format!("yes: {}", event.when_cancelled)
        } else {
            "no".to_owned()
        };
        let _ = writeln!(
            w,
            "| `{}` | `{}` (`{}`) | {} | {} |",
            event.name,
            cell(&event.detail_ts()),
            event.detail_type(),
            cell(&cancel),
            cell(event.description)
        );
    }
    let fields: Vec<String> = EVENTS
        .iter()
        .flat_map(|e| e.detail.iter().map(move |f| (e.name, f)))
        .map(|(event, f)| format!("| `{event}` | `{}` | {} |", f.name, cell(f.description)))
        .collect();
    if !fields.is_empty() {
        let _ = writeln!(
            w,
            "\n| event | detail member | meaning |\n| --- | --- | --- |"
        );
        for row in fields {
            let _ = writeln!(w, "{row}");
        }
    }
    out
}

/// The problem, if `docs/elements.md` is not what [`generate`] writes.
pub fn check(root: &Path) -> Vec<String> {
    let path = root.join(PATH);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == generate() {
        Vec::new()
    } else {
        vec![format!(
            "{PATH} is not current with crates/elements: run `BLESS=1 cargo test -p xtask docs::reference` and commit the result"
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_is_current() {
        let root = crate::util::repo_root();
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(root.join(PATH), generate()).unwrap();
        }
        assert_eq!(check(&root), Vec::<String>::new());
    }

    #[test]
    fn the_reference_names_every_attribute_event_and_part() {
        let text = generate();
        for element in ELEMENTS.iter() {
            assert!(text.contains(&format!("## `<{}>`", element.tag)));
            for part in element.parts {
                assert!(text.contains(&format!("| `{}` |", part.name)));
            }
        }
        for attribute in bandeau_elements::ATTRIBUTES.iter() {
            assert!(text.contains(&format!("| `{}` |", attribute.name)));
        }
        for event in EVENTS.iter() {
            assert!(text.contains(&format!("| `{}` |", event.name)));
        }
    }
}
