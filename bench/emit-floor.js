"use strict";
/**
 * The cdktf-emitting floor: a plain cdktf program that loads cdktf and the same provider modules as readystack and
 * emits the reference stack's resources through cdktf's generic TerraformResource / TerraformProvider, each with its
 * literal body as overrides (no constructs, no tokens, no readiness). Its cdk.tf.json equals readystack's apart from
 * cdktf's own "//" metadata.
 *
 * Usage: node bench/emit-floor.js <spec.json> <outdir>; spec.json is { root, modules: string[], json: <cdk.tf.json> }
 * (written by bench/run.js from a synth of the reference stack).
 */
const fs = require("fs");
const path = require("path");

const [specFile, outdir] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
const req = require("module").createRequire(path.join(spec.root, "package.json"));
const { App, TerraformStack, TerraformResource, TerraformProvider, TerraformBackend } = req("cdktf");
for (const m of spec.modules) req(m);

const json = spec.json;
const app = new App({ outdir });
const stack = new TerraformStack(app, spec.stackName);

/** Copy one block's body as overrides; of "//" only readystack's own annotations (cdktf writes its metadata itself). */
function overrideBody(element, body) {
  for (const [key, value] of Object.entries(body)) {
    if (key !== "//") {
      element.addOverride(key, value);
      continue;
    }
    for (const [note, noteValue] of Object.entries(value)) if (note !== "metadata") element.addOverride(`//.${note}`, noteValue);
  }
}

for (const [name, blocks] of Object.entries(json.provider ?? {})) {
  for (const [i, body] of blocks.entries()) {
    const p = new TerraformProvider(stack, `${name}-${i}`, { terraformResourceType: name, terraformGeneratorMetadata: { providerName: name } });
    overrideBody(p, body);
  }
}
for (const [type, resources] of Object.entries(json.resource ?? {})) {
  for (const [id, body] of Object.entries(resources)) {
    const r = new TerraformResource(stack, id, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: type.split("_")[0] } });
    r.overrideLogicalId(id);
    overrideBody(r, body);
  }
}
const { backend, ...terraform } = json.terraform ?? {};
for (const [name, body] of Object.entries(backend ?? {})) {
  // A backend element (cdktf adds a local backend to a stack without one), its settings as overrides.
  const b = new TerraformBackend(stack, "backend", name);
  for (const [key, value] of Object.entries(body)) b.addOverride(key, value);
}
for (const [key, value] of Object.entries(terraform)) stack.addOverride(`terraform.${key}`, value);
for (const key of ["data", "variable", "output", "locals", "module"]) if (json[key]) stack.addOverride(key, json[key]);
app.synth();
