//! Identity: one resource per real person, party and office, decided by the reference tables
//! and recorded in the graph; links out, counted per family. Fixtures for the hard cases:
//! shared surnames, a party change, name variants, a member who answers as minister.

use super::{kv_data, query_path, Workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn questions(zaak: &str, members: &str, date: &str) -> String {
    format!(
        "{zaak}\n\nVragen van {members} aan de Minister van Financiën over de belasting (ingezonden {date}).\n\nVraag 1\n\nKlopt het?\n"
    )
}

/// The shipped tables with extra members rows appended, in a folder of the workspace.
fn shipped_tables() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/reference")
}

/// The shipped parties and offices with `members` as the members table.
fn tables_of(workspace: &Workspace, members: &str) -> String {
    for name in ["parties.toml", "offices.toml"] {
        workspace.write(
            &format!("tables/{name}"),
            &std::fs::read_to_string(shipped_tables().join(name)).unwrap(),
        );
    }
    workspace.write("tables/members.toml", members);
    workspace.path().join("tables").to_str().unwrap().to_owned()
}

fn creators(workspace: &Workspace, extra: &[&str]) -> BTreeSet<String> {
    let mut args = vec![
        "query",
        "in",
        "-f",
        "csv",
        "-e",
        "SELECT DISTINCT ?person WHERE { ?set dct:creator ?person }",
    ];
    args.extend_from_slice(extra);
    workspace
        .run(&args)
        .success()
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_party_change_is_one_person_when_the_table_knows_it() {
    let workspace = Workspace::empty();
    workspace.write(
        "in/a.md",
        &questions("2019Z00001", "het lid Kuiken (PvdA)", "3 mei 2019"),
    );
    workspace.write(
        "in/b.md",
        &questions(
            "2023Z00001",
            "het lid Kuiken (GroenLinks-PvdA)",
            "20 november 2023",
        ),
    );
    // Without a row, the printed name and party mint two people: the rules do not guess.
    let no_members = tables_of(&workspace, "member = []\n");
    assert_eq!(
        creators(&workspace, &["--reference", &no_members]),
        BTreeSet::from([
            kv_data("persoon/kuiken-pvda")
                .trim_matches(['<', '>'])
                .to_owned(),
            kv_data("persoon/kuiken-groenlinks-pvda")
                .trim_matches(['<', '>'])
                .to_owned()
        ])
    );
    // The shipped table knows her seats for both (polder-tk: PvdA until 2023-10-26,
    // GroenLinks-PvdA from 2023-10-27 to 2023-12-05) under her TK Persoon GUID.
    assert_eq!(
        creators(&workspace, &[]),
        BTreeSet::from([
            "https://w3id.org/kamervragen/persoon/4c3e51e6-9f1e-49cc-a919-f74a8c88343e".to_owned()
        ])
    );
}

#[test]
fn an_undecided_name_is_kept_apart_and_listed() {
    let workspace = Workspace::empty();
    workspace.write(
        "in/answer.md",
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over de belasting (ingezonden 1 mei 2024).\n\nAntwoord van Minister Van Dijk (Financiën) (ontvangen 20 mei 2024).\n\nVraag 1\n\nKlopt het?\n\nAntwoord 1\n\nJa.\n",
    );
    let out = workspace.run(&["members", "in"]).success();
    assert!(out.contains("Van Dijk [Ambiguous]: in/answer.md"), "{out}");
    // No Van Dijk held an office of the government in May 2024: every Van Dijk of the table
    // (polder-tk's eight, by TK Persoon GUID) stays a candidate.
    let undecided = out
        .lines()
        .find(|l| l.starts_with("undecided: Van Dijk in in/answer.md could be "))
        .unwrap_or_else(|| panic!("{out}"));
    for guid in [
        "dd85a3cc-916a-4f94-aaed-cb341eb6a036",
        "81552958-ef83-4fab-8a92-6e5b1975c9ef",
        "cabae19e-836c-48c4-903e-7357789f9260",
        "1ee767b9-67f3-47e5-9e28-045da1c37b05",
        "8141d31f-aada-4f96-9363-8f8e6364dbf1",
        "2b533923-83a2-4ac6-b497-934a549b50ab",
        "9adb4cfd-283a-4a40-85e4-efd7d9d77f7d",
        "43fd0a28-6a9c-4427-a55c-211fbae70091",
    ] {
        assert!(
            undecided.contains(&format!("persoon/{guid}")),
            "{undecided}"
        );
    }
    assert!(
        undecided.ends_with("; kept apart as https://w3id.org/kamervragen/persoon/van-dijk"),
        "{undecided}"
    );
    assert!(
        out.contains("2 people: 1 identified by the tables, 1 linked to Wikidata; 1 undecided"),
        "{out}"
    );
}

#[test]
fn members_of_the_corpus_once_per_person_with_the_hard_cases_right() {
    let out = Workspace::with_all_seeds().run(&["members"]).success();
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in\n{out}"))
            .to_owned()
    };
    // A member (PVV) who later answers as Minister van Asiel en Migratie, printed three ways
    // (`Faber-van de Klashorst` and variants); the members table names her `Marjolein Faber`.
    assert_eq!(
        line("Marjolein Faber"),
        "Marjolein Faber (PVV) [ReferenceTable]: seeds/corpus/ah-tk-20232024-1949.txt, seeds/corpus/ah-tk-20242025-545.pdf.txt, seeds/corpus/ah-tk-20242025-593.pdf.txt, seeds/corpus/tkweb-AH601-2024Z17331.docx.txt"
    );
    // Two people who share part of a surname: Inge van Dijk (CDA) and Dijk (SP).
    assert_eq!(
        line("Inge van Dijk"),
        "Inge van Dijk (CDA) [ReferenceTable]: seeds/corpus/ah-tk-20232024-878.txt, seeds/corpus/tkweb-2024Z18882.docx.txt"
    );
    // `Dijk (SP)` in October 2023: Jimmy Dijk, who sat for the SP from April 2023.
    assert_eq!(
        line("Jimmy Dijk"),
        "Jimmy Dijk (SP) [ReferenceTable]: seeds/corpus/ah-tk-20232024-302.pdf2md.md"
    );
    assert_eq!(
        line("Sjoerd Sjoerdsma"),
        "Sjoerd Sjoerdsma (D66) [ReferenceTable]: seeds/2019Z15244.md"
    );
    assert!(out.contains("; 0 undecided"), "{out}");
    // Once per person: no printed name (letters only, any case) belongs to two resources.
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for l in out.lines().filter(|l| l.contains(" [")) {
        let key: String = l[..l.find(" [").unwrap()]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        *names.entry(key).or_default() += 1;
    }
    let repeated: Vec<_> = names.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "{repeated:?}");
}

#[test]
fn the_office_held_is_linked_to_the_person() {
    let nt = Workspace::with_all_seeds()
        .run(&["export", "-f", "ntriples"])
        .success();
    let faber = kv_data("persoon/fe1727e3-35bc-4b62-869b-be60b0c861f7");
    let post = kv_data("ambt/minister-van-asiel-en-migratie");
    assert!(nt.contains(&format!(
        "{faber} <http://www.w3.org/ns/org#holds> {post} ."
    )));
    assert!(nt.contains(&format!(
        "{post} <http://www.w3.org/ns/org#heldBy> {faber} ."
    )));
    assert!(nt.contains(&format!(
        "{post} <http://www.w3.org/ns/org#postIn> {} .",
        kv_data("ministerie/aenm")
    )));
    // `Minister voor BHO` and the name in full are one office.
    let bho = kv_data("ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking");
    assert!(nt.contains(&format!(
        "{bho} <http://www.w3.org/2004/02/skos/core#altLabel> \"Minister voor BHO\" ."
    )));
}

/// The office an answering minister held, dated as `polder-government/government_mandates.csv`
/// dates it: Yeşilgöz-Zegerius (TK Persoon 9ab41898-…) answers ah-tk-20232024-1949 as Minister
/// van Justitie en Veiligheid, which she was from 2022-01-10 to 2024-07-02 (its line 553).
#[test]
fn the_office_held_is_dated_by_the_government_mandates() {
    let workspace = Workspace::with_all_seeds();
    let query = "SELECT ?membership ?ministry ?from ?until WHERE {
        ?membership org:member <https://w3id.org/kamervragen/persoon/9ab41898-332f-4c08-a834-d58b4669c990> ;
            kv:post/skos:prefLabel \"Minister van Justitie en Veiligheid\" ;
            org:organization/skos:prefLabel ?ministry ;
            org:memberDuring ?period .
        ?period time:hasBeginning/time:inXSDDate ?from ; time:hasEnd/time:inXSDDate ?until }";
    let csv = workspace
        .run(&["query", "seeds", "-f", "csv", "-e", query])
        .success();
    assert_eq!(
        csv,
        "membership,ministry,from,until\r\n\
         https://w3id.org/kamervragen/persoon/9ab41898-332f-4c08-a834-d58b4669c990/ambt/3,\
         Ministerie van Justitie en Veiligheid,2022-01-10,2024-07-02\r\n"
    );
}

fn query_rows(workspace: &Workspace, args: &[&str], query: &str) -> Vec<String> {
    let file = query_path(query);
    let mut all = vec!["query", "-q", file.to_str().unwrap(), "-f", "csv"];
    all.extend_from_slice(args);
    workspace
        .run(&all)
        .success()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn members_and_co_submitters_on_the_seed() {
    let workspace = Workspace::with_seed();
    assert_eq!(
        query_rows(&workspace, &[], "members.rq"),
        [
            "member,party,sets,first,last,person",
            "Bram van Ojik,GroenLinks,1,2019-07-18,2019-07-18,https://w3id.org/kamervragen/persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70",
            "Isabelle Diks,GroenLinks,1,2019-07-18,2019-07-18,https://w3id.org/kamervragen/persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07",
            "Sjoerd Sjoerdsma,D66,1,2019-07-18,2019-07-18,https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4",
        ]
    );
    assert_eq!(
        query_rows(&workspace, &[], "co-submitters.rq"),
        [
            "member_1,member_2,sets,across_parties",
            // Each pair once, in the order of the people's IRIs.
            "Isabelle Diks,Bram van Ojik,1,0"
        ]
    );
}

#[test]
fn links_on_the_seed_are_the_sets_pages_and_the_tables_identifiers() {
    let workspace = Workspace::with_seed();
    let rows = query_rows(&workspace, &[], "links.rq");
    let set_and_members: Vec<&String> = rows.iter().filter(|r| !r.contains("/partij/")).collect();
    // In the order of the links, which keeps each family's together.
    let expected = [
        "resource,family,link",
        "https://w3id.org/kamervragen/persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07,wikidata,http://www.wikidata.org/entity/Q13638460",
        "https://w3id.org/kamervragen/persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70,wikidata,http://www.wikidata.org/entity/Q2192317",
        "https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4,wikidata,http://www.wikidata.org/entity/Q516335",
        "https://w3id.org/kamervragen/persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07,tk-opendata,https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(a901d2d2-35f6-4341-bbfb-38e5d9b21d07)",
        "https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4,tk-opendata,https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(bf030048-0434-42f1-bbed-8b0c04014db4)",
        "https://w3id.org/kamervragen/persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70,tk-opendata,https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(cefbf19c-653b-4af7-84a6-e17fba0e4a70)",
        "https://w3id.org/kamervragen/zaak/2019Z15131,openkamer,https://www.openkamer.org/kamervraag/2019Z15131/",
        "https://w3id.org/kamervragen/zaak/2019Z15244,openkamer,https://www.openkamer.org/kamervraag/2019Z15244/",
        "https://w3id.org/kamervragen/persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70,parlement-com,https://www.parlement.com/id/vg09llpkvfsa/",
        "https://w3id.org/kamervragen/persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07,parlement-com,https://www.parlement.com/id/vhfq2rp29xx4/",
        "https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4,parlement-com,https://www.parlement.com/id/vj0nk8ju81lw/",
        "https://w3id.org/kamervragen/zaak/2019Z15131,tweedekamer,https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15131",
        "https://w3id.org/kamervragen/zaak/2019Z15244,tweedekamer,https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15244",
        "https://w3id.org/kamervragen/zaak/2019Z15131,officielebekendmakingen,https://zoek.officielebekendmakingen.nl/kv-tk-2019Z15131",
        "https://w3id.org/kamervragen/zaak/2019Z15244,officielebekendmakingen,https://zoek.officielebekendmakingen.nl/kv-tk-2019Z15244",
    ];
    assert_eq!(set_and_members, expected.iter().collect::<Vec<_>>());
    // Parties: exactly those with a verified Wikidata id in the table (D66 among them).
    let parties: Vec<&String> = rows.iter().filter(|r| r.contains("/partij/")).collect();
    assert!(parties.contains(
        &&"https://w3id.org/kamervragen/partij/d66,wikidata,http://www.wikidata.org/entity/Q747910"
            .to_owned()
    ));
    let table = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/reference/parties.toml"),
    )
    .unwrap();
    assert_eq!(parties.len(), table.matches("\nwikidata = ").count());
}

#[test]
fn every_linkset_counts_the_links_of_its_family() {
    let workspace = Workspace::with_all_seeds();
    let mut per_family: BTreeMap<String, usize> = BTreeMap::new();
    for row in query_rows(&workspace, &[], "links.rq").iter().skip(1) {
        *per_family
            .entry(row.split(',').nth(1).unwrap().to_owned())
            .or_default() += 1;
    }
    let counts = workspace
        .run(&[
            "query",
            "-f",
            "csv",
            "-e",
            "SELECT ?linkset ?n WHERE { ?linkset a void:Linkset ; void:triples ?n }",
        ])
        .success();
    let declared: BTreeMap<String, usize> = counts
        .lines()
        .skip(1)
        .map(|row| {
            let (linkset, n) = row.split_once(',').unwrap();
            (
                linkset.rsplit('/').next().unwrap().to_owned(),
                n.parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(declared.len(), 6);
    assert!(declared.values().all(|n| *n > 0), "{declared:?}");
    assert_eq!(declared, per_family);
}

/// Every person named in `seeds/` and `../shared/corpus-2` (copied to tests/fixtures/corpus-2),
/// with the names they are printed by: each printed name stands for one IRI, and the people the
/// issue names are the IRIs the members data gives them.
#[test]
fn each_person_of_all_corpora_has_one_iri() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("seeds");
    let corpus_2 = root.join("tests/fixtures/corpus-2");
    let query = "SELECT ?printed ?person ?basis WHERE {
          GRAPH ?document { ?work dct:creator ?person }
          ?person kv:identityBasis ?basis .
          { ?person skos:altLabel ?printed }
          UNION { ?person foaf:name ?printed FILTER NOT EXISTS { ?person skos:altLabel ?any } }
        }";
    let csv = Workspace::empty()
        .run(&[
            "query",
            seeds.to_str().unwrap(),
            corpus_2.to_str().unwrap(),
            "-f",
            "csv",
            "-e",
            query,
        ])
        .success();
    let comparable = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut iris_of_name: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut minted = BTreeSet::new();
    for row in csv.lines().skip(1) {
        let mut fields = row.split(',');
        let (printed, person, basis) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap(),
        );
        let person = person.trim_start_matches("https://w3id.org/kamervragen/persoon/");
        iris_of_name
            .entry(comparable(printed))
            .or_default()
            .insert(person.to_owned());
        if !basis.ends_with("ReferenceTable") {
            minted.insert(printed.to_owned());
        }
    }
    let split: Vec<_> = iris_of_name
        .iter()
        .filter(|(_, iris)| iris.len() > 1)
        .collect();
    assert!(split.is_empty(), "printed names with two IRIs: {split:?}");
    // By their TK Persoon GUIDs in polder-tk/tk_mandates.csv: the minister who had asked as a
    // VVD member; the member and minister printed three ways; the state secretary Jansen
    // (PVV) and the member Daniëlle Jansen (NSC), two people.
    for (printed, guid) in [
        ("Yeşilgöz-Zegerius", "9ab41898-332f-4c08-a834-d58b4669c990"),
        (
            "Faber-van de Klashorst",
            "fe1727e3-35bc-4b62-869b-be60b0c861f7",
        ),
        (
            "Faber-Van de Klashorst",
            "fe1727e3-35bc-4b62-869b-be60b0c861f7",
        ),
        ("Jansen", "3c96ed5d-f7bf-4cae-9ec7-a5a29f5299da"),
        ("Daniëlle Jansen", "20152d9b-71f1-48de-b44c-e9e5eb3d0498"),
    ] {
        assert_eq!(
            iris_of_name.get(&comparable(printed)),
            Some(&BTreeSet::from([guid.to_owned()])),
            "{printed}"
        );
    }
    // Everyone is identified by the tables but one VVD member of 2024 no source holds.
    assert_eq!(minted, BTreeSet::from(["Van den Hil".to_owned()]));
}
