import * as net from "net";

/** A loopback TCP port that was free a moment ago (the OS picks it: listen on 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") {
        srv.close();
        reject(new Error("could not read the port the OS assigned"));
        return;
      }
      const port = addr.port;
      srv.close(() => resolve(port));
    });
  });
}
