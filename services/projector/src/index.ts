export * from './projector';
export * from './runner';
export * from './leased';
export * from './lease';
