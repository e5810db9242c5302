// The bridge-loan measure (应急转贷, 鲁工信发〔2020〕1号 第二条): contracts, rules and workflow.
// Export names carry the measure's prefix.
export * from './contract';
export * from './rules';
export * from './workflow';
