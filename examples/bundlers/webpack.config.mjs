// webpack 5 as a vendor would start it. Nothing here is for Bandeau: webpack
// finds the package's `new URL('….wasm', import.meta.url)` and emits the wasm
// as an asset on its own. The one rule is for the page's style sheets, which
// webpack does not take without loaders.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './src/main.js',
  output: { path: fileURLToPath(new URL('./dist-webpack', import.meta.url)) },
  module: {
    rules: [{ test: /\.css$/, use: ['style-loader', 'css-loader'] }],
  },
};
