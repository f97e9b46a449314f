//! The page's address after `#`: `name=value` pairs joined by `&`, values
//! encoded as in a form (`form_urlencoded`), so that a store (`store=`) and
//! the report table's view (`sort=`, `q=`, …) are kept together in a link
//! that can be bookmarked, shared, and survives a reload. An address made
//! by `encodeURIComponent` (`#store=a%20b`) reads the same.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

/// The pairs of an address's part after `#` (given without it), in order.
pub fn parse_fragment(fragment: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(fragment.as_bytes()).map(|(name, value)| (name.into_owned(), value.into_owned())).collect()
}

/// The part after `#` for these pairs (empty for none).
pub fn write_fragment(pairs: &[(String, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

/// `pairs` with each named pair replaced by the given value, or removed
/// for `None`; a new name goes at the end. Other pairs keep their places.
pub fn with_changes(mut pairs: Vec<(String, String)>, changes: &[(&str, Option<String>)]) -> Vec<(String, String)> {
    for (name, value) in changes {
        let place = pairs.iter().position(|(existing, _)| existing == name);
        pairs.retain(|(existing, _)| existing != name);
        if let Some(value) = value {
            let place = place.unwrap_or(pairs.len()).min(pairs.len());
            pairs.insert(place, ((*name).to_string(), value.clone()));
        }
    }
    pairs
}

/// The pairs of the page's address now.
pub fn current_pairs() -> Vec<(String, String)> {
    let hash = window().location().hash().unwrap_or_default();
    parse_fragment(hash.strip_prefix('#').unwrap_or(&hash))
}

/// The value of one name in the page's address, if given.
pub fn current_value(name: &str) -> Option<String> {
    current_pairs().into_iter().find(|(existing, _)| existing == name).map(|(_, value)| value)
}

/// Changes names in the page's address. `new_entry` adds a step to the
/// browser's history (Back returns to the address before), and the page
/// hears it as a change of address; otherwise the address is replaced in
/// place, silently — as for each keystroke in a filter.
pub fn change(changes: &[(&str, Option<String>)], new_entry: bool) {
    let before = current_pairs();
    let after = with_changes(before.clone(), changes);
    if after == before {
        return;
    }
    let fragment = write_fragment(&after);
    let location = window().location();
    if new_entry {
        let _ = location.set_hash(&fragment);
        return;
    }
    let path = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = if fragment.is_empty() { path } else { format!("{path}#{fragment}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    #[test]
    fn reads_addresses_written_by_encode_uri_component_and_by_itself() {
        // encodeURIComponent writes a space as %20 and never a bare `+`.
        assert_eq!(parse_fragment("store=a%20b%2Bc%26d"), pairs(&[("store", "a b+c&d")]));
        let written = write_fragment(&pairs(&[("store", "a b+c&d=é"), ("q", "")]));
        assert_eq!(written, "store=a+b%2Bc%26d%3D%C3%A9&q=");
        assert_eq!(parse_fragment(&written), pairs(&[("store", "a b+c&d=é"), ("q", "")]));
        assert_eq!(parse_fragment(""), pairs(&[]));
    }

    #[test]
    fn changes_keep_the_other_names_in_place() {
        let before = pairs(&[("store", "7"), ("sort", "-outages"), ("q", "12")]);
        let after = with_changes(before.clone(), &[("sort", Some("store_id".into())), ("rows", Some("250".into()))]);
        assert_eq!(after, pairs(&[("store", "7"), ("sort", "store_id"), ("q", "12"), ("rows", "250")]));
        assert_eq!(
            with_changes(before, &[("store", None), ("page", None)]),
            pairs(&[("sort", "-outages"), ("q", "12")])
        );
    }
}
