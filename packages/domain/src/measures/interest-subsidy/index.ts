// 贷款贴息 (鲁工信发〔2020〕1号 第五条): contracts, rules and workflows. Export names carry the measure's prefix.
export * from './contract';
export * from './rules';
export * from './workflow';
