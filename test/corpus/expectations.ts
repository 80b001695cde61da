import * as fs from 'fs';
import * as path from 'path';
import type { SimulationInput } from '../../modules/testing';

/** One finding, as a corpus case names it. */
export interface ExpectedFinding {
  /** Rule ID, e.g. `EDA-SQS-013`. */
  readonly rule: string;
  /** Terraform address; any address when left out. */
  readonly address?: string;
  /** `error`, `warning` or `info`; any when left out. */
  readonly severity?: string;
  /** Text the message holds. */
  readonly message?: string;
}

/** What the checks and the simulator must say about one corpus stack. */
export interface Expectation {
  /** What the stack shows. */
  readonly about: string;
  /** Exactly the unsuppressed errors: nothing else may fail synth. */
  readonly errors: readonly ExpectedFinding[];
  /** Findings (of any severity) that must be there. */
  readonly findings?: readonly ExpectedFinding[];
  /** Findings that must not be there (any severity but info). */
  readonly absent?: readonly ExpectedFinding[];
  /** Texts that `info` findings must hold. */
  readonly info?: readonly string[];
  /** Texts no `info` finding may hold. */
  readonly notInfo?: readonly string[];
  /** Simulations and where they deliver (addresses, or names of unresolved endpoints), dead letters and the input's own endpoint left out. */
  readonly routes?: ReadonlyArray<{ readonly input: SimulationInput; readonly deliveredTo: readonly string[] }>;
  /** Routing-model nodes and some of their properties (`bus` is the name of a rule's bus). */
  readonly nodes?: ReadonlyArray<{ readonly address: string; readonly name?: string; readonly arn?: string; readonly bus?: string }>;
  /** Queues whose redrive must be read. */
  readonly redrive?: ReadonlyArray<{ readonly queue: string; readonly deadLetterQueue: string; readonly maxReceiveCount: number }>;
  /** Resources made with `count` or `for_each`, which the reader marks per-instance. */
  readonly perInstance?: readonly string[];
}

/** A corpus stack: its Terraform JSON and what is expected of it. */
export interface CorpusCase {
  readonly name: string;
  readonly json: Record<string, unknown>;
  readonly expect: Expectation;
}

const DIR = path.join(__dirname, 'terraform');

/** The hand-written Terraform JSON stacks, `terraform/<name>.tf.json` with `terraform/<name>.expect.json`. */
export function terraformCases(): CorpusCase[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.tf.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.tf.json'.length);
      const read = (file: string): any => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
      return { name, json: read(f), expect: read(`${name}.expect.json`) };
    });
}
