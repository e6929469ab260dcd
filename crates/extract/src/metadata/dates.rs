//! Date parsing: structured values (ISO 8601 and its loose variants, RFC 2822, epoch
//! seconds/milliseconds), dates in URL paths, relative dates ("3 hours ago") and visible
//! date strings in many languages ("31 octobre 2023", "Oct. 31, 2023 8:22 PM ET",
//! "31.10.2023", "2023年10月31日", Hungarian "2023. október 31.", Catalan "31 d'octubre de
//! 2023", Arabic and Hebrew month names).
//!
//! Every parsed date is validated with chrono (no 2023-02-30), must fall in
//! [`MIN_YEAR`]..=[`MAX_YEAR`], and is formatted as ISO 8601: `YYYY-MM-DD`, or
//! `YYYY-MM-DDTHH:MM:SS` plus the UTC offset when the source gives one.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// Dates before this year are rejected (no news page predates the web).
pub(crate) const MIN_YEAR: i32 = 1990;
/// Dates after this year are rejected (typos such as year 20233, placeholders).
pub(crate) const MAX_YEAR: i32 = 2100;
/// At most this many bytes of one string are scanned for a date.
const MAX_SCAN: usize = 4096;

/// A parsed date, optionally with a time and a UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct When {
    /// The calendar day, as written on the page (not converted to UTC).
    pub date: NaiveDate,
    /// The time of day, when given.
    pub time: Option<NaiveTime>,
    /// The UTC offset in seconds, when given with the time.
    pub offset: Option<i32>,
}

impl When {
    fn day(date: NaiveDate) -> When {
        When {
            date,
            time: None,
            offset: None,
        }
    }

    /// ISO 8601: `2023-10-31`, `2023-10-31T20:22:40`, or `2023-10-31T20:22:40+01:00`.
    pub(crate) fn iso(&self) -> String {
        let mut s = self.date.format("%Y-%m-%d").to_string();
        if let Some(t) = self.time {
            s.push_str(&t.format("T%H:%M:%S").to_string());
            if let Some(off) = self.offset {
                if off == 0 {
                    s.push_str("+00:00");
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.unsigned_abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
                }
            }
        }
        s
    }

    /// Seconds since the epoch (UTC when the offset is known, else the local time read as
    /// UTC; midnight for a date only). Used only for ordering and the future-date check.
    pub(crate) fn approx_unix(&self) -> i64 {
        let t = self.time.unwrap_or(NaiveTime::MIN);
        NaiveDateTime::new(self.date, t).and_utc().timestamp() - i64::from(self.offset.unwrap_or(0))
    }

    /// Whether the date is plausible as a publication date given the capture time
    /// (`reference`, Unix seconds): not before [`MIN_YEAR`], not after the capture
    /// (one day of slack for time zones).
    pub(crate) fn plausible(&self, reference: Option<i64>) -> bool {
        let y = self.date.year();
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
            return false;
        }
        match reference {
            Some(r) => self.approx_unix() <= r.saturating_add(86_400),
            None => true,
        }
    }
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    if !(i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
}

/// A two-digit year: 00-69 is 20xx, 70-99 is 19xx.
fn expand_year(y: i64, digits: usize) -> i64 {
    if digits <= 2 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    }
}

fn hms(h: i64, mi: i64, s: i64) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(
        u32::try_from(h).ok()?,
        u32::try_from(mi).ok()?,
        u32::try_from(s).ok()?,
    )
}

/// Parses a machine-readable date value (meta content, JSON-LD, `datetime` attributes):
/// ISO 8601 and loose variants (`2023-10-31 20:22:40`, `2023/10/31`, `20231031`),
/// RFC 2822 (`Tue, 31 Oct 2023 20:22:40 +0000`), epoch seconds or milliseconds, and as a
/// last resort the visible-text forms of [`parse_text`].
pub(crate) fn parse_value(s: &str) -> Option<When> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let s = &s[..floor_char(s, MAX_SCAN)];
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_digits(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return from_fixed(dt);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return from_fixed(dt);
    }
    parse_iso_loose(s).or_else(|| parse_text(s, false))
}

fn from_fixed(dt: DateTime<FixedOffset>) -> Option<When> {
    let date = dt.date_naive();
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return None;
    }
    Some(When {
        date,
        time: Some(dt.time().with_nanosecond0()),
        offset: Some(dt.offset().local_minus_utc()),
    })
}

trait NoNanos {
    fn with_nanosecond0(self) -> NaiveTime;
}
impl NoNanos for NaiveTime {
    fn with_nanosecond0(self) -> NaiveTime {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// All-digit values: `20231031`, epoch seconds (10 digits) or milliseconds (13 digits).
fn parse_digits(s: &str) -> Option<When> {
    match s.len() {
        8 => {
            let n: i64 = s.parse().ok()?;
            ymd(n / 10_000, (n / 100) % 100, n % 100).map(When::day)
        }
        9..=10 | 12..=13 => {
            let mut n: i64 = s.parse().ok()?;
            if s.len() >= 12 {
                n /= 1000;
            }
            let dt = DateTime::from_timestamp(n, 0)?;
            let date = dt.date_naive();
            if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
                return None;
            }
            Some(When {
                date,
                time: Some(dt.time()),
                offset: Some(0),
            })
        }
        _ => None,
    }
}

/// A small cursor over ASCII-ish text.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn num(&mut self, max_digits: usize) -> Option<(i64, usize)> {
        let start = self.i;
        while self.i < self.b.len()
            && self.b[self.i].is_ascii_digit()
            && self.i - start < max_digits
        {
            self.i += 1;
        }
        let n = self.i - start;
        if n == 0 {
            return None;
        }
        let v = std::str::from_utf8(&self.b[start..self.i])
            .ok()?
            .parse()
            .ok()?;
        Some((v, n))
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c == b' ') {
            self.i += 1;
        }
    }
}

/// `YYYY-MM-DD` (or `/`, `.` separators) at the start, optionally followed by a time
/// (`T` or space, `HH:MM[:SS[.fff]]`) and an offset (`Z`, `+HH:MM`, `+HHMM`, `+HH`).
fn parse_iso_loose(s: &str) -> Option<When> {
    let mut c = Cur {
        b: s.as_bytes(),
        i: 0,
    };
    let (y, yd) = c.num(4)?;
    if yd != 4 {
        return None;
    }
    let sep = c.peek()?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    c.i += 1;
    let (m, _) = c.num(2)?;
    if !c.eat(sep) {
        return None;
    }
    let (d, _) = c.num(2)?;
    if c.peek().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = ymd(y, m, d)?;
    let mut w = When::day(date);
    if matches!(c.peek(), Some(b'T' | b't' | b' ')) {
        c.i += 1;
        c.skip_spaces();
        if let Some((time, off)) = parse_clock(&mut c) {
            w.time = Some(time);
            w.offset = off;
        }
    }
    Some(w)
}

/// `HH:MM[:SS[.fff]]` with an optional offset (`Z`, `+01:00`, `+0100`, `+01`, `UTC`, `GMT`).
fn parse_clock(c: &mut Cur<'_>) -> Option<(NaiveTime, Option<i32>)> {
    let save = c.i;
    let (h, _) = c.num(2)?;
    if !c.eat(b':') {
        c.i = save;
        return None;
    }
    let Some((mi, 2)) = c.num(2) else {
        c.i = save;
        return None;
    };
    let mut sec = 0;
    if c.eat(b':') {
        sec = c.num(2).map_or(0, |x| x.0);
        if c.eat(b'.') || c.eat(b',') {
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.i += 1;
            }
        }
    }
    let time = hms(h, mi, sec.min(59))?;
    c.skip_spaces();
    let off = parse_offset(c);
    Some((time, off))
}

fn parse_offset(c: &mut Cur<'_>) -> Option<i32> {
    match c.peek()? {
        b'Z' | b'z' => {
            c.i += 1;
            Some(0)
        }
        s @ (b'+' | b'-') => {
            let save = c.i;
            c.i += 1;
            let Some((h, hd)) = c.num(4) else {
                c.i = save;
                return None;
            };
            let (hh, mm) = if hd == 4 {
                (h / 100, h % 100)
            } else if c.eat(b':') {
                (h, c.num(2).map_or(0, |x| x.0))
            } else {
                (h, 0)
            };
            if hh > 14 || mm > 59 {
                c.i = save;
                return None;
            }
            let v = i32::try_from(hh * 3600 + mm * 60).ok()?;
            Some(if s == b'-' { -v } else { v })
        }
        _ => {
            let rest = &c.b[c.i..];
            for (name, off) in [("UTC", 0), ("GMT", 0)] {
                if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(name.as_bytes()) {
                    c.i += 3;
                    return Some(parse_offset(c).unwrap_or(off));
                }
            }
            None
        }
    }
}

/// The date in a URL path: `/2023/10/31/`, `/2023-10-31`, `/20231031/`, `_2023_10_31`,
/// `/2023/october/31/` (the month's name as a segment), or a segment `/29-10-2021` when the day/month order is unambiguous (day above 12, or
/// day and month equal). A year and month alone (`/2023/10/`) is not a date.
pub(crate) fn from_url(url: &str) -> Option<NaiveDate> {
    let path_start = url.find("://").map_or(0, |i| i + 3);
    let path = &url[path_start..];
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = &path[..floor_char(path, 1024)];
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut c = Cur { b, i };
        if i > 0 && b[i - 1] == b'/' {
            if let Some(d) = day_first_segment(b, i) {
                return Some(d);
            }
        }
        if let Some((y, 4)) = c.num(4) {
            // 20231031
            if let Some((rest, 4)) = c.num(4) {
                if !c.peek().is_some_and(|x| x.is_ascii_alphanumeric()) {
                    if let Some(d) = ymd(y, rest / 100, rest % 100) {
                        return Some(d);
                    }
                }
            } else if let Some(sep) = c.peek().filter(|x| matches!(x, b'/' | b'-' | b'_' | b'.')) {
                c.i += 1;
                // `/2023/october/03/`: the month's name as a path segment.
                let named = if sep == b'/' {
                    month_segment(&b[c.i..]).map(|m| {
                        c.i += b[c.i..]
                            .iter()
                            .take_while(|x| x.is_ascii_alphabetic())
                            .count();
                        (i64::from(m), 0)
                    })
                } else {
                    None
                };
                if let Some((m, _)) = named.or_else(|| c.num(2)) {
                    if c.eat(sep) {
                        if let Some((d, _)) = c.num(2) {
                            if !c.peek().is_some_and(|x| x.is_ascii_digit()) {
                                if let Some(date) = ymd(y, m, d) {
                                    return Some(date);
                                }
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// The year and month of a URL path `/2023/10/...` or `/2023/october/...` (a segment
/// that is a month's name; without a day: a full date is [`from_url`]'s).
pub(crate) fn month_from_url(url: &str) -> Option<(i32, u32)> {
    let path_start = url.find("://").map_or(0, |i| i + 3);
    let path = &url[path_start..];
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = &path[..floor_char(path, 1024)];
    let b = path.as_bytes();
    (0..b.len().saturating_sub(8)).find_map(|i| {
        if b[i] != b'/' {
            return None;
        }
        let mut c = Cur { b, i: i + 1 };
        let (y, 4) = c.num(4)? else {
            return None;
        };
        if !c.eat(b'/') {
            return None;
        }
        let m = match c.num(2) {
            Some((m, 2)) if c.eat(b'/') => m,
            Some(_) => return None,
            None => i64::from(month_segment(&b[c.i..])?),
        };
        ymd(y, m, 1).map(|d| (d.year(), d.month()))
    })
}

/// The month named by the path segment at the start of `b` (ASCII letters up to a `/`,
/// at most 9 of them: `october/`), if any.
fn month_segment(b: &[u8]) -> Option<u32> {
    let len = b.iter().take_while(|x| x.is_ascii_alphabetic()).count();
    if !(3..=9).contains(&len) || b.get(len).is_some_and(|&x| x != b'/') {
        return None;
    }
    let word = std::str::from_utf8(&b[..len]).ok()?.to_ascii_lowercase();
    month_of(&word)
}

/// `DD-MM-YYYY` (or `.`, `_`) at `i`, at the start of a path segment and ending it or
/// followed by `-`, `.`, `_`; `None` when the day/month order is ambiguous.
fn day_first_segment(b: &[u8], i: usize) -> Option<NaiveDate> {
    let mut c = Cur { b, i };
    let (a, _) = c.num(2)?;
    let sep = c.peek().filter(|x| matches!(x, b'-' | b'.' | b'_'))?;
    c.i += 1;
    let (m, _) = c.num(2)?;
    if !c.eat(sep) {
        return None;
    }
    let (y, 4) = c.num(4)? else {
        return None;
    };
    if c.peek().is_some_and(|x| x.is_ascii_alphanumeric()) {
        return None;
    }
    let (d, m) = if a > 12 || a == m {
        (a, m)
    } else if m > 12 {
        (m, a)
    } else {
        return None;
    };
    ymd(y, m, d)
}

/// Relative dates ("3 hours ago", "vor 2 Tagen", "il y a 3 jours", "hace 2 días", "yesterday",
/// "today") resolved against `reference` (Unix seconds). Only the day is returned.
pub(crate) fn relative(s: &str, reference: i64) -> Option<When> {
    let l = s.to_lowercase();
    let l = l.trim();
    if l.len() > 60 {
        return None;
    }
    let now = DateTime::from_timestamp(reference, 0)?.naive_utc();
    let day = |d: NaiveDateTime| Some(When::day(d.date()));
    for (w, days) in [
        ("today", 0),
        ("heute", 0),
        ("aujourd'hui", 0),
        ("hoy", 0),
        ("oggi", 0),
        ("yesterday", 1),
        ("gestern", 1),
        ("hier", 1),
        ("ayer", 1),
        ("ieri", 1),
    ] {
        if l.strip_prefix(w)
            .is_some_and(|r| r.is_empty() || r.starts_with([',', ' ']))
        {
            return day(now - Duration::days(days));
        }
    }
    let ago = [
        "ago", "vor ", "il y a", "hace ", "fa", "geleden", "sedan", "temu", "atrás",
    ];
    if !ago.iter().any(|a| l.contains(a)) {
        return None;
    }
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut n: Option<i64> = None;
    for w in words {
        if let Ok(v) = w.parse::<i64>() {
            n = Some(v.min(100_000));
            continue;
        }
        if matches!(w, "a" | "an" | "one" | "einem" | "einer" | "un" | "une") {
            n = Some(1);
            continue;
        }
        let Some(k) = n else { continue };
        let unit = if w.starts_with("sec") || w.starts_with("sek") || w.starts_with("min") {
            Duration::minutes(k)
        } else if w.starts_with("hour")
            || w.starts_with("hr")
            || w.starts_with("stunde")
            || w.starts_with("heure")
            || w.starts_with("hora")
            || w.starts_with("ore")
            || w.starts_with("uur")
            || w.starts_with("timm")
        {
            Duration::hours(k)
        } else if w.starts_with("day")
            || w.starts_with("tag")
            || w.starts_with("jour")
            || w.starts_with("día")
            || w.starts_with("dia")
            || w.starts_with("giorn")
            || w.starts_with("dag")
        {
            Duration::days(k)
        } else if w.starts_with("week") || w.starts_with("woche") || w.starts_with("semaine") {
            Duration::weeks(k)
        } else {
            continue;
        };
        return day(now.checked_sub_signed(unit)?);
    }
    None
}

/// Month names and abbreviations in the languages of the news web (lower-case). A word
/// matches when it equals a name or is an unambiguous prefix (3+ letters) of names of one
/// month only.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    // "mar" also starts Finnish "marraskuuta" (November): the abbreviation is March.
    ("mar", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish / Portuguese / Italian
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch / Scandinavian
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    ("mars", 3),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("oktober", 10),
    ("desember", 12),
    ("marts", 3),
    // Polish, Czech (genitive), Turkish, Finnish
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("prosince", 12),
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    // Russian / Ukrainian (genitive)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Greek (genitive)
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    // Czech November (the genitive; Polish "listopada" is above)
    ("listopadu", 11),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Slovak (genitive)
    ("januára", 1),
    ("februára", 2),
    ("apríla", 4),
    ("mája", 5),
    ("júna", 6),
    ("júla", 7),
    ("augusta", 8),
    ("septembra", 9),
    ("októbra", 10),
    ("novembra", 11),
    ("decembra", 12),
    // Hungarian
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Slovenian, Serbian and Bosnian (Latin)
    ("marec", 3),
    ("junij", 6),
    ("julij", 7),
    ("avgust", 8),
    ("septembar", 9),
    ("oktobar", 10),
    ("novembar", 11),
    ("decembar", 12),
    // Serbian (Cyrillic)
    ("јануар", 1),
    ("фебруар", 2),
    ("март", 3),
    ("април", 4),
    ("мај", 5),
    ("јун", 6),
    ("јул", 7),
    ("август", 8),
    ("септембар", 9),
    ("октобар", 10),
    ("новембар", 11),
    ("децембар", 12),
    // Bulgarian
    ("януари", 1),
    ("февруари", 2),
    ("май", 5),
    ("юни", 6),
    ("юли", 7),
    ("септември", 9),
    ("октомври", 10),
    ("ноември", 11),
    ("декември", 12),
    // Estonian
    ("jaanuar", 1),
    ("veebruar", 2),
    ("märts", 3),
    ("aprill", 4),
    ("juuni", 6),
    ("juuli", 7),
    ("oktoober", 10),
    ("detsember", 12),
    // Indonesian / Malay
    ("maret", 3),
    ("mac", 3),
    ("julai", 7),
    ("agustus", 8),
    ("ogos", 8),
    ("disember", 12),
    // Catalan
    ("gener", 1),
    ("febrer", 2),
    ("març", 3),
    ("maig", 5),
    ("juny", 6),
    ("juliol", 7),
    ("agost", 8),
    ("setembre", 9),
    ("desembre", 12),
    // Arabic (Egyptian and Gulf names, then the Levantine ones of one word)
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("أيلول", 9),
    // Hebrew, also with the prefix ב ("in")
    ("ינואר", 1),
    ("פברואר", 2),
    ("מרץ", 3),
    ("אפריל", 4),
    ("מאי", 5),
    ("יוני", 6),
    ("יולי", 7),
    ("אוגוסט", 8),
    ("ספטמבר", 9),
    ("אוקטובר", 10),
    ("נובמבר", 11),
    ("דצמבר", 12),
    ("בינואר", 1),
    ("בפברואר", 2),
    ("במרץ", 3),
    ("באפריל", 4),
    ("במאי", 5),
    ("ביוני", 6),
    ("ביולי", 7),
    ("באוגוסט", 8),
    ("בספטמבר", 9),
    ("באוקטובר", 10),
    ("בנובמבר", 11),
    ("בדצמבר", 12),
];

/// [`MONTHS`] grouped by first byte, in list order within a group: the names starting
/// with byte `b` are `names[starts[b]..starts[b + 1]]`.
struct MonthIndex {
    starts: [usize; 257],
    names: [(&'static str, u32); MONTHS.len()],
}

static MONTH_INDEX: MonthIndex = {
    // Counting sort by first byte, stable.
    let mut starts = [0usize; 257];
    let mut j = 0;
    while j < MONTHS.len() {
        let w = MONTHS[j].0.as_bytes();
        assert!(!w.is_empty(), "a month name is empty");
        starts[w[0] as usize + 1] += 1;
        j += 1;
    }
    let mut b = 0;
    while b < 256 {
        starts[b + 1] += starts[b];
        b += 1;
    }
    let mut next = starts;
    let mut names = [("", 0u32); MONTHS.len()];
    let mut j = 0;
    while j < MONTHS.len() {
        let b = MONTHS[j].0.as_bytes()[0] as usize;
        names[next[b]] = MONTHS[j];
        next[b] += 1;
        j += 1;
    }
    MonthIndex { starts, names }
};

/// The month a word names, if any.
pub(crate) fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.chars().count() < 3 {
        return None;
    }
    let first = usize::from(*w.as_bytes().first()?);
    // Equal or extending `w`: the names with the same first byte, in list order.
    month_among(
        &MONTH_INDEX.names[MONTH_INDEX.starts[first]..MONTH_INDEX.starts[first + 1]],
        w,
    )
}

/// The month of the name in `names` equal to `w`, else of the names that extend it when
/// they all name one month (an abbreviation: "sept", "janv").
fn month_among(names: &[(&str, u32)], w: &str) -> Option<u32> {
    let mut found = None;
    for &(name, m) in names {
        if name == w {
            return Some(m);
        }
        if name.starts_with(w) {
            match found {
                None => found = Some(m),
                Some(f) if f != m => return None,
                _ => {}
            }
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(i64, usize),
    Word(&'a str),
    Punct(char),
}

/// Splits into numbers, words and single punctuation characters (spaces dropped).
///
/// Numbers are runs of ASCII digits (their value when at most 8 digits, else -1), words
/// runs of alphabetic characters, spaces the characters `char::is_whitespace` accepts;
/// ASCII bytes are classified without decoding (`tokens_reference` in the tests is the
/// character-by-character definition).
fn tokens(s: &str, max: usize) -> Vec<(Tok<'_>, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(max.min(b.len() / 3 + 1));
    let mut i = 0;
    while i < b.len() && out.len() < max {
        let (tok, end) = token_at(s, i);
        if let Some(t) = tok {
            out.push((t, i));
        }
        i = end;
    }
    out
}

/// The token of [`tokens`] starting at byte `i` of `s` (a position [`tokens`] reaches: the
/// start, the end of a token, or after a space), or `None` for a space; and the byte
/// after it.
#[inline(always)]
fn token_at(s: &str, i: usize) -> (Option<Tok<'_>>, usize) {
    let b = s.as_bytes();
    // The alphabetic character starting at byte `j` (not ASCII), and its length.
    let alpha_at = |j: usize| -> Option<usize> {
        let c = s[j..].chars().next()?;
        crate::text::is_alphabetic(c).then(|| c.len_utf8())
    };
    let c = b[i];
    let start = i;
    let mut i = i;
    if c.is_ascii_digit() {
        let mut v: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 8 {
                v = v * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        return (Some(Tok::Num(if digits > 8 { -1 } else { v }, digits)), i);
    }
    let word_len = if c.is_ascii_alphabetic() {
        Some(1)
    } else if c >= 0x80 {
        alpha_at(i)
    } else {
        None
    };
    if let Some(len) = word_len {
        i += len;
        while i < b.len() {
            if b[i].is_ascii_alphabetic() {
                i += 1;
            } else if let Some(len) = (b[i] >= 0x80).then(|| alpha_at(i)).flatten() {
                i += len;
            } else {
                break;
            }
        }
        (Some(Tok::Word(&s[start..i])), i)
    } else if c < 0x80 {
        (
            (!is_space_byte(c)).then_some(Tok::Punct(char::from(c))),
            i + 1,
        )
    } else {
        let Some(ch) = s[i..].chars().next() else {
            return (None, b.len());
        };
        (
            (!ch.is_whitespace()).then_some(Tok::Punct(ch)),
            i + ch.len_utf8(),
        )
    }
}

/// The ASCII bytes [`tokens`] skips as spaces (those `char::is_whitespace` accepts).
fn is_space_byte(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// [`date_at`] starts a date at a number or at most this many tokens before one.
const BEFORE_NUM: usize = 2;
/// Tokens kept after a number: a date starting at most at the number is read with the
/// time after it within about 18 tokens of its start ([`date_at`], [`time_after_at`]).
const AFTER_NUM: usize = 32;

/// The tokens of [`tokens`] a date can be read from: those within [`BEFORE_NUM`] tokens
/// before a number and [`AFTER_NUM`] tokens after one (the runs of text in between are
/// skipped without being split into tokens). Every other token is one [`date_at`] rejects
/// and never reads, so the dates read from the list are the full list's, while the token
/// limit `max` is not reached: `None` when the skipped runs (counted by an upper bound)
/// may reach it, for the caller to use [`tokens`].
fn date_tokens(s: &str, max: usize) -> Option<Vec<(Tok<'_>, usize)>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    // An upper bound of the tokens in the skipped runs.
    let mut skipped = 0;
    let mut i = 0;
    // Tokens since the last number (none yet: skip to the first digit).
    let mut since_num = usize::MAX;
    // No skipping before the number a skip ended at.
    let mut keep_until = 0;
    while i < b.len() {
        if since_num > AFTER_NUM && i >= keep_until {
            let (digit, bound) = to_digit(b, i);
            let Some(p) = digit else {
                skipped += bound;
                break;
            };
            let r = resume_at(b, i, p);
            // The bound of `[i, p)` less that of `[r, p)`: `r` follows a space (or is `i`).
            skipped += bound - token_bound(&b[r..p]);
            i = r;
            keep_until = p;
            since_num = 0;
        }
        let (tok, end) = token_at(s, i);
        if let Some(t) = tok {
            since_num = match t {
                Tok::Num(..) => 0,
                _ => since_num.saturating_add(1),
            };
            out.push((t, i));
            if out.len() + skipped > max {
                return None;
            }
        }
        i = end;
    }
    (out.len() + skipped <= max).then_some(out)
}

/// Where [`date_tokens`] resumes before the digit at `p` (skipping from `lo`): `lo`, or
/// the latest position after an ASCII space with at least [`BEFORE_NUM`] tokens before
/// `p` (counted as space-separated chunks holding an ASCII byte other than a space, each
/// at least one token: `p` is the first digit after `lo`, and no token spans a space).
fn resume_at(b: &[u8], lo: usize, p: usize) -> usize {
    let mut chunks = 0;
    let mut holds_token = false;
    let mut j = p;
    while j > lo {
        let c = b[j - 1];
        if is_space_byte(c) {
            if holds_token {
                chunks += 1;
                holds_token = false;
                if chunks >= BEFORE_NUM {
                    return j;
                }
            }
        } else if c < 0x80 {
            holds_token = true;
        }
        j -= 1;
    }
    lo
}

/// The first ASCII digit at or after `from` (`None`: none), and [`token_bound`] of the
/// bytes from `from` to it (to the end without one): eight bytes at a time.
fn to_digit(b: &[u8], from: usize) -> (Option<usize>, usize) {
    use crate::text::{chunk8, swar_in, HIGH};
    let mut n = 0;
    let mut i = from;
    // Whether the byte before the current word is an ASCII letter (high bit of byte 0).
    let mut prev_alpha = 0u64;
    while let Some(x) = chunk8(b, i) {
        let ascii = !x & HIGH;
        let low = x & !HIGH;
        let digit = swar_in(low, b'0', b'9') & ascii;
        // Letters in either case: lower-case ones with bit 0x20 set in every byte.
        let alpha = swar_in(low | (HIGH >> 2), b'a', b'z') & ascii;
        let space = (swar_in(low, 0x09, 0x0d) | swar_in(low, b' ', b' ')) & ascii;
        // A character's first byte when not ASCII: bit 6 set as well (0b11xx_xxxx).
        let lead = x & (x << 1) & HIGH;
        let punct = ascii & !alpha & !space & !digit;
        let word_start = alpha & !((alpha << 8) | prev_alpha);
        let mut starts = punct | lead | word_start;
        if digit != 0 {
            let at = digit.trailing_zeros() as usize / 8;
            starts &= (1u64 << (8 * at)) - 1;
            n += starts.count_ones() as usize;
            return (Some(i + at), n);
        }
        n += starts.count_ones() as usize;
        prev_alpha = (alpha >> 56) & 0x80;
        i += 8;
    }
    let mut prev = prev_alpha != 0;
    for (j, &c) in b.iter().enumerate().skip(i) {
        if c.is_ascii_digit() {
            return (Some(j), n);
        }
        let alpha = c.is_ascii_alphabetic();
        n += usize::from(if alpha {
            !prev
        } else {
            c >= 0xC0 || (c < 0x80 && !is_space_byte(c))
        });
        prev = alpha;
    }
    (None, n)
}

/// An upper bound of the tokens [`tokens`] splits `b` into when it starts at `b`'s first
/// byte and `b` holds no digit: every ASCII punctuation byte, every ASCII letter after a
/// byte that is not one, and every non-ASCII character (its first byte).
fn token_bound(b: &[u8]) -> usize {
    let mut n = 0;
    let mut prev_alpha = false;
    for &c in b {
        let alpha = c.is_ascii_alphabetic();
        let start = if alpha {
            !prev_alpha
        } else {
            c >= 0xC0 || (c < 0x80 && !is_space_byte(c))
        };
        n += usize::from(start);
        prev_alpha = alpha;
    }
    n
}

/// `s.to_lowercase()`, with runs of ASCII lower-cased as bytes (the standard function
/// goes character by character after the first non-ASCII one). Text with a capital
/// sigma (whose lower case depends on its neighbours) is left to the standard function.
fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if memchr::memmem::find(s.as_bytes(), "\u{3a3}".as_bytes()).is_some() {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii()).count();
        if run > 0 {
            let start = out.len();
            out.push_str(&s[i..i + run]);
            out[start..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.extend(c.to_lowercase());
        i += c.len_utf8();
    }
    out
}

/// Finds the first date in visible text, in any of the supported forms, with the time
/// that follows it when there is one. `month_first` reads `10/31/2023`-style numeric
/// dates as month/day when both readings are possible (American pages).
pub(crate) fn parse_text(s: &str, month_first: bool) -> Option<When> {
    parse_text_where(s, month_first, MAX_SCAN, |_| true)
}

/// The first date in visible text (at most `max` bytes of it) that `keep` accepts.
pub(crate) fn parse_text_where(
    s: &str,
    month_first: bool,
    max: usize,
    keep: impl Fn(&When) -> bool,
) -> Option<When> {
    let s = &s[..floor_char(s, max)];
    let lower = lowercase(s);
    let toks = tokens(&lower, max / 2);
    for k in 0..toks.len() {
        if let Some((date, next)) = date_at(&toks, k, month_first) {
            let mut w = When::day(date);
            if let Some((t, off)) = time_after(&lower, &toks, next) {
                w.time = Some(t);
                w.offset = off;
            }
            if keep(&w) {
                return Some(w);
            }
        }
    }
    None
}

/// A date found in visible text, with its byte span in the lower-cased text
/// ([`TextDates::lower`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spot {
    /// The date (and the time that follows it, when there is one).
    pub when: When,
    /// Byte offset where the date starts.
    pub start: usize,
    /// Byte offset after the date's last token.
    pub end: usize,
}

/// Every date of a text (in order), and the lower-cased text they were read from.
pub(crate) struct TextDates {
    /// The scanned text, lower-cased (empty when it has no digit, hence no date).
    pub lower: String,
    /// The dates found, at most the `limit` given to [`all_dates`].
    pub spots: Vec<Spot>,
    /// The spots starting before this offset of `lower` are the ones a longer text
    /// beginning with the scanned one would give too, when the text was cut just before
    /// an ASCII space of the longer one (same tokens, and date reading looks at most
    /// [`LOOKAHEAD`] tokens ahead): lets a caller scan a window first.
    pub final_before: usize,
}

/// Tokens after a date's first token that [`date_at`] and [`time_after_at`] may read
/// (they read at most about 20; `window_matches_full_text` checks the margin).
const LOOKAHEAD: usize = 64;

/// All dates in visible text (at most `max` bytes of it, at most `limit` dates), with
/// their positions, so that the caller can read the words before each (labels such as
/// "Updated").
pub(crate) fn all_dates(s: &str, month_first: bool, max: usize, limit: usize) -> TextDates {
    let s = &s[..floor_char(s, max)];
    // Every date form has an ASCII number (the day or the year).
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return TextDates {
            lower: String::new(),
            spots: Vec::new(),
            final_before: 0,
        };
    }
    let lower = lowercase(s);
    let final_before;
    let spots;
    {
        let toks = date_tokens(&lower, max / 2).unwrap_or_else(|| tokens(&lower, max / 2));
        // With tokens left out by `date_tokens`, the token `LOOKAHEAD` from the end of the
        // list is at least that far from the end of the full one: a lower bound.
        final_before = toks.len().checked_sub(LOOKAHEAD).map_or(0, |i| toks[i].1);
        spots = spots_in(&lower, &toks, month_first, limit);
    }
    TextDates {
        lower,
        spots,
        final_before,
    }
}

/// The dates read from the tokens of `lower` (at most `limit`), in order.
fn spots_in(lower: &str, toks: &[(Tok<'_>, usize)], month_first: bool, limit: usize) -> Vec<Spot> {
    let mut spots = Vec::new();
    // A date starts at a number or one or two tokens before one (what `date_at` checks
    // first, without the call).
    let num_at = |i: usize| matches!(toks.get(i), Some((Tok::Num(v, _), _)) if *v >= 0);
    let mut k = 0;
    while k < toks.len() && spots.len() < limit {
        if !(num_at(k) || num_at(k + 1) || num_at(k + 2)) {
            k += 1;
            continue;
        }
        let Some((date, next)) = date_at(toks, k, month_first) else {
            k += 1;
            continue;
        };
        let mut w = When::day(date);
        let mut last = next;
        if let Some((t, off, after)) = time_after_at(lower, toks, next) {
            w.time = Some(t);
            w.offset = off;
            last = after;
        }
        let end = toks
            .get(last.saturating_sub(1))
            .map_or(lower.len(), |&(tok, pos)| pos + tok_len(tok));
        spots.push(Spot {
            when: w,
            start: toks[k].1,
            end,
        });
        k = last.max(k + 1);
    }
    spots
}

fn tok_len(t: Tok<'_>) -> usize {
    match t {
        Tok::Num(_, d) => d,
        Tok::Word(w) => w.len(),
        Tok::Punct(c) => c.len_utf8(),
    }
}

/// What the words just before a visible date say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// "Published", "Veröffentlicht am", "Publié le", ...
    Published,
    /// "Updated", "Aktualisiert", "Mis à jour", "Last modified", ...
    Modified,
    /// A date that is about something else: a member's registration ("Joined", "Member
    /// since", "Mitglied seit"), a copyright, a forum's last post.
    Other,
    /// No label (or one that says nothing about which date it is).
    None,
}

/// Words (lower-case) that mark the following date as about something else than the
/// article.
const OTHER_WORDS: &[&str] = &[
    "joined",
    "member since",
    "registered",
    "founded",
    "last post",
    "last reply",
    "last active",
    "last seen",
    "current time",
    "aktuelle zeit",
    "heure actuelle",
    "copyright",
    "©",
    "dabei seit",
    "mitglied seit",
    "registriert",
    "beigetreten",
    "inscrit",
    "membre depuis",
    "miembro desde",
    "registrado",
    "iscritto",
    "lid sinds",
    "geregistreerd",
    "zarejestrowany",
    "dołączył",
    "регистрация",
    "зарегистрирован",
];

/// Words (lower-case) that mark the following date as the last modification.
const MODIFIED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "last edited",
    "edited",
    "revised",
    "aktualisiert",
    "aktualisierung",
    "geändert",
    "letzte änderung",
    "mis à jour",
    "mise à jour",
    "modifié",
    "actualizado",
    "actualizada",
    "actualización",
    "aggiornato",
    "aggiornata",
    "aggiornamento",
    "atualizado",
    "atualizada",
    "atualização",
    "bijgewerkt",
    "gewijzigd",
    "oppdatert",
    "uppdaterad",
    "uppdaterat",
    "opdateret",
    "päivitetty",
    "zaktualizowano",
    "aktualizacja",
    "aktualizováno",
    "aktualizované",
    "frissítve",
    "actualizat",
    "обновлено",
    "обновлена",
    "оновлено",
    "güncellendi",
    "güncelleme",
    "ενημερώθηκε",
    "更新",
    "обновено",
    "ажурирано",
    "ažurirano",
    "posodobljeno",
    "diperbarui",
    "actualitzat",
    "uuendatud",
    "atnaujinta",
    "atjaunināts",
    "cập nhật",
    "수정",
    "업데이트",
    "עודכן",
    "تحديث",
    "अपडेट",
    "به‌روزرسانی",
    "بروزرسانی",
];

/// Words (lower-case) that mark the following date as the publication.
const PUBLISHED_WORDS: &[&str] = &[
    "published",
    "posted",
    "publication",
    "released",
    "veröffentlicht",
    "erschienen",
    "erscheinungsdatum",
    "publiziert",
    "erstellt",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "publicación",
    "pubblicato",
    "pubblicata",
    "publicat",
    "gepubliceerd",
    "geplaatst",
    "publisert",
    "publicerad",
    "publiceret",
    "udgivet",
    "julkaistu",
    "opublikowano",
    "publikacja",
    "publikováno",
    "zveřejněno",
    "publikované",
    "közzétéve",
    "megjelent",
    "опубликовано",
    "опубликован",
    "опубліковано",
    "yayınlanma",
    "yayınlandı",
    "δημοσιεύθηκε",
    "δημοσίευση",
    "发布",
    "發布",
    "公開",
    "掲載",
    "публикувано",
    "објављено",
    "objavljeno",
    "diterbitkan",
    "dipublikasikan",
    "avaldatud",
    "paskelbta",
    "publicēts",
    "ngày đăng",
    "đăng lúc",
    "입력",
    "פורסם",
    "نشر",
    "प्रकाशित",
    "منتشر شده",
];

/// The label words of the three lists grouped by first byte, each group in the order
/// [`label_before`] checks them (modified words, then published, then other): the words
/// starting with byte `b` are `words[starts[b]..starts[b + 1]]`.
struct LabelIndex {
    starts: [usize; 257],
    words: [(&'static str, Label); LABEL_WORDS],
}

const LABEL_WORDS: usize = MODIFIED_WORDS.len() + PUBLISHED_WORDS.len() + OTHER_WORDS.len();

const LABEL_INDEX: LabelIndex = {
    let lists = [
        (MODIFIED_WORDS, Label::Modified),
        (PUBLISHED_WORDS, Label::Published),
        (OTHER_WORDS, Label::Other),
    ];
    // Counting sort by first byte, stable.
    let mut starts = [0usize; 257];
    let mut l = 0;
    while l < lists.len() {
        let mut j = 0;
        while j < lists[l].0.len() {
            let w = lists[l].0[j].as_bytes();
            assert!(!w.is_empty(), "a label word is empty");
            starts[w[0] as usize + 1] += 1;
            j += 1;
        }
        l += 1;
    }
    let mut b = 0;
    while b < 256 {
        starts[b + 1] += starts[b];
        b += 1;
    }
    let mut next = starts;
    let mut words = [("", Label::None); LABEL_WORDS];
    let mut l = 0;
    while l < lists.len() {
        let mut j = 0;
        while j < lists[l].0.len() {
            let w = lists[l].0[j];
            let b = w.as_bytes()[0] as usize;
            words[next[b]] = (w, lists[l].1);
            next[b] += 1;
            j += 1;
        }
        l += 1;
    }
    LabelIndex { starts, words }
};

/// The label of the date starting at byte `start` of `lower`: the last label word within
/// the 40 bytes before it (not crossing `floor`, the end of the previous date).
pub(crate) fn label_before(lower: &str, floor: usize, start: usize) -> Label {
    let from = floor_char(lower, start.saturating_sub(40)).max(floor_char(lower, floor));
    let Some(before) = lower.get(from..start.min(lower.len())) else {
        return Label::None;
    };
    // The last label word wins: scan start positions from the end.
    let b = before.as_bytes();
    for i in (0..b.len()).rev() {
        if !before.is_char_boundary(i) || b[i].is_ascii_digit() || b[i].is_ascii_whitespace() {
            continue;
        }
        let rest = &before[i..];
        // The first list with a word here wins: the group keeps the lists' order.
        let group = usize::from(b[i]);
        let (from, to) = (LABEL_INDEX.starts[group], LABEL_INDEX.starts[group + 1]);
        for &(w, label) in &LABEL_INDEX.words[from..to] {
            if rest.starts_with(w) {
                return label;
            }
        }
    }
    Label::None
}

fn num(t: Option<&(Tok<'_>, usize)>) -> Option<(i64, usize)> {
    match t {
        Some((Tok::Num(v, d), _)) if *v >= 0 => Some((*v, *d)),
        _ => None,
    }
}

fn punct(t: Option<&(Tok<'_>, usize)>, set: &[char]) -> Option<char> {
    match t {
        Some((Tok::Punct(c), _)) if set.contains(c) => Some(*c),
        _ => None,
    }
}

fn word<'a>(t: Option<&(Tok<'a>, usize)>) -> Option<&'a str> {
    match t {
        Some((Tok::Word(w), _)) => Some(w),
        _ => None,
    }
}

/// A date starting at token `k`; returns it and the index of the token after it.
fn date_at(t: &[(Tok<'_>, usize)], k: usize, month_first: bool) -> Option<(NaiveDate, usize)> {
    let g = |i: usize| t.get(i);
    // Numbers glued to a preceding digit group or word are not date starts.
    if let Some((a, ad)) = num(g(k)) {
        // Y-M-D, Y/M/D, Y.M.D, and CJK Y年M月D日 / Korean "2023. 10. 31."
        if ad == 4 {
            if let Some(sep) = punct(g(k + 1), &['-', '/', '.']) {
                if let (Some((m, _)), Some(_), Some((d, dd))) =
                    (num(g(k + 2)), punct(g(k + 3), &[sep]), num(g(k + 4)))
                {
                    if dd <= 2 {
                        if let Some(date) = ymd(a, m, d) {
                            return Some((date, k + 5));
                        }
                    }
                }
            }
            // Hungarian "2023. október 31.", "2023. márc. 5."
            if let (Some(_), Some(m)) = (punct(g(k + 1), &['.']), word(g(k + 2)).and_then(month_of))
            {
                let i = k + 3 + usize::from(punct(g(k + 3), &['.']).is_some());
                if let Some((d, 1 | 2)) = num(g(i)) {
                    if let Some(date) = ymd(a, i64::from(m), d) {
                        // The day's own dot ("31.") is part of the date.
                        let end = i + 1 + usize::from(punct(g(i + 1), &['.']).is_some());
                        return Some((date, end));
                    }
                }
            }
            if let (Some("年"), Some((m, _)), Some("月"), Some((d, _))) =
                (word(g(k + 1)), num(g(k + 2)), word(g(k + 3)), num(g(k + 4)))
            {
                if let Some(date) = ymd(a, m, d) {
                    return Some((date, k + 6));
                }
            }
            if let (Some(w), Some((m, _)), Some(_), Some((d, _))) =
                (word(g(k + 1)), num(g(k + 2)), word(g(k + 3)), num(g(k + 4)))
            {
                if w.starts_with('년') || w.starts_with('年') {
                    if let Some(date) = ymd(a, m, d) {
                        return Some((date, k + 6));
                    }
                }
            }
        }
        if ad <= 2 {
            // D.M.Y, D/M/Y, M/D/Y, D-M-Y (two- or four-digit years)
            if let Some(sep) = punct(g(k + 1), &['.', '/', '-']) {
                if let (Some((b, bd)), Some(_), Some((y, yd))) =
                    (num(g(k + 2)), punct(g(k + 3), &[sep]), num(g(k + 4)))
                {
                    if bd <= 2 && (yd == 4 || yd == 2) {
                        // "31.10.23 12:00" is a date; "1.2.3" version numbers are not (yd check).
                        let y = expand_year(y, yd);
                        let (d, m) = if month_first && a <= 12 {
                            (b, a)
                        } else if a > 12 {
                            (a, b)
                        } else if b > 12 {
                            (b, a)
                        } else {
                            (a, b)
                        };
                        if let Some(date) = ymd(y, m, d) {
                            return Some((date, k + 5));
                        }
                    }
                }
            }
            // D [.] Month [,] Y  ("31 octobre 2023", "31. Oktober 2023", "31 de octubre de 2023"),
            // and D-Mon-Y with a four-digit year ("04-Aug-2021", "04-ago-2021")
            let mut i = k + 1;
            let dashed = punct(g(i), &['-']).is_some();
            if dashed || punct(g(i), &['.']).is_some() {
                i += 1;
            }
            if !dashed && matches!(word(g(i)), Some("de" | "of")) {
                i += 1;
            } else if !dashed
                && word(g(i)) == Some("d")
                && punct(g(i + 1), &['\'', '\u{2019}']).is_some()
            {
                // Catalan "31 d'octubre de 2023"
                i += 2;
            }
            if let Some(m) = word(g(i)).and_then(month_of) {
                let mut j = i + 1;
                if dashed {
                    punct(g(j), &['-'])?;
                    j += 1;
                } else if punct(g(j), &['.', ',']).is_some() {
                    j += 1;
                }
                if matches!(word(g(j)), Some("de" | "del")) {
                    j += 1;
                }
                if let Some((y, 4)) = num(g(j)) {
                    if let Some(date) = ymd(y, i64::from(m), a) {
                        return Some((date, j + 1));
                    }
                }
            }
        }
        return None;
    }
    // Month D[,] Y  ("Oct. 31, 2023", "October 31st 2023"); the month lookup only runs
    // when a day number follows.
    if num(g(k + 1)).is_none() && num(g(k + 2)).is_none() {
        return None;
    }
    let m = word(g(k)).and_then(month_of)?;
    let mut i = k + 1;
    if punct(g(i), &['.']).is_some() {
        i += 1;
    }
    let (d, dd) = num(g(i))?;
    if dd > 2 {
        return None;
    }
    i += 1;
    if matches!(word(g(i)), Some("st" | "nd" | "rd" | "th")) {
        i += 1;
    }
    if punct(g(i), &[',', '.']).is_some() {
        i += 1;
    }
    let (y, 4) = num(g(i))? else {
        return None;
    };
    ymd(y, i64::from(m), d).map(|date| (date, i + 1))
}

/// A clock time right after a date (within a few tokens: "2023-10-31 20:22:40",
/// "Oct. 31, 2023 8:22 PM ET", "31.10.2023, 14:05 Uhr", "31/10/2023 à 14h05").
fn time_after(s: &str, t: &[(Tok<'_>, usize)], next: usize) -> Option<(NaiveTime, Option<i32>)> {
    time_after_at(s, t, next).map(|(time, off, _)| (time, off))
}

/// [`time_after`], with the index of the token after the time (and its zone, when one
/// was read).
fn time_after_at(
    s: &str,
    t: &[(Tok<'_>, usize)],
    next: usize,
) -> Option<(NaiveTime, Option<i32>, usize)> {
    let mut i = next;
    // Skip connectors: ",", "|", "-", "at", "um", "à", "a las", "alle", "klo", "o".
    for _ in 0..3 {
        match t.get(i) {
            Some((Tok::Punct(',' | '|' | '-' | '/' | '·' | '•' | '(' | '@'), _)) => i += 1,
            Some((
                Tok::Word("at" | "um" | "à" | "a" | "las" | "alle" | "ore" | "klo" | "kl" | "o"),
                _,
            )) => i += 1,
            _ => break,
        }
    }
    let (h, hd) = num(t.get(i))?;
    if hd > 2 {
        return None;
    }
    let sep = punct(t.get(i + 1), &[':'])
        .or_else(|| matches!(word(t.get(i + 1)), Some("h")).then_some('h'))?;
    let (mi, md) = num(t.get(i + 2))?;
    if md != 2 {
        return None;
    }
    let mut j = i + 3;
    let mut sec = 0;
    if sep == ':' && punct(t.get(j), &[':']).is_some() {
        if let Some((sv, 2)) = num(t.get(j + 1)) {
            sec = sv;
            j += 2;
        }
    }
    let mut h = h;
    match word(t.get(j)) {
        Some("pm" | "p") => {
            if h < 12 {
                h += 12;
            }
            j += 1;
        }
        Some("am" | "a") => {
            if h == 12 {
                h = 0;
            }
            j += 1;
        }
        _ => {}
    }
    if punct(t.get(j), &['.']).is_some() && matches!(word(t.get(j + 1)), Some("m")) {
        j += 2;
    }
    let time = hms(h, mi, sec.min(59))?;
    // An offset written right after ("+01:00", "UTC", "GMT+2") or a known zone name.
    let off = t.get(j).and_then(|&(_, pos)| {
        let rest = s.get(pos..)?;
        let mut c = Cur {
            b: rest.as_bytes(),
            i: 0,
        };
        parse_offset(&mut c).or_else(|| zone_offset(word(t.get(j))?))
    });
    Some((time, off, j))
}

/// Offsets of common zone abbreviations (standard/daylight as written).
fn zone_offset(w: &str) -> Option<i32> {
    let h = match w {
        "utc" | "gmt" | "z" => 0,
        "bst" | "cet" | "mez" | "wat" => 1,
        "cest" | "mesz" | "eet" | "sast" | "cat" => 2,
        "eest" | "msk" | "eat" => 3,
        "ist" => return Some(5 * 3600 + 1800),
        "jst" | "kst" => 9,
        "aest" => 10,
        "aedt" => 11,
        "et" | "est" => -5,
        "edt" | "ct" | "cst" => {
            if w == "edt" {
                -4
            } else {
                -6
            }
        }
        "cdt" => -5,
        "mt" | "mst" => -7,
        "mdt" => -6,
        "pt" | "pst" => -8,
        "pdt" => -7,
        _ => return None,
    };
    Some(h * 3600)
}

/// The largest char boundary not after `max`.
pub(super) fn floor_char(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        parse_value(s).map(|w| w.iso())
    }
    fn t(s: &str) -> Option<String> {
        parse_text(s, false).map(|w| w.iso())
    }

    #[test]
    fn structured_values() {
        assert_eq!(v("2023-10-31").as_deref(), Some("2023-10-31"));
        assert_eq!(
            v("2023-10-31T20:22:40+01:00").as_deref(),
            Some("2023-10-31T20:22:40+01:00")
        );
        assert_eq!(
            v("2023-10-31T20:22:40.123Z").as_deref(),
            Some("2023-10-31T20:22:40+00:00")
        );
        assert_eq!(
            v("2023-10-31 20:22:40").as_deref(),
            Some("2023-10-31T20:22:40")
        );
        assert_eq!(
            v("2023-10-31T20:22:40+0100").as_deref(),
            Some("2023-10-31T20:22:40+01:00")
        );
        assert_eq!(v("2023/10/31").as_deref(), Some("2023-10-31"));
        assert_eq!(v("20231031").as_deref(), Some("2023-10-31"));
        assert_eq!(
            v("Tue, 31 Oct 2023 20:22:40 +0000").as_deref(),
            Some("2023-10-31T20:22:40+00:00")
        );
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        assert_eq!(
            v("1698783760").as_deref(),
            Some("2023-10-31T20:22:40+00:00")
        );
        assert_eq!(
            v("1698783760000").as_deref(),
            Some("2023-10-31T20:22:40+00:00")
        );
        assert_eq!(v("12"), None);
    }

    #[test]
    fn impossible_dates_rejected() {
        assert_eq!(v("2023-02-30"), None);
        assert_eq!(v("20233-01-01"), None);
        assert_eq!(v("1850-01-01"), None);
        assert_eq!(t("31.02.2023"), None);
        assert_eq!(v("2023-13-01"), None);
    }

    #[test]
    fn visible_text_forms() {
        assert_eq!(
            t("Publié le 31 octobre 2023").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(
            t("31. Oktober 2023, 14:05 Uhr").as_deref(),
            Some("2023-10-31T14:05:00")
        );
        assert_eq!(
            t("Oct. 31, 2023 8:22 PM ET").as_deref(),
            Some("2023-10-31T20:22:00-05:00")
        );
        assert_eq!(t("October 31st, 2023").as_deref(), Some("2023-10-31"));
        assert_eq!(t("Stand: 31.10.2023").as_deref(), Some("2023-10-31"));
        assert_eq!(t("31.10.23").as_deref(), Some("2023-10-31"));
        assert_eq!(t("31 de octubre de 2023").as_deref(), Some("2023-10-31"));
        assert_eq!(t("on 04-Aug-2021").as_deref(), Some("2021-08-04"));
        assert_eq!(
            t("on 04-ago-2021 5:11:10").as_deref(),
            Some("2021-08-04T05:11:10")
        );
        assert_eq!(t("04-ago 2021"), None);
        assert_eq!(t("04-ago-21"), None);
        assert_eq!(t("2023年10月31日").as_deref(), Some("2023-10-31"));
        assert_eq!(t("31 октября 2023").as_deref(), Some("2023-10-31"));
        // More languages of the news web.
        for (text, want) in [
            ("31 octombrie 2023", "2023-10-31"),
            ("31. októbra 2023", "2023-10-31"),
            ("2023. október 31.", "2023-10-31"),
            ("2023. márc. 5. 14:20", "2023-03-05T14:20:00"),
            ("30. listopadu 2023", "2023-11-30"),
            ("31. oktobar 2023.", "2023-10-31"),
            ("31. октобар 2023.", "2023-10-31"),
            ("31 октомври 2023 г.", "2023-10-31"),
            ("31. oktoober 2023", "2023-10-31"),
            ("31 Agustus 2023", "2023-08-31"),
            ("31 d'octubre de 2023", "2023-10-31"),
            ("31 أكتوبر 2023", "2023-10-31"),
            ("31 באוקטובר 2023", "2023-10-31"),
        ] {
            assert_eq!(t(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(t("2023. 31 October"), None);
        assert_eq!(
            t("posted 2023-10-31 20:22:40").as_deref(),
            Some("2023-10-31T20:22:40")
        );
        assert_eq!(t("version 1.2.3"), None);
        assert_eq!(t("no date here"), None);
    }

    #[test]
    fn numeric_order() {
        assert_eq!(
            parse_text("10/31/2023", false).map(|w| w.iso()).as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(
            parse_text("03/04/2023", true).map(|w| w.iso()).as_deref(),
            Some("2023-03-04")
        );
        assert_eq!(
            parse_text("03/04/2023", false).map(|w| w.iso()).as_deref(),
            Some("2023-04-03")
        );
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(expand_year(23, 2), 2023);
        assert_eq!(expand_year(98, 2), 1998);
        assert_eq!(t("05.06.98").as_deref(), Some("1998-06-05"));
    }

    #[test]
    fn url_dates() {
        let d = |u: &str| from_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.example/2023/10/31/story").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(
            d("https://x.example/news/2023-10-31-story").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(
            d("https://x.example/a/20231031/story").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(d("https://x.example/2023/10/story"), None);
        assert_eq!(d("https://x.example/id/1234567890123"), None);
        assert_eq!(d("https://2023.example/10/31"), None);
        // A day-first segment, when the order is unambiguous.
        assert_eq!(
            d("https://x.example/meldungen/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(
            d("https://x.example/news/10-29-2021-story").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(d("https://x.example/news/05-10-2021"), None);
        assert_eq!(
            d("https://x.example/blog/2023/october/03/wine-styles/").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(
            d("https://x.example/2023/Oct/3").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(d("https://x.example/2023/october-03/a"), None);
        assert_eq!(d("https://x.example/2023/shoes/03/a"), None);
        assert_eq!(d("https://x.example/v1-29-10-2021"), None);
        assert_eq!(
            month_from_url("https://x.example/2019/10/new-shoes/"),
            Some((2019, 10))
        );
        assert_eq!(month_from_url("https://x.example/2019/13/a"), None);
        assert_eq!(month_from_url("https://x.example/v2019/10/a"), None);
        assert_eq!(month_from_url("https://x.example/a/2019/10"), None);
        assert_eq!(
            month_from_url("https://x.example/blog/2023/october/wine-styles"),
            Some((2023, 10))
        );
        assert_eq!(
            month_from_url("https://x.example/2023/Mar/"),
            Some((2023, 3))
        );
        assert_eq!(
            month_from_url("https://x.example/2023/october"),
            Some((2023, 10))
        );
        assert_eq!(
            month_from_url("https://x.example/2023/october-events/"),
            None
        );
        assert_eq!(month_from_url("https://x.example/2023/shoes/"), None);
    }

    #[test]
    fn relative_dates() {
        let r = 1_698_783_760; // 2023-10-31T20:22:40Z
        let d = |s: &str| relative(s, r).map(|w| w.iso());
        assert_eq!(d("3 hours ago").as_deref(), Some("2023-10-31"));
        assert_eq!(d("2 days ago").as_deref(), Some("2023-10-29"));
        assert_eq!(d("vor 2 Tagen").as_deref(), Some("2023-10-29"));
        assert_eq!(d("il y a 3 jours").as_deref(), Some("2023-10-28"));
        assert_eq!(d("yesterday").as_deref(), Some("2023-10-30"));
        assert_eq!(d("a week ago").as_deref(), Some("2023-10-24"));
        assert_eq!(d("Hello world"), None);
    }

    #[test]
    fn future_dates_rejected_with_reference() {
        let w = parse_value("2030-01-01").unwrap();
        assert!(w.plausible(None));
        assert!(!w.plausible(Some(1_698_783_760)));
    }

    #[test]
    fn months() {
        assert_eq!(month_of("oct."), Some(10));
        assert_eq!(month_of("juil"), Some(7));
        assert_eq!(month_of("jui"), None);
        assert_eq!(month_of("mai"), Some(5));
        assert_eq!(month_of("ma"), None);
        assert_eq!(month_of("mar"), Some(3));
        assert_eq!(month_of("mar."), Some(3));
        assert_eq!(month_of("marras"), Some(11));
    }

    #[test]
    fn huge_input_is_bounded() {
        let s = "1 ".repeat(1_000_000);
        assert_eq!(t(&s), None);
        let s = "9".repeat(100_000);
        assert_eq!(v(&s), None);
    }

    fn spots(s: &str) -> Vec<(String, Label)> {
        let found = all_dates(s, false, 4096, 16);
        let mut floor = 0;
        let mut out = Vec::new();
        for sp in &found.spots {
            out.push((sp.when.iso(), label_before(&found.lower, floor, sp.start)));
            floor = sp.end;
        }
        out
    }

    #[test]
    fn every_date_with_its_label() {
        assert_eq!(
            spots("Beitrag von r23 » 21.01.2009, 05:42 | Aktuelle Zeit: 14.10.2020, 12:18"),
            [
                ("2009-01-21T05:42:00".to_string(), Label::None),
                ("2020-10-14T12:18:00".to_string(), Label::Other)
            ]
        );
        assert_eq!(
            spots("  | Mar 24, 2025   | By Amy Wilhelm  | 0 comments"),
            [("2025-03-24".to_string(), Label::None)]
        );
        assert_eq!(
            spots("Publiziert: 03.04.2020, 12:35 | Aktualisiert: 11.04.2020, 10:27"),
            [
                ("2020-04-03T12:35:00".to_string(), Label::Published),
                ("2020-04-11T10:27:00".to_string(), Label::Modified)
            ]
        );
        assert_eq!(
            spots("Updated June 13, 2019 | Posted on 5 March 2018"),
            [
                ("2019-06-13".to_string(), Label::Modified),
                ("2018-03-05".to_string(), Label::Published)
            ]
        );
        // Published, then updated, in other languages.
        for (s, published, modified) in [
            (
                "Публикувано: 30.10.2023 | Обновено: 31.10.2023",
                "2023-10-30",
                "2023-10-31",
            ),
            (
                "פורסם 30 באוקטובר 2023 | עודכן 31 באוקטובר 2023",
                "2023-10-30",
                "2023-10-31",
            ),
            (
                "입력 2023.10.30 09:12 | 수정 2023.10.31 10:00",
                "2023-10-30T09:12:00",
                "2023-10-31T10:00:00",
            ),
        ] {
            assert_eq!(
                spots(s),
                [
                    (published.to_string(), Label::Published),
                    (modified.to_string(), Label::Modified)
                ],
                "{s}"
            );
        }
        // A label far before the date does not count.
        assert_eq!(
            spots("Updated with a very long sentence that goes on and on, 5 March 2018"),
            [("2018-03-05".to_string(), Label::None)]
        );
        assert!(spots("no dates here, 12:30 or 1.2.3").is_empty());
        assert_eq!(
            spots("Posts: 524 Joined: Mon Jul 24, 2017 9:28 am | Post by x » Sat Feb 24, 2024"),
            [
                ("2017-07-24T09:28:00".to_string(), Label::Other),
                ("2024-02-24".to_string(), Label::None)
            ]
        );
    }

    /// [`label_before`] by definition: each start position from the end, the lists in
    /// order.
    fn label_before_reference(lower: &str, floor: usize, start: usize) -> Label {
        let from = floor_char(lower, start.saturating_sub(40)).max(floor_char(lower, floor));
        let Some(before) = lower.get(from..start.min(lower.len())) else {
            return Label::None;
        };
        let b = before.as_bytes();
        for i in (0..b.len()).rev() {
            if !before.is_char_boundary(i) || b[i].is_ascii_digit() || b[i].is_ascii_whitespace() {
                continue;
            }
            let rest = &before[i..];
            for (words, label) in [
                (MODIFIED_WORDS, Label::Modified),
                (PUBLISHED_WORDS, Label::Published),
                (OTHER_WORDS, Label::Other),
            ] {
                if words.iter().any(|w| rest.starts_with(w)) {
                    return label;
                }
            }
        }
        Label::None
    }

    /// [`month_of`] by definition: every name of [`MONTHS`] in order.
    fn month_of_reference(word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.');
        if w.chars().count() < 3 {
            return None;
        }
        month_among(MONTHS, w)
    }

    #[test]
    fn month_index_matches_the_list() {
        let mut words: Vec<String> = Vec::new();
        for &(name, _) in MONTHS {
            let chars: Vec<char> = name.chars().collect();
            for n in 1..=chars.len() {
                words.push(chars[..n].iter().collect());
                words.push(format!("{}.", words.last().unwrap()));
            }
            words.push(format!("{name}x"));
        }
        words.extend(["", ".", "x", "maybe", "mac", "mar", "juu", "the", "2023"].map(String::from));
        for w in &words {
            assert_eq!(month_of(w), month_of_reference(w), "{w:?}");
        }
    }

    #[test]
    fn label_index_matches_the_lists() {
        let mut texts: Vec<String> = Vec::new();
        for (i, w) in MODIFIED_WORDS
            .iter()
            .chain(PUBLISHED_WORDS)
            .chain(OTHER_WORDS)
            .enumerate()
        {
            texts.push(format!("{w} 12"));
            texts.push(format!("x {w}: é 12"));
            texts.push(format!("{w}{} 12", OTHER_WORDS[i % OTHER_WORDS.len()]));
            texts.push(format!(
                "{} ({w}) 12",
                PUBLISHED_WORDS[i % PUBLISHED_WORDS.len()]
            ));
            // Word prefixes: "update" of "updated", "publi" of several.
            texts.push(format!("{} 12", &w[..floor_char(w, w.len() / 2 + 1)]));
        }
        texts.push("nothing here at all 12".into());
        texts.push(String::new());
        for t in &texts {
            for floor in [0, 2, 5] {
                for start in [t.len().saturating_sub(3), t.len(), 7] {
                    assert_eq!(
                        label_before(t, floor, start),
                        label_before_reference(t, floor, start),
                        "{t:?} {floor} {start}"
                    );
                }
            }
        }
    }

    /// The window property [`TextDates::final_before`] promises: cut a text before any
    /// space, and the spots of the cut text that start before `final_before` are the
    /// first spots of the whole text (same dates, times, zones and offsets).
    #[test]
    fn window_matches_full_text() {
        const PARTS: &[&str] = &[
            "31. Oktober 2023",
            "Oct. 31, 2023 8:22 PM ET",
            "2023-10-31 20:22:40 +01:00",
            "31/10/23 14h05",
            "le 5 mars 2021 à 14:05 UTC",
            "2023年10月31日",
            "October 31st 2023, 10:28 p.m.",
            "Updated:",
            "Published",
            "ΣΟΦΙΑΣ ΝΈΑ",
            "İstanbul",
            "|",
            "at",
            "12:30",
            "1.2.3",
            "2019",
            "word",
            "x",
            ",",
            "-",
            "+02:00",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for _ in 0..40 {
            let n = 40 + (next() % 160) as usize;
            let text: Vec<&str> = (0..n)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            let text = text.join(" ");
            let show = |d: &TextDates, upto: usize| -> Vec<String> {
                d.spots
                    .iter()
                    .filter(|s| s.start < upto)
                    .map(|s| format!("{:?} {} {}", s.when, s.start, s.end))
                    .collect()
            };
            let full = all_dates(&text, false, text.len(), 64);
            for (cut, _) in text.match_indices(' ') {
                let part = all_dates(&text[..cut], false, text.len(), 64);
                let fin = part.final_before;
                assert_eq!(show(&part, fin), show(&full, fin), "{cut} in {text}");
                assert!(full.lower.starts_with(&part.lower));
                checked += usize::from(part.spots.iter().any(|s| s.start < fin));
            }
        }
        assert!(checked > 100, "{checked}");
    }

    /// [`date_tokens`] reads the dates [`tokens`] gives, on random texts of dates, times,
    /// labels, numbers that are no dates, long runs of words (skipped) and punctuation
    /// (the token limit), in several scripts; and falls back when the limit may be hit.
    #[test]
    fn date_tokens_read_the_dates_of_all_tokens() {
        const PARTS: &[&str] = &[
            "31. Oktober 2023",
            "Oct. 31, 2023 8:22 PM ET",
            "2023-10-31 20:22:40 +01:00",
            "31/10/23 14h05",
            "le 5 mars 2021 à 14:05 UTC",
            "2023年10月31日",
            "2023년 10월 31일",
            "31 de octubre de 2023",
            "04-Aug-2021",
            "October 31st 2023, 10:28 p.m.",
            "Updated:",
            "12:30",
            "1.2.3",
            "2019",
            "3",
            "Oct.",
            "word",
            "Wörter\u{a0}und",
            "слово,",
            "ΣΟΦΙΑΣ",
            "漢字",
            ",",
            "-",
            "|",
            "\u{a0}",
            "\t",
            "+02:00",
        ];
        const FILLER: &[&str] = &["lorem", "ipsum", "dolor", "«sit»", "amet—", "x", "é"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut fast, mut dates) = (0, 0);
        for _ in 0..600 {
            let n = 1 + (next() % 120) as usize;
            let mut words: Vec<&str> = Vec::new();
            for _ in 0..n {
                if next() % 3 == 0 {
                    words.push(PARTS[(next() % PARTS.len() as u64) as usize]);
                } else {
                    for _ in 0..(next() % 50) {
                        words.push(FILLER[(next() % FILLER.len() as u64) as usize]);
                    }
                }
            }
            let sep = [" ", "  ", "\n", " | "][(next() % 4) as usize];
            let text = lowercase(&words.join(sep));
            for max in [usize::MAX, text.len() / 2, text.len() / 8] {
                let all = tokens(&text, max);
                let Some(some) = date_tokens(&text, max) else {
                    assert!(max < usize::MAX, "{text:?}");
                    continue;
                };
                assert!(all.len() <= max, "{text:?}");
                let show = |t: &[(Tok<'_>, usize)]| -> Vec<String> {
                    spots_in(&text, t, false, 64)
                        .iter()
                        .map(|s| format!("{:?} {} {}", s.when, s.start, s.end))
                        .collect()
                };
                let expected = show(&all);
                assert_eq!(show(&some), expected, "{text:?}");
                fast += usize::from(some.len() < all.len());
                dates += expected.len();
            }
        }
        assert!(fast > 300 && dates > 1000, "{fast} {dates}");
    }

    /// [`to_digit`] finds the first digit and counts as [`token_bound`] does, for every
    /// start and alignment.
    #[test]
    fn to_digit_matches_the_byte_loop() {
        let text = "Ab c.d\té\u{a0}漢字 x-Y\u{b}z ÄÖ «q» 5 wörds\r\nQ! 12 ab";
        let b = text.as_bytes();
        for from in 0..b.len() {
            let p = b[from..]
                .iter()
                .position(u8::is_ascii_digit)
                .map(|d| from + d);
            let bound = token_bound(&b[from..p.unwrap_or(b.len())]);
            assert_eq!(to_digit(b, from), (p, bound), "{from}");
        }
        for c in 0..=255u8 {
            let b = [b'a', c, b'a', c, c, b' ', c, b'a', c, c];
            let p = b.iter().position(u8::is_ascii_digit);
            assert_eq!(
                to_digit(&b, 0),
                (p, token_bound(&b[..p.unwrap_or(b.len())])),
                "{c}"
            );
        }
    }

    /// The character-by-character definition of [`tokens`].
    fn tokens_reference(s: &str, max: usize) -> Vec<(Tok<'_>, usize)> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if out.len() >= max {
                break;
            }
            if c.is_ascii_digit() {
                let mut end = i + 1;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                let digits = end - i;
                let v = if digits > 8 {
                    -1
                } else {
                    s[i..end].parse().unwrap_or(-1)
                };
                out.push((Tok::Num(v, digits), i));
            } else if c.is_alphabetic() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push((Tok::Word(&s[i..end]), i));
            } else if !c.is_whitespace() {
                out.push((Tok::Punct(c), i));
            }
        }
        out
    }

    /// [`tokens`] and [`lowercase`] agree with their definitions on random mixes of
    /// ASCII, accented letters, other scripts, digits, spaces and punctuation.
    #[test]
    fn fast_tokens_and_lowercase_match_definitions() {
        const CHARS: &[char] = &[
            'a', 'Z', 'q', '0', '7', '9', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '.',
            ',', ':', '-', '/', '+', 'é', 'Ä', 'ß', 'İ', 'Σ', 'σ', 'Ω', '年', '月', '日', '년',
            '\u{a0}', '\u{2003}', '\u{3000}', '’', '–', '©', '\u{301}', '½', '٣', 'ǅ', 'ﬃ',
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 40) as usize;
            let s: String = (0..n)
                .map(|_| CHARS[(next() % CHARS.len() as u64) as usize])
                .collect();
            assert_eq!(lowercase(&s), s.to_lowercase(), "{s:?}");
            for max in [usize::MAX, 3] {
                assert_eq!(tokens(&s, max), tokens_reference(&s, max), "{s:?}");
            }
        }
        let long = "1234567890123 12345678 00000009 x";
        assert_eq!(tokens(long, 99), tokens_reference(long, 99));
    }
}
