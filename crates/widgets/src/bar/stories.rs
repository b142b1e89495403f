//! Named states of the bar.

use crate::i18n::Lang;
use crate::launcher::stories::sample_document;
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
