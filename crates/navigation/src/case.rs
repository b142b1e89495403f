//! Upper- and lowercase for Latin (to Extended-A), Greek and Cyrillic.
//!
//! std's `to_lowercase` and `to_uppercase` bring the full Unicode case
//! tables, about 25 KB of wasm, into a bundle with a size budget. Portal
//! names in European suites need these scripts; letters of other scripts
//! are left as they are, which only costs case-insensitive search there.

/// Lowercase, where a single lowercase letter exists.
pub(crate) fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x130 => 0x69,
        0x178 => 0xff,
        0x41..=0x5a | 0xc0..=0xde if u != 0xd7 => u + 0x20,
        0x100..=0x137 | 0x14a..=0x177 | 0x460..=0x481 | 0x48a..=0x4bf if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17e if u % 2 == 1 => u + 1,
        0x386 => 0x3ac,
        0x388..=0x38a => u + 0x25,
        0x38c => 0x3cc,
        0x38e..=0x38f => u + 0x3f,
        0x391..=0x3ab if u != 0x3a2 => u + 0x20,
        0x400..=0x40f => u + 0x50,
        0x410..=0x42f => u + 0x20,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Uppercase, where a single uppercase letter exists (`ß` stays `ß`).
pub(crate) fn upper(c: char) -> char {
    let u = c as u32;
    let up = match u {
        0x131 => 0x49,
        0x17f => 0x53,
        0xff => 0x178,
        0x61..=0x7a | 0xe0..=0xfe if u != 0xf7 => u - 0x20,
        0x100..=0x137 | 0x14a..=0x177 | 0x460..=0x481 | 0x48a..=0x4bf if u % 2 == 1 => u - 1,
        0x139..=0x148 | 0x179..=0x17e if u % 2 == 0 => u - 1,
        0x3ac => 0x386,
        0x3ad..=0x3af => u - 0x25,
        0x3c2 => 0x3a3,
        0x3b1..=0x3cb => u - 0x20,
        0x3cc => 0x38c,
        0x3cd..=0x3ce => u - 0x3f,
        0x430..=0x44f => u - 0x20,
        0x450..=0x45f => u - 0x50,
        _ => u,
    };
    char::from_u32(up).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges this module claims, checked letter by letter against std.
    #[test]
    fn agrees_with_std_wherever_std_maps_to_one_letter() {
        let ranges = [0..0x180, 0x386..0x3cf, 0x400..0x482, 0x48a..0x4c0];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let mut std_lower = c.to_lowercase();
            if let (Some(l), None) = (std_lower.next(), std_lower.next()) {
                assert_eq!(lower(c), l, "lower {c} U+{:04X}", c as u32);
            }
            let mut std_upper = c.to_uppercase();
            if let (Some(u), None) = (std_upper.next(), std_upper.next()) {
                if !(0x80..0xc0).contains(&(c as u32)) {
                    assert_eq!(upper(c), u, "upper {c} U+{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn letters_without_a_single_partner_stay() {
        assert_eq!(lower('İ'), 'i');
        assert_eq!(upper('ß'), 'ß');
        assert_eq!(upper('ŉ'), 'ŉ');
        assert_eq!(lower('ア'), 'ア');
    }
}
