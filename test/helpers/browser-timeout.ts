import { BROWSER_SPEC_TIMEOUT_MS } from './browser';

// Set for the browser project only (jest.config.js): jest's testTimeout is one global value, and a
// browser spec's single test drives a whole page flow, which on a slow or loaded 2-core machine
// takes several times what it takes on a quiet one.
jest.setTimeout(BROWSER_SPEC_TIMEOUT_MS);
