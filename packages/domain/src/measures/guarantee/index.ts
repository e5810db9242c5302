// The guarantee measure (融资担保, 鲁工信发〔2020〕1号 第四条): contracts, rules and the extension
// workflow. Export names carry the measure's prefix.
export * from './contract';
export * from './rules';
export * from './workflow';
