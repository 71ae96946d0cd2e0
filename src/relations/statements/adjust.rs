//! Adjustments of the statements found, once every rule has run: nested sourcing and raising
//! verbs.

use super::content::trim_content;
use super::{Found, about, word_count};
use crate::model::Statement;
use crate::relations::Ctx;

/// Nested sourcing: when a credited statement ("..., according to X") holds another speaker's
/// statement ("Y said ..."), the credit covers what Y's attribution leaves: the content starts
/// after Y's cue, and Y is not something X talks about unless named again.
pub fn split_nested(ctx: &Ctx, found: &mut [Found]) {
    let credits: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].statement.rule.starts_with("indirect.according"))
        .collect();
    for i in credits {
        let outer = found[i].statement.content_span;
        let nested = found.iter().enumerate().find_map(|(j, f)| {
            let st = &f.statement;
            let cue = st.cue_span?;
            let sp = st.speaker_span?;
            (j != i
                && !st.rule.starts_with("indirect.according")
                && outer.contains(cue)
                && sp.start <= outer.start + 1
                && sp.end >= outer.start)
                .then_some((cue, st.speaker))
        });
        let Some((cue, nested_speaker)) = nested else {
            continue;
        };
        let from = ctx.toks.partition_point(|t| t.span.start < cue.end);
        let to = ctx.toks.partition_point(|t| t.span.end <= outer.end);
        let (a, b) = trim_content(ctx, from, to);
        if word_count(ctx, a, b) < 2 {
            continue;
        }
        let span = ctx.span(a, b);
        let st = &mut found[i].statement;
        st.content_span = span;
        st.content = span.slice(ctx.text).to_string();
        st.about = about(ctx, span, st.speaker);
        if let Some(n) = nested_speaker {
            st.about.retain(|&e| e != n);
        }
        st.rule.push_str("+nested");
    }
}

/// A raising verb ("Ruiz seems to doubt the plan", "she appeared ready to sign", "it seems the
/// deal collapsed") reports the writer's view, not its subject's: in attitude mode such a
/// statement has no speaker.
pub(in crate::relations) fn unsource_raising(ctx: &Ctx, st: &mut Statement) {
    let Some(cue) = st.cue_span else { return };
    let first = ctx.toks.partition_point(|t| t.span.start < cue.start);
    let Some(first) = ctx.toks.get(first) else {
        return;
    };
    let raising = matches!(
        first.lower.as_str(),
        "seem" | "seems" | "seemed" | "seeming" | "appear" | "appears" | "appeared" | "appearing"
    );
    if raising && (st.speaker.is_some() || st.speaker_text.is_some()) {
        // the subject is what the view is about
        if let Some(e) = st.speaker.take()
            && !st.about.contains(&e)
        {
            st.about.push(e);
        }
        st.speaker_text = None;
        st.speaker_span = None;
        st.rule.push_str("+raising");
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn a_raising_verb_has_no_speaker_in_attitude_mode() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        // the writer's view of Ruiz, about Ruiz
        let v = att("Ruiz seems to doubt the harbour plan.");
        let s = one(&v, "to doubt the harbour plan");
        assert_eq!(
            (s.speaker, s.speaker_text.as_deref()),
            (None, None),
            "{s:#?}"
        );
        assert!(s.about.contains(&0), "{s:#?}");
        assert!(s.rule.ends_with("+raising"), "{s:#?}");
        let v = att("Ruiz seemed content with the harbour plan.");
        assert!(
            !v.is_empty() && v.iter().all(|s| s.speaker.is_none()),
            "{v:#?}"
        );
        // near misses: a raising word inside what a speaker said, and "appeared" without "to"
        let v = att("Berg said Ruiz seems to doubt the harbour plan.");
        assert_eq!(one(&v, "Ruiz seems to doubt").speaker, Some(1));
        let v = att("Ruiz appeared on television and said the port would stay closed.");
        assert!(v.iter().all(|s| s.speaker == Some(0)), "{v:#?}");
    }
}
