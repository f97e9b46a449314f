//! The JS envelope of every message, both ways: `{ json, attached }` (see
//! the [module](super) comment). The page and the workers seal and open
//! messages only here.

use js_sys::{Array, ArrayBuffer, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::{ASKED_KEY, ATTACHED_KEY, JSON_KEY};

/// A message as a JS object, with its attachments in order.
pub fn seal(message: &impl Serialize, attached: &[JsValue]) -> Result<JsValue, String> {
    let json = serde_json::to_string(message).map_err(|e| e.to_string())?;
    let envelope = js_sys::Object::new();
    let attached: Array = attached.iter().collect();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&envelope, &JSON_KEY.into(), &json.into());
    let _ = Reflect::set(&envelope, &ATTACHED_KEY.into(), &attached);
    Ok(envelope.into())
}

/// The attachments to transfer rather than copy: the buffers (they become
/// unusable on the sending side); blobs and files are shared.
pub fn transferable(attached: &[JsValue]) -> Array {
    attached.iter().filter(|value| value.is_instance_of::<ArrayBuffer>()).collect()
}

/// Reads a message and its attachments.
pub fn open<T: DeserializeOwned>(data: &JsValue) -> Result<(T, Vec<JsValue>), String> {
    let json = Reflect::get(data, &JSON_KEY.into()).ok().and_then(|json| json.as_string()).ok_or("no JSON text")?;
    let message = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let attached = Reflect::get(data, &ATTACHED_KEY.into())
        .ok()
        .and_then(|attached| attached.dyn_into::<Array>().ok())
        .map(|array| array.iter().collect())
        .unwrap_or_default();
    Ok((message, attached))
}

/// Numbers a sealed request whose answer is awaited, or the answer to it.
pub fn mark_asked(sealed: &JsValue, asked: u32) {
    // Setting a property on a plain object cannot fail.
    let _ = Reflect::set(sealed, &ASKED_KEY.into(), &asked.into());
}

/// The number of the awaited request a message is, or answers, if any.
pub fn asked(data: &JsValue) -> Option<u32> {
    Reflect::get(data, &ASKED_KEY.into()).ok().and_then(|asked| asked.as_f64()).map(|asked| asked as u32)
}
