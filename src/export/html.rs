//! One self-contained HTML page: the rendered diagram (inline SVG), a searchable table of the
//! statements and a table of the entities, with inline CSS and a few lines of inline JS. No
//! network access is needed to view it.

use super::Selection;
use super::escape::{clip, html as escape};
use crate::model::*;
use std::collections::HashMap;
use std::fmt::Write;

/// The `<svg>` element of an SVG document (drops the XML declaration, doctype and comments
/// before it).
pub fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg[i..].trim_end(),
        None => "",
    }
}

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;color:#212529}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}.note{color:#868e96}\
.diagram{overflow:auto;border:1px solid #dee2e6;padding:.5em;max-height:80vh}\
.diagram svg{max-width:none;height:auto}\
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border-bottom:1px solid #dee2e6;\
padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f1f3f5;position:sticky;top:0}\
input[type=search]{width:100%;max-width:40em;padding:.4em;font-size:1em;margin:.3em 0 .6em}\
.kind{color:#868e96;font-size:.85em}";

const SCRIPT: &str = "(function(){var q=document.getElementById('q');var rows=document.querySelectorAll('#statements tbody tr');\
var n=document.getElementById('shown');function f(){var t=q.value.toLowerCase();var k=0;\
for(var i=0;i<rows.length;i++){var hit=!t||rows[i].textContent.toLowerCase().indexOf(t)>=0;\
rows[i].style.display=hit?'':'none';if(hit){k++;}}n.textContent=k;}q.addEventListener('input',f);f();})();";

/// The page. `svg` is the rendered diagram (any SVG document).
pub fn page(sel: &Selection, title: &str, svg: &str) -> String {
    let g = &sel.data;
    let names: HashMap<EntityId, &str> = g.names();
    let name = |id: &EntityId| names.get(id).copied().unwrap_or("?");
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{t}</h1>\n",
        t = escape(title)
    );
    let _ = writeln!(
        s,
        "<p class=\"note\">{} entities, {} relations, {} statements from {} documents.{}</p>",
        g.entities.len(),
        g.edges.len(),
        g.statements.len(),
        g.documents.len(),
        sel.note
            .as_ref()
            .map(|n| format!(" {}", escape(n)))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "<div class=\"diagram\">\n{}\n</div>", inline_svg(svg));
    let _ = writeln!(
        s,
        "<h2>Statements (<span id=\"shown\">{n}</span> of {n})</h2>\n\
         <input id=\"q\" type=\"search\" placeholder=\"Filter statements: speaker, words, document…\" autofocus>\n\
         <table id=\"statements\">\n<thead><tr><th>Speaker</th><th>Statement</th><th>About</th><th>Document</th></tr></thead>\n<tbody>",
        n = g.statements.len()
    );
    for st in &g.statements {
        let x = &st.statement;
        let speaker = match (x.speaker, &x.speaker_text) {
            (Some(id), _) => name(&id).to_string(),
            (None, Some(t)) => format!("({t})"),
            (None, None) => "(unnamed)".into(),
        };
        let about: Vec<&str> = x.about.iter().map(name).collect();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{} <span class=\"kind\">{}, {} · s:{}</span></td><td>{}</td><td>{}</td></tr>",
            escape(&speaker),
            escape(&x.content),
            escape(x.kind.as_str()),
            escape(&x.cue),
            st.id.0,
            escape(&about.join(", ")),
            escape(&st.doc_name)
        );
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        s,
        "<h2>Entities ({})</h2>\n<table id=\"entities\">\n<thead><tr><th>Name</th><th>Type</th><th>Mentions</th><th>Documents</th><th>Also called</th></tr></thead>\n<tbody>",
        g.entities.len()
    );
    let mut ents: Vec<&Entity> = g.entities.iter().collect();
    ents.sort_by(|a, b| {
        b.mention_count
            .cmp(&a.mention_count)
            .then(a.name.cmp(&b.name))
    });
    for e in ents {
        let aliases: Vec<&str> = e
            .aliases
            .iter()
            .map(|a| a.surface.as_str())
            .filter(|a| *a != e.name)
            .collect();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&e.name),
            e.etype.as_str(),
            e.mention_count,
            e.doc_count,
            escape(&clip(&aliases.join(", "), 200))
        );
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = write!(
        s,
        "<p class=\"note\">Made by kg {}.</p>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_selection;

    #[test]
    fn page_is_self_contained_and_escaped() {
        let sel = nasty_selection();
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg><g/></svg>\n";
        let p = page(&sel, "Report <1>", svg);
        assert!(p.contains("<title>Report &lt;1&gt;</title>"));
        assert!(p.contains("<div class=\"diagram\">\n<svg><g/></svg>\n</div>"));
        assert!(!p.contains("<!DOCTYPE svg"));
        assert!(p.contains("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;"));
        assert!(!p.contains("<img"));
        assert!(!p.contains("</td></tr>\".into"));
        assert!(p.contains("Line\nBreak &lt;Corp&gt; &amp; Sons"));
        assert!(p.contains("a&amp;b &lt;doc&gt;.txt"));
        // no external resources
        for bad in ["http://", "https://", "src=\"", "<link"] {
            assert!(!p.contains(bad), "{bad} found");
        }
        assert!(p.contains("<input id=\"q\""));
        assert_eq!(p.matches("<tr><td>").count(), 1 + 3);
    }
}
