//! `kamervragen` turns Dutch parliamentary written questions (Kamervragen) into linked data.
//!
//! The modules read in the order data flows through them:
//!
//! 1. [`source`]: find the input files and read them (text, path, SHA-256; positions in them);
//! 2. [`model`]: the typed document; [`parse`]: text → [`model::Document`];
//! 3. [`rdf`]: vocabulary IRIs, the IRI of every resource (the only place IRIs are built), and
//!    the order dumps are written in;
//! 4. [`identity`]: the reference tables, and which person, party, office and set of questions
//!    each printed name and header stands for;
//! 5. [`map`]: document → quads, one named graph per source file, plus provenance;
//! 6. [`store`]: the oxigraph store, in memory or on disk (the only module that touches it);
//! 7. [`run`]: steps 1–6 over many files, on every core, and keeping a store in step with a
//!    folder;
//! 8. [`export`]: sorted RDF dumps (also streamed) and SPARQL result tables; [`publish`]: a folder
//!    of dumps with its DCAT/VoID description; [`validate`]: SHACL; [`serve`]: the SPARQL
//!    endpoint; [`push`]: the graphs into another triple store.
//!
//! Each stage uses only the stages before it (a test, `tests/cli/layout.rs`, holds it to that).
//! `docs/architecture.md` draws the pipeline and says where to add a layout, a query or a
//! command.
//!
//! ```
//! use kamervragen::map::LoadOptions;
//! use kamervragen::run::pipeline::load;
//! use kamervragen::export::results::{write_results, ResultsFormat};
//!
//! let loaded = load(&["seeds/2019Z15244.md".into()], &LoadOptions::default())?;
//! assert!(!loaded.report.has_failures());
//! let results = loaded.store.query(
//!     "SELECT ?n WHERE { ?q a schema:Question ; cito:cites ?url ; schema:position ?n } ORDER BY ?n",
//!     kamervragen::rdf::iri::DEFAULT_BASE,
//! )?;
//! let csv = write_results(results, ResultsFormat::Csv, Vec::new())?;
//! assert_eq!(String::from_utf8(csv)?, "n\r\n1\r\n5\r\n5\r\n");
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod allocator;

pub mod export;
pub mod identity;
pub mod map;
pub mod model;
pub mod parse;
pub mod publish;
pub mod push;
pub mod rdf;
pub mod run;
pub mod serve;
pub mod source;
pub mod store;
pub mod validate;

pub use run::Error;
