// Lint for every workspace, and the import zones that hold the architecture in place
// (docs: DEVELOPERS.md, "Lint zones"):
//   web → domain ← server;  measures → cases → platform;  no measure or web feature imports another.
// Rules are the non-type-aware recommended sets, so `npx eslint .` stays fast on 2 cores.
//
// Zones use ESLint core `no-restricted-imports`. In flat config a later block that gives the rule
// options replaces the earlier options for the same file, so each block below carries the full list
// for its files (`zone(...)` joins them). Relative imports are matched as written: a `../` chain
// followed by a forbidden folder name. Dynamic `import()` is not checked by the rule.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The measures of 鲁工信发〔2020〕1号, one folder each under apps/server/src/measures. */
const MEASURES = [
  'risk-compensation',
  'bridge-loan',
  'financing-match',
  'guarantee',
  'interest-subsidy',
  'high-growth',
  'innovation',
  'resumption',
  'public-service',
  'monitoring',
];

/** Web features besides the measures; folders found on disk are added, so a new one is covered. */
const WEB_FEATURES = [...MEASURES, 'cases', 'admin', 'registry', 'auth', 'calendar', 'policy'];

function foldersIn(dir) {
  try {
    return readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

const serverMeasures = [...new Set([...MEASURES, ...foldersIn('./apps/server/src/measures/')])].sort();
const webFeatures = [...new Set([...WEB_FEATURES, ...foldersIn('./apps/web/src/features/')])].sort();

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (names) => `(?:${names.map(escape).join('|')})`;
/** Matches a relative import that climbs out (`../`, `../../`, …) and then enters `folder`. */
const climbInto = (folder) => `^(?:\\./)?(?:\\.\\./)+${folder}(?:/|$)`;

/** Joins zone restrictions into one `no-restricted-imports` setting. */
function zone(...parts) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: parts.flatMap((p) => p.paths ?? []),
        patterns: parts.flatMap((p) => p.patterns ?? []),
      },
    ],
  };
}

const DOMAIN_NO_IO = 'the domain package has no I/O: pass data in, keep I/O in apps/server or packages/domain/scripts';
const domainNoIo = {
  paths: builtinModules
    .filter((m) => !m.startsWith('_'))
    .map((name) => ({ name, message: DOMAIN_NO_IO })),
  patterns: [
    { regex: '^node:', message: DOMAIN_NO_IO },
    {
      regex: '^(?:kysely|pg|better-sqlite3|fastify|@fastify/[^/]+|exceljs|react|react-dom)(?:/|$)',
      message: DOMAIN_NO_IO,
    },
  ],
};
const domainNoApps = {
  patterns: [
    {
      regex: `^@relief/(?:server|web)(?:/|$)|${climbInto('apps')}`,
      message: 'packages/domain never imports from apps/ (imports run web → domain ← server)',
    },
  ],
};

const serverNoMeasures = {
  patterns: [
    {
      regex: climbInto('measures'),
      message: 'platform/ and cases/ never import a measure (measures → cases → platform); measures register themselves',
    },
  ],
};
const platformNoCases = {
  patterns: [
    {
      regex: climbInto('cases'),
      message: 'platform/ never imports cases/ (measures → cases → platform)',
    },
  ],
};
const noOtherMeasure = (own) => ({
  patterns: [
    {
      regex: climbInto(`(?:measures/)?${oneOf(serverMeasures.filter((m) => m !== own))}`),
      message: `measures/${own} may not import another measure: move shared code to cases/, platform/ or @relief/domain`,
    },
  ],
});

const webNoServer = {
  patterns: [
    {
      regex: `^@relief/server(?:/|$)|${climbInto('(?:apps/)?server')}`,
      message: 'apps/web never imports apps/server: share contracts through @relief/domain',
    },
    {
      regex: '^(?:kysely|pg|better-sqlite3|fastify|@fastify/[^/]+|exceljs)(?:/|$)',
      message: 'server-only package in the web app: share contracts through @relief/domain',
    },
  ],
};
const noOtherFeature = (own) => ({
  patterns: [
    {
      regex: climbInto(`(?:features/)?${oneOf(webFeatures.filter((f) => f !== own))}`),
      message: `features/${own} may not import another feature: use components/, lib/, app/ or @relief/domain`,
    },
  ],
});

const TS = ['**/*.{ts,tsx,mts,cts}'];
const JS = ['**/*.{js,mjs,cjs}'];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    'data/',
    'e2e/artifacts/',
    'bench/results/',
    '**/coverage/',
    '**/.vite/',
  ]),

  {
    files: [...TS, ...JS],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({
          object,
          property: 'only',
          message: 'a focused test skips the rest of the suite in CI: remove .only',
        })),
      ],
    },
  },
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: JS,
    rules: {
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Globals per runtime (mostly for JS files: typescript-eslint turns no-undef off for TS).
  {
    files: ['apps/server/**', 'e2e/**', 'bench/**', 'scripts/**', 'packages/domain/scripts/**', '*.config.*', '**/*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['apps/web/src/**'], languageOptions: { globals: { ...globals.browser } } },

  // Migrations are frozen in time and take Kysely<any> by design (so does the migrator running them).
  {
    files: ['apps/server/src/db/migrations/**', 'apps/server/src/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // ---- Import zones (later blocks win for files matched by several) ----
  { files: ['packages/domain/src/**'], rules: zone(domainNoIo, domainNoApps) },
  // Tests and build scripts of the domain may read files (fixtures, generated JSON).
  { files: ['packages/domain/src/**/*.test.ts', 'packages/domain/scripts/**'], rules: zone(domainNoApps) },

  { files: ['apps/server/src/platform/**'], rules: zone(serverNoMeasures, platformNoCases) },
  { files: ['apps/server/src/cases/**'], rules: zone(serverNoMeasures) },
  ...serverMeasures.map((m) => ({
    files: [`apps/server/src/measures/${m}/**`],
    rules: zone(noOtherMeasure(m)),
  })),

  { files: ['apps/web/**'], rules: zone(webNoServer) },
  ...webFeatures.map((f) => ({
    files: [`apps/web/src/features/${f}/**`],
    rules: zone(webNoServer, noOtherFeature(f)),
  })),
]);
