//! Gold records and predictions, read with the same field rules as `score.py` / `score_meta.py`.

use serde::Serialize;
use serde_json::Value;

/// Python truthiness of a JSON value (`null`, `false`, `0`, `""`, `[]`, `{}` are false).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python `str(value)` for a JSON id.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        other => other.to_string(),
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_owned)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Gold author annotation: `authors` when not null, else `authors_raw`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum GoldAuthors {
    /// No annotation (or one of an unusable type).
    #[default]
    None,
    /// A raw byline string, split on `;` `,` `and` `&` `|` by the scorer.
    Raw(String),
    /// A list of names (non-string items count as empty names).
    List(Vec<String>),
}

/// The gold fields of one corpus record (everything but the page itself).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gold {
    /// `str(record["id"])`.
    pub id: String,
    /// The page URL, when known.
    pub url: Option<String>,
    /// The gold body, only when it is a non-empty string (score.py's `if r.get("body")`).
    pub body: Option<String>,
    /// Whether the record takes part in snippet scoring (`with` or `without` is truthy).
    pub has_snippets: bool,
    /// Snippets that must appear in the extracted text.
    pub with: Vec<String>,
    /// Snippets that must not appear in the extracted text.
    pub without: Vec<String>,
    /// The gold title, when it is a string (possibly blank: the scorer skips blank ones).
    pub title: Option<String>,
    /// The gold authors.
    pub authors: GoldAuthors,
    /// The gold date, when it is a string.
    pub date: Option<String>,
    /// The gold language (`lang or html_lang`), when it is a string.
    pub lang: Option<String>,
}

impl Gold {
    /// Reads the gold fields of a parsed corpus record.
    pub fn from_value(r: &Value) -> Gold {
        let authors = match r.get("authors") {
            Some(v) if !v.is_null() => Some(v),
            _ => r.get("authors_raw"),
        };
        let authors = match authors {
            Some(Value::String(s)) => GoldAuthors::Raw(s.clone()),
            Some(Value::Array(a)) => GoldAuthors::List(
                a.iter()
                    .map(|x| x.as_str().unwrap_or_default().to_owned())
                    .collect(),
            ),
            _ => GoldAuthors::None,
        };
        let lang = if truthy(r.get("lang")) {
            r.get("lang")
        } else {
            r.get("html_lang")
        };
        Gold {
            id: r.get("id").map(py_str).unwrap_or_else(|| "None".to_owned()),
            url: string(r.get("url")),
            body: string(r.get("body")).filter(|s| !s.is_empty()),
            has_snippets: truthy(r.get("with")) || truthy(r.get("without")),
            with: strings(r.get("with")),
            without: strings(r.get("without")),
            title: string(r.get("title")),
            authors,
            date: string(r.get("date")),
            lang: string(lang),
        }
    }
}

/// One prediction, written as a line of `<corpus>.pred.jsonl` (the format score.py and
/// score_meta.py read). A rejected page is an empty prediction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Pred {
    /// The gold record's id.
    pub id: String,
    /// The plain-text body ([`gleaner_extract::Article::text`]).
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date (ISO 8601).
    pub published: Option<String>,
    /// Language tag.
    pub language: Option<String>,
}

impl Pred {
    /// The prediction for an extracted article.
    pub fn from_article(id: String, a: &gleaner_extract::Article) -> Pred {
        Pred {
            id,
            text: a.text(),
            title: a.title.clone(),
            authors: a.authors.clone(),
            published: a.published.clone(),
            language: a.language.clone(),
        }
    }

    /// The empty prediction (the page was rejected).
    pub fn empty(id: String) -> Pred {
        Pred {
            id,
            ..Pred::default()
        }
    }
}

/// Predictions by id, the last one winning on duplicate ids (as the Python dicts do).
pub fn pred_map(preds: &[Pred]) -> std::collections::HashMap<&str, &Pred> {
    preds.iter().map(|p| (p.id.as_str(), p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gold_fields_follow_python_rules() {
        let g = Gold::from_value(&json!({
            "id": 7, "body": "", "with": [], "without": ["x"], "title": null,
            "authors": null, "authors_raw": "A and B", "lang": "", "html_lang": "de-DE", "date": 5
        }));
        assert_eq!(g.id, "7");
        assert_eq!(g.body, None);
        assert!(g.has_snippets);
        assert_eq!(g.title, None);
        assert_eq!(g.authors, GoldAuthors::Raw("A and B".into()));
        assert_eq!(g.lang.as_deref(), Some("de-DE"));
        assert_eq!(g.date, None);
        let g = Gold::from_value(&json!({"id": "a", "authors": ["X", null], "with": []}));
        assert_eq!(
            g.authors,
            GoldAuthors::List(vec!["X".into(), String::new()])
        );
        assert!(!g.has_snippets);
    }
}
