export * from './projector';
export * from './runner';
