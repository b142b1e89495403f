// The page imports style sheets for their side effect, as Vite apps do;
// each bundler's CSS handling (see the configs) puts them on the page.
declare module '*.css';
