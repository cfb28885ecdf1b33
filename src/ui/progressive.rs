//! The form in slices. The app starts with the store and the toolbar; the workspace follows in
//! the next task with the navigation and the first fields (slice `FIRST_SLICE`), then the
//! exports and the other fields, a few at a time, one slice per task (`crate::slices` plans
//! them).
//!
//! Rendering everything at once is one long task (about 420 ms on Lighthouse's throttled phone)
//! in which the page can neither paint nor take input. In slices no task blocks for long, and
//! the first fields take input as soon as the workspace is in. The form is marked `aria-busy`
//! until the last slice is in.

use super::browser::mark;
use super::erased::memo;
use crate::slices::{Plan, FIRST_SLICE};
use leptos::prelude::*;

/// How far the form has rendered, and which slice renders each top-level field of each
/// section.
#[derive(Clone, Copy)]
pub struct Progress {
    rendered: ReadSignal<usize>,
    plan: StoredValue<Plan>,
}

impl Progress {
    /// The first slice is in with the page; starts rendering the others, one per task.
    pub fn start() -> Progress {
        let plan = Plan::new();
        let last = plan.last;
        let (rendered, set_rendered) = signal(FIRST_SLICE);
        fn after(set_rendered: WriteSignal<usize>, done: usize, last: usize) {
            set_timeout(
                move || {
                    if done < last {
                        set_rendered.set(done + 1);
                        after(set_rendered, done + 1, last);
                    } else {
                        mark("poolsmith:complete");
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        after(set_rendered, FIRST_SLICE, last);
        Progress { rendered, plan: StoredValue::new(plan) }
    }

    /// Whether the `field`th field of the section at `section` (indexes into `SECTIONS` and
    /// its `paths`) is in.
    pub fn field_ready(self, section: usize, field: usize) -> Memo<bool> {
        let needed = self.plan.with_value(|p| p.slice_of_field[section][field]);
        self.reached(needed)
    }

    pub fn exports_ready(self) -> Memo<bool> {
        self.reached(self.plan.with_value(|p| p.exports))
    }

    /// Whether every slice is in (tracked).
    pub fn complete(self) -> bool {
        self.rendered.get() >= self.plan.with_value(|p| p.last)
    }

    /// A memo, so that each slice wakes only what it adds, once.
    fn reached(self, needed: usize) -> Memo<bool> {
        let rendered = self.rendered;
        memo(move || rendered.get() >= needed)
    }
}
