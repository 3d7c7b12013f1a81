/** `npm run schema`: regenerates schema/schema.graphql from the resolvers and types. */
import 'reflect-metadata';
import { buildGatewaySchema, SCHEMA_FILE } from './schema';

void buildGatewaySchema(true).then(() => console.log(`wrote ${SCHEMA_FILE}`));
