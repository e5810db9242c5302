// The preset against the policy text itself: every number printed in the seed is a parameter with
// the seed's value, and every clause text is the seed's, after the three page-break fixes.
// The seed is copied into fixtures/ (byte for byte, sha256 recorded) so the project builds without ../shared.
import { describe, expect, it } from 'vitest';
import presetJson from '../../../../presets/lu-gongxin-fa-2020-1.json';
import seedFixture from './fixtures/seed-lu-gongxin-fa-2020-1.json';
import type { MeasureKind } from './measures';
import { getMeasure, getParameter, getParameterDefinition } from './preset-access';
import { assertPreset, citationFragments, type PolicyPreset } from './preset';

const preset = assertPreset(presetJson);

function correctedSeed(): string {
  let text = seedFixture.text;
  for (const c of preset.textSource.corrections) {
    expect(text).toContain(c.original);
    text = text.replace(c.original, c.corrected);
  }
  return text;
}

const paragraphs = correctedSeed()
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter((p) => p.length > 0);

function contactLine(p: PolicyPreset, kind: MeasureKind, phone: string): string | undefined {
  const contact = getMeasure(p, kind).contacts.find((c) => c.phone === phone);
  return contact === undefined ? undefined : `${contact.name} ${contact.phone}`;
}

// Every run of digits printed in each clause, in order, and the parameter (or contact) that carries it.
// A number added to a clause text without a row here fails the first test below.
const NUMBERS: { kind: MeasureKind; tokens: string[]; actual: (p: PolicyPreset) => unknown; expected: unknown }[] = [
  { kind: 'risk-compensation', tokens: ['2020', '1', '1'], actual: (p) => getParameter(p, 'risk-compensation', 'loanStartFrom'), expected: '2020-01-01' },
  { kind: 'risk-compensation', tokens: ['5'], actual: (p) => getParameter(p, 'risk-compensation', 'claimWindowWorkingDaysAfterMonthEnd'), expected: 5 },
  { kind: 'risk-compensation', tokens: ['10'], actual: (p) => getParameter(p, 'risk-compensation', 'fgReviewWorkingDays'), expected: 10 },
  { kind: 'risk-compensation', tokens: ['1'], actual: (p) => getParameter(p, 'risk-compensation', 'deptRecheckWorkingDays'), expected: 1 },
  { kind: 'risk-compensation', tokens: ['0531-86198628'], actual: (p) => contactLine(p, 'risk-compensation', '0531-86198628'), expected: '崔大峰 0531-86198628' },
  { kind: 'risk-compensation', tokens: ['0531-82789702'], actual: (p) => contactLine(p, 'risk-compensation', '0531-82789702'), expected: '许晨阳 0531-82789702' },
  { kind: 'bridge-loan', tokens: ['400-651-0531'], actual: (p) => getParameter(p, 'bridge-loan', 'hotline'), expected: '400-651-0531' },
  { kind: 'bridge-loan', tokens: ['0.08'], actual: (p) => getParameter(p, 'bridge-loan', 'epidemicFeeCapPpm'), expected: 800 },
  { kind: 'guarantee', tokens: ['1'], actual: (p) => getParameter(p, 'guarantee', 'maxAnnualFeeRatePpm'), expected: 10_000 },
  { kind: 'interest-subsidy', tokens: ['2020', '1', '1'], actual: (p) => getParameter(p, 'interest-subsidy', 'contractEffectiveFrom'), expected: '2020-01-01' },
  { kind: 'interest-subsidy', tokens: ['5', '31'], actual: (p) => getParameter(p, 'interest-subsidy', 'cityReportDeadline'), expected: '2020-05-31' },
  { kind: 'interest-subsidy', tokens: ['0531-82669808'], actual: (p) => contactLine(p, 'interest-subsidy', '0531-82669808'), expected: '辛志刚 0531-82669808' },
  { kind: 'interest-subsidy', tokens: ['0531-86920379'], actual: (p) => contactLine(p, 'interest-subsidy', '0531-86920379'), expected: '张荀 0531-86920379' },
  // “落实2020年全省工信工作会议部署” names a meeting, not a rule: no parameter carries it.
  { kind: 'high-growth', tokens: ['2020'], actual: () => null, expected: null },
  { kind: 'high-growth', tokens: ['2019'], actual: (p) => getParameter(p, 'high-growth', 'rewardHonourYear'), expected: 2019 },
  { kind: 'innovation', tokens: ['2020'], actual: (p) => getParameter(p, 'innovation', 'contestYear'), expected: 2020 },
  { kind: 'resumption', tokens: ['2'], actual: (p) => getParameter(p, 'resumption', 'targetDate'), expected: '2020-02-29' },
  { kind: 'resumption', tokens: ['0531-86198628'], actual: (p) => contactLine(p, 'resumption', '0531-86198628'), expected: '崔大峰 0531-86198628' },
  { kind: 'monitoring', tokens: ['0531-86198630'], actual: (p) => contactLine(p, 'monitoring', '0531-86198630'), expected: '曹涌 0531-86198630' },
];

describe('every number printed in the seed is in the preset', () => {
  it.each(preset.measures.map((m) => [m.kind, m.text] as const))('%s: the table above covers every number in the clause', (kind, text) => {
    const printed = text.match(/\d+(?:[.-]\d+)*/g) ?? [];
    expect(printed).toEqual(NUMBERS.filter((n) => n.kind === kind).flatMap((n) => n.tokens));
  });

  it.each(NUMBERS.map((n) => [n.kind, n.tokens.join(' '), n] as const))('%s %s', (_kind, _tokens, row) => {
    expect(row.actual(preset)).toEqual(row.expected);
  });

  it('keeps the seed’s non-numeric constants', () => {
    expect(getParameter(preset, 'bridge-loan', 'onlineEntryUrl')).toBe('http://www.smesd.com.cn');
    expect(getParameter(preset, 'bridge-loan', 'greenChannelDeadline')).toBe('sameWorkingDay');
    expect(getParameter(preset, 'guarantee', 'counterGuaranteeAllowed')).toBe(false);
    expect(getParameter(preset, 'guarantee', 'recoveryExtensionAllowed')).toBe(true);
    expect(getParameter(preset, 'resumption', 'reportFrequency')).toBe('weekly');
    expect(getParameter(preset, 'risk-compensation', 'borrowerSizes')).toEqual(['small', 'micro']);
    expect(getParameter(preset, 'innovation', 'projectCategories')).toEqual([
      'diagnostic_reagent',
      'drug_vaccine',
      'protective_device',
      'equipment',
      'big_data_monitoring',
    ]);
    expect(getParameter(preset, 'high-growth', 'rewardPriorityHonourKinds')).toEqual(['gazelle', 'unicorn', 'small_to_above_scale']);
    expect(preset.epidemicPeriod).toEqual({ start: '2020-01-01', end: null });
  });

  it('prints the contacts of the seed, 崔大峰 under clauses 1 and 8', () => {
    const all = preset.measures.flatMap((m) => m.contacts.map((c) => [m.clause, c.name, c.organisation, c.phone, c.clauses] as const));
    expect(all).toEqual([
      [1, '崔大峰', '省工信厅', '0531-86198628', [1, 8]],
      [1, '许晨阳', '省财金集团', '0531-82789702', [1]],
      [5, '辛志刚', '省财政厅', '0531-82669808', [5]],
      [5, '张荀', '省工信厅', '0531-86920379', [5]],
      [8, '崔大峰', '省工信厅', '0531-86198628', [1, 8]],
      [10, '曹涌', null, '0531-86198630', [10]],
    ]);
  });
});

describe('clause texts are the seed’s', () => {
  it('uses the recorded copy of the seed', () => {
    expect(seedFixture.file).toBe(preset.textSource.file);
    expect(seedFixture.sha256).toBe(preset.textSource.sha256);
  });

  it('fixes exactly the three page-break artefacts', () => {
    expect(preset.textSource.corrections.map((c) => [c.clause, c.original, c.corrected])).toEqual([
      [3, '鼓励加\n\n加大对', '鼓励加大对'],
      [6, '持续\n\n落实', '持续落实'],
      [9, '及\n\n时推送', '及时推送'],
    ]);
  });

  it.each(preset.measures.map((m) => [m.clause, m] as const))('clause %i matches the seed paragraph verbatim', (_clause, measure) => {
    const paragraph = paragraphs.find((p) => p.startsWith(`${measure.ordinal}、`));
    expect(measure.text).toBe(paragraph);
    expect(measure.text.startsWith(`${measure.ordinal}、${measure.title}。`)).toBe(true);
  });

  it('has the document’s number, title, issuer, date and preamble', () => {
    expect(preset.number).toBe('鲁工信发〔2020〕1号');
    expect(seedFixture.text).toContain(preset.number);
    expect(preset.title.replace(/\s/g, '')).toBe(
      paragraphs.find((p) => p.startsWith('山东省工业和信息化厅 关于'))?.replace(/\s/g, ''),
    );
    expect(preset.issuedOn).toBe('2020-02-17');
    expect(seedFixture.text).toContain('2020年2月17日');
    expect(paragraphs).toContain(preset.preamble);
    for (const b of preset.basis) {
      expect(preset.preamble).toContain(b.number);
      expect(preset.preamble).toContain(b.title);
    }
  });

  it('quotes every seed-sourced parameter verbatim from its own clause', () => {
    for (const measure of preset.measures) {
      for (const p of Object.values(measure.parameters) as { source: { kind: string; citation: string } }[]) {
        if (p.source.kind !== 'seed') continue;
        for (const fragment of citationFragments(p.source.citation)) expect(measure.text).toContain(fragment);
      }
    }
  });

  it('marks the values the seed leaves open as external or assumption, with confidence for external ones', () => {
    const open: [MeasureKind, string, 'external' | 'assumption'][] = [
      ['risk-compensation', 'compensationRatioPpm', 'external'],
      ['risk-compensation', 'perLoanCapFen', 'assumption'],
      ['bridge-loan', 'feeBasis', 'assumption'],
      ['bridge-loan', 'normalFeeRatePpm', 'assumption'],
      ['guarantee', 'singleFirmCapFen', 'external'],
      ['interest-subsidy', 'subsidyShareOfRatePpm', 'external'],
      ['interest-subsidy', 'dayCountBasis', 'assumption'],
      ['resumption', 'earliestResumptionDate', 'external'],
      ['monitoring', 'appealResolveWorkingDays', 'external'],
    ];
    for (const [kind, key, sourceKind] of open) {
      const definition = getParameterDefinition(preset, kind, key as never) as { source: { kind: string; confidence?: string } };
      expect(definition.source.kind, `${kind}.${key}`).toBe(sourceKind);
      if (sourceKind === 'external') expect(definition.source.confidence, `${kind}.${key}`).toMatch(/^[VSMD]$/);
    }
    expect(getParameterDefinition(preset, 'interest-subsidy', 'subsidyShareOfRatePpm').source).toMatchObject({ confidence: 'V' });
    expect(getParameterDefinition(preset, 'risk-compensation', 'compensationRatioPpm').source).toMatchObject({ confidence: 'S' });
  });
});
