//! The four elements, with what each one has beyond the shared attributes.

use crate::{Attribute, Field, ATTRIBUTES, BAR, LAUNCHER, LOGIN, USER_MENU};

#[derive(Clone, Copy, Debug)]
pub struct Property {
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Method {
    pub name: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Slot {
    /// Empty for the default slot.
    pub name: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Part {
    pub name: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub struct Element {
    pub tag: &'static str,
    pub summary: &'static str,
    pub properties: &'static [Property],
    pub methods: &'static [Method],
    pub events: &'static [&'static str],
    pub slots: &'static [Slot],
    pub parts: &'static [Part],
    /// The token groups (`tokens/components/<group>.json`) its CSS reads;
    /// their custom properties are the element's styling API.
    pub token_groups: &'static [&'static str],
}

impl Element {
    /// The attributes that have an effect on this element.
    pub fn attributes(&self) -> impl Iterator<Item = &'static Attribute> + '_ {
        ATTRIBUTES.iter().filter(|a| a.elements.contains(&self.tag))
    }

    pub fn class_name(&self) -> String {
        crate::class_name(self.tag)
    }

    pub fn find(tag: &str) -> Option<&'static Element> {
        ELEMENTS.iter().find(|e| e.tag == tag)
    }
}

const NAVIGATION: Property = Property {
    name: "navigation",
    ts: "NavigationDocument | string | null",
    description: "A navigation document (object or JSON text) instead of `nav-url`, e.g. one your backend already fetched. `null` goes back to `nav-url`. In a navigation document, however it comes, an entry's `link` must be `http:`, `https:` or relative; its `icon_url` may also be a `data:` URL whose media type is `image/<subtype>` (any image type; `name=value` parameters and a final `;base64` allowed, no spaces), because an icon is only ever shown as an `<img>`, which runs no script, not even an SVG's. A `data:` link, any other scheme and any other `data:` icon are dropped and reported in one `bandeau-error`; an entry without a usable icon shows its monogram, as it does when your `img-src` does not allow `data:`.",
};

const USER: Property = Property {
    name: "user",
    ts: "BandeauUser | null",
    description: "`{ name, email, avatarUrl, profileUrl, settingsUrl }`, replacing what the `user-*` attributes said.",
};

/// The members of the `user` property's object (`BandeauUser`); each is
/// optional, and the URLs are checked like URL attributes.
pub const USER_FIELDS: [Field; 5] = [
    Field {
        name: "name",
        ts: "string",
        description: "The person's name; its initials stand in for a missing avatar.",
        optional: true,
    },
    Field {
        name: "email",
        ts: "string",
        description: "The person's e-mail address.",
        optional: true,
    },
    Field {
        name: "avatarUrl",
        ts: "string",
        description: "The avatar image; initials are shown without it or when it fails to load.",
        optional: true,
    },
    Field {
        name: "profileUrl",
        ts: "string",
        description: "The profile link in the user menu.",
        optional: true,
    },
    Field {
        name: "settingsUrl",
        ts: "string",
        description: "The settings link in the user menu.",
        optional: true,
    },
];

const REFRESH: Method = Method {
    name: "refresh",
    description: "Reads the navigation again (the `navigation` property, else `nav-url`).",
};

const fn disclosure(what: &'static str) -> [Method; 3] {
    [
        Method {
            name: "open",
            description: what,
        },
        Method {
            name: "close",
            description: what,
        },
        Method {
            name: "toggle",
            description: what,
        },
    ]
}

const LAUNCHER_METHODS: [Method; 4] = {
    let [open, close, toggle] = disclosure("Opens, closes or toggles the launcher panel.");
    [open, close, toggle, REFRESH]
};
const USER_MENU_METHODS: [Method; 3] = disclosure("Opens, closes or toggles the user menu.");

const LAUNCHER_PARTS: [Part; 13] = [
    Part {
        name: "launcher",
        description: "The launcher: its button and panel.",
    },
    Part {
        name: "launcher-button",
        description: "The button that opens the launcher.",
    },
    Part {
        name: "panel",
        description: "The launcher's panel: the search field and the apps.",
    },
    Part {
        name: "search",
        description: "The search field.",
    },
    Part {
        name: "results",
        description: "The list of categories and apps.",
    },
    Part {
        name: "category",
        description: "One category.",
    },
    Part {
        name: "category-name",
        description: "A category's heading.",
    },
    Part {
        name: "tile",
        description: "One app: its link and its pin button.",
    },
    Part {
        name: "app",
        description: "An app's link.",
    },
    Part {
        name: "app-icon",
        description: "An app's icon (or its monogram).",
    },
    Part {
        name: "app-name",
        description: "An app's name.",
    },
    Part {
        name: "monogram",
        description: "The letters shown for an app without a usable icon.",
    },
    Part {
        name: "pin-button",
        description: "The button that pins or unpins an app.",
    },
];

const STATE_PARTS: [Part; 2] = [
    Part {
        name: "state",
        description: "The loading, empty, no-result or error message.",
    },
    Part {
        name: "retry-button",
        description: "Retry after the navigation failed to load.",
    },
];

const USER_MENU_PARTS: [Part; 12] = [
    Part {
        name: "user-menu",
        description: "The user menu: its button and panel.",
    },
    Part {
        name: "user-button",
        description: "The button with the avatar that opens the menu.",
    },
    Part {
        name: "user-panel",
        description: "The menu's panel.",
    },
    Part {
        name: "avatar",
        description: "The avatar image or initials.",
    },
    Part {
        name: "initials",
        description: "The initials shown without a usable avatar.",
    },
    Part {
        name: "identity",
        description: "The name and e-mail at the top of the menu.",
    },
    Part {
        name: "user-name",
        description: "The person's name.",
    },
    Part {
        name: "user-email",
        description: "The person's e-mail address.",
    },
    Part {
        name: "menu-item",
        description: "A link or button in the menu.",
    },
    Part {
        name: "language-option",
        description: "One language choice.",
    },
    Part {
        name: "theme-option",
        description: "One theme choice.",
    },
    Part {
        name: "logout-button",
        description: "The logout button.",
    },
];

const BAR_PARTS: [Part; 8] = [
    Part {
        name: "bar",
        description: "The bar itself (a `header`).",
    },
    Part {
        name: "logo",
        description: "The logo, linking to `portal-url`.",
    },
    Part {
        name: "product-name",
        description: "The product name.",
    },
    Part {
        name: "current-app",
        description: "The current app's name.",
    },
    Part {
        name: "pinned",
        description: "The strip of pinned apps.",
    },
    Part {
        name: "pinned-app",
        description: "One pinned app's link.",
    },
    Part {
        name: "search-slot",
        description: "The box around the `search` slot.",
    },
    Part {
        name: "actions",
        description: "The box around the `actions` slot.",
    },
];

const fn join<const A: usize, const B: usize, const N: usize>(
    a: [Part; A],
    b: [Part; B],
) -> [Part; N] {
    let mut out = [Part {
        name: "",
        description: "",
    }; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

const LAUNCHER_ALL: [Part; 15] = join(LAUNCHER_PARTS, STATE_PARTS);
const BAR_LAUNCHER: [Part; 23] = join(BAR_PARTS, LAUNCHER_ALL);
const BAR_ALL: [Part; 35] = join(BAR_LAUNCHER, USER_MENU_PARTS);

const LOGIN_PARTS: [Part; 13] = [
    Part {
        name: "page",
        description: "The whole page.",
    },
    Part {
        name: "background",
        description: "The `background-url` image (decorative).",
    },
    Part {
        name: "card",
        description: "The card with the header and the form.",
    },
    Part {
        name: "header",
        description: "The header: logo, product name, slogan and language picker.",
    },
    Part {
        name: "logo",
        description: "The `logo-url` image.",
    },
    Part {
        name: "product-name",
        description: "The product name (the page's heading).",
    },
    Part {
        name: "slogan",
        description: "The slogan.",
    },
    Part {
        name: "languages",
        description: "The language picker.",
    },
    Part {
        name: "language-option",
        description: "One language's button.",
    },
    Part {
        name: "main",
        description: "The box around the identity provider's form.",
    },
    Part {
        name: "info",
        description: "The box around the `info` slot.",
    },
    Part {
        name: "footer",
        description: "The footer with the legal and help links.",
    },
    Part {
        name: "footer-link",
        description: "One footer link.",
    },
];

pub const ELEMENTS: [Element; 4] = [
    Element {
        tag: BAR,
        summary: "The whole top bar: logo linking to the portal, product name, current app, launcher, pinned apps, your slotted content and the user menu.",
        properties: &[NAVIGATION, USER],
        methods: &LAUNCHER_METHODS,
        events: &["bandeau-ready", "bandeau-navigate", "bandeau-logout", "bandeau-language-change", "bandeau-theme-change", "bandeau-error"],
        slots: &[
            Slot { name: "search", description: "Your search field, between the pinned apps and the user menu." },
            Slot { name: "actions", description: "Your buttons (notifications, help …) before the user menu." },
        ],
        parts: &BAR_ALL,
        token_groups: &["bar", "launcher", "user-menu"],
    },
    Element {
        tag: LAUNCHER,
        summary: "Only the app launcher (button and panel), for a vendor that keeps its own header.",
        properties: &[NAVIGATION],
        methods: &LAUNCHER_METHODS,
        events: &["bandeau-ready", "bandeau-navigate", "bandeau-error"],
        slots: &[],
        parts: &LAUNCHER_ALL,
        token_groups: &["launcher"],
    },
    Element {
        tag: USER_MENU,
        summary: "Only the user menu: avatar or initials, name, e-mail, profile, settings, language, theme and logout.",
        properties: &[USER],
        methods: &USER_MENU_METHODS,
        events: &["bandeau-ready", "bandeau-logout", "bandeau-language-change", "bandeau-theme-change", "bandeau-error"],
        slots: &[],
        parts: &USER_MENU_PARTS,
        token_groups: &["user-menu"],
    },
    Element {
        tag: LOGIN,
        summary: "The login page's chrome around an identity provider's form: logo, product name, language picker, background and legal links.",
        properties: &[],
        methods: &[],
        events: &["bandeau-ready", "bandeau-language-change", "bandeau-error"],
        slots: &[
            Slot { name: "", description: "The identity provider's form; it stays in your page, so password managers and the IdP's scripts work as usual." },
            Slot { name: "info", description: "The identity provider's messages (errors, notices) above the form." },
            Slot { name: "footer", description: "Extra footer content after the links." },
        ],
        parts: &LOGIN_PARTS,
        token_groups: &["login"],
    },
];

pub const TAG_NAMES: [&str; ELEMENTS.len()] = {
    let mut names = [""; ELEMENTS.len()];
    let mut i = 0;
    while i < ELEMENTS.len() {
        names[i] = ELEMENTS[i].tag;
        i += 1;
    }
    names
};
