//! Every string the chrome shows or speaks, in German (the default, as in
//! openDesk), English and French.
//!
//! Strings are fields of one struct per language rather than lookups by
//! key, so a missing translation is a compile error, not a blank button.

/// A language the chrome speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    De,
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::De, Lang::En, Lang::Fr];

    /// The closest supported language for a BCP 47 tag (`de-AT` → German).
    /// Unknown or empty tags give German, the suite's default.
    pub fn from_tag(tag: &str) -> Lang {
        Lang::supported(tag).unwrap_or_default()
    }

    /// The supported language a BCP 47 tag names (`fr-CA` → French), or
    /// `None` for any other (`pt-BR`, empty).
    pub fn supported(tag: &str) -> Option<Lang> {
        let tag = tag.trim().as_bytes();
        let (primary, rest) = tag.split_at(tag.len().min(2));
        if !matches!(rest.first(), None | Some(b'-' | b'_')) {
            return None;
        }
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.tag().as_bytes()))
    }

    /// The supported languages of a comma-separated list (`de,en,fr`, as
    /// the login's `languages` attribute gives it), in its order, each
    /// once; other tags are left out.
    pub fn list(tags: &str) -> Vec<Lang> {
        let mut list = Vec::new();
        for lang in tags.split(',').filter_map(Lang::supported) {
            if !list.contains(&lang) {
                list.push(lang);
            }
        }
        list
    }

    /// The tag for `lang` attributes and the `language=` query parameter.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name, so people find theirs in any UI language.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

/// The UI texts of one language.
#[derive(Debug)]
pub struct Strings {
    pub launcher_button: &'static str,
    pub launcher_panel: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub no_results: &'static str,
    pub no_apps: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    /// Read after a link that opens a new tab (WCAG G201).
    pub opens_new_tab: &'static str,
    /// Read before the app name on the pin button: "Anheften: Mail".
    pub pin: &'static str,
    pub unpin: &'static str,
    pub unavailable: &'static str,
    pub pinned_apps: &'static str,
    pub portal: &'static str,
    pub current_app: &'static str,
    pub user_menu: &'static str,
    pub profile: &'static str,
    pub settings: &'static str,
    pub language: &'static str,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_auto: &'static str,
    pub theme_high_contrast: &'static str,
    pub logout: &'static str,
    /// The login's footer links, in the order of [`crate::login::LINKS`]:
    /// imprint, privacy, documentation, support, feedback.
    pub login_links: [&'static str; 5],
}

pub static DE: Strings = Strings {
    launcher_button: "Apps",
    launcher_panel: "Alle Apps",
    search_label: "Apps durchsuchen",
    search_placeholder: "Suchen",
    no_results: "Keine App gefunden",
    no_apps: "Keine Apps verfügbar",
    loading: "Apps werden geladen",
    load_failed: "Die Apps konnten nicht geladen werden.",
    retry: "Erneut versuchen",
    opens_new_tab: "öffnet in neuem Tab",
    pin: "Anheften",
    unpin: "Lösen",
    unavailable: "nicht verfügbar",
    pinned_apps: "Angeheftete Apps",
    portal: "Portal",
    current_app: "Aktuelle App",
    user_menu: "Benutzermenü",
    profile: "Profil",
    settings: "Einstellungen",
    language: "Sprache",
    theme: "Darstellung",
    theme_light: "Hell",
    theme_dark: "Dunkel",
    theme_auto: "Automatisch",
    theme_high_contrast: "Hoher Kontrast",
    logout: "Abmelden",
    login_links: [
        "Impressum",
        "Datenschutz",
        "Dokumentation",
        "Hilfe",
        "Feedback",
    ],
};

pub static EN: Strings = Strings {
    launcher_button: "Apps",
    launcher_panel: "All apps",
    search_label: "Search apps",
    search_placeholder: "Search",
    no_results: "No app found",
    no_apps: "No apps available",
    loading: "Loading apps",
    load_failed: "The apps could not be loaded.",
    retry: "Try again",
    opens_new_tab: "opens in a new tab",
    pin: "Pin",
    unpin: "Unpin",
    unavailable: "unavailable",
    pinned_apps: "Pinned apps",
    portal: "Portal",
    current_app: "Current app",
    user_menu: "User menu",
    profile: "Profile",
    settings: "Settings",
    language: "Language",
    theme: "Appearance",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_auto: "Automatic",
    theme_high_contrast: "High contrast",
    logout: "Log out",
    login_links: ["Imprint", "Privacy", "Documentation", "Support", "Feedback"],
};

pub static FR: Strings = Strings {
    launcher_button: "Applications",
    launcher_panel: "Toutes les applications",
    search_label: "Rechercher une application",
    search_placeholder: "Rechercher",
    no_results: "Aucune application trouvée",
    no_apps: "Aucune application disponible",
    loading: "Chargement des applications",
    load_failed: "Les applications n’ont pas pu être chargées.",
    retry: "Réessayer",
    opens_new_tab: "s’ouvre dans un nouvel onglet",
    pin: "Épingler",
    unpin: "Détacher",
    unavailable: "indisponible",
    pinned_apps: "Applications épinglées",
    portal: "Portail",
    current_app: "Application actuelle",
    user_menu: "Menu utilisateur",
    profile: "Profil",
    settings: "Paramètres",
    language: "Langue",
    theme: "Apparence",
    theme_light: "Clair",
    theme_dark: "Sombre",
    theme_auto: "Automatique",
    theme_high_contrast: "Contraste élevé",
    logout: "Se déconnecter",
    login_links: [
        "Mentions légales",
        "Confidentialité",
        "Documentation",
        "Assistance",
        "Votre avis",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_closest_language() {
        assert_eq!(Lang::from_tag("de-AT"), Lang::De);
        assert_eq!(Lang::from_tag("en_GB"), Lang::En);
        assert_eq!(Lang::from_tag("FR"), Lang::Fr);
        assert_eq!(Lang::from_tag(""), Lang::De);
        assert_eq!(Lang::from_tag("pt-BR"), Lang::De);
        assert_eq!(Lang::supported("pt-BR"), None);
        assert_eq!(Lang::supported(" fr-CA "), Some(Lang::Fr));
        assert_eq!(Lang::supported("deu"), None);
        assert_eq!(Lang::supported("d"), None);
        assert_eq!(Lang::supported("EN"), Some(Lang::En));
    }

    #[test]
    fn lists_keep_supported_languages_in_order_once() {
        assert_eq!(Lang::list("de,en,fr"), [Lang::De, Lang::En, Lang::Fr]);
        assert_eq!(
            Lang::list(" fr , es, en-GB,EN,,pt-BR"),
            [Lang::Fr, Lang::En]
        );
        assert!(Lang::list("").is_empty());
    }

    #[test]
    fn every_string_is_translated() {
        for lang in Lang::ALL {
            let s = lang.strings();
            for text in [
                s.launcher_button,
                s.launcher_panel,
                s.search_label,
                s.search_placeholder,
                s.no_results,
                s.no_apps,
                s.loading,
                s.load_failed,
                s.retry,
                s.opens_new_tab,
                s.pin,
                s.unpin,
                s.unavailable,
                s.pinned_apps,
                s.portal,
                s.current_app,
                s.user_menu,
                s.profile,
                s.settings,
                s.language,
                s.theme,
                s.theme_light,
                s.theme_dark,
                s.theme_auto,
                s.theme_high_contrast,
                s.logout,
            ]
            .into_iter()
            .chain(s.login_links)
            {
                assert!(!text.trim().is_empty(), "{lang:?}");
            }
        }
    }
}
