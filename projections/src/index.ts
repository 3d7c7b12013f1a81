export * from './projection';
export * from './apply';
export * from './streamViews/streamViews';
export * from './activity/activity';
export * from './compliance/compliance';
export * from './compliance/evaluate';
export * from './compliance/breaches';
export * from './metrics/metrics';
export * from './metrics/rollup';
export * from './roster/roster';

import { activity } from './activity/activity';
import { compliance } from './compliance/compliance';
import { roster } from './roster/roster';
import type { Projection } from './projection';
import { streamViews } from './streamViews/streamViews';

/** Every projection the projector runs. */
export const PROJECTIONS: readonly Projection[] = [streamViews, activity, compliance, roster];
