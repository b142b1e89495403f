// Rollup 4 as a vendor would set it up for an npm dependency. Rollup keeps
// `new URL('….wasm', import.meta.url)` as it is but does not copy the file,
// so without importMetaAssets() the browser asks for a wasm that is not in
// the build. nodeResolve() finds `bandeau` in node_modules; json() and css()
// are for the page's own navigation document and style sheets.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import css from 'rollup-plugin-import-css';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'src/main.js',
  output: { dir: 'dist-rollup', format: 'es' },
  plugins: [nodeResolve(), json(), css({ inject: true }), importMetaAssets()],
};
