import { describe, expect, it } from 'vitest';
import { ORG_KIND_LABELS, ROLE_LABELS } from '@relief/domain';
import { dictionaries, isMessageKey, translate, translateDynamic } from './i18n';

describe('i18n', () => {
  it('has every zh-CN key in en-US and no empty strings', () => {
    const zh = Object.keys(dictionaries['zh-CN']).sort();
    const en = Object.keys(dictionaries['en-US']).sort();
    expect(en).toEqual(zh);
    for (const [locale, dict] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(dictionaries['zh-CN'])) {
      const en = dictionaries['en-US'][key as keyof (typeof dictionaries)['en-US']];
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('translates and fills placeholders', () => {
    expect(translate('zh-CN', 'app.title')).toBe('中小企业纾困服务平台');
    expect(translate('en-US', 'app.title')).toBe('SME Relief Service Platform');
    expect(translate('zh-CN', 'session.idleText', { time: '04:59' })).toBe('您已较长时间未操作，会话将在 04:59 后过期。未保存的内容请先保存。');
    expect(translate('zh-CN', 'common.total', {})).toBe('共 {total} 条');
  });

  it('translates keys built at run time, with a fallback', () => {
    expect(translateDynamic('zh-CN', 'role.admin', 'admin')).toBe('管理员');
    expect(translateDynamic('zh-CN', 'orgKind.bridge-operator', 'x')).toBe('转贷业务运营机构');
    expect(translateDynamic('zh-CN', 'role.superuser', 'superuser')).toBe('superuser');
    expect(isMessageKey('toString')).toBe(false);
  });

  it('names organisation kinds and roles in Chinese exactly as the domain does', () => {
    for (const [kind, label] of Object.entries(ORG_KIND_LABELS)) expect(translateDynamic('zh-CN', `orgKind.${kind}`, '?'), kind).toBe(label);
    for (const [role, label] of Object.entries(ROLE_LABELS)) expect(translateDynamic('zh-CN', `role.${role}`, '?'), role).toBe(label);
    expect(translateDynamic('zh-CN', 'role.reviewer', '?')).toBe('审核员');
  });

  it('names every user and registration status the server sends', () => {
    expect(['active', 'disabled', 'pending'].every((s) => isMessageKey(`userStatus.${s}`))).toBe(true);
    expect(['pending', 'activated', 'rejected'].every((s) => isMessageKey(`regStatus.${s}`))).toBe(true);
  });
});
