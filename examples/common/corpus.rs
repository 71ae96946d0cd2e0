//! A deterministic, synthetic English news corpus for benchmarks (examples/gen_corpus.rs,
//! examples/bench.rs) and tests (tests/gen_corpus.rs).
//!
//! A [`World`] is built once from a seed: tens of thousands of people (given names from
//! schema/given_names.txt, invented surnames, some East Asian family-name-first names from
//! schema/east_asian_surnames.txt), thousands of organizations (invented words and the head words
//! of schema/org_heads.tsv), the countries of schema/countries.tsv and invented towns, each drawn
//! with a Zipf-like frequency. An article is a pure function of `(seed, index, world)`: the same
//! pair always gives the same bytes, whatever else is generated and in whatever order.
//!
//! Every sentence shape and word of filler here was written for this generator.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const GIVEN_NAMES: &str = include_str!("../../schema/given_names.txt");
const EAST_ASIAN: &str = include_str!("../../schema/east_asian_surnames.txt");
const ORG_HEADS: &str = include_str!("../../schema/org_heads.tsv");
const COUNTRIES: &str = include_str!("../../schema/countries.tsv");
const COMMON_WORDS: &str = include_str!("../../schema/common_words.txt");
const PLACES: &str = include_str!("../../schema/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../schema/organizations.tsv");

/// How many people, organizations and invented towns a world holds.
pub const PEOPLE: usize = 30_000;
pub const ORGS: usize = 4_000;
pub const TOWNS: usize = 3_000;
/// Rate of one-letter typos in a surname mentioned after its introduction.
pub const TYPO_RATE: f64 = 1.0 / 200.0;

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: small, fast, and good enough for text.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x6A09_E667_F3BC_C909);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    /// An index into `weights`, with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// The seed of article `index` of a corpus: independent of every other article.
fn article_seed(seed: u64, index: usize) -> u64 {
    let mut r = Rng::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64() ^ 0xA076_1D64_78BD_642F
}

/// Zipf–Mandelbrot ranks: rank r (0-based) has weight 1 / (r + 1 + q)^s.
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64, q: f64) -> Zipf {
        let mut acc = 0.0;
        let cdf = (0..n)
            .map(|r| {
                acc += 1.0 / (r as f64 + 1.0 + q).powf(s);
                acc
            })
            .collect();
        Zipf { cdf }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cdf.last().expect("non-empty");
        let u = rng.unit() * total;
        self.cdf
            .partition_point(|&c| c <= u)
            .min(self.cdf.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------------
// The world

pub struct Country {
    pub name: String,
    /// "Chilean" (empty when the schema lists none).
    pub adjective: String,
    /// The capital, when it differs from the country's name.
    pub capital: Option<String>,
}

impl Country {
    /// The name as a noun phrase: "Chile", "the Philippines".
    pub fn np(&self) -> String {
        if takes_the(&self.name) {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }

    fn adjective_or(&self, fallback: &str) -> String {
        if self.adjective.is_empty() {
            fallback.to_string()
        } else {
            self.adjective.clone()
        }
    }
}

fn takes_the(name: &str) -> bool {
    let first = name.split(' ').next().unwrap_or("");
    matches!(
        first,
        "United" | "Democratic" | "Central" | "Czech" | "Dominican" | "Republic"
    ) || name.ends_with("Islands")
        || matches!(
            name,
            "Philippines"
                | "Netherlands"
                | "Bahamas"
                | "Gambia"
                | "Maldives"
                | "Comoros"
                | "Vatican"
        )
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OrgKind {
    Government,
    Party,
    Media,
    Agency,
    Company,
    Education,
    Ngo,
    International,
    Court,
    Federation,
}

pub struct Org {
    /// The name without an article: "Ironford Herald", "Corvela Maritime Safety Agency".
    pub name: String,
    /// Written "the Ironford Herald".
    pub the: bool,
    pub acronym: Option<String>,
    /// A short form used after the first mention: "Delvaro" for "Delvaro Bank".
    pub short: Option<String>,
    pub kind: OrgKind,
    pub country: usize,
}

impl Org {
    pub fn np(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }
}

pub struct Town {
    pub name: String,
    pub country: usize,
}

#[derive(Clone, PartialEq, Eq, Debug)]
enum Affil {
    Country,
    Town,
    Org(Vec<OrgKind>),
}

/// A role a person holds: how it is written before a name, after it, and as a noun.
struct Role {
    /// Capitalised title before a name ("Foreign Minister"), empty when none is used.
    cap: &'static str,
    /// Lower-case role ("foreign minister").
    lower: &'static str,
    /// Short title with a surname ("Minister Ketterl"), empty when none.
    short: &'static str,
    /// The noun a later mention uses ("the minister").
    noun: &'static str,
    /// One holder per affiliation ("the mayor") or many ("an economist").
    unique: bool,
    affil: Affil,
    /// Relative frequency in the world.
    weight: u32,
    /// The preposition before the affiliation ("an economist at X").
    prep: &'static str,
}

use OrgKind as K;

/// The most frequent people hold one of the first roles of phrases.txt (heads of government
/// and ministers).
const HUB_ROLES: usize = 12;

pub struct Person {
    pub given: String,
    pub family: String,
    pub east_asian: bool,
    pub female: bool,
    role: usize,
    pub country: usize,
    pub org: Option<usize>,
    pub town: Option<usize>,
}

impl Person {
    pub fn full(&self) -> String {
        if self.east_asian {
            format!("{} {}", self.family, self.given)
        } else {
            format!("{} {}", self.given, self.family)
        }
    }
}

pub struct World {
    pub seed: u64,
    pub people: Vec<Person>,
    pub orgs: Vec<Org>,
    pub towns: Vec<Town>,
    pub countries: Vec<Country>,
    people_zipf: Zipf,
    org_zipf: Zipf,
    country_zipf: Zipf,
    town_zipf: Zipf,
    /// Organizations that are media outlets, most frequent first.
    media: Vec<usize>,
    media_zipf: Zipf,
    /// Countries in rank order (index into `countries`).
    country_rank: Vec<usize>,
    /// Towns of each country.
    towns_of: Vec<Vec<usize>>,
    /// Organizations of each kind.
    orgs_of: HashMap<&'static str, Vec<usize>>,
    /// Groups of (non-East-Asian) people sharing a surname.
    families: Vec<Vec<usize>>,
    /// People with a media role (bylines).
    journalists: Vec<usize>,
    phrases: Phrases,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn kind_key(k: OrgKind) -> &'static str {
    match k {
        K::Government => "government",
        K::Party => "party",
        K::Media => "media",
        K::Agency => "agency",
        K::Company => "company",
        K::Education => "education",
        K::Ngo => "ngo",
        K::International => "international",
        K::Court => "court",
        K::Federation => "other",
    }
}

/// Head words of schema/org_heads.tsv by kind: single capitalised words that end a name.
fn org_heads() -> HashMap<String, Vec<String>> {
    // Heads too specific to one country or language, or too odd for invented names.
    const SKIP: &[&str] = &[
        "Politburo",
        "Presidium",
        "Government",
        "Cabinet",
        "Treasury",
        "Secretariat",
        "Ilbo",
        "Shimbun",
        "Sinmun",
        "TV",
        "Taskforce",
        "Police",
        "Services",
        "Cartel",
        "Syndicate",
        "Co-op",
        "Seminary",
        "Conservatory",
        "Embassy",
        "Consulate",
        "Delegation",
        "Mission",
        "Charity",
        "International",
        "Fund",
        "Inspectorate",
        "Express",
        "Sun",
        "Standard",
    ];
    let mut by_kind: HashMap<String, Vec<String>> = HashMap::new();
    for line in data_lines(ORG_HEADS).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || !(cols[2] == "last" || cols[2] == "any") {
            continue;
        }
        let w = cols[0];
        let plain = w.chars().all(|c| c.is_ascii_alphabetic())
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().skip(1).any(|c| c.is_ascii_lowercase());
        if plain && !SKIP.contains(&w) {
            by_kind
                .entry(cols[1].to_string())
                .or_default()
                .push(w.to_string());
        }
    }
    by_kind
}

/// Words an invented name must not be: common words, given names, known places and names.
fn reserved_words() -> HashSet<String> {
    let mut set: HashSet<String> = HashSet::new();
    for l in data_lines(COMMON_WORDS) {
        set.insert(l.trim().to_lowercase());
    }
    for l in data_lines(GIVEN_NAMES) {
        set.insert(l.trim().to_lowercase());
    }
    for l in data_lines(EAST_ASIAN) {
        set.insert(l.trim().to_lowercase());
    }
    for text in [PLACES, ORGANIZATIONS, COUNTRIES] {
        for l in data_lines(text) {
            for field in l.split('\t') {
                for name in field.split('|') {
                    for word in name.split([' ', '-']) {
                        set.insert(word.to_lowercase());
                    }
                }
            }
        }
    }
    set
}

const ONSETS: &[&str] = &[
    "B", "Br", "C", "Ch", "D", "Dr", "F", "G", "Gr", "H", "J", "K", "Kr", "L", "M", "N", "P", "Pr",
    "R", "S", "St", "T", "Tr", "V", "W", "Z", "Sh", "Th", "Vr", "Bl", "Gl", "Kl", "Y", "Fr", "Sk",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "ai", "ei", "ou", "ar", "er", "or", "el", "an", "en", "ol", "al", "ie",
];
const MIDDLES: &[&str] = &[
    "r", "l", "n", "m", "v", "d", "t", "s", "k", "ss", "nn", "ll", "rr", "st", "nd", "rt", "lk",
    "nt", "tt", "z", "b", "g", "sh", "ch",
];
const SURNAME_ENDS: &[&str] = &[
    "ev", "ov", "ova", "ski", "ska", "ic", "ez", "es", "as", "is", "os", "er", "el", "an", "en",
    "on", "ard", "ert", "ley", "ton", "sen", "son", "berg", "stein", "mann", "ani", "ini", "elli",
    "etti", "ado", "ida", "escu", "ian", "yan", "oglu", "ak", "ek", "uk", "ko", "ro", "ler", "ner",
    "wick", "erl", "ke", "ius", "ou", "idis", "aki", "uti", "sky", "ens", "ier", "oux", "ago",
];
const ORG_WORD_ENDS: &[&str] = &[
    "a", "ia", "ara", "ent", "ar", "is", "ona", "ath", "ex", "ium", "ora", "el", "and", "ine",
    "eon", "ica", "aro", "ella", "ant",
];
const TOWN_PREFIXES: &[&str] = &[
    "Ash", "Bel", "Black", "Bright", "Cal", "Cold", "Elm", "Fair", "Glen", "Gold", "Green", "Hart",
    "High", "Iron", "Kings", "Lark", "Mill", "Oak", "Pine", "Red", "Rock", "Salt", "Silver",
    "Spring", "Stan", "Wester", "Willow", "Wolf", "Amber", "Ald", "Thorn", "Marsh", "Bram", "Hol",
    "Fern", "Raven", "Clay", "Dun", "Kil", "Pen",
];
const TOWN_SUFFIXES: &[&str] = &[
    "ford", "field", "haven", "gate", "water", "bridge", "wood", "mark", "crest", "point", "vale",
    "bury", "port", "mouth", "ham", "wick", "ton", "ley", "by", "moor", "holm", "stead", "brook",
    "cliff", "more", "well", "combe", "shaw",
];

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn plausible(w: &str) -> bool {
    let b = w.as_bytes();
    let vowel = |c: &u8| b"aeiouy".contains(c);
    (4..=11).contains(&b.len())
        && !b
            .windows(3)
            .any(|t| t[0] == t[1] && t[1] == t[2] || t.iter().all(vowel) || !t.iter().any(vowel))
        && !b
            .windows(2)
            .any(|t| t[0] == t[1] && matches!(t[0], b'a' | b'i' | b'u' | b'y' | b'h' | b'w' | b'v'))
}

fn invent(rng: &mut Rng, ends: &[&'static str], reserved: &HashSet<String>) -> String {
    loop {
        let mut w = String::new();
        w.push_str(rng.word(ONSETS));
        w.push_str(rng.word(VOWELS));
        if rng.chance(0.75) {
            w.push_str(rng.word(MIDDLES));
            if rng.chance(0.2) {
                w.push_str(rng.word(VOWELS));
                w.push_str(rng.word(MIDDLES));
            }
        }
        w.push_str(rng.word(ends));
        if plausible(&w.to_lowercase()) && !reserved.contains(&w.to_lowercase()) {
            return w;
        }
    }
}

/// Given names that read as a woman's (a rough rule on endings, for pronouns only).
fn reads_female(given: &str) -> bool {
    const FEMALE_Y: &[&str] = &[
        "mary", "amy", "lucy", "emily", "kimberly", "shirley", "betty", "dorothy", "nancy",
        "cathy", "kathy", "judy", "peggy", "wendy", "tiffany", "beverly", "stacy", "tracy", "lily",
        "molly", "holly", "sally", "kelly", "ivy", "daisy", "ruby", "audrey", "courtney",
        "whitney", "lindsay", "kelsey", "hailey", "shelby", "mandy", "cindy", "jenny", "katy",
        "abby", "emmy",
    ];
    let g = given.to_lowercase();
    if FEMALE_Y.contains(&g.as_str()) {
        return true;
    }
    [
        "a", "ine", "elle", "ette", "een", "yn", "ah", "ie", "ia", "ey", "is",
    ]
    .iter()
    .any(|e| g.ends_with(e))
        && ![
            "luca", "nicola", "joshua", "elijah", "noah", "jonah", "micah", "louis", "chris",
            "dennis", "travis", "francis", "harvey", "corey",
        ]
        .contains(&g.as_str())
}

impl World {
    pub fn build(seed: u64) -> World {
        let mut rng = Rng::new(seed ^ 0x005E_ED0F_0ACE);
        let reserved = reserved_words();

        // countries, in a seeded rank order
        let mut countries = Vec::new();
        for line in data_lines(COUNTRIES).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 6 {
                continue;
            }
            let name = cols[2].to_string();
            let adjective = cols[4].split('|').next().unwrap_or("").to_string();
            let capital = cols[5]
                .split('|')
                .next()
                .filter(|c| !c.is_empty() && *c != name && !c.contains(','))
                .map(str::to_string);
            countries.push(Country {
                name,
                adjective,
                capital,
            });
        }
        let mut country_rank: Vec<usize> = (0..countries.len()).collect();
        shuffle(&mut country_rank, &mut rng);
        let country_zipf = Zipf::new(countries.len(), 1.1, 1.0);

        // towns
        let mut used: HashSet<String> = HashSet::new();
        let mut towns = Vec::new();
        let mut towns_of = vec![Vec::new(); countries.len()];
        while towns.len() < TOWNS {
            let name = match rng.below(10) {
                0..=4 => format!("{}{}", rng.pick(TOWN_PREFIXES), rng.pick(TOWN_SUFFIXES)),
                5..=7 => invent(&mut rng, ORG_WORD_ENDS, &reserved),
                8 => format!("Port {}", invent(&mut rng, ORG_WORD_ENDS, &reserved)),
                _ => format!(
                    "{} {}",
                    ["North", "East", "West", "South", "Upper", "Lower"][rng.below(6)],
                    invent(&mut rng, ORG_WORD_ENDS, &reserved)
                ),
            };
            let key = name.to_lowercase();
            if reserved.contains(&key) || !used.insert(key) {
                continue;
            }
            let country = country_rank[country_zipf.sample(&mut rng)];
            towns_of[country].push(towns.len());
            towns.push(Town { name, country });
        }
        let town_zipf = Zipf::new(TOWNS, 1.0, 2.0);

        // organizations
        let heads = org_heads();
        let head = |rng: &mut Rng, kind: &str, fallback: &'static str| -> String {
            heads
                .get(kind)
                .filter(|v| !v.is_empty())
                .map(|v| rng.pick(v).clone())
                .unwrap_or_else(|| fallback.to_string())
        };
        // newspapers are named after their town, broadcasters after an invented word
        let (papers, stations): (Vec<String>, Vec<String>) = heads
            .get("media")
            .cloned()
            .unwrap_or_else(|| vec!["Herald".into(), "News".into()])
            .into_iter()
            .partition(|h| PAPER_HEADS.contains(&h.as_str()));
        let kinds: &[(OrgKind, u32)] = &[
            (K::Government, 10),
            (K::Party, 8),
            (K::Media, 12),
            (K::Agency, 12),
            (K::Company, 22),
            (K::Education, 10),
            (K::Ngo, 10),
            (K::International, 5),
            (K::Court, 4),
            (K::Federation, 4),
        ];
        let kind_weights: Vec<u32> = kinds.iter().map(|k| k.1).collect();
        let mut orgs: Vec<Org> = Vec::new();
        let mut acronyms: HashSet<String> = HashSet::new();
        while orgs.len() < ORGS {
            let kind = kinds[rng.weighted(&kind_weights)].0;
            let country = country_rank[country_zipf.sample(&mut rng)];
            let town = towns_of[country]
                .first()
                .map(|_| towns[*rng.pick(&towns_of[country])].name.clone())
                .unwrap_or_else(|| towns[rng.below(towns.len())].name.clone());
            let word = invent(&mut rng, ORG_WORD_ENDS, &reserved);
            let field = rng.pick(FIELDS).to_string();
            let (name, the, short) = match kind {
                K::Government => match rng.below(3) {
                    0 => (
                        format!("{word} {field} {}", head(&mut rng, "government", "Council")),
                        true,
                        None,
                    ),
                    1 => (
                        format!(
                            "{town} {} Council",
                            rng.pick(&["City", "Regional", "District"])
                        ),
                        true,
                        None,
                    ),
                    _ => (
                        format!(
                            "{} of {field} and {}",
                            rng.pick(&["Ministry", "Department"]),
                            other_field(&mut rng, &field)
                        ),
                        true,
                        None,
                    ),
                },
                K::Party => {
                    let adj = rng.pick(PARTY_WORDS);
                    match rng.below(3) {
                        0 => (
                            format!("{adj} {}", head(&mut rng, "party", "Party")),
                            true,
                            None,
                        ),
                        1 => (
                            format!("{word} {adj} {}", head(&mut rng, "party", "Party")),
                            true,
                            None,
                        ),
                        _ => (
                            format!(
                                "{adj} {} {}",
                                rng.pick(PARTY_WORDS),
                                head(&mut rng, "party", "Party")
                            ),
                            true,
                            None,
                        ),
                    }
                }
                K::Media => match rng.below(4) {
                    0 | 1 => {
                        let h = rng.pick(&papers).clone();
                        (format!("{town} {h}"), true, Some(format!("the {h}")))
                    }
                    2 => (
                        format!("{word} {}", rng.pick(&stations)),
                        false,
                        Some(word.clone()),
                    ),
                    _ => (format!("{word} Broadcasting Corporation"), false, None),
                },
                K::Agency => match rng.below(2) {
                    0 => (
                        format!("{word} {field} {}", head(&mut rng, "agency", "Agency")),
                        true,
                        None,
                    ),
                    _ => (
                        format!("National {field} {}", head(&mut rng, "agency", "Agency")),
                        true,
                        None,
                    ),
                },
                K::Company => match rng.below(3) {
                    0 => (
                        format!("{word} {}", head(&mut rng, "company", "Group")),
                        false,
                        Some(word.clone()),
                    ),
                    1 => (
                        format!(
                            "{word} {} {}",
                            rng.pick(SECTORS),
                            rng.pick(&["Group", "Holdings", "Corporation", "Partners"])
                        ),
                        false,
                        Some(word.clone()),
                    ),
                    _ => (
                        format!(
                            "{town} {}",
                            rng.pick(&["Bank", "Savings Bank", "Holdings", "Industries"])
                        ),
                        false,
                        None,
                    ),
                },
                K::Education => match rng.below(3) {
                    0 => (format!("University of {town}"), true, None),
                    1 => (
                        format!("{town} {}", head(&mut rng, "education", "University")),
                        false,
                        None,
                    ),
                    _ => (format!("{word} Institute for {field} Studies"), true, None),
                },
                K::Ngo => match rng.below(3) {
                    0 => (
                        format!("{word} {}", head(&mut rng, "ngo", "Foundation")),
                        true,
                        Some(word.clone()),
                    ),
                    1 => (
                        format!("{field} {}", head(&mut rng, "ngo", "Watch")),
                        false,
                        None,
                    ),
                    _ => (format!("{word} Center for {field} Policy"), true, None),
                },
                K::International => (
                    format!(
                        "{word} {field} {}",
                        head(&mut rng, "international", "Organization")
                    ),
                    true,
                    None,
                ),
                K::Court => (
                    format!(
                        "{town} {} Court",
                        rng.pick(&["District", "High", "Appeals", "Regional"])
                    ),
                    true,
                    None,
                ),
                K::Federation => (
                    format!(
                        "{word} {} {}",
                        rng.pick(SECTORS),
                        head(&mut rng, "other", "Federation")
                    ),
                    true,
                    None,
                ),
            };
            if orgs.iter().any(|o| o.name == name) {
                continue;
            }
            let letters = initials(&name);
            let acronym =
                (letters.len() >= 3 && letters.len() <= 5 && acronyms.insert(letters.clone()))
                    .then_some(letters);
            orgs.push(Org {
                name,
                the,
                acronym,
                short,
                kind,
                country,
            });
        }
        // organizations in a seeded rank order
        shuffle(&mut orgs, &mut rng);
        let org_zipf = Zipf::new(ORGS, 1.0, 2.0);
        let mut orgs_of: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, o) in orgs.iter().enumerate() {
            orgs_of.entry(kind_key(o.kind)).or_default().push(i);
        }
        let media = orgs_of.get("media").cloned().unwrap_or_default();
        let media_zipf = Zipf::new(media.len().max(1), 1.1, 1.0);

        // people
        let given: Vec<&str> = data_lines(GIVEN_NAMES).map(str::trim).collect();
        let mut east: Vec<(&str, &str)> = Vec::new(); // (family name, section)
        let mut section = "Korean";
        for l in EAST_ASIAN.lines() {
            let l = l.trim();
            if let Some(h) = l.strip_prefix("# ") {
                if h.starts_with("Korean")
                    || h.starts_with("Chinese")
                    || h.starts_with("Vietnamese")
                {
                    section = h.split(' ').next().unwrap_or("Korean");
                }
                continue;
            }
            if !l.is_empty() && !l.starts_with('#') {
                east.push((l, section));
            }
        }
        // members of frequent organizations are frequent too
        let member_zipf: HashMap<&str, Zipf> = orgs_of
            .iter()
            .map(|(k, v)| (*k, Zipf::new(v.len(), 0.9, 3.0)))
            .collect();
        let phrases = Phrases::parse(PHRASES);
        let roles = &phrases.roles;
        let role_weights: Vec<u32> = roles.iter().map(|r| r.weight).collect();
        let mut surnames: HashSet<String> = HashSet::new();
        let mut people: Vec<Person> = Vec::with_capacity(PEOPLE);
        let mut full_names: HashSet<String> = HashSet::new();
        while people.len() < PEOPLE {
            let rank = people.len();
            let role = if rank < 400 {
                rng.below(HUB_ROLES)
            } else {
                rng.weighted(&role_weights)
            };
            let (country, org, town) = match &roles[role].affil {
                Affil::Country => (country_rank[country_zipf.sample(&mut rng)], None, None),
                Affil::Town => {
                    let t = town_zipf.sample(&mut rng);
                    (towns[t].country, None, Some(t))
                }
                Affil::Org(kinds) => {
                    let kind = kinds[rng.below(kinds.len())];
                    let list = &orgs_of[kind_key(kind)];
                    let o = list[member_zipf[kind_key(kind)].sample(&mut rng)];
                    (orgs[o].country, Some(o), None)
                }
            };
            let (given_name, family, east_asian, female) = if rng.chance(0.1) && !east.is_empty() {
                let (fam, sect) = *rng.pick(&east);
                let g = east_asian_given(&mut rng, sect);
                (g, fam.to_string(), true, rng.chance(0.45))
            } else {
                let g = rng.pick(&given).to_string();
                let fam = loop {
                    let s = invent(&mut rng, SURNAME_ENDS, &reserved);
                    if surnames.insert(s.clone()) {
                        break s;
                    }
                };
                let f = reads_female(&g);
                (g, fam, false, f)
            };
            let p = Person {
                given: given_name,
                family,
                east_asian,
                female,
                role,
                country,
                org,
                town,
            };
            if full_names.insert(p.full()) {
                people.push(p);
            }
        }
        // some people share a surname with another (relatives, or the same common name)
        for _ in 0..PEOPLE / 50 {
            let a = rng.below(PEOPLE);
            let b = rng.below(PEOPLE);
            if a != b && !people[a].east_asian && !people[b].east_asian {
                let fam = people[a].family.clone();
                let candidate = format!("{} {}", people[b].given, fam);
                if full_names.insert(candidate) {
                    people[b].family = fam;
                }
            }
        }
        let mut by_family: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            if !p.east_asian {
                by_family.entry(p.family.as_str()).or_default().push(i);
            }
        }
        let mut families: Vec<Vec<usize>> =
            by_family.into_values().filter(|v| v.len() >= 2).collect();
        families.sort();
        let journalists = people
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(roles[p.role].lower, "correspondent" | "editor"))
            .map(|(i, _)| i)
            .collect();

        World {
            seed,
            people,
            orgs,
            towns,
            countries,
            people_zipf: Zipf::new(PEOPLE, 1.0, 2.0),
            org_zipf,
            country_zipf,
            town_zipf,
            media,
            media_zipf,
            country_rank,
            towns_of,
            orgs_of,
            families,
            journalists,
            phrases,
        }
    }

    /// The person of Zipf rank 0 is the most frequent.
    pub fn person_by_rank(&self, rank: usize) -> &Person {
        &self.people[rank]
    }

    fn country(&self, rng: &mut Rng) -> usize {
        self.country_rank[self.country_zipf.sample(rng)]
    }

    fn town_in(&self, country: usize, rng: &mut Rng) -> usize {
        let list = &self.towns_of[country];
        if list.is_empty() || rng.chance(0.1) {
            self.town_zipf.sample(rng)
        } else {
            // the first towns of a country are its larger ones
            let z = (rng.unit() * rng.unit() * list.len() as f64) as usize;
            list[z.min(list.len() - 1)]
        }
    }
}

fn shuffle<T>(xs: &mut [T], rng: &mut Rng) {
    for i in (1..xs.len()).rev() {
        let j = rng.below(i + 1);
        xs.swap(i, j);
    }
}

/// Initials of a name, skipping small words ("Corvela Maritime Safety Agency" → "CMSA").
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "on" | "&"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn east_asian_given(rng: &mut Rng, section: &str) -> String {
    const KOREAN: &[&str] = &[
        "Min", "Jun", "Hyun", "Seo", "Ji", "Woo", "Young", "Sung", "Hee", "Jae", "Soo", "Eun",
        "Dong", "Kyung", "Ho", "Chul", "Yeon", "Hye", "Tae", "Sang",
    ];
    const CHINESE: &[&str] = &[
        "Jian", "Wei", "Ming", "Hua", "Xiao", "Guo", "Hong", "Ping", "Qiang", "Zhi", "Hai", "Feng",
        "Yong", "Jun", "Lei", "Tao", "Ying", "Xin", "Bo", "Chen",
    ];
    const VIETNAMESE: &[&str] = &[
        "Van", "Thi", "Duc", "Minh", "Thanh", "Hoang", "Quoc", "Anh", "Tuan", "Lan", "Hung",
        "Binh", "Long", "Thu", "Phuong", "Dung",
    ];
    match section {
        "Chinese" => {
            let a = rng.pick(CHINESE);
            let b = rng.pick(CHINESE);
            format!("{a}{}", b.to_lowercase())
        }
        "Vietnamese" => format!("{} {}", rng.pick(VIETNAMESE), rng.pick(VIETNAMESE)),
        _ => {
            let a = rng.pick(KOREAN);
            let b = rng.pick(KOREAN);
            format!("{a}-{}", b.to_lowercase())
        }
    }
}

const FIELDS: &[&str] = &[
    "Water",
    "Energy",
    "Fisheries",
    "Maritime Safety",
    "Trade",
    "Health",
    "Transport",
    "Agriculture",
    "Housing",
    "Labor",
    "Finance",
    "Environment",
    "Mining",
    "Aviation",
    "Railway",
    "Competition",
    "Statistics",
    "Forestry",
    "Food Safety",
    "Elections",
    "Migration",
    "Customs",
    "Broadcasting",
    "Nuclear Safety",
    "Public Health",
    "Development",
    "Security",
    "Ocean",
];
/// Media head words that name a newspaper ("the Ironford Herald"); the others name broadcasters
/// and agencies ("Corvela News").
const PAPER_HEADS: &[&str] = &[
    "Times",
    "Herald",
    "Post",
    "Gazette",
    "Tribune",
    "Chronicle",
    "Courier",
    "Journal",
    "Observer",
    "Monitor",
    "Dispatch",
    "Examiner",
    "Inquirer",
    "Mirror",
    "Telegraph",
    "Bulletin",
    "Review",
    "Weekly",
    "Daily",
];
/// A field other than `field`.
fn other_field(rng: &mut Rng, field: &str) -> &'static str {
    loop {
        let f = rng.word(FIELDS);
        if f != field {
            return f;
        }
    }
}

const SECTORS: &[&str] = &[
    "Energy", "Steel", "Shipping", "Grain", "Mining", "Telecom", "Textile", "Cement", "Timber",
    "Solar", "Freight", "Dairy", "Fishing", "Chemical",
];
const PARTY_WORDS: &[&str] = &[
    "Democratic",
    "Progressive",
    "Liberal",
    "Conservative",
    "Green",
    "Labor",
    "People's",
    "Social",
    "National",
    "Reform",
    "Civic",
    "Popular",
    "Unity",
    "Renewal",
    "Freedom",
    "Republican",
];

// ---------------------------------------------------------------------------------------------
// Topics, sentence shapes and roles: data in phrases.txt

const PHRASES: &str = include_str!("phrases.txt");

/// The vocabulary of one kind of story.
#[derive(Default)]
struct Topic {
    issues: Vec<&'static str>,
    policies: Vec<&'static str>,
    /// (base form, past form) of what actors do.
    actions: Vec<(&'static str, &'static str)>,
    /// What one accuses another of ("accused X of ...").
    faults: Vec<&'static str>,
    /// What one praises another for.
    merits: Vec<&'static str>,
    /// Short nouns for headlines.
    heads: Vec<&'static str>,
    facts: Vec<&'static str>,
    quotes: Vec<&'static str>,
}

/// Sentence shapes. Slots: {S} the focus person as subject, {S.} at the end of a sentence,
/// {s} as object, {F} the full name, {P}/{p} another person, {O}/{o} an organization, {M} a
/// media outlet, {C}/{c} a country (subject/object), {c2} another country, {K} a capital as
/// government, {D} a demonym, {T} a town, {Q} a quotation, {QQ} a question, {R} reported
/// content, {I} issue, {L} policy, {A}/{Ap} action (base/past), {G} fault, {Gp} merit, {W}
/// weekday, {Mo} month, {Y} past year, {Ys} the year the focus person took up the role, {Yn}
/// future year, {N}/{n} large/small number, {X} percent, {B} sum of money, {he}/{his} the focus
/// person's pronouns, {role} the focus person's role. Headlines have their own slots
/// ({Sur}, {Sur2}, {H} and a few of the above).
#[derive(Default)]
struct Phrases {
    roles: Vec<Role>,
    leads: Vec<&'static str>,
    direct: Vec<&'static str>,
    reported: Vec<&'static str>,
    interactions: Vec<&'static str>,
    /// Once per person: the role and since when.
    background: Vec<&'static str>,
    plans: Vec<&'static str>,
    filler: Vec<&'static str>,
    quotes: Vec<&'static str>,
    questions: Vec<&'static str>,
    reports: Vec<&'static str>,
    headlines: Vec<&'static str>,
    topics: Vec<Topic>,
}

fn org_kind(name: &str) -> OrgKind {
    match name {
        "government" => K::Government,
        "party" => K::Party,
        "media" => K::Media,
        "agency" => K::Agency,
        "company" => K::Company,
        "education" => K::Education,
        "ngo" => K::Ngo,
        "international" => K::International,
        "court" => K::Court,
        "federation" => K::Federation,
        other => panic!("phrases.txt: unknown organization kind {other}"),
    }
}

impl Phrases {
    fn parse(text: &'static str) -> Phrases {
        let mut ph = Phrases::default();
        let mut section = "";
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                if section == "topic" {
                    ph.topics.push(Topic::default());
                }
                continue;
            }
            let list = match section {
                "roles" => {
                    ph.roles.push(Role::parse(line));
                    continue;
                }
                "topic" => {
                    let t = ph.topics.last_mut().expect("a [topic] section");
                    let (field, value) = line
                        .split_once(": ")
                        .expect("topic lines are `field: text`");
                    match field {
                        "issue" => t.issues.push(value),
                        "policy" => t.policies.push(value),
                        "action" => {
                            let (base, past) =
                                value.split_once(" | ").expect("action: base | past");
                            t.actions.push((base, past));
                        }
                        "fault" => t.faults.push(value),
                        "merit" => t.merits.push(value),
                        "head" => t.heads.push(value),
                        "fact" => t.facts.push(value),
                        "quote" => t.quotes.push(value),
                        other => panic!("phrases.txt: unknown topic field {other}"),
                    }
                    continue;
                }
                "leads" => &mut ph.leads,
                "direct" => &mut ph.direct,
                "reported" => &mut ph.reported,
                "interactions" => &mut ph.interactions,
                "background" => &mut ph.background,
                "plans" => &mut ph.plans,
                "filler" => &mut ph.filler,
                "quotes" => &mut ph.quotes,
                "questions" => &mut ph.questions,
                "reports" => &mut ph.reports,
                "headlines" => &mut ph.headlines,
                other => panic!("phrases.txt: unknown section [{other}]"),
            };
            list.push(line);
        }
        ph
    }
}

impl Role {
    /// A line of the [roles] table.
    fn parse(line: &'static str) -> Role {
        let c: Vec<&'static str> = line.split('\t').collect();
        assert_eq!(c.len(), 8, "phrases.txt: a role has 8 columns: {line}");
        let opt = |s: &'static str| if s == "-" { "" } else { s };
        let affil = match c[5] {
            "country" => Affil::Country,
            "town" => Affil::Town,
            o => Affil::Org(
                o.strip_prefix("org:")
                    .expect("country, town or org:kinds")
                    .split(',')
                    .map(org_kind)
                    .collect(),
            ),
        };
        Role {
            cap: opt(c[0]),
            lower: c[1],
            short: opt(c[2]),
            noun: c[3],
            unique: c[4] == "yes",
            affil,
            weight: c[6].parse().expect("a weight"),
            prep: c[7],
        }
    }
}

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------------------------
// Articles

/// One generated article and what went into it (tests read the notes).
pub struct Article {
    /// Relative file name, e.g. `2025/03/a000123.txt`.
    pub name: String,
    pub text: String,
    pub words: usize,
    /// World indexes of the people cast in it.
    pub people: Vec<usize>,
    /// (correct surname, misspelling) of each typo written.
    pub typos: Vec<(String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    Subj,
    Final,
    Obj,
}

struct Member {
    person: usize,
    introduced: bool,
    /// Another cast member has the same surname.
    shares: bool,
    /// No other cast member has the same role noun.
    noun_unique: bool,
    /// A background sentence (role since a year) was written.
    backgrounded: bool,
}

struct Writer<'w> {
    w: &'w World,
    rng: Rng,
    ph: &'w Phrases,
    topic: &'w Topic,
    cast: Vec<Member>,
    /// (world org, introduced)
    orgs: Vec<(usize, bool)>,
    media: Vec<usize>,
    countries: Vec<usize>,
    towns: Vec<usize>,
    focus: usize,
    other: usize,
    last_subject: Option<usize>,
    subject_now: Option<usize>,
    last_country: Option<usize>,
    typos: Vec<(String, String)>,
    /// Templates and quotations already written (not repeated within an article).
    used: HashSet<&'static str>,
}

/// Article `index` of the corpus of `seed`: its file name and text.
pub fn article(seed: u64, index: usize, world: &World) -> (String, String) {
    let a = generate(seed, index, world);
    (a.name, a.text)
}

/// Article `index` with its notes.
pub fn generate(seed: u64, index: usize, world: &World) -> Article {
    let mut rng = Rng::new(article_seed(seed, index));
    let ph = &world.phrases;
    let topic = &ph.topics[rng.below(ph.topics.len())];

    // the cast
    let n = rng.range(3, 7);
    let mut people: Vec<usize> = Vec::new();
    let mut families: HashSet<&str> = HashSet::new();
    let mut tries = 0;
    while people.len() < n && tries < 100 {
        tries += 1;
        let p = world.people_zipf.sample(&mut rng);
        if !people.contains(&p) && families.insert(world.people[p].family.as_str()) {
            people.push(p);
        }
    }
    if rng.chance(0.06) && !world.families.is_empty() {
        let fam = rng.pick(&world.families);
        let a = fam[0];
        let b = fam[1 + rng.below(fam.len() - 1)];
        for (at, p) in [(1, a), (2, b)] {
            if !people.contains(&p) {
                people.insert(at.min(people.len()), p);
            }
        }
    }
    let cast: Vec<Member> = people
        .iter()
        .map(|&p| {
            let fam = &world.people[p].family;
            let noun = ph.roles[world.people[p].role].noun;
            Member {
                person: p,
                introduced: false,
                shares: people
                    .iter()
                    .filter(|&&q| &world.people[q].family == fam)
                    .count()
                    > 1,
                noun_unique: people
                    .iter()
                    .filter(|&&q| ph.roles[world.people[q].role].noun == noun)
                    .count()
                    == 1,
                backgrounded: false,
            }
        })
        .collect();

    // places and organizations
    let mut countries: Vec<usize> = Vec::new();
    for &p in &people {
        let c = world.people[p].country;
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    while countries.len() < 3 {
        let c = world.country(&mut rng);
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    let mut towns = vec![
        world.town_in(countries[0], &mut rng),
        world.town_in(countries[1], &mut rng),
    ];
    for &p in &people {
        if let Some(t) = world.people[p].town {
            towns.push(t);
        }
    }
    let mut orgs: Vec<(usize, bool)> = Vec::new();
    for &p in &people {
        if let Some(o) = world.people[p].org
            && !orgs.iter().any(|x| x.0 == o)
        {
            orgs.push((o, false));
        }
    }
    for _ in 0..rng.range(2, 4) {
        let o = world.org_zipf.sample(&mut rng);
        if !orgs.iter().any(|x| x.0 == o) {
            orgs.push((o, false));
        }
    }
    let mut media = vec![world.media[world.media_zipf.sample(&mut rng)]];
    let m2 = world.media[world.media_zipf.sample(&mut rng)];
    if m2 != media[0] {
        media.push(m2);
    }
    for &m in &media {
        if !orgs.iter().any(|x| x.0 == m) {
            orgs.push((m, false));
        }
    }

    // the date
    let day = 18_993 + rng.below(4 * 365 + 1) as i64; // 2022-01-01 ..= 2025-12-31
    let (y, m, d) = civil(day);
    let markdown = rng.chance(0.25);
    let ext = if markdown { "md" } else { "txt" };
    let name = format!("{y}/{m:02}/a{index:06}.{ext}");

    let mut wr = Writer {
        w: world,
        rng,
        ph,
        topic,
        cast,
        orgs,
        media,
        countries,
        towns,
        focus: 0,
        other: 1,
        last_subject: None,
        subject_now: None,
        last_country: None,
        typos: Vec::new(),
        used: HashSet::new(),
    };

    let headline = wr.headline();
    let mut text = String::new();
    if markdown {
        text.push_str(&format!("---\ndate: {y}-{m:02}-{d:02}\n---\n\n"));
    }
    text.push_str(&headline);
    text.push_str("\n\n");
    if !markdown && wr.rng.chance(0.4) {
        text.push_str(&format!("{} {d}, {y}\n\n", MONTHS[m as usize - 1]));
    }
    let mut words = text.split_whitespace().count();
    // a bell-shaped length between 300 and 820 words, then at most one sentence more
    let spread = (wr.rng.unit() + wr.rng.unit()) / 2.0;
    let target = 300 + (spread * 520.0) as usize;

    // the lead, with a dateline in most articles
    wr.choose_focus(true);
    let tpl = *wr.rng.pick(&ph.leads);
    let lead = wr.sentence(tpl);
    let lead = if wr.rng.chance(0.6) {
        format!("{} — {lead}", wr.dateline())
    } else {
        lead
    };
    words += lead.split_whitespace().count();
    text.push_str(&lead);

    let mut in_paragraph = 1;
    let mut paragraph_len = 1;
    while words < target {
        let s = wr.body_sentence();
        words += s.split_whitespace().count();
        if in_paragraph >= paragraph_len {
            text.push_str("\n\n");
            in_paragraph = 0;
            paragraph_len = wr.rng.range(1, 3);
        } else {
            text.push(' ');
        }
        text.push_str(&s);
        in_paragraph += 1;
    }
    if wr.rng.chance(0.12) && !wr.w.journalists.is_empty() {
        let a = &wr.w.people[*wr.rng.pick(&wr.w.journalists)];
        let b = &wr.w.people[*wr.rng.pick(&wr.w.journalists)];
        let credit = format!("Reporting by {}; editing by {}.", a.full(), b.full());
        if words + credit.split_whitespace().count() <= 900 {
            words += credit.split_whitespace().count();
            text.push_str("\n\n");
            text.push_str(&credit);
        }
    }
    text.push('\n');

    Article {
        name,
        words,
        text,
        people,
        typos: wr.typos,
    }
}

impl Writer<'_> {
    fn choose_focus(&mut self, lead: bool) {
        const WEIGHTS: &[u32] = &[7, 4, 3, 2, 2, 1, 1, 1, 1];
        let n = self.cast.len();
        self.focus = if lead {
            0
        } else if let (Some(last), true) = (self.last_subject, self.rng.chance(0.45)) {
            last
        } else {
            self.rng.weighted(&WEIGHTS[..n])
        };
        self.other = loop {
            let o = self.rng.weighted(&WEIGHTS[..n]);
            if o != self.focus {
                break o;
            }
        };
    }

    fn body_sentence(&mut self) -> String {
        self.choose_focus(false);
        let r = self.rng.below(100);
        let ph = self.ph;
        let list: &[&'static str] = match r {
            0..=23 => &ph.direct,
            24..=43 => &ph.reported,
            44..=57 => &ph.interactions,
            58..=61 if !self.cast[self.focus].backgrounded => {
                self.cast[self.focus].backgrounded = true;
                &ph.background
            }
            58..=64 => &ph.plans,
            65..=74 if self.topic.facts.iter().any(|f| !self.used.contains(f)) => &self.topic.facts,
            _ => &ph.filler,
        };
        let tpl = self.fresh(list);
        self.sentence(tpl)
    }

    /// An item of `list` not yet used in this article, if any is left.
    fn unused(&mut self, list: &[&'static str]) -> Option<&'static str> {
        let left: Vec<&'static str> = list
            .iter()
            .copied()
            .filter(|t| !self.used.contains(t))
            .collect();
        if left.is_empty() {
            return None;
        }
        let pick = *self.rng.pick(&left);
        self.used.insert(pick);
        Some(pick)
    }

    /// An item of `list`, one not yet used in this article while any is left.
    fn fresh(&mut self, list: &[&'static str]) -> &'static str {
        self.unused(list).unwrap_or_else(|| *self.rng.pick(list))
    }

    /// Expands a template into one sentence (or two, for quotations that continue).
    fn sentence(&mut self, tpl: &str) -> String {
        self.subject_now = None;
        let s = self.expand(tpl);
        self.last_subject = self.subject_now;
        capitalise_first(&s)
    }

    fn expand(&mut self, tpl: &str) -> String {
        let mut out = String::new();
        let mut rest = tpl;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let j = i + rest[i..].find('}').expect("template slots close");
            let key = &rest[i + 1..j];
            let start = out.is_empty() || out.ends_with(",\" ") || out.ends_with("?\" ");
            let v = self.slot(key, start);
            out.push_str(&v);
            rest = &rest[j + 1..];
        }
        out.push_str(rest);
        out
    }

    fn slot(&mut self, key: &str, start: bool) -> String {
        let w = self.w;
        let v = match key {
            "S" => {
                self.subject_now = Some(self.focus);
                self.person(self.focus, Pos::Subj, start)
            }
            "S." => {
                self.subject_now = Some(self.focus);
                self.person(self.focus, Pos::Final, false)
            }
            "s" => self.person(self.focus, Pos::Obj, false),
            "F" => {
                self.subject_now = Some(self.focus);
                self.cast[self.focus].introduced = true;
                w.people[self.cast[self.focus].person].full()
            }
            "P" => self.person(self.other, Pos::Subj, false),
            "p" => self.person(self.other, Pos::Obj, false),
            "role" => self.role_phrase(self.focus),
            "he" => self.pronoun(self.focus).to_string(),
            "his" => if w.people[self.cast[self.focus].person].female {
                "her"
            } else {
                "his"
            }
            .to_string(),
            "O" | "o" => {
                let i = self.pick_org();
                self.org(i)
            }
            "M" => {
                let m = self.media[self.rng.below(self.media.len())];
                let i = self
                    .orgs
                    .iter()
                    .position(|x| x.0 == m)
                    .expect("media listed");
                self.org(i)
            }
            "C" => self.country_subject(),
            "c" => {
                let c = self.pick_country(None);
                self.country_object(c)
            }
            "c2" => {
                let c = self.pick_country(self.last_country);
                self.country_object(c)
            }
            "K" => {
                let c = self.pick_country(None);
                let k = &w.countries[c];
                k.capital.clone().unwrap_or_else(|| k.np())
            }
            "D" => w.countries[self.countries[0]].adjective_or("local"),
            "T" => {
                if self.rng.chance(0.15)
                    && let Some(cap) = &w.countries[self.countries[0]].capital
                {
                    cap.clone()
                } else {
                    let t = self.towns[self.rng.below(self.towns.len())];
                    w.towns[t].name.clone()
                }
            }
            "Q" => {
                let topical = if self.rng.chance(0.3) {
                    self.unused(&self.topic.quotes)
                } else {
                    None
                };
                let q = topical.unwrap_or_else(|| self.fresh(&self.ph.quotes));
                capitalise_first(&self.expand(q))
            }
            "QQ" => {
                let q = *self.rng.pick(&self.ph.questions);
                self.expand(q)
            }
            "R" => {
                let r = self.fresh(&self.ph.reports);
                self.expand(r)
            }
            "I" => self.rng.pick(&self.topic.issues).to_string(),
            "L" => self.rng.pick(&self.topic.policies).to_string(),
            "A" => self.rng.pick(&self.topic.actions).0.to_string(),
            "Ap" => self.rng.pick(&self.topic.actions).1.to_string(),
            "G" => self.rng.pick(&self.topic.faults).to_string(),
            "Gp" => self.rng.pick(&self.topic.merits).to_string(),
            "W" => self.rng.pick(WEEKDAYS).to_string(),
            "Mo" => self.rng.pick(MONTHS).to_string(),
            "Y" => (2012 + self.rng.below(10)).to_string(),
            "Ys" => (2010 + self.cast[self.focus].person % 12).to_string(),
            "Yn" => (2026 + self.rng.below(5)).to_string(),
            "N" => thousands(self.rng.range(120, 48_000)),
            "n" => self.rng.range(3, 90).to_string(),
            "X" => match (self.rng.range(1, 38), self.rng.below(10)) {
                (a, 0) => a.to_string(),
                (a, b) => format!("{a}.{b}"),
            },
            "B" => {
                let amount = format!("{}.{}", self.rng.range(1, 9), self.rng.below(10));
                match self.rng.below(3) {
                    0 => format!("${amount} billion"),
                    1 => format!("{amount} billion euros"),
                    _ => format!("{} million dollars", self.rng.range(20, 900)),
                }
            }
            other => panic!("unknown template slot {{{other}}}"),
        };
        if v.contains('{') { self.expand(&v) } else { v }
    }

    fn pronoun(&self, ci: usize) -> &'static str {
        if self.w.people[self.cast[ci].person].female {
            "she"
        } else {
            "he"
        }
    }

    /// A mention of cast member `ci`: the introduction the first time, then a surname, a title
    /// and surname, a pronoun or the role noun.
    fn person(&mut self, ci: usize, pos: Pos, pronoun_ok: bool) -> String {
        let w = self.w;
        let p = &w.people[self.cast[ci].person];
        let role = &self.ph.roles[p.role];
        if !self.cast[ci].introduced {
            self.cast[ci].introduced = true;
            return self.intro(ci, pos);
        }
        if pos == Pos::Subj && pronoun_ok && self.last_subject == Some(ci) && self.rng.chance(0.5) {
            return self.pronoun(ci).to_string();
        }
        let r = self.rng.unit();
        if self.cast[ci].shares {
            return if !role.short.is_empty() && r < 0.6 {
                format!("{} {}", role.short, p.family)
            } else {
                p.full()
            };
        }
        if r < 0.72 {
            self.surname(ci)
        } else if r < 0.82 && !role.short.is_empty() {
            format!("{} {}", role.short, p.family)
        } else if r < 0.9 && self.cast[ci].noun_unique && pos != Pos::Final {
            format!("the {}", role.noun)
        } else {
            p.full()
        }
    }

    fn surname(&mut self, ci: usize) -> String {
        let fam = self.w.people[self.cast[ci].person].family.clone();
        if fam.chars().count() >= 4 && self.rng.chance(TYPO_RATE) {
            let t = typo(&fam, &mut self.rng);
            self.typos.push((fam, t.clone()));
            t
        } else {
            fam
        }
    }

    /// The affiliation phrase: "Chile's foreign minister", "mayor of Ironford",
    /// "an economist at Delvaro Bank".
    fn role_phrase(&mut self, ci: usize) -> String {
        let w = self.w;
        let p = &w.people[self.cast[ci].person];
        let role = &self.ph.roles[p.role];
        match role.affil {
            Affil::Country => {
                let c = &w.countries[p.country];
                if role.unique {
                    format!("{} {}", possessive(&c.np()), role.lower)
                } else {
                    format!(
                        "{} {} {} {}",
                        a_or_an(role.lower),
                        role.lower,
                        role.prep,
                        c.np()
                    )
                }
            }
            Affil::Town => format!("{} of {}", role.lower, w.towns[p.town.unwrap_or(0)].name),
            Affil::Org(_) => {
                let o = self.org_of(p.org.unwrap_or(0));
                if role.unique {
                    format!("{} {} {o}", role.lower, role.prep)
                } else {
                    format!("{} {} {} {o}", a_or_an(role.lower), role.lower, role.prep)
                }
            }
        }
    }

    fn intro(&mut self, ci: usize, pos: Pos) -> String {
        let w = self.w;
        let p = &w.people[self.cast[ci].person];
        let role = &self.ph.roles[p.role];
        let full = p.full();
        // forms with the title before the name, usable anywhere
        let mut before: Vec<String> = Vec::new();
        // appositions after the name
        let mut after: Vec<String> = Vec::new();
        match role.affil {
            Affil::Country => {
                let c = &w.countries[p.country];
                let adj = &c.adjective;
                if !role.cap.is_empty() {
                    if !adj.is_empty() {
                        before.push(format!("{adj} {} {full}", role.cap));
                    }
                    before.push(format!("{} {full}", role.cap));
                } else if !adj.is_empty() {
                    before.push(format!("{adj} {} {full}", role.lower));
                }
                if role.unique {
                    after.push(format!("{} {}", possessive(&c.np()), role.lower));
                    if !adj.is_empty() {
                        after.push(format!("the {adj} {}", role.lower));
                    }
                } else {
                    after.push(format!(
                        "{} {} {} {}",
                        a_or_an(role.lower),
                        role.lower,
                        role.prep,
                        c.np()
                    ));
                }
            }
            Affil::Town => {
                let t = &w.towns[p.town.unwrap_or(0)].name;
                before.push(format!("{t} {} {full}", role.cap));
                before.push(format!("{} {full}", role.cap));
                after.push(format!("the {} of {t}", role.lower));
            }
            Affil::Org(_) => {
                let oi = p.org.unwrap_or(0);
                let o = self.org_of(oi);
                if !role.cap.is_empty() && self.rng.chance(0.5) {
                    before.push(format!("{} {full} of {o}", role.cap));
                } else {
                    let art = if role.unique {
                        "the".to_string()
                    } else {
                        a_or_an(role.lower).to_string()
                    };
                    after.push(format!("{art} {} {} {o}", role.lower, role.prep));
                    before.push(format!("{full} of {o}"));
                }
            }
        }
        let use_after =
            !after.is_empty() && pos != Pos::Obj && (before.is_empty() || self.rng.chance(0.45));
        if use_after {
            let app = self.rng.pick(&after).clone();
            if pos == Pos::Subj {
                format!("{full}, {app},")
            } else {
                format!("{full}, {app}")
            }
        } else if before.is_empty() {
            full
        } else {
            self.rng.pick(&before).clone()
        }
    }

    /// A mention of world organization `oi` (added to the article if new).
    fn org_of(&mut self, oi: usize) -> String {
        let i = match self.orgs.iter().position(|x| x.0 == oi) {
            Some(i) => i,
            None => {
                self.orgs.push((oi, false));
                self.orgs.len() - 1
            }
        };
        self.org(i)
    }

    fn pick_org(&mut self) -> usize {
        // the article's first organizations come up most
        let n = self.orgs.len();
        let a = self.rng.below(n);
        let b = self.rng.below(n);
        a.min(b)
    }

    /// A mention of the article's organization `i`: the full name (with its acronym in brackets,
    /// often) the first time, then the acronym, a short form or the name again.
    fn org(&mut self, i: usize) -> String {
        let w = self.w;
        let (oi, introduced) = self.orgs[i];
        let o = &w.orgs[oi];
        if !introduced {
            self.orgs[i].1 = true;
            return match &o.acronym {
                Some(a) if self.rng.chance(0.6) => format!("{} ({a})", o.np()),
                _ => o.np(),
            };
        }
        let r = self.rng.unit();
        match (&o.acronym, &o.short) {
            (Some(a), _) if r < 0.55 => a.clone(),
            (_, Some(s)) if r < 0.8 => s.clone(),
            _ => o.np(),
        }
    }

    fn pick_country(&mut self, not: Option<usize>) -> usize {
        let n = self.countries.len();
        let c = loop {
            let c = self.countries[[0, 0, 0, 1, 1, 2][self.rng.below(6)].min(n - 1)];
            if Some(c) != not {
                break c;
            }
        };
        self.last_country = Some(c);
        c
    }

    fn country_subject(&mut self) -> String {
        let c = self.pick_country(None);
        let k = &self.w.countries[c];
        let r = self.rng.below(100);
        if r < 15
            && let Some(cap) = &k.capital
        {
            cap.clone()
        } else if r < 35 && !k.adjective.is_empty() {
            format!("the {} government", k.adjective)
        } else {
            k.np()
        }
    }

    fn country_object(&mut self, c: usize) -> String {
        let k = &self.w.countries[c];
        if self.rng.chance(0.2) && !k.adjective.is_empty() {
            format!("the {} government", k.adjective)
        } else {
            k.np()
        }
    }

    fn dateline(&mut self) -> String {
        let w = self.w;
        let c = &w.countries[self.countries[0]];
        match &c.capital {
            Some(cap) if self.rng.chance(0.5) => cap.to_uppercase(),
            _ => {
                let t = &w.towns[self.towns[0]];
                format!("{}, {}", t.name.to_uppercase(), w.countries[t.country].name)
            }
        }
    }

    /// A headline from the article's cast and places, without touching the mention state.
    fn headline(&mut self) -> String {
        let w = self.w;
        let tpl = *self.rng.pick(&self.ph.headlines);
        let p0 = &w.people[self.cast[0].person];
        let p1 = &w.people[self.cast[1].person];
        let sur = |p: &Person| {
            if self.cast[0].shares {
                p.full()
            } else {
                p.family.clone()
            }
        };
        let (sur0, sur1) = (sur(p0), sur(p1));
        let mut out = String::new();
        let mut rest = tpl;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let j = i + rest[i..].find('}').expect("slots close");
            let v = match &rest[i + 1..j] {
                "Sur" => sur0.clone(),
                "Sur2" => sur1.clone(),
                "c" => w.countries[self.countries[0]].np(),
                "c2" => w.countries[self.countries[1]].np(),
                "D" => w.countries[self.countries[0]].adjective_or("Local"),
                "role" => self.ph.roles[p0.role].lower.to_string(),
                "o" => {
                    let o = &w.orgs[self.orgs[0].0];
                    o.acronym.clone().unwrap_or_else(|| o.name.clone())
                }
                "T" => w.towns[self.towns[0]].name.clone(),
                "H" => self.rng.pick(&self.topic.heads).to_string(),
                "A" => {
                    let a = self.rng.pick(&self.topic.actions).0;
                    a.replace("{Yn}", "2030")
                }
                other => panic!("unknown headline slot {{{other}}}"),
            };
            out.push_str(&v);
            rest = &rest[j + 1..];
        }
        out.push_str(rest);
        capitalise_first(&out)
    }
}

/// "Chile's", "the Maldives'".
fn possessive(np: &str) -> String {
    if np.ends_with('s') {
        format!("{np}'")
    } else {
        format!("{np}'s")
    }
}

fn a_or_an(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn capitalise_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut done = false;
    for ch in s.chars() {
        if !done && ch.is_alphabetic() {
            out.extend(ch.to_uppercase());
            done = true;
        } else {
            out.push(ch);
        }
    }
    out
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A one-letter slip: a letter dropped, doubled or replaced (never the first).
pub fn typo(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return word.to_string();
    }
    let i = 1 + rng.below(chars.len() - 1);
    let mut out = chars.clone();
    match rng.below(3) {
        0 => {
            out.remove(i);
        }
        1 => out.insert(i, chars[i]),
        _ => {
            const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
            const CONSONANTS: &[char] = &['r', 'n', 'm', 't', 's', 'l', 'd', 'k'];
            let c = chars[i];
            let pool = if VOWELS.contains(&c) {
                VOWELS
            } else {
                CONSONANTS
            };
            let mut r = *rng.pick(pool);
            if r == c {
                r = pool[(pool.iter().position(|&x| x == r).unwrap_or(0) + 1) % pool.len()];
            }
            out[i] = r;
        }
    }
    out.into_iter().collect()
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ---------------------------------------------------------------------------------------------
// Writing corpora

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub articles: usize,
    pub words: usize,
    pub bytes: usize,
}

impl Summary {
    fn add(&mut self, o: Summary) {
        self.articles += o.articles;
        self.words += o.words;
        self.bytes += o.bytes;
    }
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Writes articles `0..n` of the corpus of `seed` under `dir` (in parallel).
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<Summary> {
    let world = World::build(seed);
    write_range(dir, 0..n, seed, &world)
}

/// Writes articles `range` of the corpus of `seed` under `dir`.
pub fn write_range(
    dir: &Path,
    range: std::ops::Range<usize>,
    seed: u64,
    world: &World,
) -> std::io::Result<Summary> {
    let t = threads();
    let results: Vec<std::io::Result<Summary>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..t)
            .map(|k| {
                let range = range.clone();
                s.spawn(move || {
                    let mut sum = Summary::default();
                    let mut made: HashSet<PathBuf> = HashSet::new();
                    for i in range.skip(k).step_by(t) {
                        let a = generate(seed, i, world);
                        let path = dir.join(&a.name);
                        if let Some(parent) = path.parent()
                            && made.insert(parent.to_path_buf())
                        {
                            std::fs::create_dir_all(parent)?;
                        }
                        std::fs::write(&path, &a.text)?;
                        sum.add(Summary {
                            articles: 1,
                            words: a.words,
                            bytes: a.text.len(),
                        });
                    }
                    Ok(sum)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer thread"))
            .collect()
    });
    let mut total = Summary::default();
    for r in results {
        total.add(r?);
    }
    Ok(total)
}

/// The article files (.txt, .md, .html, .htm) under `dir`, relative to it, sorted.
pub fn article_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out)?;
            } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "txt" | "md" | "html" | "htm"
                )
            }) {
                out.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The text of copy `copy` of an article: one line added that names the copy, so every copy
/// has its own content hash.
pub fn copy_text(text: &str, copy: usize, html: bool) -> String {
    let line = format!("Archive copy number {copy} of this article.");
    if html {
        let tag = format!("<p>{line}</p>\n");
        match text.rfind("</body>") {
            Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]),
            None => format!("{text}\n{tag}"),
        }
    } else if text.ends_with('\n') {
        format!("{text}\n{line}\n")
    } else {
        format!("{text}\n\n{line}\n")
    }
}

/// Writes `copies` copies of every article of `src` under `out/copy0000/…`.
pub fn replicate(src: &Path, copies: usize, out: &Path) -> std::io::Result<Summary> {
    let files = article_files(src)?;
    let texts: Vec<(PathBuf, String, bool)> = files
        .iter()
        .filter_map(|rel| {
            let bytes = std::fs::read(src.join(rel)).ok()?;
            let html = rel
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
            Some((
                rel.clone(),
                String::from_utf8_lossy(&bytes).into_owned(),
                html,
            ))
        })
        .collect();
    let t = threads();
    let results: Vec<std::io::Result<Summary>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..t)
            .map(|k| {
                let texts = &texts;
                s.spawn(move || {
                    let mut sum = Summary::default();
                    for c in (0..copies).skip(k).step_by(t) {
                        let base = out.join(format!("copy{c:04}"));
                        let mut made: HashSet<PathBuf> = HashSet::new();
                        for (rel, text, html) in texts {
                            let path = base.join(rel);
                            if let Some(parent) = path.parent()
                                && made.insert(parent.to_path_buf())
                            {
                                std::fs::create_dir_all(parent)?;
                            }
                            let t = copy_text(text, c, *html);
                            std::fs::write(&path, &t)?;
                            sum.add(Summary {
                                articles: 1,
                                words: t.split_whitespace().count(),
                                bytes: t.len(),
                            });
                        }
                    }
                    Ok(sum)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("copy thread"))
            .collect()
    });
    let mut total = Summary::default();
    for r in results {
        total.add(r?);
    }
    Ok(total)
}
