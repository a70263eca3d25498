import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Availability, whichSync } from "./availability";

/**
 * A real S3 server (the npm package s3rver) in this process, on a loopback port the OS picks, storing
 * objects in a fresh temp directory. s3rver knows one credential pair, S3RVER/S3RVER; it does NOT verify
 * SigV4 signatures and refuses only unknown access key ids.
 */
export interface S3Server {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** Where s3rver keeps the objects: `<dir>/<bucket>/<key>._S3rver_object` (+ `.md5`, metadata). */
  readonly dir: string;
  /** The access key id s3rver accepts. */
  readonly accessKeyId: string;
  /** The secret access key of that id. */
  readonly secretAccessKey: string;
  /** The file holding an object's bytes, as s3rver stores it. */
  objectFile(bucket: string, key: string): string;
  /** Stop listening and delete the directory. */
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

function loadS3rver(): S3rverClass | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("s3rver") as S3rverClass;
  } catch {
    return undefined;
  }
}

/** rclone (the client offsite.sh drives), busybox (the rclone image's Alpine userland) and the s3rver package. */
export function s3Availability(): Availability {
  const missing: string[] = [];
  if (!whichSync("rclone")) missing.push("rclone (apt-get install -y rclone)");
  if (!whichSync("busybox")) missing.push("busybox (apt-get install -y busybox)");
  if (!loadS3rver()) missing.push("the s3rver npm package (npm ci)");
  return { ok: missing.length === 0, missing };
}

/** Start s3rver with the given buckets. */
export async function startS3(buckets: string[]): Promise<S3Server> {
  const S3rver = loadS3rver();
  if (!S3rver) throw new Error("s3rver is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dir,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    objectFile: (bucket, key) => path.join(dir, bucket, `${key}._S3rver_object`),
    stop: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
