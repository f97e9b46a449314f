//! The worker's side of the envelope ([`crate::protocol::envelope`]):
//! requests with their files, replies posted with their buffers transferred.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, File};

use crate::protocol::envelope;
use crate::protocol::{Reply, Request};

/// Reads a request, the files attached to it, and its number when the
/// page awaits its answer.
pub fn open(data: &JsValue) -> Result<(Request, Vec<File>, Option<u32>), String> {
    let (request, attached) = envelope::open::<Request>(data)?;
    let files = attached
        .into_iter()
        .map(|item| item.dyn_into::<File>().map_err(|_| "an attachment is not a file".to_string()))
        .collect::<Result<_, _>>()?;
    Ok((request, files, envelope::asked(data)))
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
    answer(None, reply, attached);
}

/// Posts the answer to a request, numbered as the request was when the
/// page awaits it (`asked`), so that it reaches the one who asked.
pub fn answer(asked: Option<u32>, reply: &Reply, attached: &[JsValue]) {
    let sealed = match envelope::seal(reply, attached) {
        Ok(sealed) => sealed,
        Err(e) => {
            web_sys::console::error_1(&format!("worker: cannot encode a reply: {e}").into());
            return;
        }
    };
    if let Some(asked) = asked {
        envelope::mark_asked(&sealed, asked);
    }
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Err(e) = scope.post_message_with_transfer(&sealed, &envelope::transferable(attached)) {
        web_sys::console::error_2(&"worker: cannot post a reply".into(), &e);
    }
}
