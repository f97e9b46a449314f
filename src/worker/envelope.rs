//! Opening the page's messages and posting replies (see [`crate::protocol`]).

use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, File};

use crate::protocol::{ATTACHED_KEY, JSON_KEY, Reply, Request};

/// Reads a request and the files attached to it.
pub fn open(data: &JsValue) -> Result<(Request, Vec<File>), String> {
    let json = Reflect::get(data, &JSON_KEY.into()).ok().and_then(|json| json.as_string()).ok_or("no JSON text")?;
    let request: Request = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let attached = Reflect::get(data, &ATTACHED_KEY.into()).map_err(|_| "no attachments")?;
    let files = match attached.dyn_into::<Array>() {
        Ok(array) => array
            .iter()
            .map(|item| item.dyn_into::<File>().map_err(|_| "an attachment is not a file"))
            .collect::<Result<_, _>>()?,
        Err(_) => Vec::new(),
    };
    Ok((request, files))
}

/// Copies bytes out of wasm memory into a buffer of their own, which can be
/// transferred: a view of wasm memory cannot be.
pub fn buffer(bytes: &[u8]) -> ArrayBuffer {
    Uint8Array::from(bytes).buffer()
}

/// A `Blob` of a copy of `bytes`. Made here rather than by the page, whose
/// thread would otherwise spend tens of milliseconds handing large ones to
/// the browser.
pub fn blob(bytes: &[u8], mime_type: &str) -> Result<Blob, JsValue> {
    let parts: Array = std::iter::once(JsValue::from(Uint8Array::from(bytes))).collect();
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// Posts a reply with its attachments; buffers are transferred (they
/// become unusable here), blobs and files are shared.
pub fn post(reply: &Reply, attached: &[JsValue]) {
    let json = match serde_json::to_string(reply) {
        Ok(json) => json,
        Err(e) => {
            web_sys::console::error_1(&format!("worker: cannot encode a reply: {e}").into());
            return;
        }
    };
    let envelope = js_sys::Object::new();
    let transfer: Array = attached.iter().filter(|value| value.is_instance_of::<ArrayBuffer>()).collect();
    let attached: Array = attached.iter().collect();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&envelope, &JSON_KEY.into(), &json.into());
    let _ = Reflect::set(&envelope, &ATTACHED_KEY.into(), &attached);
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Err(e) = scope.post_message_with_transfer(&envelope, &transfer) {
        web_sys::console::error_2(&"worker: cannot post a reply".into(), &e);
    }
}
