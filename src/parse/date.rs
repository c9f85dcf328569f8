//! Dutch dates as the documents print them (`18 juli 2019`).

use chrono::{Datelike, NaiveDate, Weekday};

pub(super) const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The first `day month year` in `text`, where the month is a Dutch month name.
pub(crate) fn find_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .flat_map(split_month_from_year)
        .collect();
    words
        .windows(3)
        .find_map(|w| date_from_words(w[0], w[1], w[2]))
}

/// `november2024`, a month glued to its year by PDF extraction → `november`, `2024`.
fn split_month_from_year(word: &str) -> Vec<&str> {
    match word.find(|c: char| c.is_ascii_digit()) {
        Some(at) if at > 0 && word[..at].chars().all(char::is_alphabetic) => {
            vec![&word[..at], &word[at..]]
        }
        _ => vec![word],
    }
}

fn date_from_words(day: &str, month: &str, year: &str) -> Option<NaiveDate> {
    let day: u32 = day.parse().ok()?;
    let month = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(month))?;
    let year: i32 = year.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
}

/// The parliamentary year (vergaderjaar) a date falls in, as Aanhangsel ids write it
/// (`20242025`): it opens on the third Tuesday of September, Prinsjesdag.
pub fn vergaderjaar(date: NaiveDate) -> String {
    let year = date.year();
    let opens = third_tuesday_of_september(year);
    let first = if date >= opens { year } else { year - 1 };
    format!("{first}{}", first + 1)
}

fn third_tuesday_of_september(year: i32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, 9, Weekday::Tue, 3)
        .expect("every September has a third Tuesday")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_printed_date() {
        assert_eq!(
            find_date("(ingezonden 18 juli 2019)."),
            NaiveDate::from_ymd_opt(2019, 7, 18)
        );
        assert_eq!(
            find_date("ontvangen 1 Maart 2024"),
            NaiveDate::from_ymd_opt(2024, 3, 1)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(find_date("31 februari 2019"), None);
        assert_eq!(find_date("in juli 2019"), None);
    }

    #[test]
    fn a_vergaderjaar_opens_on_the_third_tuesday_of_september() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Prinsjesdag 2024 was 17 September.
        assert_eq!(vergaderjaar(day(2024, 9, 16)), "20232024");
        assert_eq!(vergaderjaar(day(2024, 9, 17)), "20242025");
        assert_eq!(vergaderjaar(day(2024, 11, 20)), "20242025");
        assert_eq!(vergaderjaar(day(2025, 1, 10)), "20242025");
    }
}
