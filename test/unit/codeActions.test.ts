/** Code actions: which finding a diagnostic stands for, the per-rule fix-all offer, and the order of the light bulb. */
import * as assert from 'assert';
import { CodeActionKind } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DISABLE_KIND, EXPLAIN_KIND, PLAIN_EDITS } from '../../server/src/service/codeActions';
import { DockerCoachService } from '../../server/src/service/languageService';
import { docOf } from '../support/lint';

describe('code actions', () => {
  // The VS Code client's features: it runs the "Explain" command.
  const service = new DockerCoachService({
    docsBaseUri: 'file:///d',
    features: { ...PLAIN_EDITS, explainCommand: true },
  });
  // Two RUNs whose apt-get install is flagged by several rules at the same place.
  const document = docOf(
    'FROM debian:12\nRUN apt-get update && apt-get install curl\nRUN apt-get update && apt-get install git\nUSER nobody\n',
  );
  const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
  const titlesFor = (code: string, line: number) => {
    const diagnostic = diagnostics.find((d) => d.code === code && d.range.start.line === line);
    assert.ok(diagnostic, `${code} on line ${line}`);
    return service.codeActions(document, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).map((a) => a.title);
  };

  it('answers for the rule of the diagnostic among findings that start at the same place', () => {
    const sameStart = diagnostics.filter(
      (d) =>
        d.range.start.line === 2 &&
        d.range.start.character ===
          diagnostics.find((x) => x.code === 'apt-get-yes' && x.range.start.line === 2)!.range.start.character,
    );
    assert.ok(sameStart.length >= 2, sameStart.map((d) => d.code).join(', '));
    for (const d of sameStart) assert.ok(titlesFor(String(d.code), 2).includes(`Explain "${d.code}"`), String(d.code));
  });

  it('offers "Explain" only to a client that runs its command', () => {
    const plain = new DockerCoachService({ docsBaseUri: 'file:///d' });
    const diagnostic = plain.diagnostics(document, DEFAULT_SETTINGS).find((d) => d.code === 'apt-get-yes')!;
    const titles = plain.codeActions(document, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).map((a) => a.title);
    assert.ok(titles.includes('Disable "apt-get-yes" for this file'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.startsWith('Explain')), titles.join(' | '));
  });

  it('offers fix-all of a rule only when the rule has more than one fixable finding', () => {
    assert.ok(titlesFor('apt-get-yes', 1).includes('Fix all "apt-get-yes" problems in this file'));
    const single = docOf('FROM debian:12\nRUN apt-get update && apt-get install curl\nUSER nobody\n');
    const [diagnostic] = service.diagnostics(single, DEFAULT_SETTINGS).filter((d) => d.code === 'apt-get-yes');
    const titles = service.codeActions(single, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).map((a) => a.title);
    assert.ok(
      titles.includes('Explain "apt-get-yes"') && !titles.some((t) => t.startsWith('Fix all')),
      titles.join(' | '),
    );
  });

  it('lists the preferred fixes first, then the other fixes, fix-all, disable and explain, each once per rule', () => {
    // One token flagged by three rules, twice in the same RUN: 21 flat entries before.
    const doc = docOf('FROM debian:12\nRUN apt-get install curl && apt-get install git\nUSER nobody\n');
    const onRun = service.diagnostics(doc, DEFAULT_SETTINGS).filter((d) => d.range.start.line === 1);
    assert.deepStrictEqual(onRun.map((d) => d.code).sort(), [
      'apt-get-clean-lists',
      'apt-get-no-recommends',
      'apt-get-no-recommends',
      'apt-get-yes',
      'apt-get-yes',
    ]);
    const actions = service.codeActions(doc, { diagnostics: onRun }, DEFAULT_SETTINGS);
    assert.deepStrictEqual(
      actions.map((a) => [a.kind, a.isPreferred === true, a.title]),
      [
        [CodeActionKind.QuickFix, true, 'Remove /var/lib/apt/lists/* in the same RUN'],
        [CodeActionKind.QuickFix, true, 'Add -y'],
        [CodeActionKind.QuickFix, false, 'Add --no-install-recommends'],
        [CodeActionKind.QuickFix, false, 'Fix all "apt-get-yes" problems in this file'],
        [DISABLE_KIND, false, 'Disable "apt-get-clean-lists" for this line'],
        [DISABLE_KIND, false, 'Disable "apt-get-clean-lists" for this file'],
        [DISABLE_KIND, false, 'Disable "apt-get-no-recommends" for this line'],
        [DISABLE_KIND, false, 'Disable "apt-get-no-recommends" for this file'],
        [DISABLE_KIND, false, 'Disable "apt-get-yes" for this line'],
        [DISABLE_KIND, false, 'Disable "apt-get-yes" for this file'],
        [EXPLAIN_KIND, false, 'Explain "apt-get-clean-lists"'],
        [EXPLAIN_KIND, false, 'Explain "apt-get-no-recommends"'],
        [EXPLAIN_KIND, false, 'Explain "apt-get-yes"'],
      ],
    );
  });

  it('keeps one "disable for this line" per rule and instruction', () => {
    // apt-get-yes three times: twice in the RUN of lines 1-2 (one pragma above line 1), once in the RUN of line 3.
    const doc = docOf(
      'FROM debian:12\nRUN apt-get install curl \\\n && apt-get install git\nRUN apt-get install jq\nUSER nobody\n',
    );
    const yes = service.diagnostics(doc, DEFAULT_SETTINGS).filter((d) => d.code === 'apt-get-yes');
    assert.deepStrictEqual(
      yes.map((d) => d.range.start.line),
      [1, 2, 3],
    );
    const actions = service.codeActions(doc, { diagnostics: yes }, DEFAULT_SETTINGS);
    const lines = actions
      .filter((a) => a.title === 'Disable "apt-get-yes" for this line')
      .map((a) => a.edit!.changes![doc.uri][0]);
    assert.deepStrictEqual(
      lines.map((e) => [e.range.start.line, e.newText]),
      [
        [1, '# docker-coach ignore=apt-get-yes\n'],
        [3, '# docker-coach ignore=apt-get-yes\n'],
      ],
    );
    assert.deepStrictEqual(
      actions.filter((a) => a.kind !== CodeActionKind.QuickFix).map((a) => a.title),
      [
        'Disable "apt-get-yes" for this line',
        'Disable "apt-get-yes" for this line',
        'Disable "apt-get-yes" for this file',
        'Explain "apt-get-yes"',
      ],
    );
  });

  it('answers a request for one kind with that kind only', () => {
    const doc = docOf('FROM debian:12\nRUN apt-get install curl\nUSER nobody\n');
    const onRun = service.diagnostics(doc, DEFAULT_SETTINGS).filter((d) => d.range.start.line === 1);
    const kinds = (only: string[]) => [
      ...new Set(service.codeActions(doc, { diagnostics: onRun, only }, DEFAULT_SETTINGS).map((a) => a.kind)),
    ];
    assert.deepStrictEqual(kinds([DISABLE_KIND]), [DISABLE_KIND]);
    assert.deepStrictEqual(kinds([EXPLAIN_KIND]), [EXPLAIN_KIND]);
    assert.deepStrictEqual(kinds([CodeActionKind.QuickFix]), [CodeActionKind.QuickFix, DISABLE_KIND, EXPLAIN_KIND]);
  });
});
