/** exec-form-cmd: the JSON form where it says the same, exec before the last command where the shell is needed. */
import * as assert from 'assert';
import { appliedProposalsOf, findingsOf } from '../../support/lint';

const findings = (text: string) => findingsOf('exec-form-cmd', text);

/** Every fix of the first finding, applied on its own. */
const fixed = (text: string) => appliedProposalsOf('exec-form-cmd', text).map((p) => p.result);

const df = (instruction: string) => `FROM debian:12-slim\nUSER nobody\n${instruction}\n`;

describe('exec-form-cmd', () => {
  it('says nothing once a SHELL instruction set the shell, earlier in the stage or in a stage it builds on', () => {
    const lines = (text: string) => findings(text).map((f) => f.range.start.line);
    assert.deepStrictEqual(lines('FROM alpine:3.20\nCMD ./before\nSHELL ["/bin/ash", "-c"]\nCMD ./after\n'), [1]);
    assert.deepStrictEqual(
      lines('FROM alpine:3.20 AS base\nSHELL ["/bin/sh", "-c"]\nFROM base\nENTRYPOINT ./app\n'),
      [],
    );
    assert.deepStrictEqual(
      lines('FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3.20\nCMD ./app\n'),
      [3],
    );
  });
  it('converts a plain command to the JSON form', () => {
    assert.deepStrictEqual(fixed(df('CMD node server.js --port 8080')), [
      df('CMD ["node", "server.js", "--port", "8080"]'),
    ]);
    assert.match(findings(df('CMD node server.js'))[0].message, /use the JSON form/);
  });

  it('asks for exec before the last command when the shell is needed, and never offers a JSON array there', () => {
    const cases: [string, string, string][] = [
      ['CMD cd /srv && ./server', 'CMD cd /srv && exec ./server', 'several commands'],
      ['CMD setsid cron; tmux -2', 'CMD setsid cron; exec tmux -2', 'several commands'],
      [
        'CMD java $JAVA_OPTS -jar /app.jar',
        'CMD exec java $JAVA_OPTS -jar /app.jar',
        'a variable or command substitution',
      ],
      ['CMD ./server > /var/log/server.log 2>&1', 'CMD exec ./server > /var/log/server.log 2>&1', 'a redirection'],
      ['CMD ./server /etc/server/*.conf', 'CMD exec ./server /etc/server/*.conf', 'a wildcard'],
      ['ENTRYPOINT ./prepare || true; ./server', 'ENTRYPOINT ./prepare || true; exec ./server', 'several commands'],
    ];
    for (const [before, after, feature] of cases) {
      const [finding] = findings(df(before));
      assert.ok(finding, before);
      assert.ok(finding.message.includes(`(${feature})`), finding.message);
      assert.deepStrictEqual(fixed(df(before)), [df(after)], before);
      assert.deepStrictEqual(findings(df(after)), [], after);
    }
  });

  it('quoted wildcards and tildes need no shell', () => {
    assert.deepStrictEqual(fixed(df('CMD ./server "/etc/*.conf" \'~/x\'')), [
      df('CMD ["./server", "/etc/*.conf", "~/x"]'),
    ]);
  });

  it('says nothing when exec is already there, or when no single program can take over', () => {
    for (const instruction of [
      'CMD exec node server.js',
      'CMD cd /srv && exec ./server',
      'CMD echo test | wc -l',
      'CMD ./server || sleep infinity',
      'CMD ./a & ./b & wait',
      'CMD trap "kill 0" TERM; ./a & ./b; wait',
      'CMD if [ -f /x ]; then ./a; else ./b; fi',
    ]) {
      assert.deepStrictEqual(findings(df(instruction)), [], instruction);
    }
  });

  it('offers no exec fix when the last command has a prefix assignment', () => {
    assert.deepStrictEqual(fixed(df('CMD cd /srv && PORT=80 ./server')), []);
  });
});
