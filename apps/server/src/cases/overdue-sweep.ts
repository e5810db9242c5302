import { formatDateZh } from '@relief/domain';
import { SYSTEM_ACTOR } from '../platform/audit';
import { type AppContext, inTransaction } from '../platform/context';
import { acquireLease, INSTANCE_ID } from '../platform/jobs';
import { type Delivery, deliver, type Notice, notifyOrganisation } from '../platform/notify';
import { getWorkflow } from './registry';

export const SWEEP_LEASE = 'overdue-sweep';

/**
 * Marks steps whose deadline (24:00 Asia/Shanghai of the due day) has passed: records an
 * `overdue` event, notifies the holder and escalates to the holder's parent organisation (督办).
 * Runs only while holding the sweep lease; each case is claimed by a conditional update, so even
 * two sweeps at once mark each case once. Held and closed cases are skipped. Returns the count.
 */
export async function sweepOverdue(ctx: AppContext, holder = INSTANCE_ID, batch = 500): Promise<number> {
  if (!(await acquireLease(ctx, SWEEP_LEASE, 120, holder))) return 0;
  const now = ctx.clock.now().toISOString();
  const due = await ctx.db.selectFrom('workflow_case as c').leftJoin('organisation as o', 'o.id', 'c.holder_org_id')
    .select(['c.id', 'c.version', 'c.measure', 'c.title', 'c.state', 'c.due_on', 'c.holder_org_id', 'o.parent_id'])
    .where('c.due_at', '<', now).where('c.overdue_since', 'is', null).where('c.closed_at', 'is', null).where('c.held', '=', 0)
    .orderBy('c.due_at').limit(batch).execute();
  let marked = 0;
  for (const c of due) {
    const outbox: Delivery[] = [];
    const claimed = await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
      const res = await tx.db.updateTable('workflow_case')
        .set({ overdue_since: now, escalated_to_org_id: c.parent_id ?? null, version: c.version + 1, updated_at: now })
        .where('id', '=', c.id).where('version', '=', c.version).where('overdue_since', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      const label = getWorkflow(c.measure).states[c.state]?.label ?? c.state;
      await tx.db.insertInto('case_event').values({
        case_id: c.id, at: now, actor_user_id: null, actor_username: 'system', actor_org_id: null, action: 'overdue',
        from_state: c.state, to_state: c.state, comment: `「${label}」环节已超过办理期限（${formatDateZh(c.due_on!)}）`, data_json: JSON.stringify({ escalatedTo: c.parent_id }),
      }).execute();
      await tx.audit({ action: 'case.overdue', entityType: 'case', entityId: c.id, after: { dueOn: c.due_on, escalatedTo: c.parent_id } });
      if (c.holder_org_id) {
        const notice: Notice = { kind: 'case.overdue', title: `已超期：${c.title}`, body: `「${c.title}」的「${label}」环节已超过办理期限 ${formatDateZh(c.due_on!)}，请尽快办理。`, caseId: c.id, link: `/cases/${c.id}` };
        outbox.push(notifyOrganisation(tx, c.holder_org_id, notice));
      }
      if (c.parent_id) {
        const notice: Notice = { kind: 'case.escalated', title: `督办：${c.title}`, body: `下级机构办理的「${c.title}」（${label}）已超过期限 ${formatDateZh(c.due_on!)}，请督办。`, caseId: c.id, link: `/cases/${c.id}` };
        outbox.push(notifyOrganisation(tx, c.parent_id, notice, ['admin', 'reviewer']));
      }
      return true;
    });
    if (claimed) {
      marked += 1;
      for (const o of outbox) await deliver(ctx, o);
    }
  }
  return marked;
}
