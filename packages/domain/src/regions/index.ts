// Shandong administrative divisions.
export * from './regions';
