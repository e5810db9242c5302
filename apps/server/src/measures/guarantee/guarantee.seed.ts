import type { AppContext } from '../../platform/context';

/** Demo data of the guarantee measure, written once by seedDemo (placeholder until the measure lands). */
export async function seedGuaranteeDemo(_ctx: AppContext): Promise<void> {}
