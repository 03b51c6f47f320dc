#!/usr/bin/env node
'use strict';
// npm links a workspace's bin only when the file exists at install time, and dist/ appears only after the build, so
// `npx trending` links to this committed file, which runs the build output.
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'bin.js');
if (!fs.existsSync(built)) {
  console.error('trending: the command is not built yet: run `npm run build` at the repository root.');
  process.exit(2);
}
require(built);
