#!/usr/bin/env node
'use strict';
// npm links a workspace's bin only when the file exists at install time, and dist/ appears only after the build, so
// `npx trending-sim` links to this committed file, which runs the build output.
import('../dist/bin.js').catch((error) => {
  if (error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')) {
    console.error('trending-sim: the simulator is not built yet: run `npm run build` at the repository root.');
    process.exit(2);
  }
  throw error;
});
