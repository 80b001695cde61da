import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { Testing } from 'cdktf';

// Registers cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
Testing.setupJest();

// Jest gives a worker half a second to exit after its last test file, then reports it
// as "failed to exit gracefully". No handle is left open (--detectOpenHandles finds
// none): a worker holds hundreds of MB of garbage by then (every test file loads cdktf
// afresh), and tearing such a heap down takes longer than that on a busy machine.
// Collecting it between files keeps the heap small.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
afterAll(() => {
  if (process.memoryUsage().heapTotal > 256 * 2 ** 20) collectGarbage();
});
