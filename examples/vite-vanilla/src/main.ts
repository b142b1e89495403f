import { defineElements } from 'bandeau';
import 'bandeau/tokens.css';
import './page.css';
import navigation from './navigation.json';

await defineElements();

// The vendor keeps its own header and adds only the launcher to it.
const launcher = document.createElement('bandeau-launcher');
launcher.lang = 'en';
launcher.app = 'swp.files';
launcher.navigation = navigation;
// The operator's colours (public/brand.json), checked and applied in the
// browser; the brand module loads only for pages that set a brand.
launcher.brand = 'brand.json';
document.querySelector('header')?.append(launcher);

const destination = document.getElementById('destination');

// Events bubble out of the shadow root, so one listener on the document
// hears every Bandeau element; the detail is typed by the package.
document.addEventListener('bandeau-navigate', (event) => {
  event.preventDefault();
  if (destination) {
    destination.textContent = `Navigating to ${event.detail.identifier}`;
  }
});
