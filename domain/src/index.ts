export * from './shared/message';
export * from './shared/errors';
export * from './shared/rules';
export * from './shared/calendar';
export * from './profiles/profile';
export * from './profiles/builtIn';
