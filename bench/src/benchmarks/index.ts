import { authRead } from './auth-read';
import { claimSubmit } from './claim-submit';
import { openingBurst } from './opening-burst';
import { guaranteeFile } from './guarantee-file';
import './interest-subsidy-burst';
import type { Benchmark } from './types';

/** Every benchmark, in the order `npm run bench` runs them. Later ones: claim-submit, opening-burst. */
export const benchmarks: Benchmark[] = [authRead, guaranteeFile, claimSubmit, openingBurst];

export type { Benchmark };
