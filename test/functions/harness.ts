/**
 * What the orders-api tests share: dynalite in process (a real DynamoDB API, no
 * mock of the client, so conditional writes behave as on AWS), the table of
 * functions/README.md, HTTP API events, and captured log lines.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AttributeValue, CreateTableCommand, DescribeTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { handler } from '../../functions/orders-api/handler';

/** A running dynalite with a client to inspect it directly (not through the handler). */
export interface Dynalite {
  readonly endpoint: string;
  readonly port: number;
  readonly client: DynamoDBClient;
  /** Every item of `table`, read consistently. */
  scan(table: string): Promise<Record<string, AttributeValue>[]>;
  /** Creates a table keyed by `pk` (S), as functions/README.md documents, and waits until it is active. */
  createTable(table: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<Dynalite> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    endpoint,
    port,
    client,
    scan: async (table) => (await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [],
    createTable: async (table) => {
      await client.send(
        new CreateTableCommand({
          TableName: table,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      for (let i = 0; i < 50; i++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
        if (Table?.TableStatus === 'ACTIVE') return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      client.destroy();
      // The handler's own client keeps connections alive; close them with the server.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Points the handler at `endpoint` and `table`, with credentials that dynalite accepts. */
export function useTable(endpoint: string, table: string): void {
  Object.assign(process.env, { TABLE_NAME: table, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  delete process.env.AWS_PROFILE;
}

/**
 * Starts dynalite with the orders table `table` before the file's tests and
 * points the handler at it; stops it after them. Returns a getter for it.
 */
export function withOrdersTable(table: string): () => Dynalite {
  let db: Dynalite | undefined;
  beforeAll(async () => {
    db = await startDynalite();
    useTable(db.endpoint, table);
    await db.createTable(table);
  });
  afterAll(async () => db?.close());
  return () => db!;
}

/** A request as a test writes it. */
export interface Call {
  body?: unknown;
  /** The body as sent, when it must not be valid JSON or must hold what JSON.stringify would escape. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** An HTTP API payload format 2.0 event, trimmed to what a $default-stage request carries. */
export function httpEvent(method: string, path: string, call: Call = {}): APIGatewayProxyEventV2 {
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...call.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api1234567',
      domainName: 'api1234567.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'api1234567',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2025:12:00:00 +0000',
      timeEpoch: 1763899200000,
    },
    body,
    isBase64Encoded: false,
  };
}

/** The handler's answer, with the body parsed and its size in bytes. */
export interface Answer {
  status: number;
  body: any;
  bytes: number;
  headers: Record<string, unknown>;
}

export async function call(method: string, path: string, options?: Call): Promise<Answer> {
  const result = (await handler(httpEvent(method, path, options))) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode ?? 0,
    body: result.body ? JSON.parse(result.body) : undefined,
    bytes: Buffer.byteLength(result.body ?? ''),
    headers: result.headers ?? {},
  };
}

let keyCounter = 0;

/** A fresh Idempotency-Key. */
export function newKey(): string {
  keyCounter += 1;
  return `key-${keyCounter}-${Date.now()}`;
}

/** A valid POST /orders body: 2 × 19.99 + 3 × 0.1 EUR. */
export const validOrder = {
  customerId: 'cust-42',
  items: [
    { sku: 'BOOK-1', quantity: 2, unitPrice: 19.99 },
    { sku: 'PEN-7', quantity: 3, unitPrice: 0.1 },
  ],
  currency: 'EUR',
  notifications: { optIn: true },
};
