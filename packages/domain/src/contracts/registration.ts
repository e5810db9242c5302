import { z } from 'zod';
import { normalizeUscc, validateUscc } from '../identifiers/index';
import { isValidRegionCode } from '../regions/index';
import { pageQuery, text } from './common';
import { usernameSchema } from './platform';

/** 统一社会信用代码, normalised to upper case and checked by its check character (GB 32100-2015). */
export const usccSchema = z.string().max(64, '统一社会信用代码应为18位').transform((code, ctx) => {
  // Store and compare the normalised form: a full-width copy of a code is the same code.
  const r = validateUscc(code);
  if (!r.valid) ctx.addIssue({ code: 'custom', message: r.message ?? '统一社会信用代码无效' });
  return normalizeUscc(code);
});

/** A county-level region code of Shandong valid today (a place a firm can be registered in now). */
export const countyCodeSchema = z.string().regex(/^37\d{4}$/, '所在地应为山东省的 6 位行政区划代码')
  .refine((c) => isValidRegionCode(c) && !c.endsWith('00'), '所在地应为山东省现行的县（市、区）');

const nonNegativeFen = z.number().int('金额应为整数（分）').min(0, '金额不能为负').max(9_000_000_000_000_000, '金额过大');

export const registrationBody = z.object({
  uscc: usccSchema,
  name: text(100, '企业名称'),
  regionCode: countyCodeSchema,
  industrySection: z.string().regex(/^[A-T]$/, '行业门类应为 GB/T 4754 的门类字母 A–T').optional(),
  industryRow: z.string().max(40).optional(),
  employees: z.number().int('从业人员应为整数').min(0, '从业人员不能为负').max(10_000_000).optional(),
  revenueFen: nonNegativeFen.optional(),
  assetsFen: nonNegativeFen.optional(),
  contactName: text(50, '联系人'),
  contactPhone: z.string().trim().regex(/^[0-9+\- ]{7,20}$/, '联系电话格式不正确'),
  username: usernameSchema,
  password: z.string().min(1, '请输入密码').max(256),
});
export type RegistrationInput = z.infer<typeof registrationBody>;

export const registrationStatusSchema = z.enum(['pending', 'activated', 'rejected']);

export const registrationView = z.object({
  id: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industrySection: z.string().nullable(),
  employees: z.number().nullable(),
  revenueFen: z.number().nullable(),
  assetsFen: z.number().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  username: z.string(),
  status: registrationStatusSchema,
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RegistrationView = z.infer<typeof registrationView>;

export const registrationListQuery = pageQuery.extend({
  status: registrationStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

export const rejectBody = z.object({ reason: text(500, '驳回理由') });
