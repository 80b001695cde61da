/** What the handlers log: structured JSON lines on stdout, captured per test without starting anything else. */

/**
 * Captures what the handlers write to stdout, one entry per chunk, from each
 * test's start; restored after it. Returns the captured chunks' array.
 */
export function captureLogs(): string[] {
  const chunks: string[] = [];
  beforeEach(() => {
    chunks.length = 0;
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());
  return chunks;
}

/** The captured log lines, parsed. */
export function logLines(chunks: readonly string[]): Record<string, unknown>[] {
  return chunks.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line));
}
