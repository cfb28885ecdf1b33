//! Which slice of the page renders each field: the browser app renders the form a slice per
//! task after the page shows (see `ui::progressive`), so that no task blocks input for long.
//! Kept out of the UI so that the plan is tested natively.

use crate::model::overlay::SECTIONS;
use crate::model::{self, Field, Kind};

/// How much of the form one slice renders, in model fields (a structure counts its members,
/// a list or map its add button and heading, as their rows are not there until added). A
/// field takes 1 to 2 ms to render on the measuring machine (README), so a slice stays under
/// about 8 ms, and under the 50 ms of a long task on a phone 4 times slower. A field heavier
/// than the budget (the Lambda triggers) is a slice of its own.
pub const SLICE_BUDGET: usize = 4;

/// The slice of the first fields: the page's own, so that they take input as soon as the page
/// is up (the exports follow in the next slice).
pub const FIRST_SLICE: usize = 0;

/// The slices: [`FIRST_SLICE`] renders with the page's shell and holds the first fields, the
/// exports have a slice of their own after it, and the other fields follow in page order.
#[derive(Debug)]
pub struct Plan {
    /// By section, then by the section's field, as in `Section::paths`.
    pub slice_of_field: Vec<Vec<usize>>,
    /// The slice of the export panel.
    pub exports: usize,
    /// The slice after which everything is in.
    pub last: usize,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan::new()
    }
}

impl Plan {
    pub fn new() -> Plan {
        let mut slice = FIRST_SLICE;
        let mut used = 0;
        let mut exports = None;
        let slice_of_field = SECTIONS
            .iter()
            .map(|section| {
                section
                    .paths
                    .iter()
                    .map(|path| {
                        let weight = model::by_path(path).map_or(1, weight);
                        if used > 0 && used + weight > SLICE_BUDGET {
                            slice += 1;
                            used = 0;
                            if exports.is_none() {
                                exports = Some(slice);
                                slice += 1;
                            }
                        }
                        used += weight;
                        slice
                    })
                    .collect()
            })
            .collect();
        let exports = exports.unwrap_or(slice + 1);
        Plan { slice_of_field, exports, last: slice.max(exports) }
    }
}

/// Roughly how many controls a field renders empty (see [`SLICE_BUDGET`]).
fn weight(field: &'static Field) -> usize {
    match field.kind {
        Kind::Structure => 1 + field.children.iter().map(|&id| weight(&model::FIELDS[usize::from(id)])).sum::<usize>(),
        Kind::List | Kind::Map => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each slice's weight, in page order (the exports' slice weighs nothing).
    fn slice_weights(plan: &Plan) -> Vec<usize> {
        let mut weights = vec![0; plan.last + 1];
        for (section, slices) in SECTIONS.iter().zip(&plan.slice_of_field) {
            for (path, &slice) in section.paths.iter().zip(slices) {
                weights[slice] += model::by_path(path).map_or(1, weight);
            }
        }
        weights
    }

    #[test]
    fn every_field_has_a_slice_in_page_order_and_slices_keep_to_the_budget() {
        let plan = Plan::new();
        let order: Vec<usize> = plan.slice_of_field.iter().flatten().copied().collect();
        assert_eq!(order.len(), SECTIONS.iter().map(|s| s.paths.len()).sum::<usize>());
        assert_eq!(order[0], FIRST_SLICE, "the first field renders in the first slice");
        assert!(order.windows(2).all(|w| w[0] <= w[1] && w[1] <= w[0] + 2), "slices follow the page: {order:?}");
        assert!(plan.exports > FIRST_SLICE && !order.contains(&plan.exports), "the exports have a slice of their own");
        assert_eq!(plan.last, *order.last().unwrap().max(&plan.exports));
        let weights = slice_weights(&plan);
        for (slice, &w) in weights.iter().enumerate() {
            let fields = order.iter().filter(|&&s| s == slice).count();
            assert!(w <= SLICE_BUDGET || fields == 1, "slice {slice} weighs {w} over {fields} fields: {weights:?}");
        }
    }
}
