/** Line numbers of `resource`/`data` blocks in a `.tf` text: what `source-lines.ts` gives for JSON. */

/** Map `type.name` (and `data.type.name`) to the 1-based line of its block header in one `.tf` text. */
export function hclResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const header = /^[ \t]*(resource|data)[ \t]+"([^"\n]+)"[ \t]+"([^"\n]+)"[ \t]*\{/gm;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text)) !== null) {
    const address = m[1] === "data" ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
    if (lines.has(address)) continue;
    let line = 1;
    for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    lines.set(address, line);
  }
  return lines;
}
