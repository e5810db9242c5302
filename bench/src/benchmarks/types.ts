import type { Comparison } from '../harness';
import type { RunContext } from '../servers';

export interface Benchmark {
  /** The name given on the command line: `npm run bench -- <name>`. */
  name: string;
  /** One line: what the platform side does and what it is compared with. */
  summary: string;
  run(ctx: RunContext): Promise<Comparison>;
}
