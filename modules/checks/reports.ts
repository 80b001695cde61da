import * as fs from 'fs';
import * as path from 'path';
import { CheckResult } from './engine';
import { toSarif } from './sarif';
import { toText } from './summary';

/** File names of the reports, written next to the stack's `cdk.tf.json`. */
export const REPORT_FILES = {
  /** The SARIF 2.1.0 report (see {@link toSarif}), for code-scanning tools. */
  sarif: 'checks.sarif.json',
  /** The plain-text report (see {@link toText}). */
  text: 'checks.txt',
} as const;

/** Writes `checks.sarif.json` and `checks.txt` into `directory` (created if missing); returns their paths. */
export function writeReports(result: CheckResult, directory: string): {
  /** Path of the SARIF report written. */
  sarif: string;
  /** Path of the text report written. */
  text: string;
} {
  fs.mkdirSync(directory, { recursive: true });
  const sarif = path.join(directory, REPORT_FILES.sarif);
  const text = path.join(directory, REPORT_FILES.text);
  fs.writeFileSync(sarif, `${JSON.stringify(toSarif(result), null, 2)}\n`);
  fs.writeFileSync(text, toText(result));
  return { sarif, text };
}
