// Loads TypeScript with ts-node, transpile-only through swc (see tsconfig.json),
// then drops ts-node's source-mapped stack traces: cdktf captures a full stack
// trace for every token it creates, and source-mapping each one doubles synth time.
require('ts-node/register');
Error.prepareStackTrace = undefined;
