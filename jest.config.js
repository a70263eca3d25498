/** Jest runs TypeScript through @swc/jest (transpile only); `npm run typecheck` type-checks once. */
module.exports = {
  testEnvironment: "node",
  // Jest's default is one worker per core minus one: a single worker on these 2-core machines.
  // Two workers take the unit + snapshot run from ~52 s to ~34 s (BENCHMARKS.md).
  maxWorkers: 2,
  roots: ["<rootDir>/test", "<rootDir>/examples"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
      },
    ],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // One line per test file; a failing file prints its console output (scorecards too) and its failures in
  // full. "summary" adds the totals at the end.
  setupFilesAfterEnv: ["<rootDir>/test/support/quiet-stdout.ts"],
  reporters: ["<rootDir>/test/support/summary-reporter.js", ["summary", { summaryThreshold: Number.MAX_SAFE_INTEGER }]],
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "/cdktf.out/"],
};
