import { MeasureClause } from '../../../components/measure/MeasureClause';

/** The interest-subsidy workspace (placeholder until the measure's pages land). */
export function Workspace() {
  return <MeasureClause kind="interest-subsidy" defaultOpen />;
}
