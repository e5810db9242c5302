// Each measure's rules, contracts and workflow. Names carry the measure's prefix
// (riskCompensationWorkflow, …) so the package index has no collisions.
export * from './risk-compensation/index';
export * from './guarantee/index';
export * from './bridge-loan/index';
export * from './interest-subsidy/index';
