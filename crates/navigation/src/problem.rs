//! Something in a navigation document that could not be used as given.
//!
//! Portals are run by many admins and many versions, so a problem is a note
//! for the console, not a failure: the reader keeps going and the chrome
//! shows what it could use.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document, as a path a person can follow in the JSON,
    /// e.g. `categories[0].entries[3].link`.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_place_colon_message() {
        let p = Problem::new(
            "categories[0].entries[3].link",
            "`javascript:` links are not allowed",
        );
        assert_eq!(
            p.to_string(),
            "categories[0].entries[3].link: `javascript:` links are not allowed"
        );
    }
}
