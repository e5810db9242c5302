// The domain package: the policy's rules as pure functions and data. No I/O here (lint-enforced).
export * from './money';
export * from './calendar/index';
export * from './identifiers/index';
export * from './regions/index';
export * from './enterprise/index';
export * from './policy/index';
export * from './cases/index';
export * from './access/index';
export * from './contracts/index';
export * from './registry/index';
export * from './measures/index';
