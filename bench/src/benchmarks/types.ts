import type { Comparison } from '../harness';
import type { RunContext } from '../servers';

export interface Benchmark {
  /** The name given on the command line: `npm run bench -- <name>`. */
  name: string;
  /** One line: what the platform side does and what it is compared with. */
  summary: string;
  /**
   * Connections its target is stated at (issue 5: "p99 under 50 ms at 100 connections"), used
   * unless BENCH_CONNECTIONS is set; else the harness's default.
   */
  connections?: number;
  /** Whether it can load the platform at another commit in turn with this one's (`--against`). */
  against?: boolean;
  run(ctx: RunContext): Promise<Comparison>;
}
