//! Dev tool: print the element ancestry of the first text node containing a needle.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let needle = std::env::args().nth(2).expect("needle");
    let html = std::fs::read_to_string(path).expect("read");
    let (dom, _) = gleaner_extract::dom::parse(
        &html,
        gleaner_extract::dom::Limits {
            max_depth: 256,
            max_nodes: 2_000_000,
        },
    );
    for id in 0..dom.nodes.len() as u32 {
        if dom.text(id).is_some_and(|t| t.contains(&needle))
            && !dom
                .ancestors(id)
                .any(|a| matches!(dom.tag_name(a), "script" | "style"))
        {
            for a in dom.ancestors(id) {
                let attrs: Vec<String> = dom
                    .attrs_of(a)
                    .filter(|(n, _)| {
                        matches!(
                            *n,
                            "id" | "class" | "role" | "style" | "hidden" | "aria-hidden"
                        )
                    })
                    .map(|(n, v)| format!("{n}={v:.60}"))
                    .collect();
                println!("{a} <{}> {}", dom.tag_name(a), attrs.join(" "));
            }
            break;
        }
    }
}
