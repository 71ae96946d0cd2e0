//! Recognition rules, each with a case that must fire and a near miss that must not.
//! Sentences are invented; the people do not exist.

use super::*;
use crate::extract::Resources;
use crate::model::EntityType::{self, *};

// The helpers are shared with the rule tests next to the rules in `names/`.

pub(super) fn res() -> &'static Resources {
    Resources::global().expect("schema loads")
}

pub(super) fn rec(text: &str) -> Vec<Candidate> {
    let r = res();
    let sents = crate::text::sentences(text, &r.abbreviations);
    recognize(text, &sents, &r.gazetteer)
}

pub(super) fn found(text: &str) -> Vec<(String, EntityType)> {
    rec(text).into_iter().map(|c| (c.text, c.etype)).collect()
}

pub(super) fn has(text: &str, name: &str, t: EntityType) -> bool {
    found(text).iter().any(|(n, e)| n == name && *e == t)
}

pub(super) fn gid_of(text: &str, name: &str) -> Option<String> {
    rec(text)
        .into_iter()
        .find(|c| c.text == name)
        .and_then(|c| c.gazetteer_id)
}

/// The rule that found the first `name` of `text`, if it was found.
pub(super) fn rule_of(text: &str, name: &str) -> Option<String> {
    rec(text)
        .into_iter()
        .find(|c| c.text == name)
        .map(|c| c.rule)
}

#[test]
fn spans_are_exact_byte_offsets() {
    let t = "Über alles: Minister Élodie Marchetti’s visit to Seoul.";
    for c in rec(t) {
        assert_eq!(c.span.slice(t), c.text);
    }
}

#[test]
fn possessive_is_stripped() {
    assert!(has("It was Marta Quinlan's plan.", "Marta Quinlan", Person));
    assert!(has("It was Marta Quinlan’s plan.", "Marta Quinlan", Person));
    assert!(
        !found("It was Marta Quinlan's plan.")
            .iter()
            .any(|(n, _)| n.contains('\''))
    );
}

#[test]
fn titles_are_cues_not_part_of_the_name() {
    let c = rec("Yesterday President Elena Varga said little.");
    let v = c
        .iter()
        .find(|c| c.text == "Elena Varga")
        .expect("person found");
    assert_eq!(v.etype, Person);
    assert_eq!(v.title.as_deref(), Some("President"));
    // a title alone is no name
    assert!(found("Yesterday the President said little.").is_empty());
}

#[test]
fn lower_case_title_before_and_apposition_after() {
    let c = rec("He met national security advisor Oren Balik on Monday.");
    assert!(
        c.iter()
            .any(|c| c.text == "Oren Balik" && c.etype == Person && c.title.is_some())
    );
    let c = rec("Tal Ferro, a spokesperson for the agency, declined.");
    assert!(
        c.iter()
            .any(|c| c.text == "Tal Ferro" && c.etype == Person && c.title.is_some())
    );
}

#[test]
fn east_asian_names_family_first() {
    let c = rec("The envoy met Choi Min-jae and Kim Dae Sung in the capital.");
    let choi = c
        .iter()
        .find(|c| c.text == "Choi Min-jae")
        .expect("hyphenated name");
    assert!(choi.family_first && choi.etype == Person);
    let kim = c
        .iter()
        .find(|c| c.text == "Kim Dae Sung")
        .expect("three syllables");
    assert!(kim.family_first);
    // a Western name starting with a listed family name is not family-first
    let c = rec("The envoy met Lee Hamilton yesterday.");
    assert!(c.iter().all(|c| !c.family_first));
}

#[test]
fn country_forms_and_compounds() {
    let t = "Analysts discussed U.S.-North Korea relations again.";
    assert!(has(t, "U.S.", Country) && has(t, "North Korea", Country));
    let t = "They stopped anti-North Korean broadcasts today.";
    assert!(has(t, "North Korean", Country));
    assert_eq!(gid_of(t, "North Korean").as_deref(), Some("country:KP"));
    // "inter-Korean" is no country mention
    assert!(found("They resumed inter-Korean talks today.").is_empty());
}

#[test]
fn capital_as_government_or_place() {
    let t = "Later Pyongyang rejected the offer.";
    assert!(has(t, "Pyongyang", Country));
    assert_eq!(gid_of(t, "Pyongyang").as_deref(), Some("country:KP"));
    assert!(has(
        "Talks between Washington and Pyongyang stalled.",
        "Washington",
        Country
    ));
    let t = "The delegates held a meeting in Hanoi last week.";
    assert!(has(t, "Hanoi", Location));
    assert!(has(
        "The envoy arrived in Seoul on Friday.",
        "Seoul",
        Location
    ));
    assert!(has("Then the Hanoi summit collapsed.", "Hanoi", Location));
}

#[test]
fn organizations_by_structure() {
    assert!(has(
        "A statement came from the Ministry of Foreign Affairs today.",
        "Ministry of Foreign Affairs",
        Organization
    ));
    assert!(has(
        "Officers of the Joint Chiefs of Staff confirmed it.",
        "Joint Chiefs of Staff",
        Organization
    ));
    assert!(has(
        "It was first reported by Harbor Daily on Monday.",
        "Harbor Daily",
        Organization
    ));
    // a country modifier is its own mention
    let t = "She said South Korea's unification ministry welcomed it.";
    assert!(has(t, "unification ministry", Organization) && has(t, "South Korea", Country));
    assert!(
        !found("She said South Korea's military drills ended.")
            .iter()
            .any(|(_, e)| *e == Organization)
    );
    let t = "The Russian Defense Ministry said so.";
    assert!(has(t, "Russian", Country) && has(t, "Defense Ministry", Organization));
}

#[test]
fn brand_names_keep_their_country_word() {
    let t = "It was edited by Korea Mirae Daily staff.";
    assert!(has(t, "Korea Mirae Daily", Organization));
    assert!(!has(t, "Korea", Country));
}

#[test]
fn longest_sensible_match_wins() {
    let t = "According to NK News the talks failed.";
    assert!(has(t, "NK News", Organization));
    assert!(!found(t).iter().any(|(_, e)| *e == Country));
}

#[test]
fn hyphen_compound_of_known_names_is_split() {
    let t = "Donald Trump wrote to Kim Jong Un. The Trump-Kim summit ended early.";
    let c = rec(t);
    assert!(c.iter().any(|c| c.text == "Trump" && c.etype == Person));
    assert!(c.iter().any(|c| c.text == "Kim" && c.etype == Person));
    // parts the document never uses alone stay one name
    let c = rec("Engineers at Hollis-Brandt Labs agreed.");
    assert!(!c.iter().any(|c| c.text == "Hollis"));
}

#[test]
fn all_caps_bylines_and_headlines() {
    assert!(has(
        "By PARK MIN-SEO\nThe talks went on.",
        "PARK MIN-SEO",
        Person
    ));
    // a headline word that the body uses as a name
    let t = "ZELBORIA TALKS STALL\nOfficials in Zelboria said the talks stalled.";
    assert!(has(t, "ZELBORIA", Location));
    // ordinary headline words are not names
    let t = "TALKS STALL AGAIN\nThe talks stalled.";
    assert!(found(t).is_empty());
}

#[test]
fn elliptical_compass_name_needs_the_country_in_the_document() {
    let t = "North Korea fired a missile. The North said it was a test.";
    let c = rec(t);
    assert!(
        c.iter()
            .any(|c| c.text == "North" && c.gazetteer_id.as_deref() == Some("country:KP"))
    );
    let c = rec("The North said it was a test.");
    assert!(!c.iter().any(|c| c.text == "North"));
}

#[test]
fn sentence_initial_common_words_are_dropped() {
    assert!(found("Despite talks, nothing changed.").is_empty());
    assert!(has(
        "Despite talks, Laura Santos left.",
        "Laura Santos",
        Person
    ));
}

#[test]
fn and_splits_names() {
    let t = "Later Laura Santos and Idris Vale spoke.";
    assert!(has(t, "Laura Santos", Person));
    assert!(has(t, "Idris Vale", Person));
    assert!(!found(t).iter().any(|(n, _)| n.contains(" and ")));
}

#[test]
fn a_name_inside_a_longer_phrase_counts() {
    let t = "Laura Halvorsen won. Critics of the Halvorsen administration objected.";
    let c = rec(t);
    assert_eq!(c.iter().filter(|c| c.text == "Halvorsen").count(), 1);
    // a common word before a head noun is no name
    assert!(!has(
        "Critics of the new administration objected.",
        "new",
        Other
    ));
}

#[test]
fn sports_clubs_named_after_places_are_organizations() {
    let t = "Results on Saturday :\nZelboria 214 , Marrowby 108-3 .\nMarrowby had reached 108 .";
    let c = rec(t);
    assert!(
        c.iter()
            .filter(|c| c.text == "Marrowby")
            .all(|c| c.etype == Organization)
    );
    assert!(c.iter().any(|c| c.text == "Marrowby"));
    // a dateline stays a place; a country side stays a country
    let t = "LONDON 1996-08-30\nFrance 254 , Pakistan 108-3 .";
    let c = rec(t);
    assert!(
        c.iter()
            .any(|c| c.text == "LONDON" && c.etype != Organization)
    );
    assert!(
        c.iter()
            .any(|c| c.text == "France" && c.etype != Organization)
    );
}

#[test]
fn headline_case_versus_lists_of_names() {
    // title-case headline: ordinary capitalised words are not names
    let t = "Harbor Talks Resume After Long Pause\nThe talks resumed.";
    assert!(!found(t).iter().any(|(n, _)| n.contains("Talks")));
    // a line of names without a period is still names
    let t = "Winners : Olin Brastow , Laura Kent , Oren Balik";
    let c = found(t);
    assert!(c.contains(&("Olin Brastow".to_string(), Person)));
}

#[test]
fn given_name_before_a_place_name_is_a_person_and_events_are_not() {
    let t = "Later Laura Kent spoke. Talks in Kent failed.";
    assert!(has(t, "Laura Kent", Person));
    assert!(has(t, "Kent", Location));
    assert!(!has(
        "Since Reunion Day nothing moved.",
        "Reunion Day",
        Person
    ));
}

#[test]
fn datelines_and_event_venues_are_places_metonyms_are_governments() {
    let t = "NAIROBI (Lakeside Wire) — Kenya signed the deal. Nairobi said it was pleased.";
    let c = rec(t);
    assert!(c.iter().any(|c| c.text == "NAIROBI" && c.etype == Location));
    assert!(c.iter().any(|c| c.text == "Nairobi" && c.etype == Country));
    assert!(has(
        "Delegates left before Nairobi talks began.",
        "Nairobi",
        Location
    ));
    // a compound of two capitals names two governments, not a venue
    let c = rec("They called it the Nairobi-Kampala accord.");
    assert!(c.iter().any(|c| c.text == "Kampala" && c.etype == Country));
    // not at the start of a sentence: no dateline
    assert!(has(
        "He said Nairobi - a hub - would agree.",
        "Nairobi",
        Country
    ));
}

#[test]
fn title_portfolios_belong_to_the_title() {
    let t = "Kenyan Minister of Mining Otieno Barasa met Uganda's Deputy Minister of \
             Agriculture, Okello Mwesigwa.";
    let c = rec(t);
    let b = c
        .iter()
        .find(|c| c.text == "Otieno Barasa")
        .expect("person");
    assert_eq!(b.etype, Person);
    let m = c
        .iter()
        .find(|c| c.text == "Okello Mwesigwa")
        .expect("person");
    assert_eq!(m.title.as_deref(), Some("Deputy Minister"));
    assert!(
        !c.iter()
            .any(|c| c.text == "Agriculture" || c.text == "Mining")
    );
    // a portfolio word before the title is part of it
    let c = rec("Yesterday Trade Minister Wanjiru Kamau spoke.");
    assert!(
        c.iter()
            .any(|c| c.text == "Wanjiru Kamau" && c.etype == Person)
    );
    assert!(!c.iter().any(|c| c.text == "Trade"));
    // near miss: a name before a title is still a name
    assert!(has(
        "Officials said Halvorsen Minister Olga Berg spoke.",
        "Olga Berg",
        Person
    ));
    // "the Minister X" at a sentence start
    assert!(has(
        "The Minister Ilse Marten arrived.",
        "Ilse Marten",
        Person
    ));
}

#[test]
fn organization_names_with_for_lists_and_plural_possessives() {
    assert!(has(
        "She works at the Lagos Institute for Urban Studies.",
        "Lagos Institute for Urban Studies",
        Organization
    ));
    assert!(has(
        "The Ministry of Trade, Industry and Fisheries said so.",
        "Ministry of Trade, Industry and Fisheries",
        Organization
    ));
    assert!(has(
        "She heads the Tema Dockworkers' Union now.",
        "Tema Dockworkers' Union",
        Organization
    ));
    // near misses: a person "of" an organization stays two names; a list after a person
    // stays a list
    let c = found("It was said by Amara Voss of the Lagos Institute for Urban Studies.");
    assert!(c.contains(&("Amara Voss".to_string(), Person)));
    assert!(c.contains(&(
        "Lagos Institute for Urban Studies".to_string(),
        Organization
    )));
    let c = found("Visitors came from Ghana, Togo and Benin.");
    assert!(c.iter().all(|(n, _)| !n.contains(',')));
    // a country before a generic organization is still its own mention
    let c = found("The Kenyan Defence Ministry said so.");
    assert!(c.contains(&("Kenyan".to_string(), Country)));
}

#[test]
fn landform_banks_are_locations_lenders_are_not() {
    let t = "Trawlers gathered near Corvina Bank on Monday. Corvina Bank is rich in cod.";
    let c = rec(t);
    assert!(
        c.iter()
            .filter(|c| c.text == "Corvina Bank")
            .all(|c| c.etype == Location)
    );
    assert!(has(
        "Marlin Bank, a shallow reef, was closed.",
        "Marlin Bank",
        Location
    ));
    assert!(has(
        "Shares of Corvina Bank fell after Corvina Bank reported losses.",
        "Corvina Bank",
        Organization
    ));
}

#[test]
fn sentence_initial_words_need_evidence() {
    assert!(
        !found("Dockworkers marched on Monday.")
            .iter()
            .any(|(n, _)| n == "Dockworkers")
    );
    // the same word used as a name elsewhere in the document stays
    let c = found("Ondrak said no. Officials met Ondrak later.");
    assert!(c.iter().any(|(n, _)| n == "Ondrak"));
    assert_eq!(c.iter().filter(|(n, _)| n == "Ondrak").count(), 2);
    // and so does a surname of a person of the document
    let c = found("Lena Ondrak arrived. Ondrak said no.");
    assert_eq!(c.iter().filter(|(n, _)| n.contains("Ondrak")).count(), 2);
}

#[test]
fn shared_short_forms_follow_the_document() {
    let t = "Ferries left Busan for South Korea's islands. Korean crews cheered.";
    assert_eq!(gid_of(t, "Korean").as_deref(), Some("country:KR"));
    // both Koreas mentioned: unresolved
    let t = "North Korea and South Korea met. Korean crews cheered.";
    assert_eq!(gid_of(t, "Korean"), None);
    assert!(!has(t, "Korean", Country));
}

#[test]
fn place_adjectives_and_province_of() {
    assert!(!has(
        "The two Central Asian states met.",
        "Central Asian",
        Person
    ));
    assert!(has(
        "Farmers came from the province of Dak Lak on Monday.",
        "Dak Lak",
        Location
    ));
    // near miss: "the minister of X" is not a place
    assert!(!has(
        "He met the minister of Dak Lak affairs.",
        "Dak Lak",
        Location
    ));
}

#[test]
fn apposition_titles_stop_at_verbs() {
    let c = rec(
        "The envoy for the sea, Helena Brandt, met with Spanish Foreign Minister Luis Carrasco.",
    );
    let h = c
        .iter()
        .find(|c| c.text == "Helena Brandt")
        .expect("person");
    assert_ne!(h.title.as_deref(), Some("Foreign Minister"));
    let l = c
        .iter()
        .find(|c| c.text == "Luis Carrasco")
        .expect("person");
    assert_eq!(l.title.as_deref(), Some("Foreign Minister"));
    // the title right in the apposition still counts
    let c = rec("Ines Moreno, the foreign minister, spoke.");
    let m = c.iter().find(|c| c.text == "Ines Moreno").expect("person");
    assert!(m.title.is_some());
}

#[test]
fn articles_of_gazetteer_names() {
    assert_eq!(
        gid_of("The Philippines has not replied.", "Philippines").as_deref(),
        Some("country:PH")
    );
    assert!(has("The Hague court ruled.", "The Hague", Location));
}
