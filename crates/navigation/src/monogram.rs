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
        let Some((at, first)) = word.char_indices().find(|(_, c)| is_letter(*c)) else {
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

/// A letter or digit of the scripts portal names are written in: Latin,
/// Greek, Cyrillic, Armenian, Hebrew, Arabic, kana, CJK and Hangul. std's
/// `is_alphanumeric` is exact for all of Unicode but brings its tables
/// (1.7 KB of the wasm bundle, compressed); symbols, punctuation and emoji
/// are not letters here either.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c as u32,
            0xaa | 0xb5 | 0xba
            | 0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x2af
            | 0x386 | 0x388..=0x3ff
            | 0x400..=0x481 | 0x48a..=0x52f
            | 0x531..=0x587
            | 0x5d0..=0x5ea
            | 0x620..=0x64a | 0x660..=0x669
            | 0x3041..=0x30ff
            | 0x3400..=0x4dbf | 0x4e00..=0x9fff
            | 0xac00..=0xd7a3)
            && !matches!(
                c,
                '\u{3f6}' | '\u{482}' | '\u{55a}'..='\u{55f}' | '\u{30a0}' | '\u{30fb}'
            )
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
            ("Ωmega αλφα", "ΩΑ"),
            ("Ⅻ ½ ©", "?"),
            ("「引用」 テスト", "引テ"),
            ("한국 앱", "한앱"),
        ] {
            assert_eq!(monogram(name), expected, "{name}");
        }
    }
}
