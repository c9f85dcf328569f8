//! Follow-up notes: `Deze vragen dienen ter aanvulling op eerdere vragen terzake van de leden
//! Van Ojik en Diks (beiden GroenLinks), ingezonden 18 juli 2019 (vraagnummer 2019Z15131)`.

use super::date::find_date;
use super::submitters::parse_submitters;
use crate::model::{FollowUp, ZaakNumber};

/// The earlier sets of questions a note refers to, other than the set itself (`own`, where the
/// document prints its number).
///
/// Where the note names exactly one earlier set, the members and date printed with it are
/// that set's; with several, the note cannot tell whose they are, so only the numbers are kept.
pub(crate) fn find_follow_ups(note: &str, own: Option<&ZaakNumber>) -> Vec<FollowUp> {
    let mut numbers = ZaakNumber::find_all(note);
    numbers.retain(|zaak| Some(zaak) != own);
    numbers.dedup();
    match numbers.as_slice() {
        [only] => vec![FollowUp {
            zaak: only.clone(),
            submitters: earlier_members(note)
                .map(parse_submitters)
                .unwrap_or_default(),
            submitted: note
                .find("ingezonden")
                .and_then(|at| find_date(&note[at..])),
        }],
        _ => numbers
            .into_iter()
            .map(|zaak| FollowUp {
                zaak,
                submitters: Vec::new(),
                submitted: None,
            })
            .collect(),
    }
}

/// The members' part of the note: from `het lid` / `de leden` up to the date or the number.
fn earlier_members(note: &str) -> Option<&str> {
    let start = ["de leden ", "het lid ", "het leden "]
        .iter()
        .filter_map(|opening| note.find(opening))
        .min()?;
    let rest = &note[start..];
    let end = [
        ",ingezonden",
        ", ingezonden",
        " ingezonden",
        "(vraagnummer",
        ", vraagnummer",
    ]
    .iter()
    .filter_map(|closing| rest.find(closing))
    .min()
    .unwrap_or(rest.len());
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn reads_the_seed_note() {
        let own = ZaakNumber::parse("2019Z15244").unwrap();
        let follow_ups = find_follow_ups(
            "Deze vragen dienen ter aanvulling op eerdere vragen terzake van de leden Van Ojik en Diks (beiden GroenLinks), ingezonden 18 juli 2019 (vraagnummer 2019Z15131)",
            Some(&own),
        );
        assert_eq!(follow_ups.len(), 1);
        let earlier = &follow_ups[0];
        assert_eq!(earlier.zaak.as_str(), "2019Z15131");
        let names: Vec<_> = earlier.submitters.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Van Ojik", "Diks"]);
        assert!(earlier
            .submitters
            .iter()
            .all(|s| s.party.as_deref() == Some("GroenLinks")));
        assert_eq!(earlier.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
    }

    #[test]
    fn a_missing_space_before_the_date_does_not_make_a_member() {
        let own = ZaakNumber::parse("2024Z14419").unwrap();
        let follow_ups = find_follow_ups(
            "Deze vragen dienen ter aanvulling op eerdere vragen terzake van het lid Joseph (Nieuw Sociaal Contract),ingezonden 25 september 2024 (vraagnummer 2024Z14247).",
            Some(&own),
        );
        let names: Vec<_> = follow_ups[0]
            .submitters
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Joseph"]);
        assert_eq!(
            follow_ups[0].submitted,
            NaiveDate::from_ymd_opt(2024, 9, 25)
        );
    }

    #[test]
    fn a_note_about_the_set_itself_is_no_follow_up() {
        let own = ZaakNumber::parse("2019Z15244").unwrap();
        assert!(find_follow_ups("Zie ook 2019Z15244.", Some(&own)).is_empty());
    }
}
