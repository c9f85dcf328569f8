/// A member of the Kamer who put the questions, as printed in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitter {
    /// The name as printed, without markup (`Sjoerdsma`, `Van Ojik`, `Inge van Dijk`).
    pub name: String,
    /// The party label as printed (`D66`); `None` where the document names none.
    pub party: Option<String>,
}

/// What a submitter did, which follows from the printed order: the first named is the
/// submitter, every later one a co-submitter (the Tweede Kamer's `Indiener` / `Medeindiener`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Submitter,
    CoSubmitter,
}

impl Role {
    /// The role of the submitter at 1-based `position` in the printed list.
    pub fn at(position: usize) -> Self {
        if position == 1 {
            Self::Submitter
        } else {
            Self::CoSubmitter
        }
    }
}
