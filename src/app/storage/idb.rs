//! The little of IndexedDB the page needs, as futures: open the database,
//! put, delete, read everything, clear. Requests and transactions report
//! back through events; here each becomes a promise whose resolve and
//! reject functions are the event handlers themselves, so no Rust closure
//! outlives its call.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "store-uptime";
const VERSION: u32 = 1;
/// Every object store, each keyed by its records' `key` property.
pub const STORES: [&str; 3] = [FILES, REPORTS, META];
/// The files the user gave, one record each.
pub const FILES: &str = "files";
/// Complete reports, one record each.
pub const REPORTS: &str = "reports";
/// Small records: the order of the files in their slots.
pub const META: &str = "meta";

/// Why the browser did not keep something.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The storage the browser gives this page is full.
    Full,
    Other(String),
}

impl StoreError {
    fn from_js(error: Option<web_sys::DomException>, fallback: &JsValue) -> StoreError {
        match error {
            Some(error) if error.name() == "QuotaExceededError" => StoreError::Full,
            Some(error) => StoreError::Other(format!("{}: {}", error.name(), error.message())),
            // An event that carries no error: say which, not "JsValue(Event)".
            None => match fallback.dyn_ref::<web_sys::Event>() {
                Some(event) => StoreError::Other(format!("the browser gave no reason ({} event)", event.type_())),
                None => StoreError::Other(crate::protocol::link::describe_js(fallback)),
            },
        }
    }

    /// Why a transaction failed. When one of its requests fails, the
    /// request's error event reaches the transaction first, while the
    /// transaction's own error is still null: the reason is on the request
    /// that the event came from (a full storage, a refused Blob).
    fn from_transaction(transaction: &IdbTransaction, event: &JsValue) -> StoreError {
        let from_request = event
            .dyn_ref::<web_sys::Event>()
            .and_then(web_sys::Event::target)
            .and_then(|target| target.dyn_into::<IdbRequest>().ok())
            .and_then(|request| request.error().ok().flatten());
        StoreError::from_js(transaction.error().or(from_request), event)
    }
}

/// Opens the page's database, creating its stores on the first visit.
/// `None` where the browser offers no IndexedDB (some private windows).
pub async fn open() -> Result<Option<IdbDatabase>, StoreError> {
    let Some(factory) = web_sys::window().and_then(|window| window.indexed_db().ok().flatten()) else {
        return Ok(None);
    };
    let request = factory.open_with_u32(NAME, VERSION).map_err(|e| StoreError::from_js(None, &e))?;
    // Runs before success when the database is new (or older): the only
    // moment stores can be created.
    let upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new({
        let request = request.clone();
        move |_| {
            let Ok(database) = request.result().and_then(|db| db.dyn_into::<IdbDatabase>()) else {
                return;
            };
            let names = database.object_store_names();
            for store in STORES {
                if !names.contains(store) {
                    let parameters = IdbObjectStoreParameters::new();
                    parameters.set_key_path(&JsValue::from_str("key"));
                    let _ = database.create_object_store_with_optional_parameters(store, &parameters);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = settle_request(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    let database = opened?.dyn_into::<IdbDatabase>().map_err(|e| StoreError::from_js(None, &e))?;
    Ok(Some(database))
}

/// Writes records (each with its `key`) into `store`, in one transaction;
/// done once the browser has them on disk.
pub async fn put(database: &IdbDatabase, store: &str, records: &[JsValue]) -> Result<(), StoreError> {
    let transaction = writer(database, store)?;
    let objects = transaction.object_store(store).map_err(|e| StoreError::from_js(None, &e))?;
    for record in records {
        objects.put(record).map_err(|e| StoreError::from_js(transaction.error(), &e))?;
    }
    settle_transaction(&transaction).await
}

pub async fn delete(database: &IdbDatabase, store: &str, keys: &[JsValue]) -> Result<(), StoreError> {
    let transaction = writer(database, store)?;
    let objects = transaction.object_store(store).map_err(|e| StoreError::from_js(None, &e))?;
    for key in keys {
        objects.delete(key).map_err(|e| StoreError::from_js(transaction.error(), &e))?;
    }
    settle_transaction(&transaction).await
}

/// Every record of `store`, in key order.
pub async fn get_all(database: &IdbDatabase, store: &str) -> Result<Vec<JsValue>, StoreError> {
    let transaction = database.transaction_with_str(store).map_err(|e| StoreError::from_js(None, &e))?;
    let request = transaction
        .object_store(store)
        .and_then(|objects| objects.get_all())
        .map_err(|e| StoreError::from_js(None, &e))?;
    let all = settle_request(&request).await?;
    Ok(all.dyn_into::<Array>().map(|array| array.iter().collect()).unwrap_or_default())
}

/// Empties every store, in one transaction.
pub async fn clear(database: &IdbDatabase) -> Result<(), StoreError> {
    let names: Array = STORES.iter().map(|name| JsValue::from_str(name)).collect();
    let transaction = database
        .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        .map_err(|e| StoreError::from_js(None, &e))?;
    for store in STORES {
        transaction
            .object_store(store)
            .and_then(|objects| objects.clear())
            .map_err(|e| StoreError::from_js(None, &e))?;
    }
    settle_transaction(&transaction).await
}

fn writer(database: &IdbDatabase, store: &str) -> Result<IdbTransaction, StoreError> {
    database
        .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
        .map_err(|e| StoreError::from_js(None, &e))
}

/// A promise settled by `register(resolve, reject)`'s event handlers.
fn promise(register: impl FnOnce(&Function, &Function)) -> Promise {
    let mut register = Some(register);
    Promise::new(&mut |resolve, reject| {
        if let Some(register) = register.take() {
            register(&resolve, &reject);
        }
    })
}

async fn settle_request(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let settled = promise(|resolve, reject| {
        request.set_onsuccess(Some(resolve));
        request.set_onerror(Some(reject));
    });
    let outcome = JsFuture::from(settled).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(|e| StoreError::from_js(None, &e)),
        Err(event) => Err(StoreError::from_js(request.error().ok().flatten(), &event)),
    }
}

async fn settle_transaction(transaction: &IdbTransaction) -> Result<(), StoreError> {
    let settled = promise(|resolve, reject| {
        transaction.set_oncomplete(Some(resolve));
        transaction.set_onerror(Some(reject));
        transaction.set_onabort(Some(reject));
    });
    match JsFuture::from(settled).await {
        Ok(_) => Ok(()),
        Err(event) => Err(StoreError::from_transaction(transaction, &event)),
    }
}
