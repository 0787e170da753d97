import * as assert from 'assert';
import { CodeActionKind } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, FIX_ALL_KIND } from '../../server/src/protocol';
import { fixAllText, selectNonOverlapping } from '../../server/src/engine/fixes';
import type { RuleFinding } from '../../server/src/engine/lint';
import { TextEdit } from 'vscode-languageserver-types';
import { DockerCoachService } from '../../server/src/service/languageService';
import { PLAIN_EDITS } from '../../server/src/service/codeActions';
import { applyEdits, docOf, lintText, ruleIds } from '../support/lint';

describe('fix-all', () => {
  it('reaches a fixed point and never applies unsafe fixes', () => {
    const text =
      'FROM debian:12-slim\nMAINTAINER me\nRUN apt-get update\nRUN apt-get install curl\nADD app.sh /app.sh\nCMD ["/app.sh"]\n';
    const result = fixAllText(docOf(text), DEFAULT_SETTINGS);
    assert.ok(result.passes < 10);
    assert.strictEqual(
      result.text,
      // The update is merged into the install first; the cleanup then goes at the end of the merged RUN.
      'FROM debian:12-slim\nLABEL org.opencontainers.image.authors="me"\nRUN apt-get update && \\\n    apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY app.sh /app.sh\nCMD ["/app.sh"]\n',
    );
    // What is left needs a person: the unsafe user fix and --no-install-recommends.
    assert.deepStrictEqual(ruleIds(lintText(result.text)).sort(), ['apt-get-no-recommends', 'non-root-user']);
  });

  it('is offered as source.fixAll.docker-coach and as a per-rule quick fix', () => {
    const service = new DockerCoachService({
      docsBaseUri: 'file:///d',
      features: { ...PLAIN_EDITS, explainCommand: true },
    });
    const document = docOf('FROM alpine:3.20\nADD a /a\nADD b /b\nUSER nobody\n');
    const fixAll = service.codeActions(document, { diagnostics: [], only: [FIX_ALL_KIND] }, DEFAULT_SETTINGS);
    assert.strictEqual(fixAll.length, 1);
    assert.strictEqual(fixAll[0].kind, FIX_ALL_KIND);
    const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
    const actions = service.codeActions(
      document,
      { diagnostics: [diagnostics[0]], only: [CodeActionKind.QuickFix] },
      DEFAULT_SETTINGS,
    );
    const titles = actions.map((a) => a.title);
    assert.deepStrictEqual(titles, [
      'Replace ADD with COPY',
      'Fix all "copy-not-add" problems in this file',
      'Disable "copy-not-add" for this line',
      'Disable "copy-not-add" for this file',
      'Explain "copy-not-add"',
    ]);
    assert.strictEqual(actions[0].isPreferred, true);
    const edit = actions[1].edit!.changes![document.uri];
    assert.strictEqual(applyEdits(document.getText(), edit), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\nUSER nobody\n');
  });

  it('computes the per-rule fix-all only on codeAction/resolve when the editor supports it', () => {
    const service = new DockerCoachService({
      docsBaseUri: 'file:///d',
      features: { snippetCommand: false, createFiles: false, documentChanges: false, resolveEdits: true },
    });
    const document = docOf('FROM alpine:3.20\nADD a /a\nADD b /b\nUSER nobody\n');
    const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
    const actions = service.codeActions(
      document,
      { diagnostics: [diagnostics[0]], only: [CodeActionKind.QuickFix] },
      DEFAULT_SETTINGS,
    );
    const lazy = actions.find((a) => a.title === 'Fix all "copy-not-add" problems in this file')!;
    assert.strictEqual(lazy.edit, undefined);
    const resolved = service.resolveCodeAction(JSON.parse(JSON.stringify(lazy)), document, DEFAULT_SETTINGS);
    assert.strictEqual(
      applyEdits(document.getText(), resolved.edit!.changes![document.uri]),
      'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\nUSER nobody\n',
    );
    const stale = service.resolveCodeAction(
      { ...lazy, data: { ...(lazy.data as object), version: 99 } },
      document,
      DEFAULT_SETTINGS,
    );
    assert.strictEqual(stale.edit, undefined, 'an action for an older version is not resolved against new text');
  });
});

describe('disable actions', () => {
  const service = new DockerCoachService({ docsBaseUri: 'file:///d' });
  function actionsFor(text: string, rule: string) {
    const document = docOf(text);
    const diagnostic = service.diagnostics(document, DEFAULT_SETTINGS).find((d) => d.code === rule)!;
    return { document, actions: service.codeActions(document, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS) };
  }
  it('write our pragma above the instruction, and the result is clean for that rule', () => {
    const text = 'FROM alpine:3.20\n  RUN ls && \\\n    cd /tmp\nUSER nobody\n';
    const { document, actions } = actionsFor(text, 'no-cd-in-run');
    const line = actions.find((a) => a.title === 'Disable "no-cd-in-run" for this line')!;
    const fixed = applyEdits(text, line.edit!.changes![document.uri]);
    assert.strictEqual(
      fixed,
      'FROM alpine:3.20\n  # docker-coach ignore=no-cd-in-run\n  RUN ls && \\\n    cd /tmp\nUSER nobody\n',
    );
    assert.ok(!ruleIds(lintText(fixed)).includes('no-cd-in-run'));
  });
  it('write hadolint pragmas when the file already uses them, after parser directives', () => {
    const text = '# syntax=docker/dockerfile:1\n# hadolint ignore=DL3006\nFROM ubuntu\nRUN cd /tmp\nUSER nobody\n';
    const { document, actions } = actionsFor(text, 'no-cd-in-run');
    const file = actions.find((a) => a.title === 'Disable "no-cd-in-run" for this file')!;
    const fixed = applyEdits(text, file.edit!.changes![document.uri]);
    assert.strictEqual(
      fixed,
      '# syntax=docker/dockerfile:1\n# hadolint global ignore=DL3003\n# hadolint ignore=DL3006\nFROM ubuntu\nRUN cd /tmp\nUSER nobody\n',
    );
    assert.deepStrictEqual(ruleIds(lintText(fixed)), []);
  });
  it('add to an existing pragma on the line above', () => {
    const source = 'FROM alpine:3.20\n# docker-coach ignore=copy-not-add\nRUN cd /tmp\nUSER nobody\n';
    const { document, actions } = actionsFor(source, 'no-cd-in-run');
    const line = actions.find((a) => a.title === 'Disable "no-cd-in-run" for this line')!;
    assert.strictEqual(
      applyEdits(source, line.edit!.changes![document.uri]),
      'FROM alpine:3.20\n# docker-coach ignore=copy-not-add,no-cd-in-run\nRUN cd /tmp\nUSER nobody\n',
    );
  });
});

describe('choosing non-overlapping fixes', () => {
  const document = docOf('0123456789'.repeat(10));
  const at = (offset: number) => document.positionAt(offset);
  /** A finding whose safe fix replaces (or, with equal ends, inserts at) each [start, end) with "x". */
  const finding = (...spans: [number, number][]) =>
    ({
      fixes: () => [
        {
          title: 'fix',
          safe: true,
          edits: spans.map(([start, end]) => TextEdit.replace({ start: at(start), end: at(end) }, 'x')),
        },
      ],
    }) as unknown as RuleFinding;
  const chosen = (...findings: RuleFinding[]) =>
    selectNonOverlapping(document, findings, () => true).map((e) => [
      document.offsetAt(e.range.start),
      document.offsetAt(e.range.end),
    ]);

  it('takes fixes in order, skipping one that overlaps an earlier pick wherever it is in the file', () => {
    assert.deepStrictEqual(chosen(finding([50, 60]), finding([10, 20]), finding([15, 55]), finding([30, 40])), [
      [50, 60],
      [10, 20],
      [30, 40],
    ]);
  });
  it('lets replacements touch, but not an insertion at their edge', () => {
    assert.deepStrictEqual(chosen(finding([10, 20]), finding([20, 30]), finding([30, 30]), finding([5, 5])), [
      [10, 20],
      [20, 30],
      [5, 5],
    ]);
  });
  it('skips a fix whose own edits overlap', () => {
    assert.deepStrictEqual(chosen(finding([0, 10], [40, 50], [5, 6]), finding([60, 70], [70, 70])), []);
    assert.deepStrictEqual(chosen(finding([0, 30], [10, 11], [40, 41])), []);
    assert.deepStrictEqual(chosen(finding([40, 41], [0, 10], [20, 25])), [
      [40, 41],
      [0, 10],
      [20, 25],
    ]);
  });
});
