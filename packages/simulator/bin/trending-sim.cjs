#!/usr/bin/env node
'use strict';
// A committed shim (see scripts/run-built-bin.mjs): builds the workspace on first use, then runs dist/bin.js.
import('../../../scripts/run-built-bin.mjs').then(({ runBuiltBin }) =>
  runBuiltBin(__dirname, 'trending-sim', 'the simulator'),
);
