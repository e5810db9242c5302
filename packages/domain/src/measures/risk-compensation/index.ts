// The risk-compensation measure's contracts, rules and workflow. Export names carry the measure's prefix.
export * from './contract';
export * from './rules';
export * from './workflow';
