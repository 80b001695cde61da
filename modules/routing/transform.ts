import { evaluateJsonPath } from './json-path';

/** A placeholder's value: `found: false` when its path matched nothing in the event. */
export type PlaceholderValue =
  | {
      /** The path matched. */
      readonly found: true;
      /** What it matched. */
      readonly value: unknown;
    }
  | {
      /** The path matched nothing: the variable is left out of the output. */
      readonly found: false;
    };

/** Resolves a placeholder name; `undefined` when the name is not a variable (the text is kept as written). */
export type PlaceholderLookup = (name: string) => PlaceholderValue | undefined;

/** The text a template produced, and the variables whose path matched nothing. */
export interface RenderedTemplate {
  /** The text sent to the target. */
  readonly text: string;
  /** Variables (or paths) that matched nothing, so were left out of `text`. */
  readonly missing: readonly string[];
}

/**
 * Fills an input template the way EventBridge and Pipes do:
 * - a placeholder outside a JSON string gets the value as JSON (strings quoted);
 * - inside a JSON string, a string value is inserted as is, unescaped
 *   ("EventBridge does not escape values extracted by Input Path");
 * - a variable whose path matched nothing "isn't created and will not appear
 *   in the output": it is replaced by nothing;
 * - a template that is one JSON string literal delivers its text, unquoted;
 *   JSON output is minified.
 */
export function renderTemplate(template: string, lookup: PlaceholderLookup): RenderedTemplate {
  const missing: string[] = [];
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i + 1);
      const name = end > i ? template.slice(i + 1, end) : '';
      const resolved = name && !/[<\s]/.test(name) ? lookup(name) : undefined;
      if (resolved) {
        if (!resolved.found) missing.push(name);
        else out += inString && typeof resolved.value === 'string' ? resolved.value : JSON.stringify(resolved.value);
        i = end;
        continue;
      }
    }
    out += c;
  }
  return { text: finish(template, out), missing };
}

function finish(template: string, text: string): string {
  const trimmed = template.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string' && trimmed.startsWith('"') && trimmed.endsWith('"')) return parsed;
    return JSON.stringify(parsed);
  } catch {
    return text;
  }
}

/** What EventBridge's reserved `<aws.events.*>` variables read. */
export interface RuleContext {
  /** What `<aws.events.rule-arn>` reads. */
  readonly ruleArn: string;
  /** What `<aws.events.rule-name>` reads. */
  readonly ruleName: string;
}

/**
 * What a rule target receives: `input` as is, else the part of the event at
 * `input_path`, else the input transformer's output, else the whole event.
 */
export function eventBridgeTargetInput(
  event: Record<string, unknown>,
  target: {
    readonly input?: string;
    readonly inputPath?: string;
    readonly inputTransformer?: { readonly inputPaths: Record<string, string>; readonly inputTemplate: string };
  },
  rule: RuleContext,
): RenderedTemplate {
  if (target.input !== undefined) return { text: target.input, missing: [] };
  if (target.inputPath !== undefined) {
    const value = evaluateJsonPath(event, target.inputPath);
    return value === undefined ? { text: '', missing: [target.inputPath] } : { text: JSON.stringify(value), missing: [] };
  }
  if (!target.inputTransformer) return { text: JSON.stringify(event), missing: [] };
  const { inputPaths, inputTemplate } = target.inputTransformer;
  return renderTemplate(inputTemplate, (name) => {
    switch (name) {
      case 'aws.events.rule-arn':
        return { found: true, value: rule.ruleArn };
      case 'aws.events.rule-name':
        return { found: true, value: rule.ruleName };
      case 'aws.events.event.ingestion-time':
        return { found: true, value: event.time };
      case 'aws.events.event': {
        // The original event without its `detail` field.
        const { detail: _detail, ...rest } = event;
        return { found: true, value: rest };
      }
      case 'aws.events.event.json':
        return { found: true, value: event };
      default: {
        const path = inputPaths[name];
        if (path === undefined) return undefined;
        const value = evaluateJsonPath(event, path);
        return value === undefined ? { found: false } : { found: true, value };
      }
    }
  });
}

/** What Pipes' reserved `<aws.pipes.*>` variables read. */
export interface PipeContext {
  /** What `<aws.pipes.pipe-arn>` reads. */
  readonly pipeArn: string;
  /** What `<aws.pipes.pipe-name>` reads. */
  readonly pipeName: string;
  /** What `<aws.pipes.source-arn>` reads: the stream or queue ARN. */
  readonly sourceArn: string;
  /** What `<aws.pipes.target-arn>` reads. */
  readonly targetArn: string;
  /** What `<aws.pipes.enrichment-arn>` reads; without one, that variable matches nothing. */
  readonly enrichmentArn?: string;
  /** What `<aws.pipes.event.ingestion-time>` reads (ISO 8601). */
  readonly ingestionTime: string;
}

/** Fills a Pipes input template, whose placeholders are JSON paths (`<$.dynamodb.NewImage>`) or reserved variables. */
export function pipeTemplateInput(template: string, event: unknown, pipe: PipeContext): RenderedTemplate {
  return renderTemplate(template, (name) => {
    if (name.startsWith('$')) {
      const value = evaluateJsonPath(event, name);
      return value === undefined ? { found: false } : { found: true, value };
    }
    switch (name) {
      case 'aws.pipes.pipe-arn':
        return { found: true, value: pipe.pipeArn };
      case 'aws.pipes.pipe-name':
        return { found: true, value: pipe.pipeName };
      case 'aws.pipes.source-arn':
        return { found: true, value: pipe.sourceArn };
      case 'aws.pipes.target-arn':
        return { found: true, value: pipe.targetArn };
      case 'aws.pipes.enrichment-arn':
        return pipe.enrichmentArn === undefined ? { found: false } : { found: true, value: pipe.enrichmentArn };
      case 'aws.pipes.event.ingestion-time':
        return { found: true, value: pipe.ingestionTime };
      case 'aws.pipes.event':
      case 'aws.pipes.event.json':
        return { found: true, value: event };
      default:
        return undefined;
    }
  });
}

/**
 * A Pipes target parameter: a value that is a whole JSON path (`$.detail.type`)
 * is read from the event (before any input template: dynamic path parameters
 * "can't reference new or transformed values"); other values are static.
 */
export function pipeParameter(value: string | undefined, event: unknown): { value?: unknown; dynamic: boolean } {
  if (value === undefined || !value.startsWith('$.')) return { value, dynamic: false };
  return { value: evaluateJsonPath(event, value), dynamic: true };
}
