//! Keeping a store up to date with a folder of documents, a load at a time.
//!
//! Paths and a store enter; the store leaves changed and an [`UpdateReport`] says how. A file
//! whose SHA-256 the store's provenance already records is not parsed again; a changed file
//! takes the place of its earlier version; a new one is added. The new documents of each batch
//! go in at once through the bulk loader, the changed ones in one transaction, so a load that is
//! killed leaves every document graph whole, with its provenance, or absent. With `prune`, the paths are taken as the whole corpus: documents
//! whose files are gone are removed, and the statements about shared resources (people,
//! parties, offices) are cut back to those the files still make, so the store ends as a fresh
//! load of the same files would. Without it, shared statements are only ever added: they may
//! come from documents the paths do not include. The store records a stamp of what its
//! documents were mapped with (base, reference tables, version); when it differs, every file
//! is mapped and written again, changed or not. The reference graph and the linksets are
//! rewritten after every load; the linksets are counted in the store, so they count every
//! document it holds.

use crate::map::reference_quads;
use crate::rdf::iri::IriMinter;
use crate::rdf::links;
use crate::run::links::{hash128, LinkCounter};
use crate::run::pipeline::{for_each_batch, LoadReport};
use crate::run::Error;

use crate::map::LoadOptions;
use crate::store::{DocumentGraphs, GraphStore};
use oxigraph::model::{GraphName, Quad, QuadRef};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// What an update did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    /// The files parsed (or that failed), and those not parsed since the store had them.
    pub load: LoadReport,
    pub added: usize,
    pub replaced: usize,
    /// Files the store already held as they are (parsed again only for `prune`).
    pub unchanged: usize,
    /// Source paths whose documents were removed (only with `prune`).
    pub removed: Vec<String>,
    /// Statements about shared resources that no file makes any more (only with `prune`).
    pub shared_removed: usize,
    /// Whether shared statements were left as they were although `prune` was asked, because
    /// some file failed and its earlier version, still in the store, may need them.
    pub shared_kept_for_failures: bool,
}

/// Brings `store` up to date with the documents under `roots`.
pub fn update(
    roots: &[PathBuf],
    options: &LoadOptions,
    store: &GraphStore,
    prune: bool,
) -> Result<UpdateReport, Error> {
    let minter = &options.minter;
    let stored = store.stored_documents(&minter.provenance_graph())?;
    // A file's quads depend on the tables and the tool as much as on its text: when those
    // changed, or a load did not finish, every file is mapped and written again.
    let mapping = mapping_stamp(options);
    let same_mapping = store.mapping()?.as_deref() == Some(mapping.as_str());
    // A file is as it was when its text is, and the set it describes is still the one the
    // store has it describe: a new answer or a new questions document can change that.
    let has_as_is = |path: &str, sha256: &str, set_key: &str| {
        same_mapping
            && stored.get(path).is_some_and(|document| {
                document.sha256 == sha256
                    && document.set.as_deref() == Some(minter.question_set(set_key).as_str())
            })
    };
    let shared_graph = GraphName::from(minter.shared_graph());
    let mut shared_stated = HashSet::new();
    let mut report = UpdateReport::default();
    let mut load = LoadReport::default();
    for_each_batch(
        roots,
        options,
        // With `prune` every file is mapped again: its shared statements are needed.
        |entry, sha256, set| !prune && has_as_is(&entry.source_path, sha256, &set.key),
        |batch| {
            let mut added = Vec::new();
            let mut replaced = Vec::new();
            for document in batch {
                if prune {
                    let shared = document
                        .quads
                        .iter()
                        .filter(|q| q.graph_name == shared_graph.as_ref());
                    shared_stated.extend(shared.map(statement_hash));
                }
                let path = &document.entry.source_path;
                if has_as_is(path, &document.sha256, &document.set_key) {
                    report.unchanged += 1;
                    continue;
                }
                if stored.contains_key(path) {
                    report.replaced += 1;
                    replaced.push((document_graphs(minter, path), document.quads.into_quads()));
                } else {
                    report.added += 1;
                    added.extend(document.quads.into_quads());
                }
            }
            store.add_documents(added)?;
            Ok(store.replace_documents(replaced)?)
        },
        &mut load,
    )?;
    // Room was made for every file; those unchanged did not use it.
    load.documents.shrink_to_fit();
    report.load = load;
    report.unchanged += report.load.unchanged.len();
    if prune {
        prune_store(store, minter, &stored, &shared_stated, &mut report)?;
    }
    store.replace_graph(
        &minter.reference_graph(),
        reference_quads(minter, &options.reference).into_quads(),
    )?;
    store.replace_graph(&minter.linkset_graph(), count_links(store, minter)?)?;
    store.flush()?;
    store.set_mapping(&mapping)?;
    Ok(report)
}

/// What a document's quads depend on besides its text: the base, the reference tables and the
/// version of this crate, as a hash.
fn mapping_stamp(options: &LoadOptions) -> String {
    let tables = options
        .reference
        .to_files()
        .map(|files| files.into_iter().map(|(_, text)| text).collect::<Vec<_>>())
        .unwrap_or_default();
    let stamp = (
        options.minter.base(),
        tables,
        options.generated_at.map(|time| time.to_rfc3339()),
        env!("CARGO_PKG_VERSION"),
    );
    format!("{:032x}", hash128(&stamp))
}

/// Removes the documents whose files are gone, then the shared statements no file makes.
fn prune_store(
    store: &GraphStore,
    minter: &IriMinter,
    stored: &std::collections::BTreeMap<String, crate::store::StoredDocument>,
    shared_stated: &HashSet<u128>,
    report: &mut UpdateReport,
) -> Result<(), Error> {
    let present: BTreeSet<&str> = report
        .load
        .documents
        .iter()
        .map(|document| &document.entry)
        .chain(&report.load.unchanged)
        .map(|entry| entry.source_path.as_str())
        .collect();
    report.removed = stored
        .keys()
        .filter(|path| !present.contains(path.as_str()))
        .cloned()
        .collect();
    let gone: Vec<DocumentGraphs> = report
        .removed
        .iter()
        .map(|path| document_graphs(minter, path))
        .collect();
    store.remove_documents(&gone)?;
    if report.load.has_failures() {
        report.shared_kept_for_failures = true;
    } else {
        report.shared_removed = store.retain_in_graph(&minter.shared_graph(), |quad| {
            shared_stated.contains(&statement_hash(quad.as_ref()))
        })?;
    }
    Ok(())
}

/// Counted over the store's merge, so that documents this load did not parse count too.
fn count_links(store: &GraphStore, minter: &IriMinter) -> Result<Vec<Quad>, Error> {
    let mut counter = LinkCounter::default();
    let predicates: BTreeSet<_> = links::FAMILIES.iter().map(|f| f.predicate).collect();
    for predicate in predicates {
        for quad in store.merged_statements_with(predicate)? {
            counter.add(quad.as_ref())?;
        }
    }
    Ok(counter.quads(minter)?.into_quads())
}

fn statement_hash(quad: QuadRef<'_>) -> u128 {
    hash128(&(quad.subject, quad.predicate, quad.object))
}

/// The resources the document from `source_path` occupies in a store.
fn document_graphs(minter: &IriMinter, source_path: &str) -> DocumentGraphs {
    DocumentGraphs {
        graph: minter.document_graph(source_path),
        source: minter.source(source_path),
        checksum: minter.checksum(source_path),
        provenance_graph: minter.provenance_graph(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::pipeline::load;
    use oxigraph::sparql::QueryResults;
    use std::fs;
    use std::path::Path;

    const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

    /// Every quad of the named graphs, and every triple of the merge, as sorted lines.
    fn contents(store: &GraphStore) -> (Vec<String>, Vec<String>) {
        let mut quads: Vec<String> = store
            .quads()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        quads.sort();
        let QueryResults::Graph(triples) = store
            .query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                crate::rdf::iri::DEFAULT_BASE,
            )
            .unwrap()
        else {
            panic!("not a graph");
        };
        let mut merge: Vec<String> = triples.map(|t| t.unwrap().to_string()).collect();
        merge.sort();
        (quads, merge)
    }

    fn fresh(folder: &Path) -> (Vec<String>, Vec<String>) {
        contents(
            &load(&[folder.to_owned()], &LoadOptions::default())
                .unwrap()
                .store,
        )
    }

    /// A folder named `corpus` in a temporary folder. Documents are known by their source
    /// path, which starts with the name of the folder given.
    struct Corpus {
        _temporary: tempfile::TempDir,
        folder: std::path::PathBuf,
    }

    impl Corpus {
        fn empty() -> Self {
            let temporary = tempfile::tempdir().unwrap();
            let folder = temporary.path().join("corpus");
            fs::create_dir(&folder).unwrap();
            Self {
                _temporary: temporary,
                folder,
            }
        }

        fn path(&self) -> &Path {
            &self.folder
        }
    }

    /// The seed question and three answers from the corpus.
    fn corpus_folder() -> Corpus {
        let corpus = Corpus::empty();
        let folder = corpus.path();
        fs::copy(
            format!("{SEEDS}/2019Z15244.md"),
            folder.join("2019Z15244.md"),
        )
        .unwrap();
        for name in [
            "ah-tk-20232024-1076.txt",
            "ah-tk-20232024-1178.txt",
            "ah-tk-20232024-1292.txt",
        ] {
            fs::copy(format!("{SEEDS}/corpus/{name}"), folder.join(name)).unwrap();
        }
        corpus
    }

    fn run(folder: &Path, store: &GraphStore, prune: bool) -> UpdateReport {
        update(&[folder.to_owned()], &LoadOptions::default(), store, prune).unwrap()
    }

    #[test]
    fn a_first_update_gives_the_store_a_fresh_load_gives() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        let report = run(folder.path(), &store, false);
        assert_eq!((report.added, report.replaced, report.unchanged), (4, 0, 0));
        let (quads, merge) = contents(&store);
        assert!(quads.len() > 500, "{}", quads.len());
        assert_eq!((quads, merge), fresh(folder.path()));
    }

    #[test]
    fn unchanged_files_are_not_parsed_again_and_change_nothing() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        run(folder.path(), &store, false);
        let before = contents(&store);
        let report = run(folder.path(), &store, false);
        assert_eq!((report.added, report.replaced, report.unchanged), (0, 0, 4));
        assert!(report.load.documents.is_empty());
        assert_eq!(report.load.unchanged.len(), 4);
        assert_eq!(contents(&store), before);
    }

    #[test]
    fn a_questions_document_that_arrives_maps_again_the_notice_it_gives_a_zaak_number() {
        let corpus = Corpus::empty();
        let notice = fs::read_to_string(format!("{SEEDS}/corpus/ah-tk-20242025-562.pdf.txt"))
            .unwrap()
            .replace("(2024Z16988)", "");
        fs::write(corpus.path().join("notice.txt"), &notice).unwrap();
        let store = GraphStore::new().unwrap();
        run(corpus.path(), &store, false);
        // The questions, as the notice repeats them, with their Zaak number.
        let questions =
            &notice[notice.find("Vraag 1").unwrap()..notice.find("Mededeling\n").unwrap()];
        let header = "2024Z16988\nVragen van de leden Van den Hil (VVD) en Bikker (ChristenUnie) aan de \
            Staatssecretaris van Volksgezondheid, Welzijn en Sport over het bericht «Wachttijden ggz \
            niet goed vastgelegd, zeggen onderzoekers» (ingezonden 25 oktober 2024).\n";
        fs::write(
            corpus.path().join("questions.txt"),
            format!("{header}{questions}"),
        )
        .unwrap();

        let report = run(corpus.path(), &store, false);
        assert_eq!((report.added, report.replaced, report.unchanged), (1, 1, 0));
        assert_eq!(contents(&store), fresh(corpus.path()));
    }

    #[test]
    fn with_prune_changed_added_and_removed_files_end_as_a_fresh_load() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        run(folder.path(), &store, false);
        // One file changes its subject, one goes, one comes.
        let seed = folder.path().join("2019Z15244.md");
        let text = fs::read_to_string(&seed).unwrap();
        fs::write(
            &seed,
            text.replace("Vragen van het lid", "Vragen van de leden"),
        )
        .unwrap();
        fs::remove_file(folder.path().join("ah-tk-20232024-1178.txt")).unwrap();
        let added = "ah-tk-20232024-1314.txt";
        fs::copy(format!("{SEEDS}/corpus/{added}"), folder.path().join(added)).unwrap();

        let report = run(folder.path(), &store, true);
        assert_eq!((report.added, report.replaced, report.unchanged), (1, 1, 2));
        assert_eq!(report.removed, ["corpus/ah-tk-20232024-1178.txt"]);
        assert!(
            report.shared_removed > 0,
            "the removed answer's minister had statements"
        );
        assert_eq!(contents(&store), fresh(folder.path()));
    }

    #[test]
    fn changed_reference_tables_map_every_file_again() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        run(folder.path(), &store, false);
        let mut reference = crate::identity::reference::ReferenceData::shipped();
        let party = reference
            .parties
            .iter_mut()
            .find(|p| p.label == "VVD")
            .unwrap();
        party.label = "Volkspartij voor Vrijheid en Democratie".to_owned();
        reference.reindex();
        let options = LoadOptions {
            reference: std::sync::Arc::new(reference),
            ..LoadOptions::default()
        };
        let report = update(&[folder.path().to_owned()], &options, &store, false).unwrap();
        assert_eq!((report.added, report.replaced, report.unchanged), (0, 4, 0));
        let relabelled = contents(&store);
        let fresh_load = load(&[folder.path().to_owned()], &options).unwrap().store;
        assert_eq!(relabelled, contents(&fresh_load));
        assert_ne!(relabelled, fresh(folder.path()));
        // And once recorded, the same tables skip the files again.
        let report = update(&[folder.path().to_owned()], &options, &store, false).unwrap();
        assert_eq!((report.added, report.replaced, report.unchanged), (0, 0, 4));
    }

    #[test]
    fn without_prune_documents_of_missing_files_stay() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        run(folder.path(), &store, false);
        let before = contents(&store);
        let only = Corpus::empty();
        fs::copy(
            folder.path().join("2019Z15244.md"),
            only.path().join("2019Z15244.md"),
        )
        .unwrap();
        let report = run(only.path(), &store, false);
        assert_eq!((report.added, report.replaced, report.unchanged), (0, 0, 1));
        assert!(report.removed.is_empty());
        assert_eq!(contents(&store), before);
    }

    #[test]
    fn a_file_that_no_longer_reads_keeps_its_earlier_version() {
        let folder = corpus_folder();
        let store = GraphStore::new().unwrap();
        run(folder.path(), &store, false);
        let before = contents(&store);
        fs::write(
            folder.path().join("ah-tk-20232024-1076.txt"),
            "not a document\n",
        )
        .unwrap();
        let report = run(folder.path(), &store, true);
        assert!(report.load.has_failures());
        assert!(report.shared_kept_for_failures);
        assert_eq!((report.added, report.replaced, report.unchanged), (0, 0, 3));
        assert_eq!(contents(&store), before);
    }
}
