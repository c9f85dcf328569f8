//! `import-tk`: an export of the Tweede Kamer's open data merged into the reference tables,
//! then used with `--reference`. Fixtures in `tests/fixtures/tk/` use the API's field names.

use super::{kv_data, Workspace};
use std::path::{Path, PathBuf};

fn fixtures(names: &[&str]) -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tk");
    names
        .iter()
        .map(|n| {
            folder
                .join(format!("{n}.json"))
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

const ALL: [&str; 7] = [
    "persoon",
    "fractie",
    "fractiezetel",
    "fractiezetelpersoon",
    "zaak",
    "zaakactor",
    "document",
];

fn import(workspace: &Workspace, names: &[&str]) -> super::Run {
    let files = fixtures(names);
    let mut args = vec!["import-tk", "-o", "tables"];
    args.extend(files.iter().map(String::as_str));
    workspace.run(&args)
}

fn questions(zaak: &str, party: &str, date: &str) -> String {
    format!(
        "{zaak}\n\nVragen van het lid De Tester ({party}) aan de Minister van Financiën over de belasting (ingezonden {date}).\n\nVraag 1\n\nKlopt het?\n"
    )
}

#[test]
fn an_export_gives_members_their_guid_and_parties_with_dates() {
    let workspace = Workspace::with_seed();
    let out = import(&workspace, &ALL).success();
    assert_eq!(
        out.trim(),
        "imported 1 new and 1 updated members, 1 new parties, 1 zaken; wrote the tables to tables (use them with --reference tables)"
    );
    let members = std::fs::read_to_string(workspace.path().join("tables/members.toml")).unwrap();
    assert!(members.contains("key = \"aaaaaaaa-0000-4000-8000-000000000001\"\nsurname = \"De Tester\"\ngiven_name = \"Anna\"\ninitials = \"A.\"\ntk_persoon = \"aaaaaaaa-0000-4000-8000-000000000001\""), "{members}");
    assert!(
        members.contains("party = \"pvda\"\nfrom = 2017-03-23\nuntil = 2023-12-05"),
        "{members}"
    );
    assert!(
        members.contains("party = \"groenlinks-pvda\"\nfrom = 2023-12-06"),
        "{members}"
    );
    assert!(
        !members.contains("Verwijderd"),
        "deleted records are left out"
    );
    let parties = std::fs::read_to_string(workspace.path().join("tables/parties.toml")).unwrap();
    assert!(
        parties.contains("key = \"tp\"\nlabel = \"TP\"\nvariants = [\"Testpartij\"]"),
        "{parties}"
    );
    let zaken = std::fs::read_to_string(workspace.path().join("tables/zaken.toml")).unwrap();
    assert!(zaken.contains("nummer = \"2019Z15244\"\ntk_zaak = \"bbbbbbbb-0000-4000-8000-000000015244\"\ndocument_nummer = \"2019D31336\""));
    assert!(!zaken.contains("2019Z99999"), "only written questions");
}

#[test]
fn imported_tables_resolve_a_party_change_and_link_the_zaak() {
    let workspace = Workspace::with_seed();
    import(&workspace, &ALL).success();
    workspace.write("seeds/a.md", &questions("2019Z00001", "PvdA", "3 mei 2019"));
    workspace.write(
        "seeds/b.md",
        &questions("2024Z00001", "GroenLinks-PvdA", "3 mei 2024"),
    );
    let nt = workspace
        .run(&["export", "-f", "ntriples", "--reference", "tables"])
        .success();
    let anna = kv_data("persoon/aaaaaaaa-0000-4000-8000-000000000001");
    for zaak in ["2019Z00001", "2024Z00001"] {
        assert!(
            nt.contains(&format!(
                "{} <http://purl.org/dc/terms/creator> {anna} .",
                kv_data(&format!("zaak/{zaak}"))
            )),
            "{zaak}"
        );
    }
    assert!(nt.contains(&format!(
        "{anna} <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon(aaaaaaaa-0000-4000-8000-000000000001)> ."
    )));
    let set = kv_data("zaak/2019Z15244");
    assert!(nt.contains(&format!(
        "{set} <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak(bbbbbbbb-0000-4000-8000-000000015244)> ."
    )));
    assert!(nt.contains(&format!(
        "{set} <http://xmlns.com/foaf/0.1/page> <https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15244&did=2019D31336> ."
    )));
}

fn untouched(workspace: &Workspace) -> PathBuf {
    let kept = workspace.write("tables/members.toml", "# a table the user keeps\n");
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "# a table the user keeps\n"
    );
    kept
}

#[test]
fn a_malformed_page_is_named_and_changes_nothing() {
    let workspace = Workspace::empty();
    let kept = untouched(&workspace);
    let broken = workspace.write(
        "broken.json",
        "{\"@odata.context\": \"x#Persoon\", \"value\": [\n  {\"Id\": ",
    );
    let run = workspace.run(&["import-tk", "-o", "tables", broken.to_str().unwrap()]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr()
            .contains("broken.json: 2:9: not JSON: EOF while parsing a value\n"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "# a table the user keeps\n"
    );
    assert!(!workspace.path().join("tables/parties.toml").exists());
}

#[test]
fn a_partial_export_is_refused_and_changes_nothing() {
    let workspace = Workspace::empty();
    let kept = untouched(&workspace);
    // Seats without the FractieZetel page they refer to.
    let run = import(&workspace, &["persoon", "fractie", "fractiezetelpersoon"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr().contains("FractieZetelPersoon eeeeeeee-0000-4000-8000-000000000001 refers to FractieZetel dddddddd-0000-4000-8000-000000000001, which is not in the export: the export is partial (nothing was changed)"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "# a table the user keeps\n"
    );
}

#[test]
fn a_page_of_another_entity_or_a_wrong_field_is_named() {
    let workspace = Workspace::empty();
    let other = workspace.write(
        "besluit.json",
        "{\"@odata.context\": \"x#Besluit\", \"value\": [{\"Id\": \"1\"}]}",
    );
    let run = workspace.run(&["import-tk", "-o", "tables", other.to_str().unwrap()]);
    assert!(
        run.stderr()
            .contains("`Besluit` is not an entity this import reads"),
        "{}",
        run.stderr()
    );
    let wrong = workspace.write(
        "persoon.json",
        "{\"@odata.context\": \"x#Persoon\", \"value\": [{\"Id\": 7}]}",
    );
    let run = workspace.run(&["import-tk", "-o", "tables", wrong.to_str().unwrap()]);
    assert!(
        run.stderr().contains(
            "persoon.json: Persoon record 1: invalid type: integer `7`, expected a string"
        ),
        "{}",
        run.stderr()
    );
}

/// JSON saved with a byte-order mark (as editors on Windows save it) reads as without.
#[test]
fn pages_with_a_byte_order_mark_read_as_without() {
    let workspace = Workspace::with_seed();
    let mut files = Vec::new();
    for (name, path) in ALL.iter().zip(fixtures(&ALL)) {
        let text = std::fs::read_to_string(path).unwrap();
        files.push(workspace.write(&format!("bom/{name}.json"), &format!("\u{feff}{text}")));
    }
    let mut args = vec!["import-tk", "-o", "tables"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let out = workspace.run(&args).success();
    assert_eq!(
        out.trim(),
        "imported 1 new and 1 updated members, 1 new parties, 1 zaken; wrote the tables to tables (use them with --reference tables)"
    );
}
