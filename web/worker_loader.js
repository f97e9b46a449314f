// Starts the report and helper workers (classic workers): loads
// wasm-bindgen's script for the worker, then its wasm, passing the path in
// an object as current wasm-bindgen asks (a bare path is deprecated and
// logs a warning).
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
