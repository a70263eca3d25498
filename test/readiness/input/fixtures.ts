import { readdirSync, statSync } from "fs";
import { join } from "path";

/** The Terraform configurations not built with readystack (test/fixtures/foreign). */
export const FOREIGN_FIXTURES = join(__dirname, "..", "..", "fixtures", "foreign");

/** Every fixture configuration: name → the path `readystack check` is given (cdktf-hcl: its cdktf.out). */
export function foreignFixtures(): { name: string; path: string }[] {
  return readdirSync(FOREIGN_FIXTURES)
    .filter((name) => statSync(join(FOREIGN_FIXTURES, name)).isDirectory())
    .sort()
    .map((name) => ({ name, path: name === "cdktf-hcl" ? join(FOREIGN_FIXTURES, name, "cdktf.out") : join(FOREIGN_FIXTURES, name) }));
}
