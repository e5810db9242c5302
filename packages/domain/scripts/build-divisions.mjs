// Regenerates packages/domain/data/shandong-divisions.json from shandong-divisions.csv (the domain
// package cannot read files at runtime, so it imports the JSON). Run after editing the CSV:
//   node packages/domain/scripts/build-divisions.mjs          (write)
//   node packages/domain/scripts/build-divisions.mjs --check  (exit 1 if the JSON is stale)
// src/regions/regions.test.ts also compares the two, so a forgotten run fails the tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const csvPath = `${dataDir}shandong-divisions.csv`;
const jsonPath = `${dataDir}shandong-divisions.json`;

// The CSV gives some changes only as a month and the approving document; the document's date
// (DOMAIN.md §3.2: 国函〔2020〕81号 dated 2020-06-05) is taken as the day the change takes effect.
const DOCUMENT_DATES = { '国函〔2020〕81号': '2020-06-05' };

function parseChange(text, code, column) {
  if (text === '') return {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { date: text };
  const m = /^(\d{4}-\d{2}) \((.+)\)$/.exec(text);
  const date = m && DOCUMENT_DATES[m[2]];
  if (!m || !date || !date.startsWith(m[1])) {
    throw new Error(`${code}: cannot read ${column} "${text}"; add the document's date to DOCUMENT_DATES`);
  }
  return { date, basis: m[2] };
}

export function buildDivisions(csvText) {
  const [header, ...lines] = csvText.trim().split(/\r?\n/);
  if (header !== 'code,name,level,parent,valid_from,valid_to') throw new Error(`unexpected header: ${header}`);
  const regions = lines.map((line) => {
    const [code, name, level, parent, validFrom, validTo, ...rest] = line.split(',');
    if (rest.length > 0 || !/^37\d{4}$/.test(code) || !name || !['city', 'county'].includes(level)) {
      throw new Error(`bad line: ${line}`);
    }
    const from = parseChange(validFrom, code, 'valid_from');
    const to = parseChange(validTo, code, 'valid_to');
    return {
      code,
      name,
      level,
      parentCode: parent,
      ...(from.date ? { validFrom: from.date } : {}),
      ...(to.date ? { validTo: to.date } : {}),
      ...(from.basis || to.basis ? { changeBasis: from.basis ?? to.basis } : {}),
    };
  });
  return {
    _source:
      'yescallop/areacodes @ eed219a (CC0; 民政部《中华人民共和国县级以上行政区划代码》 year-end snapshots 2018–2024), via ../shared/data/shandong-divisions.csv; see DOMAIN.md §3',
    _generatedBy: 'packages/domain/scripts/build-divisions.mjs from shandong-divisions.csv — do not edit by hand',
    _notes: [
      'validFrom is the first day a unit exists (inclusive); validTo is the first day it no longer exists (exclusive); absent = unbounded within the data (2019 year-end list onward)',
      '2020-06 change (国函〔2020〕81号, dated 2020-06-05): 撤销蓬莱市 370684、长岛县 370634，设立烟台市蓬莱区 370614; taken as effective on 2020-06-05',
    ],
    province: { code: '370000', name: '山东省' },
    regions,
  };
}

const json = `${JSON.stringify(buildDivisions(readFileSync(csvPath, 'utf8')), null, 1)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(jsonPath, 'utf8') !== json) {
    console.error(`${jsonPath} is stale: run node packages/domain/scripts/build-divisions.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(jsonPath, json);
  console.log(`wrote ${jsonPath}`);
}
