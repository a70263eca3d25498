/** The one error the Terraform input loader throws: bad input, reported by the CLI as one line, exit code 2. */
export class TerraformInputError extends Error {
  /** The file (or directory) the problem is in, as given or relative to the working directory. */
  public readonly file: string;
  /** 1-based line of the problem, when known. */
  public readonly line?: number;

  constructor(file: string, problem: string, line?: number) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${problem}`);
    this.name = "TerraformInputError";
    this.file = file;
    if (line !== undefined) this.line = line;
  }
}

/** What `readystack check` accepts, for error messages. */
export const ACCEPTED_INPUT =
  "a cdktf.out directory, a stack directory or cdk.tf.json file, a directory of Terraform .tf files, one .tf file, or cdktf synth --hcl output (cdk.tf)";
