/**
 * Child process of the benchmark: synthesizes the three orders stacks in this
 * one process (into a temporary folder) and prints its wall time since process
 * start and its peak RSS as one JSON line. The naive variant preloads
 * bench/naive/naive-import.ts, which loads the provider package root.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { App } from 'cdktf';
import { ENVIRONMENTS } from '../stacks/environments';
import { OrdersStack } from '../stacks/orders-stack';

const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-bench-'));
try {
  const app = new App({ outdir });
  for (const settings of ENVIRONMENTS) new OrdersStack(app, settings);
  app.synth();
  console.log(JSON.stringify({ wallMs: performance.now(), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
