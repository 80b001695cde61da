import { PolicyStatement } from '../core/policy';
import { isToken, PropsValidator } from '../core/validation';
import type { PipeSource } from '../core/pipe-to-bus';
import type { RecordReadCheck } from '../core/stream-reading';

/**
 * What is DynamoDB's in a reader of a table's stream: the view type and the
 * images it writes, the statements that read the stream, and the table's
 * stream as a pipe source.
 */

/** What a DynamoDB stream record holds besides the keys (the table's `StreamViewType`). */
export type StreamViewType = 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY';

/** What a reader needs to know of the table. */
export interface StreamSource {
  /** The table name as given in props (for default names). */
  readonly tableName: string;
  readonly tableArn: string;
  readonly streamArn: string;
  readonly streamViewType: StreamViewType;
  /** The table's customer-managed key, when one encrypts it (and so its stream). */
  readonly kmsKeyArn?: string;
  readonly tags?: Record<string, string>;
}

/** The stream images (`NewImage`, `OldImage`) a filter pattern (by its keys) or a JSON path / input template (by its `$.dynamodb.…` paths) reads. */
function imagesRead(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!isToken(v)) for (const m of v.matchAll(/\$\.dynamodb\.(NewImage|OldImage)\b/g)) found.add(m[1]);
    } else if (Array.isArray(v)) {
      v.forEach((item) => typeof item === 'object' && visit(item));
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'NewImage' || key === 'OldImage') found.add(key);
        if (typeof child === 'object') visit(child);
      }
    }
  };
  visit(value);
  return found;
}

/** Refuses reading `NewImage`/`OldImage` from a stream whose view type does not write it: it would never be there. */
export function checkImagesRead(v: PropsValidator, field: string, value: unknown, viewType: StreamViewType): void {
  const written = { NewImage: viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES', OldImage: viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES' };
  for (const image of imagesRead(value)) {
    v.check(
      written[image as keyof typeof written],
      field,
      value,
      `reads dynamodb.${image}, which the table's stream (view type ${viewType}) does not write: use a view type with ${image === 'NewImage' ? 'NEW_IMAGE' : 'OLD_IMAGE'} (e.g. NEW_AND_OLD_IMAGES)`,
    );
  }
}

/** The check of what a reader of a stream with this view type may read. */
export function imagesReadCheck(viewType: StreamViewType): RecordReadCheck {
  return (v, field, value) => checkImagesRead(v, field, value, viewType);
}

/** Statements that let a principal read the table's stream (and decrypt it, with a customer-managed key). */
export function streamReadStatements(source: Pick<StreamSource, 'tableArn' | 'streamArn' | 'kmsKeyArn'>): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReadTableStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: source.streamArn,
    },
    // ListStreams names no stream; AWS's own examples scope it to the table's streams.
    { Sid: 'ListTableStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: `${source.tableArn}/stream/*` },
  ];
  if (source.kmsKeyArn) {
    statements.push({ Sid: 'DecryptTableStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.kmsKeyArn });
  }
  return statements;
}

/** A table's stream as a pipe source. */
export function tablePipeSource(source: StreamSource): PipeSource {
  return {
    noun: 'table',
    name: source.tableName,
    arn: source.streamArn,
    readStatements: streamReadStatements(source),
    description: `Changes of DynamoDB table ${source.tableName}`,
    parametersBlock: 'dynamodbStreamParameters',
    examples: { source: '$.dynamodb.NewImage.source.S', detailType: '$.dynamodb.NewImage.eventType.S' },
    checkRead: imagesReadCheck(source.streamViewType),
    tags: source.tags,
  };
}
