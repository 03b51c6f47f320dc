export * from './templates';
export * from './describe';
export * from './helpers';
