//! The controls panel: one field per attribute of the story's element
//! (from `bandeau-elements`), plus its `navigation` and `user` properties
//! as JSON. Edits go into the view, so the canvas and the URL follow.

use bandeau_elements::{Attribute, Element, Kind};
use leptos::prelude::*;

use crate::catalogue;
use crate::state::View;

/// Set from the toolbar, not here.
const TOOLBAR_ATTRIBUTES: [&str; 3] = ["lang", "theme", "brand"];

fn field_id(name: &str) -> String {
    format!("control-{name}")
}

/// The attribute's value in the story with the edits applied.
fn current(view: RwSignal<View>, name: &'static str) -> Option<String> {
    view.with(|v| {
        let story = catalogue::find(&v.story);
        v.attributes_over(&story.attributes)
            .into_iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value)
    })
}

fn set(view: RwSignal<View>, name: &'static str, value: String) {
    view.update(|v| {
        let value = (!value.is_empty()).then_some(value);
        v.set_attribute(name, value);
    });
}

fn control(view: RwSignal<View>, attribute: &'static Attribute) -> AnyView {
    let name = attribute.name;
    let id = field_id(name);
    // A list of checkboxes is named by its fieldset's legend: a `<label>`
    // cannot name a fieldset.
    let label = (!matches!(attribute.kind, Kind::List(_)))
        .then(|| view! { <label for=id.clone()><code>{name}</code></label> });
    let description = attribute.description;
    let field = match attribute.kind {
        Kind::Text | Kind::Url => view! {
            <input
                id=id
                type="text"
                spellcheck="false"
                placeholder=attribute.default.unwrap_or("")
                prop:value=move || current(view, name).unwrap_or_default()
                on:input=move |ev| set(view, name, event_target_value(&ev))
            />
        }
        .into_any(),
        Kind::Choice(options) => view! {
            <select id=id on:change=move |ev| set(view, name, event_target_value(&ev))>
                <option value="" selected=move || current(view, name).is_none()>"(not set)"</option>
                {options
                    .iter()
                    .map(|option| {
                        let option = *option;
                        view! {
                            <option
                                value=option
                                selected=move || current(view, name).as_deref() == Some(option)
                            >
                                {option}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Kind::List(options) => {
            let chosen = move || {
                current(view, name).map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_owned())
                        .collect::<Vec<_>>()
                })
            };
            view! {
                <fieldset id=id class="control-list">
                    <legend><code>{name}</code></legend>
                    {options
                        .iter()
                        .map(|option| {
                            let option = *option;
                            view! {
                                <label class="inline">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || {
                                            chosen().is_none_or(|list| list.iter().any(|o| o == option))
                                        }
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let mut list = chosen()
                                                .unwrap_or_else(|| options.iter().map(|o| (*o).to_owned()).collect());
                                            list.retain(|o| o != option);
                                            if on {
                                                list.push(option.to_owned());
                                            }
                                            // Keep the element's own order.
                                            let ordered: Vec<&str> = options
                                                .iter()
                                                .copied()
                                                .filter(|o| list.iter().any(|l| l == o))
                                                .collect();
                                            set(view, name, ordered.join(","));
                                        }
                                    />
                                    {option}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <div class="control">
            {label}
            {field}
            <p class="control-help">{description}</p>
        </div>
    }
    .into_any()
}

/// A property edited as JSON; the canvas only gets text that parses.
#[component]
fn JsonControl(
    view: RwSignal<View>,
    property: &'static str,
    /// The story's own value.
    original: Option<String>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let id = field_id(property);
    let label_for = id.clone();
    let help = format!("{property}-help");
    let described_by = help.clone();
    let value = move || {
        view.with(|v| match property {
            "navigation" => v.navigation.clone(),
            _ => v.user.clone(),
        })
        .or_else(|| original.clone())
        .unwrap_or_default()
    };
    view! {
        <div class="control control-json">
            <label for=label_for><code>{property}</code>" (JSON)"</label>
            <textarea
                id=id
                rows="8"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || problem.get().is_some().then_some("true")
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(_) => {
                            problem.set(None);
                            view.update(|v| {
                                let slot = match property {
                                    "navigation" => &mut v.navigation,
                                    _ => &mut v.user,
                                };
                                *slot = Some(text);
                            });
                        }
                        Err(e) => problem.set(Some(format!("{property}: not valid JSON: {e}"))),
                    }
                }
            ></textarea>
            <p id=help class="control-help" role="status">
                {move || problem.get().unwrap_or_else(|| "Applied as you type once it is valid JSON.".to_owned())}
            </p>
        </div>
    }
}

#[component]
pub fn Controls(view: RwSignal<View>) -> impl IntoView {
    let story_id = Memo::new(move |_| view.with(|v| v.story.clone()));
    move || {
        let story = catalogue::find(&story_id.get());
        let Some(element) = Element::find(story.tag) else {
            return view! { <p>"This element has no controls."</p> }.into_any();
        };
        let has = |name: &str| element.properties.iter().any(|p| p.name == name);
        let navigation = has("navigation").then(|| {
            view! { <JsonControl view=view property="navigation" original=story.navigation.clone() /> }
        });
        let user = has("user").then(
            || view! { <JsonControl view=view property="user" original=story.user.clone() /> },
        );
        view! {
            <form class="controls" on:submit=|ev| ev.prevent_default() aria-label="Controls">
                <p class="controls-intro">
                    "Attributes and properties of "<code>{format!("<{}>", story.tag)}</code>
                    "; "<code>"lang"</code>", "<code>"theme"</code>" and "<code>"brand"</code>
                    " are set in the toolbar."
                </p>
                <button type="button" on:click=move |_| view.update(|v| {
                    let id = v.story.clone();
                    v.select(&id);
                })>"Reset the story"</button>
                {element
                    .attributes()
                    .filter(|a| !TOOLBAR_ATTRIBUTES.contains(&a.name))
                    .map(|a| control(view, a))
                    .collect_view()}
                {navigation}
                {user}
            </form>
        }
        .into_any()
    }
}
