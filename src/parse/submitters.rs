//! The list of members in a header or a follow-up note:
//! `het lid X (P)`, `de leden X (P), Y (Q) en Z (R)`, `X en Y (beiden P)`, `(allen P)`.

use super::holders::clean_name;
use super::lines::fold_spaces;
use crate::model::Submitter;

/// Reads the members named in `text`, which may still start with `het lid` / `de leden`.
pub(crate) fn parse_submitters(text: &str) -> Vec<Submitter> {
    let mut list = SubmitterList::default();
    let mut rest = strip_member_noun(text);
    while !rest.is_empty() {
        if let Some(inside) = rest.strip_prefix('(') {
            let end = inside.find(')').unwrap_or(inside.len());
            list.assign_party(&inside[..end]);
            rest = inside.get(end + 1..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix(',') {
            list.end_name();
            rest = after;
        } else if let Some(after) = rest.strip_prefix(" en ") {
            list.end_name();
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            list.current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    list.finish()
}

/// `het lid`, `de leden`, and the source's own slips (`het leden`, `de leden lid`).
fn strip_member_noun(text: &str) -> &str {
    let mut rest = text.trim_start();
    for article in ["het ", "de "] {
        if let Some(after) = rest.strip_prefix(article) {
            rest = after;
            break;
        }
    }
    for noun in ["leden ", "lid "] {
        if let Some(after) = rest.strip_prefix(noun) {
            rest = after;
        }
    }
    rest
}

/// Names collect until a party in parentheses is read; `(P)` goes to the names still without
/// one, and so does `(beiden P)` / `(allen P)`.
#[derive(Default)]
struct SubmitterList {
    done: Vec<Submitter>,
    /// How many of the last entries of `done` still wait for a party.
    waiting: usize,
    current: String,
}

impl SubmitterList {
    fn end_name(&mut self) {
        let name = part_glued_name(&clean_name(&self.current));
        self.current.clear();
        if !name.is_empty() {
            self.done.push(Submitter { name, party: None });
            self.waiting += 1;
        }
    }

    fn assign_party(&mut self, group: &str) {
        self.end_name();
        let group = fold_spaces(group);
        let party = ["beiden ", "allen "]
            .iter()
            .find_map(|shared| group.strip_prefix(shared))
            .unwrap_or(&group)
            .to_owned();
        let first_waiting = self.done.len() - self.waiting;
        for submitter in &mut self.done[first_waiting..] {
            submitter.party = Some(party.clone());
        }
        self.waiting = 0;
    }

    fn finish(mut self) -> Vec<Submitter> {
        self.end_name();
        self.done
    }
}

/// `DaniëlleJansen` → `Daniëlle Jansen`: a given name and surname PDF extraction glued
/// together. Dutch surnames have no capital after a small letter within a word.
fn part_glued_name(name: &str) -> String {
    let mut parted = String::with_capacity(name.len() + 1);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
            parted.push(' ');
        }
        parted.push(c);
        previous = Some(c);
    }
    parted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, Option<String>)> {
        parse_submitters(text)
            .into_iter()
            .map(|s| (s.name, s.party))
            .collect()
    }

    fn pair(name: &str, party: &str) -> (String, Option<String>) {
        (name.to_owned(), Some(party.to_owned()))
    }

    #[test]
    fn one_member() {
        assert_eq!(
            pairs("het lid Sjoerdsma (D66)"),
            vec![pair("Sjoerdsma", "D66")]
        );
    }

    #[test]
    fn shared_party() {
        assert_eq!(
            pairs("de leden Van Ojik en Diks (beiden GroenLinks)"),
            vec![pair("Van Ojik", "GroenLinks"), pair("Diks", "GroenLinks")]
        );
    }

    #[test]
    fn a_party_each() {
        assert_eq!(
            pairs("de leden Kathmann (GroenLinks-PvdA), Six Dijkstra (NSC) en Inge van Dijk (CDA)"),
            vec![
                pair("Kathmann", "GroenLinks-PvdA"),
                pair("Six Dijkstra", "NSC"),
                pair("Inge van Dijk", "CDA"),
            ]
        );
    }

    #[test]
    fn grammar_slips_of_the_source() {
        assert_eq!(
            pairs("de leden lid Inge van Dijk (CDA)"),
            vec![pair("Inge van Dijk", "CDA")]
        );
        assert_eq!(
            pairs("het lid Bikker en Patijn(beiden GroenLinks-PvdA)"),
            vec![
                pair("Bikker", "GroenLinks-PvdA"),
                pair("Patijn", "GroenLinks-PvdA")
            ]
        );
    }

    #[test]
    fn a_member_without_party_keeps_none() {
        assert_eq!(pairs("het lid Omtzigt"), vec![("Omtzigt".to_owned(), None)]);
    }
}
