import * as fs from "fs";
import { App } from "cdktf";
import { buildReferenceStack } from "./stacks/reference";

// The app that cdktf.json runs (`npx cdktf synth`) and that `npm run synth` runs directly.
const app = new App();
if (!process.env.CDKTF_OUTDIR) {
  // Run directly: start from an empty cdktf.out so a failed synth never leaves an older cdk.tf.json behind.
  fs.rmSync(app.outdir, { recursive: true, force: true });
}
try {
  buildReferenceStack(app);
  app.synth();
} catch (e) {
  // Readiness failures and prop errors carry their own explanation; a stack trace adds nothing.
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
