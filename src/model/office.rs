use std::fmt;

/// An office the questions are addressed to (`Minister voor Buitenlandse Handel en
/// Ontwikkelingssamenwerking`), singular even where the header prints a plural title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// `Minister`, `Staatssecretaris`, `Minister-President`, …
    pub title: String,
    /// `van` or `voor`, kept as printed: `voor` marks a minister without a ministry of their own.
    pub preposition: Option<Preposition>,
    /// The portfolio after the preposition (`Buitenlandse Handel en Ontwikkelingssamenwerking`).
    pub portfolio: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preposition {
    Van,
    Voor,
}

impl Preposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Van => "van",
            Self::Voor => "voor",
        }
    }
}

impl Office {
    /// The office's name as a document would print it for one holder.
    pub fn label(&self) -> String {
        match (&self.preposition, &self.portfolio) {
            (Some(preposition), Some(portfolio)) => {
                format!("{} {} {}", self.title, preposition.as_str(), portfolio)
            }
            _ => self.title.clone(),
        }
    }

    /// The ministry the office belongs to, where the name tells it: only `van X` does
    /// (`Minister van Financiën` is in the `Ministerie van Financiën`).
    pub fn ministry(&self) -> Option<String> {
        match (&self.preposition, &self.portfolio) {
            (Some(Preposition::Van), Some(portfolio)) => {
                Some(format!("Ministerie van {portfolio}"))
            }
            _ => None,
        }
    }
}

impl fmt::Display for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}
