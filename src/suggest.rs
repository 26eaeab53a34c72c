//! Did-you-mean: the candidate a misspelt word most likely meant, found within a bounded budget
//! of work however many candidates and words there are, and the help that offers it.

use crate::limits::{MAX_SUGGESTED_LEN, SUGGESTION_WORK};
use crate::text::join_choices;

/// Help for a word that is not one of `candidates`: "did you mean `x`?", else the valid words.
pub(crate) fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    suggestion(closest(word, candidates.iter().copied()), candidates)
}

/// Help for a word whose closest candidate is `near` (see [`closest`]): "did you mean `x`?",
/// else the valid words.
pub(crate) fn suggestion(near: Option<&str>, candidates: &[&str]) -> String {
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of {}", join_choices(candidates)),
    }
}

/// The largest edit distance at which a candidate may be a typo of a word of `chars` characters:
/// one edit in a word of up to 13 characters, then one more per 7 characters.
fn max_typo_distance(chars: usize) -> usize {
    (chars / 7).max(1)
}

/// [`Bag::distance`] of `a` and `b`.
#[cfg(test)]
fn bag_distance(a: &str, b: &str) -> usize {
    Bag::of(a).distance(b)
}

/// The characters of an ASCII word of at most 255 bytes, counted once for its [`Bag::distance`]
/// to every candidate: counting the word again and summing 128 counts per candidate was most of
/// a did-you-mean search over the 100k ids of a large org.
struct Bag {
    counts: [u8; 128],
    len: usize,
}

impl Bag {
    fn of(word: &str) -> Self {
        let mut counts = [0u8; 128];
        for x in word.bytes() {
            counts[usize::from(x & 0x7f)] += 1;
        }
        Bag {
            counts,
            len: word.len(),
        }
    }

    /// A lower bound of the edit distance (with transpositions) of the word and the ASCII word
    /// `b`: the larger of how many characters of each the other lacks, counted as multisets. An
    /// insertion, deletion or substitution changes either count by at most one, and a
    /// transposition changes neither. (Each character of `b` takes one of the word's while any
    /// is left; what is left over on each side is what the other lacks.)
    fn distance(&self, b: &str) -> usize {
        let mut left = self.counts;
        let (mut matched, mut only_b) = (0, 0);
        for x in b.bytes() {
            let count = &mut left[usize::from(x & 0x7f)];
            if *count > 0 {
                *count -= 1;
                matched += 1;
            } else {
                only_b += 1;
            }
        }
        (self.len - matched).max(only_b)
    }
}

/// Whether `candidate`, at edit distance `distance` from a word of `chars` characters, is a likely
/// typo of it: within [`max_typo_distance`], and never a change of every character (`qa-engineer`
/// is not a typo of `ml-engineer`).
fn close_enough(distance: usize, chars: usize) -> bool {
    distance < chars && distance <= max_typo_distance(chars)
}

/// Did-you-mean suggestions under one budget of work (see [`SUGGESTION_WORK`]): a rule that asks
/// for many suggestions shares one, so that many long unknown words cannot make it quadratic.
#[derive(Debug)]
pub(crate) struct Suggester {
    left: u64,
}

impl Default for Suggester {
    fn default() -> Self {
        Suggester {
            left: SUGGESTION_WORK,
        }
    }
}

impl Suggester {
    /// A fresh budget.
    pub(crate) fn new() -> Self {
        Suggester::default()
    }

    /// Whether the budget is spent (every later call gives `None`).
    pub(crate) fn spent(&self) -> bool {
        self.left == 0
    }

    /// The closest of `candidates` to `word`, if one is close enough to be a likely typo (a few
    /// edits, never every character) and the budget lasts: once it runs out, this and every later call give `None`.
    pub(crate) fn closest<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        self.closest_of(word, candidates).map(|(c, _)| c)
    }

    /// [`Suggester::closest`], with how many candidates were close enough (the closest among
    /// them): a fix may take the suggestion only when it was the one candidate.
    pub(crate) fn closest_of<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<(&'a str, usize)> {
        // Before the candidates are counted and sorted: a word past the limits, or a budget
        // spent, reads none of them.
        self.searchable(word)?;
        self.closest_among(word, &Candidates::new(candidates))
    }

    /// The length of `word` in characters, when it may have a suggestion: it is not too long,
    /// and the budget is not spent.
    fn searchable(&self, word: &str) -> Option<usize> {
        if word.len() > 4 * MAX_SUGGESTED_LEN || self.spent() {
            return None;
        }
        let chars = word.chars().count();
        (chars <= MAX_SUGGESTED_LEN).then_some(chars)
    }

    /// [`Suggester::closest_of`] among candidates sorted once: what a rule that asks for many
    /// suggestions among the same ids (the 100,000 people of a large org) gives each search.
    pub(crate) fn closest_among<'a>(
        &mut self,
        word: &str,
        candidates: &Candidates<'a>,
    ) -> Option<(&'a str, usize)> {
        let chars = self.searchable(word)?;
        let limit = max_typo_distance(chars);
        // Only a candidate within `limit` characters of the word's length can be close enough.
        // Each candidate costs 1, and one of such a length also `chars` times its own: charged
        // as a sum, which runs out the budget (or not) whatever order the candidates are in.
        let near = candidates.of_length(chars.saturating_sub(limit)..=chars + limit);
        let cost = candidates.by_chars.len() as u64 + chars as u64 * near.chars;
        if cost > self.left {
            self.left = 0;
            return None;
        }
        self.left -= cost;
        // An ASCII word here has at most MAX_SUGGESTED_LEN (64) bytes: its counts fit a byte.
        let bag = word.is_ascii().then(|| Bag::of(word));
        let mut best: Option<(usize, &str)> = None;
        let mut close = 0;
        for &(_, c) in near.items {
            // A bound first, in linear time and without allocating: most ids of a large org are
            // too far from the word to need the distance itself.
            if bag
                .as_ref()
                .is_some_and(|bag| c.is_ascii() && bag.distance(c) > limit)
            {
                continue;
            }
            let d = strsim::osa_distance(word, c);
            if !close_enough(d, chars) {
                continue;
            }
            close += 1;
            // Ties go to the smaller id, so that the answer does not depend on the order.
            if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| (c, close))
    }
}

/// The candidates of did-you-mean searches, sorted by their length in characters once, so that
/// a search reads only those near the word's length.
#[derive(Debug)]
pub(crate) struct Candidates<'a> {
    /// Each candidate with its length in characters, sorted in place by the length alone (a tie
    /// would compare the ids themselves, out of cache in a large org; the answer does not depend
    /// on their order).
    by_chars: Vec<(usize, &'a str)>,
}

/// The candidates of some lengths: [`Candidates::of_length`].
struct Near<'c, 'a> {
    items: &'c [(usize, &'a str)],
    /// Their lengths in characters, summed.
    chars: u64,
}

impl<'a> Candidates<'a> {
    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_chars: Vec<(usize, &str)> = (candidates.into_iter())
            .map(|c| (c.chars().count(), c))
            .collect();
        by_chars.sort_unstable_by_key(|&(n, _)| n);
        Candidates { by_chars }
    }

    /// Those whose length in characters is in `lengths`.
    fn of_length(&self, lengths: std::ops::RangeInclusive<usize>) -> Near<'_, 'a> {
        let lo = self
            .by_chars
            .partition_point(|&(n, _)| n < *lengths.start());
        let hi = self.by_chars.partition_point(|&(n, _)| n <= *lengths.end());
        let items = &self.by_chars[lo..hi];
        Near {
            items,
            chars: items.iter().map(|&(n, _)| n as u64).sum(),
        }
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo; with a
/// budget of its own (a rule that asks for many shares one).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggester::new().closest(word, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search as it was before candidates were sorted by length: one by one, each charged
    /// as it is read. The sorted search must give the same answers and leave the same budget.
    fn one_by_one<'a>(
        left: &mut u64,
        word: &str,
        candidates: &[&'a str],
    ) -> Option<(&'a str, usize)> {
        if word.len() > 4 * MAX_SUGGESTED_LEN || *left == 0 {
            return None;
        }
        let chars = word.chars().count();
        if chars > MAX_SUGGESTED_LEN {
            return None;
        }
        let limit = max_typo_distance(chars);
        let mut best: Option<(usize, &str)> = None;
        let mut close = 0;
        for &c in candidates {
            let n = if c.len() > 4 * (chars + limit) || c.len() + limit < chars {
                None
            } else {
                Some(c.chars().count()).filter(|n| n.abs_diff(chars) <= limit)
            };
            let cost = 1 + n.map_or(0, |n| (chars * n) as u64);
            if cost > *left {
                *left = 0;
                return None;
            }
            *left -= cost;
            let Some(_) = n else { continue };
            let d = strsim::osa_distance(word, c);
            if !close_enough(d, chars) {
                continue;
            }
            close += 1;
            if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| (c, close))
    }

    #[test]
    fn the_bag_distance_never_exceeds_the_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "bca",
            "members",
            "memebrs",
            "lead",
            "leads",
            "p1234",
            "p1243",
            "p4321",
            "ghost",
            "ml-engineer",
            "qa-engineer",
            "aaaa",
            "bbbb",
        ];
        for a in words {
            for b in words {
                let bag = bag_distance(a, b);
                assert!(bag <= strsim::osa_distance(a, b), "{a} {b}");
                assert_eq!(bag, bag_distance(b, a));
            }
        }
        assert_eq!(bag_distance("memebrs", "members"), 0);
        assert_eq!(bag_distance("ghost", "p1234"), 5);
    }

    #[test]
    fn closest_finds_typos_and_not_strangers() {
        assert_eq!(closest("memebrs", ["members", "lead"]), Some("members"));
        assert_eq!(
            closest("stakeholder", ["stakeholders"]),
            Some("stakeholders")
        );
        assert_eq!(closest("colour", ["members", "lead"]), None);
        assert_eq!(closest("levle", ["level", "max"]), Some("level"));
        assert_eq!(closest("cyy", ["cy", "ada"]), Some("cy"));
    }

    #[test]
    fn closest_refuses_far_guesses() {
        assert_eq!(closest("qa-engineer", ["ml-engineer"]), None);
        assert_eq!(closest("head-of-sales", ["head-of-data"]), None);
        assert_eq!(closest("x", ["y"]), None);
        assert_eq!(closest("ml-enginer", ["ml-engineer"]), Some("ml-engineer"));
        assert_eq!(
            closest("head-of-dta", ["head-of-data"]),
            Some("head-of-data")
        );
    }

    #[test]
    fn long_words_get_no_suggestion_and_the_budget_runs_out() {
        let long = "a".repeat(65);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let word = "b".repeat(64);
        let near = format!("{}c", "b".repeat(63));
        let mut s = Suggester::new();
        let mut given = 0;
        for _ in 0..10_000 {
            given += usize::from(s.closest(&word, [near.as_str()]).is_some());
        }
        assert!(s.spent());
        assert_eq!(given as u64, SUGGESTION_WORK / (1 + 64 * 64));
    }

    #[test]
    fn the_search_by_length_answers_as_the_search_one_by_one() {
        let candidates = [
            "alice",
            "alicia",
            "alcie",
            "bob",
            "bobby",
            "rob",
            "zoë",
            "zoe",
            "zoey",
            "ml-team",
            "ml-teams",
            "ml-taem",
            "design",
            "désign",
            "p1234",
            "p1243",
            "p4321",
            "x",
            "",
            "a-very-long-id-that-is-not-like-the-others",
        ];
        let words = [
            "alice",
            "alcei",
            "bob",
            "bbo",
            "zoe",
            "zöe",
            "ml-tema",
            "desgin",
            "p1324",
            "x",
            "y",
            "",
            "a-very-long-id-that-is-not-like-the-other",
            "nobody-like-this",
        ];
        let sorted = Candidates::new(candidates);
        // A budget that lasts, and budgets that run out at every point of the searches.
        for budget in [SUGGESTION_WORK, 0, 1, 5, 20, 21, 60, 100, 250, 400, 1000] {
            let mut old = budget;
            let mut new = Suggester { left: budget };
            for word in words {
                let want = one_by_one(&mut old, word, &candidates);
                assert_eq!(
                    new.closest_among(word, &sorted),
                    want,
                    "{word} with {budget}"
                );
                assert_eq!(new.left, old, "{word} with {budget}");
            }
        }
    }

    #[test]
    fn candidates_are_sorted_by_length() {
        let long = "l".repeat(5000);
        for items in [
            vec!["ccc", "a", "bb", "", "dd"],
            vec!["ccc", long.as_str(), "a", "bb"],
        ] {
            let sorted = Candidates::new(items.iter().copied());
            let lengths: Vec<usize> = sorted.by_chars.iter().map(|&(n, _)| n).collect();
            assert!(lengths.is_sorted(), "{lengths:?}");
            assert_eq!(lengths.len(), items.len());
            let mut names: Vec<&str> = sorted.by_chars.iter().map(|&(_, c)| c).collect();
            let mut given = items.clone();
            names.sort_unstable();
            given.sort_unstable();
            assert_eq!(names, given);
        }
    }
}
