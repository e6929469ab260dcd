//! Dev tool: extract one file and print the text.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let html = std::fs::read(path).expect("read");
    match gleaner_extract::extract(&html, None, &gleaner_extract::Options::default()) {
        Ok(e) => println!("{}", gleaner_extract::render::to_text(&e.article)),
        Err(e) => println!("ERROR {e}"),
    }
}
