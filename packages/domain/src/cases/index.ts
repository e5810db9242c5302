export * from './workflow';
export * from './deadline';
export * from './engine-rules';
