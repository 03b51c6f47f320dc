/* global module, require */
// The entry Zapier loads: its runtime `require`s this file and expects the app definition itself (no ESM, no
// `default`), so the compiled TypeScript is unwrapped here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('./dist/index.js').default;
