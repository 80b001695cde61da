#!/usr/bin/env node
/**
 * Writes cdktn-eda, the build of this repository for CDK Terrain (cdktn), from
 * the same sources: every file is copied, with the framework and provider
 * module names rewritten (`cdktf` → `cdktn`, `cdktf-cli` → `cdktn-cli`,
 * `@cdktf/provider-aws` → `@cdktn/provider-aws`, `cdktf-eda` → `cdktn-eda`, …).
 * The manifest is package.json with the names, pins and peer ranges of
 * cdktn/package.json; the lock file is cdktn/package-lock.json.
 *
 *   node cdktn/build.js <outdir>   write the variant (outside this repository)
 *   node cdktn/build.js --lock     refresh cdktn/package-lock.json after a
 *                                  change to package.json's devDependencies
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const HERE = __dirname;

/** The packages renamed by the rewrite: cdktf's name → cdktn's name. */
const RENAMES = {
  '@cdktf/hcl2json': '@cdktn/hcl2json',
  '@cdktf/provider-aws': '@cdktn/provider-aws',
  'cdktf-cli': 'cdktn-cli',
  'cdktf-eda': 'cdktn-eda',
  cdktf: 'cdktn',
};
/** Pinned in both manifests at different versions (cdktn needs constructs < 10.8). */
const REPINNED = ['constructs'];

const names = Object.keys(RENAMES).map((n) => n.replace(/[/]/g, '\\/'));
// A quoted module specifier, in any form: `from 'cdktf'`, `require("cdktf/lib/…")`,
// `import('@cdktf/provider-aws/lib/…')`, `jest.mock('cdktf-eda')`, or a package name in a list.
const SPECIFIER = new RegExp(`(['"\`])(${names.join('|')})((?:/[^'"\`\\s]*)?)\\1`, 'g');
// The provider's name anywhere else (a regular expression, a comment), `/` escaped or not.
const PROVIDER = /@cdktf(\\?\/)provider-aws/g;
// A package's folder or binary inside node_modules, e.g. `node_modules/.bin/cdktf`.
const INSTALLED = new RegExp(`(node_modules/(?:\\.bin/)?)(${names.join('|')})(?=[/'"\`])`, 'g');
// What must not survive the rewrite: an import of cdktf or of any @cdktf package (a new one belongs in RENAMES).
const LEFTOVER = /(?:from\s+|require\(\s*|import\(\s*|mock\(\s*)['"`](?:cdktf(?:-cli|-eda)?['"`/]|@cdktf\/)/;

const CODE = /\.(?:ts|tsx|js|mjs|cjs|json)$/;

/** The text of a source file as cdktn-eda has it. */
function rewriteSource(text) {
  return text
    .replace(SPECIFIER, (_, quote, name, rest) => `${quote}${RENAMES[name]}${rest}${quote}`)
    .replace(PROVIDER, (_, slash) => `@cdktn${slash}provider-aws`)
    .replace(INSTALLED, (_, dir, name) => `${dir}${RENAMES[name]}`);
}

/** A shell command with the cdktf CLI renamed (`cdktf synth` → `cdktn synth`). */
function rewriteCommand(command) {
  return command.replace(/(^|[\s;&|(])cdktf(?=\s|$)/g, '$1cdktn');
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Another manifest in the tree (the example consumer): framework packages
 * renamed and pinned to the versions cdktn-eda is tested with; local
 * (`file:`) specs kept.
 */
function rewriteManifest(manifest, pins) {
  const out = { ...manifest };
  for (const field of DEPENDENCY_FIELDS) {
    if (!manifest[field]) continue;
    out[field] = Object.fromEntries(
      Object.entries(manifest[field]).map(([name, spec]) => {
        const renamed = RENAMES[name] ?? name;
        const repin = (renamed !== name || REPINNED.includes(name)) && !/^(file|link):/.test(spec) && pins[renamed];
        return [renamed, repin ? pins[renamed] : spec];
      }),
    );
  }
  // The package's own command is named after it (`cdktf-eda` → `cdktn-eda`).
  if (manifest.bin && typeof manifest.bin === 'object') out.bin = Object.fromEntries(Object.entries(manifest.bin).map(([k, v]) => [RENAMES[k] ?? k, v]));
  if (manifest.scripts) out.scripts = Object.fromEntries(Object.entries(manifest.scripts).map(([k, v]) => [k, rewriteCommand(v)]));
  return out;
}

/**
 * cdktn-eda's package.json: this repository's, with cdktn/package.json's
 * name, engines, framework peer ranges and framework pins; every other peer,
 * devDependency and setting is package.json's own.
 */
function variantManifest(base = readJson(path.join(ROOT, 'package.json')), variant = readJson(path.join(HERE, 'package.json'))) {
  const pins = variant.devDependencies;
  const devDependencies = {};
  for (const [name, spec] of Object.entries(base.devDependencies ?? {})) {
    const renamed = RENAMES[name] ?? name;
    devDependencies[renamed] = renamed !== name || REPINNED.includes(name) ? pins[renamed] : spec;
  }
  const rewritten = rewriteManifest(base, pins);
  return {
    ...rewritten,
    name: variant.name,
    description: variant.description,
    engines: variant.engines,
    // The framework's peers are cdktn/package.json's; every other peer (optional tools) is package.json's own.
    peerDependencies: sorted({ ...Object.fromEntries(Object.entries(base.peerDependencies ?? {}).filter(([name]) => !(name in RENAMES))), ...variant.peerDependencies }),
    devDependencies: Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** What differs between the variant manifest's dependencies and those its lock file was made from. */
function lockDrift(manifest = variantManifest(), lock = readJson(path.join(HERE, 'package-lock.json'))) {
  const locked = lock.packages[''];
  return ['dependencies', 'devDependencies', 'peerDependencies']
    .filter((field) => JSON.stringify(sorted(manifest[field])) !== JSON.stringify(sorted(locked[field])))
    .map((field) => `${field}: package.json has ${JSON.stringify(sorted(manifest[field]))}, cdktn/package-lock.json ${JSON.stringify(sorted(locked[field]))}`);
}
const sorted = (o) => (o ? Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) : {});

/** The files of the repository as git sees them (committed or new, not ignored), minus what the variant replaces. */
function sourceFiles() {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  const replaced = new Set(['package.json', 'package-lock.json']);
  return [...new Set(listed.split('\0'))].filter((f) => f && !replaced.has(f) && fs.existsSync(path.join(ROOT, f))).sort();
}

/** Writes the variant into `outdir`, keeping an `outdir/node_modules` already there. Returns the files written. */
function build(outdir) {
  const out = path.resolve(outdir);
  // Inside this repository, a module the rewrite missed would quietly resolve to ./node_modules/cdktf.
  if (out === ROOT || out.startsWith(ROOT + path.sep)) throw new Error(`${out}: write the cdktn variant outside ${ROOT}`);
  fs.mkdirSync(out, { recursive: true });
  for (const entry of fs.readdirSync(out)) if (entry !== 'node_modules') fs.rmSync(path.join(out, entry), { recursive: true, force: true });

  const manifest = variantManifest();
  const drift = lockDrift(manifest);
  if (drift.length > 0) throw new Error(`cdktn/package-lock.json is out of date (run: node cdktn/build.js --lock):\n  ${drift.join('\n  ')}`);

  const files = sourceFiles();
  const leftovers = [];
  for (const file of files) {
    const from = path.join(ROOT, file);
    const to = path.join(out, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (file.startsWith('cdktn/')) {
      fs.copyFileSync(from, to); // this build itself, as it is
    } else if (path.basename(file) === 'package.json') {
      writeJson(to, rewriteManifest(readJson(from), manifest.devDependencies));
    } else if (CODE.test(file)) {
      const text = rewriteSource(fs.readFileSync(from, 'utf8'));
      if (LEFTOVER.test(text)) leftovers.push(file);
      fs.writeFileSync(to, text);
    } else {
      fs.copyFileSync(from, to);
    }
  }
  if (leftovers.length > 0) throw new Error(`still importing cdktf after the rewrite: ${leftovers.join(', ')}`);
  writeJson(path.join(out, 'package.json'), manifest);
  fs.copyFileSync(path.join(HERE, 'package-lock.json'), path.join(out, 'package-lock.json'));
  // A repository of its own: tests list the sources with `git ls-files`, as in a clone of this one.
  for (const args of [['init', '-q'], ['add', '-A']]) execFileSync('git', args, { cwd: out, stdio: 'pipe' });
  return [...files, 'package.json', 'package-lock.json'];
}

/** Rewrites cdktn/package-lock.json for the current variant manifest (npm resolves; nothing is installed). */
function refreshLock() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-eda-lock-'));
  try {
    writeJson(path.join(work, 'package.json'), variantManifest());
    const lock = path.join(HERE, 'package-lock.json');
    if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(work, 'package-lock.json'));
    execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
    fs.copyFileSync(path.join(work, 'package-lock.json'), path.join(HERE, 'package-lock.json'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { RENAMES, rewriteSource, rewriteCommand, rewriteManifest, variantManifest, lockDrift, build };

if (require.main === module) {
  const [arg] = process.argv.slice(2);
  if (!arg) {
    console.error('usage: node cdktn/build.js <outdir> | --lock');
    process.exit(2);
  }
  if (arg === '--lock') refreshLock();
  else console.log(`cdktn-eda: ${build(arg).length} files written to ${path.resolve(arg)}`);
}
