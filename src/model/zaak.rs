use std::fmt;

/// The Tweede Kamer's number for a set of questions: year, `Z`, five digits (`2019Z15244`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZaakNumber(String);

impl ZaakNumber {
    /// Accepts exactly `YYYYZnnnnn`; anything else is not a Zaak number.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'Z'
            && bytes[5..].iter().all(u8::is_ascii_digit);
        well_formed.then(|| Self(text.to_owned()))
    }

    /// Every Zaak number in a text, in order of appearance.
    pub fn find_all(text: &str) -> Vec<Self> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter_map(Self::parse)
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ZaakNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_the_printed_form() {
        assert!(ZaakNumber::parse("2019Z15244").is_some());
        assert!(ZaakNumber::parse("2019Z1524").is_none());
        assert!(ZaakNumber::parse("2019z15244").is_none());
        assert!(ZaakNumber::parse("2019D31336").is_none());
    }

    #[test]
    fn finds_numbers_inside_prose() {
        let found = ZaakNumber::find_all("ingezonden 18 juli 2019 (vraagnummer 2019Z15131)");
        assert_eq!(found, vec![ZaakNumber::parse("2019Z15131").unwrap()]);
    }
}
