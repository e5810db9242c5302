// Identifiers of the parties the platform deals with.
export * from './uscc';
