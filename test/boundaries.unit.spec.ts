/**
 * Module boundaries (ARCHITECTURE rule 9): the domain depends on nothing of ours,
 * projections on the domain only, and nothing depends on services.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    // Tests may do I/O (read fixtures, start servers); the rule is about shipped code.
    return full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

const violations = (folder: string, forbidden: (specifier: string, file: string) => boolean): string[] =>
  sourceFiles(path.join(ROOT, folder)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(specifier, file))
      .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`),
  );

const resolvesInto = (specifier: string, file: string, folder: string): boolean =>
  specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(path.join(ROOT, folder));

describe('module boundaries', () => {
  it('keeps the domain free of our other packages and of I/O modules', () => {
    const io = /^(node:)?(fs|http|https|net|child_process|crypto|os|path)$|better-sqlite3|mongodb|ioredis|bullmq|@eventstore|@apollo|type-graphql/;
    expect(violations('domain/src', (s, f) => s.startsWith('@collegium/') || io.test(s) || resolvesInto(s, f, 'services'))).toEqual([]);
  });

  it('lets projections depend on the domain only', () => {
    expect(violations('projections/src', (s) => s.startsWith('@collegium/') && s !== '@collegium/domain')).toEqual([]);
  });

  it('lets nothing outside services depend on services', () => {
    const folders = ['domain/src', 'projections/src', 'infra', 'schema/src'];
    const bad = folders.flatMap((folder) =>
      violations(folder, (s, f) => /^@collegium\/(gateway|projector|worker)$/.test(s) || (resolvesInto(s, f, 'services'))),
    );
    expect(bad).toEqual([]);
  });
});
