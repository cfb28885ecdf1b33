//! Per-node change delivery from the form to the components that show it.
//!
//! Why not memos of the form: Leptos marks every memo downstream of a changed signal before it
//! knows whether anything changed, so with one form signal and a memo per field, a keystroke
//! visits every field of a large request (tens of milliseconds). Instead each component
//! registers a *watcher* for its locator: a closure that reads what the component shows (a
//! text, row ids) and sets the component's own signal only when that changed. An edit runs the
//! watchers on the edited branch only, synchronously, so the reactive graph hears of nothing
//! that did not change.

use crate::value::{FormValue, Locator, Node, Step};
use leptos::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Re-reads a node from the new form and updates its component's signal if the read changed.
type Watcher = Arc<dyn Fn(&FormValue) + Send + Sync>;

/// The watchers of the mounted components, by locator.
#[derive(Default)]
pub struct NodeWatchers {
    by_locator: FxHashMap<Locator, Vec<(u32, Watcher)>>,
    next_id: u32,
}

impl NodeWatchers {
    /// The watchers to run after a change confined to `at`: those on the branch from the top
    /// down to `at` (an edit can create or prune ancestors), or all when `at` is empty.
    pub fn affected(&self, at: &[Step]) -> Vec<Watcher> {
        let collect = |list: &Vec<(u32, Watcher)>| list.iter().map(|(_, w)| w.clone()).collect::<Vec<_>>();
        if at.is_empty() {
            return self.by_locator.values().flat_map(collect).collect();
        }
        (1..=at.len()).filter_map(|len| self.by_locator.get(&at[..len])).flat_map(collect).collect()
    }
}

/// A signal of what `read` takes from the node at `locator` (`None` when unset), kept current
/// by a watcher that lives as long as the calling component.
pub fn watch_node<T>(
    form: RwSignal<FormValue>,
    watchers: StoredValue<NodeWatchers>,
    locator: &[Step],
    read: impl Fn(Option<&Node>) -> T + Send + Sync + 'static,
) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(form.with_untracked(|f| read(f.get(locator))));
    let owned: Locator = locator.to_vec();
    let watcher: Watcher = {
        let owned = owned.clone();
        Arc::new(move |form: &FormValue| {
            let next = read(form.get(&owned));
            // The component may be gone by the time a queued edit runs: then do nothing.
            if signal.try_with_untracked(|current| *current != next) == Some(true) {
                signal.try_set(next);
            }
        })
    };
    let id = watchers
        .try_update_value(|w| {
            let id = w.next_id;
            w.next_id = w.next_id.wrapping_add(1);
            w.by_locator.entry(owned.clone()).or_default().push((id, watcher));
            id
        })
        .unwrap_or_default();
    on_cleanup(move || {
        watchers.try_update_value(|w| {
            if let Some(list) = w.by_locator.get_mut(&owned) {
                list.retain(|(other, _)| *other != id);
                if list.is_empty() {
                    w.by_locator.remove(&owned);
                }
            }
        });
    });
    signal.read_only()
}
