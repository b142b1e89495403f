//! ```` ```html ```` and ```` ```css ```` blocks: every `<bandeau-*>` tag,
//! attribute, slot and `::part()` must be one `bandeau-elements` defines,
//! so a renamed attribute cannot live on in a guide.

use bandeau_elements::{Element, TAG_NAMES};

/// Attributes every HTML element has, which the elements leave alone or
/// honour as any element does.
const GLOBAL: &[&str] = &[
    "id",
    "class",
    "style",
    "slot",
    "part",
    "exportparts",
    "hidden",
    "title",
    "dir",
    "tabindex",
    "role",
    "inert",
];

/// One start tag: its name and attributes (name, value).
#[derive(Debug, PartialEq)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, Option<String>)>,
    pub closing: bool,
}

/// The tags of an HTML fragment, in order; comments skipped. Text (also
/// `…` placeholders) is ignored.
pub fn tags(html: &str) -> Result<Vec<Tag>, String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            let end = after.find("-->").ok_or("an unclosed <!-- comment")?;
            rest = &after[end + 3..];
            continue;
        }
        let closing = rest.starts_with('/');
        let body = rest.trim_start_matches('/');
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (tag, used) = tag(body)?;
        rest = &body[used..];
        out.push(Tag { closing, ..tag });
    }
    Ok(out)
}

/// Parses a tag after its `<`; returns it and the bytes used up to `>`.
fn tag(body: &str) -> Result<(Tag, usize), String> {
    let name_end = body
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .ok_or_else(|| {
            format!(
                "the tag <{} is never closed",
                body.lines().next().unwrap_or("")
            )
        })?;
    let name = body[..name_end].to_ascii_lowercase();
    let mut attributes = Vec::new();
    let bytes = body.as_bytes();
    let mut i = name_end;
    loop {
        while (i < bytes.len() && (bytes[i] as char).is_whitespace()) || bytes.get(i) == Some(&b'/')
        {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(format!("the tag <{name}> is never closed")),
            Some(b'>') => break,
            _ => {}
        }
        let start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !(bytes[i] as char).is_whitespace()
        {
            i += 1;
        }
        // Case is kept: framework bindings such as Vue's `:portalUrl` name
        // camelCase properties.
        let attribute = body[start..i].to_owned();
        while i < bytes.len() && (bytes[i] as char).is_whitespace() {
            i += 1;
        }
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && (bytes[i] as char).is_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = body[i + 1..].find(q as char).ok_or_else(|| {
                        format!("<{name} {attribute}=…>: the quote is never closed")
                    })?;
                    value = Some(body[i + 1..i + 1 + end].to_owned());
                    i += end + 2;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && bytes[i] != b'>' && !(bytes[i] as char).is_whitespace()
                    {
                        i += 1;
                    }
                    value = Some(body[start..i].to_owned());
                }
            }
        }
        attributes.push((attribute, value));
    }
    Ok((
        Tag {
            name,
            attributes,
            closing: false,
        },
        i + 1,
    ))
}

/// The problems with an HTML block.
pub fn check(html: &str) -> Vec<String> {
    let tags = match tags(html) {
        Ok(tags) => tags,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    // The Bandeau elements currently open, for the slots of their children.
    let mut open: Vec<&Element> = Vec::new();
    for tag in &tags {
        if tag.name.starts_with("bandeau-") {
            let Some(element) = Element::find(&tag.name) else {
                if tag.closing {
                    continue;
                }
                problems.push(format!(
                    "<{}> is not a Bandeau element (there are {})",
                    tag.name,
                    TAG_NAMES.join(", ")
                ));
                continue;
            };
            if tag.closing {
                open.retain(|e| e.tag != element.tag);
                continue;
            }
            if let Some(parent) = open.last() {
                problems.extend(slot(parent, tag));
            }
            for (name, value) in &tag.attributes {
                problems.extend(match binding(name) {
                    Some(bound) => bound.check(element),
                    None => attribute(element, &name.to_ascii_lowercase(), value.as_deref()),
                });
            }
            open.push(element);
            continue;
        }
        if tag.closing {
            continue;
        }
        if let Some(parent) = open.last() {
            problems.extend(slot(parent, tag));
        }
        if tag.name == "script" {
            problems.extend(script(tag));
        }
    }
    problems
}

/// What a framework template binds on an element: Vue's `:prop`,
/// `v-bind:prop` and `@event`, Angular's `[prop]`, `[attr.name]` and
/// `(event)`. Directives (`v-if`, `*ngIf`, `#ref`) bind nothing of ours.
enum Binding<'a> {
    Property(&'a str),
    Attribute(&'a str),
    Event(&'a str),
    Directive,
}

fn binding(name: &str) -> Option<Binding<'_>> {
    fn without_modifiers(n: &str) -> &str {
        n.split('.').next().unwrap_or(n)
    }
    if let Some(event) = name
        .strip_prefix('@')
        .or_else(|| name.strip_prefix("v-on:"))
    {
        return Some(Binding::Event(without_modifiers(event)));
    }
    if let Some(prop) = name
        .strip_prefix(':')
        .or_else(|| name.strip_prefix("v-bind:"))
    {
        return Some(Binding::Property(without_modifiers(prop)));
    }
    if let Some(inner) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        return Some(match inner.strip_prefix("attr.") {
            Some(attribute) => Binding::Attribute(attribute),
            None => Binding::Property(inner),
        });
    }
    if let Some(event) = name.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
        return Some(Binding::Event(event));
    }
    if name.starts_with("v-") || name.starts_with('*') || name.starts_with('#') {
        return Some(Binding::Directive);
    }
    None
}

impl Binding<'_> {
    fn check(&self, element: &Element) -> Option<String> {
        match *self {
            Binding::Event(event) => (!element.events.contains(&event)).then(|| {
                format!(
                    "<{}> sends no `{event}` event (it sends {})",
                    element.tag,
                    element.events.join(", ")
                )
            }),
            Binding::Property(name) => {
                let known = element.properties.iter().any(|p| p.name == name)
                    || element
                        .attributes()
                        .any(|a| a.name == name || a.property() == name);
                (!known).then(|| format!("<{}> has no property `{name}`", element.tag))
            }
            Binding::Attribute(name) => attribute(element, name, None)
                .filter(|problem| problem.contains("has no attribute")),
            Binding::Directive => None,
        }
    }
}

/// `slot="x"` on a child of a Bandeau element must name one of its slots.
fn slot(parent: &Element, tag: &Tag) -> Option<String> {
    let (_, value) = tag.attributes.iter().find(|(n, _)| n == "slot")?;
    let name = value.as_deref().unwrap_or("");
    if parent
        .slots
        .iter()
        .any(|s| !s.name.is_empty() && s.name == name)
    {
        return None;
    }
    let known: Vec<&str> = parent
        .slots
        .iter()
        .map(|s| s.name)
        .filter(|n| !n.is_empty())
        .collect();
    Some(format!(
        "<{} slot=\"{name}\"> inside <{}>, which has {}",
        tag.name,
        parent.tag,
        if known.is_empty() {
            "no named slots".to_owned()
        } else {
            format!("the slots {}", known.join(", "))
        }
    ))
}

fn attribute(element: &Element, name: &str, value: Option<&str>) -> Option<String> {
    if GLOBAL.contains(&name) || name.starts_with("data-") || name.starts_with("aria-") {
        return None;
    }
    let Some(known) = element.attributes().find(|a| a.name == name) else {
        let valid: Vec<&str> = element.attributes().map(|a| a.name).collect();
        return Some(format!(
            "<{}> has no attribute `{name}` (it has {})",
            element.tag,
            valid.join(", ")
        ));
    };
    let value = value.unwrap_or("");
    if let bandeau_elements::Kind::Choice(choices) = known.kind {
        // `lang` takes any language tag and maps it to a supported one.
        if name != "lang" && !choices.contains(&value) {
            return Some(format!(
                "<{} {name}=\"{value}\">: `{name}` is one of {}",
                element.tag,
                choices.join(", ")
            ));
        }
    }
    None
}

/// The script tag that loads Bandeau must be a module script.
fn script(tag: &Tag) -> Option<String> {
    let src = tag
        .attributes
        .iter()
        .find(|(n, _)| n == "src")?
        .1
        .as_deref()?;
    if !src.ends_with("bandeau.js") {
        return None;
    }
    let module = tag
        .attributes
        .iter()
        .any(|(n, v)| n == "type" && v.as_deref() == Some("module"));
    (!module).then(|| format!("<script src=\"{src}\"> needs type=\"module\""))
}

/// The CSS inside `<style>` elements and `style` attributes of an HTML
/// block, for the token-name check.
pub fn inline_css(html: &str) -> String {
    let mut css = String::new();
    for tag in tags(html).unwrap_or_default() {
        for (name, value) in &tag.attributes {
            if name == "style" {
                css.push_str(value.as_deref().unwrap_or(""));
                css.push('\n');
            }
        }
    }
    let mut rest = html;
    while let Some(at) = rest.find("<style") {
        let after = &rest[at..];
        let Some(open) = after.find('>') else { break };
        let body = &after[open + 1..];
        let end = body.find("</style").unwrap_or(body.len());
        css.push_str(&body[..end]);
        rest = &body[end..];
    }
    css
}

/// `bandeau-x::part(name)` in CSS must name a part the element exposes.
pub fn check_parts(css: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("::part(") {
        let before = &rest[..at];
        let tag_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let tag = &before[tag_start..];
        let after = &rest[at + "::part(".len()..];
        let end = after.find(')').unwrap_or(after.len());
        let names = &after[..end];
        rest = &after[end..];
        let Some(element) = Element::find(tag) else {
            problems.push(format!(
                "::part() on `{tag}`: write it on a Bandeau element (e.g. bandeau-bar::part(bar))"
            ));
            continue;
        };
        for name in names.split_whitespace() {
            if !element.parts.iter().any(|p| p.name == name) {
                problems.push(format!(
                    "<{}> has no part `{name}` (docs/elements.md lists its parts)",
                    element.tag
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_are_read() {
        let parsed =
            tags("<!-- <x> --><bandeau-bar\n  nav-url=\"/n.json\" hidden lang=de>…</bandeau-bar>")
                .unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].name, "bandeau-bar");
        assert_eq!(
            parsed[0].attributes,
            [
                ("nav-url".to_owned(), Some("/n.json".to_owned())),
                ("hidden".to_owned(), None),
                ("lang".to_owned(), Some("de".to_owned()))
            ]
        );
        assert!(parsed[1].closing);
        assert!(tags("<bandeau-bar lang=\"de>").is_err());
    }

    #[test]
    fn the_real_elements_and_attributes_pass() {
        let html = r#"<script type="module" src="/bandeau/bandeau.js"></script>
<bandeau-bar nav-url="/n.json" theme="auto" data-brand="ocean" class="top">
  <form slot="search" role="search"><input name="q"></form>
</bandeau-bar>
<bandeau-login logo-url="/l.svg"><div slot="info">x</div><form><input></form></bandeau-login>"#;
        assert_eq!(check(html), Vec::<String>::new());
    }

    #[test]
    fn unknown_elements_attributes_values_slots_and_classic_scripts_fail() {
        let html = r#"<script src="/bandeau.js"></script>
<bandeau-topbar></bandeau-topbar>
<bandeau-bar navurl="/n.json" theme="sepia"><div slot="footer"></div></bandeau-bar>
<bandeau-login slogan="x" nav-url="/n.json"></bandeau-login>"#;
        let problems = check(html);
        let joined = problems.join("\n");
        for expected in [
            "needs type=\"module\"",
            "<bandeau-topbar> is not a Bandeau element",
            "no attribute `navurl`",
            "`theme` is one of light, dark, auto, high-contrast",
            "slot=\"footer\"> inside <bandeau-bar>, which has the slots search, actions",
            "<bandeau-login> has no attribute `nav-url`",
        ] {
            assert!(
                joined.contains(expected),
                "missing {expected:?} in\n{joined}"
            );
        }
        assert_eq!(problems.len(), 6, "{joined}");
    }

    #[test]
    fn framework_bindings_name_real_properties_and_events() {
        let vue = r#"<bandeau-bar :navigation.prop="nav" :portalUrl="p" @bandeau-navigate.prevent="go" v-if="x"></bandeau-bar>"#;
        assert_eq!(check(vue), Vec::<String>::new());
        let angular = r#"<bandeau-launcher [navigation]="nav" [attr.nav-url]="u" (bandeau-navigate)="go($event)"></bandeau-launcher>"#;
        assert_eq!(check(angular), Vec::<String>::new());
        let wrong = r#"<bandeau-launcher :user="u" @bandeau-logout="x" [attr.navurl]="u" (bandeau-navigated)="y"></bandeau-launcher>"#;
        let problems = check(wrong);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("no property `user`"));
        assert!(problems[1].contains("no `bandeau-logout` event"));
    }

    #[test]
    fn parts_are_checked_per_element() {
        assert!(
            check_parts("bandeau-bar::part(bar) { } bandeau-login::part(card footer-link) {}")
                .is_empty()
        );
        let problems = check_parts("bandeau-launcher::part(bar) {} div::part(x) {}");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("no part `bar`"));
    }

    #[test]
    fn inline_css_is_collected() {
        let css =
            inline_css("<style>a{color:var(--bd-a)}</style><p style=\"margin:var(--bd-b)\"></p>");
        assert!(css.contains("--bd-a") && css.contains("--bd-b"));
    }
}
