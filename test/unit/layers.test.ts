/**
 * The layers of the code and the check that every import goes downwards. This table is the one place the
 * layering is written down; ARCHITECTURE.md explains it.
 *
 * A unit is a folder of server/src (with its subfolders), a file at the top of server/src, or the whole
 * client (client/src). A unit imports only units of lower layers: never one of its own layer (units of a
 * layer are independent of each other) and never one above. Type-only imports count. Imports are read with
 * the TypeScript compiler's `preProcessFile` (import, export … from, import(), require()).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

interface Layer {
  name: string;
  units: string[];
  /** When set, the only units of server/src this layer may import. */
  only?: string[];
}

/** Bottom-up. */
const LAYERS: Layer[] = [
  { name: "the contract's shared data (lessons, how the server process starts)", units: ['protocol'] },
  {
    name: 'foundation: helpers, declarations, the client-server contract',
    units: ['util', 'types', 'protocol.ts', 'serverProcess.ts'],
  },
  { name: 'model: shell parse', units: ['shell'] },
  { name: 'model: Dockerfile and .dockerignore', units: ['dockerfile', 'dockerignore'] },
  { name: 'model: compose files and projects', units: ['compose'] },
  { name: 'model: facts and texts', units: ['data'] },
  { name: 'rules', units: ['rules'] },
  { name: 'engine', units: ['engine'] },
  { name: 'engine users', units: ['shellcheck', 'lessons', 'docs'] },
  { name: 'front ends of the engine', units: ['service', 'cli', 'languageIds.ts', 'processSetup.ts'] },
  { name: 'the server process, and the launchers of the server and the CLI', units: ['server.ts', 'launch'] },
  { name: 'VS Code client', units: ['client'], only: ['protocol.ts', 'protocol'] },
];

const root = path.resolve(__dirname, '../../..');
const TABLE = 'the LAYERS table of test/unit/layers.test.ts';

interface Import {
  /** Both relative to the repository, with `/`. */
  file: string;
  specifier: string;
  target: string;
  from: string;
  to: string;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [relative] : [];
  });
}

/** The unit a repository path belongs to, or null outside server/src and client/src. */
function unitOf(file: string): string | null {
  if (file.startsWith('client/src/')) return 'client';
  if (!file.startsWith('server/src/')) return null;
  return file.slice('server/src/'.length).split('/')[0];
}

/** The file a relative specifier names, as TypeScript's node resolution finds it. */
function resolve(file: string, specifier: string): string | null {
  const base = path.posix.join(path.posix.dirname(file), specifier);
  const candidates = [`${base}.ts`, `${base}.tsx`, `${base}.d.ts`, `${base}/index.ts`, base];
  return (
    candidates.find(
      (candidate) => fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile(),
    ) ?? null
  );
}

function readImports(): { files: string[]; imports: Import[]; unresolved: string[] } {
  const files = [...sourceFiles('server/src'), ...sourceFiles('client/src')];
  const imports: Import[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(file, specifier);
      if (!target) {
        unresolved.push(`${file} imports '${specifier}', which names no file`);
        continue;
      }
      const from = unitOf(file)!;
      const to = unitOf(target);
      if (to !== null && to !== from) imports.push({ file, specifier, target, from, to });
    }
  }
  return { files, imports, unresolved };
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.units.includes(unit));
}

function describeLayer(index: number): string {
  return `layer ${index + 1} "${LAYERS[index].name}"`;
}

/** Every import that breaks the layering, each with the rule it breaks. */
function layerViolations(imports: Import[]): string[] {
  const problems: string[] = [];
  for (const i of imports) {
    const from = layerOf(i.from);
    const to = layerOf(i.to);
    if (from < 0 || to < 0) continue; // reported by the placement test
    const where = `${i.file} imports '${i.specifier}' (${i.to})`;
    const only = LAYERS[from].only;
    if (only && !only.includes(i.to)) {
      problems.push(`${where}: ${describeLayer(from)} may import only ${only.join(', ')} from server/src`);
    } else if (to > from) {
      problems.push(
        `${where}: an upward import, from ${describeLayer(from)} to ${describeLayer(to)}; a unit imports only lower layers`,
      );
    } else if (to === from) {
      problems.push(
        `${where}: ${i.from} and ${i.to} are both in ${describeLayer(from)}; units of one layer do not import each other`,
      );
    }
  }
  return problems;
}

/** Each cycle between units (strongly connected components of two or more), with one import per step. */
function unitCycles(imports: Import[]): string[] {
  const edges = new Map<string, Map<string, Import>>();
  for (const i of imports) {
    if (!edges.has(i.from)) edges.set(i.from, new Map());
    if (!edges.get(i.from)!.has(i.to)) edges.get(i.from)!.set(i.to, i);
  }
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(unit, Math.min(low.get(unit)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(unit, Math.min(low.get(unit)!, index.get(next)!));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const unit of [...edges.keys()].sort()) if (!index.has(unit)) visit(unit);
  return components.map((component) => {
    const steps = component.flatMap((from) =>
      [...(edges.get(from) ?? [])]
        .filter(([to]) => component.includes(to))
        .map(([to, i]) => `  ${from} → ${to}: ${i.file} imports '${i.specifier}'`),
    );
    return `${component.join(', ')} import each other in a cycle:\n${steps.join('\n')}`;
  });
}

describe('layers', () => {
  const { files, imports, unresolved } = readImports();

  it('reads the imports of every source file', () => {
    assert.ok(files.includes('server/src/server.ts') && files.includes('client/src/extension.ts'));
    const seen = (file: string, target: string) => imports.some((i) => i.file === file && i.target === target);
    assert.ok(seen('server/src/engine/lint.ts', 'server/src/rules/registry.ts'), 'a plain import');
    assert.ok(seen('server/src/engine/guards.ts', 'server/src/rules/types.ts'), 'a type-only import');
    assert.ok(seen('client/src/extension.ts', 'server/src/protocol.ts'), 'an import from the client');
    assert.deepStrictEqual(unresolved, []);
  });

  it('places every unit of server/src and client/src in exactly one layer', () => {
    const units = [...new Set(files.map((f) => unitOf(f)!))].sort();
    const missing = units.filter((unit) => layerOf(unit) < 0);
    if (missing.length > 0)
      assert.fail(`units of server/src in no layer: ${missing.join(', ')}; place them in ${TABLE}`);
    const placed = LAYERS.flatMap((layer) => layer.units);
    const absent = placed.filter((unit) => !units.includes(unit));
    if (absent.length > 0) assert.fail(`${TABLE} names units that do not exist: ${absent.join(', ')}`);
    const twice = placed.filter((unit, n) => placed.indexOf(unit) !== n);
    if (twice.length > 0) assert.fail(`units in two layers of ${TABLE}: ${twice.join(', ')}`);
  });

  it('imports only downwards', () => {
    const problems = layerViolations(imports);
    if (problems.length > 0)
      assert.fail(`imports that break the layering (${TABLE}): ${problems.length}\n${problems.join('\n')}`);
  });

  it('has no import cycle between units', () => {
    const cycles = unitCycles(imports);
    if (cycles.length > 0) assert.fail(`groups of units in an import cycle: ${cycles.length}\n${cycles.join('\n')}`);
  });
});
