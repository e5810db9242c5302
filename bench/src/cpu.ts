// CPU time spent per response, beside the throughput. On these shared 2-core machines req/s moves
// by ±30% with whatever else runs, while the CPU a request costs the server and the database
// stays close from run to run: it is what shows a change's effect when the rates are noise.
// Read from /proc (Linux); elsewhere the figures are left out.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (getconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  /** user + system time, ms */
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is the state (field 3 of stat): ppid is field 4, utime 14 and stime 15.
    return {
      pid,
      ppid: Number(fields[1]),
      name: text.slice(text.indexOf('(') + 1, close),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function allProcesses(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map((e) => readStat(Number(e))).filter((s): s is ProcStat => s !== null);
}

/** CPU used so far, ms, by process id: the server under test, the local PostgreSQL, this process. */
export interface CpuSample {
  /** The server under test and every process under it (`WORKERS`). */
  server: Map<number, number>;
  /** Every local `postgres` process, when the server under test uses a local PostgreSQL. */
  database: Map<number, number> | null;
  /** This process: the load generator (autocannon runs in it). */
  loadGenerator: number;
}

/** What the server `pid` with its descendants, the local PostgreSQL and this process have used so far. */
export function sampleCpu(pid: number, withDatabase: boolean): CpuSample | null {
  const all = allProcesses();
  if (all.length === 0) return null;
  const tree = new Set([pid]);
  // Parents come before children in /proc's order often but not always: repeat until none is added.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const own = process.cpuUsage();
  const byPid = (keep: (p: ProcStat) => boolean) => new Map(all.filter(keep).map((p) => [p.pid, p.cpuMs]));
  return {
    server: byPid((p) => tree.has(p.pid)),
    database: withDatabase ? byPid((p) => p.name === 'postgres') : null,
    loadGenerator: (own.user + own.system) / 1000,
  };
}

/** CPU per response between two samples, µs. */
export interface CpuPerResponse {
  server: number;
  database?: number;
  loadGenerator: number;
}

/**
 * What each side spent between the samples divided by the responses, µs. A process is counted by
 * its own difference; one that started in between (a database connection) with all it used; one
 * that ended in between is left out, its last part unknown.
 */
export function cpuPerResponse(before: CpuSample, after: CpuSample, responses: number): CpuPerResponse {
  const spent = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((s, [pid, ms]) => s + ms - (a.get(pid) ?? 0), 0);
  const per = (ms: number) => Math.round((ms * 1000) / Math.max(responses, 1));
  return {
    server: per(spent(before.server, after.server)),
    ...(before.database && after.database ? { database: per(spent(before.database, after.database)) } : {}),
    loadGenerator: per(after.loadGenerator - before.loadGenerator),
  };
}
