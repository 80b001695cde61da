import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * How long one DynamoDB call may take. DynamoDB answers in milliseconds; these
 * bounds turn an endpoint that accepts connections and never answers into an
 * error within about 3 s (2 attempts × 1.5 s), well inside the functions'
 * timeouts, instead of the SDK's default of waiting forever. `throwOnRequestTimeout`
 * is needed because this SDK's `requestTimeout` otherwise only logs a warning.
 */
export const DYNAMODB_CLIENT_LIMITS = {
  /** Milliseconds to establish the TCP connection. */
  connectionTimeoutMs: 1_000,
  /** Milliseconds from sending a request to its response. */
  requestTimeoutMs: 1_500,
  /** Attempts per call, the first included (the SDK's default is 3). */
  maxAttempts: 2,
} as const;

const cache = new Map<string, { client: DynamoDBClient; documents: DynamoDBDocumentClient }>();

/**
 * A document client with {@link DYNAMODB_CLIENT_LIMITS}, for the endpoint
 * `DYNAMODB_ENDPOINT` when set (tests, DynamoDB Local; never set on AWS). Made
 * once per execution environment and reused across invocations to keep
 * connections warm; a changed endpoint replaces it and closes the old one's connections.
 */
export function documentClientFromEnvironment(env: NodeJS.ProcessEnv = process.env): DynamoDBDocumentClient {
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  const key = endpoint ?? '';
  let entry = cache.get(key);
  if (!entry) {
    for (const old of cache.values()) old.client.destroy();
    cache.clear();
    const client = new DynamoDBClient({
      endpoint,
      maxAttempts: DYNAMODB_CLIENT_LIMITS.maxAttempts,
      requestHandler: {
        connectionTimeout: DYNAMODB_CLIENT_LIMITS.connectionTimeoutMs,
        requestTimeout: DYNAMODB_CLIENT_LIMITS.requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
    });
    entry = { client, documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
    cache.set(key, entry);
  }
  return entry.documents;
}

/** True when a conditional write or update failed its condition. */
export function isConditionFailure(error: unknown): boolean {
  // Compare by name: the class identity differs when two copies of the SDK are loaded.
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
}
