//! Roving focus: a group of items is one Tab stop, and the arrow keys,
//! Home and End move focus inside it (WAI-ARIA APG "grid" and "menu"
//! keyboard models). The launcher's grid and the user menu share it.
//!
//! The arithmetic is pure; the DOM half only finds the items (elements
//! with a `data-roving` attribute inside a container) and focuses one.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The index focus moves to for `key` from `current` in a group of `len`
/// items laid out in rows of `columns` (1 for a vertical list). Moves stop
/// at the edges instead of wrapping, as in the APG grid pattern; `None`
/// when the key is not a movement key or there is nowhere to go.
pub fn next_index(key: &str, current: usize, len: usize, columns: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let columns = columns.max(1);
    let last = len - 1;
    let target = match key {
        "ArrowRight" if columns > 1 => (current + 1).min(last),
        "ArrowLeft" if columns > 1 => current.saturating_sub(1),
        "ArrowDown" => (current + columns).min(last),
        "ArrowUp" => current.saturating_sub(columns),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(target)
}

/// The group's items inside `container`, in document order.
pub fn items(container: &Element) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all("[data-roving]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// How many items share the first row: the grid reflows with the panel's
/// width, so the column count is read from the layout, not configured.
pub fn columns(items: &[HtmlElement]) -> usize {
    let Some(first) = items.first() else {
        return 1;
    };
    let top = first.offset_top();
    items
        .iter()
        .take_while(|item| item.offset_top() == top)
        .count()
        .max(1)
}

/// The position of the event's target among `items`.
pub fn position(items: &[HtmlElement], event: &KeyboardEvent) -> Option<usize> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    items
        .iter()
        .position(|item| item.is_same_node(Some(&target)))
}

/// Moves focus among `items` for a keydown on one of them. Returns the
/// index focused, or `None` when the key was not a movement key (the
/// caller prevents the default scrolling only when it was).
pub fn handle_key(items: &[HtmlElement], event: &KeyboardEvent, grid: bool) -> Option<usize> {
    let current = position(items, event)?;
    let key = event.key();
    // In a vertical list the horizontal keys move too (a row of buttons).
    let key = match key.as_str() {
        "ArrowRight" if !grid => "ArrowDown",
        "ArrowLeft" if !grid => "ArrowUp",
        other => other,
    };
    let columns = if grid { columns(items) } else { 1 };
    let next = next_index(key, current, items.len(), columns)?;
    let _ = items[next].focus();
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_by_one_and_by_a_row() {
        assert_eq!(next_index("ArrowRight", 0, 10, 4), Some(1));
        assert_eq!(next_index("ArrowDown", 1, 10, 4), Some(5));
        assert_eq!(next_index("ArrowUp", 5, 10, 4), Some(1));
        assert_eq!(next_index("ArrowLeft", 5, 10, 4), Some(4));
    }

    #[test]
    fn moves_stop_at_the_edges() {
        assert_eq!(next_index("ArrowLeft", 0, 10, 4), Some(0));
        assert_eq!(next_index("ArrowDown", 8, 10, 4), Some(9));
        assert_eq!(next_index("ArrowUp", 2, 10, 4), Some(0));
        assert_eq!(next_index("ArrowRight", 9, 10, 4), Some(9));
    }

    #[test]
    fn home_and_end_go_to_the_ends() {
        assert_eq!(next_index("Home", 7, 10, 4), Some(0));
        assert_eq!(next_index("End", 0, 10, 4), Some(9));
    }

    #[test]
    fn other_keys_and_empty_groups_are_left_alone() {
        assert_eq!(next_index("a", 0, 10, 4), None);
        assert_eq!(next_index("Home", 0, 0, 4), None);
    }

    #[test]
    fn a_list_ignores_horizontal_keys_in_the_pure_model() {
        assert_eq!(next_index("ArrowRight", 0, 3, 1), None);
        assert_eq!(next_index("ArrowDown", 0, 3, 1), Some(1));
    }
}
