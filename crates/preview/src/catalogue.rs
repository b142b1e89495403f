//! The stories the preview shows: the element stories of
//! `bandeau-widgets`, and the canvas's instructions for one of them in the
//! current view.

use std::sync::OnceLock;

use bandeau_widgets::story::{element_stories, ElementStory, Play};
use serde_json::json;

use crate::state::View;

pub fn stories() -> &'static [ElementStory] {
    static STORIES: OnceLock<Vec<ElementStory>> = OnceLock::new();
    STORIES.get_or_init(element_stories)
}

pub fn find(id: &str) -> &'static ElementStory {
    let all = stories();
    all.iter().find(|s| s.id == id).unwrap_or(&all[0])
}

/// Components in sidebar order with their stories.
pub fn groups() -> Vec<(&'static str, Vec<&'static ElementStory>)> {
    let mut out: Vec<(&'static str, Vec<&'static ElementStory>)> = Vec::new();
    for story in stories() {
        match out.iter_mut().find(|(tag, _)| *tag == story.tag) {
            Some((_, list)) => list.push(story),
            None => out.push((story.tag, vec![story])),
        }
    }
    out
}

/// How the toolbar's brand reaches the element.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrandSetting {
    /// The `brand` attribute: a brand document the element fetches.
    pub document: Option<String>,
    /// A `data-brand` value the injected brand CSS selects on.
    pub data_brand: Option<String>,
}

/// The canvas's instructions (`canvas.js`'s `render`) as JSON.
pub fn spec(
    story: &ElementStory,
    view: &View,
    theme: &str,
    lang: &str,
    brand: &BrandSetting,
) -> String {
    let attributes: Vec<(String, String)> = view
        .attributes_over(&story.attributes)
        .into_iter()
        // The toolbar owns these three.
        .filter(|(name, _)| !matches!(name.as_str(), "lang" | "theme" | "brand"))
        .collect();
    let play: Vec<serde_json::Value> = story
        .play
        .iter()
        .map(|action| match action {
            Play::Open => json!({"open": true}),
            Play::Search(text) => json!({"search": text}),
        })
        .collect();
    json!({
        "id": story.id,
        "tag": story.tag,
        "attributes": attributes,
        "navigation": view.navigation.as_ref().or(story.navigation.as_ref()),
        "user": view.user.as_ref().or(story.user.as_ref()),
        "width": story.width,
        "storage": story.storage,
        "network": story.network.name(),
        "play": play,
        "theme": theme,
        "lang": lang,
        "dir": if view.rtl { "rtl" } else { "ltr" },
        "zoom": view.zoom,
        "brand": brand.document,
        "dataBrand": brand.data_brand,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_elements_and_keep_every_story() {
        let groups = groups();
        let tags: Vec<&str> = groups.iter().map(|(tag, _)| *tag).collect();
        assert_eq!(tags, bandeau_elements::TAG_NAMES.to_vec());
        let count: usize = groups.iter().map(|(_, list)| list.len()).sum();
        assert_eq!(count, stories().len());
    }

    #[test]
    fn an_unknown_id_opens_the_first_story() {
        assert_eq!(find("nope/never").id, stories()[0].id);
        assert_eq!(find("launcher/open").id, "launcher/open");
    }

    #[test]
    fn the_spec_applies_edits_and_leaves_the_toolbar_attributes_to_the_toolbar() {
        let story = find("launcher/filtered");
        let mut view = View::new(story.id);
        view.set_attribute("app", Some("mail".into()));
        view.set_attribute("lang", Some("fr".into()));
        view.rtl = true;
        let brand = BrandSetting {
            document: Some("brands/green.json".into()),
            data_brand: None,
        };
        let spec: serde_json::Value =
            serde_json::from_str(&spec(story, &view, "dark", "en", &brand)).unwrap();
        assert_eq!(spec["tag"], "bandeau-launcher");
        assert_eq!(spec["attributes"], json!([["app", "mail"]]));
        assert_eq!(spec["theme"], "dark");
        assert_eq!(spec["lang"], "en");
        assert_eq!(spec["dir"], "rtl");
        assert_eq!(spec["brand"], "brands/green.json");
        assert_eq!(spec["play"], json!([{"open": true}, {"search": "da"}]));
        assert!(spec["navigation"].as_str().unwrap().contains("Dateien"));
    }
}
