import { rmSync } from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { ENVIRONMENTS } from './stacks/environments';
import { OrdersStack } from './stacks/orders-stack';

const app = new App();
for (const settings of ENVIRONMENTS) new OrdersStack(app, settings);
try {
  app.synth();
} catch (error) {
  // cdktf checks and writes one stack at a time: when a later stack fails its
  // checks, drop what was written so no partial output is left behind.
  rmSync(path.join(app.outdir, 'stacks'), { recursive: true, force: true });
  throw error;
}
