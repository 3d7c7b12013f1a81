export * from './projector';
export * from './runner';
export * from './rebuild';
export * from './leased';
export * from './lease';
