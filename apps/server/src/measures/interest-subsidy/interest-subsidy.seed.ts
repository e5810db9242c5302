import type { AppContext } from '../../platform/context';

/** Demo data of the interest-subsidy measure, written once by seedDemo (placeholder until the measure lands). */
export async function seedInterestSubsidyDemo(_ctx: AppContext): Promise<void> {}
