export * from './common';
export * from './platform';
export * from './registration';
export * from './cases';
export * from './registry';
