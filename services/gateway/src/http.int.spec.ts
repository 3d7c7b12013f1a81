/**
 * The HTTP front over a real socket: concurrent requests for one cacheable answer share
 * one execution, while other requests, and answers that may not be shared, execute alone.
 * The Apollo server is a stand-in that counts executions and answers after a delay, so the
 * requests overlap for certain.
 */
import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { createServer, graphqlHandler, listen, type ResponseCache } from './http';

const countingApollo = (answer: (body: { query: string }) => string) => {
  const executed: string[] = [];
  const apollo = {
    async executeHTTPGraphQLRequest({ httpGraphQLRequest }: { httpGraphQLRequest: { body: { query: string } } }) {
      executed.push(httpGraphQLRequest.body.query);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { status: 200, headers: new HeaderMap(), body: { kind: 'complete', string: answer(httpGraphQLRequest.body) } };
    },
  } as unknown as ApolloServer<BaseContext>;
  return { apollo, executed };
};

/** Keys every request by its body; holds nothing, so only sharing can spare an execution. */
const noHits: ResponseCache = {
  keyFor: async (_req: IncomingMessage, raw: string) => raw,
  get: () => undefined,
  set: () => undefined,
};

describe('graphqlHandler', () => {
  const serve = async (apollo: ApolloServer<BaseContext>) => {
    const server = createServer(graphqlHandler(apollo, async () => ({}), noHits));
    const port = await listen(server, '127.0.0.1', 0);
    const post = async (query: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return { status: response.status, body: await response.text() };
    };
    return { post, close: () => new Promise((resolve) => server.close(resolve)) };
  };

  it('executes concurrent identical cacheable requests once, and answers them all alike', async () => {
    const { apollo, executed } = countingApollo((body) => JSON.stringify({ data: { echo: body.query } }));
    const server = await serve(apollo);
    try {
      const answers = await Promise.all([...Array.from({ length: 8 }, () => server.post('{ a }')), server.post('{ b }')]);
      expect(answers.map((a) => a.status)).toEqual(Array(9).fill(200));
      expect(answers.slice(0, 8).map((a) => a.body)).toEqual(Array(8).fill('{"data":{"echo":"{ a }"}}'));
      expect(answers[8]?.body).toBe('{"data":{"echo":"{ b }"}}');
      expect(executed.sort()).toEqual(['{ a }', '{ b }']);
      // Once answered, the next request executes again (holding answers is the cache's job).
      await server.post('{ a }');
      expect(executed.filter((q) => q === '{ a }')).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('never shares an answer with errors: each waiting request executes by itself', async () => {
    const { apollo, executed } = countingApollo(() => JSON.stringify({ errors: [{ message: 'not yet', extensions: { code: 'CONSISTENCY_TIMEOUT' } }] }));
    const server = await serve(apollo);
    try {
      const answers = await Promise.all(Array.from({ length: 3 }, () => server.post('{ a }')));
      expect(answers.every((a) => a.body.includes('CONSISTENCY_TIMEOUT'))).toBe(true);
      expect(executed).toHaveLength(3);
    } finally {
      await server.close();
    }
  });
});
