/**
 * Keeps DOMAIN.md, the RULES table and the tests in step: every rule id the domain text
 * cites must be a known rule, and at least one test must name it, so a rule nobody
 * enforces or measures shows up here by its id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '@collegium/domain';

const ROOT = resolve(__dirname, '..');
const DOMAIN_MD = resolve(ROOT, '../shared/DOMAIN.md');
/** Where tests live: a rule may be shown by a unit test of a decider or by an API test. */
const TEST_ROOTS = ['domain', 'projections', 'services', 'infra', 'test'].map((folder) => join(ROOT, folder));
const RULE_ID = /\b00[0-4]:\d+(?:\.\d+)?/g;
/** The name of an `it`, `test` or `describe` block, in any kind of quotes. */
const TEST_NAME = /\b(?:it|test|describe)(?:\.each\s*(?:<[^>]*>)?\s*\([\s\S]*?\))?\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

const ruleIdsOf = (text: string): string[] => [...new Set(text.match(RULE_ID) ?? [])].sort();

const specFilesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'data' ? [] : specFilesUnder(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });

const testNamesOf = (source: string): string[] => [...source.matchAll(TEST_NAME)].map((m) => m[2] ?? '');

describe('regulation rules of DOMAIN.md', () => {
  const cited = ruleIdsOf(readFileSync(DOMAIN_MD, 'utf8'));
  const testNames = TEST_ROOTS.flatMap(specFilesUnder).flatMap((file) => testNamesOf(readFileSync(file, 'utf8')));
  const named = new Set(testNames.flatMap(ruleIdsOf));

  it('the domain text cites rule ids at all', () => {
    expect(cited.length).toBeGreaterThan(0);
  });

  it('every cited rule id is listed in RULES', () => {
    const unknown = cited.filter((id) => !Object.prototype.hasOwnProperty.call(RULES, id));

    expect({ unknownRuleIds: unknown }).toEqual({ unknownRuleIds: [] });
  });

  it('every cited rule id is named by at least one test', () => {
    const untested = cited.filter((id) => !named.has(id));

    expect({ ruleIdsNamedByNoTest: untested }).toEqual({ ruleIdsNamedByNoTest: [] });
  });
});
