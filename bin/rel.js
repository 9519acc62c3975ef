#!/usr/bin/env node
// Runs the compiled CLI (npm install builds it through the `prepare` script).
import { main } from '../dist/main.js';

await main();
