//! `kamervragen` turns Dutch parliamentary written questions (Kamervragen) into linked data.
//!
//! The modules read in the order data flows through them:
//!
//! 1. [`source`]: find the input files and read them (text, path, SHA-256);
//! 2. [`parse`]: text → typed [`model::Document`];
//! 3. [`iri`]: mint the IRI of every resource (the only place IRIs are built);
//! 4. [`map`]: document → quads, one named graph per source file, plus provenance;
//! 5. [`store`]: the oxigraph store, in memory or on disk (the only module that touches it);
//! 6. [`export`] and [`results`]: sorted RDF dumps and SPARQL result tables.
//!
//! [`pipeline`] runs steps 1–5 over a set of input paths, and [`tally`] counts what became of
//! the files; [`stream`] writes a dump without a store; [`update`] keeps a store up to date, a
//! load at a time; [`publish`] writes a folder of dumps with their DCAT/VoID description;
//! [`validate`] checks a store against SHACL shapes; [`vocab`] holds the vocabulary IRIs.
//!
//! ```
//! use kamervragen::pipeline::{load, LoadOptions};
//! use kamervragen::results::{write_results, ResultsFormat};
//!
//! let loaded = load(&["seeds/2019Z15244.md".into()], &LoadOptions::default())?;
//! assert!(!loaded.report.has_failures());
//! let results = loaded.store.query(
//!     "SELECT ?n WHERE { ?q a schema:Question ; cito:cites ?url ; schema:position ?n } ORDER BY ?n",
//!     kamervragen::iri::DEFAULT_BASE,
//! )?;
//! let csv = write_results(results, ResultsFormat::Csv, Vec::new())?;
//! assert_eq!(String::from_utf8(csv)?, "n\r\n1\r\n5\r\n5\r\n");
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod allocator;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod identity;
pub mod iri;
pub mod links;
pub mod map;
pub mod members_import;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod publish;
pub mod push;
pub mod reference;
pub mod results;
pub mod serve;
pub mod set_identity;
pub mod source;
pub mod spill;
pub mod store;
pub mod stream;
pub mod tally;
pub mod tk_import;
pub mod update;
pub mod validate;
pub mod vocab;

pub use error::Error;
