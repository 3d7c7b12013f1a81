/** Every resolver of the gateway. Add a resolver class here to put it into the schema. */
import { CommunityResolver } from './community.resolver';
import { HistoryResolver } from './history.resolver';
import { SystemResolver } from './system.resolver';

export const RESOLVERS = [SystemResolver, HistoryResolver, CommunityResolver] as const;
