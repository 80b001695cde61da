import { StateMachineDefinition, Workflow } from '../../modules/workflow';
import { testStack } from '../helpers/synth';
import { BASE, build, errorOf, oneIssue, ONE_TASK } from './fixtures';

const PATH = 'test/fulfil';
const TASK = ONE_TASK.States.Reserve;

function fails(definition: unknown): string {
  return errorOf(() => build({ definition: definition as StateMachineDefinition }));
}

describe('definition checks, each naming the state and field', () => {
  it('StartAt must name a state', () => {
    expect(fails({ ...ONE_TASK, StartAt: 'Reserv' })).toMatch(oneIssue(PATH, 'definition.StartAt', 'Reserv', 'must name one of its States ("Reserve")'));
  });

  it('every Next, Default and Catch target must exist', () => {
    const message = fails({
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Nowhere' }], Default: 'Gone' },
        Work: { ...TASK, End: undefined, Next: 'Missing', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Lost' }] },
        Done: { Type: 'Succeed' },
      },
    });
    expect(message).toContain('definition.States.Pick.Choices[0].Next = "Nowhere" is invalid: must name a state of the same States object ("Pick", "Work", "Done")');
    expect(message).toContain('definition.States.Pick.Default = "Gone" is invalid');
    expect(message).toContain('definition.States.Work.Next = "Missing" is invalid');
    expect(message).toContain('definition.States.Work.Catch[0].Next = "Lost" is invalid');
  });

  it('a state must end the execution', () => {
    const message = fails({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } });
    expect(message).toMatch(oneIssue(PATH, 'definition.States', ['A', 'B'], 'needs a state that ends the execution: a Succeed or Fail state, or one with End: true'));
  });

  it('state names are at most 80 characters', () => {
    const long = 'S'.repeat(81);
    expect(fails({ StartAt: long, States: { [long]: { Type: 'Succeed' } } })).toMatch(oneIssue(PATH, `definition.States.${long}`, long, 'state names are 1–80 characters'));
  });

  it('types must be known; a Task needs a Resource; Next and End exclude each other', () => {
    expect(fails({ StartAt: 'A', States: { A: { Type: 'Tsak', End: true } } })).toMatch(
      oneIssue(PATH, 'definition.States.A.Type', 'Tsak', 'must be one of "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"'),
    );
    expect(fails({ StartAt: 'A', States: { A: { Type: 'Task', End: true } } })).toMatch(
      oneIssue(PATH, 'definition.States.A.Resource', undefined, 'a Task state needs a Resource: an integration ARN such as arn:aws:states:::lambda:invoke'),
    );
    expect(fails({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } } })).toMatch(
      oneIssue(PATH, 'definition.States.A.Next', 'B', 'a state that is not Choice, Succeed or Fail needs exactly one of Next (a state name) and End: true'),
    );
  });

  it('checks Parallel branches and Map item processors as definitions of their own', () => {
    const message = fails({
      StartAt: 'Each',
      States: {
        Each: { Type: 'Map', ItemProcessor: { StartAt: 'Nope', States: { Item: { Type: 'Succeed' } } }, Next: 'Both' },
        Both: { Type: 'Parallel', Branches: [], End: true },
      },
    });
    expect(message).toContain('definition.States.Each.ItemProcessor.StartAt = "Nope" is invalid: must name one of its States ("Item")');
    expect(message).toContain('definition.States.Both.Branches = [] is invalid: a Parallel state needs at least one branch');
  });

  it('States must be a non-empty object; the definition an object', () => {
    expect(fails({ StartAt: 'A', States: {} })).toMatch(oneIssue(PATH, 'definition.States', {}, 'must be an object of at least one state, by name'));
    expect(errorOf(() => build({ definition: 'StartAt' as unknown as StateMachineDefinition }))).toContain(
      'definition = "StartAt" is invalid: must be an Amazon States Language definition { StartAt, States }',
    );
  });

  it('an Express execution times out within 5 minutes', () => {
    expect(errorOf(() => build({ type: 'EXPRESS', definition: { ...ONE_TASK, TimeoutSeconds: 301 } }))).toMatch(
      oneIssue(PATH, 'definition.TimeoutSeconds', 301, 'must be a whole number from 1 to 300 seconds'),
    );
  });
});

describe('props checks', () => {
  it('name, type, logging and alarms', () => {
    const message = errorOf(() =>
      build({
        name: 'fulfil orders',
        type: 'SYNC' as 'STANDARD',
        logging: { level: 'DEBUG' as 'ALL', retentionDays: 10, logGroupName: 'aws/x' },
        alarms: { failedThreshold: -1 },
      }),
    );
    expect(message).toContain(`${PATH}: 6 invalid props`);
    expect(message).toContain('name = "fulfil orders" is invalid: state machine names are 1–80 letters, digits, hyphens and underscores');
    expect(message).toContain('type = "SYNC" is invalid: must be one of "STANDARD", "EXPRESS"');
    expect(message).toContain('logging.level = "DEBUG" is invalid: must be one of "ALL", "ERROR", "FATAL", "OFF"');
    expect(message).toContain('logging.retentionDays = 10 is invalid: must be one of 0, 1, 3, 5, 7, 14, 30');
    expect(message).toContain('logging.logGroupName = "aws/x" is invalid: log group names must be 1–512 characters');
    expect(message).toContain('alarms.failedThreshold = -1 is invalid: must be from 0 to');
  });

  it('shapes: a missing definition, statements not a list', () => {
    const stack = testStack();
    const message = errorOf(() => new Workflow(stack, 'fulfil', { name: 'fulfil', statements: {} } as never));
    expect(message).toContain('definition = undefined is invalid: is required');
    expect(message).toContain('statements = {} is invalid: must be a list (array)');
  });

  it('a name longer than 80 characters', () => {
    const name = 'w'.repeat(81);
    expect(errorOf(() => new Workflow(testStack(), 'fulfil', { ...BASE, name }))).toMatch(oneIssue(PATH, 'name', name, 'state machine names are 1–80 letters, digits, hyphens and underscores'));
  });
});
