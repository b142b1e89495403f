//! Named states of the bar.

use crate::i18n::Lang;
use crate::launcher::stories::sample_document;
use crate::story::{
    navigation_cache_key, ElementStory, Network, LONG_NAMES_JSON, PINNED_KEY, SUITE_JSON, USER_JSON,
};
use crate::user_menu::stories::sample_user;
use crate::Model;
use crate::{NavigationState, User};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct BarStory {
    pub name: &'static str,
    pub nav: NavigationState,
    pub current: Option<String>,
    pub pinned: Vec<String>,
    pub lang: Lang,
    pub product_name: String,
    pub portal_url: Option<String>,
    pub user: Option<User>,
}

impl BarStory {
    /// The story as the view is fed it.
    pub fn model(&self) -> Model {
        Model {
            nav: self.nav.clone(),
            current: self.current.clone(),
            pinned: self.pinned.clone(),
            lang: self.lang,
            user: self.user.clone().unwrap_or_default(),
            portal_url: self.portal_url.clone(),
            product_name: self.product_name.clone(),
            ..Model::default()
        }
    }
}

pub fn stories() -> Vec<BarStory> {
    let ready = NavigationState::Ready(Arc::new(sample_document()));
    let base = BarStory {
        name: "signed-in-de",
        nav: ready,
        current: Some("files".to_owned()),
        pinned: vec!["mail".to_owned(), "office".to_owned()],
        lang: Lang::De,
        product_name: "openDesk".to_owned(),
        portal_url: Some("https://portal.example.org/".to_owned()),
        user: Some(sample_user()),
    };
    vec![
        base.clone(),
        BarStory {
            name: "signed-in-en",
            lang: Lang::En,
            ..base.clone()
        },
        BarStory {
            name: "anonymous-fr",
            lang: Lang::Fr,
            user: None,
            pinned: Vec::new(),
            ..base.clone()
        },
        BarStory {
            name: "loading",
            nav: NavigationState::Loading,
            current: None,
            ..base.clone()
        },
        BarStory {
            name: "failed",
            nav: NavigationState::Failed,
            ..base
        },
    ]
}

/// The bar as pages write it: see [`crate::story`].
pub fn element_stories() -> Vec<ElementStory> {
    let default = ElementStory::new("bar/default", "bandeau-bar", "Default")
        .attribute("app", "files")
        .attribute("product-name", "openDesk")
        .attribute("portal-url", "https://portal.example.org/")
        .navigation(SUITE_JSON)
        .user(USER_JSON);
    // The portal's document fetched from `nav-url`, through whatever the
    // story's network does.
    let fetching = || {
        let mut story = default.clone().attribute("nav-url", "navigation.json");
        story.navigation = None;
        story
    };
    // What an earlier visit with this suite left in storage.
    let cached = || {
        [Lang::De, Lang::En, Lang::Fr]
            .into_iter()
            .fold(fetching(), |story, lang| {
                story.stored(navigation_cache_key(lang), SUITE_JSON)
            })
    };
    vec![
        default.clone(),
        ElementStory {
            id: "bar/pinned-apps",
            title: "Pinned apps",
            ..default.clone()
        }
        .stored(PINNED_KEY, "mail\noffice\nchat"),
        ElementStory {
            id: "bar/long-names",
            title: "Long names",
            ..default.clone()
        }
        .attribute("product-name", "Landesportal für Verwaltungszusammenarbeit")
        .navigation(LONG_NAMES_JSON)
        .user(
            r#"{"name": "Maximiliane Alexandra von Hohenzollern-Sigmaringen",
                "email": "maximiliane.von.hohenzollern-sigmaringen@verwaltung.example.org"}"#,
        ),
        ElementStory {
            id: "bar/narrow",
            title: "Narrow (320 px)",
            ..default.clone()
        }
        .width(320),
        ElementStory {
            id: "bar/loading",
            title: "Loading",
            ..fetching()
        }
        .network(Network::Stalled),
        ElementStory {
            id: "bar/error",
            title: "Error",
            ..fetching()
        }
        .network(Network::Offline),
        ElementStory {
            id: "bar/offline-cached",
            title: "Offline, cached",
            ..cached()
        }
        .network(Network::Offline),
    ]
}
