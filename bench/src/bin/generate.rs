//! Writes a benchmark corpus of Kamervragen documents, deterministically.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin generate -- --count N --seed S --out DIR
//! ```
//!
//! Writes `N` documents into `DIR` (created if missing): sets of questions (`Vragen van …`),
//! answers to most sets (`Antwoord van …`) and postponement notices to about a quarter
//! (`Mededeling van …`), each in one of the three layouts the parser reads:
//!
//! - Markdown like `seeds/2019Z15244.md` (`.md`);
//! - text extracted from the official PDF like `seeds/corpus/ah-tk-*.txt` and `kv-tk-*.pdf.txt`
//!   (`.txt`): masthead, page footers every ~45 lines, footnote bodies at the foot of the page
//!   that cites them, words hyphenated and URLs broken at line ends, accents split from names;
//! - text of the DOCX files on tweedekamer.nl like `seeds/corpus/tkweb-*.docx.txt` (`.txt`).
//!
//! Files go to `DIR/0000/`, `DIR/0001/`, … (1,000 a folder) with names that sort in generation
//! order; `DIR/manifest.tsv` lists every file with its kind, layout, Zaak number and the numbers
//! of questions, answers and footnotes the parser should report for it. Files already in `DIR`
//! are overwritten, never removed.
//!
//! Members come from a fixed pool (the members named in `seeds/corpus/` and a few hundred
//! generated names), parties and offices from `seeds/reference/`, so that they repeat across
//! documents as in real life; the prose comes from a word list. Randomness is a splitmix64
//! generator seeded with `--seed`, and nothing else goes in: the same `N` and seed give
//! byte-identical files.

use anyhow::Context as _;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use clap::Parser;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

/// Writes a deterministic benchmark corpus of Kamervragen documents.
#[derive(Parser)]
struct Args {
    /// How many documents to write.
    #[arg(long)]
    count: usize,
    /// Seed of the random generator: the same count and seed give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into; created if missing.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let world = World::load()?;
    let mut generator = Generator::new(&world, args.seed, args.count);
    let mut writer = CorpusWriter::new(args.out, args.count);
    while writer.written < args.count {
        let set = generator.next_set();
        for kind in set.kinds() {
            if writer.written == args.count {
                break;
            }
            let layout = generator.layout();
            let doc = Doc::new(&set, kind, layout, &mut generator.rng);
            let text = render(&doc, layout, &mut generator.rng);
            writer.write(&doc, layout, &text)?;
        }
    }
    writer.finish()
}

// ------------------------------------------------------------------------------- randomness

/// splitmix64: a few lines, the same numbers on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into `weights`, each index as likely as its weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = self.below(total as usize) as u32;
        for (index, weight) in weights.iter().enumerate() {
            if roll < *weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }
}

// ------------------------------------------------------------------ reference data and people

#[derive(Deserialize)]
struct PartyTable {
    party: Vec<PartyRow>,
}

#[derive(Deserialize)]
struct PartyRow {
    key: String,
    label: String,
    #[serde(default)]
    variants: Vec<String>,
}

#[derive(Deserialize)]
struct OfficeTable {
    ministry: Vec<PortfolioRow>,
    post: Vec<PortfolioRow>,
}

#[derive(Deserialize)]
struct PortfolioRow {
    name: String,
    #[serde(default)]
    abbreviations: Vec<String>,
}

/// The parties that hold most seats get most members.
const LARGE_PARTIES: &[&str] = &[
    "vvd",
    "pvv",
    "groenlinks-pvda",
    "nsc",
    "d66",
    "cda",
    "sp",
    "bbb",
    "groenlinks",
    "pvda",
];

/// Members named in `seeds/corpus/`: surname as printed, given name where documents print one,
/// party key in `parties.toml`.
const CORPUS_MEMBERS: &[(&str, Option<&str>, &str)] = &[
    ("Sjoerdsma", None, "d66"),
    ("Van Ojik", None, "groenlinks"),
    ("Diks", None, "groenlinks"),
    ("Van Dijk", Some("Inge"), "cda"),
    ("Van Dijk", Some("Jasper"), "sp"),
    ("Dijk", None, "sp"),
    ("Faber-van de Klashorst", None, "pvv"),
    ("Bouwmeester", None, "pvda"),
    ("Bushoff", None, "groenlinks-pvda"),
    ("Patijn", None, "groenlinks-pvda"),
    ("Ceder", None, "christenunie"),
    ("Dobbe", None, "sp"),
    ("Hirsch", None, "groenlinks-pvda"),
    ("Teunissen", None, "pvdd"),
    ("Kathmann", None, "groenlinks-pvda"),
    ("El Abassi", None, "denk"),
    ("Mutluer", None, "groenlinks-pvda"),
    ("Kostić", None, "pvdd"),
    ("Piri", None, "groenlinks-pvda"),
    ("Boswijk", None, "cda"),
    ("Slagt-Tichelman", None, "groenlinks-pvda"),
    ("Sneller", None, "d66"),
    ("Chakor", None, "groenlinks-pvda"),
    ("Van Nispen", None, "sp"),
    ("Van den Hil", None, "vvd"),
    ("Bikker", None, "christenunie"),
    ("Vijlbrief", None, "d66"),
    ("Boomsma", None, "nsc"),
    ("Crijns", None, "pvv"),
    ("Jansen", Some("Daniëlle"), "nsc"),
    ("Erkens", None, "vvd"),
    ("Keijzer", None, "bbb"),
    ("Klaver", None, "groenlinks-pvda"),
    ("Koekkoek", None, "volt"),
    ("Podt", None, "d66"),
    ("Van Eijk", None, "vvd"),
    ("Aartsen", None, "vvd"),
    ("Van Haga", None, "groep-van-haga"),
    ("Van Houwelingen", None, "fvd"),
    ("Van Zanten", None, "bbb"),
    ("Van der Lee", None, "groenlinks-pvda"),
    ("Westerveld", None, "groenlinks-pvda"),
    ("Flach", None, "sgp"),
    ("Gabriëls", None, "groenlinks-pvda"),
    ("Bromet", None, "groenlinks-pvda"),
    ("Paternotte", None, "d66"),
    ("Van der Burg", None, "vvd"),
    ("Tseggai", None, "groenlinks-pvda"),
    ("Joseph", None, "nsc"),
    ("Fritsma", None, "pvv"),
];

/// Ministers and state secretaries who answer in `seeds/corpus/`.
const CORPUS_GOVERNMENT: &[&str] = &[
    "Bruins Slot",
    "Schreinemacher",
    "Dijkgraaf",
    "Faber-van de Klashorst",
    "Helder",
    "Hermans",
    "Schippers",
    "Van Weel",
    "Yeşilgöz-Zegerius",
    "Gräper-van Koolwijk",
    "Karremans",
    "Van Huffelen",
    "Van Rij",
    "Klever",
    "Van Hijum",
    "Wiersma",
    "Rummenie",
    "De Jonge",
    "Van der Wal-Zeggelink",
    "Veldkamp",
    "Heijnen",
    "Agema",
];

/// Surnames the generated members are made of.
const SURNAMES: &[&str] = &[
    "De Vries",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Smits",
    "De Graaf",
    "Van der Meer",
    "Van der Linden",
    "Kok",
    "Jacobs",
    "De Haan",
    "Vermeulen",
    "Van den Heuvel",
    "Van der Veen",
    "Van den Broek",
    "De Bruijn",
    "Van der Heijden",
    "Schouten",
    "Van Beek",
    "Willems",
    "Van Vliet",
    "Van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Van Dam",
    "Van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "Van Wijk",
    "Post",
    "Veenstra",
    "Kramer",
    "Van den Brink",
    "Scholten",
    "Wouters",
    "Groen",
    "Bosman",
    "Postma",
    "Boersma",
    "Martens",
    "Evers",
    "Van Dongen",
    "Hoogendoorn",
    "Koning",
    "Van Veen",
    "Molenaar",
    "Sanders",
    "Zwart",
    "Claassen",
    "Wolters",
    "Gerritsen",
    "Kamphuis",
    "Veldman",
    "Boon",
    "Verbeek",
    "Hoek",
    "Stam",
    "Schipper",
    "Van Doorn",
    "Rutten",
    "Lammers",
    "Verschuren",
    "Tuinman",
    "Oosterhuis",
    "Wessels",
    "Van Rooij",
    "Siebenga",
    "Terpstra",
    "Haverkamp",
    "Nijboer",
    "Rietveld",
    "Zijlstra",
    "Van Kampen",
    "Ruiter",
    "Tromp",
    "Ter Horst",
    "Ten Brink",
    "Al Idrissi",
    "Öztürk",
    "Yıldız",
    "Kuzu",
];

const GIVEN_NAMES: &[&str] = &[
    "Anne", "Jan", "Pieter", "Sanne", "Lisa", "Mark", "Eva", "Thomas", "Fleur", "Joost", "Marieke",
    "Kees", "Femke", "Bas", "Esther", "Ahmed", "Fatima", "Nadia",
];

/// How many generated members join the members of the corpus, and how many generated names
/// join the members of the government of the corpus.
const GENERATED_MEMBERS: usize = 320;
const GENERATED_GOVERNMENT: usize = 30;
/// The pool of people is the same whatever `--seed` says.
const POOL_SEED: u64 = 0x4B56_2019_1524_4000;

struct Party {
    label: String,
    variants: Vec<String>,
}

struct Portfolio {
    name: String,
    abbreviations: Vec<String>,
    /// A minister without a ministry of their own: `Minister voor …`.
    post: bool,
}

struct Member {
    surname: String,
    /// Printed before the surname, as for two members who share it.
    given: Option<String>,
    party: usize,
}

impl Member {
    fn printed(&self) -> String {
        match &self.given {
            Some(given) => format!("{given} {}", lower_prefix(&self.surname)),
            None => self.surname.clone(),
        }
    }
}

/// Everything that does not change from set to set: parties, offices and people.
struct World {
    parties: Vec<Party>,
    party_weights: Vec<u32>,
    portfolios: Vec<Portfolio>,
    members: Vec<Member>,
    government: Vec<String>,
}

impl World {
    fn load() -> anyhow::Result<Self> {
        let parties: PartyTable =
            toml::from_str(include_str!("../../../seeds/reference/parties.toml"))
                .context("reading seeds/reference/parties.toml")?;
        let offices: OfficeTable =
            toml::from_str(include_str!("../../../seeds/reference/offices.toml"))
                .context("reading seeds/reference/offices.toml")?;
        let keys: Vec<String> = parties.party.iter().map(|p| p.key.clone()).collect();
        let party_weights = keys
            .iter()
            .map(|key| {
                if LARGE_PARTIES.contains(&key.as_str()) {
                    8
                } else {
                    1
                }
            })
            .collect();
        let mut world = Self {
            parties: parties.party.into_iter().map(Party::from).collect(),
            party_weights,
            portfolios: portfolios(offices),
            members: Vec::new(),
            government: Vec::new(),
        };
        world.people(&keys)?;
        Ok(world)
    }

    /// The members of the corpus, then generated members and members of the government.
    fn people(&mut self, keys: &[String]) -> anyhow::Result<()> {
        for (surname, given, key) in CORPUS_MEMBERS {
            let party = keys
                .iter()
                .position(|k| k == key)
                .with_context(|| format!("party `{key}` is not in parties.toml"))?;
            self.members.push(Member {
                surname: (*surname).to_owned(),
                given: given.map(str::to_owned),
                party,
            });
        }
        let mut rng = Rng::new(POOL_SEED);
        let mut taken: Vec<String> = self.members.iter().map(|m| m.surname.clone()).collect();
        taken.extend(CORPUS_GOVERNMENT.iter().map(|name| (*name).to_owned()));
        for surname in SURNAMES {
            self.add_member(surname, &mut rng);
            taken.push((*surname).to_owned());
        }
        while self.members.len() < CORPUS_MEMBERS.len() + GENERATED_MEMBERS {
            let name = double_surname(&mut rng);
            if !taken.contains(&name) {
                self.add_member(&name, &mut rng);
                taken.push(name);
            }
        }
        self.government = CORPUS_GOVERNMENT.iter().map(|s| (*s).to_owned()).collect();
        while self.government.len() < CORPUS_GOVERNMENT.len() + GENERATED_GOVERNMENT {
            let name = double_surname(&mut rng);
            if !taken.contains(&name) {
                self.government.push(name.clone());
                taken.push(name);
            }
        }
        Ok(())
    }

    /// A member with this surname; one in twenty shares it with a twin of another party, and
    /// then both are printed with their given name.
    fn add_member(&mut self, surname: &str, rng: &mut Rng) {
        let party = rng.weighted(&self.party_weights);
        let twin = rng.percent(5);
        let given = twin.then(|| rng.pick(GIVEN_NAMES).to_string());
        self.members.push(Member {
            surname: surname.to_owned(),
            given,
            party,
        });
        if twin {
            let other = (party + 1 + rng.below(self.parties.len() - 1)) % self.parties.len();
            self.members.push(Member {
                surname: surname.to_owned(),
                given: Some(rng.pick(GIVEN_NAMES).to_string()),
                party: other,
            });
        }
    }

    /// The person who holds an office at a date: one per office in every three years.
    fn holder(&self, office: Office, date: NaiveDate) -> &str {
        let period = (date.year() - 2010).max(0) as u64 / 3;
        let key = ((office.portfolio as u64) << 32) | ((office.title as u64) << 16) | period;
        let mut rng = Rng::new(key);
        &self.government[rng.below(self.government.len())]
    }
}

impl From<PartyRow> for Party {
    fn from(row: PartyRow) -> Self {
        Self {
            label: row.label,
            variants: row.variants,
        }
    }
}

fn portfolios(offices: OfficeTable) -> Vec<Portfolio> {
    let ministries = offices.ministry.into_iter().map(|row| (row, false));
    let posts = offices.post.into_iter().map(|row| (row, true));
    ministries
        .chain(posts)
        .map(|(row, post)| Portfolio {
            name: row.name,
            abbreviations: row.abbreviations,
            post,
        })
        .collect()
}

/// `Bakker-van den Berg`: two surnames, the second with its prefix in lower case.
fn double_surname(rng: &mut Rng) -> String {
    let first = rng.below(SURNAMES.len());
    let second = (first + 1 + rng.below(SURNAMES.len() - 1)) % SURNAMES.len();
    format!("{}-{}", SURNAMES[first], lower_prefix(SURNAMES[second]))
}

/// `Van der Lee` → `van der Lee`, as printed after a given name or a hyphen.
fn lower_prefix(surname: &str) -> String {
    let prefixed = ["Van ", "De ", "Den ", "Ter ", "Ten "]
        .iter()
        .any(|prefix| surname.starts_with(prefix));
    if prefixed {
        let mut chars = surname.chars();
        let first = chars.next().map(|c| c.to_ascii_lowercase());
        first.into_iter().chain(chars).collect()
    } else {
        surname.to_owned()
    }
}

// ------------------------------------------------------------------------------------ prose

/// Nouns with their article; the long compounds get hyphenated at line ends in PDF text.
const NOUNS: &[(&str, &str)] = &[
    ("de", "wachttijd"),
    ("de", "zorgverzekeraar"),
    ("de", "woningcorporatie"),
    ("de", "uitvoeringsorganisatie"),
    ("de", "toezichthouder"),
    ("de", "subsidieregeling"),
    ("de", "begroting"),
    ("de", "evaluatie"),
    ("de", "vergunningverlening"),
    ("de", "handhaving"),
    ("de", "arbeidsmarkt"),
    ("de", "toeslagenregeling"),
    ("de", "gegevensdeling"),
    ("de", "cyberveiligheid"),
    ("de", "ontwikkelingshulp"),
    ("de", "waterkwaliteit"),
    ("de", "spoorverbinding"),
    ("de", "luchtvaart"),
    ("de", "mestregelgeving"),
    ("de", "studiefinanciering"),
    ("de", "kinderopvang"),
    ("de", "jeugdzorg"),
    ("de", "huisartsenzorg"),
    ("de", "ouderenzorg"),
    ("de", "mantelzorg"),
    ("de", "schuldhulpverlening"),
    ("de", "armoedebestrijding"),
    ("de", "exportcontrole"),
    ("de", "drinkwatervoorziening"),
    ("de", "energietransitie"),
    ("de", "netcongestie"),
    ("de", "stikstofuitstoot"),
    ("de", "woningbouw"),
    ("de", "huurbescherming"),
    ("de", "asielopvang"),
    ("de", "politiecapaciteit"),
    ("de", "rechtspraak"),
    ("de", "digitalisering"),
    ("de", "pensioenuitvoering"),
    ("de", "geneesmiddelenvoorziening"),
    ("de", "ziekenhuiszorg"),
    ("de", "onderwijsachterstand"),
    ("de", "laaggeletterdheid"),
    ("de", "natuurbescherming"),
    ("de", "bodemdaling"),
    ("de", "mijnbouwschade"),
    ("de", "gaswinning"),
    ("de", "inburgering"),
    ("het", "onderzoek"),
    ("het", "rapport"),
    ("het", "advies"),
    ("het", "beleid"),
    ("het", "wetsvoorstel"),
    ("het", "toezicht"),
    ("het", "programma"),
    ("het", "convenant"),
    ("het", "meldpunt"),
    ("het", "hoofdlijnenakkoord"),
    ("het", "zorgstelsel"),
    ("het", "belastingstelsel"),
    ("het", "asielbeleid"),
    ("het", "klimaatbeleid"),
    ("het", "lerarentekort"),
    ("het", "personeelstekort"),
    ("het", "woningtekort"),
    ("het", "inburgeringsstelsel"),
    ("het", "sanctiebeleid"),
    ("het", "vestigingsklimaat"),
];

const ADJECTIVES: &[&str] = &[
    "structurele",
    "tijdelijke",
    "landelijke",
    "regionale",
    "huidige",
    "nieuwe",
    "aanvullende",
    "beschikbare",
    "noodzakelijke",
    "onafhankelijke",
    "wettelijke",
    "financiële",
    "maatschappelijke",
    "zorgwekkende",
    "gemeentelijke",
    "Europese",
    "internationale",
    "bestaande",
    "voorgenomen",
    "uitgestelde",
];

/// What follows `dat {noun phrase}`.
const PREDICATES: &[&str] = &[
    "onder druk staat",
    "sterk is toegenomen",
    "niet tijdig wordt uitgevoerd",
    "tot grote problemen leidt",
    "jarenlang is uitgesteld",
    "onvoldoende wordt gehandhaafd",
    "de komende jaren verder zal stijgen",
    "in strijd is met de wet",
    "tot hogere kosten leidt",
    "nog altijd niet op orde is",
    "door de uitvoering wordt vertraagd",
    "ernstig tekortschiet",
    "onvoldoende is onderzocht",
    "buiten beeld is geraakt",
];

/// Infinitives with `te`, as they follow `bereid … ` or `om … `.
const VERBS: &[&str] = &[
    "te verbeteren",
    "te onderzoeken",
    "te evalueren",
    "te versterken",
    "te beperken",
    "te ondersteunen",
    "aan te passen",
    "te heroverwegen",
    "te financieren",
    "te monitoren",
    "uit te breiden",
    "te vereenvoudigen",
    "te herzien",
    "te borgen",
    "op te schalen",
    "bij te stellen",
];

const ORGANISATIONS: &[&str] = &[
    "de Inspectie Gezondheidszorg en Jeugd",
    "de Autoriteit Persoonsgegevens",
    "de Nederlandse Zorgautoriteit",
    "het UWV",
    "de Belastingdienst",
    "het CBS",
    "de VNG",
    "de politie",
    "het Openbaar Ministerie",
    "de Raad van State",
    "het RIVM",
    "de Algemene Rekenkamer",
    "De Nederlandsche Bank",
    "de Europese Commissie",
    "het COA",
    "de IND",
    "ProRail",
    "Rijkswaterstaat",
    "het Centraal Planbureau",
    "de Inspectie van het Onderwijs",
    "de NVWA",
];

const PLACES: &[&str] = &[
    "in Groningen",
    "in Rotterdam",
    "in Zeeland",
    "in Limburg",
    "in Caribisch Nederland",
    "in de regio Utrecht",
    "in Friesland",
    "in Amsterdam",
    "in Den Haag",
    "in Noord-Brabant",
    "in Drenthe",
    "in de grensregio",
    "op de Waddeneilanden",
    "in landelijke gebieden",
];

/// Headline endings; no `niet`, `zijn` or `worden`, which end a subject in a notice's prose.
const HEADLINE_ENDINGS: &[&str] = &[
    "onder druk",
    "loopt vast",
    "stijgt opnieuw",
    "in de knel",
    "dreigt te verdwijnen",
    "kost miljarden",
    "kampt met tekorten",
    "moet beter",
    "zwaar onderschat",
    "blijft achter",
    "onder vuur",
    "op de tocht",
];

const HEADLINE_SOURCES: &[&str] = &[
    "Inspectie",
    "Rekenkamer",
    "Ombudsman",
    "Toezichthouder",
    "Raad van State",
    "Planbureau",
];

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

fn dutch_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn noun_phrase(rng: &mut Rng) -> String {
    let (article, noun) = *rng.pick(NOUNS);
    match rng.below(4) {
        0 => format!("{article} {} {noun}", rng.pick(ADJECTIVES)),
        1 => {
            let (other_article, other) = *rng.pick(NOUNS);
            if other == noun {
                format!("{article} {noun}")
            } else {
                format!("{article} {noun} van {other_article} {other}")
            }
        }
        _ => format!("{article} {noun}"),
    }
}

/// `dat …`: a noun phrase and what is said of it.
fn clause(rng: &mut Rng) -> String {
    format!("{} {}", noun_phrase(rng), rng.pick(PREDICATES))
}

/// A year in the prose: before the first set is submitted, so never in a document's future.
fn year(rng: &mut Rng) -> usize {
    rng.between(2006, FIRST_DAY.0 as usize - 1)
}

fn question_sentence(rng: &mut Rng) -> String {
    match rng.below(14) {
        0 => format!("Klopt het dat {}?", clause(rng)),
        1 => format!("Wat is uw reactie op {}?", noun_phrase(rng)),
        2 => format!("Deelt u de mening dat {}?", clause(rng)),
        3 => format!("Kunt u toelichten waarom {}?", clause(rng)),
        4 => format!(
            "Hoe verhoudt {} zich tot {}?",
            noun_phrase(rng),
            noun_phrase(rng)
        ),
        5 => format!("Bent u bereid {} {}?", noun_phrase(rng), rng.pick(VERBS)),
        6 => format!(
            "Welke stappen gaat u zetten om {} {}?",
            noun_phrase(rng),
            rng.pick(VERBS)
        ),
        7 => format!(
            "Wanneer verwacht u {} {}?",
            noun_phrase(rng),
            rng.pick(VERBS)
        ),
        8 => format!(
            "Is er inmiddels overleg geweest met {} over {}?",
            rng.pick(ORGANISATIONS),
            noun_phrase(rng)
        ),
        9 => format!(
            "Op welke termijn kan de Kamer {} verwachten?",
            noun_phrase(rng)
        ),
        10 => format!(
            "Welke rol speelt {} bij {}?",
            noun_phrase(rng),
            noun_phrase(rng)
        ),
        11 => format!(
            "Hoeveel middelen zijn er sinds {} uitgetrokken voor {}?",
            year(rng),
            noun_phrase(rng)
        ),
        12 => format!(
            "Kunt u aangeven hoe {} zich {} heeft ontwikkeld?",
            noun_phrase(rng),
            rng.pick(PLACES)
        ),
        _ => format!(
            "Bent u bekend met het rapport van {} over {}?",
            rng.pick(ORGANISATIONS),
            noun_phrase(rng)
        ),
    }
}

/// A sentence that gives the context of a question.
fn statement(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("In het bericht wordt gesteld dat {}.", clause(rng)),
        1 => format!("Uit {} blijkt dat {}.", noun_phrase(rng), clause(rng)),
        2 => format!(
            "{} waarschuwt al langer dat {}.",
            capitalise(rng.pick::<&str>(ORGANISATIONS)),
            clause(rng)
        ),
        3 => format!(
            "Eerder gaf u aan dat {} prioriteit heeft.",
            noun_phrase(rng)
        ),
        _ => format!(
            "Dit raakt in het bijzonder {} {}.",
            noun_phrase(rng),
            rng.pick(PLACES)
        ),
    }
}

fn answer_sentence(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => format!("Het kabinet hecht groot belang aan {}.", noun_phrase(rng)),
        1 => format!(
            "{} heeft mij laten weten dat {}.",
            capitalise(rng.pick::<&str>(ORGANISATIONS)),
            clause(rng)
        ),
        2 => format!(
            "Ik deel de mening dat {} aandacht verdient.",
            noun_phrase(rng)
        ),
        3 => format!(
            "In {} is {} geëvalueerd; de uitkomsten daarvan deel ik voor de zomer met uw Kamer.",
            year(rng),
            noun_phrase(rng)
        ),
        4 => format!(
            "Daarbij wordt nauw samengewerkt met {}.",
            rng.pick(ORGANISATIONS)
        ),
        5 => format!(
            "Op dit moment is nog niet bekend hoe {} zich {} ontwikkelt.",
            noun_phrase(rng),
            rng.pick(PLACES)
        ),
        6 => format!(
            "Ik zal uw Kamer over de voortgang van {} informeren.",
            noun_phrase(rng)
        ),
        7 => format!(
            "Zoals aangegeven in mijn brief van {} {} is {} onderdeel van de aanpak.",
            rng.between(1, 28),
            rng.pick(&MONTHS),
            noun_phrase(rng)
        ),
        8 => format!(
            "Het is aan {} om {} {}.",
            rng.pick(ORGANISATIONS),
            noun_phrase(rng),
            rng.pick(VERBS)
        ),
        9 => format!(
            "Er is geen aanleiding om {} {}.",
            noun_phrase(rng),
            rng.pick(VERBS)
        ),
        10 => format!(
            "Via {} wordt jaarlijks ongeveer {} miljoen euro beschikbaar gesteld.",
            noun_phrase(rng),
            rng.between(5, 900)
        ),
        _ => format!(
            "Met {} ben ik in gesprek over de wijze waarop {} kan worden versterkt.",
            rng.pick(ORGANISATIONS),
            noun_phrase(rng)
        ),
    }
}

/// A newspaper headline, without quotes.
fn headline(rng: &mut Rng) -> String {
    let (_, noun) = *rng.pick(NOUNS);
    match rng.below(5) {
        0 => format!("{} {}", capitalise(noun), rng.pick(HEADLINE_ENDINGS)),
        1 => format!("Zorgen over {} {noun}", rng.pick(ADJECTIVES)),
        2 => format!("{} waarschuwt voor {noun}", rng.pick(HEADLINE_SOURCES)),
        3 => format!(
            "Onderzoek: {noun} {} {}",
            rng.pick(HEADLINE_ENDINGS),
            rng.pick(PLACES)
        ),
        _ => format!(
            "Kabinet wil {noun} {}",
            rng.pick(&[
                "aanpakken",
                "hervormen",
                "uitbreiden",
                "inperken",
                "versnellen"
            ])
        ),
    }
}

/// The subject of a set, and the headline it names, if any.
fn subject(rng: &mut Rng) -> (String, Option<String>) {
    match rng.below(6) {
        0..=2 => {
            let title = headline(rng);
            (format!("het bericht «{title}»"), Some(title))
        }
        3 => (format!("{} {}", noun_phrase(rng), rng.pick(PLACES)), None),
        4 => (
            format!(
                "de gevolgen van {} voor {}",
                noun_phrase(rng),
                noun_phrase(rng)
            ),
            None,
        ),
        _ => (
            format!(
                "de uitvoering van de motie-{} over {}",
                rng.pick(SURNAMES),
                noun_phrase(rng)
            ),
            None,
        ),
    }
}

// ------------------------------------------------------------------------------ the model

#[derive(Clone, Copy, PartialEq, Eq)]
enum Title {
    Minister,
    Staatssecretaris,
}

impl Title {
    fn word(self) -> &'static str {
        match self {
            Title::Minister => "Minister",
            Title::Staatssecretaris => "Staatssecretaris",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Title::Minister => "Ministers",
            Title::Staatssecretaris => "Staatssecretarissen",
        }
    }
}

/// A post in the government: its title and its portfolio in `World::portfolios`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Office {
    title: Title,
    portfolio: usize,
}

/// A sentence and the footnote it cites at its end: an index into `Set::notes` in a set, the
/// footnote's number once a document is numbered.
#[derive(Clone)]
struct Sentence {
    text: String,
    note: Option<usize>,
}

impl Sentence {
    fn new(text: String) -> Self {
        Self { text, note: None }
    }

    /// Short replies and pointers to other answers cite nothing.
    fn citable(&self) -> bool {
        self.text.len() > 12 && !self.text.starts_with("Zie ")
    }
}

type Paragraph = Vec<Sentence>;

/// The text of a question, answer or notice.
#[derive(Clone)]
struct Block {
    paragraphs: Vec<Paragraph>,
}

impl Block {
    fn single(text: String) -> Self {
        Self {
            paragraphs: vec![vec![Sentence::new(text)]],
        }
    }

    fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.paragraphs.iter().flatten()
    }

    fn sentences_mut(&mut self) -> impl Iterator<Item = &mut Sentence> {
        self.paragraphs.iter_mut().flatten()
    }

    /// All paragraphs as one, for layouts that print a question as one paragraph.
    fn flattened(&self) -> Paragraph {
        self.sentences().cloned().collect()
    }
}

/// An answer and the numbers of the questions it answers.
struct AnswerBlock {
    numbers: Vec<usize>,
    block: Block,
}

/// A source cited in a footnote.
struct Note {
    source: &'static str,
    date: NaiveDate,
    title: String,
    url: Option<String>,
    /// `Kamerstuk 36 200, nr. 77`: a parliamentary paper, cited without a source or title.
    kamerstuk: Option<String>,
}

/// Members printed together: one member with a party, or several who share it
/// (`X en Y (beiden P)`).
struct Group {
    names: Vec<String>,
    party: String,
}

impl Group {
    fn render(&self, bold: bool) -> String {
        let names: Vec<String> = self
            .names
            .iter()
            .map(|name| {
                if bold {
                    format!("**{name}**")
                } else {
                    name.clone()
                }
            })
            .collect();
        match names.len() {
            1 => format!("{} ({})", names[0], self.party),
            2 => format!("{} (beiden {})", join_list(&names), self.party),
            _ => format!("{} (allen {})", join_list(&names), self.party),
        }
    }
}

/// A member of the government who answers: `Minister Helder (Langdurige Zorg en Sport)`.
struct Holder {
    title: Title,
    name: String,
    portfolio: String,
}

/// An answer or a notice: who sends it, when, and its number in the Aanhangsel.
struct Reply {
    holders: Vec<Holder>,
    /// `de Minister van Y`, after `mede namens`.
    on_behalf: Option<String>,
    received: NaiveDate,
    /// The parliamentary year (its first calendar year) and the number in the Aanhangsel.
    aanhangsel: (i32, u32),
    /// The earlier notice that postponed an answer (`Zie ook Aanhangsel Handelingen, …`).
    see_also: Option<(i32, u32)>,
}

/// A set of questions and everything that is printed of it.
struct Set {
    zaak: String,
    submitted: NaiveDate,
    groups: Vec<Group>,
    /// `de Minister van X en de Staatssecretaris van Y`, titles capitalised.
    offices: String,
    subject: String,
    questions: Vec<Block>,
    answers: Vec<AnswerBlock>,
    notes: Vec<Note>,
    follow_up: Option<String>,
    notice: Option<Reply>,
    answer: Option<Reply>,
}

impl Set {
    /// The documents of the set, in the order they are published.
    fn kinds(&self) -> Vec<Kind> {
        let mut kinds = vec![Kind::Questions];
        if self.notice.is_some() {
            kinds.push(Kind::Notice);
        }
        if self.answer.is_some() {
            kinds.push(Kind::Answer);
        }
        kinds
    }

    fn members(&self, bold: bool) -> String {
        let total: usize = self.groups.iter().map(|g| g.names.len()).sum();
        let noun = if total == 1 { "het lid" } else { "de leden" };
        let items: Vec<String> = self.groups.iter().map(|g| g.render(bold)).collect();
        format!("{noun} {}", join_list(&items))
    }
}

/// `a`, `a en b`, `a, b en c`.
fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// The parliamentary year a date falls in, by its first calendar year (September to September).
fn parliamentary_year(date: NaiveDate) -> i32 {
    if date.month() >= 9 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// `2023–2024`, or with a hyphen as DOCX text prints it.
fn year_span(year: i32, dash: char) -> String {
    format!("{year}{dash}{}", year + 1)
}

// ------------------------------------------------------------------------- the generator

/// The first and last day a set of questions is submitted.
const FIRST_DAY: (i32, u32, u32) = (2014, 1, 6);
const LAST_DAY: (i32, u32, u32) = (2025, 6, 27);

/// Draws sets one after the other; numbers in the Zaak and the Aanhangsel are handed out
/// per year, never twice.
struct Generator<'w> {
    world: &'w World,
    rng: Rng,
    zaak_numbers: BTreeMap<i32, usize>,
    zaak_gap: usize,
    aanhangsel_numbers: BTreeMap<i32, u32>,
    /// Recent sets a later set may follow up: Zaak number, members, date.
    history: Vec<(String, String, NaiveDate)>,
}

impl<'w> Generator<'w> {
    fn new(world: &'w World, seed: u64, count: usize) -> Self {
        let years = (LAST_DAY.0 - FIRST_DAY.0 + 1) as usize;
        let sets_per_year = count / 2 / years + 1;
        Self {
            world,
            rng: Rng::new(seed),
            zaak_numbers: BTreeMap::new(),
            zaak_gap: (90_000 / sets_per_year).clamp(1, 20),
            aanhangsel_numbers: BTreeMap::new(),
            history: Vec::new(),
        }
    }

    fn layout(&mut self) -> Layout {
        match self.rng.weighted(&[25, 50, 25]) {
            0 => Layout::Markdown,
            1 => Layout::Pdf,
            _ => Layout::Docx,
        }
    }

    fn next_set(&mut self) -> Set {
        let submitted = self.weekday();
        let offices = self.offices();
        let (subject, headline) = subject(&mut self.rng);
        let question_count = self.question_count();
        let mut set = Set {
            zaak: self.zaak(submitted.year()),
            submitted,
            groups: self.groups(),
            offices: self.offices_text(&offices, false),
            subject,
            questions: (1..=question_count)
                .map(|n| self.question(n, question_count, headline.as_deref()))
                .collect(),
            answers: self.answers(question_count),
            notes: Vec::new(),
            follow_up: self.follow_up(submitted),
            notice: None,
            answer: None,
        };
        self.cite_notes(&mut set, headline.as_deref());
        self.replies(&mut set, &offices);
        self.remember(&set);
        set
    }

    fn weekday(&mut self) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("date");
        let last = NaiveDate::from_ymd_opt(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).expect("date");
        let span = (last - first).num_days() as usize;
        let date = first + Days::new(self.rng.below(span) as u64);
        match date.weekday() {
            Weekday::Sat => date + Days::new(2),
            Weekday::Sun => date + Days::new(1),
            _ => date,
        }
    }

    fn zaak(&mut self, year: i32) -> String {
        let start = self.rng.between(100, 2000);
        let gap = self.rng.between(1, self.zaak_gap);
        let number = self.zaak_numbers.entry(year).or_insert(start);
        *number += gap;
        assert!(
            *number <= 99_999,
            "too many sets in {year} for a Zaak number"
        );
        format!("{year}Z{:05}", *number)
    }

    fn aanhangsel(&mut self, date: NaiveDate) -> (i32, u32) {
        let year = parliamentary_year(date);
        let start = self.rng.between(1, 40) as u32;
        let step = self.rng.between(1, 3) as u32;
        let number = self.aanhangsel_numbers.entry(year).or_insert(start);
        *number += step;
        (year, *number)
    }

    /// One to four members, the co-submitters often of the first one's party; members who ask
    /// many questions come first in the pool.
    fn groups(&mut self) -> Vec<Group> {
        let count = 1 + self.rng.weighted(&[55, 30, 10, 5]);
        let members = &self.world.members;
        let popular = self.rng.below(members.len()) + 1;
        let first = self.rng.below(popular);
        let mut chosen = vec![first];
        while chosen.len() < count {
            let same_party: Vec<usize> = (0..members.len())
                .filter(|&m| members[m].party == members[first].party && !chosen.contains(&m))
                .collect();
            let next = if !same_party.is_empty() && self.rng.percent(45) {
                *self.rng.pick(&same_party)
            } else {
                self.rng.below(members.len())
            };
            if !chosen.contains(&next) {
                chosen.push(next);
            }
        }
        let labels: Vec<String> = chosen.iter().map(|&m| self.party_label(m)).collect();
        self.group_by_party(&chosen, &labels)
    }

    /// The party as printed: its usual label, sometimes a variant.
    fn party_label(&mut self, member: usize) -> String {
        let party = &self.world.parties[self.world.members[member].party];
        if !party.variants.is_empty() && self.rng.percent(15) {
            self.rng.pick(&party.variants).clone()
        } else {
            party.label.clone()
        }
    }

    /// Consecutive members of one party are often printed with one shared party.
    fn group_by_party(&mut self, chosen: &[usize], labels: &[String]) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let mut start = 0;
        while start < chosen.len() {
            let end = (start..chosen.len())
                .find(|&i| labels[i] != labels[start])
                .unwrap_or(chosen.len());
            let names: Vec<String> = chosen[start..end]
                .iter()
                .map(|&m| self.world.members[m].printed())
                .collect();
            if names.len() > 1 && self.rng.percent(60) {
                groups.push(Group {
                    names,
                    party: labels[start].clone(),
                });
            } else {
                for name in names {
                    groups.push(Group {
                        names: vec![name],
                        party: labels[start].clone(),
                    });
                }
            }
            start = end;
        }
        groups
    }

    /// One to three offices, each a different post.
    fn offices(&mut self) -> Vec<Office> {
        let count = 1 + self.rng.weighted(&[70, 22, 8]);
        let mut offices: Vec<Office> = Vec::new();
        while offices.len() < count {
            let office = match offices.last() {
                Some(last)
                    if self.rng.percent(30) && !self.world.portfolios[last.portfolio].post =>
                {
                    let title = match last.title {
                        Title::Minister => Title::Staatssecretaris,
                        Title::Staatssecretaris => Title::Minister,
                    };
                    Office {
                        title,
                        portfolio: last.portfolio,
                    }
                }
                _ => self.office(),
            };
            if !offices.contains(&office) {
                offices.push(office);
            }
        }
        offices
    }

    fn office(&mut self) -> Office {
        let portfolio = self.rng.below(self.world.portfolios.len());
        let title = if self.world.portfolios[portfolio].post || self.rng.percent(75) {
            Title::Minister
        } else {
            Title::Staatssecretaris
        };
        Office { title, portfolio }
    }

    /// A portfolio as printed: its name, now and then its abbreviation.
    fn portfolio_label(&mut self, portfolio: usize) -> String {
        let portfolio = &self.world.portfolios[portfolio];
        if !portfolio.abbreviations.is_empty() && self.rng.percent(6) {
            self.rng.pick(&portfolio.abbreviations).clone()
        } else {
            portfolio.name.clone()
        }
    }

    fn preposition(&self, office: Office) -> &'static str {
        if self.world.portfolios[office.portfolio].post {
            "voor"
        } else {
            "van"
        }
    }

    /// `de Minister van X`, `de Ministers van X en voor Y`, `de Staatssecretaris en de
    /// Minister van X`, `de Minister van X, de Staatssecretaris van Y en de Minister voor Z`.
    fn offices_text(&mut self, offices: &[Office], lower: bool) -> String {
        let same_title = offices.iter().all(|o| o.title == offices[0].title);
        let text = match offices {
            [a, b] if a.portfolio == b.portfolio && self.rng.percent(60) => format!(
                "de {} en de {} {} {}",
                a.title.word(),
                b.title.word(),
                self.preposition(*a),
                self.portfolio_label(a.portfolio)
            ),
            [first, ..] if offices.len() > 1 && same_title && self.rng.percent(50) => {
                let items: Vec<String> = offices
                    .iter()
                    .map(|o| {
                        format!(
                            "{} {}",
                            self.preposition(*o),
                            self.portfolio_label(o.portfolio)
                        )
                    })
                    .collect();
                format!("de {} {}", first.title.plural(), join_list(&items))
            }
            _ => {
                let items: Vec<String> = offices
                    .iter()
                    .map(|o| {
                        let portfolio = self.portfolio_label(o.portfolio);
                        format!("de {} {} {portfolio}", o.title.word(), self.preposition(*o))
                    })
                    .collect();
                join_list(&items)
            }
        };
        if lower {
            lower_titles(&text)
        } else {
            text
        }
    }

    /// Mostly 4 to 8 questions, now and then up to 30.
    fn question_count(&mut self) -> usize {
        match self.rng.weighted(&[20, 45, 22, 9, 4]) {
            0 => self.rng.between(1, 3),
            1 => self.rng.between(4, 8),
            2 => self.rng.between(9, 14),
            3 => self.rng.between(15, 20),
            _ => self.rng.between(21, 30),
        }
    }

    /// Question `number` of `count`: the first often asks about the news report of the
    /// subject, the last often asks for the answers to come one by one.
    fn question(&mut self, number: usize, count: usize, headline: Option<&str>) -> Block {
        let short_set = count <= 3;
        if let (1, Some(title), false) = (number, headline, short_set) {
            if self.rng.percent(70) {
                return Block::single(format!("Bent u bekend met het bericht «{title}»?"));
            }
        }
        if number == count && !short_set && self.rng.percent(25) {
            let text =
                "Kunt u deze vragen afzonderlijk en binnen de gebruikelijke termijn beantwoorden?";
            return Block::single(text.to_owned());
        }
        let mut sentences = Vec::new();
        if let (1, Some(title), true) = (number, headline, short_set) {
            let text = format!("Bent u bekend met het bericht «{title}»?");
            sentences.push(Sentence::new(text));
        }
        if self.rng.percent(if short_set { 70 } else { 35 }) {
            sentences.push(Sentence::new(statement(&mut self.rng)));
        }
        let (least, most) = match count {
            1..=3 => (4, 7),
            4..=12 => (1, 4),
            _ => (1, 3),
        };
        for _ in 0..self.rng.between(least, most) {
            sentences.push(Sentence::new(question_sentence(&mut self.rng)));
        }
        let asks_yes_or_no = sentences.last().is_some_and(|s| {
            ["Klopt", "Deelt", "Bent", "Is "]
                .iter()
                .any(|opening| s.text.starts_with(opening))
        });
        if asks_yes_or_no && self.rng.percent(40) {
            let follow = *self.rng.pick(&[
                "Zo ja, op welke wijze? Zo nee, waarom niet?",
                "Zo nee, waarom niet?",
                "Zo ja, wanneer?",
            ]);
            sentences.push(Sentence::new(follow.to_owned()));
        }
        split_paragraphs(sentences, &mut self.rng)
    }

    /// Answers to every question; now and then one answers two questions at once.
    fn answers(&mut self, count: usize) -> Vec<AnswerBlock> {
        let mut answers = Vec::new();
        let mut number = 1;
        while number <= count {
            let numbers = if number < count && self.rng.percent(8) {
                vec![number, number + 1]
            } else {
                vec![number]
            };
            number += numbers.len();
            let block = self.answer(numbers[0], count);
            answers.push(AnswerBlock { numbers, block });
        }
        answers
    }

    fn answer(&mut self, first: usize, count: usize) -> Block {
        let roll = self.rng.below(100);
        if roll < 8 {
            return Block::single("Ja.".to_owned());
        }
        if roll < 11 {
            return Block::single("Nee.".to_owned());
        }
        if roll < 16 && first > 1 {
            let earlier = self.rng.between(1, first - 1);
            return Block::single(format!("Zie het antwoord op vraag {earlier}."));
        }
        let (least, most) = match count {
            1..=4 => (5, 20),
            5..=10 => (3, 14),
            11..=18 => (2, 10),
            _ => (2, 7),
        };
        let sentences = (0..self.rng.between(least, most))
            .map(|_| Sentence::new(answer_sentence(&mut self.rng)))
            .collect();
        split_paragraphs(sentences, &mut self.rng)
    }

    /// Zero to ten footnotes, most in the questions, some in the answers; each cited once.
    fn cite_notes(&mut self, set: &mut Set, headline: Option<&str>) {
        let total = self.rng.weighted(&[30, 20, 15, 10, 8, 6, 4, 3, 2, 1, 1]);
        let in_answers = self.rng.between(0, total / 3);
        let mut question_slots = slots(set.questions.iter_mut());
        let mut answer_slots = slots(set.answers.iter_mut().map(|a| &mut a.block));
        let wanted = [
            (&mut question_slots, total - in_answers),
            (&mut answer_slots, in_answers),
        ];
        for (slots, count) in wanted {
            for _ in 0..count.min(slots.len()) {
                let slot = slots.swap_remove(self.rng.below(slots.len()));
                let date = set.submitted - Days::new(self.rng.between(1, 40) as u64);
                let title = headline
                    .filter(|h| slot.text.contains(h))
                    .map(str::to_owned);
                slot.note = Some(set.notes.len());
                set.notes.push(self.note(date, title));
            }
        }
    }

    fn note(&mut self, date: NaiveDate, title: Option<String>) -> Note {
        let (source, host) = *self.rng.pick(SOURCES);
        let title = title.unwrap_or_else(|| headline(&mut self.rng));
        if self.rng.percent(12) {
            let kamerstuk = format!(
                "Kamerstuk {} {:03}, nr. {}",
                self.rng.between(21, 36),
                self.rng.between(100, 999),
                self.rng.between(2, 400)
            );
            let url = self.rng.percent(40).then(|| {
                let id = format!("{}D{:05}", date.year(), self.rng.below(100_000));
                format!("https://www.tweedekamer.nl/kamerstukken/detail?id={id}&did={id}")
            });
            return Note {
                source,
                date,
                title,
                url,
                kamerstuk: Some(kamerstuk),
            };
        }
        let url = self.url(host, &title, date);
        Note {
            source,
            date,
            title,
            url: Some(url),
            kamerstuk: None,
        }
    }

    fn url(&mut self, host: &str, title: &str, date: NaiveDate) -> String {
        let slug = slug(title);
        match self.rng.below(3) {
            0 => format!(
                "https://{host}/{}-{slug}",
                self.rng.between(2_000_000, 2_600_000)
            ),
            1 => format!("https://{host}/{slug}~b{:08x}/", self.rng.next_u64() as u32),
            _ => format!(
                "https://{host}/{}/{:02}/{:02}/{slug}",
                date.year(),
                date.month(),
                date.day()
            ),
        }
    }

    /// One set in twelve follows up an earlier set (`Deze vragen dienen ter aanvulling op …`).
    fn follow_up(&mut self, submitted: NaiveDate) -> Option<String> {
        if !self.rng.percent(8) {
            return None;
        }
        let (zaak, members, date) = self
            .history
            .iter()
            .rev()
            .find(|(_, _, date)| *date < submitted)?;
        Some(format!(
            "Deze vragen dienen ter aanvulling op eerdere vragen terzake van {members}, ingezonden {} (vraagnummer {zaak})",
            dutch_date(*date)
        ))
    }

    fn remember(&mut self, set: &Set) {
        self.history
            .push((set.zaak.clone(), set.members(false), set.submitted));
        if self.history.len() > 64 {
            self.history.remove(0);
        }
    }

    /// A notice for a quarter of the sets, an answer for most.
    fn replies(&mut self, set: &mut Set, offices: &[Office]) {
        if self.rng.percent(25) {
            let received = set.submitted + Days::new(self.rng.between(18, 24) as u64);
            set.notice = Some(self.reply(offices, received));
        }
        if self.rng.percent(85) {
            let after = set.notice.as_ref().map_or(set.submitted, |n| n.received);
            let received = after + Days::new(self.rng.between(10, 50) as u64);
            let mut answer = self.reply(offices, received);
            if self.rng.percent(80) {
                answer.see_also = set.notice.as_ref().map(|n| n.aanhangsel);
            }
            set.answer = Some(answer);
        }
    }

    /// The first office addressed answers, alone, with the second, or on behalf of the others.
    fn reply(&mut self, offices: &[Office], received: NaiveDate) -> Reply {
        let mut holders = vec![self.holder(offices[0], received)];
        let mut on_behalf = None;
        if offices.len() > 1 {
            if self.rng.percent(15) {
                holders.push(self.holder(offices[1], received));
            } else if self.rng.percent(80) {
                on_behalf = Some(self.offices_text(&offices[1..], false));
            }
        }
        Reply {
            holders,
            on_behalf,
            received,
            aanhangsel: self.aanhangsel(received),
            see_also: None,
        }
    }

    fn holder(&mut self, office: Office, date: NaiveDate) -> Holder {
        Holder {
            title: office.title,
            name: self.world.holder(office, date).to_owned(),
            portfolio: self.portfolio_label(office.portfolio),
        }
    }
}

/// Sources of footnotes and where their articles live.
const SOURCES: &[(&str, &str)] = &[
    ("NOS", "nos.nl/artikel"),
    ("De Volkskrant", "www.volkskrant.nl/nieuws-achtergrond"),
    ("NRC", "www.nrc.nl/nieuws"),
    ("Trouw", "www.trouw.nl/binnenland"),
    ("AD", "www.ad.nl/binnenland"),
    ("Het Financieele Dagblad", "fd.nl/economie"),
    ("RTL Nieuws", "www.rtlnieuws.nl/nieuws/nederland/artikel"),
    ("Follow the Money", "www.ftm.nl/artikelen"),
    ("Rijksoverheid", "www.rijksoverheid.nl/actueel/nieuws"),
    ("Omroep Brabant", "www.omroepbrabant.nl/nieuws"),
    ("Reuters", "www.reuters.com/world/europe"),
    ("Pointer", "pointer.kro-ncrv.nl/artikelen"),
];

/// `Zorgen over structurele wachttijd` → `zorgen-over-structurele-wachttijd`.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        let c = match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ö' => 'o',
            'ú' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The sentences of blocks that may cite a footnote.
fn slots<'b>(blocks: impl Iterator<Item = &'b mut Block>) -> Vec<&'b mut Sentence> {
    blocks
        .flat_map(|block| block.sentences_mut())
        .filter(|sentence| sentence.citable())
        .collect()
}

/// One paragraph, or now and then two.
fn split_paragraphs(sentences: Vec<Sentence>, rng: &mut Rng) -> Block {
    let mut paragraphs = Vec::new();
    let mut paragraph = Vec::new();
    let mut length = rng.between(3, 6);
    for sentence in sentences {
        paragraph.push(sentence);
        if paragraph.len() == length && rng.percent(50) {
            paragraphs.push(std::mem::take(&mut paragraph));
            length = rng.between(3, 6);
        }
    }
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    Block { paragraphs }
}

/// `de Minister van X` → `de minister van X`, as DOCX text prints titles.
fn lower_titles(text: &str) -> String {
    text.replace("Minister", "minister")
        .replace("Staatssecretaris", "staatssecretaris")
}

// ----------------------------------------------------------------------- one document

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Questions,
    Answer,
    Notice,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Questions => "questions",
            Kind::Answer => "answer",
            Kind::Notice => "notice",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Markdown,
    Pdf,
    Docx,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Markdown => "markdown",
            Layout::Pdf => "pdf",
            Layout::Docx => "docx",
        }
    }
}

/// A part of a document's body, in print order.
enum Item {
    Question(usize, Block),
    Answer(Vec<usize>, Block),
    Notice(Block),
    Explanation(String),
}

impl Item {
    fn block(&self) -> Option<&Block> {
        match self {
            Item::Question(_, block) | Item::Answer(_, block) | Item::Notice(block) => Some(block),
            Item::Explanation(_) => None,
        }
    }

    fn block_mut(&mut self) -> Option<&mut Block> {
        match self {
            Item::Question(_, block) | Item::Answer(_, block) | Item::Notice(block) => Some(block),
            Item::Explanation(_) => None,
        }
    }

    /// The footnotes this part cites, in order.
    fn cites(&self) -> Vec<usize> {
        self.block()
            .map(|block| block.sentences().filter_map(|s| s.note).collect())
            .unwrap_or_default()
    }
}

/// One document of a set: its parts in print order, footnotes numbered as they are cited.
struct Doc<'s> {
    kind: Kind,
    set: &'s Set,
    reply: Option<&'s Reply>,
    items: Vec<Item>,
    /// Footnote `n` is `notes[n - 1]`.
    notes: Vec<&'s Note>,
}

impl<'s> Doc<'s> {
    fn new(set: &'s Set, kind: Kind, layout: Layout, rng: &mut Rng) -> Self {
        let reply = match kind {
            Kind::Questions => None,
            Kind::Notice => set.notice.as_ref(),
            Kind::Answer => set.answer.as_ref(),
        };
        let mut items = Vec::new();
        match kind {
            Kind::Questions => push_questions(&mut items, set),
            Kind::Answer => push_answers(&mut items, set),
            Kind::Notice => {
                // PDF and Markdown notices often repeat the questions; DOCX notices never do.
                if layout != Layout::Docx && rng.percent(50) {
                    push_questions(&mut items, set);
                }
                items.push(Item::Notice(notice_prose(set, layout, rng)));
            }
        }
        if let (Some(note), false) = (&set.follow_up, kind == Kind::Notice) {
            items.push(Item::Explanation(note.clone()));
        }
        let order = number_notes(&mut items);
        Doc {
            kind,
            set,
            reply,
            items,
            notes: order.into_iter().map(|id| &set.notes[id]).collect(),
        }
    }

    fn question_count(&self) -> usize {
        self.items
            .iter()
            .filter(|item| matches!(item, Item::Question(..)))
            .count()
    }

    fn answer_count(&self) -> usize {
        self.items
            .iter()
            .map(|item| match item {
                Item::Answer(numbers, _) => numbers.len(),
                _ => 0,
            })
            .sum()
    }
}

fn push_questions(items: &mut Vec<Item>, set: &Set) {
    for (index, block) in set.questions.iter().enumerate() {
        items.push(Item::Question(index + 1, block.clone()));
    }
}

/// Each answer after the questions it answers.
fn push_answers(items: &mut Vec<Item>, set: &Set) {
    for answer in &set.answers {
        for &number in &answer.numbers {
            items.push(Item::Question(number, set.questions[number - 1].clone()));
        }
        items.push(Item::Answer(answer.numbers.clone(), answer.block.clone()));
    }
}

/// Numbers the footnotes cited in `items` in order; returns the set's note for each number.
fn number_notes(items: &mut [Item]) -> Vec<usize> {
    let mut order = Vec::new();
    for block in items.iter_mut().filter_map(Item::block_mut) {
        for sentence in block.sentences_mut() {
            if let Some(id) = sentence.note {
                order.push(id);
                sentence.note = Some(order.len());
            }
        }
    }
    order
}

/// The prose of a notice: which questions cannot be answered in time, and why.
fn notice_prose(set: &Set, layout: Layout, rng: &mut Rng) -> Block {
    let members = set.members(false);
    let offices = if layout == Layout::Docx {
        lower_titles(&set.offices)
    } else {
        set.offices.clone()
    };
    let subject = &set.subject;
    let date = dutch_date(set.submitted);
    let reason = rng.pick(&[
        "de benodigde afstemming meer tijd vergt",
        "nog niet alle benodigde informatie is ontvangen",
        "interdepartementale afstemming nodig is",
        "de beantwoording meer tijd vraagt dan voorzien",
    ]);
    let opening = match rng.below(3) {
        0 => format!(
            "De vragen van {members} over {subject} ({}) kunnen niet binnen de gebruikelijke termijn van drie weken worden beantwoord, omdat {reason}.",
            set.zaak
        ),
        1 => format!(
            "Hierbij deel ik u mede dat de schriftelijke vragen van {members} van uw Kamer aan {offices} over {subject} (ingezonden {date}) niet binnen de gebruikelijke termijn kunnen worden beantwoord, aangezien {reason}."
        ),
        _ => {
            let verb = if members.starts_with("het lid") { "heeft" } else { "hebben" };
            format!("Op {date} {verb} {members} schriftelijke vragen gesteld aan {offices} over {subject}. Vanwege de nodige afstemming betreffende de beantwoording kunnen deze niet binnen de gebruikelijke termijn van drie weken worden beantwoord.")
        }
    };
    let mut sentences = vec![Sentence::new(opening)];
    if rng.percent(85) {
        sentences.push(Sentence::new(format!(
            "De vragen gaan onder meer over {}, over {} en over {}.",
            noun_phrase(rng),
            noun_phrase(rng),
            noun_phrase(rng)
        )));
    }
    if rng.percent(50) {
        sentences.push(Sentence::new(format!(
            "Bij de beantwoording zijn naast mijn ministerie ook {} en {} betrokken.",
            rng.pick(ORGANISATIONS),
            rng.pick(ORGANISATIONS)
        )));
    }
    if rng.percent(60) {
        sentences.push(Sentence::new(format!(
            "Voor de beantwoording is aanvullende informatie nodig van {}, die naar verwachting op korte termijn beschikbaar komt.",
            rng.pick(ORGANISATIONS)
        )));
    }
    let closing = if rng.percent(50) {
        "Ik zal uw Kamer zo spoedig mogelijk de antwoorden op de gestelde vragen doen toekomen."
    } else {
        "Ik streef ernaar de beantwoording zo spoedig mogelijk aan uw Kamer te sturen."
    };
    sentences.push(Sentence::new(closing.to_owned()));
    Block {
        paragraphs: vec![sentences],
    }
}

/// `Antwoord van Minister X (P), mede namens de Minister van Y (ontvangen D)`, without the
/// closing full stop.
fn reply_line(kind: Kind, reply: &Reply, lower: bool) -> String {
    let opening = if kind == Kind::Answer {
        "Antwoord"
    } else {
        "Mededeling"
    };
    let holders: Vec<String> = reply
        .holders
        .iter()
        .map(|h| format!("{} {} ({})", h.title.word(), h.name, h.portfolio))
        .collect();
    let on_behalf = reply
        .on_behalf
        .as_ref()
        .map(|offices| format!(", mede namens {offices}"))
        .unwrap_or_default();
    let line = format!(
        "{opening} van {}{on_behalf} (ontvangen {})",
        holders.join(" en van "),
        dutch_date(reply.received)
    );
    if lower {
        // `Antwoord van minister X`: only the titles, never the opening word.
        let (first, rest) = line.split_at(opening.len());
        format!("{first}{}", lower_titles(rest))
    } else {
        line
    }
}

fn see_also(reply: &Reply, dash: char) -> Option<String> {
    reply.see_also.map(|(year, number)| {
        format!(
            "Zie ook Aanhangsel Handelingen, vergaderjaar {}, nr. {number}",
            year_span(year, dash)
        )
    })
}

/// The questions' header: `Vragen van … aan … over … (ingezonden …).`
fn header(set: &Set, layout: Layout) -> String {
    let date = dutch_date(set.submitted);
    match layout {
        Layout::Markdown => format!(
            "Vragen van {} aan {} over *{}* (ingezonden {date}).",
            set.members(true),
            set.offices,
            set.subject
        ),
        Layout::Pdf => format!(
            "Vragen van {} aan {} over {} (ingezonden {date}).",
            set.members(false),
            set.offices,
            set.subject
        ),
        Layout::Docx => format!(
            "Vragen van {} aan {} over {}",
            set.members(false),
            lower_titles(&set.offices),
            set.subject
        ),
    }
}

/// A footnote's text without its number.
fn note_text(note: &Note, layout: Layout) -> String {
    let date = dutch_date(note.date);
    let (open, close) = if layout == Layout::Docx {
        ('\'', '\'')
    } else {
        ('«', '»')
    };
    match (&note.kamerstuk, &note.url) {
        (Some(kamerstuk), Some(url)) => format!("{kamerstuk} ({url})"),
        (Some(kamerstuk), None) => kamerstuk.clone(),
        (None, url) => format!(
            "{}, {date}, {open}{}{close} ({})",
            note.source,
            note.title,
            url.as_deref().unwrap_or_default()
        ),
    }
}

/// `2 en 3` for an answer to two questions.
fn numbers_text(numbers: &[usize]) -> String {
    let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
    join_list(&numbers)
}

fn render(doc: &Doc, layout: Layout, rng: &mut Rng) -> String {
    match layout {
        Layout::Markdown => markdown(doc, rng),
        Layout::Pdf => pdf(doc, rng),
        Layout::Docx => docx(doc, rng),
    }
}

/// A paragraph with each footnote marker printed by `marker`.
fn paragraph_text(paragraph: &Paragraph, marker: &dyn Fn(usize) -> String) -> String {
    let sentences: Vec<String> = paragraph
        .iter()
        .map(|s| match s.note {
            Some(number) => format!("{}{}", s.text, marker(number)),
            None => s.text.clone(),
        })
        .collect();
    sentences.join(" ")
}

// ------------------------------------------------------------------------------ Markdown

/// Like `seeds/2019Z15244.md`: a `##` heading with the Zaak number, `### Vraag n` headings
/// (from some question on, plain `Vraag n` lines), `<sup>n</sup>` markers, footnote bodies
/// after the part that cites them or at the end after `---`.
fn markdown(doc: &Doc, rng: &mut Rng) -> String {
    let mut out = format!(
        "\n\n## {}\n\n{}\n\n",
        doc.set.zaak,
        header(doc.set, Layout::Markdown)
    );
    if let Some(reply) = doc.reply {
        out += &format!("{}.\n\n", reply_line(doc.kind, reply, false));
        if let Some(see_also) = see_also(reply, '–') {
            out += &format!("{see_also}.\n\n");
        }
    }
    let plain_from = if rng.percent(50) {
        rng.between(2, 10)
    } else {
        usize::MAX
    };
    let mut at_end = Vec::new();
    for item in &doc.items {
        let heading = |text: String, number: usize| {
            if number >= plain_from {
                format!("{text}\n\n")
            } else {
                format!("### {text}\n\n")
            }
        };
        match item {
            Item::Question(number, block) => {
                out += &heading(format!("Vraag {number}"), *number);
                out += &markdown_block(block);
            }
            Item::Answer(numbers, block) => {
                out += &heading(format!("Antwoord {}", numbers_text(numbers)), numbers[0]);
                out += &markdown_block(block);
            }
            Item::Notice(block) => {
                out += "### Mededeling\n\n";
                out += &markdown_block(block);
            }
            Item::Explanation(text) => out += &format!("**Toelichting:**\n\n{text}\n\n"),
        }
        let cites = item.cites();
        if rng.percent(50) {
            for number in cites {
                out += &markdown_note(number, doc.notes[number - 1], rng);
            }
        } else {
            at_end.extend(cites);
        }
    }
    if !at_end.is_empty() {
        out += "---\n\n";
        for number in at_end {
            out += &markdown_note(number, doc.notes[number - 1], rng);
        }
    }
    out
}

fn markdown_block(block: &Block) -> String {
    let marker = |n: usize| format!("<sup>{n}</sup>");
    block
        .paragraphs
        .iter()
        .map(|p| format!("{}\n\n", paragraph_text(p, &marker)))
        .collect()
}

/// `<sup>1</sup> <https://…>`, or the source and title before the link.
fn markdown_note(number: usize, note: &Note, rng: &mut Rng) -> String {
    let text = match (&note.url, &note.kamerstuk) {
        (Some(url), None) if rng.percent(60) => format!("<{url}>"),
        (Some(url), None) => format!(
            "{}, {}, «{}», <{url}>",
            note.source,
            dutch_date(note.date),
            note.title
        ),
        _ => note_text(note, Layout::Markdown),
    };
    format!("<sup>{number}</sup> {text}\n\n")
}

// ---------------------------------------------------------------------------------- DOCX

/// How a DOCX text prints its questions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    /// `Vraag 1` on a line of its own (answers only).
    Headings,
    /// `1. Kunt u …?`
    Numbered,
    /// `1.` on a line of its own, the question in the next paragraph.
    NumberAlone,
    /// No numbers at all: every paragraph with a question mark is a question.
    Unnumbered,
}

/// Like `seeds/corpus/tkweb-*.docx.txt`: Zaak number and date (or `AH n`, Zaak number and the
/// answer line) before the header, questions numbered `1.` or not at all, footnotes as `1)`.
fn docx(doc: &Doc, rng: &mut Rng) -> String {
    let mut out = String::new();
    let numbering = match doc.reply {
        None => {
            out += &format!(
                "{}\n\n(ingezonden {})\n\n{} \n\n",
                doc.set.zaak,
                dutch_date(doc.set.submitted),
                header(doc.set, Layout::Docx)
            );
            *rng.pick(&[
                Numbering::Numbered,
                Numbering::NumberAlone,
                Numbering::Unnumbered,
            ])
        }
        Some(reply) => {
            out += &format!(
                "AH {}\n{}\n{}\n\n",
                reply.aanhangsel.1,
                doc.set.zaak,
                reply_line(doc.kind, reply, true)
            );
            if let Some(see_also) = see_also(reply, '-') {
                out += &format!("{see_also}\n\n");
            }
            *rng.pick(&[Numbering::Headings, Numbering::Numbered])
        }
    };
    for item in &doc.items {
        out += &docx_item(item, numbering, rng);
    }
    if !doc.notes.is_empty() {
        out += " \n\n";
    }
    for (index, note) in doc.notes.iter().enumerate() {
        out += &format!("{}) {}.\n\n", index + 1, note_text(note, Layout::Docx));
    }
    out
}

fn docx_item(item: &Item, numbering: Numbering, rng: &mut Rng) -> String {
    let marker = |n: usize| format!(" {n})");
    let paragraphs = |block: &Block| -> String {
        let texts: Vec<String> = block
            .paragraphs
            .iter()
            .map(|p| paragraph_text(p, &marker))
            .collect();
        texts.join("\n\n")
    };
    match item {
        Item::Question(number, block) => match numbering {
            Numbering::Headings => format!("Vraag {number}\n{}\n\n", paragraphs(block)),
            Numbering::Numbered => format!("{number}. {}\n\n", paragraphs(block)),
            Numbering::NumberAlone => format!(
                "{number}.\n\n{}\n\n \n\n",
                paragraph_text(&block.flattened(), &marker)
            ),
            Numbering::Unnumbered => format!("{}\n\n", paragraph_text(&block.flattened(), &marker)),
        },
        Item::Answer(numbers, block) => {
            let heading = match (numbering, rng.below(2)) {
                (Numbering::Headings, 0) => format!("Antwoord {}", numbers_text(numbers)),
                (Numbering::Headings, _) => format!("Antwoord op vraag {}", numbers_text(numbers)),
                _ => format!("Antwoord vraag {}:", numbers_text(numbers)),
            };
            format!("{heading}\n{}\n\n", paragraphs(block))
        }
        Item::Notice(block) => format!("{}\n\n", paragraphs(block)),
        Item::Explanation(text) => format!("Toelichting:\n{text}.\n\n"),
    }
}

// ----------------------------------------------------------------------------------- PDF

/// The shape of one PDF text: its line width, page length and the artefacts of extraction.
struct PdfStyle {
    width: usize,
    page_length: usize,
    /// `vragen?1` rather than `vragen? 1`.
    glued_markers: bool,
    /// `…Staten-Generaal2`, footer lines run together, `1Kinderombudsman`: as in the
    /// `*.pdf.txt` files.
    glued: bool,
    /// `Kostic ´`: accents split from their letter in names.
    split_accents: bool,
}

/// A word or a footnote marker, and the footnote it cites.
struct Token {
    text: String,
    note: Option<usize>,
}

impl Token {
    fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
        text.split(' ').filter(|w| !w.is_empty()).map(|w| Token {
            text: w.to_owned(),
            note: None,
        })
    }
}

/// A printed line and the footnotes it cites.
#[derive(Default)]
struct PdfLine {
    text: String,
    notes: Vec<usize>,
    /// Ends in a word broken with a hyphen: the page must not end here.
    hyphenated: bool,
}

impl PdfLine {
    fn plain(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }

    fn width(&self) -> usize {
        self.text.chars().count()
    }

    fn push(&mut self, token: &Token) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(&token.text);
        self.notes.extend(token.note);
    }
}

/// Like `seeds/corpus/ah-tk-*.txt` (answers and notices) and `kv-tk-*.pdf.txt` (questions).
fn pdf(doc: &Doc, rng: &mut Rng) -> String {
    let style = PdfStyle {
        width: rng.between(72, 80),
        page_length: rng.between(42, 48),
        glued_markers: rng.percent(50),
        glued: rng.percent(35),
        split_accents: rng.percent(40),
    };
    let mut lines = Vec::new();
    let header = header(doc.set, Layout::Pdf);
    lines.extend(wrap_text(&accents(&header, &style), &style, rng));
    if let Some(reply) = doc.reply {
        let mut text = format!("{}.", reply_line(doc.kind, reply, false));
        if let Some(see_also) = see_also(reply, '–') {
            text += &format!(" {see_also}.");
        }
        lines.extend(wrap_text(&accents(&text, &style), &style, rng));
    }
    for item in &doc.items {
        lines.extend(pdf_item(item, &style, rng));
    }
    let bodies: Vec<Vec<String>> = doc
        .notes
        .iter()
        .enumerate()
        .map(|(index, note)| pdf_note(index + 1, note, &style, rng))
        .collect();
    let pages = paginate(masthead(doc, &style), lines, &bodies, style.page_length);
    with_footers(doc, pages, &style)
}

fn accents(text: &str, style: &PdfStyle) -> String {
    if style.split_accents {
        text.replace('ć', "c ´").replace('ş', "s¸")
    } else {
        text.to_owned()
    }
}

fn pdf_item(item: &Item, style: &PdfStyle, rng: &mut Rng) -> Vec<PdfLine> {
    let heading = match item {
        Item::Question(number, _) => format!("Vraag {number}"),
        Item::Answer(numbers, _) => format!("Antwoord {}", numbers_text(numbers)),
        Item::Notice(_) => "Mededeling".to_owned(),
        Item::Explanation(_) => "Toelichting:".to_owned(),
    };
    let mut lines = vec![PdfLine::plain(heading)];
    match item {
        Item::Explanation(text) => lines.extend(wrap_text(&format!("{text}."), style, rng)),
        _ => {
            for paragraph in &item.block().expect("a part with text").paragraphs {
                let tokens = paragraph_tokens(paragraph, style.glued_markers);
                lines.extend(wrap(&tokens, style.width, true, rng));
            }
        }
    }
    lines
}

/// The words of a paragraph, each marker glued to its sentence's last word or a word of its own.
fn paragraph_tokens(paragraph: &Paragraph, glued: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    for sentence in paragraph {
        tokens.extend(Token::words(&sentence.text));
        if let Some(number) = sentence.note {
            if glued {
                let last = tokens.last_mut().expect("a sentence has words");
                last.text.push_str(&number.to_string());
                last.note = Some(number);
            } else {
                tokens.push(Token {
                    text: number.to_string(),
                    note: Some(number),
                });
            }
        }
    }
    tokens
}

fn wrap_text(text: &str, style: &PdfStyle, rng: &mut Rng) -> Vec<PdfLine> {
    let tokens: Vec<Token> = Token::words(text).collect();
    wrap(&tokens, style.width, false, rng)
}

/// Breaks tokens into lines of about `width` characters. A line never starts with a number,
/// a word that opens a part (`Vraag`, `Antwoord`, …) or a split accent: such a token stays on
/// the line before. Long words are hyphenated now and then (`hyphenate`), URLs broken after
/// a slash.
fn wrap(tokens: &[Token], width: usize, hyphenate: bool, rng: &mut Rng) -> Vec<PdfLine> {
    let mut lines = Vec::new();
    let mut line = PdfLine::default();
    for (index, token) in tokens.iter().enumerate() {
        let fits = line.width() + 1 + token.text.chars().count() <= width;
        if line.text.is_empty() || fits || !starts_a_line_safely(&token.text) {
            line.push(token);
            continue;
        }
        let next = tokens.get(index + 1).map(|t| t.text.as_str());
        if let Some((head, tail)) = break_word(&line, &token.text, next, width, hyphenate, rng) {
            line.hyphenated = head.ends_with('-');
            line.push(&Token {
                text: head,
                note: None,
            });
            lines.push(std::mem::take(&mut line));
            line.push(&Token {
                text: tail,
                note: token.note,
            });
            continue;
        }
        lines.push(std::mem::take(&mut line));
        line.push(token);
    }
    if !line.text.is_empty() {
        lines.push(line);
    }
    lines
}

fn starts_a_line_safely(word: &str) -> bool {
    let opens_a_part = matches!(
        word.trim_end_matches([':', '.']),
        "Vraag" | "Vragen" | "Antwoord" | "Antwoorden" | "Mededeling" | "Toelichting"
    );
    !opens_a_part && !word.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '´' | '¸'))
}

/// Where a word that does not fit may break: a long lower-case word with a hyphen (when the
/// word after it may start a line, for the parser joins the first word of the next line), a
/// URL after a slash before a lower-case letter.
fn break_word(
    line: &PdfLine,
    word: &str,
    next: Option<&str>,
    width: usize,
    hyphenate: bool,
    rng: &mut Rng,
) -> Option<(String, String)> {
    let room = width.checked_sub(line.width() + 1)?;
    let chars: Vec<char> = word.chars().collect();
    if word.contains("://") {
        let at = (1..chars.len().min(room + 1))
            .rev()
            .find(|&i| chars[i - 1] == '/' && chars[i].is_ascii_lowercase())?;
        return Some((chars[..at].iter().collect(), chars[at..].iter().collect()));
    }
    let breakable = hyphenate
        && chars.len() >= 10
        && chars.iter().all(|c| c.is_lowercase())
        && next.is_some_and(starts_a_line_safely)
        && rng.percent(50);
    if !breakable {
        return None;
    }
    let last = room.checked_sub(1)?.min(chars.len() - 4);
    let at = (4..=last).rev().find(|&at| syllable_starts(&chars, at))?;
    let head: String = chars[..at].iter().collect();
    Some((format!("{head}-"), chars[at..].iter().collect()))
}

/// Whether a word may be hyphenated before `chars[at]`: a consonant followed by a vowel starts
/// a syllable (`vredesonderhande-lingen`), but not inside `ch` or `ij`.
fn syllable_starts(chars: &[char], at: usize) -> bool {
    let vowel = |c: char| "aeiouyëéèïöü".contains(c);
    let consonant = !vowel(chars[at]) && chars[at] != 'j';
    let inside_ch = chars[at - 1] == 'c' && chars[at] == 'h';
    consonant && vowel(chars[at + 1]) && !inside_ch
}

/// `1 Relief Web, 6 mei 2024, «…» (https://…)`, wrapped; `1Relief Web` in glued text.
fn pdf_note(number: usize, note: &Note, style: &PdfStyle, rng: &mut Rng) -> Vec<String> {
    let separator = if style.glued { "" } else { " " };
    let text = format!("{number}{separator}{}", note_text(note, Layout::Pdf));
    wrap_text(&text, style, rng)
        .into_iter()
        .map(|line| line.text)
        .collect()
}

fn masthead(doc: &Doc, style: &PdfStyle) -> Vec<String> {
    let first = if style.glued {
        vec!["Tweede Kamer der Staten-Generaal2".to_owned()]
    } else {
        vec![
            "Tweede Kamer der Staten-Generaal".to_owned(),
            "2".to_owned(),
        ]
    };
    let rest = match doc.reply {
        None => vec![
            format!(
                "Vergaderjaar {} Vragen gesteld door de leden der Kamer",
                year_span(parliamentary_year(doc.set.submitted), '–')
            ),
            " ".to_owned(),
            doc.set.zaak.clone(),
        ],
        Some(reply) => vec![
            format!(
                "Vergaderjaar {} Aanhangsel van de Handelingen",
                year_span(reply.aanhangsel.0, '–')
            ),
            "Vragen gesteld door de leden der Kamer, met de daarop door de".to_owned(),
            "regering gegeven antwoorden".to_owned(),
            reply.aanhangsel.1.to_string(),
        ],
    };
    first.into_iter().chain(rest).collect()
}

/// Fills pages of about `length` lines; the footnotes cited on a page are printed at its foot,
/// and a page never ends on a hyphenated word.
fn paginate(
    masthead: Vec<String>,
    lines: Vec<PdfLine>,
    bodies: &[Vec<String>],
    length: usize,
) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut page = masthead;
    let mut feet: Vec<usize> = Vec::new();
    let mut feet_length = 0;
    for line in lines {
        for &number in &line.notes {
            feet.push(number);
            feet_length += bodies[number - 1].len();
        }
        page.push(line.text);
        if !line.hyphenated && page.len() + feet_length >= length {
            pages.push(finish_page(page, &mut feet, bodies));
            page = Vec::new();
            feet_length = 0;
        }
    }
    if !page.is_empty() || !feet.is_empty() {
        pages.push(finish_page(page, &mut feet, bodies));
    }
    pages
}

fn finish_page(
    mut page: Vec<String>,
    feet: &mut Vec<usize>,
    bodies: &[Vec<String>],
) -> Vec<String> {
    for number in feet.drain(..) {
        page.extend(bodies[number - 1].iter().cloned());
    }
    page
}

/// The pages with their footers: the document's id, the ISSN and the place and year under the
/// first page, `Tweede Kamer, vergaderjaar …, Aanhangsel n` under the others.
fn with_footers(doc: &Doc, pages: Vec<Vec<String>>, style: &PdfStyle) -> String {
    let total = pages.len();
    let (id, series, year, printed) = match doc.reply {
        Some(reply) => (
            format!(
                "ah-tk-{}{}-{}",
                reply.aanhangsel.0,
                reply.aanhangsel.0 + 1,
                reply.aanhangsel.1
            ),
            "Aanhangsel",
            reply.aanhangsel.0,
            reply.received.year(),
        ),
        None => (
            format!("kv-tk-{}", doc.set.zaak),
            "Vragen",
            parliamentary_year(doc.set.submitted),
            doc.set.submitted.year(),
        ),
    };
    let running = |page: usize| {
        let number = if total == 1 {
            String::new()
        } else {
            format!(" {page}")
        };
        format!(
            "Tweede Kamer, vergaderjaar {}, {series}{number}",
            year_span(year, '–')
        )
    };
    let mut out: Vec<String> = Vec::new();
    for (index, page) in pages.into_iter().enumerate() {
        out.extend(page);
        if index > 0 {
            out.push(running(index + 1));
            continue;
        }
        out.extend([" ".to_owned(), " ".to_owned(), id.clone()]);
        let place = format!("’s-Gravenhage {printed}");
        let issn = (series == "Aanhangsel").then(|| "ISSN 0921 - 7398".to_owned());
        if style.glued {
            out.push(format!("{}{place}{}", issn.unwrap_or_default(), running(1)));
        } else {
            out.extend(issn);
            out.push(format!("{place} {}", running(1)));
        }
    }
    out.join("\n")
}

// ---------------------------------------------------------------------------- the files

/// Writes documents into folders of 1,000, and the manifest at the end.
struct CorpusWriter {
    out: PathBuf,
    digits: usize,
    written: usize,
    manifest: String,
}

impl CorpusWriter {
    fn new(out: PathBuf, count: usize) -> Self {
        let digits = count.saturating_sub(1).to_string().len().max(6);
        Self {
            out,
            digits,
            written: 0,
            manifest: "file\tkind\tlayout\tzaak\tquestions\tanswers\tfootnotes\n".to_owned(),
        }
    }

    fn write(&mut self, doc: &Doc, layout: Layout, text: &str) -> anyhow::Result<()> {
        let folder = format!("{:04}", self.written / 1000);
        let name = format!(
            "{:0width$}-{}",
            self.written,
            file_name(doc, layout),
            width = self.digits
        );
        let dir = self.out.join(&folder);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(&name);
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        self.manifest += &format!(
            "{folder}/{name}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            doc.kind.name(),
            layout.name(),
            doc.set.zaak,
            doc.question_count(),
            doc.answer_count(),
            doc.notes.len()
        );
        self.written += 1;
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        fs::create_dir_all(&self.out)
            .with_context(|| format!("creating {}", self.out.display()))?;
        let path = self.out.join("manifest.tsv");
        fs::write(&path, &self.manifest).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {} documents to {}", self.written, self.out.display());
        Ok(())
    }
}

/// `kv-tk-2024Z18559.pdf.txt`, `ah-tk-20232024-2129.txt`, `tkweb-AH605-2024Z18792.docx.txt`,
/// `2019Z15244.md`: named as the corpus names them.
fn file_name(doc: &Doc, layout: Layout) -> String {
    let zaak = &doc.set.zaak;
    match (layout, doc.reply) {
        (Layout::Markdown, None) => format!("{zaak}.md"),
        (Layout::Markdown, Some(_)) => format!("{zaak}-{}.md", doc.kind.name()),
        (Layout::Pdf, None) => format!("kv-tk-{zaak}.pdf.txt"),
        (Layout::Pdf, Some(reply)) => {
            let (year, number) = reply.aanhangsel;
            format!("ah-tk-{year}{}-{number}.txt", year + 1)
        }
        (Layout::Docx, None) => format!("tkweb-{zaak}.docx.txt"),
        (Layout::Docx, Some(reply)) => format!("tkweb-AH{}-{zaak}.docx.txt", reply.aanhangsel.1),
    }
}
