// Turns zod issues into `{ path, message }` with a Chinese message and a path a person can find in
// the JSON (`measures[0].parameters.compensationRatioPpm.value`). Lenders in other relief schemes
// got bare error codes and hunted for the field (LESSONS.md); every message here names its field.
import type { z } from 'zod';

/** One validation error: the field's path in the input (e.g. `measures[0].kind`) and a Chinese message. */
export interface PresetError {
  /** Path of the field, dotted with [index] for arrays; empty for the whole document. */
  path: string;
  /** What is wrong, in Chinese, saying what is expected. */
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  null: 'null',
  date: '日期',
};

/** Formats a zod path such as `['measures', 0, 'kind']` as `measures[0].kind`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const name = String(part);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) out += out === '' ? name : `.${name}`;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

/** Joins a base path and a child key or index the same way `formatPath` does. */
export function childPath(base: string, child: string | number): string {
  const tail = formatPath([child]);
  return base === '' || tail.startsWith('[') ? base + tail : `${base}.${tail}`;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return '列表';
  if (typeof input === 'number') return Number.isInteger(input) ? `整数 ${input}` : `数字 ${input}`;
  if (typeof input === 'string') return `文字 "${input.length > 20 ? `${input.slice(0, 20)}…` : input}"`;
  return TYPE_NAMES[typeof input] ?? typeof input;
}

/**
 * The fallback Chinese message of a zod issue, used as the per-parse error map; schema-level
 * messages (e.g. 应为整数（ppm）) take precedence over it.
 */
export function chineseIssueMessage(issue: z.core.$ZodRawIssue): string {
  // A missing required field reaches here as whatever its schema checks first (a type, an enum
  // or a literal); say it is missing rather than what it should have been.
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return '缺少此项（必填）';
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${describeInput(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `至少应有 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return `至少应有 ${String(issue.minimum)} 个字符`;
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `最多 ${String(issue.maximum)} 项`;
      if (issue.origin === 'string') return `最多 ${String(issue.maximum)} 个字符`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')}${issue.values.length > 1 ? ' 之一' : ''}`;
    case 'unrecognized_keys':
      return '未知字段（请检查拼写，或删除此项）';
    case 'invalid_union':
      return '不符合任何允许的形式';
    case 'invalid_format':
      return '格式不正确';
    default:
      return '值不正确';
  }
}

/** Converts zod issues to path-named errors; an unknown key becomes one error at that key's own path. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], basePath = ''): PresetError[] {
  const errors: PresetError[] = [];
  for (const issue of issues) {
    const path = joinPaths(basePath, formatPath(issue.path));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: childPath(path, key), message: issue.message });
    } else {
      errors.push({ path, message: issue.message });
    }
  }
  return errors;
}

function joinPaths(base: string, path: string): string {
  if (base === '') return path;
  if (path === '') return base;
  return path.startsWith('[') ? base + path : `${base}.${path}`;
}

/** Removes repeated `{ path, message }` pairs, keeping the first occurrence's order. */
export function dedupeErrors(errors: readonly PresetError[]): PresetError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.path}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Renders errors one a line as `path: message`, the whole document shown as （整个文件）. */
export function formatErrors(errors: readonly PresetError[]): string {
  return errors.map((e) => `${e.path === '' ? '（整个文件）' : e.path}: ${e.message}`).join('\n');
}
