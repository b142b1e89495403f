//! Type-ahead: typing letters while a list has focus moves to the next item
//! whose name starts with them (WAI-ARIA APG). Pure, so the timing rules are
//! tested natively; the caller supplies the clock.

use bandeau_navigation::fold;

/// Letters typed within this many milliseconds of each other form one
/// prefix ("ma" for Mail); after a pause typing starts a new one.
pub const RESET_MS: f64 = 500.0;

#[derive(Debug, Default)]
pub struct Typeahead {
    prefix: String,
    last_ms: f64,
}

impl Typeahead {
    /// Adds a typed character at time `now_ms` and returns the folded
    /// prefix to look for.
    pub fn push(&mut self, typed: char, now_ms: f64) -> &str {
        if now_ms - self.last_ms > RESET_MS {
            self.prefix.clear();
        }
        self.last_ms = now_ms;
        self.prefix.push_str(&fold(&typed.to_string()));
        &self.prefix
    }
}

/// The index of the first label after `current` (wrapping) whose folded
/// text starts with `prefix`. The current item is searched last, so a
/// repeated letter cycles through the items starting with it, and a prefix
/// that still fits the current item keeps it.
pub fn find(labels: &[&str], current: Option<usize>, prefix: &str) -> Option<usize> {
    if prefix.is_empty() || labels.is_empty() {
        return None;
    }
    let n = labels.len();
    let first = prefix.chars().next()?;
    let repeated = prefix.chars().count() > 1 && prefix.chars().all(|c| c == first);
    let needle = if repeated {
        &prefix[..first.len_utf8()]
    } else {
        prefix
    };
    let start = match current {
        // A fresh single letter moves on (APG); a longer prefix that still
        // fits the current item keeps it ("ma" after "m" stays on Mail).
        Some(i)
            if !repeated && needle.chars().count() > 1 && fold(labels[i]).starts_with(needle) =>
        {
            return Some(i)
        }
        Some(i) => i + 1,
        None => 0,
    };
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| fold(labels[i]).starts_with(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_letter_after_a_pause_moves_to_the_next_item() {
        let apps = ["Kalender", "Kontakte", "Mail"];
        assert_eq!(find(&apps, Some(0), "k"), Some(1));
        assert_eq!(find(&apps, Some(1), "k"), Some(0));
        assert_eq!(find(&apps, Some(0), "ka"), Some(0));
    }

    fn labels<'a>(names: &[&'a str]) -> Vec<&'a str> {
        names.to_vec()
    }

    #[test]
    fn letters_typed_quickly_form_one_prefix() {
        let mut t = Typeahead::default();
        t.push('M', 1000.0);
        assert_eq!(t.push('a', 1100.0), "ma");
        assert_eq!(t.push('x', 2000.0), "x");
    }

    #[test]
    fn finds_the_next_match_after_the_current_item() {
        let apps = labels(&["Mail", "Dateien", "Matrix", "Büro"]);
        assert_eq!(
            find(&apps, Some(0), "m"),
            Some(2),
            "a fresh letter moves on"
        );
        assert_eq!(find(&apps, Some(1), "m"), Some(2));
        assert_eq!(find(&apps, None, "bu"), Some(3), "diacritics are folded");
        assert_eq!(find(&apps, Some(0), "z"), None);
    }

    #[test]
    fn a_repeated_letter_cycles_through_its_items() {
        let apps = labels(&["Mail", "Dateien", "Matrix"]);
        assert_eq!(find(&apps, Some(0), "mm"), Some(2));
        assert_eq!(find(&apps, Some(2), "mmm"), Some(0));
    }
}
