import type { ModelObject } from "../model/object";
import {
  findingOn,
  namespaceOf,
  objectLabel,
  podIndex,
  recordAt,
  recordList,
  selectPods,
  selectorOfMap,
  stringMap,
  uniqueEvidence,
} from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";
import { COMPONENTS } from "../../k8s/metadata";

/**
 * Ingress controllers, by their `app.kubernetes.io/name`: the one workload whose job is to take outside traffic, so its
 * LoadBalancer/NodePort Service is the design, not an exposure to report.
 */
export const INGRESS_CONTROLLER_NAMES: readonly string[] = [
  "traefik",
  "ingress-nginx",
  "nginx-ingress",
  "haproxy-ingress",
  "kubernetes-ingress",
  "contour",
  "envoy-gateway",
  "kong",
  "istio-ingressgateway",
];

/** Whether a Service fronts an ingress controller: by readystack's component, its labels or its pods' labels. */
function frontsIngressController(svc: ModelObject, podLabels: readonly Readonly<Record<string, string>>[]): boolean {
  if (svc.resource.readystack.component === COMPONENTS.ingressController) return true;
  const named = (labels: Readonly<Record<string, string>>): boolean => INGRESS_CONTROLLER_NAMES.includes(labels["app.kubernetes.io/name"] ?? "");
  return named(stringMap(svc.object.metadata.labels)) || podLabels.some(named);
}

/** RS-SERVICE-EXPOSURE: no Service of type NodePort or LoadBalancer, except in front of an ingress controller. */
export const serviceExposureRule: Rule = {
  id: "RS-SERVICE-EXPOSURE",
  criterion: "security",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "No Service is exposed outside the cluster with type NodePort or LoadBalancer (ingress controllers excepted)",
  rationale:
    "A NodePort opens the port on every node and a LoadBalancer puts the Service on the internet, both without TLS, " +
    "hostnames or rate limits; outside traffic belongs behind one ingress controller and an Ingress with TLS. The ingress " +
    "controller's own Service (readystack component ingress-controller, or a well-known controller name) is the exception.",
  remediation: "Use type ClusterIP and route outside traffic through an Ingress (with TLS) to it.",
  check(ctx: RuleContext): RuleOutcome {
    const services = ctx.objectsOfKind("Service");
    const index = podIndex(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const svc of services) {
      const spec = recordAt(svc.object, "spec") ?? {};
      const type = typeof spec.type === "string" ? spec.type : "ClusterIP";
      if (type !== "NodePort" && type !== "LoadBalancer") {
        clean.push(svc);
        continue;
      }
      const selector = stringMap(spec.selector);
      const ns = namespaceOf(ctx, svc);
      const selection = Object.keys(selector).length === 0 ? undefined : selectPods(index, ns, selectorOfMap(selector));
      const podLabels = selection?.known === true ? selection.workloads.map((w) => w.pod.labels) : [];
      if (frontsIngressController(svc, podLabels)) {
        clean.push(svc);
        continue;
      }
      const nodePorts = recordList(spec.ports).map((p) => p.nodePort).filter((p) => p !== undefined);
      const ports = nodePorts.length > 0 ? ` (nodePort ${nodePorts.map((p) => String(p)).join(", ")})` : "";
      findings.push(findingOn(svc, `${objectLabel(svc)}: spec.type = ${JSON.stringify(type)}${ports} exposes the Service outside the cluster.`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: services.length > 0 };
  },
};
