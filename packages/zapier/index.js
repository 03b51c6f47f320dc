// The entry Zapier loads: its runtime `require`s this file and expects the app definition itself (no ESM, no
// `default`), so the compiled TypeScript is unwrapped here.
module.exports = require('./dist/index.js').default;
