//! The CSS parts each element documents (`bandeau-elements`, the source of
//! `custom-elements.json`) are exactly the parts its view renders across
//! its stories: no undocumented part a vendor could come to rely on, and
//! no documented part that does not exist.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_elements::Element;
use bandeau_widgets::{bar, launcher, login, user_menu, Model, View};
use std::collections::BTreeSet;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every part in the view's shadow root, closed and open. (Letters that
/// replace a failed image carry the same part as letters shown for a
/// missing one, which some story has.)
fn parts_of<V: View + 'static>(mounted: Mounted<V>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for open in [false, true] {
        mounted.set_open(open);
        for el in mounted.all("[part]") {
            let names = attr(&el, "part").unwrap_or_default();
            found.extend(names.split_whitespace().map(str::to_owned));
        }
    }
    found
}

fn rendered<V: View + 'static>(
    views: impl IntoIterator<Item = (V, Model)>,
    sheets: &[&str],
) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for (view, model) in views {
        all.extend(parts_of(mount_styled(view, model, false, sheets)));
    }
    all
}

fn documented(tag: &str) -> BTreeSet<String> {
    let element = Element::find(tag).expect("the element is documented");
    element.parts.iter().map(|p| p.name.to_owned()).collect()
}

/// The slots, likewise (`""` is the default slot).
fn documented_slots(tag: &str) -> BTreeSet<String> {
    let element = Element::find(tag).expect("the element is documented");
    element.slots.iter().map(|s| s.name.to_owned()).collect()
}

fn slots_of<V: View + 'static>(view: V, model: Model, sheets: &[&str]) -> BTreeSet<String> {
    let mounted = mount_styled(view, model, false, sheets);
    mounted
        .all("slot")
        .iter()
        .map(|slot| attr(slot, "name").unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn every_element_renders_exactly_its_documented_slots() {
    let model = || bar::stories::stories()[0].model();
    let cases = [
        (
            bandeau_elements::BAR,
            slots_of(bar::Bar::new(), model(), BAR_SHEETS),
        ),
        (
            bandeau_elements::LAUNCHER,
            slots_of(launcher::Launcher::new(), model(), BAR_SHEETS),
        ),
        (
            bandeau_elements::USER_MENU,
            slots_of(user_menu::UserMenu::new(), model(), BAR_SHEETS),
        ),
        (
            bandeau_elements::LOGIN,
            slots_of(
                login::Login::new(),
                login::stories::stories()[0].model(),
                &LOGIN_SHEETS,
            ),
        ),
    ];
    for (tag, rendered) in cases {
        assert_eq!(rendered, documented_slots(tag), "{tag}: slots");
    }
}

fn compare(tag: &str, rendered: BTreeSet<String>) {
    let documented = documented(tag);
    let undocumented: Vec<_> = rendered.difference(&documented).collect();
    let missing: Vec<_> = documented.difference(&rendered).collect();
    assert!(
        undocumented.is_empty() && missing.is_empty(),
        "{tag}: rendered but not in bandeau-elements: {undocumented:?}; \
         documented but never rendered by a story: {missing:?}"
    );
}

const BAR_SHEETS: &[&str] = &[
    bandeau_widgets::SHARED_CSS,
    bandeau_widgets::LAUNCHER_CSS,
    bandeau_widgets::BAR_CSS,
    bandeau_widgets::USER_MENU_CSS,
];

#[wasm_bindgen_test]
fn the_bar_renders_exactly_its_documented_parts() {
    let views = bar::stories::stories()
        .into_iter()
        .map(|s| (bar::Bar::new(), s.model()));
    compare(bandeau_elements::BAR, rendered(views, BAR_SHEETS));
}

#[wasm_bindgen_test]
fn the_launcher_renders_exactly_its_documented_parts() {
    let views = launcher::stories::stories()
        .into_iter()
        .map(|s| (launcher::Launcher::new(), s.model()));
    compare(bandeau_elements::LAUNCHER, rendered(views, BAR_SHEETS));
}

#[wasm_bindgen_test]
fn the_user_menu_renders_exactly_its_documented_parts() {
    let views = user_menu::stories::stories()
        .into_iter()
        .map(|s| (user_menu::UserMenu::new(), s.model()));
    compare(bandeau_elements::USER_MENU, rendered(views, BAR_SHEETS));
}

#[wasm_bindgen_test]
fn the_login_renders_exactly_its_documented_parts() {
    let views = login::stories::stories()
        .into_iter()
        .map(|s| (login::Login::new(), s.model()));
    compare(bandeau_elements::LOGIN, rendered(views, &LOGIN_SHEETS));
}
