/**
 * `npm run docs:rules`: regenerate lib/readiness/rules/index.ts (the rule registry) and the README rule table from
 * the rules' own metadata.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { discoverRuleFiles, registrySource, RULES_DIR, withRuleTable } from "../lib/readiness/rule-docs";

const root = join(__dirname, "..");
const files = discoverRuleFiles(RULES_DIR);
writeFileSync(join(RULES_DIR, "index.ts"), registrySource(files));
const readmePath = join(root, "README.md");
writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, "utf8"), files.map((f) => f.rule)));
process.stdout.write(`${files.length} rules: lib/readiness/rules/index.ts and README.md updated\n`);
