//! The shared navigation fixtures: what real openDesk portals send.

use bandeau_navigation::{filter, parse, NavigationDocument, Target};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Instant;

const BASE: &str = "https://portal.example.org/univention/portal/";

/// The fixture files by name, or `None` (with a note) when this checkout
/// has no shared directory beside it.
fn fixtures() -> Option<Vec<(String, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/navigation");
    let Ok(listing) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is missing; fixture tests skipped", dir.display());
        return None;
    };
    let mut files: Vec<(String, String)> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    Some(files)
}

fn fixture(name: &str) -> Option<String> {
    Some(fixtures()?.into_iter().find(|(n, _)| n == name)?.1)
}

fn read(text: &str, language: &str) -> NavigationDocument {
    let (doc, problems) = parse(text, BASE, language).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    doc
}

#[test]
fn every_shared_fixture_parses_with_all_its_entries() {
    let Some(files) = fixtures() else { return };
    for (name, text) in files {
        let raw: Value = serde_json::from_str(&text).unwrap();
        let raw_categories = raw["categories"].as_array().unwrap();
        let doc = read(&text, "de-DE");
        assert_eq!(doc.categories.len(), raw_categories.len(), "{name}");
        for (category, raw) in doc.categories.iter().zip(raw_categories) {
            assert_eq!(category.identifier, raw["identifier"], "{name}");
            assert_eq!(
                category.entries.len(),
                raw["entries"].as_array().unwrap().len(),
                "{name}"
            );
            for (entry, raw) in category
                .entries
                .iter()
                .zip(raw["entries"].as_array().unwrap())
            {
                assert_eq!(entry.identifier, raw["identifier"], "{name}");
                assert_eq!(entry.display_name, raw["display_name"], "{name}");
                assert!(
                    entry.link.as_deref().unwrap().starts_with("https://"),
                    "{name}"
                );
                assert!(
                    entry.icon_url.as_deref().unwrap().starts_with("https://"),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn large_fixture_has_12_categories_of_20() {
    let Some(text) = fixture("large-240.json") else {
        return;
    };
    let doc = read(&text, "de");
    assert_eq!(doc.categories.len(), 12);
    assert!(doc.categories.iter().all(|c| c.entries.len() == 20));
    assert_eq!(doc.entry_count(), 240);
}

#[test]
fn root_relative_icons_join_the_portal_origin() {
    let Some(text) = fixture("large-240.json") else {
        return;
    };
    let doc = read(&text, "de");
    let first = &doc.categories[0].entries[0];
    assert_eq!(
        first.icon_url.as_deref(),
        Some("https://portal.example.org/icons/app0.svg")
    );
    assert_eq!(first.target, Target::NewWindow);
}

#[test]
fn opendesk_keywords_follow_the_language() {
    for (file, language, display_name, keywords) in [
        (
            "opendesk-de.json",
            "de-DE",
            "E-Mail",
            ["Post", "Nachrichten"],
        ),
        ("opendesk-en.json", "en", "Email", ["mail", "inbox"]),
    ] {
        let Some(text) = fixture(file) else { return };
        let doc = read(&text, language);
        let mail = &doc.categories[0].entries[0];
        assert_eq!(mail.display_name, display_name);
        assert_eq!(mail.keywords, keywords);
        assert_eq!(mail.target, Target::Named("tab_groupware".into()));
        let hits = filter(&doc, keywords[0]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1[0].identifier, "swp.groupware_mail");
    }
}

#[test]
fn cache_round_trip() {
    let Some(files) = fixtures() else { return };
    for (name, text) in files {
        let doc = read(&text, "de");
        let (again, problems) = parse(&doc.to_json(), BASE, "de").unwrap();
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert_eq!(again, doc, "{name}");
    }
}

/// Timings are printed, never asserted: CI machines vary too much.
#[test]
fn reading_and_filtering_240_entries_is_quick() {
    let Some(text) = fixture("large-240.json") else {
        return;
    };
    let doc = read(&text, "de");
    assert_eq!(
        filter(&doc, "anwendung 3-1")
            .iter()
            .map(|(_, e)| e.len())
            .sum::<usize>(),
        11
    );
    assert_eq!(filter(&doc, "stichwort7").len(), 12);
    let queries = [
        "a",
        "anw",
        "anwendung 1",
        "keyword",
        "xyz",
        "ANWENDUNG 11-19",
    ];
    let rounds = 200;
    let start = Instant::now();
    for _ in 0..rounds {
        for q in queries {
            std::hint::black_box(filter(&doc, q));
        }
    }
    let per_query = start.elapsed() / (rounds * queries.len() as u32);
    let start = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(parse(&text, BASE, "de").unwrap());
    }
    let per_read = start.elapsed() / 20;
    println!("240 entries: filter {per_query:?} per query, parse {per_read:?}");
}
