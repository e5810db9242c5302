import { z } from 'zod';

// Request/response schemas shared by the server (validation, OpenAPI) and the web (types).
// Messages are Chinese: the server configures zod's zh-CN locale; custom messages name the rule.

/** Page number and size of a list query; pageSize is capped so one request cannot dump a table. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A page of results. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The one error shape of the API. */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

export const idParam = z.object({ id: z.coerce.number().int().positive('编号应为正整数').max(2_147_483_647) });
export const versionBody = z.object({ version: z.number().int().positive('版本号应为正整数') });
export const okBody = z.object({ ok: z.literal(true) });

/** A civil date YYYY-MM-DD that exists in the calendar. */
export const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}, '日期不存在');

/** An instant, ISO 8601 with time zone. */
export const instant = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，例如 2020-02-07T08:00:00Z' });

/** Trimmed non-empty text with a length cap. */
export const text = (max: number, label = '内容') =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字`);
