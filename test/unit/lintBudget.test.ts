import * as assert from 'assert';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { lint } from '../../server/src/engine/lint';
import { fixAllText } from '../../server/src/engine/fixes';
import { DockerCoachService } from '../../server/src/service/languageService';
import { DockerfileModel } from '../../server/src/dockerfile/model';
import { docOf } from '../support/lint';

/** Many RUNs that each need a shell parse and carry findings (apt-get without -y, no cleanup…). */
function manyRuns(count: number): string {
  return (
    'FROM debian:12\n' +
    Array.from({ length: count }, (_, i) => `RUN apt-get install pkg${i} && cp /a${i} /b${i}\n`).join('')
  );
}

const partialNotice = (messages: string[]) => messages.filter((m) => m.startsWith('Partial check'));

describe('lint time budget', () => {
  it('runs in full without a budget (the CLI), with no notice', () => {
    const result = lint(docOf(manyRuns(50)), DEFAULT_SETTINGS);
    assert.deepStrictEqual(partialNotice(result.notices.map((n) => n.message)), []);
    assert.ok(result.findings.some((f) => f.rule.id === 'apt-get-yes'));
  });

  it('stops when the budget is spent, keeps what was found and says so', () => {
    // A budget spent before the first rule: no rule runs, no RUN script is parsed.
    const result = lint(docOf(manyRuns(50)), DEFAULT_SETTINGS, undefined, {}, 0);
    assert.deepStrictEqual(result.findings, []);
    const [message] = partialNotice(result.notices.map((n) => n.message));
    assert.match(
      message,
      /^Partial check: this file took longer than 0 s to check, so 0 of \d+ rules ran; problems may be missing\. The command line linter \(docker-coach lint\) checks it in full\.$/,
    );
  });

  it('leaves RUN scripts unparsed past the deadline, and the model is not handed out again', () => {
    const service = new DockerCoachService({ docsBaseUri: 'file:///d', lintBudgetMs: 1e-9 });
    const document = docOf(manyRuns(400));
    const partial = service.lint(document, DEFAULT_SETTINGS);
    assert.ok(partial.model instanceof DockerfileModel);
    const [message] = partialNotice(partial.notices.map((n) => n.message));
    assert.ok(message, 'a partial notice');
    // Hover and other features get a model that parses on demand, not the one with holes.
    const full = new DockerCoachService({ docsBaseUri: 'file:///d' });
    assert.ok(full.lint(document, DEFAULT_SETTINGS).findings.length > partial.findings.length);
  });

  it('parses no RUN script past the model deadline, and answers again once it is lifted', () => {
    const model = new DockerfileModel(docOf(manyRuns(2)));
    const [first, second] = model.ast.getInstructions().filter((i) => i.getKeyword() === 'RUN');
    assert.strictEqual(model.shellScripts(first)?.[0].commands.length, 2);
    model.shellDeadline = 0;
    // Parsed before the deadline: still answered; not parsed yet: left out, and the model says so.
    assert.strictEqual(model.shellScripts(first)?.[0].commands.length, 2);
    assert.strictEqual(model.shellScripts(second), null);
    assert.strictEqual(model.shellSkipped, true);
    model.shellDeadline = Infinity;
    assert.strictEqual(model.shellScripts(second)?.[0].commands.length, 2);
  });

  it('shares the budget between the passes of fix-all', () => {
    const document = docOf(manyRuns(20));
    assert.deepStrictEqual(fixAllText(document, DEFAULT_SETTINGS, undefined, {}, 0), {
      text: document.getText(),
      passes: 0,
      applied: 0,
    });
    const full = fixAllText(document, DEFAULT_SETTINGS);
    assert.ok(full.applied > 0 && full.text !== document.getText());
  });
});
