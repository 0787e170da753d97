/** The workspace lint's bookkeeping with a host the test controls: cancellation, documents opened meanwhile, refresh. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Diagnostic } from 'vscode-languageserver-types';
import { WorkspaceLint, workspaceFiles } from '../../server/src/service/workspaceLint';

const problem = (message: string): Diagnostic => ({
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  message,
});

describe('Lint Workspace (service)', () => {
  let root: string;
  const uri = (name: string) => pathToFileURL(path.join(root, name)).toString();

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-wslint-'));
    for (const name of [
      'a/Dockerfile',
      'b/Dockerfile',
      'c/compose.yaml',
      'd/.dockerignore',
      'node_modules/x/Dockerfile',
      'README.md',
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), 'FROM alpine\n');
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A host whose lints wait until the test lets them go, one at a time. */
  function controlledHost() {
    const open = new Set<string>();
    const published = new Map<string, string[]>();
    const pending: { uri: string; resolve: (d: Diagnostic[] | null) => void }[] = [];
    let arrived: (() => void) | undefined;
    return {
      open,
      published,
      host: {
        lintFile: (u: string) =>
          new Promise<Diagnostic[] | null>((resolve) => {
            pending.push({ uri: u, resolve });
            arrived?.();
          }),
        isOpen: (u: string) => open.has(u),
        publish: (u: string, diagnostics: Diagnostic[]) =>
          published.set(
            u,
            diagnostics.map((d) => d.message),
          ),
      },
      /** Waits for the next lint to start, and returns its uri and a way to finish it. */
      async nextLint(): Promise<{ uri: string; resolve: (d: Diagnostic[] | null) => void }> {
        if (pending.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
        return pending.shift()!;
      },
    };
  }

  it('finds the files as the CLI does', () => {
    assert.deepStrictEqual(
      workspaceFiles([root]).map((f) => [path.relative(root, f.file), f.language]),
      [
        [path.join('a', 'Dockerfile'), 'dockerfile'],
        [path.join('b', 'Dockerfile'), 'dockerfile'],
        [path.join('c', 'compose.yaml'), 'dockercompose'],
        [path.join('d', '.dockerignore'), 'dockerignore'],
      ],
    );
  });

  it('stops at the next file once cancelled, keeping what it published', async () => {
    const control = controlledHost();
    const lint = new WorkspaceLint(control.host);
    let cancelled = false;
    const progress: string[] = [];
    const run = lint.run([root], {
      isCancelled: () => cancelled,
      progress: (done, total) => progress.push(`${done}/${total}`),
    });
    const first = await control.nextLint();
    assert.strictEqual(first.uri, uri('a/Dockerfile'));
    assert.ok(lint.isRunning);
    cancelled = true;
    first.resolve([problem('one')]);
    assert.deepStrictEqual(await run, { files: 4, linted: 1, problems: 1, filesWithProblems: 1, cancelled: true });
    assert.deepStrictEqual(progress, ['0/4']);
    assert.deepStrictEqual([...control.published], [[uri('a/Dockerfile'), ['one']]]);
    assert.ok(!lint.isRunning);
  });

  it('publishes nothing for a document opened while it was linted, and refreshes only files of the results', async () => {
    const control = controlledHost();
    const lint = new WorkspaceLint(control.host);
    const run = lint.run([root]);
    const first = await control.nextLint();
    control.open.add(first.uri);
    first.resolve([problem('stale')]);
    for (let i = 0; i < 3; i++) (await control.nextLint()).resolve([]);
    assert.deepStrictEqual(await run, { files: 4, linted: 3, problems: 0, filesWithProblems: 0, cancelled: false });
    assert.ok(!control.published.has(first.uri));
    // Closed: linted from disk again and published.
    control.open.delete(first.uri);
    const refresh = lint.refresh(first.uri);
    (await control.nextLint()).resolve([problem('saved')]);
    await refresh;
    assert.deepStrictEqual(control.published.get(first.uri), ['saved']);
    // Gone from disk: cleared and forgotten.
    const gone = lint.refresh(uri('b/Dockerfile'));
    (await control.nextLint()).resolve(null);
    await gone;
    assert.deepStrictEqual(control.published.get(uri('b/Dockerfile')), []);
    assert.ok(!lint.has(uri('b/Dockerfile')));
    // Not a file of the results: nothing to do.
    await lint.refresh(uri('elsewhere/Dockerfile'));
    assert.strictEqual(lint.clear(), 3);
  });

  it('lints every closed file of the results again after a settings change, the newest refresh winning', async () => {
    const control = controlledHost();
    const lint = new WorkspaceLint(control.host);
    const run = lint.run([root]);
    for (let i = 0; i < 4; i++) (await control.nextLint()).resolve([problem('old settings')]);
    await run;
    control.open.add(uri('b/Dockerfile'));
    // A first refresh is overtaken by a second one after its first file.
    const first = lint.refreshAll();
    (await control.nextLint()).resolve([problem('first change')]);
    const second = lint.refreshAll();
    await first;
    const relinted: string[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await control.nextLint();
      relinted.push(next.uri);
      next.resolve([problem('second change')]);
    }
    await second;
    // The open file keeps its live diagnostics; every other file has the verdicts of the newest settings.
    assert.deepStrictEqual(
      relinted.sort(),
      [uri('a/Dockerfile'), uri('c/compose.yaml'), uri('d/.dockerignore')].sort(),
    );
    assert.deepStrictEqual(
      [...control.published.values()].map((messages) => messages[0]),
      ['second change', 'old settings', 'second change', 'second change'],
    );
  });
});
