//! The org chart's layout: which teams are drawn as boxes (teams without findings folded into
//! one box per parent in a large org), and where each box goes, by a tidy tree layout.
//!
//! The tree grows left to right: a box's depth along `parent` gives its column, and its row comes
//! from a contour-based variant of Reingold and Tilford's algorithm: each subtree is laid out on
//! its own, then its siblings are pushed down just far enough that no level of one overlaps the
//! same level of another, and the parent is centred beside its first and last child. Depth runs
//! across and breadth down, so that a wide org reads as a long page rather than a wide one.
//!
//! Everything is iterative: a `parent` chain of 100,000 teams is walked with a queue, and each
//! contour is merged into the longer one, so the layout is linear in practice and never recurses.
//! Teams on a `parent` cycle, and teams whose `parent` names no team, are roots
//! (`content::chart_parents`); several roots make a forest, laid out under one hidden
//! root.

use std::collections::VecDeque;

use super::content::TeamNode;

/// A box's width, in SVG user units.
pub const BOX_WIDTH: i64 = 230;
/// A box's height.
pub const BOX_HEIGHT: i64 = 62;
/// The room between two boxes of one column.
const ROW_GAP: i64 = 14;
/// The room between two columns (the links run there).
const COLUMN_GAP: i64 = 44;
/// The room around the drawing.
pub const MARGIN: i64 = 16;
/// From how many teams on the chart folds teams without findings: a small org is drawn whole.
pub const COLLAPSE_ABOVE: usize = 40;

/// What a box stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One team (its index in [`crate::Org::teams`]).
    Team(usize),
    /// Teams without findings (whole subtrees, in file order), drawn as one box.
    Folded(Vec<usize>),
}

/// One box of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartBox {
    /// What it stands for.
    pub shape: Shape,
    /// Its parent box, if any.
    pub parent: Option<usize>,
    /// Its left edge.
    pub x: i64,
    /// Its top edge.
    pub y: i64,
}

/// The laid-out chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Every box; a parent comes before its children.
    pub boxes: Vec<ChartBox>,
    /// The drawing's width.
    pub width: i64,
    /// The drawing's height.
    pub height: i64,
    /// Whether teams without findings were folded.
    pub folded: bool,
}

impl Chart {
    /// How many teams the folded boxes stand for.
    pub fn folded_teams(&self) -> usize {
        (self.boxes.iter())
            .map(|b| match &b.shape {
                Shape::Folded(teams) => teams.len(),
                Shape::Team(_) => 0,
            })
            .sum()
    }
}

/// Lays out the chart of `teams` (index = team index, each with its chart parent).
pub fn layout(teams: &[TeamNode<'_>]) -> Chart {
    let n = teams.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (t, node) in teams.iter().enumerate() {
        match node.parent {
            Some(p) => children[p].push(t),
            None => roots.push(t),
        }
    }
    // Pre-order from the roots: every team once, a parent before its children.
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(t) = stack.pop() {
        order.push(t);
        stack.extend(children[t].iter().rev());
    }
    let folded = n > COLLAPSE_ABOVE;
    // Which subtrees hold something to show: a finding, or an ML team.
    let mut shown = vec![!folded; n];
    if folded {
        for &t in order.iter().rev() {
            shown[t] =
                teams[t].findings > 0 || teams[t].ml_team || children[t].iter().any(|&c| shown[c]);
        }
    }
    // The boxes, breadth first under a hidden root (box 0).
    let mut boxes = vec![ChartBox {
        shape: Shape::Folded(Vec::new()),
        parent: None,
        x: 0,
        y: 0,
    }];
    let mut box_children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut queue: VecDeque<(usize, usize)> = VecDeque::new();
    let place = |boxes: &mut Vec<ChartBox>,
                 box_children: &mut Vec<Vec<usize>>,
                 queue: &mut VecDeque<(usize, usize)>,
                 parent: usize,
                 kids: &[usize]| {
        let mut quiet = Vec::new();
        for &c in kids {
            if shown[c] {
                let b = boxes.len();
                boxes.push(ChartBox {
                    shape: Shape::Team(c),
                    parent: Some(parent),
                    x: 0,
                    y: 0,
                });
                box_children.push(Vec::new());
                box_children[parent].push(b);
                queue.push_back((c, b));
            } else {
                quiet.push(c);
            }
        }
        if quiet.is_empty() {
            return;
        }
        // Whole subtrees without findings: their teams, in file order.
        let mut group = Vec::new();
        let mut stack: Vec<usize> = quiet.iter().rev().copied().collect();
        while let Some(t) = stack.pop() {
            group.push(t);
            stack.extend(children[t].iter().rev());
        }
        let b = boxes.len();
        let shape = if group.len() == 1 {
            Shape::Team(group[0])
        } else {
            group.sort_unstable();
            Shape::Folded(group)
        };
        boxes.push(ChartBox {
            shape,
            parent: Some(parent),
            x: 0,
            y: 0,
        });
        box_children.push(Vec::new());
        box_children[parent].push(b);
    };
    place(&mut boxes, &mut box_children, &mut queue, 0, &roots);
    while let Some((t, b)) = queue.pop_front() {
        place(&mut boxes, &mut box_children, &mut queue, b, &children[t]);
    }
    position(&mut boxes, &box_children);
    let mut chart = Chart {
        width: 0,
        height: 0,
        folded: folded && boxes.iter().any(|b| matches!(b.shape, Shape::Folded(_))),
        boxes,
    };
    chart.boxes.remove(0);
    for b in &mut chart.boxes {
        // Box 0, the hidden root, is gone: every index moves down by one.
        b.parent = b.parent.and_then(|p| p.checked_sub(1));
    }
    chart.width = chart
        .boxes
        .iter()
        .map(|b| b.x + BOX_WIDTH)
        .max()
        .unwrap_or(0)
        + MARGIN;
    chart.height = chart
        .boxes
        .iter()
        .map(|b| b.y + BOX_HEIGHT)
        .max()
        .unwrap_or(0)
        + MARGIN;
    chart
}

/// A subtree's outline: per level from its root down, the top and bottom edge of its boxes, all
/// moved by `shift`. Stored deepest level first, so that a parent adds its level at the end.
#[derive(Debug, Default)]
struct Contour {
    levels: Vec<(i64, i64)>,
    shift: i64,
}

impl Contour {
    /// Level `l` below the root, shifted.
    fn at(&self, l: usize) -> (i64, i64) {
        let (top, bottom) = self.levels[self.levels.len() - 1 - l];
        (top + self.shift, bottom + self.shift)
    }
}

/// How far `below` must move down so that no level of it overlaps `above`.
fn clearance(above: &Contour, below: &Contour) -> i64 {
    let common = above.levels.len().min(below.levels.len());
    (0..common)
        .map(|l| above.at(l).1 + ROW_GAP - below.at(l).0)
        .max()
        .unwrap_or(0)
}

/// `above` and `below` (already moved into place) as one outline, built on the longer of the
/// two so that the cost is the shorter's length.
fn merge(above: Contour, mut below: Contour) -> Contour {
    let common = above.levels.len().min(below.levels.len());
    if below.levels.len() > above.levels.len() {
        let (lb, shift) = (below.levels.len(), below.shift);
        for l in 0..common {
            below.levels[lb - 1 - l].0 = above.at(l).0 - shift;
        }
        below
    } else {
        let mut above = above;
        let (la, shift) = (above.levels.len(), above.shift);
        for l in 0..common {
            above.levels[la - 1 - l].1 = below.at(l).1 - shift;
        }
        above
    }
}

/// Sets every box's `x` and `y`; `boxes[0]` is the hidden root, and every box comes after its
/// parent.
fn position(boxes: &mut [ChartBox], children: &[Vec<usize>]) {
    let n = boxes.len();
    // Each box's top relative to its parent's, found children first.
    let mut offset = vec![0i64; n];
    let mut contours: Vec<Contour> = (0..n).map(|_| Contour::default()).collect();
    for b in (0..n).rev() {
        let kids = &children[b];
        let height = if b == 0 { 0 } else { BOX_HEIGHT };
        let mut outline = match kids.first() {
            None => Contour::default(),
            Some(&first) => {
                let mut acc = std::mem::take(&mut contours[first]);
                offset[first] = 0;
                for &k in &kids[1..] {
                    let mut next = std::mem::take(&mut contours[k]);
                    let down = clearance(&acc, &next);
                    next.shift += down;
                    offset[k] = down;
                    acc = merge(acc, next);
                }
                let last = *kids.last().unwrap_or(&first);
                let centre = (offset[first] + offset[last]).div_euclid(2);
                for &k in kids {
                    offset[k] -= centre;
                }
                acc.shift -= centre;
                acc
            }
        };
        outline
            .levels
            .push((-outline.shift, height - outline.shift));
        contours[b] = outline;
    }
    // Down from the root: absolute rows, and columns by depth.
    let mut top = vec![0i64; n];
    let mut depth = vec![0i64; n];
    for b in 1..n {
        let p = boxes[b].parent.unwrap_or(0);
        top[b] = top[p] + offset[b];
        depth[b] = if p == 0 { 0 } else { depth[p] + 1 };
    }
    let highest = (1..n).map(|b| top[b]).min().unwrap_or(0);
    for b in 1..n {
        boxes[b].y = top[b] - highest + MARGIN;
        boxes[b].x = MARGIN + depth[b] * (BOX_WIDTH + COLUMN_GAP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(parent: Option<usize>, findings: usize) -> TeamNode<'static> {
        TeamNode {
            name: "t",
            id: "t",
            lead: None,
            ml: 0,
            ml_team: false,
            in_ml_guild: 0,
            worst: None,
            findings,
            parent,
        }
    }

    fn overlaps(a: &ChartBox, b: &ChartBox) -> bool {
        a.x < b.x + BOX_WIDTH
            && b.x < a.x + BOX_WIDTH
            && a.y < b.y + BOX_HEIGHT
            && b.y < a.y + BOX_HEIGHT
    }

    fn no_overlaps(chart: &Chart) {
        for (i, a) in chart.boxes.iter().enumerate() {
            for b in &chart.boxes[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_parent_is_centred_beside_its_children_and_no_boxes_overlap() {
        // 0 has children 1 and 2; 1 has 3, 4, 5; 2 has 6.
        let parents = [None, Some(0), Some(0), Some(1), Some(1), Some(1), Some(2)];
        let teams: Vec<_> = parents.iter().map(|&p| node(p, 1)).collect();
        let chart = layout(&teams);
        assert_eq!(chart.boxes.len(), 7);
        no_overlaps(&chart);
        let at = |t: usize| {
            (chart.boxes.iter())
                .find(|b| b.shape == Shape::Team(t))
                .expect("box")
        };
        assert_eq!(at(0).x, MARGIN);
        assert_eq!(at(3).x, MARGIN + 2 * (BOX_WIDTH + COLUMN_GAP));
        assert_eq!(at(1).y, (at(3).y + at(5).y) / 2);
        assert_eq!(at(0).y, (at(1).y + at(2).y) / 2);
        assert!(at(6).y > at(5).y, "6 comes below 5");
        assert_eq!(at(4).y - at(3).y, BOX_HEIGHT + ROW_GAP);
        assert!(chart.width >= at(3).x + BOX_WIDTH && chart.height >= at(6).y + BOX_HEIGHT);
    }

    #[test]
    fn siblings_pack_against_the_contours_not_the_bounding_boxes() {
        // 0 has a deep first child (1 -> 2 -> 3 wide) and a leaf 4: the leaf sits right under 1.
        let parents = [None, Some(0), Some(1), Some(2), Some(0), Some(2), Some(2)];
        let teams: Vec<_> = parents.iter().map(|&p| node(p, 1)).collect();
        let chart = layout(&teams);
        no_overlaps(&chart);
        let y = |t: usize| {
            (chart.boxes.iter())
                .find(|b| b.shape == Shape::Team(t))
                .expect("box")
                .y
        };
        assert_eq!(y(4) - y(1), BOX_HEIGHT + ROW_GAP);
    }

    #[test]
    fn a_chain_of_100000_is_laid_out_without_recursion() {
        let teams: Vec<_> = (0..100_000usize)
            .map(|t| node(t.checked_sub(1), 1))
            .collect();
        let chart = layout(&teams);
        assert_eq!(chart.boxes.len(), 100_000);
        assert!(chart.boxes.iter().all(|b| b.y == MARGIN));
        assert_eq!(
            chart.boxes[99_999].x,
            MARGIN + 99_999 * (BOX_WIDTH + COLUMN_GAP)
        );
    }

    #[test]
    fn a_large_org_folds_subtrees_without_findings_one_box_per_parent() {
        // Root 0 with a finding; 50 clean children, each with one clean child; one child with a
        // finding.
        let mut teams = vec![node(None, 1)];
        for _ in 0..50 {
            teams.push(node(Some(0), 0));
            let parent = teams.len() - 1;
            teams.push(node(Some(parent), 0));
        }
        teams.push(node(Some(0), 2));
        let chart = layout(&teams);
        assert!(chart.folded);
        assert_eq!(chart.boxes.len(), 3);
        assert_eq!(chart.folded_teams(), 100);
        assert_eq!(chart.boxes[0].shape, Shape::Team(0));
        assert_eq!(chart.boxes[1].shape, Shape::Team(101));
        no_overlaps(&chart);
        // A small org is drawn whole.
        let small: Vec<_> = (0..10usize).map(|t| node(t.checked_sub(1), 0)).collect();
        let chart = layout(&small);
        assert!(!chart.folded && chart.boxes.len() == 10);
    }
}
