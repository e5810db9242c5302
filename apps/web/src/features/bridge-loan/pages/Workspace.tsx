import { MeasureClause } from '../../../components/measure/MeasureClause';

/** The bridge-loan workspace (placeholder until the measure's pages land). */
export function Workspace() {
  return <MeasureClause kind="bridge-loan" defaultOpen />;
}
