#!/usr/bin/env node
// Committed launcher: npm links bins at install time, before `prepare` builds dist/, so the link must not point
// into dist/. It loads the built command.
import '../dist/bin.js';
