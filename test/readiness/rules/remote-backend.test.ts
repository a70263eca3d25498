import { remoteBackendRule } from "../../../lib/readiness/rules/remote-backend";
import { run, secureStack } from "./support/fixtures";

describe("RS-REMOTE-BACKEND", () => {
  it("passes an s3 backend (terraform.backend.<type> as cdktf writes it)", () => {
    const out = run(remoteBackendRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["terraform.backend.s3"]);
  });

  it("reports a local backend with its recommended severity", () => {
    const json = secureStack();
    json.terraform.backend = { local: { path: "terraform.tfstate" } };
    const out = run(remoteBackendRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-REMOTE-BACKEND", severity: "warning" });
    expect(out.messages[0]).toBe('terraform.backend is "local": Terraform state stays in a file on the machine that runs apply.');
  });

  it("reports a missing backend", () => {
    const json = secureStack();
    delete json.terraform.backend;
    expect(run(remoteBackendRule, json).messages).toEqual([
      "terraform.backend is not configured: Terraform state stays in a local terraform.tfstate file.",
    ]);
  });
});
