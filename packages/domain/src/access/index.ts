export * from './organisation-kinds';
export * from './roles';
export * from './permissions';
export * from './password-policy';
