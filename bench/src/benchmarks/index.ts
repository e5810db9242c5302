import { authRead } from './auth-read';
import type { Benchmark } from './types';

/** Every benchmark, in the order `npm run bench` runs them. Later ones: claim-submit, opening-burst. */
export const benchmarks: Benchmark[] = [authRead];

export type { Benchmark };
