/**
 * Security notes of issue 8, checked: hover markdown is never trusted by the
 * server (the client trusts only its own explain-rule command links), ShellCheck
 * is started without a shell, with an argument array, only when enabled, and a
 * rule that throws is logged once per session while the other rules still report.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DOCKERFILE_RULES } from '../../server/src/rules/registry';
import { DockerCoachService } from '../../server/src/service/languageService';
import { RuleErrorLog } from '../../server/src/service/ruleErrorLog';
import { fixtureInputs } from '../support/fuzz';
import { docOf, lintText, ruleIds } from '../support/lint';

const root = path.resolve(__dirname, '../../..');

function sources(folder: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts'))
        out.push({ file: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(root, folder));
  return out;
}

describe('security', () => {
  it('only the client marks markdown trusted, and only for the explain-rule and open-lesson commands', () => {
    const uses = [...sources('server/src'), ...sources('client/src')].flatMap(({ file, text }) =>
      // Without line numbers: edits elsewhere in the file must not break the test.
      text.split('\n').flatMap((line) => (/isTrusted\s*=|isTrusted:/.test(line) ? [`${file}: ${line.trim()}`] : [])),
    );
    assert.deepStrictEqual(uses, [
      'client/src/extension.ts: rewritten.isTrusted = { enabledCommands: [Commands.explainRule, Commands.openLesson] };',
    ]);
  });

  it('hovers from the service are never trusted and carry no command links', function () {
    this.timeout(60000);
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });
    let hovers = 0;
    for (const input of fixtureInputs(root)) {
      const document = docOf(input.text, input.language);
      service.diagnostics(document, DEFAULT_SETTINGS);
      for (let line = 0; line < Math.min(document.lineCount, 40); line++) {
        for (const character of [0, 2, 6, 12, 20]) {
          const hover = service.hover(document, { line, character });
          if (!hover) continue;
          hovers++;
          const json = JSON.stringify(hover);
          assert.doesNotMatch(json, /isTrusted|supportHtml/);
          assert.doesNotMatch(json, /\]\(command:/i, json);
        }
      }
    }
    assert.ok(hovers > 100, `${hovers} hovers`);
  });

  it('ShellCheck is started with an argument array, never through a shell', () => {
    const text = fs.readFileSync(path.join(root, 'server/src/shellcheck/shellcheck.ts'), 'utf8');
    const calls = text.match(/(?<![.\w])(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\(/g) ?? [];
    assert.deepStrictEqual([...new Set(calls)].sort(), ['execFile(', 'spawnSync(']);
    assert.doesNotMatch(text, /shell\s*:/);
    for (const call of text.matchAll(/\b(?:execFile|spawnSync)\(this\.executable, ([^,]+),/g))
      assert.match(call[1], /^(\[.*\]|args\(job\))$/);
    // Only the server and the CLI start it, and only when enabled.
    const server = fs.readFileSync(path.join(root, 'server/src/server.ts'), 'utf8');
    assert.match(server, /if \(!settings\.shellcheck\.enable\) return null;/);
    const others = [...sources('server/src'), ...sources('client/src')]
      .filter(({ file, text: t }) => !file.startsWith('server/src/shellcheck/') && /child_process/.test(t))
      .map((s) => s.file);
    assert.deepStrictEqual(others, []);
  });

  it('a rule that throws is logged once per session; the other rules still report', () => {
    const rule = DOCKERFILE_RULES.find((r) => r.id === 'maintainer-deprecated')!;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back, never called unbound
    const original = rule.check;
    (rule as { check: unknown }).check = () => {
      throw new Error('boom');
    };
    try {
      const logged: string[] = [];
      const log = new RuleErrorLog((message) => logged.push(message));
      for (let i = 0; i < 3; i++) {
        const result = lintText('FROM ubuntu\nMAINTAINER me\n');
        assert.ok(ruleIds(result).includes('pin-base-image'), 'other rules still report');
        assert.ok(result.notices.some((n) => /rule "maintainer-deprecated" failed/.test(n.message)));
        log.report(result);
      }
      assert.strictEqual(logged.length, 1);
      assert.match(logged[0], /Rule "maintainer-deprecated" failed[\s\S]*boom/);
    } finally {
      (rule as { check: unknown }).check = original;
    }
  });
});
