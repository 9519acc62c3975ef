#!/usr/bin/env node
'use strict';
// Runs the built CLI, dist/rel.cjs (npm install builds it through the `prepare` script), from
// V8's code cache when it fits: bin/load.cjs says why and how. CommonJS, like the bundle: an ES
// module entry costs Node's ES loader ~7 ms before rel's first line runs.
require('./load.cjs').loadRel().exports.main();
