//! Language: detected from the body text with whatlang; the page's declared language
//! (`<html lang>`, `og:locale`, `content-language`) is a hint.
//!
//! Rule: the declared language is kept unless the body is written in a script that
//! language does not use (a Korean page declaring `en`): then the language is detected
//! from the text. Without a declaration, whatlang detects it from the start of the body
//! ([`MAX_BYTES`], cut between words; reliable detections only; at least [`MIN_CHARS`]
//! letters in the scripts it tells languages apart by trigrams: Latin, Cyrillic, Arabic,
//! Devanagari, Hebrew), falling back to scripts that belong to one language (Hangul,
//! kana, Thai, Greek, Hebrew, ...). Whatlang's trigram detection
//! disagrees with `<html lang>` mostly on close relatives or on pages mixing languages,
//! and the reference corpora take the declared language as truth, so a declaration in the
//! right script is not overridden.

/// Detection needs at least this many letters of body text.
pub(crate) const MIN_CHARS: usize = 200;
/// At most this many bytes of body text are examined. Whatlang's trigram scoring reads
/// every profile of the script whatever the sample's length; 448 bytes keep the
/// decisions of a 1 KiB sample on all but 8 of the 6,074 development pages (see the
/// README's metadata-cost paragraph) at about three quarters of its cost.
const MAX_BYTES: usize = 448;

/// The primary subtag (lower-case, 2-3 letters) of a declared language tag such as
/// `en-US`, `de_AT` or `pt-br`; `None` for junk.
pub(crate) fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())).then_some(p)
}

/// Chooses the language from the declared tag (primary subtag) and the body text.
pub(crate) fn choose(declared: Option<&str>, body: &str) -> Option<String> {
    let sample = sample(body);
    match declared {
        // Shortcuts with the outcome of the rule below, without counting scripts: a
        // language without a script rule fits any script, and an ASCII sample is in the
        // Latin script (whatlang counts only its letters, all Latin) or in none.
        Some(d)
            if script_rule(d).is_none()
                || (sample.is_ascii() && script_fits(d, whatlang::Script::Latin)) =>
        {
            Some(d.to_string())
        }
        Some(d) => {
            let script = whatlang::detect_script(sample);
            match script {
                Some(s) if letters(sample) >= 40 && !script_fits(d, s) => detect(sample)
                    .or_else(|| script_language(s))
                    .map(str::to_string)
                    .or_else(|| Some(d.to_string())),
                _ => Some(d.to_string()),
            }
        }
        None => detect(sample)
            .or_else(|| whatlang::detect_script(sample).and_then(script_language))
            .map(str::to_string),
    }
}

/// The number of alphabetic characters (bytes when the text is ASCII).
fn letters(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphabetic).count()
    } else {
        s.chars().filter(|&c| crate::text::is_alphabetic(c)).count()
    }
}

/// The sample detection reads: the body's first [`MAX_BYTES`] bytes, cut before the
/// word the limit falls in (at a character boundary when the sample has no whitespace,
/// as Chinese or Japanese text).
fn sample(body: &str) -> &str {
    let end = super::dates::floor_char(body, MAX_BYTES);
    if end == body.len() {
        return body;
    }
    let head = &body[..end];
    match head.rfind(|c: char| c.is_whitespace()) {
        // The limit falls between a word and the whitespace after it.
        _ if body[end..].starts_with(char::is_whitespace) => head,
        Some(i) => &body[..i],
        None => head,
    }
}

/// Whether a language is written in the script (unknown languages fit any script).
fn script_fits(lang: &str, s: whatlang::Script) -> bool {
    script_rule(lang).is_none_or(|expected| expected.contains(&s))
}

/// The scripts a language is written in, for the languages with a rule.
fn script_rule(lang: &str) -> Option<&'static [whatlang::Script]> {
    use whatlang::Script::*;
    let expected: &'static [whatlang::Script] = match lang {
        "ko" => &[Hangul, Mandarin],
        "ja" => &[Hiragana, Katakana, Mandarin],
        "zh" => &[Mandarin],
        "th" => &[Thai],
        "el" => &[Greek],
        "he" | "yi" => &[Hebrew],
        "ar" | "fa" | "ur" | "ps" => &[Arabic],
        "ru" | "uk" | "bg" | "be" | "mk" | "sr" | "kk" | "mn" => &[Cyrillic, Latin],
        "hi" | "mr" | "ne" => &[Devanagari],
        "ka" => &[Georgian],
        "hy" => &[Armenian],
        "bn" => &[Bengali],
        "ta" => &[Tamil],
        "en" | "de" | "fr" | "es" | "it" | "pt" | "nl" | "sv" | "da" | "no" | "nb" | "fi"
        | "pl" | "cs" | "sk" | "hu" | "ro" | "tr" | "id" | "ms" | "vi" | "ca" | "hr" | "sl"
        | "et" | "lv" | "lt" => &[Latin],
        _ => return None,
    };
    Some(expected)
}

/// Scripts used by one language only.
fn script_language(s: whatlang::Script) -> Option<&'static str> {
    use whatlang::Script::*;
    Some(match s {
        Hangul => "ko",
        Hiragana | Katakana => "ja",
        Thai => "th",
        Greek => "el",
        Hebrew => "he",
        Georgian => "ka",
        Armenian => "hy",
        Bengali => "bn",
        Tamil => "ta",
        Mandarin => "zh",
        _ => return None,
    })
}

/// A reliable detection of `sample`, as an ISO 639-1 code.
/// Texts shorter than [`MIN_CHARS`] letters are detected only when their script needs no
/// trigrams (whatlang tells kanji-heavy Japanese from Chinese by its kana).
fn detect(sample: &str) -> Option<&'static str> {
    if letters(sample) < MIN_CHARS && needs_trigrams(whatlang::detect_script(sample)?) {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() || info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang())
}

/// Whether whatlang tells the languages of a script apart by trigram statistics.
fn needs_trigrams(s: whatlang::Script) -> bool {
    use whatlang::Script::*;
    matches!(s, Latin | Cyrillic | Arabic | Devanagari | Hebrew)
}

fn iso639_1(l: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match l {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: &str = "Die Bundesregierung hat am Dienstag neue Regeln für den Ausbau der \
        Windkraft beschlossen. Künftig sollen Genehmigungen schneller erteilt werden, wie \
        das Wirtschaftsministerium in Berlin mitteilte. Kritiker bemängeln jedoch, dass der \
        Naturschutz dabei zu kurz komme und die Gemeinden kaum mitreden dürften.";

    #[test]
    fn subtags() {
        assert_eq!(primary_subtag("en-US").as_deref(), Some("en"));
        assert_eq!(primary_subtag("de_AT").as_deref(), Some("de"));
        assert_eq!(primary_subtag(" PT-br ").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("{{lang}}"), None);
        assert_eq!(primary_subtag(""), None);
    }

    const KO: &str =
        "정부는 화요일 풍력 발전 확대를 위한 새로운 규칙을 발표했다. 앞으로 허가가 더 빨리 \
        나올 것이라고 산업부가 밝혔다. 그러나 비판자들은 자연 보호가 소홀해질 수 있다고 지적했다.";

    #[test]
    fn detection_without_declaration() {
        assert_eq!(choose(None, DE).as_deref(), Some("de"));
        assert_eq!(choose(None, KO).as_deref(), Some("ko"));
    }

    #[test]
    fn declaration_in_another_script_is_overridden() {
        assert_eq!(choose(Some("en"), KO).as_deref(), Some("ko"));
        assert_eq!(choose(Some("de"), DE).as_deref(), Some("de"));
        // Same script: the declaration is kept (whatlang is not trusted over it).
        assert_eq!(choose(Some("en"), DE).as_deref(), Some("en"));
    }

    /// The rule without the shortcuts of [`choose`].
    fn choose_reference(declared: Option<&str>, body: &str) -> Option<String> {
        let sample = sample(body);
        let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
        match declared {
            Some(d) => match whatlang::detect_script(sample) {
                Some(s) if letters >= 40 && !script_fits(d, s) => detect(sample)
                    .or_else(|| script_language(s))
                    .map(str::to_string)
                    .or_else(|| Some(d.to_string())),
                _ => Some(d.to_string()),
            },
            None => detect(sample)
                .or_else(|| whatlang::detect_script(sample).and_then(script_language))
                .map(str::to_string),
        }
    }

    #[test]
    fn shortcuts_agree_with_the_rule() {
        let en = "The council said on Tuesday that the new bridge would open next spring, \
            after two years of delays caused by flooding and a shortage of steel. ";
        let bodies = [
            String::new(),
            "12 345 -- 2023-10-31 !!".to_string(),
            en.repeat(3),
            DE.to_string(),
            KO.to_string(),
            format!("{KO} {}", en.repeat(2)),
            "Благодаря Эсперанто вы обрётете друзей по всему миру! ".repeat(4),
            "東京で火曜日、新しい規則が発表された。".repeat(6),
        ];
        for d in [
            None,
            Some("en"),
            Some("de"),
            Some("ru"),
            Some("ko"),
            Some("ja"),
            Some("xx"),
            Some("utf"),
        ] {
            for b in &bodies {
                assert_eq!(choose(d, b), choose_reference(d, b), "{d:?} {b}");
            }
        }
    }

    #[test]
    fn sample_is_bounded_and_cut_between_words() {
        let en = "The council said on Tuesday that the new bridge would open next spring. ";
        assert_eq!(sample(en), en);
        let long = en.repeat(20);
        let s = sample(&long);
        assert!(
            s.len() <= MAX_BYTES && s.len() > MAX_BYTES - 20,
            "{}",
            s.len()
        );
        assert!(long[s.len()..].starts_with(' '), "{s}");
        // A limit at the end of a word keeps the word.
        let words = "abcdefg ".repeat(100);
        assert_eq!(sample(&words).len(), MAX_BYTES - 1);
        // Text without whitespace is cut at a character boundary.
        let ja = "東京で火曜日、新しい規則が発表された。".repeat(20);
        let s = sample(&ja);
        assert!(
            s.len() <= MAX_BYTES && s.len() > MAX_BYTES - 3,
            "{}",
            s.len()
        );
    }

    #[test]
    fn a_long_body_is_detected_from_its_beginning() {
        let de = DE.repeat(10);
        assert!(de.len() > 4 * MAX_BYTES);
        assert_eq!(choose(None, &de).as_deref(), Some("de"));
        // What follows the sample does not count.
        let mixed = format!("{de} {}", KO.repeat(10));
        assert_eq!(choose(None, &mixed).as_deref(), Some("de"));
        let mixed = format!("{} {de}", KO.repeat(3));
        assert_eq!(choose(None, &mixed).as_deref(), Some("ko"));
    }

    #[test]
    fn mixed_scripts() {
        // Greek with Latin brand names: Greek has one language.
        let el = "Η κυβέρνηση ανακοίνωσε την Τρίτη νέους κανόνες για την αιολική ενέργεια, \
            ενώ η Siemens και η Vestas δήλωσαν ότι θα επενδύσουν στην Ελλάδα. ";
        assert_eq!(choose(None, &el.repeat(4)).as_deref(), Some("el"));
        assert_eq!(choose(Some("en"), &el.repeat(4)).as_deref(), Some("el"));
        // Kanji with kana is Japanese, not Chinese.
        let ja = "東京で火曜日、新しい規則が発表された。".repeat(6);
        assert_eq!(choose(None, &ja).as_deref(), Some("ja"));
        assert_eq!(choose(None, &ja.repeat(4)).as_deref(), Some("ja"));
        let zh = "政府周二宣布了扩大风力发电的新规定。".repeat(6);
        assert_eq!(choose(None, &zh).as_deref(), Some("zh"));
        // A Cyrillic-script declaration fits Latin text (transliterated pages).
        assert_eq!(choose(Some("ru"), &DE.repeat(2)).as_deref(), Some("ru"));
    }

    #[test]
    fn tiny_texts() {
        assert_eq!(choose(None, ""), None);
        assert_eq!(choose(Some("de"), "").as_deref(), Some("de"));
        // Too few letters for trigrams, but the script has one language.
        assert_eq!(choose(None, "Καλημέρα").as_deref(), Some("el"));
        assert_eq!(choose(None, "안녕하세요").as_deref(), Some("ko"));
        // Too few letters to override a declaration in another script.
        assert_eq!(choose(Some("en"), "Καλημέρα").as_deref(), Some("en"));
    }

    #[test]
    fn short_text_keeps_the_hint() {
        assert_eq!(choose(Some("fr"), "Guten Tag").as_deref(), Some("fr"));
        assert_eq!(choose(None, "Guten Tag"), None);
    }
}
