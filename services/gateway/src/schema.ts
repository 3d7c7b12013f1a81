/** The executable schema: every resolver of the gateway, built once at start. */
import 'reflect-metadata';
import path from 'node:path';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { RESOLVERS } from './resolvers';

/** Where the generated SDL is committed; a test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/schema.graphql');

export const buildGatewaySchema = (emit = false): Promise<GraphQLSchema> =>
  buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: emit ? { path: SCHEMA_FILE, sortedSchema: true } : false,
  });
