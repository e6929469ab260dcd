//! Output formats. Every format serialises the one [`Article`] block list.

use crate::article::{Article, Block};

/// Plain text: title, blank line, the date when known, blank line, then the body
/// blocks separated by blank lines.
pub fn to_text(a: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str(t);
        out.push_str("\n\n");
    }
    if let Some(d) = &a.published {
        out.push_str(d);
        out.push_str("\n\n");
    }
    for (i, b) in a.blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&b.text());
    }
    out.push('\n');
    out
}

/// Whether a block list is empty of text.
pub fn is_empty(blocks: &[Block]) -> bool {
    blocks.iter().all(|b| b.text().trim().is_empty())
}
