export * from './stores';
export * from './health';
export * from './service';
