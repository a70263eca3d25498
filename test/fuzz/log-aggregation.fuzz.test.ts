import * as fc from "fast-check";
import { LogAggregation, LogAggregationProps } from "../../lib/logging/log-aggregation";
import { badBool, badDnsLabel, badHostname, badMemory, bool, dnsLabel, fuzz, memory, optional, required, resourcesProp, tagged } from "./support";

export const logAggregationProps = tagged<LogAggregationProps>({
  namespace: required(dnsLabel, badDnsLabel),
  lokiNamespace: optional(dnsLabel, badDnsLabel),
  shipperNamespace: optional(dnsLabel, badDnsLabel),
  shipper: optional(fc.constantFrom("promtail", "alloy"), fc.constantFrom("fluentd", "Alloy", "")),
  retention: optional(fc.constantFrom("744h", "31d", "4w", "24h", "1d"), fc.constantFrom("23h", "25h", "0d", "1y", "744", "-1d", "1.5d", "")),
  storageSize: optional(memory, badMemory),
  storageClassName: optional(fc.constantFrom("fast-ssd", "ebs.csi.aws.com"), fc.constantFrom("", "Fast", "a_b")),
  lokiResources: resourcesProp,
  shipperResources: resourcesProp,
  preventDestroy: optional(bool, badBool, 1, false),
  clusterDomain: optional(fc.constantFrom("cluster.local", "k8s.example.internal"), badHostname),
});

describe("LogAggregation fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(logAggregationProps, (stack, props) => new LogAggregation(stack, "logging", props), {
      examples: [
        // seed -611455442: a dotted StorageClass name (a valid DNS subdomain) was rejected as "not a label".
        { props: { namespace: "app", storageClassName: "ebs.csi.aws.com" }, bad: [], lenient: [] },
      ],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
