/** Probe timing; the provider's probe blocks accept these fields on every workload kind. */
export interface ProbeTiming {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly successThreshold?: number;
}

/** An HTTP GET probe on a named or numbered container port. */
export function httpProbe(path: string, port: number | string, timing: ProbeTiming = {}) {
  return {
    httpGet: { path, port: String(port), scheme: "HTTP" },
    periodSeconds: 10,
    timeoutSeconds: 3,
    failureThreshold: 3,
    ...timing,
  };
}

/** An exec probe (a command that exits 0 when healthy). */
export function execProbe(command: string[], timing: ProbeTiming = {}) {
  return {
    exec: { command },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
    ...timing,
  };
}

/** A TCP socket probe (the provider types `tcp_socket` as a list block). */
export function tcpProbe(port: number | string, timing: ProbeTiming = {}) {
  return {
    tcpSocket: [{ port: String(port) }],
    periodSeconds: 10,
    timeoutSeconds: 3,
    failureThreshold: 3,
    ...timing,
  };
}
