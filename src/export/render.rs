//! Rendered diagrams: Graphviz (`dot`) when it is installed, otherwise SVG through the pure-Rust
//! layout of the `layout-rs` crate. PNG and PDF need Graphviz.

use super::Selection;
use super::dot;
use super::escape::clip;
use super::style::{bundle_label, penwidth, relation_style, type_style};
use crate::error::{KgError, Result};
use crate::graph::{self, MENTIONED_WITH};
use crate::model::*;
use graphviz_rust::cmd::{CommandArg, Format};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// An image format `kg render` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

impl ImageFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }
    fn graphviz(self) -> Format {
        match self {
            Self::Svg => Format::Svg,
            Self::Png => Format::Png,
            Self::Pdf => Format::Pdf,
        }
    }
}

/// Which engine drew a diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    Graphviz,
    Builtin,
}

/// The `dot` executable on PATH, if any. `KG_NO_GRAPHVIZ=1` pretends there is none.
pub fn dot_on_path() -> Option<PathBuf> {
    if std::env::var("KG_NO_GRAPHVIZ").as_deref() == Ok("1") {
        return None;
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("dot"))
        .find(|p| p.is_file())
}

/// Runs Graphviz on DOT text.
pub fn run_dot(dot_text: &str, format: ImageFormat) -> Result<Vec<u8>> {
    if dot_on_path().is_none() {
        return Err(KgError::GraphvizMissing {
            format: format.as_str().into(),
        });
    }
    graphviz_rust::exec_dot(
        dot_text.to_string(),
        vec![CommandArg::Format(format.graphviz())],
    )
    .map_err(|e| KgError::Render(format!("graphviz failed: {e}")))
}

/// Test helper: Graphviz's output for DOT text when `dot` is installed; panics if it fails.
#[cfg(test)]
pub(crate) fn run_dot_if_present(dot_text: &str, format: &str) -> Option<Vec<u8>> {
    dot_on_path()?;
    let f = ImageFormat::parse(format)?;
    Some(run_dot(dot_text, f).expect("graphviz accepts the DOT"))
}

/// Renders a selection: Graphviz when installed, else (SVG only) the built-in layout.
pub fn render(
    sel: &Selection,
    title: &str,
    format: ImageFormat,
    layout: &str,
) -> Result<(Vec<u8>, Renderer)> {
    if dot_on_path().is_some() {
        let text = dot::to_string(sel, title, layout);
        return Ok((run_dot(&text, format)?, Renderer::Graphviz));
    }
    match format {
        ImageFormat::Svg => Ok((builtin_svg(sel, title)?.into_bytes(), Renderer::Builtin)),
        other => Err(KgError::GraphvizMissing {
            format: other.as_str().into(),
        }),
    }
}

/// SVG through layout-rs (no external program): the colours and labels of the DOT export, one
/// line per pair of entities, and a legend row of the entity types present.
pub fn builtin_svg(sel: &Selection, title: &str) -> Result<String> {
    use layout::backends::svg::SVGWriter;
    use layout::core::base::Orientation;
    use layout::core::color::Color;
    use layout::core::style::{LineStyleKind, StyleAttr};
    use layout::std_shapes::render::get_shape_size;
    use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
    use layout::topo::layout::VisualGraph;

    let g = &sel.data;
    if g.entities.is_empty() {
        return Ok(empty_svg(title));
    }
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let mut handles = HashMap::new();
    let make = |label: &str, t: EntityType, focus: bool| {
        let (shape, fill) = type_style(t);
        let shape = match shape {
            "ellipse" => ShapeKind::new_circle(label),
            _ => ShapeKind::new_box(label),
        };
        let look = StyleAttr::new(
            Color::fast("#495057"),
            if focus { 3 } else { 1 },
            Some(Color::fast(fill)),
            if t == EntityType::Organization { 8 } else { 0 },
            if focus { 15 } else { 12 },
        );
        let sz = get_shape_size(dir.flip(), &shape, look.font_size, false);
        Element::create(shape, look, dir.flip(), sz)
    };
    for e in &g.entities {
        let h = vg.add_node(make(&clip(&e.name, 40), e.etype, Some(e.id) == sel.focus));
        handles.insert(e.id, h);
    }
    // one line per pair of entities (the layout has no room for parallel edges): the typed
    // relations name it, the strongest one styles it, the total weight sets its width
    let mut pairs: BTreeMap<(EntityId, EntityId), Vec<graph::Bundle>> = BTreeMap::new();
    for b in graph::bundle(&g.edges) {
        let key = (b.source.min(b.target), b.source.max(b.target));
        pairs.entry(key).or_default().push(b);
    }
    for bundles in pairs.values() {
        let typed: Vec<&graph::Bundle> = bundles
            .iter()
            .filter(|b| b.relation != MENTIONED_WITH)
            .collect();
        let lead = typed.first().copied().unwrap_or(&bundles[0]);
        let (Some(&s), Some(&t)) = (handles.get(&lead.source), handles.get(&lead.target)) else {
            continue;
        };
        if s == t {
            continue;
        }
        let (style, color) = relation_style(&lead.relation);
        let line = match style {
            "dashed" => LineStyleKind::Dashed,
            "dotted" => LineStyleKind::Dotted,
            _ => LineStyleKind::Normal,
        };
        let weight: u64 = bundles.iter().map(|b| b.weight).sum();
        let width = penwidth(weight).round().max(1.0) as usize;
        let look = StyleAttr::new(Color::fast(color), width, None, 0, 10);
        let end = if lead.directed {
            LineEndKind::Arrow
        } else {
            LineEndKind::None
        };
        let label = if typed.is_empty() {
            bundle_label(lead)
        } else {
            typed
                .iter()
                .map(|b| bundle_label(b))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let arrow = Arrow::new(LineEndKind::None, end, line, &label, &look, &None, &None);
        vg.add_edge(arrow, s, t);
    }
    // legend: one sample node per type present, chained so they sit together
    let mut types: Vec<EntityType> = g.entities.iter().map(|e| e.etype).collect();
    types.sort();
    types.dedup();
    let mut prev = None;
    for t in types {
        let h = vg.add_node(make(&format!("legend: {t}"), t, false));
        if let Some(p) = prev {
            vg.add_edge(Arrow::invisible(), p, h);
        }
        prev = Some(h);
    }
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        svg.finalize()
    }))
    .map_err(|_| KgError::Render("the built-in layout failed on this graph; install graphviz or narrow the selection (--focus, --max-nodes)".into()))?;
    Ok(out)
}

fn empty_svg(title: &str) -> String {
    let t = super::escape::html(title);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\" viewBox=\"0 0 400 60\"><text x=\"10\" y=\"35\" font-family=\"Helvetica\" font-size=\"14\">{t}: no entities selected</text></svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_svg_is_well_formed_and_escaped() {
        let sel = crate::export::test_support::nasty_selection();
        let svg = builtin_svg(&sel, "t").unwrap();
        assert!(svg.contains("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("&lt;Corp&gt; &amp; Sons"), "{svg}");
        assert!(!svg.contains("<Corp>"));
        let empty = builtin_svg(&Selection::default(), "a <b>").unwrap();
        assert!(empty.contains("a &lt;b&gt;: no entities"));
    }

    #[test]
    fn formats_parse() {
        assert_eq!(ImageFormat::parse("PNG"), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::parse("gif"), None);
    }
}
