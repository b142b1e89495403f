//! Portal strings become display text, and localised values pick a language.
//!
//! Names and keywords are plain text all the way to the view, which escapes
//! them; nothing here decodes or strips markup, because doing so would
//! change what admins wrote without making anything safer.

use bandeau_json::{Json, Kind};

/// Longest display name, identifier or keyword kept, in characters. Longer
/// strings are an admin's mistake or an attack; either way they would break
/// the launcher's layout.
pub const MAX_CHARS: usize = 200;

/// Cleans untrusted text for display: trims, turns every run of whitespace
/// (newlines included) into one space and drops control characters, and cuts
/// after `max` characters. Returns whether it had to cut.
pub(crate) fn clean(raw: &str, max: usize) -> (String, bool) {
    let mut out = String::new();
    let mut count = 0;
    let mut gap = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        let needed = 1 + usize::from(gap);
        if count + needed > max {
            return (out, true);
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c);
        count += needed;
    }
    // Only zero-width characters left: nothing would show, and the caller's
    // fallback (the identifier) is better than an empty label.
    if out.chars().all(is_zero_width) {
        out.clear();
    }
    (out, false)
}

/// Display text from an attribute or property (a person's name, the
/// product name): cleaned as names from the navigation document are.
pub fn display_text(raw: &str) -> String {
    clean(raw, MAX_CHARS).0
}

/// Characters that take no room: zero-width spaces and joiners, direction
/// marks, the word joiner and invisible operators, the byte-order mark and
/// the Hangul fillers.
fn is_zero_width(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{34f}' | '\u{180e}'
        | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}')
}

/// Control characters, and the bidirectional embeddings, overrides and
/// isolates: those last ones can flip the order of the text around them, so
/// a hostile name could make the chrome's own labels read differently.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How well a locale key serves `language`: 3 for the same tag, 2 when the
/// key is the language's primary subtag (`de` for `de-DE`), 1 when they only
/// share a primary subtag (`de_AT` for `de-DE`), 0 otherwise. Univention
/// writes `de_DE` where browsers say `de-DE`, so `_` and `-` are the same.
pub(crate) fn fit(key: &str, language: &str) -> u8 {
    if language.is_empty() {
        0
    } else if same_tag(key, language) {
        3
    } else if same_tag(key, primary(language)) {
        2
    } else if same_tag(primary(key), primary(language)) {
        1
    } else {
        0
    }
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn same_tag(a: &str, b: &str) -> bool {
    let norm = |b: u8| {
        if b == b'_' {
            b'-'
        } else {
            b.to_ascii_lowercase()
        }
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| norm(x) == norm(y))
}

/// A value that may be text or text per locale: a string, a locale map
/// (`{"de": "…", "en": "…"}`) or a Univention-style list of
/// `{"locale", "value"}` pairs. Prefers `language`, then English, then the
/// first one given; a name in the wrong language beats no name.
pub(crate) fn localized<'v>(value: &'v Kind, language: &str) -> Result<Option<&'v str>, String> {
    let chosen = match value {
        Kind::Null => return Ok(None),
        Kind::String(s) => return Ok(Some(s)),
        Kind::Object(map) => pick(map.iter().map(|m| (&*m.key, &m.value)), language),
        Kind::Array(items) => pick(
            items
                .iter()
                .filter_map(|item| Some((item.get("locale")?.as_str()?, item.get("value")?))),
            language,
        ),
        other => return Err(format!("expected text, found {}", kind(other))),
    };
    match chosen.map(|(key, v)| (key, &v.kind)) {
        Some((_, Kind::String(s))) => Ok(Some(s)),
        Some((key, other)) => Err(format!(
            "expected text for `{}`, found {}",
            short(key),
            kind(other)
        )),
        None if matches!(value, Kind::Array(_)) => Err("expected text, found a list".into()),
        None => Ok(None),
    }
}

fn pick<'v>(
    pairs: impl Iterator<Item = (&'v str, &'v Json)>,
    language: &str,
) -> Option<(&'v str, &'v Json)> {
    let mut best = None;
    let mut best_rank = 0;
    for (key, value) in pairs {
        let rank = fit(key, language) * 4 + fit(key, "en") + 1;
        if rank > best_rank {
            best = Some((key, value));
            best_rank = rank;
        }
    }
    best
}

/// The JSON type of a value, for messages.
pub(crate) fn kind(value: &Kind) -> &'static str {
    match value {
        Kind::Null => "null",
        Kind::Bool(_) => "a boolean",
        Kind::Number(_) => "a number",
        Kind::String(_) => "text",
        Kind::Array(_) => "a list",
        Kind::Object(_) => "an object",
    }
}

/// Untrusted text quoted in a message or place, cut so a hostile key
/// cannot flood the console.
pub(crate) fn short(s: &str) -> String {
    let mut chars = s.chars().filter(|c| !c.is_control());
    let mut out: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_zero_width_characters_only_is_empty() {
        assert_eq!(
            clean("\u{200b}\u{200d}\u{feff}", 200),
            (String::new(), false)
        );
        assert_eq!(display_text("\u{202e}Erika\u{200b}"), "Erika\u{200b}");
        assert_eq!(display_text("  Jördis \n Müller "), "Jördis Müller");
    }

    #[test]
    fn text_is_trimmed_and_whitespace_collapsed() {
        assert_eq!(
            clean("  Dateien \n\t & Dokumente  ", 200),
            ("Dateien & Dokumente".into(), false)
        );
    }

    #[test]
    fn control_and_bidi_override_characters_are_dropped() {
        assert_eq!(
            clean("Ma\u{0}il\u{7f}\u{202e}box\u{2066}", 200).0,
            "Mailbox"
        );
    }

    #[test]
    fn markup_is_kept_verbatim_as_text() {
        let name = "<img src=x onerror=alert(1)> &amp;";
        assert_eq!(clean(name, 200).0, name);
    }

    #[test]
    fn long_text_is_cut_by_characters_not_bytes() {
        let (cut, was_cut) = clean(&"ü".repeat(300), 200);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), 200);
        assert_eq!(clean(&"ü".repeat(200), 200), ("ü".repeat(200), false));
    }

    #[test]
    fn locale_fit_prefers_exact_then_primary_then_sibling() {
        assert_eq!(fit("de-DE", "de-DE"), 3);
        assert_eq!(fit("de_de", "de-DE"), 3);
        assert_eq!(fit("de", "de-DE"), 2);
        assert_eq!(fit("de_AT", "de-DE"), 1);
        assert_eq!(fit("en", "de-DE"), 0);
        assert_eq!(fit("de", ""), 0);
    }

    fn read(text: &str) -> Json {
        bandeau_json::parse(text).unwrap()
    }

    fn pick_for(text: &str, language: &str) -> Result<Option<String>, String> {
        localized(&read(text).kind, language).map(|s| s.map(str::to_owned))
    }

    #[test]
    fn localized_text_falls_back_to_english_then_first() {
        let names = r#"{"fr": "Courriel", "en": "Email", "de_DE": "E-Mail"}"#;
        assert_eq!(pick_for(names, "de").unwrap().as_deref(), Some("E-Mail"));
        assert_eq!(pick_for(names, "it").unwrap().as_deref(), Some("Email"));
        assert_eq!(
            pick_for(r#"{"fr": "Courriel"}"#, "it").unwrap().as_deref(),
            Some("Courriel")
        );
        let pairs =
            r#"[{"locale": "en_US", "value": "Files"}, {"locale": "de_DE", "value": "Dateien"}]"#;
        assert_eq!(
            pick_for(pairs, "de-DE").unwrap().as_deref(),
            Some("Dateien")
        );
        assert!(pick_for("7", "de").is_err());
        assert!(pick_for(r#"{"de": 7}"#, "de").is_err());
        assert!(pick_for(r#"["E-Mail"]"#, "de").is_err());
        assert_eq!(pick_for("{}", "de").unwrap(), None);
    }
}
