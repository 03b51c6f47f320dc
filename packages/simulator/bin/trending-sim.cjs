#!/usr/bin/env node
// A committed launcher, so npm links the command at install time even before dist/ is built.
require('../dist/bin.js');
