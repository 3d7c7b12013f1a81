import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema, SCHEMA_FILE } from './schema';

describe('schema/schema.graphql', () => {
  it('is the schema the resolvers build (run `npm run schema` when this fails)', async () => {
    const built = printSchema(lexicographicSortSchema(await buildGatewaySchema()));
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // type-graphql prefixes the emitted file with a header comment; compare the SDL only.
    const sdl = committed.replace(/^(#.*\n)+\n?/, '');
    expect(sdl.trim()).toBe(built.trim());
  });
});
