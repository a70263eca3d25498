/** Ingress objects read out (networking.k8s.io/v1 and the legacy v1beta1 shape). */
import type { RuleContext } from "../types";
import { objectLabel } from "./findings";
import { asList, block, first, memoized, records, staticString, type JsonObject } from "./json";
import { annotationsOf, namespaceOfObject } from "./metadata";
import type { ModelObject } from "./object";

/** A backend of an ingress path (or the default backend). */
export interface IngressBackend {
  /** The service name as written (a literal or a reference). */
  readonly serviceName: unknown;
  /** Port number, when given. */
  readonly portNumber?: number;
  /** Port name, when given. */
  readonly portName?: string;
  /** Where it sits, for messages: `rules[0].http.paths[1]` or `defaultBackend`. */
  readonly where: string;
}

/** An Ingress read out. */
export interface IngressView {
  /** The model object. */
  readonly model: ModelObject;
  /** How messages name it. */
  readonly at: string;
  /** Namespace. */
  readonly namespace: string;
  /** spec.ingressClassName, else the kubernetes.io/ingress.class annotation. */
  readonly className?: string;
  /** metadata.annotations. */
  readonly annotations: Record<string, string>;
  /** Hosts of the rules (static); `undefined` for a rule without host. */
  readonly ruleHosts: (string | undefined)[];
  /** Hosts of all tls entries (static). */
  readonly tlsHosts: string[];
  /** Every backend. */
  readonly backends: IngressBackend[];
}

function readBackend(ctx: RuleContext, b: JsonObject | undefined, where: string): IngressBackend | undefined {
  if (!b) return undefined;
  const svc = first(b.service);
  if (svc) {
    const port = first(svc.port);
    const num = Number(staticString(ctx, port?.number));
    const name = staticString(ctx, port?.name);
    return {
      serviceName: svc.name,
      ...(port?.number !== undefined && Number.isFinite(num) ? { portNumber: num } : {}),
      ...(name !== undefined && name !== "" ? { portName: name } : {}),
      where,
    };
  }
  if (b.serviceName !== undefined) {
    const p = staticString(ctx, b.servicePort);
    return {
      serviceName: b.serviceName,
      ...(p !== undefined && /^\d+$/.test(p) ? { portNumber: Number(p) } : p !== undefined ? { portName: p } : {}),
      where,
    };
  }
  return undefined;
}

/** Read one Ingress object. */
export function readIngress(ctx: RuleContext, o: ModelObject): IngressView {
  const spec = first(o.object.spec) ?? {};
  const annotations = annotationsOf(ctx, o);
  const className = staticString(ctx, spec.ingressClassName) ?? annotations["kubernetes.io/ingress.class"];
  const ruleHosts: (string | undefined)[] = [];
  const backends: IngressBackend[] = [];
  records(spec.rules).forEach((rule, i) => {
    const host = staticString(ctx, rule.host);
    ruleHosts.push(host === "" ? undefined : host);
    records(block(rule, "http")?.paths).forEach((p, j) => {
      const b = readBackend(ctx, first(p.backend), `rules[${i}].http.paths[${j}]`);
      if (b) backends.push(b);
    });
  });
  const defaultBackend = first(spec.defaultBackend);
  const def = readBackend(ctx, defaultBackend ?? first(spec.backend), defaultBackend ? "defaultBackend" : "backend");
  if (def) backends.push(def);
  const tlsHosts = records(spec.tls).flatMap((t) =>
    asList(t.hosts).map((h) => staticString(ctx, h)).filter((h): h is string => h !== undefined),
  );
  return {
    model: o,
    at: objectLabel(o),
    namespace: namespaceOfObject(ctx, o),
    ...(className !== undefined ? { className } : {}),
    annotations,
    ruleHosts,
    tlsHosts,
    backends,
  };
}

/** Every Ingress of the model. */
export function ingresses(ctx: RuleContext): readonly IngressView[] {
  return memoized(ctx, "ingresses", () => ctx.objectsOfKind("Ingress").map((o) => readIngress(ctx, o)));
}

/** Whether a TLS host (possibly `*.example.com`) covers a rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (t.startsWith("*.")) {
    const rest = h.slice(h.indexOf(".") + 1);
    return h.includes(".") && rest === t.slice(2) && !h.startsWith("*.");
  }
  return false;
}
