//! Stories at the level vendors work at: one custom element as a page
//! writes it (tag, attributes, the `navigation` and `user` properties),
//! plus what the page around it does (a narrow column, a network that
//! never answers, what an earlier visit left in storage) and what a person
//! does first (open the launcher, type in its search).
//!
//! Plain data, so the preview's sidebar, its canvas and the browser tests
//! all read the same list. The view-level stories next to them
//! (`stories()` in each component) feed the views' own wasm tests.

/// The apps of the element stories. Icons and links are relative: without a
/// `base` attribute the elements join them with the page's URL, so the
/// stories' icons load from the preview's own `assets/`, served or exported.
pub const SUITE_JSON: &str = r#"{
  "categories": [
    {
      "identifier": "productivity",
      "display_name": "Produktivität",
      "entries": [
        {"identifier": "mail", "display_name": "E-Mail", "link": "apps/mail/",
         "icon_url": "assets/icons/mail.svg", "target": "_self", "keywords": ["Post", "Kalender"]},
        {"identifier": "files", "display_name": "Dateien", "link": "apps/files/",
         "icon_url": "assets/icons/files.svg", "target": "_self", "keywords": {"de": "Ablage", "en": "Storage"}},
        {"identifier": "office", "display_name": "Büro", "link": "apps/office/",
         "icon_url": "assets/icons/office.svg", "target": "_blank", "keywords": "Texte"},
        {"identifier": "calendar", "display_name": "Kalender", "link": "apps/calendar/",
         "icon_url": "assets/icons/calendar.svg", "target": "_self"}
      ]
    },
    {
      "identifier": "collaboration",
      "display_name": "Zusammenarbeit",
      "entries": [
        {"identifier": "chat", "display_name": "Chat", "link": "apps/chat/",
         "icon_url": "assets/icons/chat.svg", "target": "_self"},
        {"identifier": "projects", "display_name": "Projekte", "link": "apps/projects/",
         "icon_url": null, "target": "_self"},
        {"identifier": "wiki", "display_name": "Wissen", "link": "apps/wiki/",
         "icon_url": null, "target": "_self"}
      ]
    }
  ]
}"#;

/// The same suite with names as long as real ones get.
pub const LONG_NAMES_JSON: &str = r#"{
  "categories": [
    {
      "identifier": "administration",
      "display_name": "Verwaltungs- und Fachverfahrensanwendungen der Landesbehörden",
      "entries": [
        {"identifier": "mail", "display_name": "Elektronisches Postfach und Terminverwaltung", "link": "apps/mail/",
         "icon_url": "assets/icons/mail.svg", "target": "_self"},
        {"identifier": "files", "display_name": "Dokumentenablage mit Versionsverwaltung", "link": "apps/files/",
         "icon_url": "assets/icons/files.svg", "target": "_self"},
        {"identifier": "procedures", "display_name": "Fachverfahren Kraftfahrzeugzulassungsangelegenheiten", "link": "apps/procedures/",
         "icon_url": null, "target": "_self"}
      ]
    }
  ]
}"#;

/// Icons that are there but are not images: the tiles fall back to the
/// app's monogram, with no network error in the console.
pub const BROKEN_ICONS_JSON: &str = r#"{
  "categories": [
    {
      "identifier": "productivity",
      "display_name": "Produktivität",
      "entries": [
        {"identifier": "mail", "display_name": "E-Mail", "link": "apps/mail/",
         "icon_url": "assets/not-an-image.txt", "target": "_self"},
        {"identifier": "files", "display_name": "Dateien", "link": "apps/files/",
         "icon_url": "assets/not-an-image.txt?files", "target": "_self"},
        {"identifier": "office", "display_name": "Büro", "link": "apps/office/",
         "icon_url": "assets/icons/office.svg", "target": "_self"}
      ]
    }
  ]
}"#;

/// A suite of `apps` apps in categories of twenty, as a large portal has.
pub fn large_suite_json(apps: usize) -> String {
    let mut categories = Vec::new();
    for (index, chunk) in (0..apps).collect::<Vec<_>>().chunks(20).enumerate() {
        let entries: Vec<String> = chunk
            .iter()
            .map(|n| {
                format!(
                    r#"{{"identifier": "app-{n}", "display_name": "Anwendung {n}", "link": "apps/{n}/", "target": "_self"}}"#
                )
            })
            .collect();
        categories.push(format!(
            r#"{{"identifier": "group-{index}", "display_name": "Bereich {}", "entries": [{}]}}"#,
            index + 1,
            entries.join(", ")
        ));
    }
    format!(r#"{{"categories": [{}]}}"#, categories.join(", "))
}

/// The `user` property of the stories.
pub const USER_JSON: &str = r#"{"name": "Jördis Müller", "email": "joerdis.mueller@example.org",
  "avatarUrl": null, "profileUrl": "https://portal.example.org/profile",
  "settingsUrl": "https://portal.example.org/settings"}"#;

/// The storage key the elements cache a language's navigation under.
pub fn navigation_cache_key(lang: crate::Lang) -> String {
    format!("bandeau.navigation.{}", lang.tag())
}

/// The storage key of the apps a person pinned, one identifier a line.
pub const PINNED_KEY: &str = "bandeau.pinned";

/// What the network does for the element's requests while the story shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Network {
    #[default]
    Online,
    /// Requests stay pending for as long as the story shows.
    Stalled,
    /// Requests fail as they do without a connection.
    Offline,
}

impl Network {
    pub fn name(self) -> &'static str {
        match self {
            Network::Online => "online",
            Network::Stalled => "stalled",
            Network::Offline => "offline",
        }
    }
}

/// What a person does once the element is on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Play {
    /// Calls the element's `open()` method.
    Open,
    /// Types into the launcher's search field.
    Search(&'static str),
}

/// One custom element in one state.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementStory {
    /// `component/state`, stable: URLs and tests name stories by it.
    pub id: &'static str,
    pub tag: &'static str,
    pub title: &'static str,
    /// Attribute values as a page writes them, in order.
    pub attributes: Vec<(&'static str, String)>,
    /// The `navigation` property, as JSON text.
    pub navigation: Option<String>,
    /// The `user` property, as JSON text.
    pub user: Option<String>,
    /// The width of the column the element sits in, in CSS pixels.
    pub width: Option<u32>,
    /// `localStorage` entries an earlier visit left; everything else of
    /// the elements' storage is cleared before the story renders.
    pub storage: Vec<(String, String)>,
    pub network: Network,
    pub play: Vec<Play>,
}

impl ElementStory {
    pub fn new(id: &'static str, tag: &'static str, title: &'static str) -> Self {
        ElementStory {
            id,
            tag,
            title,
            attributes: Vec::new(),
            navigation: None,
            user: None,
            width: None,
            storage: Vec::new(),
            network: Network::Online,
            play: Vec::new(),
        }
    }

    pub fn attribute(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attributes.retain(|(known, _)| *known != name);
        self.attributes.push((name, value.into()));
        self
    }

    pub fn without(mut self, name: &str) -> Self {
        self.attributes.retain(|(known, _)| *known != name);
        self
    }

    pub fn navigation(mut self, json: impl Into<String>) -> Self {
        self.navigation = Some(json.into());
        self
    }

    pub fn user(mut self, json: impl Into<String>) -> Self {
        self.user = Some(json.into());
        self
    }

    pub fn width(mut self, pixels: u32) -> Self {
        self.width = Some(pixels);
        self
    }

    pub fn stored(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.storage.push((key.into(), value.into()));
        self
    }

    pub fn network(mut self, network: Network) -> Self {
        self.network = network;
        self
    }

    pub fn play(mut self, action: Play) -> Self {
        self.play.push(action);
        self
    }

    /// The component part of the id: what the sidebar groups by.
    pub fn component(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }
}

/// Every element story, grouped by component in sidebar order.
pub fn element_stories() -> Vec<ElementStory> {
    let mut all = crate::bar::stories::element_stories();
    all.extend(crate::launcher::stories::element_stories());
    all.extend(crate::user_menu::stories::element_stories());
    all.extend(crate::login::stories::element_stories());
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use bandeau_navigation::parse;

    #[test]
    fn ids_are_unique_and_name_their_component() {
        let stories = element_stories();
        let mut ids: Vec<&str> = stories.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), stories.len(), "a story id is used twice");
        for story in &stories {
            assert!(
                story.tag.starts_with("bandeau-"),
                "{}: {}",
                story.id,
                story.tag
            );
            let component = story.component();
            assert_eq!(
                story.tag.trim_start_matches("bandeau-"),
                component,
                "{}",
                story.id
            );
            assert!(story.id.len() > component.len() + 1, "{}", story.id);
        }
    }

    #[test]
    fn every_navigation_document_reads_cleanly() {
        for story in element_stories() {
            let stored = story
                .storage
                .iter()
                .filter(|(k, _)| k.starts_with("bandeau.navigation."))
                .map(|(_, v)| v.clone());
            for json in story.navigation.iter().cloned().chain(stored) {
                let (document, problems) = parse(&json, "https://preview.example/", "de")
                    .unwrap_or_else(|e| panic!("{}: {e:?}", story.id));
                assert!(problems.is_empty(), "{}: {problems:?}", story.id);
                assert!(!document.categories.is_empty(), "{}", story.id);
            }
        }
    }

    #[test]
    fn the_large_suite_has_the_apps_asked_for() {
        let (document, problems) =
            parse(&large_suite_json(240), "https://preview.example/", "de").unwrap();
        assert!(problems.is_empty());
        let apps: usize = document.categories.iter().map(|c| c.entries.len()).sum();
        assert_eq!(apps, 240);
        assert_eq!(document.categories.len(), 12);
    }

    #[test]
    fn later_attributes_replace_earlier_ones() {
        let story = ElementStory::new("bar/x", "bandeau-bar", "X")
            .attribute("app", "mail")
            .attribute("app", "files");
        assert_eq!(story.attributes, vec![("app", "files".to_owned())]);
    }
}
