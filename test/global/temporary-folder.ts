import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

// cdktf's Testing.app() makes a new `cdktf.outdir.*` folder in the system's temporary
// folder on every call and never removes it: thousands per run of the suite. The run
// gets a temporary folder of its own (workers inherit TMPDIR), removed when it ends.
const SYSTEM_TMPDIR = 'CDKTF_EDA_SYSTEM_TMPDIR';
const RUN_TMPDIR = 'CDKTF_EDA_RUN_TMPDIR';

export function createRunTemporaryFolder(): void {
  const folder = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-test-'));
  process.env[SYSTEM_TMPDIR] = process.env.TMPDIR ?? '';
  process.env[RUN_TMPDIR] = folder;
  process.env.TMPDIR = folder;
}

export function removeRunTemporaryFolder(): void {
  const folder = process.env[RUN_TMPDIR];
  if (!folder) return;
  if (process.env[SYSTEM_TMPDIR]) process.env.TMPDIR = process.env[SYSTEM_TMPDIR];
  else delete process.env.TMPDIR;
  delete process.env[SYSTEM_TMPDIR];
  delete process.env[RUN_TMPDIR];
  rmSync(folder, { recursive: true, force: true });
}
