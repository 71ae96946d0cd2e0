//! Statements shaped by their line: transcript turns ("SMITH: We will win.") and headline
//! claims ("Ruiz: Port Will Stay Closed").

use super::content::trim_content;
use super::{Builder, is_open_mark, word_count};
use crate::model::{EntityType, StatementKind};
use crate::relations::Ctx;
use crate::relations::speakers::{Speaker, SpeakerState, resolve, right_np};

/// Is sentence `s` a headline: a line of its own without closing punctuation?
pub(super) fn is_headline(ctx: &Ctx, s: usize) -> bool {
    let span = ctx.sentences[s];
    let text = span.slice(ctx.text).trim_end();
    let closed = text.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ';']);
    !closed && crate::text::ends_line(ctx.text, span.end)
}

/// The subject of a headline `a..b`: the name it opens with (a mention at its first token),
/// else the phrase as a whole.
pub(super) fn headline_subject(
    ctx: &Ctx,
    a: usize,
    b: usize,
    state: &SpeakerState,
) -> Option<Speaker> {
    if let Some(mi) = ctx.tok_mention[a] {
        let m = &ctx.mentions[mi];
        return Some(Speaker {
            entity: m.entity,
            text: m.span.slice(ctx.text).to_string(),
            span: m.span,
            report_noun: false,
            rule: "named",
        });
    }
    resolve(ctx, a, b, state)
}

/// The colon of a transcript label opening sentence `s` at a paragraph start: one to four
/// upper-case words ("HOST:") or a person's name ("Berg:"), then at least two more tokens.
fn transcript_label(ctx: &Ctx, s: usize) -> Option<usize> {
    let (s0, s1) = ctx.sent_toks[s];
    let start = ctx.sentences[s].start;
    let para_start = start == 0
        || ctx.text[..start]
            .trim_end_matches([' ', '\t'])
            .ends_with('\n');
    if !para_start {
        return None;
    }
    let colon = (s0..(s0 + 5).min(s1)).find(|&i| ctx.toks[i].lower == ":")?;
    if colon == s0 || colon + 3 > s1 {
        return None;
    }
    let upper = (s0..colon).all(|i| {
        let w = ctx.toks[i].span.slice(ctx.text);
        w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| !c.is_lowercase())
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
    });
    let person = (s0..colon).all(|i| {
        ctx.entity_at(i)
            .is_some_and(|e| ctx.etype(e) == EntityType::Person)
    });
    (upper || person).then_some(colon)
}

/// The last sentence of the paragraph sentence `s` is in.
fn paragraph_last_sentence(ctx: &Ctx, s: usize) -> usize {
    let start = ctx.sentences[s].start;
    let para_end = ctx.text[start..]
        .find('\n')
        .map_or(ctx.text.len(), |k| start + k);
    let mut last = s;
    while last + 1 < ctx.sentences.len() && ctx.sentences[last + 1].end <= para_end {
        last += 1;
    }
    last
}

impl Builder<'_, '_> {
    /// Transcript lines: "SMITH: We will win." at the start of a paragraph; the turn runs to
    /// the end of the paragraph.
    pub(super) fn transcript(&mut self, s: usize) -> bool {
        let ctx = self.ctx;
        let (s0, _) = ctx.sent_toks[s];
        let Some(colon) = transcript_label(ctx, s) else {
            return false;
        };
        let last = paragraph_last_sentence(ctx, s);
        let (_, e1) = ctx.sent_toks[last];
        let (ca, cb) = trim_content(ctx, colon + 1, e1);
        if word_count(ctx, ca, cb) < 2 {
            return false;
        }
        let entity = (s0..colon).find_map(|i| ctx.entity_at(i));
        let sp = Speaker {
            entity,
            text: ctx.span(s0, colon).slice(ctx.text).to_string(),
            span: ctx.span(s0, colon),
            report_noun: false,
            rule: if entity.is_some() {
                "named"
            } else {
                "name.unlinked"
            },
        };
        let content = ctx.span(ca, cb);
        self.push(
            Some(&sp),
            (colon, colon + 1),
            content,
            StatementKind::Direct,
            "direct.transcript",
            0.7,
            false,
            (s0, e1),
        );
        for i in ca..cb {
            self.used[i] = true;
        }
        true
    }

    /// A headline `Name: claim` ("Ruiz: Port Will Stay Closed", "Berg to Lima: Talks Are Over"):
    /// the name (or "Name to/at X") before a colon near the start of a headline line speaks the
    /// rest. Speech mode needs a named speaker; attitude mode also takes other capitalised
    /// phrases ("Poll: ...", PolNeAR's convention).
    pub(super) fn headline_claim(&mut self, s: usize) {
        let ctx = self.ctx;
        let (s0, s1) = ctx.sent_toks[s];
        if !is_headline(ctx, s) || !ctx.toks[s0].cap {
            return;
        }
        let Some(j) = (s0 + 1..(s0 + 8).min(s1))
            .find(|&k| ctx.toks[k].lower == ":" && ctx.tok_quote[k].is_none())
        else {
            return;
        };
        // the claim: at least three words, not a quote (the quote rules take those)
        if word_count(ctx, j + 1, s1) < 3 || (j + 1..s1).any(|k| self.used[k]) {
            return;
        }
        if is_open_mark(ctx, j + 1) {
            return;
        }
        let Some((a, b)) = right_np(ctx, s0, j) else {
            return;
        };
        let addressed = b < j && matches!(ctx.toks[b].lower.as_str(), "to" | "at" | "on");
        if a != s0 || !(b == j || addressed) {
            return;
        }
        let sp = headline_subject(ctx, a, b, &self.state);
        let sp = match sp {
            Some(sp) if sp.entity.is_some() || ctx.lex.attitudes => sp,
            None if ctx.lex.attitudes => Speaker {
                entity: None,
                text: ctx.span(a, b).slice(ctx.text).to_string(),
                span: ctx.span(a, b),
                report_noun: false,
                rule: "unnamed",
            },
            _ => return,
        };
        let (ca, cb) = trim_content(ctx, j + 1, s1);
        if ca >= cb {
            return;
        }
        self.push(
            Some(&sp),
            (j, j + 1),
            ctx.span(ca, cb),
            StatementKind::Indirect,
            "indirect.headline",
            0.5,
            false,
            (s0, s1),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn transcript_turns_and_inverted_before_quotes() {
        let v = stmts(
            "HOST: Welcome back.\nBerg: The border stays closed until May.\n",
            PEOPLE,
        );
        let s = one(&v, "border stays closed");
        assert_eq!(s.speaker, Some(1));
        assert_eq!(s.rule, "direct.transcript.named");
        let v = stmts("Said Ruiz: \u{201C}Chile will not wait.\u{201D}", PEOPLE);
        assert_eq!(one(&v, "will not wait").speaker, Some(0));
        // near miss: a colon after an ordinary lower-case phrase is not a turn
        let v = stmts("Note: the border stays closed until May.\n", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn a_headline_name_before_a_colon_speaks_the_rest() {
        let v = stmts(
            "Ruiz: Port Will Stay Closed Until Spring\n\nThe port is closed.",
            PEOPLE,
        );
        let s = one(&v, "Port Will Stay Closed");
        assert_eq!((s.speaker, s.cue.as_str()), (Some(0), ":"));
        let v = stmts("Berg to Lima: Talks Are Over\n\nThe talks ended.", PEOPLE);
        assert_eq!(one(&v, "Talks Are Over").speaker, Some(1));
        // near misses: an unnamed label in speech mode, a colon in running text
        let v = stmts(
            "Analysis: Port Will Stay Closed Until Spring\n\nIt is.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
        let v = stmts(
            "Ruiz had one aim: the port would stay closed until spring.",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.cue != ":"), "{v:#?}");
        // attitude mode keeps the label as wording (PolNeAR's convention)
        let v = run_attitudes(&doc(
            "Poll: Ruiz Leads Berg By Nine Points\n\nShe does.",
            PEOPLE,
        ))
        .0;
        assert_eq!(
            one(&v, "Ruiz Leads Berg").speaker_text.as_deref(),
            Some("Poll")
        );
    }

    #[test]
    fn a_title_case_headline_has_capitalised_cues() {
        let v = stmts("Ruiz Says Harbour Museum Will Tell of Hard Times", PEOPLE);
        assert_eq!(one(&v, "Harbour Museum").speaker, Some(0));
        // near miss: the same words in a sentence are a name
        let v = stmts(
            "The Ruiz Says Foundation gave money to the harbour museum on Monday.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
    }
}
