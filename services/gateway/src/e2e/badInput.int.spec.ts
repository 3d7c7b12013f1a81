/**
 * Every mutation, fed malformed input, answers BAD_USER_INPUT and appends nothing. The
 * mutations and their input types are read from the schema itself, so a new mutation is
 * covered the day it is added.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { buildGatewaySchema } from '../schema';
import { startHarness, type Harness } from '../testing/harness';

/** A value of the right GraphQL type that breaks every validation: empty strings, negative numbers, empty lists. */
const malformed = (type: GraphQLInputType): unknown => {
  if (isNonNullType(type)) return malformed(type.ofType);
  if (isListType(type)) return [];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, malformed(f.type)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return -1;
      case 'Boolean':
        return false;
      default:
        return '';
    }
  }
  return null;
};

const mutationsOf = (schema: GraphQLSchema) => Object.values(schema.getMutationType()?.getFields() ?? {});

describe('bad input on every mutation', () => {
  let h: Harness;
  let schema: GraphQLSchema;
  let token: string;

  beforeAll(async () => {
    h = await startHarness();
    schema = await buildGatewaySchema();
    token = await h.token('head', 'departmentHead', 'district-1');
  });
  afterAll(() => h.close());

  it('covers every mutation of the schema', () => {
    expect(mutationsOf(schema).length).toBeGreaterThanOrEqual(29);
  });

  it('answers BAD_USER_INPUT for missing and for malformed fields, appending nothing', async () => {
    const head = async (): Promise<string> => (await h.request<{ headPosition: string }>('{ headPosition }', {}, token)).data!.headPosition;
    const before = await head();
    const failures: string[] = [];
    for (const mutation of mutationsOf(schema)) {
      const arg = mutation.args.find((a) => a.name === 'input');
      if (!arg) {
        failures.push(`${mutation.name} has no input argument`);
        continue;
      }
      const typeName = getNamedType(arg.type).name;
      const query = `mutation($input: ${typeName}!) { ${mutation.name}(input: $input) { streamId } }`;
      for (const [label, input] of [
        ['missing fields', {}],
        ['malformed fields', malformed(arg.type)],
      ] as const) {
        const response = await h.request(query, { input }, token);
        const code = response.errors?.[0]?.extensions?.code;
        if (code !== 'BAD_USER_INPUT') failures.push(`${mutation.name} (${label}): ${code ?? 'accepted'} ${response.errors?.[0]?.message ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await head()).toBe(before);
  });
});
