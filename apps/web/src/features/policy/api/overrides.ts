// Which recorded adjustment of a parameter is in force today, which are still to come and which
// were replaced, by the domain's rule (resolveParameter): the latest effectiveFrom on or before the
// day wins; of two with the same date the one recorded later wins. Pure.

/** An adjustment as GET /api/policy/preset lists it (oldest first); measure null = the epidemic period's end. */
export interface OverrideView {
  measure: string | null;
  key: string;
  value: unknown;
  effectiveFrom: string;
  reason: string;
}

export type OverrideStatus = 'inForce' | 'pending' | 'superseded';

/** The status of each adjustment (same order as given) on `today` (YYYY-MM-DD). */
export function overrideStatuses(overrides: readonly OverrideView[], today: string): OverrideStatus[] {
  const inForce = new Map<string, number>();
  overrides.forEach((o, i) => {
    if (o.effectiveFrom > today) return;
    const k = `${o.measure ?? ''}/${o.key}`;
    const best = inForce.get(k);
    if (best === undefined || o.effectiveFrom >= overrides[best]!.effectiveFrom) inForce.set(k, i);
  });
  const winners = new Set(inForce.values());
  return overrides.map((o, i) => (o.effectiveFrom > today ? 'pending' : winners.has(i) ? 'inForce' : 'superseded'));
}

/** The adjustments of one parameter: the one in force today (if any) and those still to come, soonest first. */
export function adjustmentsOf(overrides: readonly OverrideView[], measure: string | null, key: string, today: string): { current?: OverrideView; upcoming: OverrideView[] } {
  const statuses = overrideStatuses(overrides, today);
  let current: OverrideView | undefined;
  const upcoming: OverrideView[] = [];
  overrides.forEach((o, i) => {
    if (o.measure !== measure || o.key !== key) return;
    if (statuses[i] === 'inForce') current = o;
    else if (statuses[i] === 'pending') upcoming.push(o);
  });
  upcoming.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return current ? { current, upcoming } : { upcoming };
}
