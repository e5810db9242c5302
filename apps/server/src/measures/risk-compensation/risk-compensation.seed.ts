import type { AppContext } from '../../platform/context';

/** Demo data of the risk-compensation measure, written once by seedDemo (placeholder until the measure lands). */
export async function seedRiskCompensationDemo(_ctx: AppContext): Promise<void> {}
