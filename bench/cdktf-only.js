// What cdktf itself costs for the orders stacks, with no library and no checks:
// every resource, data source and output of the synthesized stacks in a folder
// (`node bench/cdktf-only.js <cdktf.out>`) is made again with its provider class and
// the same attributes, and the stacks are synthesized into a temporary folder.
// References stay literal "${...}" strings and the Lambda zips are not copied: what
// cdktf itself spends on these resources, taken as it comes (it resolves every element
// twice), which `npm run bench` reads against the floor (bench/floor.js) and the app.
'use strict';
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const path = require('path');
const { App, LocalBackend, TerraformOutput, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');

const source = process.argv[2];
if (!source) throw new Error('usage: node bench/cdktf-only.js <folder holding stacks/<name>/cdk.tf.json>');
const stacks = readdirSync(path.join(source, 'stacks')).map((name) => ({
  name,
  json: JSON.parse(readFileSync(path.join(source, 'stacks', name, 'cdk.tf.json'), 'utf8')),
}));

/** `dead_letter_config` → `deadLetterConfig`, at every depth; cdktf writes the keys back as they were. */
function camel(value) {
  if (Array.isArray(value)) return value.map(camel);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '//' || key === 'depends_on' || key === 'provider') continue;
    out[key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())] = camel(inner);
  }
  return out;
}

/** `aws_sqs_queue` → SqsQueue from @cdktf/provider-aws/lib/sqs-queue (data sources: lib/data-aws-…). */
function providerClass(type, data) {
  const name = `${data ? 'data_' : ''}${type}`.replace(/_/g, '-').replace(/^aws-/, '');
  const exports = require(`@cdktf/provider-aws/lib/${name}`);
  const found = Object.values(exports).find((value) => value.tfResourceType === type);
  if (!found) throw new Error(`no provider class for ${type}`);
  return found;
}

const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-only-'));
const app = new App({ outdir });
let resources = 0;
for (const { name, json } of stacks) {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', camel(json.provider.aws[0]));
  if (json.terraform?.backend?.local) new LocalBackend(stack, json.terraform.backend.local);
  for (const [kind, data] of [['data', true], ['resource', false]]) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      const Class = providerClass(type, data);
      for (const [id, config] of Object.entries(byName)) {
        new Class(stack, id, camel(config));
        resources++;
      }
    }
  }
  for (const [id, output] of Object.entries(json.output ?? {})) new TerraformOutput(stack, id, camel(output));
}
app.synth();
rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ stacks: stacks.length, resources }));
