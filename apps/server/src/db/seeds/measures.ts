import { seedBridgeLoanDemo } from '../../measures/bridge-loan/bridge-loan.seed';
import { seedGuaranteeDemo } from '../../measures/guarantee/guarantee.seed';
import { seedInterestSubsidyDemo } from '../../measures/interest-subsidy/interest-subsidy.seed';
import { seedRiskCompensationDemo } from '../../measures/risk-compensation/risk-compensation.seed';
import type { AppContext } from '../../platform/context';

/** Each measure's demo data (cases in every state, one overdue), after the accounts exist. */
export async function seedMeasureDemos(ctx: AppContext): Promise<void> {
  await seedRiskCompensationDemo(ctx);
  await seedGuaranteeDemo(ctx);
  await seedBridgeLoanDemo(ctx);
  await seedInterestSubsidyDemo(ctx);
}
