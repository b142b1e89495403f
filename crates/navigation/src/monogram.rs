//! The letters shown in place of an entry's icon while it loads, or when
//! it has none.

/// One or two uppercase letters: the first letter of each of the first two
/// words that have one. Hyphens do not start a word (`E-Mail` → `E`), and
/// words without a letter or digit (`&`, emoji) are skipped. A letter keeps
/// the combining marks that follow it, so a decomposed `É` stays whole.
/// `?` when there is no letter at all.
pub fn monogram(display_name: &str) -> String {
    let mut out = String::new();
    let mut letters = 0;
    for word in display_name.split_whitespace() {
        let Some((at, first)) = word.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            continue;
        };
        out.push(crate::case::upper(first));
        let rest = &word[at + first.len_utf8()..];
        out.extend(
            rest.chars()
                .take_while(|c| ('\u{300}'..='\u{36f}').contains(c)),
        );
        letters += 1;
        if letters == 2 {
            break;
        }
    }
    if out.is_empty() {
        out.push('?');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::monogram;

    #[test]
    fn first_letters_of_the_first_two_words() {
        for (name, expected) in [
            ("E-Mail", "E"),
            ("Nextcloud Files", "NF"),
            ("Büro", "B"),
            ("büro und mehr", "BU"),
            ("Dateien & Dokumente", "DD"),
            ("(Beta) tool", "BT"),
            ("élan", "É"),
            ("e\u{301}lan vital", "E\u{301}V"),
            ("365 Office", "3O"),
            ("ßtraße", "ß"),
            ("ярлык", "Я"),
            ("日本語 アプリ", "日ア"),
            ("🚀 Rocket", "R"),
            ("🚀", "?"),
            ("", "?"),
            ("  - & ", "?"),
        ] {
            assert_eq!(monogram(name), expected, "{name}");
        }
    }
}
