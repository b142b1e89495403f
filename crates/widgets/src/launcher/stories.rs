//! Named states of the launcher. The browser tests render every one; the
//! preview will show them.

use crate::i18n::Lang;
use crate::story::{large_suite_json, ElementStory, Play, BROKEN_ICONS_JSON, SUITE_JSON};
use crate::Model;
use crate::NavigationState;
use bandeau_navigation::{parse, NavigationDocument};
use std::sync::Arc;

/// One example state: the launcher's inputs.
#[derive(Clone, Debug)]
pub struct LauncherStory {
    pub name: &'static str,
    pub nav: NavigationState,
    pub current: Option<String>,
    pub pinned: Vec<String>,
    pub lang: Lang,
}

impl LauncherStory {
    /// The story as the view is fed it.
    pub fn model(&self) -> Model {
        Model {
            nav: self.nav.clone(),
            current: self.current.clone(),
            pinned: self.pinned.clone(),
            lang: self.lang,
            ..Model::default()
        }
    }
}

/// A small suite: umlauts and keywords for the search, a `_blank` link, a
/// named target, a broken icon, an entry without a usable link, an empty
/// category, and a hostile display name that must show as text.
pub const SAMPLE_JSON: &str = r#"{
  "categories": [
    {
      "identifier": "domain-productivity",
      "display_name": "Produktivität",
      "entries": [
        {"identifier": "mail", "display_name": "E-Mail", "link": "/appsuite/",
         "icon_url": "/icons/mail.svg", "target": "tab_groupware", "keywords": ["Post", "Kalender"]},
        {"identifier": "files", "display_name": "Dateien", "link": "/files/",
         "icon_url": null, "target": "_self", "keywords": {"de": "Ablage", "en": "Storage"}},
        {"identifier": "office", "display_name": "Büro", "link": "https://office.example.org/",
         "icon_url": "data:,broken", "target": "_blank", "keywords": "Texte"},
        {"identifier": "chat", "display_name": "Chat", "link": "javascript:alert(1)",
         "icon_url": null, "target": "_self"}
      ]
    },
    {
      "identifier": "domain-other",
      "display_name": "<img src=x onerror=alert(1)>",
      "entries": [
        {"identifier": "hostile", "display_name": "<img src=x onerror=alert(2)>",
         "link": "/hostile/", "target": "_self"},
        {"identifier": "projects", "display_name": "Projekte", "link": "/projects/",
         "icon_url": "/does-not-exist.png", "target": "_self"}
      ]
    },
    {"identifier": "empty", "display_name": "Leer", "entries": []}
  ]
}"#;

pub const BASE: &str = "https://portal.example.org/univention/portal/";

/// The sample suite read as the embedding would read it.
pub fn sample_document() -> NavigationDocument {
    parse(SAMPLE_JSON, BASE, "de-DE")
        .expect("the sample document is readable")
        .0
}

pub fn stories() -> Vec<LauncherStory> {
    let ready = NavigationState::Ready(Arc::new(sample_document()));
    let story = |name, nav: &NavigationState, lang| LauncherStory {
        name,
        nav: nav.clone(),
        current: Some("files".to_owned()),
        pinned: vec!["mail".to_owned()],
        lang,
    };
    vec![
        story("ready-de", &ready, Lang::De),
        story("ready-en", &ready, Lang::En),
        story("ready-fr", &ready, Lang::Fr),
        story("loading", &NavigationState::Loading, Lang::De),
        story("failed", &NavigationState::Failed, Lang::De),
        story(
            "empty",
            &NavigationState::Ready(Arc::new(NavigationDocument::default())),
            Lang::De,
        ),
    ]
}

/// The launcher as pages write it: see [`crate::story`].
pub fn element_stories() -> Vec<ElementStory> {
    let closed = ElementStory::new("launcher/closed", "bandeau-launcher", "Closed")
        .attribute("app", "files")
        .navigation(SUITE_JSON);
    let open = ElementStory {
        id: "launcher/open",
        title: "Open",
        ..closed.clone()
    }
    .play(Play::Open);
    vec![
        closed,
        open.clone(),
        ElementStory {
            id: "launcher/filtered",
            title: "Filtered",
            ..open.clone()
        }
        .play(Play::Search("da")),
        ElementStory {
            id: "launcher/no-result",
            title: "No result",
            ..open.clone()
        }
        .play(Play::Search("Tabellenkalkulation")),
        ElementStory {
            id: "launcher/240-apps",
            title: "240 apps",
            ..open.clone()
        }
        .attribute("app", "app-17")
        .navigation(large_suite_json(240)),
        ElementStory {
            id: "launcher/broken-icons",
            title: "Broken icons",
            ..open
        }
        .navigation(BROKEN_ICONS_JSON),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_keeps_every_case_the_stories_need() {
        let doc = sample_document();
        let entries: Vec<_> = doc.categories.iter().flat_map(|c| &c.entries).collect();
        assert!(entries.iter().any(|e| e.display_name == "Büro"));
        assert!(
            entries.iter().any(|e| e.link.is_none()),
            "the javascript: link is dropped"
        );
        assert!(entries.iter().any(|e| e.display_name.contains("<img")));
        assert_eq!(stories().len(), 6);
    }
}
