//! Named states of the user menu.

use crate::i18n::Lang;
use crate::story::{ElementStory, Play, USER_JSON};
use crate::Model;
use crate::{Theme, User};

#[derive(Clone, Debug)]
pub struct UserMenuStory {
    pub name: &'static str,
    pub user: User,
    pub lang: Lang,
    pub theme: Theme,
}

impl UserMenuStory {
    /// The story as the view is fed it.
    pub fn model(&self) -> Model {
        Model {
            user: self.user.clone(),
            lang: self.lang,
            theme: self.theme,
            ..Model::default()
        }
    }
}

pub fn sample_user() -> User {
    User {
        name: "Jördis Müller".to_owned(),
        email: "joerdis.mueller@example.org".to_owned(),
        avatar_url: None,
        profile_url: Some("https://portal.example.org/profile".to_owned()),
        settings_url: Some("https://portal.example.org/settings".to_owned()),
    }
}

pub fn stories() -> Vec<UserMenuStory> {
    let user = sample_user();
    vec![
        UserMenuStory {
            name: "initials-de",
            user: user.clone(),
            lang: Lang::De,
            theme: Theme::Auto,
        },
        UserMenuStory {
            name: "initials-en-dark",
            user: user.clone(),
            lang: Lang::En,
            theme: Theme::Dark,
        },
        UserMenuStory {
            name: "broken-avatar-fr",
            user: User {
                avatar_url: Some("/does-not-exist.png".to_owned()),
                ..user.clone()
            },
            lang: Lang::Fr,
            theme: Theme::HighContrast,
        },
        UserMenuStory {
            name: "hostile-name-no-links",
            user: User {
                name: "<img src=x onerror=alert(3)>".to_owned(),
                email: "<b>x</b>@example.org".to_owned(),
                avatar_url: None,
                profile_url: None,
                settings_url: None,
            },
            lang: Lang::De,
            theme: Theme::Light,
        },
    ]
}

/// The user menu as pages write it: see [`crate::story`].
pub fn element_stories() -> Vec<ElementStory> {
    let signed_in = ElementStory::new("user-menu/signed-in", "bandeau-user-menu", "Signed in")
        .attribute("logout-url", "https://portal.example.org/logout")
        .user(USER_JSON);
    vec![
        signed_in.clone(),
        ElementStory {
            id: "user-menu/open",
            title: "Open",
            ..signed_in.clone()
        }
        .play(Play::Open),
        ElementStory {
            id: "user-menu/avatar",
            title: "With avatar, open",
            ..signed_in
        }
        .attribute("avatar-url", "assets/avatar.svg")
        .play(Play::Open),
        ElementStory::new(
            "user-menu/attributes-only",
            "bandeau-user-menu",
            "From attributes",
        )
        .attribute("user-name", "Erika Mustermann")
        .attribute("user-email", "erika.mustermann@example.org")
        .attribute("profile-url", "https://portal.example.org/profile"),
    ]
}
