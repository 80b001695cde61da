// The floor of `npm run bench`: a plain Node process that only loads cdktf and
// every provider module the library and the orders stacks import, and exits.
// No app can synthesize with less; the app's time and memory are read against it.
'use strict';
const { readdirSync, readFileSync } = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PROVIDER_IMPORT = /['"](@cdktf\/provider-aws\/lib\/[a-z0-9-]+)['"]/g;

function providerModules(dir, found = new Set()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) providerModules(file, found);
    else if (entry.name.endsWith('.ts')) for (const [, name] of readFileSync(file, 'utf8').matchAll(PROVIDER_IMPORT)) found.add(name);
  }
  return found;
}

const modules = [...providerModules(path.join(ROOT, 'modules')), ...providerModules(path.join(ROOT, 'stacks'))];
require('cdktf');
for (const name of new Set(modules)) require(name);
console.log(JSON.stringify({ providerModules: new Set(modules).size }));
