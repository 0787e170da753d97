import * as assert from 'assert';
import { applyEdits, findingsOf, lintText, proposalsOf, ruleIds } from '../../support/lint';

const firstFix = (text: string, rule: string) => proposalsOf(rule, text);

/** The rule's findings, as "line: missing|root". */
const findings = (text: string) =>
  findingsOf('non-root-user', text).map(
    (f) => `${f.range.start.line + 1}: ${f.message.startsWith('The final stage has no USER') ? 'missing' : 'root'}`,
  );

describe('non-root-user fix', () => {
  it('extends the RUN right before instead of adding a layer', () => {
    const text = 'FROM debian:12-slim\nRUN echo build\nCMD ["app"]\n';
    const fixes = firstFix(text, 'non-root-user');
    assert.strictEqual(fixes.length, 1);
    const fixed = applyEdits(text, fixes[0].edits);
    assert.strictEqual(
      fixed,
      'FROM debian:12-slim\nRUN echo build && \\\n    groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER app\nCMD ["app"]\n',
    );
    assert.deepStrictEqual(ruleIds(lintText(fixed)), []);
  });
  it('uses Alpine commands for Alpine bases and offers both when the distribution is unknown', () => {
    assert.match(firstFix('FROM alpine:3.20\nCMD ["app"]\n', 'non-root-user')[0].edits[0].newText, /adduser -S/);
    assert.strictEqual(firstFix('FROM example.com/base:1.0\nCMD ["app"]\n', 'non-root-user').length, 2);
  });
  it('offers the users the Dockerfile creates', () => {
    const root = firstFix(
      'FROM debian:12-slim\nRUN useradd --system -u 1001 -s /bin/false web\nUSER root\nCMD ["app"]\n',
      'non-root-user',
    );
    assert.deepStrictEqual(
      root.map((f) => f.title),
      ['Run as "web" instead of root'],
    );
    const missing = firstFix('FROM debian:12-slim\nRUN adduser --system --group web\nCMD ["app"]\n', 'non-root-user');
    assert.strictEqual(missing[0].title, 'Run as "web", the user this Dockerfile creates');
  });

  it('uses a numeric user for scratch images', () => {
    const text = 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n';
    const [fix] = firstFix(text, 'non-root-user');
    assert.strictEqual(
      applyEdits(text, fix.edits),
      'FROM scratch\nCOPY app /app\nUSER 65534:65534\nENTRYPOINT ["/app"]\n',
    );
  });
  it('judges only the final stage, following stages built FROM earlier ones', () => {
    assert.ok(
      !ruleIds(lintText('FROM alpine:3.20 AS base\nUSER nobody\nFROM base\nCMD ["id"]\n')).includes('non-root-user'),
    );
    assert.ok(
      ruleIds(lintText('FROM alpine:3.20 AS base\nUSER nobody\nFROM alpine:3.20\nCMD ["id"]\n')).includes(
        'non-root-user',
      ),
    );
  });
});

describe('non-root-user: stepping down at start', () => {
  it('accepts a command that switches user itself (exec form, shell form, behind tini, in sh -c)', () => {
    const base =
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && useradd --system web\n';
    for (const start of [
      'CMD ["gosu", "web", "server"]',
      'CMD exec su-exec web server --port 8080',
      'ENTRYPOINT ["/usr/bin/tini", "--", "setpriv", "--reuid=web", "--regid=web", "--init-groups", "server"]',
      'CMD ["sh", "-c", "chown -R web /data && exec runuser -u web -- server"]',
      'CMD su web -s /bin/sh -c server',
      'CMD ["chroot", "--userspec=web:web", "/", "server"]',
      'ENTRYPOINT ["s6-setuidgid", "web", "server"]',
    ]) {
      assert.deepStrictEqual(findings(`${base}${start}\n`), [], start);
    }
  });

  it('still reports a switch that does not change user, and su without a command', () => {
    const base = 'FROM debian:12-slim\n';
    assert.deepStrictEqual(findings(`${base}CMD ["setpriv", "--no-new-privs", "server"]\n`), ['1: missing']);
    assert.deepStrictEqual(findings(`${base}CMD ["su", "web"]\n`), ['1: missing']);
  });

  it('accepts an entrypoint script when the Dockerfile installs, downloads or copies in gosu or su-exec', () => {
    const tail = 'COPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["db-server"]\n';
    assert.deepStrictEqual(findings(`FROM alpine:3.20\nRUN apk add --no-cache su-exec\n${tail}`), []);
    assert.deepStrictEqual(
      findings(
        `FROM debian:12-slim\nRUN wget -O /usr/local/bin/gosu "https://example.org/gosu-amd64" && chmod +x /usr/local/bin/gosu\n${tail}`,
      ),
      [],
    );
    assert.deepStrictEqual(
      findings(`FROM debian:12-slim\nCOPY --from=example/gosu:1.17 /gosu /usr/local/bin/\n${tail}`),
      [],
    );
    // Built FROM an earlier stage that installed it.
    assert.deepStrictEqual(
      findings(`FROM alpine:3.20 AS base\nRUN apk add --no-cache su-exec\nFROM base\n${tail}`),
      [],
    );
  });

  it('reports an entrypoint script with nothing to step down with, and a step-down tool with the service run directly', () => {
    assert.deepStrictEqual(
      findings(
        'FROM debian:12-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["db-server"]\n',
      ),
      ['1: missing'],
    );
    assert.deepStrictEqual(findings('FROM alpine:3.20\nRUN apk add --no-cache su-exec\nCMD ["db-server"]\n'), [
      '1: missing',
    ]);
  });

  it('accepts an explicit USER root when the command steps down (it needs root to do so)', () => {
    assert.deepStrictEqual(
      findings('FROM alpine:3.20\nRUN apk add --no-cache su-exec\nUSER root\nCMD ["su-exec", "nobody", "server"]\n'),
      [],
    );
    assert.deepStrictEqual(findings('FROM alpine:3.20\nUSER root\nCMD ["server"]\n'), ['2: root']);
  });
});

describe('non-root-user: images meant to be built upon', () => {
  it('does not report a final stage that sets no CMD or ENTRYPOINT, itself or through the stages it is built FROM', () => {
    assert.deepStrictEqual(findings('FROM alpine:3.20\nRUN apk add --no-cache go\nENV GOPATH=/go\n'), []);
    assert.deepStrictEqual(findings('FROM scratch\nCOPY --from=golang:1.22 /usr/local/go/bin/go /go\n'), []);
    assert.deepStrictEqual(findings('FROM debian:12-slim AS app\nCMD ["server"]\nFROM app\nRUN echo extra\n'), [
      '3: missing',
    ]);
  });

  it('does not report a bare interpreter, REPL or shell, also behind an entrypoint script', () => {
    for (const start of [
      'CMD ["python3"]',
      'CMD ["php", "-a"]',
      'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node"]',
      'ENTRYPOINT ["bash"]',
      'CMD ["/usr/local/bin/python3.12"]',
    ]) {
      assert.deepStrictEqual(findings(`FROM debian:12-slim\n${start}\n`), [], start);
    }
  });

  it('reports an interpreter that runs a program, and a shell that runs a script', () => {
    for (const start of ['CMD ["python3", "app.py"]', 'CMD ["node", "server.js"]', 'CMD ["sh", "-c", "/srv/run.sh"]']) {
      assert.deepStrictEqual(findings(`FROM debian:12-slim\n${start}\n`), ['1: missing'], start);
    }
  });

  it('reports an ONBUILD image that starts an application: a child that is a bare FROM runs it as root', () => {
    assert.deepStrictEqual(findings('FROM node:20-slim\nONBUILD COPY . /app\nCMD ["npm", "start"]\n'), ['1: missing']);
    assert.deepStrictEqual(findings('FROM node:20-slim\nONBUILD COPY . /app\nCMD ["node"]\n'), []);
  });

  it('applies an ENTRYPOINT set in a later stage over the CMD of an earlier one, as Docker does', () => {
    // The earlier CMD would be a bare interpreter; the final stage's ENTRYPOINT runs a server instead.
    assert.deepStrictEqual(
      findings('FROM debian:12-slim AS base\nCMD ["python3"]\nFROM base\nENTRYPOINT ["server"]\n'),
      ['3: missing'],
    );
  });
});

describe('non-root-user: severity', () => {
  const severities = (text: string) =>
    lintText(text)
      .findings.filter((f) => f.rule.id === 'non-root-user')
      .map((f) => f.severity);
  it('is a warning when no USER is set in an image that declares a port, here or in a stage it is built FROM', () => {
    assert.deepStrictEqual(
      severities('FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n'),
      ['warning'],
    );
    assert.deepStrictEqual(
      severities('FROM node:22-slim AS base\nEXPOSE 3000\nFROM base\nCMD ["node", "/app/server.js"]\n'),
      ['warning'],
    );
  });
  it('is information for a tool or worker that declares no port', () => {
    assert.deepStrictEqual(
      severities('FROM debian:12-slim\nCOPY convert.sh /usr/local/bin/\nENTRYPOINT ["convert.sh"]\n'),
      ['info'],
    );
  });
  it('stays a warning for an explicit USER root, port or not', () => {
    assert.deepStrictEqual(severities('FROM debian:12-slim\nUSER root\nENTRYPOINT ["convert.sh"]\n'), ['warning']);
  });
});

describe('non-root-user: servers with unprivileged workers', () => {
  it('accepts PHP-FPM, Apache and nginx, run directly or as the CMD of an entrypoint script', () => {
    for (const start of [
      'CMD ["php-fpm"]',
      'ENTRYPOINT ["docker-php-entrypoint"]\nCMD ["php-fpm"]',
      'CMD ["apache2-foreground"]',
      'ENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]',
      'CMD exec httpd-foreground',
    ]) {
      assert.deepStrictEqual(findings(`FROM debian:12-slim\nEXPOSE 80\n${start}\n`), [], start);
    }
  });
  it('still reports another program behind the same entrypoint script', () => {
    assert.deepStrictEqual(
      findings('FROM debian:12-slim\nEXPOSE 80\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n'),
      ['1: missing'],
    );
  });
});

describe('non-root-user', () => {
  it('writes instructions in the case of the document: Run as the image', () => {
    const text = 'from node:20\ncmd ["app"]\n';
    const fix = proposalsOf('non-root-user', text).find((f) => f.title.startsWith('Run as the image'));
    assert.ok(fix, 'Run as the image');
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(fixed, 'from node:20\nuser node\ncmd ["app"]\n');
    assert.ok(!ruleIds(lintText(fixed)).includes('consistent-instruction-casing'));
  });
  it('writes instructions in the case of the document: Create a non-root user', () => {
    const text = 'from node:20\ncmd ["app"]\n';
    const fix = proposalsOf('non-root-user', text).find((f) => f.title.startsWith('Create a non-root user'));
    assert.ok(fix, 'Create a non-root user');
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(
      fixed,
      'from node:20\nrun groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app\nuser app\ncmd ["app"]\n',
    );
    assert.ok(!ruleIds(lintText(fixed)).includes('consistent-instruction-casing'));
  });
});
