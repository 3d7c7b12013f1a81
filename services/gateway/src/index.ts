/** What other services reuse of the gateway's application layer (the write path and read-model helpers). */
export { execute, loadStream, type CommandOutcome, type WriteDeps } from './application/execute';
export { findCommunities, loadCalendars, type CommunityDoc } from './application/readModels';
