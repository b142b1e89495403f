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

/// The position of the event's target among `items`.
pub fn position(items: &[HtmlElement], event: &KeyboardEvent) -> Option<usize> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    items
        .iter()
        .position(|item| item.is_same_node(Some(&target)))
}

/// The item in the next row below (or above) item `current`, nearest in
/// its column, read from the layout: a launcher's categories each start a
/// new row, so rows are not a fixed number of items. `None` at the edge.
pub fn vertical(items: &[HtmlElement], current: usize, down: bool) -> Option<usize> {
    let rects: Vec<(f64, f64)> = items
        .iter()
        .map(|item| {
            let rect = item.get_bounding_client_rect();
            (rect.top(), rect.left())
        })
        .collect();
    let (top, left) = *rects.get(current)?;
    let beyond = |t: f64| if down { t > top + 1.0 } else { t < top - 1.0 };
    let row = rects
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| beyond(*t))
        .reduce(|a, b| if down { a.min(b) } else { a.max(b) })?;
    (0..rects.len())
        .filter(|&i| (rects[i].0 - row).abs() <= 1.0)
        .min_by(|&a, &b| {
            let da = (rects[a].1 - left).abs();
            let db = (rects[b].1 - left).abs();
            da.total_cmp(&db)
        })
}

/// Moves focus among `items` for a keydown on one of them. Returns the
/// index focused, or `None` when the key was not a movement key (the
/// caller prevents the default scrolling only when it was).
pub fn handle_key(items: &[HtmlElement], event: &KeyboardEvent, grid: bool) -> Option<usize> {
    let current = position(items, event)?;
    let key = event.key();
    // Right-to-left pages (`dir="rtl"`, inherited into the shadow root)
    // lay the grid out mirrored: the arrow that points to the next item
    // is the left one.
    let rtl = web_sys::window()
        .and_then(|w| w.get_computed_style(&items[current]).ok().flatten())
        .and_then(|style| style.get_property_value("direction").ok())
        .is_some_and(|direction| direction == "rtl");
    let key = match (key.as_str(), rtl) {
        ("ArrowRight", true) => "ArrowLeft",
        ("ArrowLeft", true) => "ArrowRight",
        (other, _) => other,
    };
    // In a vertical list the horizontal keys move too (a row of buttons).
    let key = match key {
        "ArrowRight" if !grid => "ArrowDown",
        "ArrowLeft" if !grid => "ArrowUp",
        other => other,
    };
    let last = items.len() - 1;
    let next = match key {
        "ArrowDown" | "ArrowUp" if grid => {
            vertical(items, current, key == "ArrowDown").unwrap_or(current)
        }
        "ArrowRight" if grid => (current + 1).min(last),
        "ArrowLeft" if grid => current.saturating_sub(1),
        _ => next_index(key, current, items.len(), 1)?,
    };
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
