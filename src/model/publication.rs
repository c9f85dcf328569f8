use std::fmt;

/// Another published document that a document refers to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Publication {
    /// An answer or notice in the Aanhangsel: `ah-tk-20232024-1843`.
    Aanhangsel(String),
    /// A parliamentary paper: `kst-21501-02-2732`.
    Kamerstuk(String),
}

impl Publication {
    /// The publication's id at officielebekendmakingen.
    pub fn id(&self) -> &str {
        match self {
            Self::Aanhangsel(id) | Self::Kamerstuk(id) => id,
        }
    }
}

impl fmt::Display for Publication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
