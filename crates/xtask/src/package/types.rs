//! `index.d.ts`: the package's TypeScript declarations, written from
//! bandeau-elements so the types cannot drift from what the elements do.
//!
//! One file serves plain TypeScript and React alike: the `declare module
//! 'react'` block adds to React's JSX namespace when React's types are
//! installed. TypeScript does not report an augmentation of a module it
//! cannot find when it sits in a declaration file, and the block names
//! nothing it does not declare itself, so a project without React compiles
//! too (`cargo xtask test` checks both).

use std::fmt::Write as _;

use bandeau_elements::{
    Attribute, Element, Event, Field, Kind, ELEMENTS, EVENTS, TAG_NAMES, USER_FIELDS,
};

/// Attributes every HTML element has, whose DOM property is a `string`:
/// a Bandeau attribute of the same name keeps that type (an element
/// interface must stay assignable to `HTMLElement`) and accepts any text.
const GLOBAL_STRING_ATTRIBUTES: &[&str] = &["lang", "title", "dir", "id", "slot", "nonce"];

/// The value an attribute takes in markup, as a TypeScript type.
pub fn attribute_ts(attribute: &Attribute) -> String {
    let global = GLOBAL_STRING_ATTRIBUTES.contains(&attribute.name);
    match attribute.kind {
        Kind::Choice(values) => {
            let mut union: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            if global {
                // Autocompletes the known values and still takes any tag.
                union.push("(string & {})".into());
            }
            union.join(" | ")
        }
        Kind::Text | Kind::Url | Kind::List(_) => "string".into(),
    }
}

/// The type of the property that mirrors `attribute`: `null` when the
/// attribute is absent, except for a global attribute, whose DOM property
/// is a plain string.
pub fn property_ts(attribute: &Attribute) -> String {
    let value = attribute_ts(attribute);
    if GLOBAL_STRING_ATTRIBUTES.contains(&attribute.name) {
        value
    } else {
        format!("{value} | null")
    }
}

/// `CustomEvent<…Detail>`, the event's type as listeners receive it.
pub fn event_ts(event: &Event) -> String {
    format!("CustomEvent<{}>", event.detail_type())
}

/// What an attribute says in a doc comment: its description and default.
pub fn attribute_doc(attribute: &Attribute) -> String {
    match attribute.default {
        Some(default) => format!("{} Default: {default}.", attribute.description),
        None => attribute.description.to_string(),
    }
}

/// An event's description, what cancelling it does and who fires it.
pub fn event_doc(event: &Event) -> String {
    let mut text = event.description.to_string();
    if event.cancelable {
        let _ = write!(text, " Cancelable: {}", event.when_cancelled);
    }
    let fired_by: Vec<String> = ELEMENTS
        .iter()
        .filter(|e| e.events.contains(&event.name))
        .map(|e| format!("`<{}>`", e.tag))
        .collect();
    let _ = write!(
        text,
        " Bubbles and is composed; fired by {}.",
        fired_by.join(", ")
    );
    text
}

/// A `/** … */` block at `indent`; `*/` inside the text cannot end it early.
fn doc(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        if line.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// A member name as TypeScript needs it: quoted unless an identifier.
fn key(name: &str) -> String {
    let identifier = name.chars().enumerate().all(|(i, c)| {
        c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())
    });
    if identifier && !name.is_empty() {
        name.to_string()
    } else {
        format!("'{name}'")
    }
}

fn fields(out: &mut String, fields: &[Field]) {
    for field in fields {
        doc(out, "  ", field.description);
        let optional = if field.optional { "?" } else { "" };
        let _ = writeln!(out, "  {}{optional}: {};", key(field.name), field.ts);
    }
}

/// The `attributes` interface for JSX and other templating: every
/// attribute that has an effect on `element`, by its markup name.
fn attributes_name(element: &Element) -> String {
    format!(
        "{}Attributes",
        element.class_name().trim_end_matches("Element")
    )
}

fn event_props_name(element: &Element) -> String {
    format!(
        "{}EventProps",
        element.class_name().trim_end_matches("Element")
    )
}

/// The whole `index.d.ts`.
pub fn index_d_ts() -> String {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(NAVIGATION);
    doc(
        &mut out,
        "",
        "The signed-in person, for the `user` property; it replaces what the `user-*` attributes said.",
    );
    out.push_str("export interface BandeauUser {\n");
    fields(&mut out, &USER_FIELDS);
    out.push_str("}\n\n");

    out.push_str("// Events: all are `CustomEvent`s that bubble and are composed, so a\n// listener on `document` hears every element.\n\n");
    for event in EVENTS.iter() {
        doc(&mut out, "", &format!("The `detail` of `{}`.", event.name));
        if event.detail.is_empty() {
            let _ = writeln!(
                out,
                "export type {} = {};\n",
                event.detail_type(),
                event.empty_detail_ts
            );
        } else {
            let _ = writeln!(out, "export interface {} {{", event.detail_type());
            fields(&mut out, event.detail);
            out.push_str("}\n\n");
        }
    }
    doc(&mut out, "", "Every Bandeau event by name.");
    out.push_str("export interface BandeauEventMap {\n");
    for event in EVENTS.iter() {
        doc(&mut out, "  ", &event_doc(event));
        let _ = writeln!(out, "  '{}': {};", event.name, event_ts(event));
    }
    out.push_str("}\n\n");

    out.push_str("// The elements.\n\n");
    for element in ELEMENTS.iter() {
        element_interface(&mut out, element);
    }
    doc(&mut out, "", "The elements by tag name.");
    out.push_str("export interface BandeauElementTagNameMap {\n");
    for element in ELEMENTS.iter() {
        let _ = writeln!(out, "  '{}': {};", element.tag, element.class_name());
    }
    out.push_str("}\n\n");
    out.push_str(&api());

    out.push_str("// Attributes as markup spells them, for JSX and other templates.\n\n");
    for element in ELEMENTS.iter() {
        jsx_interfaces(&mut out, element);
    }

    out.push_str("declare global {\n");
    out.push_str("  interface HTMLElementTagNameMap {\n");
    for element in ELEMENTS.iter() {
        let _ = writeln!(out, "    '{}': {};", element.tag, element.class_name());
    }
    out.push_str("  }\n");
    // Elements, the document and the window all hear the events.
    for map in ["HTMLElementEventMap", "DocumentEventMap", "WindowEventMap"] {
        let _ = writeln!(out, "  interface {map} {{");
        for event in EVENTS.iter() {
            let _ = writeln!(out, "    '{}': {};", event.name, event_ts(event));
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n\n");

    out.push_str(
        "// React 19 passes properties it finds on a custom element as properties\n\
         // (`navigation`, `user`, `theme` …), other props as attributes, and\n\
         // `on<event-name>` props as event listeners.\n",
    );
    // The empty interfaces merge with React's when its types are installed;
    // without them they stand in, so the names below resolve either way and
    // a project without React compiles with `skipLibCheck` off.
    out.push_str(
        "declare module 'react' {\n  interface ClassAttributes<T> {}\n  interface HTMLAttributes<T> {}\n  namespace JSX {\n    interface IntrinsicElements {\n",
    );
    for element in ELEMENTS.iter() {
        let class = element.class_name();
        let mut extra = String::new();
        for property in element.properties {
            let _ = write!(extra, " {}?: {};", property.name, property.ts);
        }
        let _ = writeln!(
            out,
            "      '{}': ClassAttributes<{class}> &\n        HTMLAttributes<{class}> &\n        {} &\n        {} & {{ class?: string;{extra} }};",
            element.tag,
            attributes_name(element),
            event_props_name(element),
        );
    }
    out.push_str("    }\n  }\n}\n");
    out
}

fn element_interface(out: &mut String, element: &Element) {
    let events: Vec<String> = element.events.iter().map(|e| format!("`{e}`")).collect();
    doc(
        out,
        "",
        &format!(
            "`<{}>`: {}\n\nFires {}.",
            element.tag,
            element.summary,
            events.join(", ")
        ),
    );
    let _ = writeln!(
        out,
        "export interface {} extends HTMLElement {{",
        element.class_name()
    );
    for attribute in element.attributes() {
        doc(
            out,
            "  ",
            &format!(
                "Mirrors the `{}` attribute (`null` removes it). {}",
                attribute.name,
                attribute_doc(attribute)
            ),
        );
        let _ = writeln!(
            out,
            "  {}: {};",
            key(&attribute.property()),
            property_ts(attribute)
        );
    }
    for property in element.properties {
        doc(out, "  ", property.description);
        let _ = writeln!(out, "  {}: {};", key(property.name), property.ts);
    }
    for method in element.methods {
        doc(out, "  ", method.description);
        let _ = writeln!(out, "  {}(): void;", method.name);
    }
    out.push_str("}\n\n");
}

fn jsx_interfaces(out: &mut String, element: &Element) {
    doc(
        out,
        "",
        &format!("The attributes `<{}>` reads.", element.tag),
    );
    let _ = writeln!(out, "export interface {} {{", attributes_name(element));
    for attribute in element.attributes() {
        doc(out, "  ", &attribute_doc(attribute));
        let _ = writeln!(
            out,
            "  {}?: {};",
            key(attribute.name),
            attribute_ts(attribute)
        );
    }
    out.push_str("}\n\n");
    doc(
        out,
        "",
        &format!(
            "`<{}>`'s events as React 19 `on<event-name>` props.",
            element.tag
        ),
    );
    let _ = writeln!(out, "export interface {} {{", event_props_name(element));
    for name in element.events {
        if let Some(event) = EVENTS.iter().find(|e| e.name == *name) {
            doc(out, "  ", &event_doc(event));
            let _ = writeln!(
                out,
                "  'on{}'?: (event: {}) => void;",
                event.name,
                event_ts(event)
            );
        }
    }
    out.push_str("}\n\n");
}

/// `tagNames` and `defineElements`, the module's two exports.
fn api() -> String {
    let tags: Vec<String> = TAG_NAMES.iter().map(|t| format!("'{t}'")).collect();
    let mut out = String::new();
    doc(&mut out, "", "A Bandeau tag name.");
    out.push_str("export type TagName = keyof BandeauElementTagNameMap;\n\n");
    doc(
        &mut out,
        "",
        "The four tag names, in the order the docs list them.",
    );
    let _ = writeln!(
        out,
        "export declare const tagNames: readonly [{}];\n",
        tags.join(", ")
    );
    doc(&mut out, "", "The element classes by tag name.");
    out.push_str(
        "export type BandeauElementClasses = {\n  readonly [K in TagName]: {\n    new (): BandeauElementTagNameMap[K];\n    readonly prototype: BandeauElementTagNameMap[K];\n  };\n};\n\n",
    );
    doc(
        &mut out,
        "",
        "Loads the WebAssembly module (`bandeau_embed_bg.wasm`, found beside this file, so bundlers emit it as an asset) and defines the four elements.\n\nCall it as often as you like: every call resolves to the same classes, and when the script tag `bandeau.js` already started Bandeau on the page, its elements are reused instead of loading the module twice. Rejects when WebAssembly cannot run or the module cannot be fetched; outside a browser (no `customElements`) it rejects without fetching anything.",
    );
    out.push_str("export declare function defineElements(): Promise<BandeauElementClasses>;\n\n");
    out
}

const HEADER: &str = "\
// Bandeau's TypeScript declarations, written by `cargo xtask build` from
// bandeau-elements (crates/elements). Do not edit.

";

/// The navigation document as portals send it (Univention's
/// `navigation.json`), typed as loosely as the reader in
/// `crates/navigation` accepts it.
const NAVIGATION: &str = "\
/**
 * Text in one language, or per locale: `{ \"de\": \"Post\", \"en\": \"Mail\" }`
 * or `[{ \"locale\": \"de_DE\", \"value\": \"Post\" }]`. The element picks the
 * one closest to its `lang`, else English, else the first. (`undefined`
 * members are allowed because TypeScript gives them to objects of a JSON
 * module whose entries have different locales.)
 */
export type LocalizedText =
  | string
  | { readonly [locale: string]: string | undefined }
  | ReadonlyArray<{ readonly locale: string; readonly value: string }>;

/** One app in the launcher. */
export interface NavigationEntry {
  /** Names the app; `app` and the `bandeau-navigate` event refer to it. */
  identifier: string;
  /** The app's name; falls back to the identifier. */
  display_name?: LocalizedText | null;
  /** Where the app lives: `http(s):` or relative to `base`. An entry without a usable link is shown disabled. */
  link?: LocalizedText | null;
  /** The app's icon; its monogram is shown without one. */
  icon_url?: LocalizedText | null;
  /** `_self`, `_blank` or a window name such as `tab_groupware`. */
  target?: '_self' | '_blank' | (string & {}) | null;
  /** Extra words the launcher's search finds the app by: a list, comma-separated text, or either per locale. */
  keywords?:
    | string
    | readonly string[]
    | { readonly [locale: string]: string | readonly string[] | undefined }
    | null;
}

/** A group of apps in the launcher. */
export interface NavigationCategory {
  identifier: string;
  /** The category's heading; falls back to the identifier. */
  display_name?: LocalizedText | null;
  entries: readonly NavigationEntry[];
}

/**
 * The portal's `navigation.json`. The elements read it leniently: what
 * they cannot use is left out and reported in one `bandeau-error`.
 */
export interface NavigationDocument {
  categories: readonly NavigationCategory[];
}

";

#[cfg(test)]
mod tests {
    use super::*;
    use bandeau_elements::ATTRIBUTES;

    fn attribute(name: &str) -> &'static Attribute {
        ATTRIBUTES.iter().find(|a| a.name == name).unwrap()
    }

    #[test]
    fn choices_are_unions_and_a_global_attribute_stays_open() {
        assert_eq!(
            attribute_ts(attribute("theme")),
            "'light' | 'dark' | 'auto' | 'high-contrast'"
        );
        assert_eq!(
            property_ts(attribute("theme")),
            "'light' | 'dark' | 'auto' | 'high-contrast' | null"
        );
        assert_eq!(
            attribute_ts(attribute("lang")),
            "'de' | 'en' | 'fr' | (string & {})"
        );
        assert_eq!(
            property_ts(attribute("lang")),
            "'de' | 'en' | 'fr' | (string & {})"
        );
        assert_eq!(property_ts(attribute("nav-url")), "string | null");
        assert_eq!(attribute_ts(attribute("languages")), "string");
    }

    #[test]
    fn declares_every_element_attribute_property_method_and_event() {
        let dts = index_d_ts();
        for element in ELEMENTS.iter() {
            let class = element.class_name();
            assert!(
                dts.contains(&format!("export interface {class} extends HTMLElement {{")),
                "{class}"
            );
            // In the global tag-name map, so createElement and querySelector are typed.
            let global = &dts[dts.find("declare global {").unwrap()..];
            assert!(global.contains(&format!("    '{}': {class};", element.tag)));
            let body = &dts[dts.find(&format!("export interface {class} ")).unwrap()..];
            let body = &body[..body.find("\n}\n").unwrap()];
            for attribute in element.attributes() {
                assert!(
                    body.contains(&format!("  {}: ", attribute.property())),
                    "{class}.{}",
                    attribute.property()
                );
            }
            for property in element.properties {
                assert!(body.contains(&format!("  {}: {};", property.name, property.ts)));
            }
            for method in element.methods {
                assert!(body.contains(&format!("  {}(): void;", method.name)));
            }
            let react = &dts[dts.find("declare module 'react'").unwrap()..];
            assert!(react.contains(&format!("'{}': ClassAttributes<{class}>", element.tag)));
            for name in element.events {
                assert!(dts.contains(&format!("  'on{name}'?: (event: CustomEvent<")));
            }
        }
        for event in EVENTS.iter() {
            assert!(dts.contains(&event.detail_type()));
            for map in ["HTMLElementEventMap", "DocumentEventMap", "WindowEventMap"] {
                let at = dts.find(&format!("interface {map} {{")).unwrap();
                let block = &dts[at..at + dts[at..].find("  }\n").unwrap()];
                assert!(
                    block.contains(&format!("'{}': {};", event.name, event_ts(event))),
                    "{map}: {}",
                    event.name
                );
            }
        }
        assert!(dts.contains("export interface BandeauNavigateDetail {\n"));
        assert!(dts.contains("  count?: number;"));
        assert!(dts.contains("export type BandeauReadyDetail = undefined;"));
        assert!(dts.contains(
            "export declare const tagNames: readonly ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login'];"
        ));
        assert!(dts
            .contains("export declare function defineElements(): Promise<BandeauElementClasses>;"));
    }

    #[test]
    fn descriptions_become_doc_comments_that_cannot_end_early() {
        let mut out = String::new();
        doc(&mut out, "  ", "Closes */ here.");
        assert_eq!(out, "  /** Closes *\\/ here. */\n");
        let dts = index_d_ts();
        let nav = attribute("nav-url");
        assert!(dts.contains(nav.description));
        let navigate = EVENTS
            .iter()
            .find(|e| e.name == "bandeau-navigate")
            .unwrap();
        assert!(dts.contains(navigate.when_cancelled));
    }

    #[test]
    fn member_names_are_quoted_only_when_needed() {
        assert_eq!(key("navUrl"), "navUrl");
        assert_eq!(key("nav-url"), "'nav-url'");
        assert_eq!(key("onbandeau-ready"), "'onbandeau-ready'");
        assert_eq!(key("9a"), "'9a'");
    }
}
