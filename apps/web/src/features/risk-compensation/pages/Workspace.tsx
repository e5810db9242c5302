import { MeasureClause } from '../../../components/measure/MeasureClause';

/** The risk-compensation workspace (placeholder until the measure's pages land). */
export function Workspace() {
  return <MeasureClause kind="risk-compensation" defaultOpen />;
}
