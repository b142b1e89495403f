import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defineElements } from 'bandeau';
import 'bandeau/tokens.css';
import './app.css';
import { App } from './App';

// Defined before React's first render, so `<bandeau-bar>` is upgraded by
// the time the ref hands it the navigation document: a property set on a
// not-yet-defined element would be a plain field the element never sees.
await defineElements();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
