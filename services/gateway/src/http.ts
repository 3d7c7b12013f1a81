/**
 * A thin node:http front for Apollo Server: `/graphql` and a `/healthz` probe for
 * orchestrators. (Apollo's standalone server has no room for the probe.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

const MAX_BODY_BYTES = 1_000_000;

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const parseBody = (raw: string, contentType: string | undefined): unknown => {
  if (!raw) return undefined;
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  return raw;
};

const toHeaderMap = (req: IncomingMessage): HeaderMap => {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
};

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const badRequest = (res: ServerResponse, error: unknown): void =>
  sendJson(res, 400, { errors: [{ message: `Bad request: ${(error as Error).message}`, extensions: { code: 'BAD_REQUEST' } }] });

/** Answers repeated read-only requests without executing them again (see responseCache.ts). */
export interface ResponseCache {
  /** The key of a cacheable request, from its raw body; null when it must be executed. */
  keyFor(req: IncomingMessage, raw: string): Promise<string | null>;
  get(key: string): string | undefined;
  set(key: string, response: string): void;
}

export const graphqlHandler = <C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
  cache?: ResponseCache,
): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) => {
  /**
   * Cacheable requests being executed, by key: the same request arriving meanwhile waits for
   * that answer instead of executing again. Once a write moves the positions, every request
   * in flight misses the cache at once (64 clients: 64 executions of one dashboard).
   * Resolves to the answer, or null when it was not one to share (the waiter executes).
   */
  const executing = new Map<string, Promise<string | null>>();
  const sendCached = (res: ServerResponse, body: string): void => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
    let raw: string;
    let body: unknown;
    try {
      raw = await readBody(req);
    } catch (error) {
      return badRequest(res, error);
    }
    const key = cache ? await cache.keyFor(req, raw) : null;
    const hit = key ? cache?.get(key) : undefined;
    if (hit !== undefined) return sendCached(res, hit);
    const running = key ? executing.get(key) : undefined;
    const shared = running ? await running : null;
    if (shared !== null) return sendCached(res, shared);
    let share: (answer: string | null) => void = () => undefined;
    if (key && !running) executing.set(key, new Promise((resolve) => (share = resolve)));
    try {
      try {
        body = parseBody(raw, req.headers['content-type']);
      } catch (error) {
        return badRequest(res, error);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
        context: () => context(req),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        // Only clean answers are kept: an error may depend on time (e.g. CONSISTENCY_TIMEOUT).
        if (key && res.statusCode === 200 && !response.body.string.includes('"errors"')) {
          cache?.set(key, response.body.string);
          share(response.body.string);
        }
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } finally {
      share(null);
      if (key && !running) executing.delete(key);
    }
  };
};

export const listen = (server: Server, host: string, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

export { createServer };
