/** Read the readiness config file (JSON, or YAML for `.yaml`/`.yml`). */
import { readFileSync } from "fs";
import { extname } from "path";
import { parse as parseYaml } from "yaml";
import type { Rule } from "../types";
import type { LoadedConfig } from "./types";
import { ReadinessConfigError, validateConfig } from "./validate";

/** The first line of a parser message, without trailing position details the caller adds. */
function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

/**
 * Parse config text (YAML is a superset of JSON, so one parser reads both; a `.json` file must be strict JSON).
 * @throws ReadinessConfigError when the text does not parse or the config is invalid
 */
export function parseConfig(text: string, rules: readonly Rule[], source: string): LoadedConfig {
  let doc: unknown;
  try {
    doc = extname(source).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    throw new ReadinessConfigError(source, "document", text.length > 40 ? `${text.slice(0, 37)}...` : text, `JSON or YAML (${message})`);
  }
  return { config: validateConfig(doc, rules, source), source };
}

/**
 * Read and validate a config file.
 * @param file the path to read
 * @param shown how messages and reports name it (as the user gave it)
 * @throws ReadinessConfigError when it cannot be read, does not parse or is invalid
 */
export function loadConfig(file: string, rules: readonly Rule[], shown: string = file): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : code ?? "unreadable";
    throw new ReadinessConfigError(shown, "config file", shown, `a readable JSON or YAML file (${why})`);
  }
  return parseConfig(text, rules, shown);
}
