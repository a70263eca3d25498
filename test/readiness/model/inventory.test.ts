import { createRuleContext } from "../../../lib/readiness/context";
import { buildInventory } from "../../../lib/readiness/inventory";
import type { TerraformJson } from "../../../lib/readiness/types";

describe("inventory over the model", () => {
  it("lists the images of kubernetes_manifest workloads and of workloads a helm_release carries in its values", () => {
    const json = {
      resource: {
        kubernetes_manifest: {
          vault: {
            manifest: {
              apiVersion: "apps/v1",
              kind: "StatefulSet",
              metadata: { name: "vault", namespace: "shop" },
              spec: { template: { spec: { containers: [{ name: "vault", image: "hashicorp/vault:1.20.0" }] } } },
            },
          },
        },
        helm_release: {
          extras: {
            name: "extras",
            chart: "./charts/manifests",
            namespace: "shop",
            values: ["objects:\n  - apiVersion: batch/v1\n    kind: Job\n    metadata: {name: seed}\n    spec:\n      template:\n        spec:\n          containers: [{name: seed, image: 'busybox:latest'}]\n"],
          },
        },
      },
    } as TerraformJson;
    const items = buildInventory(createRuleContext(json));
    expect(items.map((i) => [i.kind, i.address, i.container ?? null, i.reference ?? null, i.pinned])).toEqual([
      ["image", "kubernetes_manifest.vault", "vault", "hashicorp/vault:1.20.0", true],
      ["chart", "helm_release.extras", null, "./charts/manifests", false],
      ["image", "helm_release.extras", "seed", "busybox:latest", false],
    ]);
  });
});
