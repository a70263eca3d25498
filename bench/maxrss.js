"use strict";
// Preload (fallback when /usr/bin/time is missing): append this process's peak RSS in KiB to $BENCH_RSS_FILE at exit.
const fs = require("fs");
const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
