/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Extra fields merged into a log line (`orderId`, `messageId`, `error`, ...). */
export type LogFields = Record<string, unknown>;

/** Writes one JSON object per line; see {@link createLogger}. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (for instance the order ID once it is known). */
  child(fields: LogFields): Logger;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Name of the function, written as `service` on every line. */
  readonly service: string;
  /**
   * Lowest level written.
   * @default `LOG_LEVEL` from the environment, else `info`
   */
  readonly level?: string;
  /**
   * Where a finished line goes.
   * @default `process.stdout.write`
   */
  readonly write?: (line: string) => void;
}

/**
 * Parses a level name case-insensitively (`INFO`, `warn`, `WARNING`); anything
 * unknown falls back to `info` so that a typo in an environment never silences logs.
 */
export function parseLogLevel(value: string | undefined): LogLevel {
  const name = (value ?? '').trim().toLowerCase();
  if (name === 'warning') return 'warn';
  return name in LEVELS ? (name as LogLevel) : 'info';
}

/**
 * Creates a structured logger: one JSON line per call with `timestamp`, `level`,
 * `service`, `message` and the given fields.
 *
 * It writes to stdout directly rather than through `console`, because the Lambda
 * runtime prefixes console output with its own tab-separated fields, which would
 * break the one-JSON-object-per-line format that Logs Insights parses.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVELS[parseLogLevel(options.level ?? process.env.LOG_LEVEL)];
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  return makeLogger({ service: options.service }, threshold, write);
}

function makeLogger(base: LogFields, threshold: number, write: (line: string) => void): Logger {
  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVELS[level] < threshold) return;
    const entry = { timestamp: new Date().toISOString(), level, ...base, message, ...serializeErrors(fields) };
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (fields) => makeLogger({ ...base, ...fields }, threshold, write),
  };
}

// JSON.stringify turns an Error into `{}`; keep what is useful to debug it.
function serializeErrors(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return fields;
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
