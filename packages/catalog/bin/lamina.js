#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (src/cli).
import '../dist/cli/main.js';
