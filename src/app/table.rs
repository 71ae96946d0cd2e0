//! Plain aligned tables and CSV for terminal output.

pub use crate::export::escape::csv;

/// Renders rows under a header, columns padded to the widest cell (cells truncated at `max`).
pub fn render(header: &[&str], rows: &[Vec<String>], max: usize) -> String {
    let clip = |s: &str| -> String {
        let one_line = s.replace(['\n', '\r', '\t'], " ");
        if one_line.chars().count() > max {
            let mut t: String = one_line.chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            one_line
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let n = cells.len();
        for (i, c) in cells.into_iter().enumerate() {
            out.push_str(c);
            if i + 1 < n {
                let pad = widths[i].saturating_sub(c.chars().count()) + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    };
    line(header.to_vec(), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(rule.iter().map(String::as_str).collect(), &mut out);
    for r in &cells {
        line(r.iter().map(String::as_str).collect(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_and_clips() {
        let t = render(&["a", "bb"], &[vec!["xyz".into(), "1".into()]], 10);
        assert_eq!(t, "a    bb\n---  --\nxyz  1\n");
        let t = render(&["a"], &[vec!["abcdefghijkl".into()]], 5);
        assert!(t.contains("abcd…"));
    }
}
