#!/usr/bin/env node
"use strict";
// The readystack CLI entry point. The logic lives in bin/cli.ts, compiled to dist/bin/cli.js by `npm run build`.
let cli;
try {
  cli = require("../dist/bin/cli.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes("dist/bin/cli.js")) {
    process.stderr.write("readystack: dist/bin/cli.js is missing; run `npm run build` first\n");
    process.exit(2);
  }
  throw error;
}
process.exitCode = cli.main(process.argv.slice(2));
