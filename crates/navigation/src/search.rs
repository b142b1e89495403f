//! The launcher's search box: typed words against names and keywords.
//!
//! People type without accents and often without the German umlaut
//! spelling they would write by hand, so both sides are folded to plain
//! lowercase Latin. Each entry's key is folded once when the document is
//! read; a keystroke then costs one fold of the query and a few substring
//! tests per entry.

use crate::case;
use crate::document::{Category, Entry, NavigationDocument};

/// Lowercases and removes diacritics: `Büro` → `buro`, `Straße` →
/// `strasse`, `Ærø` → `aero`, `łódź` → `lodz`. Letters outside Latin-1
/// Supplement and Latin Extended-A/B are only lowercased (Greek and
/// Cyrillic; see `case`); combining marks U+0300–U+036F are dropped, which
/// also covers decomposed input.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out, false);
    out
}

/// `german` spells ä, ö and ü as ae, oe and ue, the way German is typed
/// on keyboards without them.
fn fold_into(s: &str, out: &mut String, german: bool) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if german {
            if let Some(i) = "äöüÄÖÜ".chars().position(|u| u == c) {
                out.push_str(["ae", "oe", "ue"][i % 3]);
                continue;
            }
        }
        match (c as usize).checked_sub(0xc0).and_then(|i| LATIN.get(i)) {
            Some(b'.') | None => out.push(case::lower(c)),
            Some(&b) if b.is_ascii_uppercase() => {
                let i = usize::from(b - b'A') * 2;
                out.push_str(&PAIRS[i..i + 2]);
            }
            Some(&b) => out.push(char::from(b)),
        }
    }
}

/// What each code point from U+00C0 to U+024F folds to: a lowercase ASCII
/// letter, an uppercase letter naming a pair in [`PAIRS`] (`A` = `ae`,
/// `B` = `th`, …), or `.` for no Latin base letter (signs, clicks, tone
/// letters), which are only lowercased.
const LATIN: &[u8] = concat!(
    "aaaaaaAceeeeiiii", // U+00C0 ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "dnooooo.ouuuuyBC", // U+00D0 ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "aaaaaaAceeeeiiii", // U+00E0 àáâãäåæçèéêëìíîï
    "dnooooo.ouuuuyBy", // U+00F0 ðñòóôõö÷øùúûüýþÿ
    "aaaaaaccccccccdd", // U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
    "ddeeeeeeeeeegggg", // U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "gggghhhhiiiiiiii", // U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "iiDDjjkkklllllll", // U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "lllnnnnnnnnnoooo", // U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "ooEErrrrrrssssss", // U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "ssttttttuuuuuuuu", // U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "uuuuwwyyyzzzzzzs", // U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
    "bbbb..occdddddee", // U+0180 ƀƁƂƃƄƅƆƇƈƉƊƋƌƍƎƏ
    "effggFiikkllmnno", // U+0190 ƐƑƒƓƔƕƖƗƘƙƚƛƜƝƞƟ
    "ooGGppr..s.ttttu", // U+01A0 ƠơƢƣƤƥƦƧƨƩƪƫƬƭƮƯ
    "uuvyyzzzzzz....w", // U+01B0 ưƱƲƳƴƵƶƷƸƹƺƻƼƽƾƿ
    "....HHHIIIJJJaai", // U+01C0 ǀǁǂǃǄǅǆǇǈǉǊǋǌǍǎǏ
    "ioouuuuuuuuuueaa", // U+01D0 ǐǑǒǓǔǕǖǗǘǙǚǛǜǝǞǟ
    "aaAAggggkkoooozz", // U+01E0 ǠǡǢǣǤǥǦǧǨǩǪǫǬǭǮǯ
    "jHHHggFwnnaaAAoo", // U+01F0 ǰǱǲǳǴǵǶǷǸǹǺǻǼǽǾǿ
    "aaaaeeeeiiiioooo", // U+0200 ȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏ
    "rrrruuuussttyyhh", // U+0210 ȐȑȒȓȔȕȖȗȘșȚțȜȝȞȟ
    "ndKKzzaaeeoooooo", // U+0220 ȠȡȢȣȤȥȦȧȨȩȪȫȬȭȮȯ
    "ooyylntjLMacclts", // U+0230 ȰȱȲȳȴȵȶȷȸȹȺȻȼȽȾȿ
    "z..buveejjqqrryy", // U+0240 ɀɁɂɃɄɅɆɇɈɉɊɋɌɍɎɏ
)
.as_bytes();

const PAIRS: &str = "aethssijoehvoidzljnjoudbqp";

/// The text a query is matched against: every name and keyword folded,
/// plus the German spelling of umlauts and a form without punctuation
/// (`E-Mail` is also found as `email`), one per line so that no query word
/// (which never holds a line break) can match across two of them.
pub fn search_key(display_name: &str, keywords: &[String]) -> String {
    let mut key = String::new();
    for part in std::iter::once(display_name).chain(keywords.iter().map(String::as_str)) {
        let start = key.len();
        fold_into(part, &mut key, false);
        if key[start..].contains(|c: char| c.is_ascii_punctuation()) {
            let bare: String = key[start..]
                .chars()
                .filter(|c| !c.is_ascii_punctuation())
                .collect();
            key.push('\n');
            key.push_str(&bare);
        }
        if part.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü']) {
            key.push('\n');
            fold_into(part, &mut key, true);
        }
        key.push('\n');
    }
    key
}

/// Whether every word of an already folded query occurs in the entry's
/// name or keywords. An empty query matches everything.
pub fn matches(entry: &Entry, folded_query: &str) -> bool {
    folded_query
        .split_whitespace()
        .all(|word| entry.search_key.contains(word))
}

/// The categories that have at least one entry matching `query`, in
/// document order, each with its matching entries in order.
pub fn filter<'a>(doc: &'a NavigationDocument, query: &str) -> Vec<(&'a Category, Vec<&'a Entry>)> {
    let query = fold(query);
    let words: Vec<&str> = query.split_whitespace().collect();
    doc.categories
        .iter()
        .filter_map(|category| {
            let hits: Vec<&Entry> = category
                .entries
                .iter()
                .filter(|e| words.iter().all(|w| e.search_key.contains(w)))
                .collect();
            (!hits.is_empty()).then_some((category, hits))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn fold_removes_diacritics_and_lowercases() {
        for (raw, folded) in [
            ("Büro", "buro"),
            ("Élément", "element"),
            ("Straße", "strasse"),
            ("Ærø", "aero"),
            ("Œuvre", "oeuvre"),
            ("Þingvellir", "thingvellir"),
            ("Łódź", "lodz"),
            ("Kırşehir", "kirsehir"),
            ("İstanbul", "istanbul"),
            ("Čeština", "cestina"),
            ("Dvořák", "dvorak"),
            ("Erdős", "erdos"),
            ("Ĳssel", "ijssel"),
            ("ǅemal", "dzemal"),
            ("Nguyễn", "nguyễn"),
            ("Cafe\u{301}", "cafe"),
            ("ΑΒΓ", "αβγ"),
            ("2×3", "2×3"),
            ("", ""),
        ] {
            assert_eq!(fold(raw), folded, "{raw}");
        }
    }

    #[test]
    fn the_table_covers_exactly_u00c0_to_u024f() {
        assert_eq!(LATIN.len(), 0x250 - 0xc0);
        let pairs = LATIN.iter().filter(|b| b.is_ascii_uppercase());
        assert!(pairs
            .map(|b| usize::from(b - b'A') * 2 + 2)
            .all(|end| end <= PAIRS.len()));
    }

    fn doc() -> NavigationDocument {
        let json = r#"{"categories": [
            {"identifier": "a", "display_name": "Büro", "entries": [
                {"identifier": "mail", "display_name": "E-Mail", "link": "/mail", "keywords": ["Post", "Nachrichten"]},
                {"identifier": "office", "display_name": "Büro", "link": "/office"}
            ]},
            {"identifier": "b", "display_name": "Leer", "entries": []},
            {"identifier": "c", "display_name": "Wissen", "entries": [
                {"identifier": "wiki", "display_name": "Élément Wiki", "link": "/wiki", "keywords": "Straße"}
            ]}
        ]}"#;
        parse(json, "", "de").unwrap().0
    }

    fn names(hits: &[(&Category, Vec<&Entry>)]) -> Vec<String> {
        hits.iter()
            .flat_map(|(_, entries)| entries.iter().map(|e| e.display_name.clone()))
            .collect()
    }

    #[test]
    fn buro_finds_buero_and_diacritics_are_ignored() {
        let doc = doc();
        for query in ["buro", "Büro", "BÜRO", "buero", "bu\u{308}ro", "  büro  "] {
            assert_eq!(names(&filter(&doc, query)), ["Büro"], "{query}");
        }
        assert_eq!(names(&filter(&doc, "element")), ["Élément Wiki"]);
        assert_eq!(names(&filter(&doc, "strasse")), ["Élément Wiki"]);
    }

    #[test]
    fn hyphenated_names_are_found_with_and_without_the_hyphen() {
        let doc = doc();
        assert_eq!(names(&filter(&doc, "email")), ["E-Mail"]);
        assert_eq!(names(&filter(&doc, "e-mail")), ["E-Mail"]);
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let doc = doc();
        assert_eq!(names(&filter(&doc, "wiki strasse")), ["Élément Wiki"]);
        assert!(filter(&doc, "wiki post").is_empty());
        let mail = &doc.categories[0].entries[0];
        assert!(matches(mail, &fold("mail nachr")));
        assert!(!matches(mail, &fold("mail wiki")));
    }

    #[test]
    fn words_do_not_match_across_name_and_keyword() {
        let doc = doc();
        assert!(filter(&doc, "mailpost").is_empty());
    }

    #[test]
    fn an_empty_query_keeps_every_non_empty_category_in_order() {
        let doc = doc();
        let hits = filter(&doc, "   ");
        let ids: Vec<&str> = hits.iter().map(|(c, _)| c.identifier.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(hits[0].1.len(), 2);
    }
}
