/**
 * A TCP proxy on loopback that sits between a client and a server (here the
 * DynamoDB SDK and dynalite) and injects one fault per connection, to test what
 * a handler answers, and what it leaves written, when the network misbehaves.
 */
import { AddressInfo, Server, Socket, createConnection, createServer } from 'node:net';

/** What the proxy does to a connection. */
export type Fault =
  /** Relays both ways. */
  | 'none'
  /** Reads the request and never answers: an endpoint that accepts connections and hangs. */
  | 'stall'
  /** Forwards only the first bytes of the request, then drops both sides: the server never gets it whole. */
  | 'cut-request'
  /** Forwards the request whole, then drops the connection after the first bytes of the answer: the server acted, the client never learns. */
  | 'cut-response'
  /** Answers with HTTP 400 ProvisionedThroughputExceededException without asking the server. */
  | 'throttle'
  /** Answers with HTTP 500 InternalServerError without asking the server. */
  | 'server-error';

/** A running proxy; see {@link startFaultProxy}. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Fault of each new connection, in order; when empty, {@link fallback} applies. */
  readonly faults: Fault[];
  /** Fault of a connection when {@link faults} is empty. */
  fallback: Fault;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Destroys every open connection and stops listening. */
  close(): Promise<void>;
}

const CANNED: Partial<Record<Fault, { status: string; type: string }>> = {
  throttle: { status: '400 Bad Request', type: 'ProvisionedThroughputExceededException' },
  'server-error': { status: '500 Internal Server Error', type: 'InternalServerError' },
};

/** Starts a proxy on 127.0.0.1 (a free port) in front of `127.0.0.1:<upstreamPort>`. */
export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): Socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A destroyed peer shows up as ECONNRESET here; the test asserts what the client saw.
    socket.on('error', () => socket.destroy());
    return socket;
  };
  let accepted = 0;
  const proxy: FaultProxy = {
    endpoint: '',
    faults: [],
    fallback: 'none',
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    track(client);
    const fault = proxy.faults.shift() ?? proxy.fallback;
    const canned = CANNED[fault];
    if (fault === 'stall') {
      client.resume();
      return;
    }
    if (canned) {
      client.once('data', () => {
        const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${canned.type}`, message: `injected ${canned.type}` });
        client.end(`HTTP/1.1 ${canned.status}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      });
      return;
    }
    const upstream = track(createConnection({ host: '127.0.0.1', port: upstreamPort }));
    const dropBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    if (fault === 'cut-request') {
      client.once('data', (chunk: Buffer) => {
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)), dropBoth);
      });
      return;
    }
    client.pipe(upstream);
    if (fault === 'cut-response') {
      upstream.once('data', (chunk: Buffer) => {
        client.write(chunk.subarray(0, Math.min(12, chunk.length)), dropBoth);
      });
      return;
    }
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
