//! The navigation model and its lenient reader.
//!
//! Portals differ by version and by admin, so the reader takes whatever it
//! can use from any JSON value and writes down the rest as [`Problem`]s: a
//! half-broken portal should still give people their apps. It fails only
//! when there is nothing to show at all.

use crate::link::Base;
use crate::problem::Problem;
use crate::search;
use crate::text::{self, kind, short, MAX_CHARS};
use bandeau_json::{Json as Value, Kind};

/// Keywords kept per entry; more only slow the search down.
pub const MAX_KEYWORDS: usize = 50;

/// Problems listed one by one; the rest are counted in a last one. A
/// hostile document could otherwise produce one per element and the list
/// would outweigh the document.
pub const MAX_PROBLEMS: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavigationDocument {
    pub categories: Vec<Category>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub identifier: String,
    /// Falls back to the identifier; empty only if both were missing.
    pub display_name: String,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Empty if the portal sent none (the entry still has a name).
    pub identifier: String,
    /// Never empty: falls back to the identifier.
    pub display_name: String,
    /// An absolute `http(s)` URL, or a relative reference when no usable
    /// base was given. `None` when the portal's link was missing or unsafe:
    /// the entry is kept and shown disabled, so people see that the app
    /// exists and can tell their admin, instead of it silently vanishing.
    pub link: Option<String>,
    /// Same rules as `link`, and `data:image/…` URLs are kept too (they
    /// only go into an `<img>`; see [`crate::link`]); `None` means the
    /// view shows the monogram.
    pub icon_url: Option<String>,
    pub target: Target,
    pub keywords: Vec<String>,
    /// Folded name and keywords, see [`search::search_key`].
    pub search_key: String,
}

/// Where a link opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Target {
    #[default]
    SameWindow,
    NewWindow,
    /// A named browsing context such as `tab_groupware`, so every link to
    /// the same app reuses its tab.
    Named(String),
}

impl Target {
    /// The value for the `target` attribute.
    pub fn as_str(&self) -> &str {
        match self {
            Target::SameWindow => "_self",
            Target::NewWindow => "_blank",
            Target::Named(name) => name,
        }
    }

    /// `_top` and `_parent` count as the same window: the chrome is the top
    /// of its page, and leaving an embedding frame is not ours to decide.
    fn read(value: &Value) -> Result<Target, String> {
        let raw = match &value.kind {
            Kind::Null => return Ok(Target::SameWindow),
            Kind::String(s) => s.trim(),
            other => return Err(format!("expected text, found {}", kind(other))),
        };
        let keyword = |k: &str| raw.eq_ignore_ascii_case(k);
        if raw.is_empty() || keyword("_self") || keyword("_top") || keyword("_parent") {
            Ok(Target::SameWindow)
        } else if keyword("_blank") {
            Ok(Target::NewWindow)
        } else if raw.len() <= 64
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            Ok(Target::Named(raw.to_owned()))
        } else {
            Err(format!(
                "`{}` is not a window name; the same window is used",
                short(raw)
            ))
        }
    }
}

impl Category {
    /// Empty categories are kept so the model mirrors the portal; the view
    /// hides them.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl NavigationDocument {
    pub fn entry_count(&self) -> usize {
        self.categories.iter().map(|c| c.entries.len()).sum()
    }

    /// The document in `navigation.json` shape, for the offline cache.
    /// Reading it back with [`parse`] and the same base gives an equal
    /// document: everything in it is already clean, links are already
    /// resolved and keywords already chosen for the language.
    pub fn to_json(&self) -> String {
        use bandeau_json::write_string as string;
        let mut out = String::with_capacity(256 * (1 + self.entry_count()));
        let url = |out: &mut String, url: &Option<String>| match url {
            Some(url) => string(out, url),
            None => out.push_str("null"),
        };
        out.push_str("{\"categories\":[");
        for (i, c) in self.categories.iter().enumerate() {
            out.push_str(if i == 0 {
                "{\"identifier\":"
            } else {
                ",{\"identifier\":"
            });
            string(&mut out, &c.identifier);
            out.push_str(",\"display_name\":");
            string(&mut out, &c.display_name);
            out.push_str(",\"entries\":[");
            for (j, e) in c.entries.iter().enumerate() {
                out.push_str(if j == 0 {
                    "{\"identifier\":"
                } else {
                    ",{\"identifier\":"
                });
                string(&mut out, &e.identifier);
                out.push_str(",\"display_name\":");
                string(&mut out, &e.display_name);
                out.push_str(",\"link\":");
                url(&mut out, &e.link);
                out.push_str(",\"icon_url\":");
                url(&mut out, &e.icon_url);
                out.push_str(",\"target\":");
                string(&mut out, e.target.as_str());
                out.push_str(",\"keywords\":[");
                for (k, keyword) in e.keywords.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    string(&mut out, keyword);
                }
                out.push_str("]}");
            }
            out.push_str("]}");
        }
        out.push_str("]}");
        out
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Reads `navigation.json` text; see [`parse_value`].
pub fn parse(
    text: &str,
    base: &str,
    language: &str,
) -> Result<(NavigationDocument, Vec<Problem>), Problem> {
    let value = bandeau_json::parse(text).map_err(|e| {
        let (line, column) = line_column(text, e.span.start as usize);
        Problem::new(
            "document",
            format!("not JSON: {e} at line {line} column {column}"),
        )
    })?;
    parse_value(&value, base, language)
}

/// Reads a navigation document leniently. `base` is the URL relative links
/// and icons are resolved against (the portal's, usually the URL the
/// document came from); `language` is a BCP 47 tag such as `de-DE` that
/// picks localised names and keywords. Fails only when the top level is not
/// an object with a `categories` list; anything below that is used if it
/// can be and otherwise reported.
pub fn parse_value(
    value: &Value,
    base: &str,
    language: &str,
) -> Result<(NavigationDocument, Vec<Problem>), Problem> {
    let Some(_) = value.as_object() else {
        let found = kind(&value.kind);
        return Err(Problem::new(
            "document",
            format!("expected an object, found {found}"),
        ));
    };
    let categories = match value.get("categories").map(|v| &v.kind) {
        Some(Kind::Array(categories)) => categories,
        Some(other) => {
            return Err(Problem::new(
                "categories",
                format!("expected a list, found {}", kind(other)),
            ))
        }
        None => return Err(Problem::new("categories", "missing")),
    };
    let mut reader = Reader {
        base: Base::new(base),
        language,
        problems: Vec::new(),
        untold: 0,
    };
    if !base.trim().is_empty() && !reader.base.is_usable() {
        reader.report(
            || "base".into(),
            "not an absolute http(s) URL; relative links are kept as given",
        );
    }
    let categories = categories
        .iter()
        .enumerate()
        .filter_map(|(i, c)| reader.category(c, i))
        .collect();
    let mut problems = reader.problems;
    if reader.untold > 0 {
        let message = format!("{} more problems", reader.untold);
        problems.push(Problem::new("document", message));
    }
    Ok((NavigationDocument { categories }, problems))
}

/// Where in the document the reader is; turned into a place string only
/// when there is a problem to report.
#[derive(Clone, Copy)]
struct At {
    category: usize,
    entry: Option<usize>,
}

impl At {
    fn field(self, name: &str) -> String {
        let mut place = format!("categories[{}]", self.category);
        if let Some(entry) = self.entry {
            place += &format!(".entries[{entry}]");
        }
        if !name.is_empty() {
            place.push('.');
            place.push_str(name);
        }
        place
    }
}

struct Reader<'a> {
    base: Base,
    language: &'a str,
    problems: Vec<Problem>,
    untold: usize,
}

#[derive(Default)]
struct Keywords {
    list: Vec<String>,
    overflow: bool,
    cut: bool,
}

impl Keywords {
    /// Portals also send keywords as one comma-separated string.
    fn add(&mut self, raw: &str) {
        for part in raw.split(',') {
            let (keyword, cut) = text::clean(part, MAX_CHARS);
            if keyword.is_empty() || self.list.contains(&keyword) {
                continue;
            }
            if self.list.len() == MAX_KEYWORDS {
                self.overflow = true;
                return;
            }
            self.cut |= cut;
            self.list.push(keyword);
        }
    }
}

impl Reader<'_> {
    fn report(&mut self, place: impl FnOnce() -> String, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem::new(place(), message));
        } else {
            self.untold += 1;
        }
    }

    fn category(&mut self, value: &Value, index: usize) -> Option<Category> {
        let at = At {
            category: index,
            entry: None,
        };
        if value.as_object().is_none() {
            let message = format!("expected an object, found {}; skipped", kind(&value.kind));
            self.report(|| at.field(""), message);
            return None;
        }
        let obj = value;
        let identifier = self.text(obj, "identifier", at, false);
        let mut display_name = self.text(obj, "display_name", at, true);
        if display_name.is_empty() {
            display_name.clone_from(&identifier);
        }
        if display_name.is_empty() {
            self.report(|| at.field(""), "no identifier and no display name");
        }
        let entries = match obj.get("entries").map(|v| &v.kind) {
            Some(Kind::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    self.entry(
                        v,
                        At {
                            entry: Some(i),
                            ..at
                        },
                    )
                })
                .collect(),
            None | Some(Kind::Null) => {
                self.report(|| at.field("entries"), "missing");
                Vec::new()
            }
            Some(other) => {
                let message = format!("expected a list, found {}", kind(other));
                self.report(|| at.field("entries"), message);
                Vec::new()
            }
        };
        Some(Category {
            identifier,
            display_name,
            entries,
        })
    }

    fn entry(&mut self, value: &Value, at: At) -> Option<Entry> {
        if value.as_object().is_none() {
            let message = format!("expected an object, found {}; skipped", kind(&value.kind));
            self.report(|| at.field(""), message);
            return None;
        }
        let obj = value;
        let identifier = self.text(obj, "identifier", at, false);
        let mut display_name = self.text(obj, "display_name", at, true);
        if display_name.is_empty() {
            if identifier.is_empty() {
                self.report(
                    || at.field(""),
                    "no identifier and no display name; skipped",
                );
                return None;
            }
            self.report(
                || at.field("display_name"),
                "missing; the identifier is shown",
            );
            display_name.clone_from(&identifier);
        } else if identifier.is_empty() {
            self.report(|| at.field("identifier"), "missing");
        }
        let link = self.url(obj, "link", at);
        let icon_url = self.url(obj, "icon_url", at);
        let target = match obj
            .get("target")
            .map_or(Ok(Target::SameWindow), Target::read)
        {
            Ok(target) => target,
            Err(message) => {
                self.report(|| at.field("target"), message);
                Target::SameWindow
            }
        };
        let keywords = self.keywords(obj.get("keywords"), at);
        let search_key = search::search_key(&display_name, &keywords);
        Some(Entry {
            identifier,
            display_name,
            link,
            icon_url,
            target,
            keywords,
            search_key,
        })
    }

    /// Display text from `obj[key]`; empty when missing or unusable.
    fn text(&mut self, obj: &Value, key: &str, at: At, localized: bool) -> String {
        let raw = match obj.get(key).map(|v| &v.kind) {
            None => Ok(None),
            Some(value) if localized => text::localized(value, self.language),
            Some(Kind::String(s)) => Ok(Some(&**s)),
            Some(Kind::Null) => Ok(None),
            Some(other) => Err(format!("expected text, found {}", kind(other))),
        };
        match raw {
            Ok(raw) => {
                let (text, cut) = text::clean(raw.unwrap_or(""), MAX_CHARS);
                if cut {
                    let message = format!("longer than {MAX_CHARS} characters; shortened");
                    self.report(|| at.field(key), message);
                }
                text
            }
            Err(message) => {
                self.report(|| at.field(key), message);
                String::new()
            }
        }
    }

    /// A safe URL from `obj[key]`. A missing link is worth a note (the
    /// entry cannot be opened); a missing icon is not.
    fn url(&mut self, obj: &Value, key: &str, at: At) -> Option<String> {
        let raw = match obj
            .get(key)
            .map(|v| text::localized(&v.kind, self.language))
        {
            Some(Ok(raw)) => raw.filter(|s| !s.trim().is_empty()),
            None => None,
            Some(Err(message)) => {
                self.report(|| at.field(key), format!("{message}; dropped"));
                return None;
            }
        };
        let Some(raw) = raw else {
            if key == "link" {
                self.report(|| at.field(key), "missing; the entry is shown disabled");
            }
            return None;
        };
        let checked = if key == "link" {
            self.base.resolve(raw)
        } else {
            self.base.icon(raw)
        };
        match checked {
            Ok(url) => Some(url),
            Err(message) => {
                self.report(|| at.field(key), format!("{message}; dropped"));
                None
            }
        }
    }

    /// Keywords in any of the shapes portals send. A locale map gives the
    /// best-fitting locale's keywords, or all of them when none fits: more
    /// words to search beats none.
    fn keywords(&mut self, value: Option<&Value>, at: At) -> Vec<String> {
        let mut keywords = Keywords::default();
        match value.map(|v| &v.kind) {
            None | Some(Kind::Null) => {}
            Some(Kind::Object(map)) => {
                let best = map.iter().map(|m| text::fit(&m.key, self.language)).max();
                let best = best.unwrap_or(0);
                for member in map.iter() {
                    let locale = &*member.key;
                    if best == 0 || text::fit(locale, self.language) == best {
                        self.keyword_value(&mut keywords, &member.value, at, Some(locale));
                        if best > 0 {
                            break;
                        }
                    }
                }
            }
            Some(_) => {
                if let Some(v) = value {
                    self.keyword_value(&mut keywords, v, at, None);
                }
            }
        }
        if keywords.overflow {
            let message = format!("more than {MAX_KEYWORDS} keywords; the rest are ignored");
            self.report(|| at.field("keywords"), message);
        }
        if keywords.cut {
            let message = format!("a keyword longer than {MAX_CHARS} characters was shortened");
            self.report(|| at.field("keywords"), message);
        }
        keywords.list
    }

    fn keyword_value(
        &mut self,
        keywords: &mut Keywords,
        value: &Value,
        at: At,
        locale: Option<&str>,
    ) {
        let place = |index: Option<usize>| {
            let mut name = String::from("keywords");
            if let Some(locale) = locale {
                name = format!("{name}.{}", short(locale));
            }
            if let Some(index) = index {
                name = format!("{name}[{index}]");
            }
            at.field(&name)
        };
        match &value.kind {
            Kind::String(s) => keywords.add(s),
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if keywords.overflow {
                        return;
                    }
                    match &item.kind {
                        Kind::String(s) => keywords.add(s),
                        other => {
                            let message = format!("expected text, found {}", kind(other));
                            self.report(|| place(Some(i)), message);
                        }
                    }
                }
            }
            Kind::Null => {}
            other => {
                let message = format!("expected text or a list, found {}", kind(other));
                self.report(|| place(None), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str, language: &str) -> (NavigationDocument, Vec<Problem>) {
        parse(
            json,
            "https://portal.example.org/univention/portal/",
            language,
        )
        .unwrap()
    }

    fn one_entry(entry: &str, language: &str) -> (Entry, Vec<Problem>) {
        let json = format!(r#"{{"categories": [{{"identifier": "c", "entries": [{entry}]}}]}}"#);
        let (mut doc, problems) = read(&json, language);
        let entries = &mut doc.categories[0].entries;
        assert_eq!(entries.len(), 1, "{problems:?}");
        (entries.remove(0), problems)
    }

    fn places(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.place.as_str()).collect()
    }

    #[test]
    fn keywords_as_map_list_string_or_empty_object() {
        let cases = [
            (
                r#"{"de": ["Post", "Nachrichten"], "en": ["mail"]}"#,
                "de-DE",
                vec!["Post", "Nachrichten"],
            ),
            (
                r#"{"de_DE": "Post, Brief", "en_US": "mail"}"#,
                "de",
                vec!["Post", "Brief"],
            ),
            (r#"{"de": ["Post"], "en": ["mail"]}"#, "en-GB", vec!["mail"]),
            (
                r#"{"de": ["Post"], "en": ["mail", "Post"]}"#,
                "fr",
                vec!["Post", "mail"],
            ),
            (
                r#"{"de": ["Post"], "en": "mail"}"#,
                "",
                vec!["Post", "mail"],
            ),
            (
                r#"["Post", " Brief ,Nachricht", "", "Post"]"#,
                "de",
                vec!["Post", "Brief", "Nachricht"],
            ),
            (r#""Post,  Brief,,""#, "de", vec!["Post", "Brief"]),
            ("{}", "de", vec![]),
            ("[]", "de", vec![]),
            ("null", "de", vec![]),
        ];
        for (keywords, language, expected) in cases {
            let entry = format!(
                r#"{{"identifier": "m", "display_name": "M", "link": "/m", "keywords": {keywords}}}"#
            );
            let (entry, problems) = one_entry(&entry, language);
            assert_eq!(entry.keywords, expected, "{keywords} in {language}");
            assert!(problems.is_empty(), "{keywords}: {problems:?}");
        }
    }

    #[test]
    fn keywords_of_the_wrong_type_are_reported_and_the_rest_kept() {
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "/m", "keywords": {"de": ["Post", 3, {"x": 1}, "Brief"]}}"#,
            "de",
        );
        assert_eq!(entry.keywords, ["Post", "Brief"]);
        assert_eq!(
            places(&problems),
            [
                "categories[0].entries[0].keywords.de[1]",
                "categories[0].entries[0].keywords.de[2]"
            ]
        );
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "/m", "keywords": 42}"#,
            "de",
        );
        assert!(entry.keywords.is_empty());
        assert_eq!(
            problems[0].to_string(),
            "categories[0].entries[0].keywords: expected text or a list, found a number"
        );
    }

    #[test]
    fn keywords_beyond_fifty_are_dropped_and_reported() {
        let many: Vec<String> = (0..80).map(|i| format!("\"k{i}\"")).collect();
        let entry = format!(
            r#"{{"identifier": "m", "display_name": "M", "link": "/m", "keywords": [{}]}}"#,
            many.join(",")
        );
        let (entry, problems) = one_entry(&entry, "de");
        assert_eq!(entry.keywords.len(), MAX_KEYWORDS);
        assert_eq!(entry.keywords[49], "k49");
        assert!(problems[0].message.contains("more than 50 keywords"));
    }

    #[test]
    fn display_names_may_be_localised() {
        let entry = r#"{"identifier": "m", "link": "/m", "display_name": {"de_DE": "E-Mail", "en_US": "Email"}}"#;
        assert_eq!(one_entry(entry, "de-DE").0.display_name, "E-Mail");
        assert_eq!(one_entry(entry, "en").0.display_name, "Email");
        assert_eq!(one_entry(entry, "fr").0.display_name, "Email");
    }

    #[test]
    fn missing_display_name_falls_back_to_the_identifier() {
        for name in [
            r#""display_name": "   ","#,
            r#""display_name": null,"#,
            "",
            r#""display_name": 5,"#,
        ] {
            let (entry, problems) = one_entry(
                &format!(r#"{{{name} "identifier": "swp.mail", "link": "/m"}}"#),
                "de",
            );
            assert_eq!(entry.display_name, "swp.mail");
            assert!(places(&problems).contains(&"categories[0].entries[0].display_name"));
        }
    }

    #[test]
    fn entries_without_identifier_and_name_are_dropped_and_reported() {
        let json = r#"{"categories": [{"identifier": "c", "entries": [
            {"link": "https://a.example/"},
            {"display_name": "Only a name", "link": "/x"},
            7
        ]}]}"#;
        let (doc, problems) = read(json, "de");
        let entries = &doc.categories[0].entries;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].display_name, "Only a name");
        assert_eq!(entries[0].identifier, "");
        assert_eq!(
            places(&problems),
            [
                "categories[0].entries[0]",
                "categories[0].entries[1].identifier",
                "categories[0].entries[2]"
            ]
        );
    }

    #[test]
    fn entries_without_a_usable_link_are_kept_disabled() {
        for link in [
            "",
            r#""link": "","#,
            r#""link": "javascript:alert(1)","#,
            r#""link": ["x"],"#,
        ] {
            let (entry, problems) = one_entry(
                &format!(r#"{{{link} "identifier": "m", "display_name": "M"}}"#),
                "de",
            );
            assert_eq!(entry.link, None);
            assert_eq!(
                places(&problems),
                ["categories[0].entries[0].link"],
                "{link}"
            );
        }
    }

    #[test]
    fn javascript_links_are_dropped_and_reported() {
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": " JavaScript:alert(1)",
                "icon_url": "data:text/html,<script>alert(1)</script>"}"#,
            "de",
        );
        assert_eq!((entry.link, entry.icon_url), (None, None));
        let messages: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert_eq!(
            messages,
            [
                "categories[0].entries[0].link: `JavaScript:` links are not allowed, only http, https and relative ones; dropped",
                "categories[0].entries[0].icon_url: `data:` icons must be images (`data:image/…`); dropped",
            ]
        );
    }

    #[test]
    fn image_data_icons_are_kept_and_data_links_are_not() {
        // An SVG's script never runs in an <img>, which is all an icon goes into.
        let svg = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";
        let (entry, problems) = one_entry(
            &format!(
                r#"{{"identifier": "m", "display_name": "M", "link": "data:image/png;base64,AAAA",
                    "icon_url": "{svg}"}}"#
            ),
            "de",
        );
        assert_eq!(entry.icon_url.as_deref(), Some(svg));
        assert_eq!(entry.link, None);
        let messages: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert_eq!(
            messages,
            ["categories[0].entries[0].link: `data:` links are not allowed, only http, https and relative ones; dropped"]
        );
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "/m",
                "icon_url": {"de": "data:IMAGE/png;base64,AAAA", "en": "/en.svg"}}"#,
            "de",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            entry.icon_url.as_deref(),
            Some("data:IMAGE/png;base64,AAAA")
        );
    }

    #[test]
    fn icons_with_other_schemes_are_dropped_and_reported() {
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "/m", "icon_url": "blob:https://p.example/1"}"#,
            "de",
        );
        assert_eq!(entry.icon_url, None);
        assert_eq!(
            problems[0].to_string(),
            "categories[0].entries[0].icon_url: `blob:` icons are not allowed, only http, https, relative and `data:image` ones; dropped"
        );
    }

    #[test]
    fn relative_links_join_the_base() {
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "../../mail/?x#y", "icon_url": "icons/entries/m.svg"}"#,
            "de",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            entry.link.as_deref(),
            Some("https://portal.example.org/mail/?x#y")
        );
        assert_eq!(
            entry.icon_url.as_deref(),
            Some("https://portal.example.org/univention/portal/icons/entries/m.svg")
        );
    }

    #[test]
    fn an_unusable_base_is_reported_once_and_relative_links_kept() {
        let json = r#"{"categories": [{"identifier": "c", "entries": [
            {"identifier": "a", "display_name": "A", "link": "/a"},
            {"identifier": "b", "display_name": "B", "link": "b"}]}]}"#;
        let (doc, problems) = parse(json, "portal.example.org", "de").unwrap();
        assert_eq!(places(&problems), ["base"]);
        let links: Vec<_> = doc.categories[0]
            .entries
            .iter()
            .map(|e| e.link.as_deref())
            .collect();
        assert_eq!(links, [Some("/a"), Some("b")]);
        assert!(parse(json, "", "de").unwrap().1.is_empty());
    }

    #[test]
    fn targets_map_to_windows() {
        for (target, expected, problem) in [
            (r#""_blank""#, Target::NewWindow, false),
            (r#""_BLANK""#, Target::NewWindow, false),
            (r#""_self""#, Target::SameWindow, false),
            (r#""_top""#, Target::SameWindow, false),
            (r#""_parent""#, Target::SameWindow, false),
            (r#""""#, Target::SameWindow, false),
            ("null", Target::SameWindow, false),
            (
                r#""tab_groupware""#,
                Target::Named("tab_groupware".into()),
                false,
            ),
            (r#"" tab-1 ""#, Target::Named("tab-1".into()), false),
            (r#""two words""#, Target::SameWindow, true),
            (r#""x<y""#, Target::SameWindow, true),
            (&format!("\"{}\"", "t".repeat(65)), Target::SameWindow, true),
            ("true", Target::SameWindow, true),
        ] {
            let (entry, problems) = one_entry(
                &format!(
                    r#"{{"identifier": "m", "display_name": "M", "link": "/m", "target": {target}}}"#
                ),
                "de",
            );
            assert_eq!(entry.target, expected, "{target}");
            assert_eq!(!problems.is_empty(), problem, "{target}: {problems:?}");
        }
        assert_eq!(Target::Named("tab_files".into()).as_str(), "tab_files");
        assert_eq!(Target::NewWindow.as_str(), "_blank");
    }

    #[test]
    fn long_names_are_cut_to_200_characters_and_reported() {
        let name = "ä".repeat(5000);
        let (entry, problems) = one_entry(
            &format!(r#"{{"identifier": "m", "link": "/m", "display_name": "{name}"}}"#),
            "de",
        );
        assert_eq!(entry.display_name.chars().count(), MAX_CHARS);
        assert_eq!(places(&problems), ["categories[0].entries[0].display_name"]);
    }

    #[test]
    fn empty_categories_are_kept_and_flagged() {
        let (doc, problems) = read(
            r#"{"categories": [{"identifier": "x", "display_name": "Leer", "entries": []}]}"#,
            "de",
        );
        assert!(problems.is_empty());
        assert!(doc.categories[0].is_empty());
        let (doc, problems) = read(
            r#"{"categories": [{"display_name": "Leer"}, {"entries": {}}]}"#,
            "de",
        );
        assert!(doc.categories.iter().all(Category::is_empty));
        assert_eq!(
            places(&problems),
            [
                "categories[0].entries",
                "categories[1]",
                "categories[1].entries"
            ]
        );
    }

    #[test]
    fn unknown_keys_are_ignored() {
        let (entry, problems) = one_entry(
            r#"{"identifier": "m", "display_name": "M", "link": "/m", "description": {"de": "x"}, "allowedGroups": [1, 2], "$x": null}"#,
            "de",
        );
        assert!(problems.is_empty());
        assert_eq!(entry.display_name, "M");
    }

    #[test]
    fn garbage_json_is_an_error_not_a_panic() {
        for text in [
            "",
            "{",
            "nul",
            "{\"categories\": [}",
            "[1,2",
            &"[".repeat(100_000),
        ] {
            let error = parse(text, "", "de").unwrap_err();
            assert_eq!(error.place, "document");
            assert!(error.message.starts_with("not JSON"), "{error}");
        }
        for (text, place) in [
            // A byte-order mark is read past, as browsers do.
            ("\u{feff}{}", "categories"),
            ("[]", "document"),
            ("\"categories\"", "document"),
            ("{}", "categories"),
            (r#"{"categories": {"a": []}}"#, "categories"),
            (r#"{"categories": null}"#, "categories"),
        ] {
            assert_eq!(parse(text, "", "de").unwrap_err().place, place, "{text}");
        }
        assert_eq!(
            parse(r#"{"categories": []}"#, "", "de").unwrap().0,
            NavigationDocument::default()
        );
    }

    #[test]
    fn problems_are_capped_and_the_rest_counted() {
        let junk = vec!["1"; 1000].join(",");
        let (_, problems) = read(&format!(r#"{{"categories": [{junk}]}}"#), "de");
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(
            problems[MAX_PROBLEMS].to_string(),
            "document: 900 more problems"
        );
    }

    #[test]
    fn cache_round_trip() {
        let json = r#"{"categories": [
            {"identifier": "a", "display_name": {"de": "Büro"}, "entries": [
                {"identifier": "m", "display_name": " E-Mail ", "link": "mail/", "icon_url": "/i.svg",
                 "target": "tab_mail", "keywords": {"de": "Post, Brief"}},
                {"display_name": "Ohne Link", "target": "_blank", "icon_url": "data:x"},
                {"identifier": "d", "display_name": "Daten", "link": "/d", "icon_url": "DATA:image/png;base64,AAAA"},
                {"identifier": "kw", "link": "HTTPS://x.example/a/../b", "keywords": ["a, b", "c"]}
            ]},
            {"identifier": "empty", "entries": []}
        ]}"#;
        let base = "https://portal.example.org/p/";
        let (doc, _) = parse(json, base, "de").unwrap();
        let cached = doc.to_json();
        for reread_base in [base, ""] {
            let (again, _) = parse(&cached, reread_base, "de").unwrap();
            assert_eq!(again, doc);
        }
        assert_eq!(
            doc.categories[0].entries[0].link.as_deref(),
            Some("https://portal.example.org/p/mail/")
        );
        assert_eq!(
            doc.categories[0].entries[2].icon_url.as_deref(),
            Some("data:image/png;base64,AAAA")
        );
    }
}
