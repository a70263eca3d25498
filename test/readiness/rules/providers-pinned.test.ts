import { providersPinnedRule } from "../../../lib/readiness/rules/providers-pinned";
import { run, secureStack } from "./support/fixtures";

describe("RS-PROVIDERS-PINNED", () => {
  it("passes exact provider versions", () => {
    const out = run(providersPinnedRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["terraform.required_providers.kubernetes@2.38.0", "terraform.required_providers.helm@3.1.1"]);
  });

  it("reports a range and a missing version", () => {
    const json = secureStack();
    json.terraform.required_providers.helm.version = "~> 3.0";
    json.terraform.required_providers.random = { source: "hashicorp/random" };
    const out = run(providersPinnedRule, json);
    expect(out.findings.map((f) => f.ruleId)).toEqual(["RS-PROVIDERS-PINNED", "RS-PROVIDERS-PINNED"]);
    expect(out.messages).toEqual([
      'terraform.required_providers.helm has version "~> 3.0", not an exact version.',
      "terraform.required_providers.random has version unset, not an exact version.",
    ]);
  });

  it("reports resources without any required_providers", () => {
    const json = secureStack();
    delete json.terraform.required_providers;
    expect(run(providersPinnedRule, json).messages).toEqual([
      "terraform.required_providers is missing: provider versions are not pinned at all.",
    ]);
  });
});
