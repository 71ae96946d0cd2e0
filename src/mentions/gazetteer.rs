//! Compiled world knowledge for recognition: token-sequence tables for gazetteer names
//! (countries, short forms, codes, demonyms, capitals, places, organizations), titles and
//! organization head phrases, and word sets (given names, East Asian family names, common words,
//! speech verbs). Built once from [`SchemaData`]; look-ups are hash probes over token keys.

use crate::model::EntityType;
use crate::schema::{CountryRow, NamedRow, OrgHeadRow, SchemaData};
use crate::text::{Abbreviations, WordTok, word_tokens};
use rustc_hash::{FxHashMap, FxHashSet};

/// Common East Asian (Korean, Chinese, Vietnamese) family names, romanised (generic world data).
const EAST_ASIAN_SURNAMES: &str = include_str!("../../schema/east_asian_surnames.txt");

/// What a gazetteer name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GazKind {
    /// A country's name or short form ("North Korea", "U.S.").
    CountryName,
    /// A demonym or adjective ("North Korean", "American").
    Demonym,
    /// A capital city (country or location by context).
    Capital,
    /// A place from places.tsv.
    Place,
    /// An organization from organizations.tsv.
    Org,
}

/// One reading of a gazetteer surface.
#[derive(Clone, Debug, PartialEq)]
pub struct GazEntry {
    pub kind: GazKind,
    pub etype: EntityType,
    /// "country:KP", "place:hanoi", "org:united nations".
    pub gid: String,
    /// The canonical name ("North Korea").
    pub canonical: String,
    /// For capitals: the country's gazetteer id.
    pub country_gid: Option<String>,
    /// Number of tokens of the surface.
    pub len: usize,
    /// The surface tokens as written in the data (for case checks).
    pub surface: Vec<String>,
}

/// A table from token sequences (lower-cased, joined by spaces) to values.
#[derive(Debug)]
pub struct PhraseTable<T> {
    /// Every phrase, and every shorter run of tokens a phrase starts with: the phrase's values
    /// (none for a start only), so a look-up can stop at the first run no phrase starts with.
    map: FxHashMap<String, Vec<T>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        Self {
            map: FxHashMap::default(),
        }
    }
}

/// Lower-case key of a token.
pub fn tok_key(t: &str) -> String {
    crate::normalize::key(t)
}

/// The keys ([`tok_key`]) of a sentence's tokens, computed once: one buffer holds them in
/// token order joined by single spaces, so the key of a run of tokens is one slice of it.
#[derive(Clone, Debug, Default)]
pub struct TokKeys {
    buf: String,
    /// Byte range of each token's key in `buf`.
    ranges: Vec<(usize, usize)>,
}

impl TokKeys {
    /// The keys of `toks`.
    pub fn of(toks: &[WordTok<'_>]) -> Self {
        let mut buf = String::with_capacity(toks.iter().map(|t| t.text.len() + 1).sum());
        let mut ranges = Vec::with_capacity(toks.len());
        for (i, t) in toks.iter().enumerate() {
            if i > 0 {
                buf.push(' ');
            }
            let a = buf.len();
            crate::normalize::key_into(t.text, &mut buf);
            ranges.push((a, buf.len()));
        }
        Self { buf, ranges }
    }

    /// The keys of the tokens `i..j` joined by spaces (empty when `i >= j`).
    pub fn phrase(&self, i: usize, j: usize) -> &str {
        if i >= j || j > self.ranges.len() {
            return "";
        }
        &self.buf[self.ranges[i].0..self.ranges[j - 1].1]
    }
}

impl<T> PhraseTable<T> {
    pub fn insert(&mut self, toks: &[String], v: T) {
        if toks.is_empty() {
            return;
        }
        let k: Vec<String> = toks.iter().map(|t| tok_key(t)).collect();
        for l in 1..k.len() {
            self.map.entry(k[..l].join(" ")).or_default();
        }
        self.map.entry(k.join(" ")).or_default().push(v);
    }

    /// The values of a key (lower-cased tokens joined by spaces).
    pub fn get(&self, key: &str) -> Option<&[T]> {
        self.map
            .get(key)
            .filter(|v| !v.is_empty())
            .map(Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Longest phrase starting at `toks[i]` (word tokens only, no punctuation inside, at most
    /// `limit` tokens), with its length; `keys` are the keys of `toks`.
    pub fn longest<'s>(
        &'s self,
        toks: &[WordTok<'_>],
        keys: &TokKeys,
        i: usize,
        limit: usize,
    ) -> Option<(usize, &'s [T])> {
        let mut best = None;
        for k in 0..limit {
            let Some(t) = toks.get(i + k) else { break };
            if !t.word {
                break;
            }
            if k > 0 && toks[i + k - 1].possessive && !is_possessive_name_part(toks, i + k - 1) {
                break;
            }
            // no phrase starts with these tokens: none is longer
            let Some(v) = self.map.get(keys.phrase(i, i + k + 1)) else {
                break;
            };
            if !v.is_empty() {
                best = Some((k + 1, v.as_slice()));
            }
        }
        best
    }
}

/// "People's" inside "Democratic People's Republic": a possessive of a common plural noun may be
/// part of a longer name (the table decides); any other possessive ends a name.
fn is_possessive_name_part(toks: &[WordTok<'_>], i: usize) -> bool {
    crate::normalize::with_lowercase(toks[i].text, |w| {
        matches!(
            w,
            "people" | "workers" | "women" | "children" | "veterans" | "farmers" | "peoples"
        )
    })
}

/// A title or role ("President", "press secretary").
#[derive(Clone, Debug, PartialEq)]
pub struct TitleInfo {
    pub title: String,
    pub kind: String,
}

/// An organization head word.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgHead {
    pub kind: String,
    /// first | last | any
    pub position: String,
}

/// Compiled gazetteer matchers, built once from [`SchemaData`].
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Abbreviations that keep their dot when names are tokenized ("Gen.", "U.S.").
    pub abbreviations: Abbreviations,
    pub names: PhraseTable<GazEntry>,
    pub titles: PhraseTable<TitleInfo>,
    pub org_phrases: PhraseTable<OrgHead>,
    pub org_heads: FxHashMap<String, OrgHead>,
    pub given_names: FxHashSet<String>,
    pub ea_surnames: FxHashSet<String>,
    pub common: FxHashSet<String>,
    pub speech_verbs: FxHashSet<String>,
    /// Canonical country name by gazetteer id.
    pub country_names: FxHashMap<String, String>,
    /// Countries whose name is "North X", "South X"...: ("north", "korea") -> gid.
    pub compass_countries: FxHashMap<(String, String), String>,
    /// Names and demonyms shared by several compass countries, without the compass word
    /// ("korea", "korean" -> North and South Korea): the document's one such country, if any.
    pub shared_short: FxHashMap<String, Vec<String>>,
}

/// Function words and other words that are capitalised only at a sentence start or in
/// headlines (a floor under schema/common_words.txt).
const FUNCTION_WORDS: &str = "a about above across after against ago all also although among an and another any \
are around as at be because been before being below between both but by can could did do does down during \
each either even ever every few for from further had has have having he her here hers him his how however i if in \
inside into is it its just last later least less like many may meanwhile might more most much must my near neither \
never new next no nor not now of off on once one only onto or other our out outside over own per perhaps since so \
some still such than that the their them then there these they this those though through throughout thus to today \
together too toward towards under unless until up upon us very via was we were what whatever when where whether which \
while who whom whose why will with within without would yes yet you your despite according amid amidst following \
regarding several many mr mrs ms sources source reports report officials official analysts observers experts \
critics diplomats meanwhile earlier instead indeed besides related article photo photos video file monday tuesday \
wednesday thursday friday saturday sunday january february march april june july august september october november \
december breaking exclusive update updated editorial opinion analysis read more see also sign log share";

/// Location head words ("Sentosa Island", "Demilitarized Zone").
pub const LOCATION_HEADS: &[&str] = &[
    "island",
    "islands",
    "river",
    "mountain",
    "mountains",
    "mount",
    "province",
    "peninsula",
    "strait",
    "sea",
    "ocean",
    "bay",
    "gulf",
    "airport",
    "square",
    "street",
    "avenue",
    "zone",
    "valley",
    "lake",
    "county",
    "district",
    "city",
    "region",
    "village",
    "desert",
    "coast",
    "beach",
    "harbor",
    "harbour",
    "port",
    "canal",
    "prefecture",
    "oblast",
    "state",
    "territory",
    "heights",
    "hills",
    "park",
    "palace",
    "bridge",
    "border",
    "glacier",
    "ridge",
    "theatre",
    "theater",
    "stadium",
    "arena",
    "hotel",
    "museum",
    "tower",
    "station",
    "prison",
    "plaza",
    "hut",
    "pass",
    "falls",
    "forest",
    "canyon",
    "cape",
    "highway",
    "road",
    "boulevard",
];

/// Organization head words that schema/org_heads.tsv may lack (generic).
pub const EXTRA_ORG_HEADS: &[&str] = &[
    "patrol",
    "advisors",
    "advisers",
    "associates",
    "partnership",
];

impl Gazetteer {
    /// Compiles the gazetteer tables and word sets of `data`.
    pub fn new(data: &SchemaData) -> Self {
        let abbr = Abbreviations::new(&data.abbreviations);
        let mut g = Gazetteer {
            abbreviations: abbr.clone(),
            ..Gazetteer::default()
        };
        for c in &data.countries {
            g.add_country(c);
        }
        g.shared_short = shared_short_forms(&g, data);
        for (rows, kind, etype, prefix) in [
            (&data.places, GazKind::Place, EntityType::Location, "place"),
            (
                &data.organizations,
                GazKind::Org,
                EntityType::Organization,
                "org",
            ),
        ] {
            for row in rows {
                g.add_named_row(row, kind, etype, prefix);
            }
        }
        for t in &data.titles {
            let info = TitleInfo {
                title: t.title.clone(),
                kind: t.kind.clone(),
            };
            g.titles.insert(&g.name_tokens(&t.title), info);
        }
        for h in &data.org_heads {
            g.add_org_head(h);
        }
        g.given_names = lower_case_set(&data.given_names);
        g.ea_surnames = east_asian_surnames();
        g.common = common_words(data);
        g.speech_verbs = data
            .speech_verbs
            .iter()
            .filter(|v| !v.form.contains(' '))
            .map(|v| v.form.to_lowercase())
            .collect();
        g
    }

    /// The word tokens of a name as the recogniser splits it.
    fn name_tokens(&self, s: &str) -> Vec<String> {
        let span = crate::model::Span::new(0, s.len());
        word_tokens(s, span, &self.abbreviations)
            .into_iter()
            .filter(|t| t.word)
            .map(|t| t.text.to_string())
            .collect()
    }

    /// Adds one reading of the name `surface`; a surface keeps one reading per (gid, kind).
    fn add_name(&mut self, surface: &str, mut e: GazEntry) {
        let t = self.name_tokens(surface);
        if t.is_empty() {
            return;
        }
        e.len = t.len();
        e.surface = t.clone();
        let key = t.iter().map(|x| tok_key(x)).collect::<Vec<_>>().join(" ");
        if self
            .names
            .map
            .get(&key)
            .is_some_and(|v| v.iter().any(|x| x.gid == e.gid && x.kind == e.kind))
        {
            return;
        }
        self.names.insert(&t, e);
    }

    /// A country's names, short forms, demonyms and capitals; a compass country ("North
    /// Korea") is also recorded by its two words.
    fn add_country(&mut self, c: &CountryRow) {
        let gid = country_gid(c);
        self.country_names.insert(gid.clone(), c.name.clone());
        if let Some(words) = compass_words(c) {
            self.compass_countries.insert(words, gid.clone());
        }
        let entry = |kind, etype| GazEntry {
            kind,
            etype,
            gid: gid.clone(),
            canonical: c.name.clone(),
            country_gid: None,
            len: 0,
            surface: Vec::new(),
        };
        for n in std::iter::once(&c.name).chain(&c.aliases) {
            self.add_name(n, entry(GazKind::CountryName, EntityType::Country));
        }
        for d in &c.demonyms {
            self.add_name(d, entry(GazKind::Demonym, EntityType::Country));
        }
        for cap in capitals_of(c) {
            let e = GazEntry {
                kind: GazKind::Capital,
                etype: EntityType::Location,
                gid: format!("place:{}", crate::normalize::key(cap)),
                canonical: cap.clone(),
                country_gid: Some(gid.clone()),
                len: 0,
                surface: Vec::new(),
            };
            self.add_name(cap, e);
        }
    }

    /// A row of places.tsv or organizations.tsv, under its name and aliases; its id is
    /// `prefix:` and the key of its name.
    fn add_named_row(&mut self, row: &NamedRow, kind: GazKind, etype: EntityType, prefix: &str) {
        let gid = format!("{prefix}:{}", crate::normalize::key(&row.name));
        // a place's country; organizations keep none
        let country_gid = row
            .country
            .as_ref()
            .filter(|_| kind == GazKind::Place)
            .map(|c| format!("country:{c}"));
        for n in std::iter::once(&row.name).chain(&row.aliases) {
            let e = GazEntry {
                kind,
                etype,
                gid: gid.clone(),
                canonical: row.name.clone(),
                country_gid: country_gid.clone(),
                len: 0,
                surface: Vec::new(),
            };
            self.add_name(n, e);
        }
    }

    /// An organization head: a phrase table entry when it has several words or is marked
    /// `phrase`, else a single head word.
    fn add_org_head(&mut self, h: &OrgHeadRow) {
        let head = OrgHead {
            kind: h.kind.clone(),
            position: h.position.clone(),
        };
        if h.position == "phrase" || h.word.contains(' ') {
            self.org_phrases.insert(&self.name_tokens(&h.word), head);
        } else {
            self.org_heads.insert(tok_key(&h.word), head);
        }
    }

    /// Is `word` (any case) a common English word?
    pub fn is_common(&self, word: &str) -> bool {
        crate::normalize::with_lowercase(word, |w| self.common.contains(w))
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        crate::normalize::with_lowercase(word, |w| self.given_names.contains(w))
    }

    pub fn is_ea_surname(&self, word: &str) -> bool {
        crate::normalize::with_lowercase(word, |w| self.ea_surnames.contains(w))
    }

    pub fn org_head(&self, word: &str) -> Option<&OrgHead> {
        static EXTRA: OrgHead = OrgHead {
            kind: String::new(),
            position: String::new(),
        };
        crate::normalize::with_key(word, |k| {
            self.org_heads
                .get(k)
                .or_else(|| EXTRA_ORG_HEADS.contains(&k).then_some(&EXTRA))
        })
    }
}

/// The gazetteer id of a country ("country:KP").
fn country_gid(c: &CountryRow) -> String {
    format!("country:{}", c.iso2.to_uppercase())
}

/// The two lower-case words of a compass country's name ("north", "korea").
fn compass_words(c: &CountryRow) -> Option<(String, String)> {
    let words: Vec<&str> = c.name.split_whitespace().collect();
    match words[..] {
        [
            compass @ ("North" | "South" | "East" | "West" | "Central"),
            rest,
        ] => Some((compass.to_lowercase(), rest.to_lowercase())),
        _ => None,
    }
}

/// A country's capitals; a city-state with none listed is its own capital ("in Singapore"
/// is the city).
fn capitals_of(c: &CountryRow) -> Vec<&String> {
    if c.capitals.is_empty() {
        vec![&c.name]
    } else {
        c.capitals.iter().collect()
    }
}

/// "Korea", "Korean": the common rest of the names and demonyms of two or more compass
/// countries, when it is no gazetteer name of its own.
fn shared_short_forms(g: &Gazetteer, data: &SchemaData) -> FxHashMap<String, Vec<String>> {
    let mut shared: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for c in &data.countries {
        let gid = country_gid(c);
        let words: Vec<&str> = c.name.split_whitespace().collect();
        if words.len() != 2
            || !g
                .compass_countries
                .contains_key(&(words[0].to_lowercase(), words[1].to_lowercase()))
        {
            continue;
        }
        for form in std::iter::once(&c.name).chain(&c.demonyms) {
            if let Some(rest) = form.strip_prefix(words[0]).map(str::trim)
                && !rest.is_empty()
                && !rest.contains(' ')
            {
                let v = shared.entry(tok_key(rest)).or_default();
                if !v.contains(&gid) {
                    v.push(gid.clone());
                }
            }
        }
    }
    shared.retain(|k, v| v.len() >= 2 && g.names.get(k).is_none());
    shared
}

/// The items of a word list, trimmed and lower-cased.
fn lower_case_set(items: &[String]) -> FxHashSet<String> {
    items.iter().map(|s| s.trim().to_lowercase()).collect()
}

/// The East Asian family names of schema/east_asian_surnames.txt, lower-cased.
fn east_asian_surnames() -> FxHashSet<String> {
    EAST_ASIAN_SURNAMES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

/// schema/common_words.txt with the function words under it, lower-cased.
fn common_words(data: &SchemaData) -> FxHashSet<String> {
    data.common_words
        .iter()
        .map(|s| s.trim().to_lowercase())
        .chain(FUNCTION_WORDS.split_whitespace().map(str::to_string))
        .collect()
}

/// Does the text token match a gazetteer surface token's case? Exact, or the text is ALL CAPS.
pub fn case_ok(text: &str, surface: &str) -> bool {
    if text == surface {
        return true;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && text.chars().all(|c| !c.is_lowercase())
        && text.to_lowercase() == surface.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gazetteer of invented countries: two compass countries sharing "Varland", one
    /// compass country alone, a city-state, and a country whose alias repeats its name.
    fn invented() -> Gazetteer {
        let country = |iso2: &str, name: &str, demonyms: &[&str], capitals: &[&str]| CountryRow {
            iso2: iso2.into(),
            name: name.into(),
            aliases: vec![name.into()],
            demonyms: demonyms.iter().map(|d| d.to_string()).collect(),
            capitals: capitals.iter().map(|c| c.to_string()).collect(),
            ..CountryRow::default()
        };
        let data = SchemaData {
            countries: vec![
                country("xn", "North Varland", &["North Varlander"], &["Ostby"]),
                country("xs", "South Varland", &["South Varlander"], &["Sudby"]),
                country("xw", "West Quell", &[], &["Quellby"]),
                country("xc", "Tarsk", &[], &[]),
            ],
            ..SchemaData::default()
        };
        Gazetteer::new(&data)
    }

    fn kinds(g: &Gazetteer, key: &str) -> Vec<(GazKind, String)> {
        g.names
            .get(key)
            .unwrap_or_default()
            .iter()
            .map(|e| (e.kind, e.gid.clone()))
            .collect()
    }

    #[test]
    fn a_surface_keeps_one_reading_per_id_and_kind() {
        // the alias repeats the name: one country reading, not two
        assert_eq!(
            kinds(&invented(), "west quell"),
            vec![(GazKind::CountryName, "country:XW".to_string())]
        );
        // near miss: a city-state's name is read as its country and as its capital
        assert_eq!(kinds(&invented(), "tarsk").len(), 2);
    }

    #[test]
    fn a_city_state_with_no_capital_listed_is_its_own_capital() {
        let g = invented();
        assert!(
            kinds(&g, "tarsk").contains(&(GazKind::Capital, "place:tarsk".to_string())),
            "{:?}",
            kinds(&g, "tarsk")
        );
        // near miss: a country with a capital listed is not its own capital
        assert!(
            kinds(&g, "west quell")
                .iter()
                .all(|(k, _)| *k != GazKind::Capital)
        );
        assert_eq!(kinds(&g, "quellby")[0].0, GazKind::Capital);
    }

    #[test]
    fn compass_countries_are_recorded_by_their_two_words() {
        let g = invented();
        let key = ("north".to_string(), "varland".to_string());
        assert_eq!(
            g.compass_countries.get(&key).map(String::as_str),
            Some("country:XN")
        );
        // near miss: a name without a compass word
        assert!(g.compass_countries.values().all(|gid| gid != "country:XC"));
    }

    #[test]
    fn a_short_form_shared_by_two_compass_countries_is_recorded() {
        let g = invented();
        let mut both = g.shared_short.get("varland").cloned().unwrap_or_default();
        both.sort();
        assert_eq!(both, vec!["country:XN", "country:XS"]);
        assert!(g.shared_short.contains_key("varlander"));
        // near miss: "Quell" is the rest of one compass country only
        assert!(!g.shared_short.contains_key("quell"));
    }

    #[test]
    fn a_possessive_of_a_common_plural_noun_may_continue_a_name() {
        let mut t: PhraseTable<u8> = PhraseTable::default();
        t.insert(&["Workers".into(), "Party".into()], 1);
        t.insert(&["Mira".into(), "Party".into()], 2);
        let abbr = Abbreviations::default();
        let text = "the Workers' Party met";
        let toks = word_tokens(text, crate::model::Span::new(0, text.len()), &abbr);
        let keys = TokKeys::of(&toks);
        assert_eq!(
            t.longest(&toks, &keys, 1, 10).map(|(l, v)| (l, v[0])),
            Some((2, 1))
        );
        // near miss: any other possessive ends the name
        let text = "the Mira's Party met";
        let toks = word_tokens(text, crate::model::Span::new(0, text.len()), &abbr);
        assert_eq!(t.longest(&toks, &TokKeys::of(&toks), 1, 10), None);
    }

    #[test]
    fn case_rules() {
        assert!(case_ok("North", "North"));
        assert!(case_ok("NORTH", "North"));
        assert!(!case_ok("north", "North"));
        assert!(!case_ok("us", "US"));
        assert!(!case_ok("Us", "US"));
    }
}
