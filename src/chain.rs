//! Chains where each node has at most one successor (a person's manager, a team's parent): one iterative walker, linear and cycle-safe, that every rule following `reports_to` or `parent` uses.

use crate::text::shown_id;

/// How many other members of a cycle get a related location.
pub(crate) const MAX_RELATED: usize = 10;

/// How many ids a message lists before it shortens the cycle.
const MAX_SHOWN: usize = 12;

/// Why a [`Walker::walk`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The last node of the path has no successor: the chain ends there.
    Top,
    /// The path ran into `node`, which an earlier walk passed (what lies beyond it is known from
    /// that walk); `node` is the start itself when the path is empty.
    Joins(usize),
    /// The last node's successor is on the path, at index `at`: `path[at..]` is a cycle, in edge
    /// order, and `path[..at]` a chain that merely runs into it.
    Cycle {
        /// Where the cycle begins on the path.
        at: usize,
    },
}

/// Walks up the chains of a successor function, passing each node once over all its walks.
///
/// Every algorithm on these graphs (the cycles, how far each node is from the end of its chain)
/// is one loop over walks, each of which stops at a node seen before: so each is linear in the
/// nodes, needs no recursion (a chain of 100,000 people or a ring of 200,000 must not overflow
/// the stack) and cannot hang on a cycle.
pub(crate) struct Walker<F> {
    next: F,
    state: Vec<State>,
    path: Vec<usize>,
}

/// Where a node stands with a [`Walker`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    OnPath,
    Walked,
}

impl<F: Fn(usize) -> Option<usize>> Walker<F> {
    /// A walker over nodes `0..n`, where `next(node)` is the node's successor (below `n`), if any.
    pub(crate) fn new(n: usize, next: F) -> Self {
        Walker {
            next,
            state: vec![State::New; n],
            path: Vec::new(),
        }
    }

    /// Follows successors from `start` through nodes no walk has passed yet, and returns them in
    /// order (the path, empty when `start` was passed already) and why the walk stopped. The
    /// nodes of the path count as passed from then on.
    pub(crate) fn walk(&mut self, start: usize) -> (&[usize], Stop) {
        self.path.clear();
        let mut cur = start;
        let stop = loop {
            match self.state[cur] {
                State::Walked => break Stop::Joins(cur),
                State::OnPath => {
                    let at = self.path.iter().rposition(|&p| p == cur).unwrap_or(0);
                    break Stop::Cycle { at };
                }
                State::New => {
                    self.state[cur] = State::OnPath;
                    self.path.push(cur);
                    match (self.next)(cur) {
                        Some(n) => cur = n,
                        None => break Stop::Top,
                    }
                }
            }
        };
        for &p in &self.path {
            self.state[p] = State::Walked;
        }
        (&self.path, stop)
    }
}

/// The cycles of a graph in which each node has at most one successor (`next`), each listed once,
/// in edge order, starting at the node with the smallest `id`.
///
/// A chain that merely runs into a cycle is not part of it.
pub(crate) fn cycles<'a>(
    n: usize,
    next: impl Fn(usize) -> Option<usize>,
    id: impl Fn(usize) -> &'a str,
) -> Vec<Vec<usize>> {
    let mut walker = Walker::new(n, next);
    let mut found = Vec::new();
    for start in 0..n {
        if let (path, Stop::Cycle { at }) = walker.walk(start) {
            let mut cycle = path[at..].to_vec();
            let smallest = (0..cycle.len()).min_by_key(|&i| id(cycle[i])).unwrap_or(0);
            cycle.rotate_left(smallest);
            found.push(cycle);
        }
    }
    found
}

/// Where a chain ends: at `node`, which has no successor, `steps` successors up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct End {
    /// The last node of the chain.
    pub node: usize,
    /// How many successors up it is (0 when the chain starts there).
    pub steps: usize,
}

/// Where each node's chain ends, worked out when asked and remembered, so that the chains are
/// walked once in all however many nodes are asked about (`management-depth` asks about every
/// person, `no-leadership-seat` about a few leads).
pub(crate) struct Ends<F> {
    walker: Walker<F>,
    memo: Vec<Option<End>>,
}

impl<F: Fn(usize) -> Option<usize>> Ends<F> {
    /// The ends of the chains of nodes `0..n` under `next`, as for [`Walker::new`]. To end chains
    /// at some nodes (a member of leadership), have `next` give them no successor.
    pub(crate) fn new(n: usize, next: F) -> Self {
        Ends {
            walker: Walker::new(n, next),
            memo: vec![None; n],
        }
    }

    /// Where the chain from `node` ends, or `None` when it runs into a cycle or is part of one: a
    /// cycle has no end.
    pub(crate) fn of(&mut self, node: usize) -> Option<End> {
        let (path, stop) = self.walker.walk(node);
        let (mut above, below) = match stop {
            Stop::Top => match path.split_last() {
                Some((&top, below)) => {
                    let end = Some(End {
                        node: top,
                        steps: 0,
                    });
                    self.memo[top] = end;
                    (end, below)
                }
                None => (None, path),
            },
            // Every node a walk passed has its answer: this walker is only walked here.
            Stop::Joins(known) => (self.memo[known], path),
            Stop::Cycle { .. } => (None, path),
        };
        for &p in below.iter().rev() {
            above = above.map(|e| End {
                steps: e.steps + 1,
                ..e
            });
            self.memo[p] = above;
        }
        self.memo[node]
    }
}

/// `: a → b → c → a`, shortened for long cycles (`of 500 people: a → b → … → a`), each id as
/// messages show it.
pub(crate) fn describe(ids: &[&str], noun: &str) -> String {
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

/// The forest of a successor function (the team tree along `parent`), numbered in depth-first
/// order, so that whether one node is above another is two comparisons: `a` holds `b` when
/// `b`'s number falls in `a`'s range.
///
/// A cycle (`team-cycle`'s business) is cut once, where the [`Walker`] first ran into it: that
/// node becomes a top, so every node is in the forest once, and the nodes of a cycle hang below
/// one of them like any chain. Built without recursion, linear in the nodes.
pub(crate) struct Tree {
    /// Per node, its number in depth-first order.
    enter: Vec<u32>,
    /// Per node, one past the largest number below it.
    leave: Vec<u32>,
}

impl Tree {
    /// The forest of nodes `0..n` under `next`, as for [`Walker::new`].
    pub(crate) fn new(n: usize, next: impl Fn(usize) -> Option<usize>) -> Tree {
        let mut parent: Vec<Option<usize>> = (0..n).map(&next).collect();
        let mut walker = Walker::new(n, &next);
        for node in 0..n {
            if let (path, Stop::Cycle { at }) = walker.walk(node) {
                parent[path[at]] = None;
            }
        }
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (node, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                children[p].push(node as u32);
            }
        }
        let (mut enter, mut leave) = (vec![0u32; n], vec![0u32; n]);
        let mut count = 0u32;
        // An explicit stack of (node, next child to visit): a chain of 100,000 teams must not
        // overflow the call stack.
        let mut stack: Vec<(u32, usize)> = Vec::new();
        for top in (0..n).filter(|&t| parent[t].is_none()) {
            enter[top] = count;
            count += 1;
            stack.push((top as u32, 0));
            while let Some((node, i)) = stack.last_mut() {
                let node = *node as usize;
                if let Some(&c) = children[node].get(*i) {
                    *i += 1;
                    enter[c as usize] = count;
                    count += 1;
                    stack.push((c, 0));
                } else {
                    leave[node] = count;
                    stack.pop();
                }
            }
        }
        Tree { enter, leave }
    }

    /// Whether `a` is `b` or above it.
    pub(crate) fn holds(&self, a: usize, b: usize) -> bool {
        self.enter[a] <= self.enter[b] && self.enter[b] < self.leave[a]
    }

    /// `node`'s place in depth-first order: a node comes before every node below it.
    pub(crate) fn order(&self, node: usize) -> u32 {
        self.enter[node]
    }

    /// One past the last place in depth-first order of a node below `node`: the nodes below it
    /// are those whose [`order`](Tree::order) lies in `order(node) + 1..below_end(node)`.
    pub(crate) fn below_end(&self, node: usize) -> u32 {
        self.leave[node]
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn run(next: &[Option<usize>], ids: &[&'static str]) -> Vec<Vec<usize>> {
        cycles(next.len(), |i| next[i], |i| ids[i])
    }

    /// Each node's end asked in `order`, as `(end, steps)`, `None` for a cycle.
    fn ends(next: &[Option<usize>], order: impl Iterator<Item = usize>) -> Vec<Option<End>> {
        let mut ends = Ends::new(next.len(), |i| next[i]);
        let mut found = vec![None; next.len()];
        for i in order {
            found[i] = ends.of(i);
        }
        found
    }

    fn end(node: usize, steps: usize) -> Option<End> {
        Some(End { node, steps })
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
        let mut walker = Walker::new(next.len(), |i| next[i]);
        assert_eq!(walker.walk(0), (&[0, 1, 2, 3][..], Stop::Cycle { at: 2 }));
        // Every node is passed now: a second walk stops at once.
        assert_eq!(walker.walk(3), (&[][..], Stop::Joins(3)));
        // Neither the cycle nor the chain into it has an end.
        assert_eq!(ends(&next, 0..4), [None; 4]);
        assert_eq!(ends(&next, (0..4).rev()), [None; 4]);
    }

    #[test]
    fn a_walk_stops_where_an_earlier_one_passed() {
        // 0 → 1 → 2, 3 → 1
        let next = [Some(1), Some(2), None, Some(1)];
        let mut walker = Walker::new(next.len(), |i| next[i]);
        assert_eq!(walker.walk(0), (&[0, 1, 2][..], Stop::Top));
        assert_eq!(walker.walk(3), (&[3][..], Stop::Joins(1)));
    }

    #[test]
    fn a_long_ring_is_found_without_recursion() {
        let n = 200_000;
        let ids: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
        let found = cycles(n, |i| Some((i + 1) % n), |i| ids[i].as_str());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        assert_eq!(found[0][0], 0);
        let ring: Vec<Option<usize>> = (0..n).map(|i| Some((i + 1) % n)).collect();
        assert!(ends(&ring, (0..n).rev()).iter().all(Option::is_none));
    }

    #[test]
    fn a_long_chain_ends_without_recursion() {
        // Node i reports to i - 1: node 99,999 is 99,999 steps below node 0.
        let n: usize = 100_000;
        let chain: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        // From the bottom first (one walk does it all), then from the top (each walk is short).
        for found in [ends(&chain, (0..n).rev()), ends(&chain, 0..n)] {
            assert_eq!(found[n - 1], end(0, n - 1));
            assert!((0..n).all(|i| found[i] == end(0, i)));
        }
        assert!(cycles(n, |i| chain[i], |_| "").is_empty());
    }

    #[test]
    fn ends_are_remembered_so_each_successor_is_asked_once() {
        // 0 → 1 → 2 (top), 3 → 1, 4 → 5 → 4, 6 → 4, 7 (top).
        let next = [
            Some(1),
            Some(2),
            None,
            Some(1),
            Some(5),
            Some(4),
            Some(4),
            None,
        ];
        let asked = Cell::new(0);
        let mut ends = Ends::new(next.len(), |i| {
            asked.set(asked.get() + 1);
            next[i]
        });
        let all: Vec<Option<End>> = (0..next.len()).map(|i| ends.of(i)).collect();
        assert_eq!(
            all,
            [
                end(2, 2),
                end(2, 1),
                end(2, 0),
                end(2, 2),
                None,
                None,
                None,
                end(7, 0)
            ]
        );
        assert_eq!(asked.get(), next.len());
        // Asking again walks nothing.
        assert_eq!(ends.of(0), end(2, 2));
        assert_eq!(asked.get(), next.len());
    }

    #[test]
    fn a_tree_knows_what_is_above_what_and_cuts_each_cycle_once() {
        // 0 → 1 → 2 (top), 3 → 1, 4 → 5 → 4 (a cycle), 6 → 4.
        let next = [Some(1), Some(2), None, Some(1), Some(5), Some(4), Some(4)];
        let tree = Tree::new(next.len(), |i| next[i]);
        assert!(tree.holds(2, 0) && tree.holds(1, 3) && tree.holds(2, 2));
        assert!(!tree.holds(0, 1) && !tree.holds(0, 3) && !tree.holds(2, 4));
        // The cycle is cut where the first walk into it ran into it (at 4, from 4).
        assert!(tree.holds(4, 5) && tree.holds(4, 6) && !tree.holds(5, 4));
        assert!(tree.order(2) < tree.order(1) && tree.order(1) < tree.order(0));
        // A chain of 100,000: no recursion.
        let n = 100_000;
        let tree = Tree::new(n, |i| i.checked_sub(1));
        assert!(tree.holds(0, n - 1) && !tree.holds(n - 1, 0));
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
