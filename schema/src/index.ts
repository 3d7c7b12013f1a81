export * from './common.type';
export * from './enums';
export * from './community/community.input';
export * from './community/community.type';
