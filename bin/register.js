// Runs the TypeScript entry points (main.ts, bench/, bin/) under plain Node:
// `node --require ./bin/register.js main.ts`. Each .ts file is transpiled by swc
// without type-checking (`tsc --noEmit` does that) and the output is kept in
// .gen/transpiled/, keyed by the hash of the source and of swc's version and
// options: a run whose sources are unchanged loads neither swc nor the
// TypeScript compiler. No source maps: cdktf captures a stack trace for every
// token it creates, and source-mapping each one doubles synth time (line
// numbers in a trace are those of the transpiled file).
'use strict';
const { createHash } = require('crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('fs');
const path = require('path');

const CACHE_DIR = path.resolve(__dirname, '..', '.gen', 'transpiled');

// What ts-node chose for this tsconfig (ES2022, CommonJS, esModuleInterop):
// class names and define semantics for class fields as tsc emits them.
const SWC_OPTIONS = {
  swcrc: false,
  sourceMaps: false,
  module: { type: 'commonjs', strictMode: true, noInterop: false },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', tsx: false, dynamicImport: true },
    transform: { useDefineForClassFields: true },
    keepClassNames: true,
  },
};
const OPTIONS_KEY = `${require('@swc/core/package.json').version}\0${JSON.stringify(SWC_OPTIONS)}\0`;

let swc;

function transpile(source, filename) {
  const hash = createHash('sha256').update(OPTIONS_KEY).update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${hash}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not transpiled yet
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  mkdirSync(CACHE_DIR, { recursive: true });
  // Write then rename: a parallel process must never read a half-written file.
  const temporary = `${cached}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, cached);
  return code;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(readFileSync(filename, 'utf8'), filename), filename);
};
