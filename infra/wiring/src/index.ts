export * from './stores';
export * from './health';
