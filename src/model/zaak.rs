use std::fmt;

/// The Tweede Kamer's number for a set of questions: year, `Z`, five digits (`2019Z15244`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZaakNumber(String);

impl ZaakNumber {
    /// Accepts exactly `YYYYZnnnnn`, or `YYYYZ nnnnn` as some pages print it (the space left
    /// out); anything else is not a Zaak number.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() == 11 && text.as_bytes()[5] == b' ' && text.as_bytes()[4] == b'Z' {
            return Self::parse(&format!("{}{}", &text[..5], &text[6..]));
        }
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'Z'
            && bytes[5..].iter().all(u8::is_ascii_digit);
        well_formed.then(|| Self(text.to_owned()))
    }

    /// Every Zaak number in a text, in order of appearance.
    pub(crate) fn find_all(text: &str) -> Vec<Self> {
        let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        let mut found = Vec::new();
        let mut index = 0;
        while index < words.len() {
            if let Some(zaak) = Self::parse(words[index]) {
                found.push(zaak);
            } else if let Some(zaak) = words
                .get(index + 1)
                .filter(|_| words[index].len() == 5)
                .and_then(|digits| Self::parse(&format!("{} {digits}", words[index])))
            {
                // `2024Z 17972`: the year and the number on either side of a space.
                found.push(zaak);
                index += 1;
            }
            index += 1;
        }
        found
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
    fn a_number_printed_with_a_space_is_read_without_it() {
        assert_eq!(
            ZaakNumber::parse("2024Z 17972").map(|z| z.0),
            Some("2024Z17972".to_owned())
        );
        assert_eq!(
            ZaakNumber::find_all("vraagnummer 2024Z 17972 en 2024Z17973"),
            vec![
                ZaakNumber::parse("2024Z17972").unwrap(),
                ZaakNumber::parse("2024Z17973").unwrap()
            ]
        );
        assert!(ZaakNumber::parse("2024Z  1797").is_none());
    }

    #[test]
    fn finds_numbers_inside_prose() {
        let found = ZaakNumber::find_all("ingezonden 18 juli 2019 (vraagnummer 2019Z15131)");
        assert_eq!(found, vec![ZaakNumber::parse("2019Z15131").unwrap()]);
    }
}
