"use strict";
/**
 * Preload for one bench row (never for the product): what an upstream switch to turn off cdktf 0.21's token stack
 * traces would save. cdktf captures a full stack trace (Error.stackTraceLimit = MAX_SAFE_INTEGER) for every Lazy,
 * Intrinsic, ComplexComputedList and dynamic block it creates, unconditionally; the traces only decorate error messages.
 * This replaces the exported capture function with one returning [] for this process; cdktf's files are unchanged.
 */
const path = require("path");
const req = require("module").createRequire(path.join(process.env.BENCH_ROOT ?? process.cwd(), "package.json"));
const stackTrace = req("cdktf/lib/tokens/private/stack-trace.js");
stackTrace.captureStackTrace = () => [];
