import * as context from "../../../lib/readiness/context";
import { runReadiness } from "../../../lib/readiness/engine";
import type { TerraformJson } from "../../../lib/readiness/types";

jest.mock("../../../lib/readiness/context", () => {
  const actual = jest.requireActual("../../../lib/readiness/context");
  return { ...actual, createRuleContext: jest.fn(actual.createRuleContext) };
});

const json: TerraformJson = { resource: { kubernetes_deployment_v1: { web: { metadata: { name: "web", labels: { tier: "front" } } } } } };

describe("role selectors of the config", () => {
  it("reach the rule context as createRuleContext's roles", () => {
    const roles = { api: { labels: { tier: "front" }, names: ["web"] } };
    runReadiness(json, { rules: [], config: { roles } });
    expect(context.createRuleContext).toHaveBeenLastCalledWith(json, expect.objectContaining({ roles }));
  });

  it("are absent when the config has none", () => {
    runReadiness(json, { rules: [] });
    const options = (context.createRuleContext as jest.Mock).mock.calls.at(-1)[1];
    expect(options.roles).toBeUndefined();
  });
});
