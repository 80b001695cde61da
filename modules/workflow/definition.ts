import { STEP_FUNCTIONS } from '../core/aws-limits';
import { PropsValidator } from '../core/validation';

/**
 * One state of an Amazon States Language definition, as a TypeScript object.
 * Only the fields this library reads are typed; every other ASL field
 * (`InputPath`, `ResultPath`, `Retry`, `Seconds`, `Output`, …) is passed on as written.
 */
export interface WorkflowState {
  /** The state type: `Task`, `Pass`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel` or `Map`. */
  readonly Type: string;
  /** The state to run next; not with `End`. */
  readonly Next?: string;
  /** Ends the execution after this state; not with `Next`. */
  readonly End?: boolean;
  /** Task only: the integration ARN (`arn:aws:states:::sqs:sendMessage`) or a Lambda function ARN. */
  readonly Resource?: string;
  /** Task only (JSONPath): the integration's API parameters, e.g. `QueueUrl`, `TopicArn`, `TableName`, `FunctionName`. */
  readonly Parameters?: Record<string, unknown>;
  /** Task only (JSONata): the integration's API arguments, read like `Parameters`. */
  readonly Arguments?: Record<string, unknown>;
  /** Choice only: the rules, each with the `Next` state it picks. */
  readonly Choices?: readonly ChoiceRule[];
  /** Choice only: the state picked when no rule matches. */
  readonly Default?: string;
  /** Task, Parallel and Map: where errors go, each catcher with its `Next` state. */
  readonly Catch?: readonly Catcher[];
  /** Parallel only: the branches, each a definition of its own. */
  readonly Branches?: readonly StateMachineDefinition[];
  /** Map only: the definition run for each item. */
  readonly ItemProcessor?: StateMachineDefinition;
  /** Map only, the older name of `ItemProcessor`. */
  readonly Iterator?: StateMachineDefinition;
  /** Any other field of the state type. */
  readonly [key: string]: unknown;
}

/** A rule of a Choice state. */
export interface ChoiceRule {
  /** The state run when the rule matches. */
  readonly Next?: string;
  /** The comparison (`Variable` with `StringEquals`, `And`, `Condition`, …). */
  readonly [key: string]: unknown;
}

/** A catcher of a Task, Parallel or Map state. */
export interface Catcher {
  /** The error names caught, e.g. `States.ALL`. */
  readonly ErrorEquals?: readonly string[];
  /** The state run after the error is caught. */
  readonly Next?: string;
  /** `ResultPath`, `Output`, … */
  readonly [key: string]: unknown;
}

/** An Amazon States Language definition, as a TypeScript object (written out with `jsonencode`). */
export interface StateMachineDefinition {
  /** A description. @default none */
  readonly Comment?: string;
  /** The first state: a name in `States`. */
  readonly StartAt: string;
  /** The states by name. AWS limit: names of 1–80 characters. */
  readonly States: Record<string, WorkflowState>;
  /** Seconds an execution may run before it fails with `States.Timeout`. @default none (a Standard execution may run a year, an Express one 5 minutes) */
  readonly TimeoutSeconds?: number;
  /** Any other top-level field (`QueryLanguage`, `Version`, …). */
  readonly [key: string]: unknown;
}

/** The state types of the Amazon States Language. */
export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;

export { STEP_FUNCTIONS };

/** States that end an execution (or a branch) by their type. */
const TERMINAL_TYPES = ['Succeed', 'Fail'];

/** Checks the basics Step Functions checks at create: names, types, every transition's target, a way to end. */
export function validateDefinition(v: PropsValidator, field: string, definition: StateMachineDefinition): void {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    v.check(false, field, definition, 'must be an Amazon States Language definition: an object with StartAt and States');
    return;
  }
  validateScope(v, field, definition);
  const size = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  v.check(size <= STEP_FUNCTIONS.definitionMaxBytes, field, `${size} bytes`, 'definitions are at most 1 MB (1,048,576 bytes) of JSON');
}

function validateScope(v: PropsValidator, field: string, scope: StateMachineDefinition): void {
  const states = scope.States;
  if (states === null || typeof states !== 'object' || Array.isArray(states) || Object.keys(states).length === 0) {
    v.check(false, `${field}.States`, states, 'must be an object of at least one state, by name');
    return;
  }
  const names = Object.keys(states);
  v.check(
    typeof scope.StartAt === 'string' && names.includes(scope.StartAt),
    `${field}.StartAt`,
    scope.StartAt,
    `must name one of its States (${names.map((n) => JSON.stringify(n)).join(', ')})`,
  );
  const target = (at: string, next: unknown) =>
    v.check(typeof next === 'string' && names.includes(next), at, next, `must name a state of the same States object (${names.map((n) => JSON.stringify(n)).join(', ')})`);

  let terminal = false;
  for (const [name, state] of Object.entries(states)) {
    const at = `${field}.States.${name}`;
    v.check(name.length >= 1 && [...name].length <= STEP_FUNCTIONS.stateNameMaxLength, at, name, 'state names are 1–80 characters');
    if (state === null || typeof state !== 'object') {
      v.check(false, at, state, 'must be a state object with a Type');
      continue;
    }
    v.check((STATE_TYPES as readonly string[]).includes(state.Type), `${at}.Type`, state.Type, `must be one of ${STATE_TYPES.map((t) => JSON.stringify(t)).join(', ')}`);
    const ends = TERMINAL_TYPES.includes(state.Type) || state.End === true;
    if (ends) terminal = true;
    if (state.Type === 'Choice') {
      const choices = state.Choices;
      v.check(Array.isArray(choices) && choices.length > 0, `${at}.Choices`, choices, 'a Choice state needs at least one rule');
      if (Array.isArray(choices)) choices.forEach((c, i) => target(`${at}.Choices[${i}].Next`, c?.Next));
      if (state.Default !== undefined) target(`${at}.Default`, state.Default);
    } else if (!TERMINAL_TYPES.includes(state.Type)) {
      v.check(
        (state.Next !== undefined) !== (state.End === true),
        `${at}.Next`,
        state.Next,
        'a state that is not Choice, Succeed or Fail needs exactly one of Next (a state name) and End: true',
      );
      if (state.Next !== undefined) target(`${at}.Next`, state.Next);
    }
    if (Array.isArray(state.Catch)) state.Catch.forEach((c, i) => target(`${at}.Catch[${i}].Next`, c?.Next));
    if (state.Type === 'Task') {
      v.check(typeof state.Resource === 'string' && state.Resource.length > 0, `${at}.Resource`, state.Resource, 'a Task state needs a Resource: an integration ARN such as arn:aws:states:::lambda:invoke');
    }
    if (state.Type === 'Parallel') {
      const branches = state.Branches;
      v.check(Array.isArray(branches) && branches.length > 0, `${at}.Branches`, branches, 'a Parallel state needs at least one branch (a definition with StartAt and States)');
      if (Array.isArray(branches)) branches.forEach((b, i) => validateNested(v, `${at}.Branches[${i}]`, b));
    }
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      const key = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
      if (processor === undefined) v.check(false, `${at}.ItemProcessor`, undefined, 'a Map state needs an ItemProcessor (a definition with StartAt and States)');
      else validateNested(v, `${at}.${key}`, processor);
    }
  }
  v.check(terminal, `${field}.States`, names, 'needs a state that ends the execution: a Succeed or Fail state, or one with End: true');
}

function validateNested(v: PropsValidator, field: string, scope: StateMachineDefinition): void {
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) v.check(false, field, scope, 'must be a definition with StartAt and States');
  else validateScope(v, field, scope);
}
