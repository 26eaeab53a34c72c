//! Cycles in graphs where each node has at most one successor (`reports_to`, `parent`), found in linear time.

use crate::finding::shown_id;

/// How many other members of a cycle get a related location.
pub const MAX_RELATED: usize = 10;

/// How many ids a message lists before it shortens the cycle.
const MAX_SHOWN: usize = 12;

/// The cycles of a graph in which each node has at most one successor (`next`), each listed in
/// edge order starting at the node with the smallest `id`.
///
/// An iterative walk with three colours visits every node once, so it is linear in the nodes and
/// cannot hang or overflow the stack; a chain that merely runs into a cycle is not part of it.
pub fn cycles<'a>(
    n: usize,
    next: impl Fn(usize) -> Option<usize>,
    id: impl Fn(usize) -> &'a str,
) -> Vec<Vec<usize>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let mut path = Vec::new();
    let mut found = Vec::new();
    for start in 0..n {
        let mut cur = Some(start);
        while let Some(c) = cur {
            if state[c] != NEW {
                break;
            }
            state[c] = ON_PATH;
            path.push(c);
            cur = next(c);
        }
        if let Some(c) = cur
            && state[c] == ON_PATH
        {
            let at = path.iter().rposition(|&p| p == c).unwrap_or(0);
            let mut cycle = path[at..].to_vec();
            let smallest = (0..cycle.len()).min_by_key(|&i| id(cycle[i])).unwrap_or(0);
            cycle.rotate_left(smallest);
            found.push(cycle);
        }
        for p in path.drain(..) {
            state[p] = DONE;
        }
    }
    found
}

/// `: a → b → c → a`, shortened for long cycles (`of 500 people: a → b → … → a`), each id as
/// messages show it.
pub fn describe(ids: &[&str], noun: &str) -> String {
    let first = shown_id(ids.first().copied().unwrap_or_default());
    if ids.len() <= MAX_SHOWN {
        let mut out = String::from(": ");
        for id in ids {
            out += &format!("{} → ", shown_id(id));
        }
        out += &first.to_string();
        return out;
    }
    let shown: Vec<String> = ids[..MAX_SHOWN - 2]
        .iter()
        .map(|id| shown_id(id).to_string())
        .collect();
    format!(
        " of {} {noun}: {} → … → {first}",
        ids.len(),
        shown.join(" → ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(next: &[Option<usize>], ids: &[&'static str]) -> Vec<Vec<usize>> {
        cycles(next.len(), |i| next[i], |i| ids[i])
    }

    #[test]
    fn finds_each_cycle_once_starting_at_the_smallest_id() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 1 (runs into the first cycle), 5 → none.
        let next = [Some(1), Some(2), Some(0), Some(3), Some(1), None];
        let ids = ["cy", "ada", "bob", "dee", "eve", "fay"];
        assert_eq!(run(&next, &ids), vec![vec![1, 2, 0], vec![3]]);
    }

    #[test]
    fn a_chain_into_a_cycle_is_not_part_of_it() {
        // 0 → 1 → 2 → 3 → 2
        let next = [Some(1), Some(2), Some(3), Some(2)];
        let ids = ["a", "b", "c", "d"];
        assert_eq!(run(&next, &ids), vec![vec![2, 3]]);
    }

    #[test]
    fn a_long_ring_is_found_without_recursion() {
        let n = 200_000;
        let ids: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
        let found = cycles(n, |i| Some((i + 1) % n), |i| ids[i].as_str());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        assert_eq!(found[0][0], 0);
    }

    #[test]
    fn long_cycles_are_shortened() {
        assert_eq!(describe(&["a", "b"], "people"), ": a → b → a");
        let ids: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            describe(&ids, "people"),
            " of 20 people: p0 → p1 → p2 → p3 → p4 → p5 → p6 → p7 → p8 → p9 → … → p0"
        );
    }
}
