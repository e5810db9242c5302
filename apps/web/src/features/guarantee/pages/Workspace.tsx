import { MeasureClause } from '../../../components/measure/MeasureClause';

/** The guarantee workspace (placeholder until the measure's pages land). */
export function Workspace() {
  return <MeasureClause kind="guarantee" defaultOpen />;
}
