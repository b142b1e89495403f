//! The docs tab: one element's contract from `bandeau-elements` (the data
//! `custom-elements.json` is written from), its CSS custom properties from
//! the project's component tokens, and usage snippets for the current
//! story and edits.

use bandeau_elements::{Element, Kind, EVENTS};
use leptos::prelude::*;
use serde::Deserialize;

const CSS_PROPERTIES: &str = include_str!(concat!(env!("OUT_DIR"), "/css_properties.json"));

/// What the snippets show: attributes, then the `navigation` and `user`
/// properties as JSON text.
pub type Usage = (Vec<(String, String)>, Option<String>, Option<String>);

#[derive(Clone, Debug, Deserialize)]
pub struct CssProperty {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
    /// Its value in the light theme.
    pub value: String,
}

/// The custom properties of an element's token groups (`--bd-bar-…`).
pub fn css_properties(element: &Element) -> Vec<CssProperty> {
    let all: Vec<CssProperty> =
        serde_json::from_str(CSS_PROPERTIES).expect("build.rs wrote readable properties");
    all.into_iter()
        .filter(|p| {
            element
                .token_groups
                .iter()
                .any(|group| p.name.starts_with(&format!("--bd-{group}-")))
        })
        .collect()
}

fn kind_text(kind: Kind) -> String {
    match kind {
        Kind::Text => "text".to_owned(),
        Kind::Url => "URL".to_owned(),
        Kind::Choice(options) => options.join(" | "),
        Kind::List(options) => format!("comma-separated: {}", options.join(", ")),
    }
}

/// What goes in an HTML attribute value.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// A page with the script tag, the element and its properties.
pub fn script_snippet(
    tag: &str,
    attributes: &[(String, String)],
    navigation: Option<&str>,
    user: Option<&str>,
) -> String {
    let mut out = String::from("<script type=\"module\" src=\"/pkg/bandeau.js\"></script>\n\n");
    out.push_str(&format!("<{tag}"));
    for (name, value) in attributes {
        out.push_str(&format!("\n  {name}=\"{}\"", escape_attribute(value)));
    }
    out.push_str(&format!(">\n</{tag}>\n"));
    if navigation.is_some() || user.is_some() {
        out.push_str("\n<script type=\"module\">\n");
        out.push_str(&format!(
            "  const element = document.querySelector('{tag}');\n"
        ));
        if let Some(json) = navigation {
            out.push_str(&format!("  element.navigation = {};\n", compact(json)));
        }
        if let Some(json) = user {
            out.push_str(&format!("  element.user = {};\n", compact(json)));
        }
        out.push_str("</script>\n");
    }
    out
}

/// A React 19 component using the npm package.
pub fn react_snippet(
    tag: &str,
    attributes: &[(String, String)],
    navigation: Option<&str>,
    user: Option<&str>,
) -> String {
    let mut out = String::from(
        "import { useEffect, useRef } from 'react';\nimport 'bandeau/bandeau.js';\n\n",
    );
    let has_properties = navigation.is_some() || user.is_some();
    if let Some(json) = navigation {
        out.push_str(&format!("const navigation = {};\n", compact(json)));
    }
    if let Some(json) = user {
        out.push_str(&format!("const user = {};\n", compact(json)));
    }
    if has_properties {
        out.push('\n');
    }
    out.push_str("export function Chrome() {\n");
    if has_properties {
        out.push_str(&format!(
            "  const ref = useRef<HTMLElementTagNameMap['{tag}']>(null);\n  useEffect(() => {{\n"
        ));
        if navigation.is_some() {
            out.push_str("    if (ref.current) ref.current.navigation = navigation;\n");
        }
        if user.is_some() {
            out.push_str("    if (ref.current) ref.current.user = user;\n");
        }
        out.push_str("  }, []);\n");
    }
    out.push_str(&format!("  return (\n    <{tag}"));
    if has_properties {
        out.push_str("\n      ref={ref}");
    }
    for (name, value) in attributes {
        out.push_str(&format!("\n      {name}={}", js_string(value)));
    }
    out.push_str("\n    />\n  );\n}\n");
    out
}

fn js_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// JSON on one line when it parses, else as given.
fn compact(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| js_string(json))
}

/// What the last press of a snippet's Copy button did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Copied {
    Not,
    Done,
    Failed,
}

/// Puts `text` on the clipboard and says in `copied` whether it got there
/// (a browser may refuse, e.g. on a page that is not a secure context).
fn copy(text: String, copied: RwSignal<Copied>) {
    let Some(window) = web_sys::window() else {
        copied.set(Copied::Failed);
        return;
    };
    let written = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let done = wasm_bindgen_futures::JsFuture::from(written).await.is_ok();
        copied.set(if done { Copied::Done } else { Copied::Failed });
    });
}

#[component]
fn Snippet(title: &'static str, code: Signal<String>) -> impl IntoView {
    let copied = RwSignal::new(Copied::Not);
    // A changed snippet has not been copied yet.
    Effect::new(move |_| {
        code.track();
        copied.set(Copied::Not);
    });
    view! {
        <section class="snippet">
            <div class="snippet-head">
                <h3>{title}</h3>
                <button type="button" on:click=move |_| copy(code.get_untracked(), copied)>
                    "Copy"<span class="visually-hidden">{format!(" the {title} snippet")}</span>
                </button>
                <span class="snippet-copied" role="status">
                    {move || match copied.get() {
                        Copied::Not => "",
                        Copied::Done => "Copied to the clipboard.",
                        Copied::Failed => "The browser did not allow copying; select the text instead.",
                    }}
                </span>
            </div>
            // Focusable, so a long line can be scrolled to from the keyboard.
            <pre tabindex="0"><code>{move || code.get()}</code></pre>
        </section>
    }
}

/// The docs of `tag`; `usage` gives the attributes, navigation and user of
/// the current story with its edits.
#[component]
pub fn Docs(tag: Signal<&'static str>, usage: Signal<Usage>) -> impl IntoView {
    let script = Signal::derive(move || {
        let (attributes, navigation, user) = usage.get();
        script_snippet(
            tag.get(),
            &attributes,
            navigation.as_deref(),
            user.as_deref(),
        )
    });
    let react = Signal::derive(move || {
        let (attributes, navigation, user) = usage.get();
        react_snippet(
            tag.get(),
            &attributes,
            navigation.as_deref(),
            user.as_deref(),
        )
    });
    move || {
        let Some(element) = Element::find(tag.get()) else {
            return view! { <p>"No documentation for this element."</p> }.into_any();
        };
        let attributes = element
            .attributes()
            .map(|a| {
                view! {
                    <tr>
                        <th scope="row"><code>{a.name}</code></th>
                        <td><code>{a.property()}</code></td>
                        <td>{kind_text(a.kind)}</td>
                        <td>{a.default.unwrap_or("—")}</td>
                        <td>{a.description}</td>
                    </tr>
                }
            })
            .collect_view();
        let properties = element
            .properties
            .iter()
            .map(|p| view! {
                <tr><th scope="row"><code>{p.name}</code></th><td><code>{p.ts}</code></td><td>{p.description}</td></tr>
            })
            .collect_view();
        let methods = element
            .methods
            .iter()
            .map(|m| view! { <tr><th scope="row"><code>{format!("{}()", m.name)}</code></th><td>{m.description}</td></tr> })
            .collect_view();
        let events = EVENTS
            .iter()
            .filter(|e| element.events.contains(&e.name))
            .map(|e| {
                view! {
                    <tr>
                        <th scope="row"><code>{e.name}</code></th>
                        <td><code>{e.detail_ts()}</code></td>
                        <td>{if e.cancelable { "yes" } else { "no" }}</td>
                        <td>{e.description}</td>
                    </tr>
                }
            })
            .collect_view();
        let slots = element
            .slots
            .iter()
            .map(|s| view! { <tr><th scope="row"><code>{s.name}</code></th><td>{s.description}</td></tr> })
            .collect_view();
        let parts = element
            .parts
            .iter()
            .map(|p| view! { <tr><th scope="row"><code>{p.name}</code></th><td>{p.description}</td></tr> })
            .collect_view();
        let css = css_properties(element)
            .into_iter()
            .map(|p| view! { <tr><th scope="row"><code>{p.name}</code></th><td>{p.ty}</td><td><code>{p.value}</code></td><td>{p.description}</td></tr> })
            .collect_view();
        view! {
            <article class="docs" aria-labelledby="docs-title">
                <h2 id="docs-title"><code>{format!("<{}>", element.tag)}</code></h2>
                <p>{element.summary}</p>
                <p>"Class and TypeScript interface: "<code>{element.class_name()}</code></p>
                <Snippet title="Script tag" code=script />
                <Snippet title="React" code=react />
                <h3>"Attributes"</h3>
                <table>
                    <thead><tr><th scope="col">"Attribute"</th><th scope="col">"Property"</th><th scope="col">"Values"</th><th scope="col">"Default"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{attributes}</tbody>
                </table>
                <h3>"Properties"</h3>
                <table>
                    <thead><tr><th scope="col">"Property"</th><th scope="col">"Type"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{properties}</tbody>
                </table>
                <h3>"Methods"</h3>
                <table>
                    <thead><tr><th scope="col">"Method"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{methods}</tbody>
                </table>
                <h3>"Events"</h3>
                <table>
                    <thead><tr><th scope="col">"Event"</th><th scope="col">"Detail"</th><th scope="col">"Cancelable"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{events}</tbody>
                </table>
                <h3>"Slots"</h3>
                <table>
                    <thead><tr><th scope="col">"Slot"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{slots}</tbody>
                </table>
                <h3>"CSS parts"</h3>
                <table>
                    <thead><tr><th scope="col">"Part"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{parts}</tbody>
                </table>
                <h3>"CSS custom properties"</h3>
                <table>
                    <thead><tr><th scope="col">"Property"</th><th scope="col">"Type"</th><th scope="col">"Light theme"</th><th scope="col">"Description"</th></tr></thead>
                    <tbody>{css}</tbody>
                </table>
            </article>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_script_snippet_is_a_page_that_would_work() {
        let code = script_snippet(
            "bandeau-bar",
            &attrs(&[("app", "files"), ("product-name", "A \"B\" & <C>")]),
            Some("{\n \"categories\": []\n}"),
            None,
        );
        assert!(code.starts_with("<script type=\"module\" src=\"/pkg/bandeau.js\"></script>"));
        assert!(code.contains("\n  app=\"files\""));
        assert!(code.contains("product-name=\"A &quot;B&quot; &amp; &lt;C>\""));
        assert!(code.contains("element.navigation = {\"categories\":[]};"));
        assert!(!code.contains("element.user"));
    }

    #[test]
    fn the_react_snippet_sets_properties_through_a_ref() {
        let code = react_snippet(
            "bandeau-user-menu",
            &attrs(&[("logout-url", "https://x.example/'quit'")]),
            None,
            Some(r#"{"name": "Jördis"}"#),
        );
        assert!(code.contains("import 'bandeau/bandeau.js';"));
        assert!(code.contains("const user = {\"name\":\"Jördis\"};"));
        assert!(code.contains("useRef<HTMLElementTagNameMap['bandeau-user-menu']>"));
        assert!(code.contains("logout-url=\"https://x.example/'quit'\""));
        let plain = react_snippet("bandeau-login", &[], None, None);
        assert!(!plain.contains("useRef<"));
        assert!(plain.contains("<bandeau-login\n    />"));
    }

    #[test]
    fn every_element_lists_its_component_tokens() {
        for element in bandeau_elements::ELEMENTS.iter() {
            let properties = css_properties(element);
            assert!(!properties.is_empty(), "{}", element.tag);
            for group in element.token_groups {
                assert!(
                    properties
                        .iter()
                        .any(|p| p.name.starts_with(&format!("--bd-{group}-"))),
                    "{}: no --bd-{group}-*",
                    element.tag
                );
            }
        }
    }
}
