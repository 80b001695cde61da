import { isToken } from './validation';

/**
 * Reading Amazon States Language definitions: what the workflow construct
 * derives its role from and what the routing model draws, read the same way.
 */

/** A Task state found in a definition, with where it is. */
export interface TaskState {
  /** Dotted path of the state, e.g. `definition.States.Reserve` or `definition.States.Each.ItemProcessor.States.Ship`. */
  readonly field: string;
  /** The state's name. */
  readonly name: string;
  /** Its `Resource`. */
  readonly resource: string;
  /** Its `Arguments` (JSONata) or `Parameters` (JSONPath). */
  readonly parameters: Record<string, unknown>;
}

interface Scope {
  readonly States?: Record<string, unknown>;
}

/** Every Task state of a definition, nested ones (Parallel branches, Map item processors) included. */
export function taskStates(definition: unknown, field = 'definition'): TaskState[] {
  const found: TaskState[] = [];
  const walk = (scope: Scope | undefined, at: string) => {
    if (!scope || typeof scope !== 'object' || !scope.States || typeof scope.States !== 'object') return;
    for (const [name, value] of Object.entries(scope.States)) {
      if (!value || typeof value !== 'object') continue;
      const state = value as Record<string, unknown>;
      const path = `${at}.States.${name}`;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const parameters = state.Arguments ?? state.Parameters;
        found.push({ field: path, name, resource: state.Resource, parameters: typeof parameters === 'object' && parameters !== null ? (parameters as Record<string, unknown>) : {} });
      }
      if (Array.isArray(state.Branches)) state.Branches.forEach((b, i) => walk(b as Scope, `${path}.Branches[${i}]`));
      if (state.ItemProcessor) walk(state.ItemProcessor as Scope, `${path}.ItemProcessor`);
      else if (state.Iterator) walk(state.Iterator as Scope, `${path}.Iterator`);
    }
  };
  walk(definition as Scope, field);
  return found;
}

/** True for a parameter value known only when the state runs: a `….$` path or a JSONata `{% … %}` expression. */
export function isDynamic(parameters: Record<string, unknown>, key: string): boolean {
  if (parameters[`${key}.$`] !== undefined) return true;
  const value = parameters[key];
  return typeof value === 'string' && !isToken(value) && value.trim().startsWith('{%');
}
