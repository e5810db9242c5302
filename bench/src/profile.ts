// Reads a V8 CPU profile (.cpuprofile, from the harness or `node --cpu-prof`) and says where the
// time went: self time by function and by package or source folder, and inclusive time of the
// functions on the stack, so a finding can name the code and its share.

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  /** Share of all sampled time, idle included. */
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  /** Self time by package (node_modules/<pkg>), source folder, node internals or V8 category. */
  byArea: Share[];
  /** Self time by function. */
  selfTop: Share[];
  /** Time with the function anywhere on the stack (counted once per sample); packages and our code only. */
  inclusiveTop: Share[];
}

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** Summarises a profile; `top` limits each list. */
export function summariseProfile(profile: CpuProfile, top = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map(profile.nodes.map((n) => [n.id, functionKey(n.callFrame)]));
  const areaOf = new Map(profile.nodes.map((n) => [n.id, area(n.callFrame)]));

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one; the last gets the mean interval.
    const us = i + 1 < timeDeltas.length ? timeDeltas[i + 1]! : (profile.endTime - profile.startTime) / samples.length;
    const id = samples[i]!;
    total += us;
    const key = keyOf.get(id)!;
    if (key.startsWith('(idle)')) idle += us;
    self.set(key, (self.get(key) ?? 0) + us);
    const a = areaOf.get(id)!;
    areas.set(a, (areas.get(a) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf.get(n)!;
      // Only code one can change: packages and our own sources (Node's event loop frames would
      // otherwise top the list with ~100%).
      if (seen.has(k) || !isOwnOrPackageCode(byId.get(n)!.callFrame.url)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const list = (m: Map<string, number>, limit: number): Share[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    byArea: list(areas, top),
    selfTop: list(self, top),
    inclusiveTop: list(inclusive, top),
  };
}

/** The summary as text, one list after another. */
export function formatProfileSummary(s: ProfileSummary, indent = ''): string {
  const lines = [`${indent}sampled ${s.totalMs} ms, idle ${s.idleMs} ms (${((s.idleMs / s.totalMs) * 100).toFixed(1)}%)`];
  const section = (title: string, shares: Share[], limit: number) => {
    lines.push(`${indent}${title}`);
    for (const x of shares.slice(0, limit)) lines.push(`${indent}  ${x.percent.toFixed(1).padStart(5)}%  ${String(x.ms).padStart(6)} ms  ${x.name}`);
  };
  section('self time by area:', s.byArea, 20);
  section('self time by function:', s.selfTop, 25);
  section('inclusive time (function on the stack; packages and our code):', s.inclusiveTop, 30);
  return lines.join('\n');
}

function isOwnOrPackageCode(url: string): boolean {
  return url.includes('/node_modules/') || /\/(apps|packages|bench)\//.test(url);
}

function functionKey(f: CpuProfile['nodes'][number]['callFrame']): string {
  if (SPECIAL.has(f.functionName)) return f.functionName;
  const where = shortUrl(f.url);
  // tsx-compiled sources report line 1 for everything; a line number is shown only when known.
  const line = f.lineNumber > 0 ? `:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${where ? `  ${where}${line}` : '  (native)'}`;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 1);
  const src = url.search(/\/(apps|packages|bench)\//);
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function area(f: CpuProfile['nodes'][number]['callFrame']): string {
  if (SPECIAL.has(f.functionName)) return f.functionName;
  const { url } = f;
  if (!url) return '(native: V8 builtins, JSON, RegExp, crypto bindings)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/');
    return `node:${parts.slice(0, parts[0] === 'internal' ? 2 : 1).join('/')}`;
  }
  const server = /\/apps\/server\/src\/(.+)$/.exec(url);
  if (server) {
    const parts = server[1]!.split('/');
    return `apps/server/src/${parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]}`;
  }
  const domain = /\/packages\/domain\/src\/(.+)$/.exec(url);
  if (domain) return `packages/domain/src/${domain[1]!.split('/')[0]}`;
  const bench = /\/bench\/src\//.exec(url);
  if (bench) return 'bench';
  return url;
}

/**
 * Where the time under a function goes: for every sample with a frame named `functionName` on
 * its stack, the time is given to the frame directly below it (its callee), or to the function
 * itself when it was on top. Answers "of loadSession's time, how much is building the query?".
 */
export function breakdownUnder(profile: CpuProfile, functionName: string, top = 20): { totalMs: number; underMs: number; callees: Share[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callees = new Map<string, number>();
  let total = 0;
  let under = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const us = i + 1 < timeDeltas.length ? timeDeltas[i + 1]! : (profile.endTime - profile.startTime) / samples.length;
    total += us;
    // Walk up from the leaf; remember the frame just below the outermost match.
    let below: number | undefined;
    let hit: number | undefined;
    let child: number | undefined;
    for (let n: number | undefined = samples[i]; n !== undefined; child = n, n = parent.get(n)) {
      if (byId.get(n)!.callFrame.functionName === functionName) {
        hit = n;
        below = child;
      }
    }
    if (hit === undefined) continue;
    under += us;
    const key = below === undefined ? `(self) ${functionKey(byId.get(hit)!.callFrame)}` : functionKey(byId.get(below)!.callFrame);
    callees.set(key, (callees.get(key) ?? 0) + us);
  }
  return {
    totalMs: Math.round(total / 1000),
    underMs: Math.round(under / 1000),
    callees: [...callees.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 })),
  };
}
