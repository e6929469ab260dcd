//! Output formats. Every format serialises the one [`Article`] block list.
//!
//! - [`to_text`]: plain text for reading in a terminal;
//! - [`to_markdown`]: CommonMark (with GitHub-style tables), special characters escaped;
//! - [`to_html`]: a clean standalone HTML document holding only the article. Extracting
//!   that document again with [`crate::extract`] gives back the same article.

use std::fmt::Write as _;

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

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// Markdown (CommonMark, with GitHub-flavoured tables).
///
/// The title becomes a `# ` heading, followed by an italic byline line (authors and date,
/// when known). Body headings keep their level (`##` for `<h2>`), list items become `- ` or
/// numbered `1. ` items indented four spaces per nesting level, quotes `> `, preformatted
/// text a fenced code block, table rows a pipe table (with a separator row after the header
/// row; a table without a header row gets an empty one, as pipe tables require it), and
/// captions italic lines. Characters that would otherwise be read as Markdown syntax are
/// backslash-escaped; line breaks inside a block become hard breaks.
pub fn to_markdown(a: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str("# ");
        out.push_str(&md_escape_line(&one_line(t), true));
        out.push_str("\n\n");
    }
    let mut byline = Vec::new();
    if !a.authors.is_empty() {
        byline.push(format!("By {}", a.authors.join(", ")));
    }
    if let Some(d) = &a.published {
        byline.push(d.clone());
    }
    if !byline.is_empty() {
        out.push('*');
        out.push_str(&md_escape_line(&one_line(&byline.join(" · ")), false));
        out.push_str("*\n\n");
    }

    let blocks = &a.blocks;
    let mut i = 0;
    let mut first = true;
    while i < blocks.len() {
        if !first {
            out.push('\n');
        }
        first = false;
        match &blocks[i] {
            Block::ListItem { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::ListItem { .. }));
                md_list(&mut out, &blocks[i..end]);
                i = end;
            }
            Block::TableRow { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::TableRow { .. }));
                md_table(&mut out, &blocks[i..end]);
                i = end;
            }
            Block::Quote { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::Quote { .. }));
                for (k, b) in blocks[i..end].iter().enumerate() {
                    if k > 0 {
                        out.push_str(">\n");
                    }
                    md_lines(&mut out, &b.text(), "> ", "> ");
                }
                i = end;
            }
            Block::Paragraph { text } => {
                md_lines(&mut out, text, "", "");
                i += 1;
            }
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                out.push_str(&hashes);
                out.push(' ');
                out.push_str(&md_escape_line(&one_line(text), true));
                out.push('\n');
                i += 1;
            }
            Block::Preformatted { text } => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                out.push_str(&fence);
                out.push('\n');
                out.push_str(text);
                out.push('\n');
                out.push_str(&fence);
                out.push('\n');
                i += 1;
            }
            Block::Caption { text } => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    out.push('*');
                    out.push_str(&md_escape_line(line.trim(), false));
                    out.push_str("*\n");
                }
                i += 1;
            }
            #[allow(unreachable_patterns)]
            other => {
                md_lines(&mut out, &other.text(), "", "");
                i += 1;
            }
        }
    }
    out
}

/// Index just past the run of blocks starting at `start` that satisfy `pred`.
fn run_end(blocks: &[Block], start: usize, pred: impl Fn(&Block) -> bool) -> usize {
    blocks[start..]
        .iter()
        .position(|b| !pred(b))
        .map_or(blocks.len(), |p| start + p)
}

/// Writes a possibly multi-line text: the first line after `first_prefix`, the others
/// after `rest_prefix`, joined by hard line breaks.
fn md_lines(out: &mut String, text: &str, first_prefix: &str, rest_prefix: &str) {
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for (k, line) in lines.iter().enumerate() {
        out.push_str(if k == 0 { first_prefix } else { rest_prefix });
        out.push_str(&md_escape_line(line, true));
        if k + 1 < lines.len() {
            // A backslash at the end of a line is a hard line break.
            out.push('\\');
        }
        out.push('\n');
    }
}

fn md_list(out: &mut String, items: &[Block]) {
    // Counter per depth for numbered items; reset when a shallower item closes a sublist.
    let mut counters: Vec<(bool, usize)> = Vec::new();
    for b in items {
        let Block::ListItem {
            ordered,
            depth,
            text,
        } = b
        else {
            continue;
        };
        let d = usize::from(*depth);
        counters.truncate(d + 1);
        while counters.len() < d + 1 {
            counters.push((*ordered, 0));
        }
        if counters[d].0 != *ordered {
            counters[d] = (*ordered, 0);
        }
        counters[d].1 += 1;
        let indent = "    ".repeat(d);
        let marker = if *ordered {
            format!("{}. ", counters[d].1)
        } else {
            "- ".to_string()
        };
        let first = format!("{indent}{marker}");
        let rest = format!("{indent}{}", " ".repeat(marker.len()));
        md_lines(out, text, &first, &rest);
    }
}

fn md_table(out: &mut String, rows: &[Block]) {
    let cols = rows
        .iter()
        .map(|r| match r {
            Block::TableRow { cells, .. } => cells.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let write_row = |out: &mut String, cells: &[String]| {
        out.push('|');
        for c in 0..cols {
            let cell = cells.get(c).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(&md_escape_cell(cell));
            out.push_str(" |");
        }
        out.push('\n');
    };
    let separator = |out: &mut String| {
        out.push('|');
        for _ in 0..cols {
            out.push_str(" --- |");
        }
        out.push('\n');
    };
    let mut wrote_separator = false;
    for (k, r) in rows.iter().enumerate() {
        let Block::TableRow { header, cells } = r else {
            continue;
        };
        if k == 0 && !header {
            // Pipe tables need a header row: give a headless table an empty one.
            write_row(out, &[]);
            separator(out);
            wrote_separator = true;
        }
        write_row(out, cells);
        if !wrote_separator {
            separator(out);
            wrote_separator = true;
        }
    }
}

fn md_escape_cell(cell: &str) -> String {
    md_escape_line(&one_line(cell), false).replace('|', "\\|")
}

/// Length of the longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Collapses line breaks (for places where Markdown allows only one line).
fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes one line of text so that Markdown renders it literally.
///
/// Always escaped: `\`, `` ` ``, `*`, `[`, `]`, `<` and `~`.
/// Escaped by position: `_` at word edges (intraword underscores are literal in CommonMark),
/// `&` that would start an entity, and at line start (when `line_start` is set) `#`, `>`,
/// `+`/`-`/`=` list or heading markers and `1.`/`1)` ordered-list markers.
fn md_escape_line(s: &str, line_start: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => looks_like_entity(&chars[i + 1..]),
            '#' | '>' => i == 0 && line_start,
            '+' | '-' | '=' => {
                i == 0
                    && line_start
                    && (next.is_none_or(|n| n == ' ' || n == '\t')
                        || chars.iter().all(|&x| x == c || x == ' '))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        // "1. " or "1) " at the start of a line would begin an ordered list.
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if (1..=9).contains(&digits) {
            let rest = &out[digits..];
            let mut it = rest.chars();
            if let (Some(p @ ('.' | ')')), after) = (it.next(), it.next()) {
                if after.is_none_or(|a| a == ' ' || a == '\t') {
                    out.replace_range(digits..digits + 1, &format!("\\{p}"));
                }
            }
        }
    }
    out
}

/// Whether the characters after an `&` form an HTML character reference (`amp;`, `#38;`).
fn looks_like_entity(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(32)
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// A clean standalone HTML5 document holding only the article.
///
/// The metadata goes into `<head>` (`<title>`, `<meta name="author">`,
/// `<meta property="article:published_time">`, `og:site_name`, `<link rel="canonical">`,
/// `<html lang>`); the body is one `<article>` holding the `<h1>` title and exactly the
/// article blocks, so that extracting the document again yields the same article. Paragraphs become `<p>` (line
/// breaks `<br>`), headings `<h1>`..`<h6>`, list items `<ul>`/`<ol>` with `<li>` nested by
/// depth, quotes one `<blockquote>` per run of quote blocks, preformatted text `<pre>`, table
/// rows a `<table>` with `<th>`/`<td>` cells (header rows in `<thead>`), captions
/// `<figure><figcaption>`. All text is HTML-escaped.
pub fn to_html(a: &Article) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(l) = &a.language {
        let _ = write!(out, " lang=\"{}\"", escape_html(l));
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(t) = &a.title {
        let _ = writeln!(out, "<title>{}</title>", escape_text(&one_line(t)));
        let _ = writeln!(
            out,
            "<meta property=\"og:title\" content=\"{}\">",
            escape_html(&one_line(t))
        );
    }
    if !a.authors.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape_html(&a.authors.join(", "))
        );
    }
    if let Some(d) = &a.published {
        let _ = writeln!(
            out,
            "<meta property=\"article:published_time\" content=\"{}\">",
            escape_html(d)
        );
    }
    if let Some(s) = &a.site_name {
        let _ = writeln!(
            out,
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape_html(s)
        );
    }
    if let Some(u) = &a.url {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape_html(u));
    }
    out.push_str("</head>\n<body>\n<article>\n");
    if let Some(t) = &a.title {
        let _ = writeln!(out, "<h1>{}</h1>", escape_text(&one_line(t)));
    }
    let blocks = &a.blocks;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::ListItem { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::ListItem { .. }));
                html_list(&mut out, &blocks[i..end]);
                i = end;
            }
            Block::TableRow { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::TableRow { .. }));
                html_table(&mut out, &blocks[i..end]);
                i = end;
            }
            Block::Quote { .. } => {
                let end = run_end(blocks, i, |b| matches!(b, Block::Quote { .. }));
                out.push_str("<blockquote>\n");
                for b in &blocks[i..end] {
                    let _ = writeln!(out, "<p>{}</p>", html_lines(&b.text()));
                }
                out.push_str("</blockquote>\n");
                i = end;
            }
            Block::Paragraph { text } => {
                let _ = writeln!(out, "<p>{}</p>", html_lines(text));
                i += 1;
            }
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 6);
                let _ = writeln!(out, "<h{l}>{}</h{l}>", html_lines(text));
                i += 1;
            }
            Block::Preformatted { text } => {
                // A newline right after <pre> is dropped by parsers: add one so that a
                // leading blank line of the text survives.
                let _ = writeln!(out, "<pre>\n{}</pre>", escape_text(text));
                i += 1;
            }
            Block::Caption { text } => {
                let _ = writeln!(
                    out,
                    "<figure><figcaption>{}</figcaption></figure>",
                    html_lines(text)
                );
                i += 1;
            }
            #[allow(unreachable_patterns)]
            other => {
                let _ = writeln!(out, "<p>{}</p>", html_lines(&other.text()));
                i += 1;
            }
        }
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// Escaped text with line breaks as `<br>`.
fn html_lines(text: &str) -> String {
    escape_text(text).replace('\n', "<br>\n")
}

/// Escapes `&`, `<` and `>` for use in HTML text content (quotes need no escaping there).
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn html_list(out: &mut String, items: &[Block]) {
    // Open lists, innermost last: whether each is ordered.
    let mut open: Vec<bool> = Vec::new();
    for b in items {
        let Block::ListItem {
            ordered,
            depth,
            text,
        } = b
        else {
            continue;
        };
        let d = usize::from(*depth);
        // Close deeper lists.
        while open.len() > d + 1 {
            let o = open.pop().unwrap_or(false);
            let _ = write!(out, "</li>\n</{}>\n", list_tag(o));
        }
        if open.len() == d + 1 {
            if open[d] == *ordered {
                out.push_str("</li>\n");
            } else {
                // Same depth, other kind of list: close it and open the new one.
                let o = open.pop().unwrap_or(false);
                let _ = write!(out, "</li>\n</{}>\n", list_tag(o));
            }
        }
        // Open lists down to this depth (inside the current item, when there is one).
        while open.len() < d + 1 {
            let o = if open.len() == d { *ordered } else { false };
            let _ = writeln!(out, "<{}>", list_tag(o));
            open.push(o);
            if open.len() < d + 1 {
                // A depth jump: the intermediate list needs an item to hold the sublist.
                out.push_str("<li>");
            }
        }
        let _ = write!(out, "<li>{}", html_lines(text));
    }
    while let Some(o) = open.pop() {
        let _ = write!(out, "</li>\n</{}>\n", list_tag(o));
    }
}

fn list_tag(ordered: bool) -> &'static str {
    if ordered {
        "ol"
    } else {
        "ul"
    }
}

fn html_table(out: &mut String, rows: &[Block]) {
    out.push_str("<table>\n");
    let mut in_body = false;
    let mut in_head = false;
    for r in rows {
        let Block::TableRow { header, cells } = r else {
            continue;
        };
        if *header && !in_body && !in_head {
            out.push_str("<thead>\n");
            in_head = true;
        } else if !*header && !in_body {
            if in_head {
                out.push_str("</thead>\n");
                in_head = false;
            }
            out.push_str("<tbody>\n");
            in_body = true;
        }
        out.push_str("<tr>");
        let cell_tag = if *header { "th" } else { "td" };
        for c in cells {
            let _ = write!(out, "<{cell_tag}>{}</{cell_tag}>", escape_text(c));
        }
        out.push_str("</tr>\n");
    }
    if in_head {
        out.push_str("</thead>\n");
    }
    if in_body {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

/// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract, Options};

    fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    fn item(ordered: bool, depth: u8, t: &str) -> Block {
        Block::ListItem {
            ordered,
            depth,
            text: t.into(),
        }
    }

    fn row(header: bool, cells: &[&str]) -> Block {
        Block::TableRow {
            header,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn sample() -> Article {
        Article {
            title: Some("Council approves <new> budget & tax plan".into()),
            authors: vec!["Jane Doe".into(), "Max Mustermann".into()],
            published: Some("2024-05-02T09:30:00+02:00".into()),
            language: Some("en".into()),
            site_name: Some("The Example Times".into()),
            url: Some("https://news.example.com/budget?id=1&x=\"2\"".into()),
            blocks: vec![
                para("The city council approved the 2025 budget on Thursday evening, after a debate that lasted more than six hours, officials said."),
                para("Spending on schools rises by 4% & road repairs get <b>twice</b> as much as last year, according to the draft seen by reporters."),
                Block::Heading { level: 2, text: "What changes for residents".into() },
                item(false, 0, "Bus fares stay at 2.50 euros"),
                item(false, 1, "Children under 12 ride free"),
                item(false, 1, "Seniors pay half"),
                item(false, 0, "Parking fees rise in the centre"),
                para("The plan now goes to the regional authority for review, which usually takes about six weeks."),
                item(true, 0, "First reading in June"),
                item(true, 0, "Final vote in July"),
                Block::Quote { text: "This budget is about the next ten years, not the next election.".into() },
                Block::Quote { text: "We listened to \"everyone\".".into() },
                Block::Heading { level: 3, text: "Numbers".into() },
                row(true, &["Area", "2024", "2025"]),
                row(false, &["Schools", "120", "125"]),
                row(false, &["Roads", "40", "80"]),
                row(false, &["Parks | gardens", "10", "11"]),
                Block::Preformatted { text: "total = 245\n  if x < 3 && y > 4 { }".into() },
                para("Line one of an address\nLine two of an address, with more words in it."),
            ],
            ..Article::default()
        }
    }

    #[test]
    fn html_escapes_everything() {
        let h = to_html(&sample());
        assert!(h.contains("<h1>Council approves &lt;new&gt; budget &amp; tax plan</h1>"));
        assert!(h.contains("<title>Council approves &lt;new&gt; budget &amp; tax plan</title>"));
        assert!(h.contains("4% &amp; road repairs get &lt;b&gt;twice&lt;/b&gt; as much"));
        assert!(h.contains("We listened to \"everyone\"."));
        assert!(h.contains("href=\"https://news.example.com/budget?id=1&amp;x=&quot;2&quot;\""));
        assert!(h.contains("<pre>\ntotal = 245\n  if x &lt; 3 &amp;&amp; y &gt; 4 { }</pre>"));
        assert!(h.contains("<td>Parks | gardens</td>"));
        assert!(!h.contains("<b>"));
        assert!(h.contains("<ul>\n<li>Bus fares stay at 2.50 euros<ul>\n<li>Children under 12 ride free</li>\n<li>Seniors pay half</li>\n</ul>\n</li>\n<li>Parking fees rise in the centre</li>\n</ul>\n"), "{h}");
        assert!(h.contains(
            "<ol>\n<li>First reading in June</li>\n<li>Final vote in July</li>\n</ol>\n"
        ));
        assert!(h.contains("<blockquote>\n<p>This budget"));
        assert!(h.contains("<thead>\n<tr><th>Area</th><th>2024</th><th>2025</th></tr>\n</thead>\n<tbody>\n<tr><td>Schools</td>"));
        assert!(h.contains("<p>Line one of an address<br>\nLine two"));
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn html_round_trip_gives_same_article() {
        let a = sample();
        let h = to_html(&a);
        let back = extract(h.as_bytes(), None, &Options::default())
            .unwrap()
            .article;
        assert_eq!(back.text(), a.text());
        assert_eq!(back.blocks, a.blocks);
        assert_eq!(back.title, a.title);
        assert_eq!(back.authors, a.authors);
        assert_eq!(back.published, a.published);
        assert_eq!(back.language, a.language);
        assert_eq!(back.site_name, a.site_name);
        assert_eq!(back.url, a.url);
    }

    #[test]
    fn html_round_trip_from_a_page() {
        let page = br#"<html lang="en"><head><title>Storm closes ferry line | Coast News</title></head>
        <body><nav><a href="/">Home</a><a href="/local">Local</a></nav>
        <article><h1>Storm closes ferry line</h1>
        <p>The ferry between the two islands stopped running on Friday morning as winds reached 100 km/h, the operator said.</p>
        <figure><img src="x.jpg"><figcaption>Waves at the harbour on Friday.</figcaption></figure>
        <p>Passengers were offered refunds or seats on Monday's crossings, and a hotline was opened for questions.</p>
        <ul><li>Refunds: at the ticket office</li><li>Rebooking: online <ul><li>until Sunday</li></ul></li></ul>
        <blockquote><p>Safety comes first, whatever the timetable says.</p></blockquote>
        <p>Forecasters expect the storm to weaken on Saturday night.</p></article>
        <footer>(c) Coast News</footer></body></html>"#;
        let opts = Options::default().with_captions(true);
        let first = extract(page, None, &opts).unwrap().article;
        assert!(first
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Caption { .. })));
        let again = extract(to_html(&first).as_bytes(), None, &opts)
            .unwrap()
            .article;
        assert_eq!(again.text(), first.text());
        assert_eq!(again.blocks, first.blocks);
        assert_eq!(again.title, first.title);
    }

    #[test]
    fn markdown_layout() {
        let md = to_markdown(&sample());
        let expected = "\
# Council approves \\<new> budget & tax plan

*By Jane Doe, Max Mustermann · 2024-05-02T09:30:00+02:00*

The city council approved the 2025 budget on Thursday evening, after a debate that lasted more than six hours, officials said.

Spending on schools rises by 4% & road repairs get \\<b>twice\\</b> as much as last year, according to the draft seen by reporters.

## What changes for residents

- Bus fares stay at 2.50 euros
    - Children under 12 ride free
    - Seniors pay half
- Parking fees rise in the centre

The plan now goes to the regional authority for review, which usually takes about six weeks.

1. First reading in June
2. Final vote in July

> This budget is about the next ten years, not the next election.
>
> We listened to \"everyone\".

### Numbers

| Area | 2024 | 2025 |
| --- | --- | --- |
| Schools | 120 | 125 |
";
        assert!(md.starts_with(expected), "{md}");
        assert!(md.contains("| Parks \\| gardens | 10 | 11 |\n"));
        assert!(md.contains("\n```\ntotal = 245\n  if x < 3 && y > 4 { }\n```\n"));
        assert!(md.ends_with(
            "Line one of an address\\\nLine two of an address, with more words in it.\n"
        ));
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(
            md_escape_line("a *b* [c](d) `e` ~f~", true),
            "a \\*b\\* \\[c\\](d) \\`e\\` \\~f\\~"
        );
        assert_eq!(
            md_escape_line("snake_case and _emph_", true),
            "snake_case and \\_emph\\_"
        );
        assert_eq!(md_escape_line("# not a heading", true), "\\# not a heading");
        assert_eq!(md_escape_line("C# and F#", true), "C# and F#");
        assert_eq!(md_escape_line("> not a quote", true), "\\> not a quote");
        assert_eq!(md_escape_line("- not an item", true), "\\- not an item");
        assert_eq!(md_escape_line("-5 degrees", true), "-5 degrees");
        assert_eq!(md_escape_line("---", true), "\\---");
        assert_eq!(md_escape_line("1. not a list", true), "1\\. not a list");
        assert_eq!(md_escape_line("1999. A year", true), "1999\\. A year");
        assert_eq!(md_escape_line("3.5 million", true), "3.5 million");
        assert_eq!(md_escape_line("AT&T &amp; co", true), "AT&T \\&amp; co");
        assert_eq!(md_escape_line("a <b> c", true), "a \\<b> c");
        assert_eq!(md_escape_line("back\\slash", true), "back\\\\slash");
        // A fence longer than any backtick run inside preformatted text.
        let a = Article {
            blocks: vec![Block::Preformatted {
                text: "use ```rust``` fences".into(),
            }],
            ..Article::default()
        };
        assert_eq!(to_markdown(&a), "````\nuse ```rust``` fences\n````\n");
    }

    #[test]
    fn markdown_headless_table_and_captions() {
        let a = Article {
            blocks: vec![
                row(false, &["a", "b"]),
                row(false, &["c"]),
                Block::Caption {
                    text: "A *bold* claim".into(),
                },
            ],
            ..Article::default()
        };
        assert_eq!(
            to_markdown(&a),
            "|  |  |\n| --- | --- |\n| a | b |\n| c |  |\n\n*A \\*bold\\* claim*\n"
        );
    }

    #[test]
    fn text_format_unchanged() {
        let a = Article {
            title: Some("T".into()),
            published: Some("2024-01-01".into()),
            blocks: vec![para("one"), para("two")],
            ..Article::default()
        };
        assert_eq!(to_text(&a), "T\n\n2024-01-01\n\none\n\ntwo\n");
    }
}
