//! The typed document: what the parser reads out of a text and the mapper turns into RDF.
//!
//! Plain data with no knowledge of text layouts or of RDF. Values enter from [`crate::parse`]
//! and leave through [`crate::map`].

mod document;
mod holder;
mod office;
mod publication;
mod question;
mod submitter;
mod zaak;

pub use document::{Document, DocumentKind, FollowUp};
pub use holder::OfficeHolder;
pub use office::{Office, Preposition};
pub use publication::Publication;
pub use question::{Answer, Footnote, NoteRef, Question};
pub(crate) use submitter::Role;
pub use submitter::Submitter;
pub use zaak::ZaakNumber;
