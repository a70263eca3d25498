/**
 * Text that code under test writes straight to process.stdout or process.stderr (the readiness scorecard
 * of every synth) goes to jest's console buffer instead, like console.log, so the summary reporter shows
 * it with a failing test file only. Restored after each file. When jest prints console output right away
 * (a single test file runs verbose), nothing changes.
 */
type Write = typeof process.stdout.write;

const streams = [process.stdout, process.stderr];
const originals = streams.map((stream) => stream.write);
/** jest's BufferedConsole (the default with several test files) keeps output until the file is done. */
const buffered = console.constructor.name === "BufferedConsole";
let inside = false;

streams.forEach((stream, i) => {
  if (!buffered) return;
  const original = originals[i];
  const log = i === 0 ? console.log : console.error;
  stream.write = function write(this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    // Whatever the console itself writes (never expected while it buffers) goes straight through.
    if (inside) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    inside = true;
    try {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      log.call(console, text.replace(/\n$/, ""));
    } finally {
      inside = false;
    }
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) callback();
    return true;
  } as Write;
});

afterAll(() => {
  streams.forEach((stream, i) => {
    stream.write = originals[i];
  });
});
