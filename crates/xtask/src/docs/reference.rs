//! `docs/elements.md`, the elements' reference, generated from
//! `bandeau-elements` (the same data as `custom-elements.json` and the
//! TypeScript declarations), so the guides never list attributes, events
//! or parts by hand. The docs step fails when the file is not current;
//! `BLESS=1 cargo test -p xtask docs::reference` rewrites it.

use std::fmt::Write;
use std::path::Path;

use bandeau_elements::{Kind, ELEMENTS, EVENTS};

pub const PATH: &str = "docs/elements.md";

/// The host contract: what a page may set on an element.
const HOST_CONTRACT: &str = r#"## What a page may set on the element

The vendor owns where an element sits in its page; the element owns how it
looks. Page rules that match the element itself (by `*`, by its tag name,
with or without `!important`) may set:

- `display`: its outer type (`block`, `inline`, `inline-block`) and `none`
  to hide it (the `hidden` attribute hides it too). Its inside is the
  element's own layout: `flex`, `grid` or `contents` on the element are not
  supported.
- `position`, `top`, `right`, `bottom`, `left` (and `inset` with its logical
  forms), `z-index`, `float`, `clear` and `vertical-align`.
- `margin`.
- `width`, `min-width` and `max-width` (and their logical forms): the bar
  and the login fill the width they get; the launcher and the user menu
  are as wide as their buttons.
- Its place as an item of the page's flex or grid container: `flex`,
  `order`, `align-self`, `justify-self`, `place-self`, `grid-area`,
  `grid-row`, `grid-column`.
- The `--bd-*` custom properties, which theme it (see
  [theming.md](theming.md)), and its parts through `::part()`.

It follows the page's direction (`dir`), and `visibility: hidden` on an
ancestor hides it. Everything else is the element's: its shadow styles set
it again on the element with `!important`, which outranks even a page's
`!important` rule there (for important declarations the shadow tree's win
over the page's). So a page cannot give the element transitions or
animations, padding, a border, outline, background or box shadow, a height,
`overflow`, `contain` or `content-visibility`, opacity, filters, blending,
transforms (`translate`, `rotate` and `scale` too), `zoom`, a clip path or
mask, `will-change`, fonts and text settings, colours, `pointer-events`,
`user-select`, a cursor, caret or scrollbar colour, a writing mode, or
`::before` and `::after` content; inherited properties stop at the element.

The open panels (the launcher's and the user menu's) are shown in the
browser's top layer (the Popover API): no `z-index`, `overflow`,
`transform`, `contain` or stacking context of the page covers or clips
them. They stay under their button, inside the viewport, and follow it as
the page scrolls. In a browser without the Popover API they are positioned
in the page under their button, where a clipping ancestor clips them.
"#;

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
    // What the shared stylesheet of crates/widgets (`:host` in shared.css)
    // leaves to the page and takes back from it; its tests are
    // tests/browser/e2e/locked-host.test.mjs and toplayer.test.mjs.
    let _ = writeln!(w, "{HOST_CONTRACT}");
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
