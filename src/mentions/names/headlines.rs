//! Headlines and bylines: the mode of a sentence, and the few safe readings of an ALL-CAPS
//! line, where capitals are no evidence of a name.

use super::{Candidate, Ctx, Mode, Sent};
use crate::mentions::gazetteer::Gazetteer;
use crate::model::EntityType;
use crate::text::WordTok;
use rustc_hash::FxHashMap;

/// The mode of a sentence: ALL CAPS, a Title Case headline, or ordinary text.
pub(super) fn mode_of(toks: &[WordTok<'_>], g: &Gazetteer) -> Mode {
    let mut words: Vec<&WordTok<'_>> = Vec::with_capacity(toks.len());
    words.extend(toks.iter().filter(|t| {
        t.word
            && t.text
                .chars()
                .filter(|c| c.is_alphabetic())
                .nth(1)
                .is_some()
    }));
    if mostly_upper_case(&words) {
        return Mode::AllCaps;
    }
    if title_case_headline(toks, &words, g) {
        return Mode::TitleCase;
    }
    Mode::Normal
}

/// An ALL-CAPS line: two words or more, six in ten of them upper case.
fn mostly_upper_case(words: &[&WordTok<'_>]) -> bool {
    let upper = words.iter().filter(|t| t.upper).count();
    words.len() >= 2 && upper * 10 >= words.len() * 6
}

/// A Title Case headline: no closing period, and of three or more words of four letters or
/// more, three in four capitalised, two of them ordinary words (a list of names or a results
/// line capitalises no ordinary words).
fn title_case_headline(toks: &[WordTok<'_>], words: &[&WordTok<'_>], g: &Gazetteer) -> bool {
    let ends_with_period = toks
        .iter()
        .rev()
        .find(|t| !matches!(t.text, "\"" | "\u{201D}" | "'" | "\u{2019}" | ")"))
        .is_some_and(|t| matches!(t.text, "." | "?" | "!"));
    if ends_with_period {
        return false;
    }
    let mut content: Vec<&&WordTok<'_>> = Vec::with_capacity(words.len());
    content.extend(words.iter().filter(|t| t.text.len() >= 4));
    if content.len() < 3 {
        return false;
    }
    let cap = content.iter().filter(|t| t.cap).count();
    let cap_common = content
        .iter()
        .filter(|t| t.cap && g.is_common(t.text) && !g.is_given_name(t.text))
        .count();
    cap * 4 >= content.len() * 3 && cap_common >= 2
}

/// The names the body of the document found, for reading its ALL-CAPS lines.
pub(super) struct BodyNames {
    /// Normalised name → (type, gazetteer id, family first).
    known: FxHashMap<String, (EntityType, Option<String>, bool)>,
    /// The most words in a known name (at least 1).
    max_words: usize,
}

impl BodyNames {
    pub(super) fn of(out: &[Candidate]) -> Self {
        let mut known: FxHashMap<String, (EntityType, Option<String>, bool)> = FxHashMap::default();
        let mut max_words = 1;
        for c in out {
            let k = crate::normalize::key(&c.text);
            max_words = max_words.max(k.split(' ').count());
            known
                .entry(k)
                .or_insert((c.etype, c.gazetteer_id.clone(), c.family_first));
        }
        for short in unique_person_short_forms(out) {
            known
                .entry(short)
                .or_insert((EntityType::Person, None, false));
        }
        Self { known, max_words }
    }
}

/// People's short forms ("TARANGO" for Jeff Tarango) that only one person of the document has.
fn unique_person_short_forms(out: &[Candidate]) -> Vec<String> {
    let mut shorts: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for c in out.iter().filter(|c| c.etype == EntityType::Person) {
        let k = crate::normalize::key(&c.text);
        let toks: Vec<&str> = k.split(' ').collect();
        if toks.len() >= 2 {
            let short = if c.family_first {
                toks[0]
            } else {
                toks[toks.len() - 1]
            };
            let v = shorts.entry(short.to_string()).or_default();
            if !v.contains(&k) {
                v.push(k.clone());
            }
        }
    }
    shorts
        .into_iter()
        .filter(|(_, fulls)| fulls.len() == 1)
        .map(|(short, _)| short)
        .collect()
}

/// The words a byline name may take from token `i`: up to four, ending after a possessive.
fn byline_words<'s, 't>(s: &'s Sent<'t>, i: usize) -> &'s [WordTok<'t>] {
    let toks = &s.toks;
    let mut q = i;
    while q < toks.len() && q < i + 4 && toks[q].word && (q == i || !toks[q - 1].possessive) {
        q += 1;
    }
    &toks[i..q]
}

impl Ctx<'_, '_> {
    /// ALL-CAPS sentence: names seen in the body, gazetteer names, and safe person shapes.
    pub(super) fn allcaps(&mut self, s: &Sent<'_>, body: &BodyNames) {
        let hits = self.gaz_hits(s);
        let mut i = 0;
        while i < s.toks.len() {
            if !s.toks[i].word {
                i += 1;
                continue;
            }
            let hit_len = hits[i].as_ref().map_or(0, |h| h.len);
            // body names first (they carry the document's own reading)
            i += if let Some(l) = self.known_name_in_capitals(s, body, i, hit_len) {
                l
            } else if hit_len > 0 {
                self.gazetteer_reading(s, &hits, i);
                hit_len
            } else {
                // bylines: "By JOHN SMITH", "PARK HYUN-JU"
                self.byline_east_asian_name(s, i)
                    .or_else(|| self.byline_given_name(s, i))
                    .unwrap_or(1)
            };
        }
    }

    /// "ZELBORIA" after "Zelboria": a typed name the body found, written again in capitals,
    /// unless a longer gazetteer name starts here. Returns its length.
    fn known_name_in_capitals(
        &mut self,
        s: &Sent<'_>,
        body: &BodyNames,
        i: usize,
        hit_len: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
        let mut n = 0;
        for k in 0..body.max_words.min(6) {
            let Some(t) = toks.get(i + k) else { break };
            if !t.word || (k > 0 && toks[i + k - 1].possessive) {
                break;
            }
            n += 1;
        }
        let (l, (etype, gid, ff)) = (1..=n).rev().find_map(|l| {
            body.known
                .get(s.keys.phrase(i, i + l))
                .filter(|v| v.0 != EntityType::Other)
                .map(|v| (l, v.clone()))
        })?;
        if l < hit_len {
            return None;
        }
        let c = self.push(s, i, i + l, etype, "headline:known-name", 0.8);
        c.gazetteer_id = gid;
        c.family_first = ff;
        Some(l)
    }

    /// "PARK HYUN-JU" in a byline: an East Asian family name before a hyphenated given name.
    fn byline_east_asian_name(&mut self, s: &Sent<'_>, i: usize) -> Option<usize> {
        let w = byline_words(s, i);
        let fires = w.len() >= 3
            && self.g.is_ea_surname(w[0].text)
            && w[2].hyphen_before
            && !w[1].hyphen_before;
        if !fires {
            return None;
        }
        self.push(s, i, i + 3, EntityType::Person, "name:east-asian", 0.8)
            .family_first = true;
        Some(3)
    }

    /// "By JOHN SMITH": a given name and a second word, neither an ordinary word.
    fn byline_given_name(&mut self, s: &Sent<'_>, i: usize) -> Option<usize> {
        let w = byline_words(s, i);
        let g = self.g;
        let fires = w.len() >= 2
            && g.is_given_name(w[0].text)
            && !g.is_common(w[0].text)
            && !g.is_common(w[1].text)
            && w[1].text.chars().all(char::is_alphabetic);
        if !fires {
            return None;
        }
        self.push(s, i, i + 2, EntityType::Person, "name:given-name", 0.7);
        Some(2)
    }
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{has, rule_of};
    use crate::model::EntityType::Person;

    #[test]
    fn a_short_form_in_capitals_is_the_one_person_of_the_body_with_it() {
        let t = "BRASTOW WINS AGAIN\nOlin Brastow won the race on Sunday.";
        assert_eq!(
            rule_of(t, "BRASTOW").as_deref(),
            Some("headline:known-name")
        );
        // near miss: two people of the body share the surname
        let t = "BRASTOW WINS AGAIN\nOlin Brastow and Mira Brastow won the race on Sunday.";
        assert_eq!(rule_of(t, "BRASTOW"), None);
    }

    #[test]
    fn byline_given_name_before_an_uncommon_word() {
        let t = "By MARTA OSTROVSKI\nThe talks went on.";
        assert!(has(t, "MARTA OSTROVSKI", Person));
        assert_eq!(
            rule_of(t, "MARTA OSTROVSKI").as_deref(),
            Some("name:given-name")
        );
        // near miss: the second word is an ordinary word
        assert_eq!(
            rule_of("By LAURA HOUSE\nThe talks went on.", "LAURA HOUSE"),
            None
        );
    }
}
