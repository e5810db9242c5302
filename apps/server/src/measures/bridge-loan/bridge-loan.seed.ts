import type { AppContext } from '../../platform/context';

/** Demo data of the bridge-loan measure, written once by seedDemo (placeholder until the measure lands). */
export async function seedBridgeLoanDemo(_ctx: AppContext): Promise<void> {}
