import { setFlagsFromString } from 'v8';
import { runInNewContext, runInThisContext } from 'vm';
import { Testing } from 'cdktf';

// Registers cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
Testing.setupJest();

// cdktf captures a stack trace for every token it creates, on a plain object (not an
// Error), thousands per test file. Jest maps every frame of every trace through source
// maps, which took a third of the suite's CPU. Those traces are formatted as V8 formats
// them; errors still get Jest's source-mapped stacks. A formatter set on this realm's
// Error comes before Jest's, which is set on the worker's own Error (outside this realm).
type Format = (error: unknown, frames: NodeJS.CallSite[]) => unknown;
const workerError = runInThisContext('Error') as ErrorConstructor;
const v8Format: Format = (error, frames) => [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
Error.prepareStackTrace = (error, frames) =>
  Object.getPrototypeOf(error) === Object.prototype ? v8Format(error, frames) : ((workerError.prepareStackTrace as Format | undefined) ?? v8Format)(error, frames);

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
