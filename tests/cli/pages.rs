//! The pages `kamervragen serve` shows a browser: resources by their labels with the IRI on
//! hover, titles for people, a set's summary, the lists that lead into the data, the links to
//! each page's RDF, and the charts' axes. Expected values are read from the seed documents.

use super::serve::{html, Server};
use super::{parse_triples, Workspace};
use oxigraph::io::RdfFormat;

/// The text of the first element that opens with `open` (`<h1>`, `<title>`).
fn element<'a>(page: &'a str, open: &str) -> &'a str {
    let start = page
        .find(open)
        .unwrap_or_else(|| panic!("{open} in {page}"))
        + open.len();
    page[start..].split('<').next().unwrap()
}

/// The part of `page` from the element with this id to the end of its table.
fn table_with_id<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("#{id} in {page}"));
    let end = start + page[start..].find("</table>").expect("the table ends");
    &page[start..end]
}

/// The path of the set an answer document answers, read from the document's own RDF.
fn set_answered_by(server: &Server, aanhangsel: &str) -> String {
    let reply = server.request(
        "GET",
        &format!("/aanhangsel/{aanhangsel}?format=nt"),
        &[],
        b"",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let line = reply
        .body
        .lines()
        .find(|line| line.contains("#answers_to>"))
        .expect("the answer names its set");
    // `<answer> <…#answers_to> <set> .`: the set is the last IRI.
    let set = line.rsplit('<').next().unwrap().split('>').next().unwrap();
    set.strip_prefix("https://w3id.org/kamervragen")
        .expect("the set is minted under the base")
        .to_owned()
}

#[test]
fn resources_are_shown_by_their_labels_with_the_iri_on_hover() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    // seeds/2019Z15244.md: "Vragen van het lid Sjoerdsma (D66) aan de Minister voor
    // Buitenlandse Handel en Ontwikkelingssamenwerking".
    let set = html(&server, "/zaak/2019Z15244").body;
    let submitters = table_with_id(&set, "submitters");
    assert!(
        submitters.contains(
            "<a href=\"/partij/d66\" title=\"https://w3id.org/kamervragen/partij/d66\">D66</a>"
        ),
        "{submitters}"
    );
    assert!(
        !submitters.contains(">https://w3id.org/kamervragen/"),
        "no IRI as a name: {submitters}"
    );
    let addressed = table_with_id(&set, "addressed-to");
    assert!(
        addressed.contains("title=\"https://w3id.org/kamervragen/ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking\">Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking</a>"),
        "{addressed}"
    );
    // Predicates by their names (ontology/labels.ttl, the ontology's labels), the IRI kept as
    // the target and on hover.
    let statements = table_with_id(&set, "statements");
    assert!(
        statements.contains("<a href=\"http://purl.org/dc/terms/title\" title=\"http://purl.org/dc/terms/title\">titel</a>"),
        "{statements}"
    );
    assert!(
        statements
            .contains("title=\"https://w3id.org/kamervragen/def#followsUp\">is vervolg op</a>"),
        "{statements}"
    );
    // The question the set prints fifth, and the follow-up by its Zaak number.
    assert!(
        set.contains("title=\"https://w3id.org/kamervragen/zaak/2019Z15244/vraag/5\">2019Z15244, question 5</a>"),
        "{set}"
    );
    assert!(
        statements
            .contains("title=\"https://w3id.org/kamervragen/zaak/2019Z15131\">2019Z15131</a>"),
        "{statements}"
    );
}

#[test]
fn every_resource_page_has_a_title_for_people() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    // seeds/corpus/tkweb-AH608-2024Z14419.docx.txt: "AH 608", "2024Z14419", answered
    // 19 November 2024 (vergaderjaar 2024-2025), "Antwoord vraag 1: Ja, hier ben ik mee bekend."
    for (path, title) in [
        ("/zaak/2019Z15244/vraag/5", "2019Z15244, question 5"),
        (
            "/aanhangsel/ah-tk-20242025-608/antwoord/1",
            "2024Z14419, answer 1",
        ),
        (
            "/aanhangsel/ah-tk-20242025-608",
            "Answer to 2024Z14419 (ah-tk-20242025-608)",
        ),
        ("/partij/d66", "D66"),
        (
            "/ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking",
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        ),
    ] {
        let page = html(&server, path).body;
        assert_eq!(element(&page, "<title>"), title, "{path}");
        assert_eq!(element(&page, "<h1>"), title, "{path}");
    }
    let answer = html(&server, "/aanhangsel/ah-tk-20242025-608/antwoord/1").body;
    assert!(answer.contains("Ja, hier ben ik mee bekend."), "{answer}");
    assert!(
        answer.contains(">2024Z14419, question 1</a>"),
        "the question it answers: {answer}"
    );
    // A set's tab names its Zaak number before its subject; its heading is the subject.
    let set = html(&server, "/zaak/2019Z15244").body;
    assert_eq!(
        element(&set, "<title>"),
        "2019Z15244: het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»"
    );
}

#[test]
fn a_set_page_leads_with_its_dates_who_asked_whom_and_who_answered() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    // seeds/corpus/ah-tk-20232024-1314.txt: "Vragen van de leden Mutluer (GroenLinks-PvdA) en
    // Kostic´ (PvdD) aan de Minister van Onderwijs, Cultuur en Wetenschap … (ingezonden
    // 6 maart 2024). Antwoord van Minister Dijkgraaf (Onderwijs, Cultuur en Wetenschap)
    // (ontvangen 25 maart 2024)": 19 days.
    let path = set_answered_by(&server, "ah-tk-20232024-1314");
    let page = html(&server, &path).body;
    let summary = table_with_id(&page, "summary");
    assert!(
        page.find("id=\"summary\"") < page.find("<h2"),
        "the summary comes first"
    );
    assert!(
        summary.contains("<tr><th>Submitted</th><td>2024-03-06</td></tr>"),
        "{summary}"
    );
    assert!(summary.contains("<tr><th>Zaak number</th><td>none printed</td></tr>"));
    let submitted_by = summary
        .split("<th>Submitted by</th>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        submitted_by.contains("Mutluer</a> (<a href=\"/partij/groenlinks-pvda\""),
        "{submitted_by}"
    );
    assert!(
        submitted_by.contains(">GroenLinks-PvdA</a>)"),
        "{submitted_by}"
    );
    assert!(submitted_by.contains(">PvdD</a>)"), "{submitted_by}");
    assert!(
        summary.contains("<tr><th>Addressed to</th><td><a href=\"/ambt/minister-van-onderwijs-cultuur-en-wetenschap\""),
        "{summary}"
    );
    let answered = summary
        .split("<th>Answered</th><td>")
        .nth(1)
        .unwrap()
        .split("</td>")
        .next()
        .unwrap();
    assert!(
        answered.starts_with("<a href=\"/aanhangsel/ah-tk-20232024-1314\" title=\"https://w3id.org/kamervragen/aanhangsel/ah-tk-20232024-1314\">2024-03-25</a> <span class=\"days\">(19 days)</span>, by <a href=\"/persoon/"),
        "{answered}"
    );
    assert!(
        answered.ends_with("Dijkgraaf</a> (Minister, Onderwijs, Cultuur en Wetenschap)"),
        "{answered}"
    );
    // seeds/2019Z15244.md: ingezonden 18 juli 2019, a follow-up of 2019Z15131, no answer.
    let set = html(&server, "/zaak/2019Z15244").body;
    let summary = table_with_id(&set, "summary");
    for row in [
        "<tr><th>Zaak number</th><td>2019Z15244</td></tr>",
        "<tr><th>Submitted</th><td>2019-07-18</td></tr>",
        "<tr><th>Answered</th><td>not yet</td></tr>",
        "<tr><th>Follows up</th><td><a href=\"/zaak/2019Z15131\" title=\"https://w3id.org/kamervragen/zaak/2019Z15131\">2019Z15131</a></td></tr>",
    ] {
        assert!(summary.contains(row), "{row} in {summary}");
    }
}

/// The alternates a page names in its head: each type with its address.
fn alternates(page: &str) -> Vec<(String, String)> {
    let head = page.split("</head>").next().unwrap();
    head.split("<link rel=\"alternate\" type=\"")
        .skip(1)
        .map(|link| {
            let (media_type, rest) = link.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (media_type.to_owned(), href.replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn every_resource_page_links_its_rdf_which_the_server_answers() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    for path in [
        "/zaak/2019Z15244",
        "/zaak/2019Z15244/vraag/5",
        "/partij/d66",
        "/aanhangsel/ah-tk-20242025-608/antwoord/1",
    ] {
        let page = html(&server, path).body;
        let links = alternates(&page);
        let types: Vec<&str> = links
            .iter()
            .map(|(media_type, _)| media_type.as_str())
            .collect();
        assert_eq!(
            types,
            [
                "text/turtle",
                "application/n-triples",
                "application/rdf+xml",
                "application/ld+json"
            ],
            "{path}"
        );
        let subject = format!("<https://w3id.org/kamervragen{path}>");
        let mut described = None;
        for ((media_type, href), format) in links.iter().zip([
            RdfFormat::Turtle,
            RdfFormat::NTriples,
            RdfFormat::RdfXml,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ]) {
            // The same link is visible in the page.
            assert!(
                page.contains(&format!(
                    "<a href=\"{}\" type=\"{media_type}\">",
                    href.replace('&', "&amp;")
                )),
                "{path}: a visible link to {href}"
            );
            let reply = server.request("GET", href, &[], b"");
            assert_eq!(reply.status, 200, "{href}: {}", reply.body);
            assert_eq!(
                reply.header("content-type"),
                Some(media_type.as_str()),
                "{href}"
            );
            let triples = parse_triples(reply.body.as_bytes(), format);
            assert!(
                !triples.is_empty() && triples.iter().all(|t| t.starts_with(&subject)),
                "{href}: {triples:?}"
            );
            // Each format says the same.
            match &described {
                None => described = Some(triples),
                Some(first) => assert_eq!(&triples, first, "{href}"),
            }
        }
    }
    // The landing page's data is the dataset's description.
    let landing = html(&server, "/").body;
    let links = alternates(&landing);
    assert_eq!(links.len(), 4);
    for (media_type, href) in links {
        assert!(href.starts_with("/dataset?format="), "{href}");
        let reply = server.request("GET", &href, &[], b"");
        assert_eq!(reply.status, 200, "{href}");
        assert_eq!(reply.header("content-type"), Some(media_type.as_str()));
    }
}

/// The text of each link in `html` whose target is `href`.
fn link_text<'a>(html: &'a str, href: &str) -> Vec<&'a str> {
    html.split(&format!("<a href=\"{href}\""))
        .skip(1)
        .map(|rest| rest.split_once('>').unwrap().1.split('<').next().unwrap())
        .collect()
}

#[test]
fn the_landing_page_leads_into_the_sets_members_parties_and_offices() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let landing = html(&server, "/").body;
    for list in ["sets", "members", "parties", "offices"] {
        assert!(
            landing.contains(&format!("<a href=\"/browse/{list}\">")),
            "{list}: {landing}"
        );
    }
    // seeds/2019Z15244.md and the follow-up it names were both "ingezonden 18 juli 2019";
    // seeds/corpus/ah-tk-20142015-698*.txt, two copies of one set, "ingezonden 3 oktober 2014".
    let months = html(&server, "/browse/sets").body;
    assert!(
        months.contains("<a href=\"/browse/sets?month=2019-07\">07</a> (2)"),
        "{months}"
    );
    assert!(
        months.contains("<a href=\"/browse/sets?month=2014-10\">10</a> (1)"),
        "{months}"
    );
    let july = html(&server, "/browse/sets?month=2019-07").body;
    assert_eq!(link_text(&july, "/zaak/2019Z15131"), ["2019Z15131"]);
    assert_eq!(link_text(&july, "/zaak/2019Z15244"), ["2019Z15244"]);
    assert!(july.contains("<p id=\"row-count\">2 rows"), "{july}");
    // seeds/2019Z15244.md is the only seed Sjoerdsma (D66) signs.
    let members = html(&server, "/browse/members").body;
    let row = members
        .split("<tr>")
        .find(|row| row.contains(">Sjoerd Sjoerdsma</a>"))
        .expect("Sjoerdsma is listed");
    assert!(
        row.contains(">D66</a></td><td>1</td><td>0</td></tr>"),
        "{row}"
    );
    let parties = html(&server, "/browse/parties").body;
    assert_eq!(link_text(&parties, "/partij/d66"), ["D66"]);
    let offices = html(&server, "/browse/offices").body;
    assert_eq!(
        link_text(
            &offices,
            "/ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking"
        ),
        ["Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"]
    );
    // Sorting by a column: the most sets first, and back.
    let by_sets = html(&server, "/browse/parties?sort=sets").body;
    let counts: Vec<u64> = by_sets
        .split("</a></td><td>")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts.len() > 10);
    let by_fewest = html(&server, "/browse/parties?sort=-sets").body;
    let mut reversed: Vec<u64> = by_fewest
        .split("</a></td><td>")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().parse().unwrap())
        .collect();
    reversed.reverse();
    assert_eq!(reversed, counts);
    // Members by their parties: by the parties' names as shown, not by their links' markup.
    let by_party = html(&server, "/browse/members?sort=parties").body;
    let shown: Vec<String> = by_party
        .split("<tr>")
        .skip(2)
        .filter_map(|row| {
            let cell = row.split("<td>").nth(2)?.split("</td>").next()?;
            let names: Vec<&str> = cell
                .split("</a>")
                .filter_map(|link| link.rsplit('>').next())
                .filter(|name| !name.is_empty())
                .collect();
            Some(names.join(" ").to_lowercase())
        })
        .collect();
    let mut sorted = shown.clone();
    sorted.sort();
    assert!(shown.len() > 20, "{shown:?}");
    assert_eq!(shown, sorted);
    let unknown = server.request("GET", "/browse/nothing", &[("Accept", "text/html")], b"");
    assert_eq!(unknown.status, 404);
    for month in ["2019", "2024-13", "2024-00"] {
        let bad = server.request("GET", &format!("/browse/sets?month={month}"), &[], b"");
        assert_eq!(bad.status, 400, "{month}");
    }
}

/// The text of every SVG `<text>` with this class in `svg`, in order.
fn texts_of_class<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    svg.split(&format!("class=\"{class}\""))
        .skip(1)
        .map(|rest| rest.split_once('>').unwrap().1.split('<').next().unwrap())
        .collect()
}

#[test]
fn the_charts_show_the_gaps_in_time_round_ticks_and_a_clear_marker() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let landing = html(&server, "/").body;
    let charts: Vec<&str> = landing.split("<svg").skip(1).collect();
    assert_eq!(charts.len(), 2);
    // The seeds' sets were submitted from October 2014 (ah-tk-20142015-698) to November 2024
    // (seven written sets: kv-tk-2024Z18559, 18561, 18659 and tkweb-2024Z18882, 18883, 18888,
    // 18891; 2024Z18775 is oral). Every year between has its place, those with no set too.
    let years: Vec<String> = (2015..=2024).map(|year| year.to_string()).collect();
    assert_eq!(texts_of_class(charts[0], "x-label"), years);
    assert_eq!(
        texts_of_class(charts[0], "y-tick"),
        ["0", "2", "4", "6", "8"]
    );
    assert!(charts[0].contains("<title>2014-10 "), "the first month");
    // The marker's label stands above every bar, where none covers it.
    let histogram = charts[1];
    let marker = histogram.split("class=\"marker\"").nth(1).unwrap();
    let attribute = |text: &str, name: &str| -> f64 {
        text.split(&format!(" {name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let label_y = attribute(marker, "y");
    assert!(marker.contains(">21 days: the term for an answer</text>"));
    for bar in histogram.split("<rect").skip(1) {
        assert!(label_y < attribute(bar, "y"), "{bar}");
    }
    let ticks = texts_of_class(histogram, "y-tick");
    assert_eq!(ticks.first(), Some(&"0"));
    assert!(ticks.len() >= 3, "{ticks:?}");
}

#[test]
fn the_query_page_names_the_resources_it_finds() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let query = "SELECT ?party WHERE { <https://w3id.org/kamervragen/zaak/2019Z15244> epvoc:workHadParticipation/eli-dl:participation_in_name_of ?party }";
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    let page = html(&server, &format!("/query?query={encoded}")).body;
    assert!(
        page.contains("<td><a href=\"/partij/d66\" title=\"https://w3id.org/kamervragen/partij/d66\">D66</a></td>"),
        "{page}"
    );
}

/// The `href`s of a page that stay on the server: paths, not other sites.
fn local_links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        // Entities in attributes are the page's escaping, not the path's.
        .map(|href| href.replace("&amp;", "&"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| !href.is_empty())
        .collect()
}

/// From the landing page, every link on the server is followed (pages, their data, the
/// dumps, the vocabulary), breadth first: none answers 404 or any error, and every page a
/// browser gets has a title and a way back to the landing page.
#[test]
fn a_crawl_from_the_landing_page_finds_no_dead_link_and_no_page_without_a_way_back() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let mut seen = std::collections::BTreeSet::from(["/".to_owned()]);
    let mut queue = std::collections::VecDeque::from(["/".to_owned()]);
    let (mut pages, mut other) = (0, 0);
    while let Some(path) = queue.pop_front() {
        let reply = server.request(
            "GET",
            &path,
            &[("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")],
            b"",
        );
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        if reply.header("content-type") != Some("text/html; charset=utf-8") {
            other += 1;
            continue;
        }
        pages += 1;
        let title = element(&reply.body, "<title>");
        assert!(!title.trim().is_empty(), "{path} has no title");
        assert!(
            path == "/" || reply.body.contains("href=\"/\""),
            "{path} has no way back to the landing page"
        );
        for link in local_links(&reply.body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        assert!(seen.len() < 20_000, "the crawl does not end");
    }
    eprintln!("crawled {pages} pages and {other} other answers");
    assert!(pages > 100, "{pages} pages");
}

/// Each kind of page, rendered by headless Chromium (Debian: chromium): its title, the way
/// back to the landing page, and what a reader comes for, all present once scripts (none) and
/// styles have run. The titles and names are the seed documents' and the members table's.
#[test]
fn every_kind_of_page_renders_in_a_browser() {
    let Some(_) = super::independent_tool("chromium", &["--version"], "Debian: chromium") else {
        return;
    };
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let pages = [
        ("/", "Kamervragen", "href=\"/browse/sets\""),
        ("/query", "SPARQL", "<textarea"),
        (
            "/browse/sets",
            "Sets of questions",
            "href=\"/browse/sets?month=2023-10\"",
        ),
        (
            "/browse/sets?month=2023-10",
            "Sets of questions submitted in 2023-10",
            "href=\"/zaak/ingezonden-2023-10-03-dijk-3e650c9e\"",
        ),
        (
            "/browse/members",
            "Members and others who ask or answer",
            "Jimmy Dijk",
        ),
        ("/browse/parties", "Parties", "href=\"/partij/sp\""),
        (
            "/browse/offices",
            "Offices addressed",
            "Minister voor Langdurige Zorg en Sport",
        ),
        (
            "/zaak/2019Z15244",
            "2019Z15244: ",
            "Klopt het dat twee Nederlandse technologiebedrijven",
        ),
        (
            "/zaak/2019Z15244/vraag/5",
            "2019Z15244, question 5",
            "2019Z15244",
        ),
        (
            "/aanhangsel/ah-tk-20232024-302",
            "Answer to ingezonden-2023-10-03-dijk-3e650c9e (ah-tk-20232024-302)",
            "href=\"/zaak/ingezonden-2023-10-03-dijk-3e650c9e\"",
        ),
        (
            "/aanhangsel/ah-tk-20232024-302/antwoord/1",
            "ingezonden-2023-10-03-dijk-3e650c9e, answer 1",
            "Ik vind dit onwenselijk.",
        ),
        (
            "/persoon/990b2d9b-0b83-4dde-ab04-5cd5d8c5c4d3",
            "Jimmy Dijk",
            "href=\"/partij/sp\"",
        ),
        ("/partij/sp", "SP", "Jimmy Dijk"),
        ("/def", "Kamervragen vocabulary", "id=\"QuestionSet\""),
        (
            "/browse/domains",
            "Cited sources, by domain",
            "<td>nytimes.com</td>",
        ),
        (
            "/graph/seeds/2019Z15244.md",
            "Graph seeds/2019Z15244.md",
            "Klopt het dat twee Nederlandse technologiebedrijven",
        ),
    ];
    for (path, title, content) in pages {
        let mut browser = super::independent_tool("chromium", &["--version"], "").unwrap();
        let output = browser
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!("http://127.0.0.1:{}{path}", server.port))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&output.stdout);
        assert!(
            element(&dom, "<title>").starts_with(title),
            "{path}: title {:?}",
            element(&dom, "<title>")
        );
        assert!(dom.contains("href=\"/\""), "{path}: no way back\n{dom}");
        assert!(dom.contains(content), "{path}: no {content}\n{dom}");
    }
}

/// The seed's questions cite three addresses (its footnotes 1 to 3), each on a domain of its
/// own, once each; `www.` is no part of a domain's name.
#[test]
fn the_cited_domains_are_listed_with_their_counts() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let page = html(&server, "/browse/domains").body;
    let rows: Vec<&str> = page
        .split("<tr>")
        .skip(2)
        .map(|row| row.split("</tr>").next().unwrap())
        .collect();
    assert_eq!(
        rows,
        [
            "<td>decorrespondent.nl</td><td>1</td><td>1</td>",
            "<td>hrw.org</td><td>1</td><td>1</td>",
            "<td>nytimes.com</td><td>1</td><td>1</td>",
        ]
    );
    assert!(html(&server, "/").body.contains("href=\"/browse/domains\""));
}

/// Properties and classes are named as `ontology/labels.ttl` and the ontology label them: in
/// Dutch by default, in English with `?lang=en` or an `Accept-Language` that prefers it.
#[test]
fn properties_and_classes_are_named_in_dutch_or_english() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let set = |path: &str, language: Option<&str>| {
        let mut headers = vec![("Accept", "text/html")];
        headers.extend(language.map(|language| ("Accept-Language", language)));
        let reply = server.request("GET", path, &headers, b"");
        assert_eq!(reply.status, 200, "{path}");
        let start = reply
            .body
            .find("id=\"statements\"")
            .expect("the statements");
        reply.body[start..].to_owned()
    };
    let dutch = set("/zaak/2019Z15244", None);
    let dct = "http://purl.org/dc/terms/";
    for shown in [
        format!("title=\"{dct}dateSubmitted\">datum ingezonden</a>"),
        ">set schriftelijke vragen</a>".to_owned(),
    ] {
        assert!(dutch.contains(&shown), "{shown} in {dutch}");
    }
    for english in [
        set("/zaak/2019Z15244?lang=en", None),
        set("/zaak/2019Z15244", Some("en-GB,en;q=0.9,nl;q=0.8")),
    ] {
        for shown in [
            format!("title=\"{dct}dateSubmitted\">date submitted</a>"),
            ">set of written questions</a>".to_owned(),
        ] {
            assert!(english.contains(&shown), "{shown} in {english}");
        }
    }
    assert_eq!(
        set("/zaak/2019Z15244", Some("de, en;q=0.5, nl;q=0.8")),
        dutch
    );
}

/// A browser at `/sparql` gets the query page, and there YASGUI, from the folder `--editor`
/// names (`.ci/run` unpacks YASGUI's build from npm; `KAMERVRAGEN_YASGUI`): an editor with
/// the query of the form and a tab for each shipped query. Where YASGUI cannot load, the plain
/// form stays; with `--editor off` the page loads no script at all.
#[test]
fn a_browser_at_the_endpoint_gets_the_editor_or_else_the_form() {
    let Some(_) = super::independent_tool("chromium", &["--version"], "Debian: chromium") else {
        return;
    };
    let Some(build) = super::serve::yasgui_build() else {
        return;
    };
    let workspace = Workspace::with_seed();
    let open = |server: &Server| {
        let output = super::independent_tool("chromium", &["--version"], "")
            .unwrap()
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg("--virtual-time-budget=10000")
            .arg(format!("http://127.0.0.1:{}/sparql", server.port))
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let with_editor = Server::start(&workspace, &["--editor", build.to_str().unwrap()]);
    let dom = open(&with_editor);
    assert!(dom.contains("class=\"yasqe"), "no YASQE editor:\n{dom}");
    assert!(
        dom.contains("<form id=\"query-form\" method=\"get\" action=\"/query\" hidden=\"\">"),
        "{dom}"
    );
    for (name, _) in kamervragen::serve::QUERIES {
        assert!(dom.contains(name), "no tab for {name}:\n{dom}");
    }

    // An address that answers nothing: the form, as it came.
    let unreachable = Server::start(&workspace, &["--editor", "http://127.0.0.1:9/yasgui/"]);
    let dom = open(&unreachable);
    assert!(!dom.contains("class=\"yasqe"), "{dom}");
    assert!(
        dom.contains("<form id=\"query-form\" method=\"get\" action=\"/query\"><textarea"),
        "{dom}"
    );

    let off = Server::start(&workspace, &["--editor", "off"]);
    let page = html(&off, "/sparql").body;
    assert!(!page.contains("<script src"), "{page}");
    assert!(page.contains("<textarea name=\"query\""), "{page}");
}

/// The editor completes `PREFIX sch…` from the endpoint's own prefixes (the dumps'), served
/// here in prefix.cc's shape, so that completion needs no other site.
#[test]
fn the_editor_completes_the_endpoints_own_prefixes() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let reply = server.request("GET", "/editor/prefixes.json", &[], b"");
    assert_eq!(
        (reply.status, reply.header("content-type")),
        (200, Some("application/json"))
    );
    let prefixes: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(prefixes["schema"], "http://schema.org/");
    assert_eq!(prefixes["kv"], "https://w3id.org/kamervragen/def#");
    assert_eq!(
        prefixes["eli-dl"],
        "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
    );
    assert_eq!(
        server.request("GET", "/editor/other.js", &[], b"").status,
        404
    );
}
