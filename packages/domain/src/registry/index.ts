// The enterprise registry: official list kinds, import templates and row rules, size from a profile.
export * from './list-kinds';
export * from './import-columns';
export * from './import-rows';
export * from './enterprise-size';
