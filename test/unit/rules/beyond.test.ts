/**
 * Rules without a hadolint peer, and the rules that read the build context's
 * `.dockerignore`: edge cases beyond the documented examples.
 */
import * as assert from 'assert';
import { LintEnvironment, LintResult } from '../../../server/src/engine/lint';
import { docOf, lintText } from '../../support/lint';

function findingsOf(result: LintResult, rule: string) {
  return result.findings.filter((f) => f.rule.id === rule);
}

/** The text each finding of `rule` points at. */
function flagged(text: string, rule: string, environment: LintEnvironment = {}): string[] {
  const doc = docOf(text);
  return findingsOf(lintText(text, 'dockerfile', {}, environment), rule).map((f) => doc.getText(f.range));
}

const noIgnoreFile: LintEnvironment = { dockerignore: null };
function withIgnoreFile(text: string): LintEnvironment {
  return { dockerignore: { path: '/ctx/.dockerignore', text } };
}

describe('expose-ssh', () => {
  it('flags port 22 with or without a protocol, among other ports', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nEXPOSE 80 22/tcp 443\n', 'expose-ssh'), ['22/tcp']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nEXPOSE 22\n', 'expose-ssh'), ['22']);
  });
  it('leaves other ports, ranges and variables alone', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nEXPOSE 2222 220 20-25 ${PORT}\n', 'expose-ssh'), []);
  });
});

describe('workdir-system-dir', () => {
  it('flags the root and system directories, trailing slash or not', () => {
    for (const dir of ['/', '/usr', '/usr/', '/etc', '/bin', '/var/lib', '/usr/local/bin', '"/usr/lib"']) {
      assert.strictEqual(flagged(`FROM alpine:3.20\nWORKDIR ${dir}\n`, 'workdir-system-dir').length, 1, dir);
    }
  });
  it('flags anything under the filesystems mounted at run time', () => {
    const [finding] = findingsOf(lintText('FROM alpine:3.20\nWORKDIR /proc/app\n'), 'workdir-system-dir');
    assert.match(finding.message, /mounts over/);
  });
  it('accepts application directories, variables and relative paths', () => {
    for (const dir of ['/app', '/usr/src/app', '/usr/local/app', '/opt/tool', '/srv', '/home/node/app', '/var/lib/myapp', '$HOME', 'app']) {
      assert.deepStrictEqual(flagged(`FROM alpine:3.20\nWORKDIR ${dir}\n`, 'workdir-system-dir'), [], dir);
    }
  });
});

describe('copy-secret-files', () => {
  const check = (source: string) => flagged(`FROM alpine:3.20\nCOPY ${source} /dest/\n`, 'copy-secret-files');
  it('flags secret-looking files wherever they sit in the source path', () => {
    for (const source of ['.env', './.env.production', 'config/.env.local', 'id_rsa', 'keys/server.key', 'cert.p12', 'store.pfx', 'privkey.pem', '.npmrc', '.pypirc', '.netrc', '.aws/credentials', '.ssh/', 'home/.docker/config.json', 'credentials.json', '*.key', '.env*']) {
      assert.deepStrictEqual(check(source), [source], source);
    }
  });
  it('accepts templates, public keys and certificates', () => {
    for (const source of ['.env.example', '.env.sample', '.env.template', 'id_rsa.pub', 'ca.pem', 'fullchain.pem', 'cert.pem', 'config.json', 'environment.ts', 'keyboard.txt']) {
      assert.deepStrictEqual(check(source), [], source);
    }
  });
  it('reads exec-form and multi-source COPY, and ADD, but not ADD of a URL', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY ["app.py", ".env", "/app/"]\n', 'copy-secret-files'), ['.env']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY --chown=1000:1000 app.py .npmrc /app/\n', 'copy-secret-files'), ['.npmrc']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nADD https://example.com/server.key /k/\n', 'copy-secret-files'), []);
  });
  it('also flags secrets copied from another stage', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /root/.ssh/id_ed25519 /k\n', 'copy-secret-files'), ['/root/.ssh/id_ed25519']);
  });
});

describe('credentials-in-run', () => {
  const run = (command: string) => flagged(`FROM alpine:3.20\nRUN ${command}\n`, 'credentials-in-run');
  it('points at the password of curl -u in any position and form', () => {
    assert.deepStrictEqual(run('curl -fsSL -u admin:hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('curl https://example.com/a --user "admin:hunter2" -o a'), ['hunter2']);
    assert.deepStrictEqual(run('curl -uadmin:hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('curl -su admin:hunter2 https://example.com/a'), ['hunter2']);
  });
  it('flags wget passwords, URL credentials, tokens as URL users and auth headers', () => {
    assert.deepStrictEqual(run('wget --password=hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('wget --http-password hunter2 https://example.com/a'), ['hunter2']);
    assert.deepStrictEqual(run('pip install git+https://deploy:hunter2@git.example.com/lib.git'), ['hunter2']);
    assert.deepStrictEqual(run('git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git'), ['ghp_abcdefghijklmnopqrstuvwxyz0123456789']);
    assert.deepStrictEqual(run('curl -H "Authorization: Bearer abc.def.ghi" https://example.com/a'), ['abc.def.ghi']);
    assert.deepStrictEqual(run("wget --header='PRIVATE-TOKEN: glpat-123' https://example.com/a"), ['glpat-123']);
    assert.deepStrictEqual(run('git -c http.extraHeader="Authorization: Basic dXNlcjpwYXNz" clone https://example.com/r.git'), ['dXNlcjpwYXNz']);
    assert.deepStrictEqual(run('npm config set //registry.npmjs.org/:_authToken=npm_abc123'), ['npm_abc123']);
    assert.deepStrictEqual(run('npm config set //registry.npmjs.org/:_authToken npm_abc123'), ['npm_abc123']);
    assert.deepStrictEqual(run('echo "//registry.npmjs.org/:_authToken=npm_abc123" > .npmrc'), ['npm_abc123']);
  });
  it('accepts credentials taken from variables, user names alone and plain URLs', () => {
    for (const command of [
      'curl -u "admin:$PASSWORD" https://example.com/a',
      'curl -u admin https://example.com/a',
      'curl -H "Authorization: Bearer $TOKEN" https://example.com/a',
      'curl -H "Accept: application/json" https://example.com/a',
      'wget --password="${PW}" https://example.com/a',
      'git clone https://git@github.com/o/r.git',
      'git clone https://${TOKEN}@github.com/o/r.git',
      "echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc",
      'npm config set registry https://registry.example.com/',
    ]) {
      assert.deepStrictEqual(run(command), [], command);
    }
  });
  it('reads heredoc scripts and continued lines', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nRUN <<EOF\nset -e\ncurl -u ci:hunter2 https://example.com/a\nEOF\n', 'credentials-in-run'), ['hunter2']);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    curl -u ci:hunter2 \\\n      https://example.com/a\n', 'credentials-in-run'), ['hunter2']);
  });
});

describe('prefer-cache-mount', () => {
  it('flags rm -r of package caches, flags in any order', () => {
    assert.deepStrictEqual(flagged('FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache/pip\n', 'prefer-cache-mount'), ['/root/.cache/pip']);
    assert.deepStrictEqual(flagged('FROM node:20\nRUN npm ci && rm -fr ~/.npm\n', 'prefer-cache-mount'), ['~/.npm']);
    assert.deepStrictEqual(flagged('FROM maven:3\nRUN mvn package && rm --recursive --force /root/.m2/repository\n', 'prefer-cache-mount'), ['/root/.m2/repository']);
    assert.deepStrictEqual(flagged('FROM debian:12\nRUN apt-get clean && rm -r -f /var/cache/apt/archives/*\n', 'prefer-cache-mount'), ['/var/cache/apt/archives/*']);
    assert.deepStrictEqual(flagged('FROM golang:1.22\nRUN <<EOF\ngo build ./...\nrm -rf /root/.cache/go-build\nEOF\n', 'prefer-cache-mount'), ['/root/.cache/go-build']);
  });
  it('leaves apt lists, other paths, non-recursive rm and variables alone', () => {
    for (const command of ['rm -rf /var/lib/apt/lists/*', 'rm -rf /tmp/build', 'rm /root/.npm/log.txt', 'rm -rf "$HOME/.cache/pip"', 'rm -f /root/.npmrc']) {
      assert.deepStrictEqual(flagged(`FROM alpine:3.20\nRUN ${command}\n`, 'prefer-cache-mount'), [], command);
    }
  });
  it('is quiet when the RUN already mounts a cache there or above', () => {
    assert.deepStrictEqual(flagged('FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask && rm -rf /root/.cache/pip\n', 'prefer-cache-mount'), []);
    assert.deepStrictEqual(flagged('FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip/ pip install flask && rm -rf /root/.cache/pip\n', 'prefer-cache-mount'), []);
  });
});

describe('copy-all-without-dockerignore', () => {
  const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=1000 . .\nUSER nobody\n';
  it('is silent when the .dockerignore is unknown', () => {
    assert.deepStrictEqual(flagged(text, 'copy-all-without-dockerignore'), []);
  });
  it('warns on COPY . and ADD ./ when the context has no .dockerignore', () => {
    const result = lintText('FROM alpine:3.20\nCOPY . /src\nADD ./ /src2/\nUSER nobody\n', 'dockerfile', {}, noIgnoreFile);
    assert.deepStrictEqual(findingsOf(result, 'copy-all-without-dockerignore').map((f) => f.severity), ['warning', 'warning']);
  });
  it('is one level milder, naming what is missing, when the .dockerignore forgets .git or .env', () => {
    const [finding] = findingsOf(lintText(text, 'dockerfile', {}, withIgnoreFile('node_modules\n.env\n')), 'copy-all-without-dockerignore');
    assert.strictEqual(finding.severity, 'info');
    assert.match(finding.message, /does not exclude \.git:/);
    const error = findingsOf(lintText(text, 'dockerfile', { rules: { 'copy-all-without-dockerignore': 'error' } }, withIgnoreFile('')), 'copy-all-without-dockerignore');
    assert.strictEqual(error[0].severity, 'warning');
    assert.match(error[0].message, /\.git and \.env/);
  });
  it('accepts any pattern that excludes them (globs, **, trailing slash)', () => {
    for (const ignore of ['.git\n.env\n', '**/.git\n**/.env*\n', '.git/\n.env\n', '/.git\n.env\n', '.*\n']) {
      assert.deepStrictEqual(flagged(text, 'copy-all-without-dockerignore', withIgnoreFile(ignore)), [], ignore);
    }
  });
  it('ignores named sources and copies from other stages', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b . /x/\nCOPY src/ /src/\n', 'copy-all-without-dockerignore', noIgnoreFile), []);
  });
});

describe('copy-ignored-file', () => {
  const copy = (source: string, ignore: string) => flagged(`FROM alpine:3.20\nCOPY ${source} /dest/\n`, 'copy-ignored-file', withIgnoreFile(ignore));
  it('flags literal sources the .dockerignore excludes, and names the line', () => {
    assert.deepStrictEqual(copy('config.yaml', '*.yaml\n'), ['config.yaml']);
    assert.deepStrictEqual(copy('./tmp/a.txt', '*/a.txt\ntmp\n'), ['./tmp/a.txt']);
    assert.deepStrictEqual(copy('/docs/readme.md', '# comment\n\n  docs/  \n'), ['/docs/readme.md']);
    const [finding] = findingsOf(lintText('FROM alpine:3.20\nCOPY secrets /s\n', 'dockerfile', {}, withIgnoreFile('.git\n\nsecrets\n')), 'copy-ignored-file');
    assert.match(finding.message, /line 3 of \.dockerignore \("secrets"\)/);
  });
  it('follows Docker semantics: root-anchored patterns, exceptions, last match wins, case', () => {
    assert.deepStrictEqual(copy('src/config.yaml', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('config.yaml', '*.yaml\n!config.yaml\n'), []);
    assert.deepStrictEqual(copy('config.yaml', '!config.yaml\n*.yaml\n'), ['config.yaml']);
    assert.deepStrictEqual(copy('Config.yaml', 'config.yaml\n'), []);
  });
  it('does not judge wildcards, variables, other stages or folders an exception may partly re-include', () => {
    assert.deepStrictEqual(copy('*.yaml', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('$CONFIG', '*.yaml\n'), []);
    assert.deepStrictEqual(copy('site', 'site\n!site/index.html\n'), []);
    assert.deepStrictEqual(copy('site', 'site\n!**/*.html\n'), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b secrets /s\n', 'copy-ignored-file', withIgnoreFile('secrets\n')), []);
  });
  it('needs a known .dockerignore', () => {
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY secrets /s\n', 'copy-ignored-file', noIgnoreFile), []);
    assert.deepStrictEqual(flagged('FROM alpine:3.20\nCOPY secrets /s\n', 'copy-ignored-file'), []);
  });
});
