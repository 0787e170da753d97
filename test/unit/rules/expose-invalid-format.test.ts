/** expose-invalid-format: IP addresses and host ports in EXPOSE (BuildKit's ExposeInvalidFormat). */
import * as assert from 'assert';
import { applyEdits, lintText } from '../../support/lint';

/** The findings of one rule: message and the text its range covers. */
function findings(text: string, rule: string): { message: string; text: string }[] {
  const result = lintText(text, 'dockerfile');
  return result.findings
    .filter((f) => f.rule.id === rule)
    .map((f) => ({ message: f.message, text: result.document.getText(f.range) }));
}

function firstFix(text: string, rule: string): string | null {
  const finding = lintText(text, 'dockerfile').findings.find((f) => f.rule.id === rule);
  const fix = finding?.fixes?.()[0];
  return fix ? applyEdits(text, fix.edits) : null;
}

describe('expose-invalid-format', () => {
  it('keeps the container port, IPv6 included, and leaves variables alone', () => {
    assert.strictEqual(firstFix('FROM nginx:1.27\nEXPOSE [::1]:8080:80/udp\nUSER nginx\n', 'expose-invalid-format'), 'FROM nginx:1.27\nEXPOSE 80/udp\nUSER nginx\n');
    assert.deepStrictEqual(findings('FROM nginx:1.27\nARG P=80\nEXPOSE ${P}\nUSER nginx\n', 'expose-invalid-format'), []);
  });
  it('keeps a container port with a bare trailing slash', () => {
    assert.strictEqual(firstFix('FROM nginx:1.27\nEXPOSE 8080:80/\nUSER nginx\n', 'expose-invalid-format'), 'FROM nginx:1.27\nEXPOSE 80/\nUSER nginx\n');
  });
});
