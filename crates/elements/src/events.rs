//! The events. All are `CustomEvent`s that bubble and are composed (they
//! leave the shadow root), so one listener on `document` hears every
//! element.

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    pub description: &'static str,
    /// Present only in some events of this name.
    pub optional: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Event {
    pub name: &'static str,
    pub description: &'static str,
    /// The `detail` object's members; empty with `detail_ts` `undefined`
    /// or `{}`.
    pub detail: &'static [Field],
    /// The detail's TypeScript type when it has no members.
    pub empty_detail_ts: &'static str,
    pub cancelable: bool,
    /// What `preventDefault()` stops; empty when not cancelable.
    pub when_cancelled: &'static str,
}

impl Event {
    /// `bandeau-language-change` → `BandeauLanguageChangeDetail`.
    pub fn detail_type(&self) -> String {
        let class = crate::class_name(self.name);
        format!("{}Detail", class.trim_end_matches("Element"))
    }

    /// The detail as a TypeScript type expression.
    pub fn detail_ts(&self) -> String {
        if self.detail.is_empty() {
            return self.empty_detail_ts.to_owned();
        }
        let members: Vec<String> = self
            .detail
            .iter()
            .map(|f| format!("{}{}: {}", f.name, if f.optional { "?" } else { "" }, f.ts))
            .collect();
        format!("{{ {} }}", members.join("; "))
    }
}

pub const EVENTS: [Event; 6] = [
    Event {
        name: "bandeau-ready",
        description: "The element is connected and rendered.",
        detail: &[],
        empty_detail_ts: "undefined",
        cancelable: false,
        when_cancelled: "",
    },
    Event {
        name: "bandeau-navigate",
        description: "A person chose an app in the launcher or a pinned app.",
        detail: &[
            Field {
                name: "identifier",
                ts: "string",
                description: "The entry's navigation `identifier`.",
                optional: false,
            },
            Field {
                name: "link",
                ts: "string",
                description: "The absolute, checked URL (http(s) only).",
                optional: false,
            },
            Field {
                name: "target",
                ts: "string",
                description: "The entry's target: `_self`, `_blank` or a window name.",
                optional: false,
            },
        ],
        empty_detail_ts: "",
        cancelable: true,
        when_cancelled: "The link is not followed: route inside your app instead.",
    },
    Event {
        name: "bandeau-logout",
        description: "Logout was chosen in the user menu.",
        detail: &[],
        empty_detail_ts: "Record<string, never>",
        cancelable: true,
        when_cancelled: "`logout-url` is not followed.",
    },
    Event {
        name: "bandeau-language-change",
        description: "A language was chosen in the user menu or the login page's picker; unless cancelled, every element of the page takes it, including elements connected later.",
        detail: &[Field {
            name: "language",
            ts: "'de' | 'en' | 'fr'",
            description: "The chosen language.",
            optional: false,
        }],
        empty_detail_ts: "",
        cancelable: true,
        when_cancelled: "The elements keep their `lang`, and `<bandeau-login>` does not follow `locale-url`.",
    },
    Event {
        name: "bandeau-theme-change",
        description: "A theme was chosen in the user menu; unless cancelled, every element of the page takes it, and it is remembered (other tabs follow).",
        detail: &[Field {
            name: "theme",
            ts: "'light' | 'dark' | 'auto' | 'high-contrast'",
            description: "The chosen theme.",
            optional: false,
        }],
        empty_detail_ts: "",
        cancelable: true,
        when_cancelled: "The theme is neither applied nor remembered.",
    },
    Event {
        name: "bandeau-error",
        description: "Something was dropped or failed; the element keeps working and also logs one console warning.",
        detail: &[
            Field {
                name: "source",
                ts: "string",
                description: "Where: the attribute's or property's name, `navigation`, `theme`, `brand` or `element`.",
                optional: false,
            },
            Field {
                name: "message",
                ts: "string",
                description: "What went wrong, in English.",
                optional: false,
            },
            Field {
                name: "count",
                ts: "number",
                description: "For `navigation`: how many problems the document had.",
                optional: true,
            },
            Field {
                name: "places",
                ts: "string[]",
                description: "For `navigation`: the first places, e.g. `categories[0].entries[2].link`.",
                optional: true,
            },
        ],
        empty_detail_ts: "",
        cancelable: false,
        when_cancelled: "",
    },
];
