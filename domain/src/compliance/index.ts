export * from './compliance';
