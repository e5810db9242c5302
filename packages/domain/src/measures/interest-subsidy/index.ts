// The interest-subsidy measure's contracts, rules and workflow (placeholder until the measure lands). Export names carry the measure's prefix.
export {};
