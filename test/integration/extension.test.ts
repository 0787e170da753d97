/**
 * End-to-end tests through the `vscode` API against the installed extension:
 * diagnostics awaited (never slept for), hover text, a quick fix applied,
 * languages, snippets and commands.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LessonViewState } from '../../client/src/lessons/lessons';
import type { CheckExerciseResult } from '../../server/src/protocol';
import { EXERCISES } from '../../server/src/lessons/exercises';

const EXTENSION_ID = 'docker-coach.docker-coach';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves once Docker Coach has published diagnostics for `uri` that satisfy `ready`. */
function diagnosticsFor(
  uri: vscode.Uri,
  ready: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-coach');
  return new Promise((resolve) => {
    if (ready(ours())) return resolve(ours());
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && ready(ours())) {
        listener.dispose();
        resolve(ours());
      }
    });
  });
}

/** Asks the harness for a screenshot when it was started with --screenshot-dir; a no-op otherwise. */
function screenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  const dir = process.env.DOCKER_COACH_SCREENSHOT_DIR;
  if (!dir) return Promise.resolve(undefined);
  const png = path.join(dir, `${name}.png`);
  const err = path.join(dir, `${name}.error`);
  fs.rmSync(png, { force: true });
  fs.rmSync(err, { force: true });
  return new Promise((resolve, reject) => {
    const finish = () => {
      watcher.close();
      clearTimeout(timer);
    };
    const check = () => {
      if (fs.existsSync(png)) {
        finish();
        resolve(png);
      } else if (fs.existsSync(err)) {
        finish();
        reject(new Error(fs.readFileSync(err, 'utf8')));
      }
    };
    const watcher = fs.watch(dir, check);
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`screenshot timeout: ${name}`));
    }, timeoutMs);
    fs.writeFileSync(path.join(dir, `${name}.request`), '');
    check();
  });
}

/** What the lesson panel shows (the extension's test hook); with `rendered`, once the view has rendered it. */
function lessonState(rendered = false): Thenable<LessonViewState> {
  return vscode.commands.executeCommand<LessonViewState>('dockerCoach._lessonState', rendered);
}

function lessonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('dockerCoach.lesson'));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

describe('Docker Coach in VS Code', () => {
  let extension: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    extension = found;
  });

  it('is the installed package, not a development copy', () => {
    const installedIn = process.env.DOCKER_COACH_EXTENSIONS_DIR;
    if (installedIn) {
      // Under scripts/vscode/run-tests.mjs the .vsix was installed into this folder.
      assert.ok(
        extension.extensionPath.startsWith(installedIn),
        `${extension.extensionPath} is not under ${installedIn}`,
      );
      assert.ok(
        fs.existsSync(path.join(extension.extensionPath, 'dist', 'server.js')),
        'the package lacks dist/server.js',
      );
      assert.ok(
        !fs.existsSync(path.join(extension.extensionPath, 'server', 'src')),
        'the package ships TypeScript sources',
      );
    }
    assert.strictEqual(extension.packageJSON.displayName, 'Docker Coach');
  });

  it('publishes diagnostics for a Dockerfile with precise ranges', async () => {
    const uri = workspaceFile('Dockerfile');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'dockerfile');
    const diagnostics = await diagnosticsFor(uri, (d) =>
      d.some((x) => x.code && typeof x.code === 'object' && x.code.value === 'maintainer-deprecated'),
    );
    const codes = new Set(diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)));
    for (const expected of [
      'pin-base-image',
      'maintainer-deprecated',
      'absolute-workdir',
      'dependencies-before-source',
      'merge-run-layers',
      'apt-get-yes',
      'copy-not-add',
      'exec-form-cmd',
      'non-root-user',
    ]) {
      assert.ok(codes.has(expected), `missing ${expected}; got ${[...codes].join(', ')}`);
    }
    const latest = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'pin-base-image')!;
    assert.strictEqual(document.getText(latest.range), 'latest');
    const maintainer = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'maintainer-deprecated')!;
    assert.ok(maintainer.tags?.includes(vscode.DiagnosticTag.Deprecated));
    // The code links to the rule's page, which opens in the lesson panel (see the lesson tests).
    assert.ok(typeof maintainer.code === 'object');
    assert.strictEqual(maintainer.code.target.scheme, 'command');
    assert.strictEqual(maintainer.code.target.path, 'dockerCoach.explainRule');
    assert.deepStrictEqual(JSON.parse(maintainer.code.target.query), ['maintainer-deprecated']);
  });

  it("keeps the language server's code cache in the extension's storage once it has linted a Dockerfile", async () => {
    // Under scripts/vscode/run-tests.mjs, which says where the user data (and so the global storage) is.
    const userData = process.env.DOCKER_COACH_USER_DATA_DIR;
    if (!userData) return;
    const folder = path.join(userData, 'User', 'globalStorage', EXTENSION_ID.toLowerCase(), 'code-cache');
    const cached = () =>
      fs.existsSync(folder) && fs.readdirSync(folder).some((name) => /^server\.bundle-[0-9a-f]+\.v8cache$/.test(name));
    // Written within a few seconds of the first Dockerfile's lint (the test above waited for its diagnostics).
    for (let waited = 0; !cached() && waited < 15000; waited += 250)
      await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(cached(), `no code cache in ${folder}`);
  });

  it('explains an instruction on hover', async () => {
    const uri = workspaceFile('Dockerfile');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(3, 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /\*\*WORKDIR\*\*/);
    assert.match(text, /docs\.docker\.com\/reference\/dockerfile\/#workdir/);
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(2, 3, 2, 3);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover-and-problems');
  });

  it('applies a quick fix through the code action API', async () => {
    const uri = workspaceFile('Dockerfile');
    const document = await vscode.workspace.openTextDocument(uri);
    const maintainer = (await diagnosticsFor(uri)).find(
      (d) => typeof d.code === 'object' && d.code.value === 'maintainer-deprecated',
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      maintainer.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable "maintainer-deprecated" for this line'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Replace MAINTAINER with LABEL org.opencontainers.image.authors');
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(document.lineAt(2).text, 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"');
    await diagnosticsFor(
      uri,
      (d) => !d.some((x) => typeof x.code === 'object' && x.code.value === 'maintainer-deprecated'),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('merges RUN layers with the quick fix', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content:
        'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    });
    const diagnostics = await diagnosticsFor(document.uri);
    const merge = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'merge-run-layers')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      merge.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Merge this RUN into the one above')!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(
      document.getText(),
      'FROM debian:12-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
    );
    await diagnosticsFor(document.uri, (d) => d.length === 0);
  });

  it('recognises Containerfiles and compose files by name', async () => {
    const containerfile = await vscode.workspace.openTextDocument(workspaceFile('Containerfile'));
    assert.strictEqual(containerfile.languageId, 'dockerfile');
    const composeUri = workspaceFile('compose.yaml');
    const compose = await vscode.workspace.openTextDocument(composeUri);
    assert.strictEqual(compose.languageId, 'dockercompose');
    const diagnostics = await diagnosticsFor(composeUri);
    assert.ok(diagnostics.some((d) => typeof d.code === 'object' && d.code.value === 'compose-version-obsolete'));
    const dev = await vscode.workspace.openTextDocument(workspaceFile('docker-compose.dev.yml'));
    assert.strictEqual(dev.languageId, 'dockercompose');
  });

  it('re-lints when a rule is turned off in the settings', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM ubuntu\nRUN cd /tmp\nUSER nobody\n',
    });
    const codes = (d: vscode.Diagnostic[]) =>
      d
        .map((x) => (typeof x.code === 'object' ? x.code.value : x.code))
        .sort()
        .join(',');
    await diagnosticsFor(document.uri, (d) => codes(d) === 'no-cd-in-run,pin-base-image');
    const config = vscode.workspace.getConfiguration('dockerCoach');
    await config.update('rules', { DL3003: 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsFor(document.uri, (d) => codes(d) === 'pin-base-image');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsFor(document.uri, (d) => codes(d) === 'no-cd-in-run,pin-base-image');
  });

  it('runs the rules of the preset chosen in the settings', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content:
        'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER 65534\n',
    });
    const codes = (d: vscode.Diagnostic[]) =>
      d
        .map((x) => (typeof x.code === 'object' ? x.code.value : x.code))
        .sort()
        .join(',');
    await diagnosticsFor(document.uri, (d) => codes(d) === 'pin-base-image');
    const config = vscode.workspace.getConfiguration('dockerCoach');
    await config.update('preset', 'strict', vscode.ConfigurationTarget.Global);
    try {
      // The OS package pin is in the strict preset only.
      await diagnosticsFor(document.uri, (d) => codes(d) === 'apt-get-pin-versions,pin-base-image');
    } finally {
      await config.update('preset', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsFor(document.uri, (d) => codes(d) === 'pin-base-image');
  });

  it('restarts the language server after it crashes', async () => {
    const serverPath = path.join(extension.extensionPath, 'dist', 'server.js');
    const pids = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(serverPath))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
    assert.strictEqual(pids.length, 1, `expected one server process, found ${pids.length}`);
    // A document open while the server dies, and edited right after: the edit stays, and the restarted server lints it.
    const open = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM alpine:3.20\nUSER nobody\n',
    });
    const editor = await vscode.window.showTextDocument(open);
    process.kill(pids[0], 'SIGKILL');
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'MAINTAINER me\n')));
    assert.strictEqual(open.getText(), 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n', 'the edit is not lost');
    const afterEdit = await diagnosticsFor(open.uri, (d) =>
      d.some((x) => typeof x.code === 'object' && x.code.value === 'maintainer-deprecated'),
    );
    assert.strictEqual(
      afterEdit.find((d) => typeof d.code === 'object' && d.code.value === 'maintainer-deprecated')?.range.start.line,
      1,
    );
    // A document opened after the crash is linted by the restarted server.
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n',
    });
    const diagnostics = await diagnosticsFor(document.uri);
    assert.strictEqual(typeof diagnostics[0].code === 'object' && diagnostics[0].code.value, 'maintainer-deprecated');
    await vscode.window.showTextDocument(open);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens a lesson in the lesson panel, and rule pages and linked lessons in the same panel', async () => {
    // The picture: the sample Dockerfile on the left, the lesson beside it.
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(workspaceFile('Dockerfile')),
      vscode.ViewColumn.One,
    );
    await vscode.commands.executeCommand('editor.action.hideHover');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('dockerCoach.openLesson', 'layers-and-cache');
    let state = await lessonState(true);
    assert.deepStrictEqual(state.page, { kind: 'lesson', id: 'layers-and-cache' });
    assert.deepStrictEqual(state.renderedPage, state.page, 'the view has rendered the lesson');
    assert.ok(state.visible);
    assert.strictEqual(state.title, 'Layers and the build cache');
    assert.strictEqual(lessonTabs().length, 1);
    await screenshot('lesson');

    // "Explain This Rule" (also the diagnostics' code action) shows the rule's page in the same panel.
    await vscode.commands.executeCommand('dockerCoach.explainRule', 'non-root-user');
    state = await lessonState(true);
    assert.deepStrictEqual(state.renderedPage, { kind: 'rule', id: 'non-root-user' });
    assert.strictEqual(state.title, 'Rule: non-root-user');
    assert.strictEqual(lessonTabs().length, 1, 'one panel, reused');
    await screenshot('rule-page');

    // A diagnostic's code link (in the Problems panel and the hover) runs "Explain This Rule" for its rule.
    const dockerfile = workspaceFile('Dockerfile');
    const pin = (await diagnosticsFor(dockerfile)).find(
      (d) => typeof d.code === 'object' && d.code.value === 'pin-base-image',
    )!;
    assert.ok(typeof pin.code === 'object');
    await vscode.commands.executeCommand(pin.code.target.path, ...JSON.parse(pin.code.target.query));
    assert.deepStrictEqual((await lessonState(true)).renderedPage, { kind: 'rule', id: 'pin-base-image' });
    // Hovers link rule pages the same way (and allow only that command).
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      dockerfile,
      new vscode.Position(2, 2),
    );
    assert.match(
      hoverText(hovers),
      /\[maintainer-deprecated\]\(command:dockerCoach\.explainRule\?%5B%22maintainer-deprecated%22%5D\)/,
    );
    // The finding's lesson is a link that opens it in the panel.
    const lessonLink =
      /Lesson: \[Writing a Dockerfile\]\((command:dockerCoach\.openLesson\?%5B%22writing-dockerfiles%22%5D)\)/.exec(
        hoverText(hovers),
      );
    assert.ok(lessonLink, hoverText(hovers));
    const lessonCommand = vscode.Uri.parse(lessonLink[1]);
    await vscode.commands.executeCommand(lessonCommand.path, ...JSON.parse(decodeURIComponent(lessonCommand.query)));
    assert.deepStrictEqual((await lessonState(true)).renderedPage, { kind: 'lesson', id: 'writing-dockerfiles' });
    await vscode.commands.executeCommand('dockerCoach.explainRule', 'non-root-user');

    // A rule page's link to its lesson (../../lessons/<id>.md), and back.
    await vscode.commands.executeCommand('dockerCoach._followLessonLink', '../../lessons/security.md');
    assert.deepStrictEqual((await lessonState(true)).renderedPage, { kind: 'lesson', id: 'security' });
    await vscode.commands.executeCommand('dockerCoach._followLessonLink', 'view:back');
    assert.deepStrictEqual((await lessonState(true)).renderedPage, { kind: 'rule', id: 'non-root-user' });
    await vscode.commands.executeCommand('dockerCoach._followLessonLink', 'lesson:compose');
    assert.deepStrictEqual((await lessonState(true)).renderedPage, { kind: 'lesson', id: 'compose' });
  });

  it('inserts a snippet from a lesson link into the editor the user worked in', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '' });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand(
      'dockerCoach._followLessonLink',
      'snippet:dockerfile/Python%20app%20(pip%2C%20non-root)',
    );
    assert.match(document.getText(), /^# syntax=docker\/dockerfile:1\nFROM python:3\.12-slim\n/);
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('starts an exercise as an untitled document and checks it through the server', async () => {
    await vscode.commands.executeCommand('dockerCoach.openLesson', 'layers-and-cache');
    const { exercises } = await lessonState(true);
    assert.ok(exercises?.length, 'the server lists the exercises');
    const exercise = exercises.find((e) => e.lesson === 'layers-and-cache') ?? exercises[0];
    const uri = await vscode.commands.executeCommand<string>('dockerCoach.startExercise', exercise.lesson);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(document, 'the exercise document is open');
    assert.ok(document.isUntitled, 'the starter opens as an untitled document, never over a file');
    assert.strictEqual(document.languageId, exercise.language);
    assert.strictEqual(document.getText(), exercise.starter);
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);
    assert.deepStrictEqual((await lessonState()).exerciseDocuments.find((d) => d.uri === uri)?.lesson, exercise.lesson);

    // The check's notification would cover the panel in the picture: Do Not Disturb keeps it in the notification centre.
    await vscode.commands.executeCommand('notifications.toggleDoNotDisturbMode');
    try {
      const result = await vscode.commands.executeCommand<CheckExerciseResult | undefined>('dockerCoach.checkExercise');
      assert.ok(result && result.goals.length > 0, 'the check returns the goals');
      assert.strictEqual(result.lesson, exercise.lesson);
      assert.strictEqual(result.passed, false, 'the starter does not pass its own check');
      const state = await lessonState(true);
      assert.deepStrictEqual(state.renderedPage, { kind: 'lesson', id: exercise.lesson });
      assert.deepStrictEqual(state.results, result, 'the panel shows the result');
      assert.ok(!state.completed.includes(exercise.lesson));
      await screenshot('exercise-result');
      // The reference solution passes every goal, and the lesson is then marked completed.
      const solution = EXERCISES.find((e) => e.lesson === exercise.lesson)!.solution;
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, document.lineCount, 0), solution));
      const solved = await vscode.commands.executeCommand<CheckExerciseResult | undefined>('dockerCoach.checkExercise');
      assert.strictEqual(
        solved?.passed,
        true,
        `the reference solution passes: ${JSON.stringify(solved?.goals.filter((g) => !g.passed))}`,
      );
      assert.ok(
        (await lessonState()).completed.includes(exercise.lesson),
        'a passed exercise marks its lesson completed',
      );
    } finally {
      await vscode.commands.executeCommand('notifications.toggleDoNotDisturbMode');
    }
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers the walkthrough, whose first step opens a practice Dockerfile with mistakes', async () => {
    const walkthroughs = extension.packageJSON.contributes.walkthroughs as { id: string; steps: { id: string }[] }[];
    assert.deepStrictEqual(
      walkthroughs[0].steps.map((s) => s.id),
      ['openDockerfile', 'seeDiagnostic', 'applyFix', 'openLesson'],
    );
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#getStarted`, false);
    await screenshot('walkthrough');
    await vscode.commands.executeCommand('dockerCoach.openPracticeDockerfile');
    const document = vscode.window.activeTextEditor!.document;
    assert.ok(document.isUntitled);
    assert.strictEqual(document.languageId, 'dockerfile');
    const codes = (await diagnosticsFor(document.uri, (d) => d.length >= 5)).map((d) =>
      typeof d.code === 'object' ? d.code.value : d.code,
    );
    for (const expected of ['pin-base-image', 'maintainer-deprecated', 'absolute-workdir', 'apt-get-yes'])
      assert.ok(codes.includes(expected), `${expected} in ${codes.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('contributes snippets and commands', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(0, 0),
    );
    const snippets = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      snippets.some((s) => s.startsWith('docker-')),
      `no Docker Coach snippets among: ${snippets.join(', ')}`,
    );
    // Each of our snippets once: VS Code lists a snippet once per prefix.
    const ours = snippets.filter((s) => s.startsWith('docker-') || s.startsWith('FROM-') || s.startsWith('RUN-'));
    assert.deepStrictEqual(ours, [...new Set(ours)]);
    assert.strictEqual(
      ours.length,
      Object.keys(
        JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'snippets', 'dockerfile.json'), 'utf8')),
      ).length,
      ours.join(', '),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const commands = await vscode.commands.getCommands(true);
    for (const command of [
      'dockerCoach.explainRule',
      'dockerCoach.fixAllSafe',
      'dockerCoach.restartServer',
      'dockerCoach.showOutput',
      'dockerCoach.openLesson',
      'dockerCoach.startExercise',
      'dockerCoach.checkExercise',
      'dockerCoach.resetLessonProgress',
      'dockerCoach.openPracticeDockerfile',
      'dockerCoach.lintWorkspace',
      'dockerCoach.clearWorkspaceLint',
    ]) {
      assert.ok(commands.includes(command), command);
    }
  });

  it('runs the real ShellCheck on RUN scripts and shows its findings at the right place', async () => {
    const content = 'FROM alpine:3.20\nRUN cd /tmp && \\\n    echo $GREETING\nUSER nobody\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content });
    await vscode.window.showTextDocument(doc);
    const shellcheck = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'shellcheck');
    const found = await new Promise<vscode.Diagnostic[]>((resolve) => {
      if (shellcheck().length) return resolve(shellcheck());
      const listener = vscode.languages.onDidChangeDiagnostics(() => {
        if (shellcheck().length) {
          listener.dispose();
          resolve(shellcheck());
        }
      });
    });
    const sc2086 = found.find((d) => (typeof d.code === 'object' ? d.code.value === 'SC2086' : d.code === 'SC2086'));
    assert.ok(
      sc2086,
      `SC2086 expected, got ${found.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).join(', ')}`,
    );
    assert.strictEqual(doc.getText(sc2086.range), '$GREETING');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lints .dockerignore files as their own language', async () => {
    const file = await vscode.workspace.openTextDocument(workspaceFile('Dockerfile.good.dockerignore'));
    assert.strictEqual(file.languageId, 'dockerignore');
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerignore', content: '.git\nsrc\\build\n' });
    const diagnostics = await diagnosticsFor(doc.uri);
    assert.deepStrictEqual(
      diagnostics.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, doc.getText(d.range)]),
      [['dockerignore-backslash', '\\']],
    );
  });

  it('follows a .hadolint.yaml in the workspace, and reports its mistakes in that file', async () => {
    const dockerfile = workspaceFile('Dockerfile');
    const config = workspaceFile('.hadolint.yaml');
    const codes = (d: vscode.Diagnostic[]) => d.map((x) => (typeof x.code === 'object' ? x.code.value : x.code));
    await vscode.workspace.openTextDocument(dockerfile);
    await diagnosticsFor(dockerfile, (d) => codes(d).includes('pin-base-image'));
    try {
      await vscode.workspace.fs.writeFile(config, Buffer.from('ignored: [DL3007]\nfailure-treshold: warning\n'));
      await diagnosticsFor(dockerfile, (d) => d.length > 0 && !codes(d).includes('pin-base-image'));
      const problems = await diagnosticsFor(config);
      assert.match(problems[0].message, /Unknown setting "failure-treshold": did you mean "failure-threshold"\?/);
      assert.strictEqual(problems[0].range.start.line, 1);
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticsFor(dockerfile, (d) => codes(d).includes('pin-base-image'));
  });

  it('fixes all safe problems on save through editor.codeActionsOnSave', async () => {
    const uri = workspaceFile('save-test.Dockerfile');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from('FROM alpine:3.20\nMAINTAINER me\nRUN apk add curl=8.9.1-r2\nUSER nobody\n'),
    );
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'dockerfile' });
    await config.update(
      'codeActionsOnSave',
      { 'source.fixAll.docker-coach': 'always' },
      vscode.ConfigurationTarget.Global,
      true,
    );
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      await diagnosticsFor(uri, (d) => d.length >= 2);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved by the test\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      const saved = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      assert.strictEqual(
        saved,
        '# saved by the test\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\nRUN apk add --no-cache curl=8.9.1-r2\nUSER nobody\n',
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('applies the preferred quick fix from the light bulb (editor.action.autoFix)', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n',
    });
    const editor = await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsFor(document.uri, (d) =>
      d.some((x) => typeof x.code === 'object' && x.code.value === 'maintainer-deprecated'),
    );
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    const changed = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) {
          listener.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('editor.action.autoFix');
    await changed;
    assert.strictEqual(
      document.getText(),
      'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\nUSER nobody\n',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('inserts a snippet quick fix the user completes (pin a base image tag)', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM node\nUSER node\n',
    });
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(document.uri, (d) =>
      d.some((x) => typeof x.code === 'object' && x.code.value === 'pin-base-image'),
    );
    const pin = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'pin-base-image')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      pin.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((a) => a.title.startsWith('Pin node to a version tag'));
    assert.ok(action?.command, `snippet action expected, got: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.strictEqual(document.getText(), 'FROM node:22\nUSER node\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('edits compose files: schema error with did-you-mean, hover, completion and go to definition', async () => {
    const content =
      'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n    restart: unless-stopped\n    helthcheck:\n      test: ["CMD", "true"]\n  db:\n    image: postgres:16\n';
    const document = await vscode.workspace.openTextDocument({ language: 'dockercompose', content });
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsFor(document.uri, (d) =>
      d.some((x) => typeof x.code === 'object' && x.code.value === 'compose-schema'),
    );
    const schema = diagnostics.find((d) => typeof d.code === 'object' && d.code.value === 'compose-schema')!;
    assert.strictEqual(document.getText(schema.range), 'helthcheck');
    assert.match(schema.message, /did you mean `healthcheck`\?/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(5, 15),
    );
    assert.match(hoverText(hovers), /unless-stopped/);

    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      new vscode.Position(4, 9),
    );
    const target = definitions[0];
    const range = 'targetRange' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.strictEqual(range.start.line, 8, 'depends_on "db" leads to the db service');

    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.insert(new vscode.Position(10, 0), '    \n'));
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(10, 4),
    );
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.includes('healthcheck') && labels.includes('volumes'),
      `service keys expected, got ${labels.slice(0, 20).join(', ')}`,
    );
    assert.ok(!labels.includes('image'), 'a key the service already has is not offered again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows a Compose project across its files: definition into the included file, a variable from .env', async () => {
    // samples/compose-project: compose.yaml includes db/database.yaml; compose.override.yaml and .env beside it.
    const uri = workspaceFile('compose-project/compose.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'dockercompose');
    const text = document.getText();
    const at = (needle: string, inside: string) =>
      document.positionAt(text.indexOf(needle) + needle.indexOf(inside) + 1);

    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      uri,
      at('      - db\n', 'db'),
    );
    assert.strictEqual(definitions.length, 1, 'the db service is defined once, in the included file');
    const target = definitions[0];
    const targetUri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetRange' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.strictEqual(targetUri.toString(), workspaceFile('compose-project/db/database.yaml').toString());
    const included = await vscode.workspace.openTextDocument(targetUri);
    assert.strictEqual(included.getText(range), 'db');
    assert.strictEqual(included.lineAt(range.start.line).text, '  db:');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      at('${NGINX_VERSION}', 'NGINX'),
    );
    const hover = hoverText(hovers);
    assert.match(
      hover,
      /\*\*Variable `NGINX_VERSION`\*\*: set to `1\.27\.3-alpine` in \[\.env\]\([^)]*compose-project\/\.env#L2\) \(line 2\)/,
    );
    assert.match(hover, /Compose puts `1\.27\.3-alpine` here\./);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('edits Dockerfiles: flag hover, flag completion, go to a stage, rename it, and insert a starter snippet', async () => {
    const content =
      'FROM golang:1.23 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nCOPY \nENTRYPOINT ["/app"]\n';
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content });
    const editor = await vscode.window.showTextDocument(document);

    const mountHover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(2, 8),
    );
    assert.match(hoverText(mountHover), /cache/i, 'the --mount flag is explained');

    const flags = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(5, 5),
      '-',
    );
    await editor.edit((b) => b.insert(new vscode.Position(5, 5), '--'));
    const afterDashes = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(5, 7),
    );
    const labels = [...flags.items, ...afterDashes.items].map((i) =>
      typeof i.label === 'string' ? i.label : i.label.label,
    );
    assert.ok(
      labels.some((l) => l.startsWith('--chown')) && labels.some((l) => l.startsWith('--from')),
      `COPY flags expected, got ${labels.slice(0, 15).join(', ')}`,
    );
    await editor.edit((b) => b.delete(new vscode.Range(5, 5, 5, 7)));

    // After "--mount=" the type= item opens the list of mount types again (no Ctrl+Space needed).
    await editor.edit((b) => b.insert(new vscode.Position(5, 0), 'RUN --mount=\n'));
    const mountOptions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(5, 12),
      '=',
    );
    const typeItem = mountOptions.items.find((i) => i.label === 'type=');
    assert.strictEqual(typeItem?.command?.command, 'editor.action.triggerSuggest');
    await editor.edit((b) => b.insert(new vscode.Position(5, 12), 'type='));
    const types = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(5, 17),
    );
    const typeLabels = types.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map((i) => i.label);
    assert.deepStrictEqual(typeLabels.sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
    await editor.edit((b) => b.delete(new vscode.Range(5, 0, 6, 0)));

    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      new vscode.Position(4, 14),
    );
    const target = definitions[0];
    const range = 'targetRange' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.strictEqual(document.getText(range), 'build');
    assert.strictEqual(range.start.line, 0);

    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      new vscode.Position(0, 22),
      'builder',
    );
    assert.ok(await vscode.workspace.applyEdit(rename));
    assert.match(document.getText(), /^FROM golang:1\.23 AS builder\n/);
    assert.match(document.getText(), /COPY --from=builder \/out\/app \/app/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const fresh = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '' });
    await vscode.window.showTextDocument(fresh);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'dockerfile',
      name: 'Go multi-stage to distroless',
    });
    assert.match(fresh.getText(), /^FROM golang:/m, 'the starter snippet is inserted');
    assert.match(fresh.getText(), /distroless/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  it('lints the workspace into the Problems panel, and shows the server state in the status bar', async () => {
    type StatusState = { state: string; text: string; command: string | undefined; visible: boolean };
    const status = () => vscode.commands.executeCommand<StatusState>('dockerCoach._statusState');
    const folder = workspaceFile('lint-workspace-test');
    const closed = vscode.Uri.joinPath(folder, 'Dockerfile');
    const skipped = vscode.Uri.joinPath(folder, 'node_modules', 'pkg', 'Dockerfile');
    await vscode.workspace.fs.writeFile(closed, Buffer.from('FROM alpine:3.20\nMAINTAINER me\nUSER nobody\n'));
    await vscode.workspace.fs.writeFile(skipped, Buffer.from('FROM ubuntu\n'));
    try {
      const document = await vscode.workspace.openTextDocument({
        language: 'dockerfile',
        content: 'FROM alpine:3.20\nUSER nobody\n',
      });
      await vscode.window.showTextDocument(document);
      const ready = await status();
      assert.deepStrictEqual(
        [ready.state, ready.text, ready.command, ready.visible],
        ['ready', '$(check) Docker Coach', 'dockerCoach.showOutput', true],
      );

      const result = await vscode.commands.executeCommand<{
        files: number;
        linted: number;
        problems: number;
        cancelled: boolean;
      }>('dockerCoach.lintWorkspace');
      assert.ok(result && !result.cancelled && result.files >= 6, JSON.stringify(result));
      // A file nobody opened has its problems in the Problems panel; node_modules is skipped.
      const codes = (await diagnosticsFor(closed)).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
      assert.deepStrictEqual(codes, ['maintainer-deprecated']);
      assert.deepStrictEqual(vscode.languages.getDiagnostics(skipped), []);
      assert.strictEqual((await status()).state, 'ready', 'back to ready once the lint ends');

      assert.ok(((await vscode.commands.executeCommand<number>('dockerCoach.clearWorkspaceLint')) ?? 0) >= 6);
      await diagnosticsFor(closed, (d) => d.length === 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
