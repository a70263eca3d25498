import { readFileSync } from "fs";
import { CHARTS, IMAGES } from "../../../lib/versions";
import { COMPONENT_SUPPORT } from "../../../lib/readiness/data/component-support";
import { chartsDirOrSkip, publishedVersionsFile } from "../../support/helm";

// Version currency from data: every pin must be a version its repository published and still maintains,
// per published-versions.json (READYSTACK_CHARTS_DIR or ../shared/charts). When this fails after the data
// is refreshed, bump lib/versions.ts (README "Pinned versions").

interface ChartEntry {
  readonly versions: readonly string[];
  readonly deprecated?: readonly string[];
}
interface ImageEntry {
  readonly tags: readonly string[];
}

/** The published-versions.json key prefix ("owner") of each chart repository readystack pins from. */
const REPOSITORY_OWNERS: Readonly<Record<string, string>> = {
  "https://charts.jetstack.io": "jetstack",
  "https://traefik.github.io/charts": "traefik",
  "https://grafana-community.github.io/helm-charts": "grafana-community",
  "https://grafana.github.io/helm-charts": "grafana",
};

function tagOf(image: string): { repo: string; tag: string } {
  const at = image.lastIndexOf(":");
  return { repo: image.slice(0, at), tag: image.slice(at + 1) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

function parts(v: string): number[] {
  return v.replace(/^v/, "").split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : NaN));
}

/**
 * Images pinned to a release tag of their own project, which published-versions.json does not list (it tracks the
 * official-image release lines): rclone/rclone is tagged by the rclone project itself for each rclone release.
 */
const NOT_IN_PUBLISHED_VERSIONS: Readonly<Record<string, string>> = {
  rclone: "rclone/rclone is tagged by the rclone project for each of its releases; published-versions.json does not list it",
};
const TRACKED_IMAGES = Object.entries(IMAGES).filter(([key]) => !(key in NOT_IN_PUBLISHED_VERSIONS));

const dir = chartsDirOrSkip();
const describeData = dir !== undefined ? describe : describe.skip;

describeData("every pin is published and maintained (published-versions.json)", () => {
  const data = dir !== undefined ? (JSON.parse(readFileSync(publishedVersionsFile(), "utf8")) as Record<string, unknown>) : {};

  test.each(Object.entries(CHARTS))("chart %s is a published release of its repository, in a supported line, deprecated only with a known end of life", (_key, pin) => {
    const owner = REPOSITORY_OWNERS[pin.repository];
    expect(owner).toBeDefined();
    const entry = data[`${owner}/${pin.chart}`] as ChartEntry | undefined;
    if (entry === undefined) throw new Error(`published-versions.json has no entry "${owner}/${pin.chart}" for ${pin.repository}`);
    // Some entries list git tags (v-prefixed) rather than index versions.
    const published = new Set(entry.versions.map((v) => v.replace(/^v/, "")));
    if (!published.has(pin.version.replace(/^v/, ""))) {
      throw new Error(`${pin.chart} ${pin.version} was never published by ${pin.repository}; newest published: ${entry.versions[0]}`);
    }
    const support = COMPONENT_SUPPORT.find((c) => c.charts.includes(pin.chart));
    if (support?.supportedLines !== undefined) {
      const line = pin.version.replace(/^v/, "").split(".").slice(0, 2).join(".");
      expect(support.supportedLines.lines).toContain(line);
    }
    if ((entry.deprecated ?? []).includes(pin.version)) {
      // Allowed only for a component whose end of life the readiness engine knows (and reports).
      expect(support?.chartDeprecated?.since).toBe(pin.version);
      expect(support?.endOfLife).toBeDefined();
    }
  });

  test("chart pins are the newest published release of their chart", () => {
    for (const pin of Object.values(CHARTS)) {
      const entry = data[`${REPOSITORY_OWNERS[pin.repository]}/${pin.chart}`] as ChartEntry;
      const stable = entry.versions.filter((v) => !v.includes("-"));
      const newest = [...stable].sort((a, b) => {
        const pa = parts(a);
        const pb = parts(b);
        return pb[0] - pa[0] || pb[1] - pa[1] || pb[2] - pa[2];
      })[0];
      expect(`${pin.chart}@${pin.version.replace(/^v/, "")}`).toBe(`${pin.chart}@${newest.replace(/^v/, "")}`);
    }
  });

  test("images outside published-versions.json are exempt by name, each pinned to an exact release tag", () => {
    for (const key of Object.keys(NOT_IN_PUBLISHED_VERSIONS)) {
      expect(Object.keys(IMAGES)).toContain(key);
      expect(data[`image:${tagOf(IMAGES[key as keyof typeof IMAGES]).repo}`]).toBeUndefined();
      expect(tagOf(IMAGES[key as keyof typeof IMAGES]).tag).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test.each(TRACKED_IMAGES)("image %s is a tag the official image is still built for", (_key, image) => {
    const { repo, tag } = tagOf(image);
    const entry = data[`image:${repo}`] as ImageEntry | undefined;
    if (entry === undefined) throw new Error(`published-versions.json has no entry "image:${repo}"`);
    if (!entry.tags.includes(tag)) {
      const line = tag.split(".")[0];
      throw new Error(`${image} is not maintained (no longer rebuilt with security fixes); maintained ${line}.x tags: ${entry.tags.filter((t) => t.startsWith(`${line}.`)).join(", ")}`);
    }
  });

  test.each(TRACKED_IMAGES)("image %s is the newest patch of its release line and flavour", (_key, image) => {
    const { repo, tag } = tagOf(image);
    // "17.11-bookworm" → line "17", patch 11, flavour "-bookworm"; "7.4.11-bookworm" → line "7.4".
    const m = /^(.+)\.(\d+)(-[a-z][\w.]*)?$/.exec(tag);
    if (m === null) throw new Error(`${image}: tag is not <line>.<patch>[-flavour]`);
    const [, line, , flavour = ""] = m;
    const same = new RegExp(`^${escapeRegExp(line)}\\.(\\d+)${escapeRegExp(flavour)}$`);
    const patches = (data[`image:${repo}`] as ImageEntry).tags.map((t) => same.exec(t)).filter((x) => x !== null).map((x) => Number(x[1]));
    expect(`${repo}:${tag}`).toBe(`${repo}:${line}.${Math.max(...patches)}${flavour}`);
  });
});
