// Starts the workbench: app/ is wasm-bindgen's output for crates/preview.
import init from './app/bandeau_preview.js';

init();
