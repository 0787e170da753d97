/** no-quotes-in-volumes: quotes that change nothing, in YAML 1.2 and 1.1 alike. */
import * as assert from 'assert';
import { applyEdits, fixedBy, flaggedBy, lintText } from '../../support/lint';

const rule = 'no-quotes-in-volumes';

const flagged = (text: string) => flaggedBy(rule, text);

const fixed = (text: string) => fixedBy(rule, text);

const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe('no-quotes-in-volumes', () => {
  it('unquotes volumes only when the plain value is the same string', () => {
    const text = svc(
      '    volumes:\n      - "./a:/a"\n      - \'b:/b\'\n      - "./c #1:/c"\n      - "./d: x:/d"\n      - "8080"\n',
    );
    assert.deepStrictEqual(flagged(text), ['"./a:/a"', "'b:/b'"]);
    assert.deepStrictEqual(flagged(svc('    volumes: ["./a,b:/a"]\n')), []);
    assert.strictEqual(fixed(svc('    volumes: ["./a:/a"]\n')), svc('    volumes: [./a:/a]\n'));
  });

  it('keeps quotes YAML 1.1 needs, as quote-ports asks for them', () => {
    // Strings in YAML 1.2, but a base-60 number, a boolean and a date in YAML 1.1.
    assert.deepStrictEqual(
      flagged(svc('    volumes:\n      - "22:22"\n      - "yes"\n      - "2024-01-01"\n      - "data:/data"\n')),
      ['"data:/data"'],
    );
    // Quoting a port that YAML 1.1 misreads, then running both rules' fixes, changes nothing more.
    const ports = svc('    ports:\n      - 22:22\n');
    const quoted = applyEdits(
      ports,
      lintText(ports, 'dockercompose').findings.find((f) => f.rule.id === 'quote-ports')!.fixes!()[0].edits,
    );
    assert.deepStrictEqual(
      ruleIdsOf(quoted).filter((id) => id === 'quote-ports' || id === rule),
      [],
    );
  });
});

function ruleIdsOf(text: string): string[] {
  return lintText(text, 'dockercompose').findings.map((f) => f.rule.id);
}
