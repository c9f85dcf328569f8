use std::fmt;

/// Another published document that a document refers to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reference {
    /// An answer or notice in the Aanhangsel: `ah-tk-20232024-1843`.
    Aanhangsel(String),
    /// A parliamentary paper: `kst-21501-02-2732`.
    Kamerstuk(String),
}

impl Reference {
    /// The publication's id at officielebekendmakingen.
    pub fn id(&self) -> &str {
        match self {
            Self::Aanhangsel(id) | Self::Kamerstuk(id) => id,
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
