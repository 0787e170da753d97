import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseShell } from '../../../server/src/shell/shell';
import { parseArguments } from '../../../server/src/dockerfile/packages';
import { applyEdits, lintText } from '../../support/lint';

/** The text each finding of `ruleId` covers, in document order. */
function flagged(ruleId: string, dockerfile: string): string[] {
  const doc = TextDocument.create('file:///x', 'dockerfile', 1, dockerfile);
  return lintText(dockerfile)
    .findings.filter((f) => f.rule.id === ruleId)
    .map((f) => doc.getText(f.range));
}

const debian = (run: string) => `FROM debian:12-slim\n${run}\nUSER nobody\n`;

describe('package-manager argument parsing', () => {
  const words = (text: string) => parseShell(text, 0).commands[0].words;
  it('keeps option values out of the operands, in clusters, inline and separate', () => {
    const parsed = parseArguments(words('-yq -t bookworm --option=a=b -oDebug=1 install curl -- -weird'), { withValue: new Set(['-t', '-o', '--option']) });
    assert.deepStrictEqual(parsed.operands.map((w) => w.value), ['install', 'curl', '-weird']);
    assert.deepStrictEqual(parsed.options.map((o) => [o.name, o.value]), [['-y', null], ['-q', null], ['-t', 'bookworm'], ['--option', 'a=b'], ['-o', 'Debug=1']]);
  });
  it('reads Go-style single-dash flag names', () => {
    const parsed = parseArguments(words('install -ldflags "-s -w" -trimpath example.com/x@v1.0.0'), { withValue: new Set(['-ldflags']), singleDashNames: true });
    assert.deepStrictEqual(parsed.operands.map((w) => w.value), ['install', 'example.com/x@v1.0.0']);
  });
});

describe('apt-get-pin-versions', () => {
  it('flags each unpinned package word, wherever the options are', () => {
    assert.deepStrictEqual(
      flagged('apt-get-pin-versions', debian('RUN apt-get update && apt-get -y install --no-install-recommends curl git=1:2.39.5-0+deb12u1 -t bookworm-backports jq')),
      ['curl', 'jq'],
    );
  });
  it('also reads apt, sudo and heredoc scripts', () => {
    assert.deepStrictEqual(flagged('apt-get-pin-versions', debian('RUN apt install -y curl')), ['curl']);
    assert.deepStrictEqual(flagged('apt-get-pin-versions', debian('RUN <<EOF\napt-get update\napt-get install -y wget\nEOF')), ['wget']);
  });
  it('accepts versions, release pins, .deb files and variables', () => {
    assert.deepStrictEqual(flagged('apt-get-pin-versions', debian('RUN apt-get install -y curl=7.88.1-10+deb12u12 jq/bookworm-backports ./pkg.deb "$PKGS" ${EXTRA} "git=${GIT_VERSION}"')), []);
  });
  it('ignores exec-form RUN and other subcommands', () => {
    assert.deepStrictEqual(flagged('apt-get-pin-versions', debian('RUN ["apt-get", "install", "-y", "curl"]')), []);
    assert.deepStrictEqual(flagged('apt-get-pin-versions', debian('RUN apt-get remove -y curl')), []);
  });
});

describe('pip-pin-versions', () => {
  const py = (run: string) => `FROM python:3.12-slim\n${run}\nUSER nobody\n`;
  it('recognises pip, pip3.12 and python -m pip', () => {
    assert.deepStrictEqual(flagged('pip-pin-versions', py('RUN pip install --no-cache-dir flask && pip3.12 install --no-cache-dir requests && python3 -u -m pip install --no-cache-dir "uvicorn[standard]"')), ['flask', 'requests', '"uvicorn[standard]"']);
  });
  it('accepts specifiers, files, paths, URLs and values of options', () => {
    const ok = [
      'pip install --no-cache-dir "flask>=3,<4" django~=5.0 numpy==1.26.4',
      'pip install --no-cache-dir -r requirements.txt gunicorn',
      'pip install --no-cache-dir --requirement=requirements.txt',
      'pip install --no-cache-dir -c constraints.txt gunicorn',
      'pip install --no-cache-dir -e . ./libs/core /wheels/app-1.0-py3-none-any.whl dist/app.tar.gz',
      'pip install --no-cache-dir "app @ https://example.com/app-1.0.tar.gz" git+https://github.com/o/r@v1.0',
      'pip install --no-cache-dir --index-url https://pypi.example.com/simple -t /opt/lib --extra-index-url https://x flask==3.0.3',
      'pip install --no-cache-dir "$PACKAGE" "flask==$FLASK_VERSION"',
      'pip download flask',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('pip-pin-versions', py(`RUN ${run}`)), [], run);
  });
  it('pip-no-cache-dir still sees python -m pip', () => {
    assert.deepStrictEqual(flagged('pip-no-cache-dir', py('RUN python3 -u -m pip install flask==3.0.3 && python -mpip install flask==3.0.3')), ['install', 'install']);
  });
});

describe('npm-pin-versions', () => {
  const node = (run: string) => `FROM node:20.14-alpine3.20\n${run}\nUSER node\n`;
  it('flags unpinned names and dist-tags, scoped or not', () => {
    assert.deepStrictEqual(flagged('npm-pin-versions', node('RUN npm install -g --omit dev typescript @angular/cli pnpm@latest @vue/cli@next eslint@8.57.0 @nestjs/cli@10.3.2')), ['typescript', '@angular/cli', 'pnpm@latest', '@vue/cli@next']);
    assert.deepStrictEqual(flagged('npm-pin-versions', node('RUN npm i express')), ['express']);
  });
  it('accepts installs from package.json, local paths, tarballs, pinned git and variables', () => {
    const ok = [
      'npm install',
      'npm ci --omit=dev',
      'npm install --production',
      'npm install ./local-dir ../other /abs/pkg https://example.com/pkg.tgz pkg.tgz',
      'npm install git+https://github.com/o/r.git#v1.2.3 github:o/r#abc1234 o/r#main',
      'npm install "$TOOL" express@^4.19.2 lodash@~4.17.21 alias@npm:left-pad@1.3.0',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('npm-pin-versions', node(`RUN ${run}`)), [], run);
    assert.deepStrictEqual(flagged('npm-pin-versions', node('RUN npm install git+https://github.com/o/r.git o/r')), ['git+https://github.com/o/r.git', 'o/r']);
  });
});

describe('apk-pin-versions', () => {
  const alpine = (run: string) => `FROM alpine:3.20\n${run}\nUSER nobody\n`;
  it('skips the --virtual name and repositories, and flags the rest', () => {
    assert.deepStrictEqual(flagged('apk-pin-versions', alpine('RUN apk add --no-cache --virtual .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc make=4.4.1-r2 musl-dev~1.2 "$EXTRA" local.apk')), ['gcc']);
    assert.deepStrictEqual(flagged('apk-pin-versions', alpine('RUN apk --no-cache -t .deps add curl')), ['curl']);
  });
});

describe('gem-pin-versions', () => {
  const ruby = (run: string) => `FROM ruby:3.3-slim\n${run}\nUSER nobody\n`;
  it('flags gems without a version unless -v or --version is given', () => {
    assert.deepStrictEqual(flagged('gem-pin-versions', ruby('RUN gem install --no-document rails bundler:2.5.11 && gem i rake')), ['rails', 'rake']);
    assert.deepStrictEqual(flagged('gem-pin-versions', ruby('RUN gem install rails -v 7.1.3 && gem install rake --version=13.2.1 && gem install ./local.gem')), []);
  });
});

describe('go-pin-versions', () => {
  const go = (run: string) => `FROM golang:1.22\n${run}\nUSER nobody\n`;
  it('flags moving queries and unversioned go get', () => {
    assert.deepStrictEqual(
      flagged('go-pin-versions', go('RUN go install -ldflags "-s -w" golang.org/x/tools/gopls@latest example.com/a@main example.com/b@v1 && go get example.com/c && go run example.com/d@upgrade --flag x')),
      ['golang.org/x/tools/gopls@latest', 'example.com/a@main', 'example.com/b@v1', 'example.com/c', 'example.com/d@upgrade'],
    );
  });
  it('accepts exact versions, commits, local paths and go.mod-resolved installs', () => {
    const ok = [
      'go install golang.org/x/tools/gopls@v0.16.1 example.com/x@v0.0.0-20240101000000-abcdef123456 example.com/y@abc1234',
      'go install . ./cmd/... /go/src/app',
      'go install example.com/tool',
      'go run example.com/pkg@v1.2.3 latest @latest',
      'go run ./cmd/app -config /etc/app.yaml',
      'go get example.com/old@none ./...',
      'go build -o /app . && go mod download',
      'go install "$TOOL"',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('go-pin-versions', go(`RUN ${run}`)), [], run);
  });
});

describe('yarn-cache-clean', () => {
  const node = (run: string) => `FROM node:20.14-alpine3.20\nWORKDIR /app\nCOPY package.json yarn.lock ./\n${run}\nUSER node\n`;
  it('flags yarn, yarn install, yarn add and yarn global add without a clean', () => {
    for (const run of ['RUN yarn --frozen-lockfile', 'RUN yarn install', 'RUN yarn add left-pad@1.3.0', 'RUN yarn global add serve@14.2.3']) {
      assert.strictEqual(flagged('yarn-cache-clean', node(run)).length, 1, run);
    }
  });
  it('accepts a clean, an rm of the cache, a cache mount and Yarn 2+ flags', () => {
    const ok = [
      'RUN yarn install --frozen-lockfile && yarn cache clean --all',
      'RUN yarn install && rm -rf /usr/local/share/.cache/yarn',
      'RUN --mount=type=cache,target=/root/.yarn yarn install',
      'RUN yarn install --immutable',
      'RUN yarn --version && yarn build',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('yarn-cache-clean', node(run)), [], run);
  });
  it('does not flag builder stages that are only copied from', () => {
    const text = 'FROM node:20.14-alpine3.20 AS build\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nFROM node:20.14-alpine3.20\nCOPY --from=build /app/node_modules /app/node_modules\nUSER node\n';
    assert.deepStrictEqual(flagged('yarn-cache-clean', text), []);
  });
  it('offers an unsafe fix after the last yarn command of the && chain, and none when the chain continues with ||', () => {
    const text = node('RUN yarn install --frozen-lockfile && yarn build && echo done');
    const finding = lintText(text).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(applyEdits(text, fix.edits), node('RUN yarn install --frozen-lockfile && yarn build && yarn cache clean && echo done'));
    const or = lintText(node('RUN yarn install || echo failed')).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    assert.deepStrictEqual(or.fixes!(), []);
    const piped = lintText(node('RUN yarn install | tee /tmp/log')).findings.find((f) => f.rule.id === 'yarn-cache-clean')!;
    assert.deepStrictEqual(piped.fixes!(), []);
  });
});

describe('update-without-install', () => {
  it('flags an update with nothing that uses the index in the same RUN', () => {
    assert.deepStrictEqual(flagged('update-without-install', debian('RUN apt-get update -qq')), ['update']);
    assert.deepStrictEqual(flagged('update-without-install', debian('RUN apt update && echo ok')), ['update']);
    assert.deepStrictEqual(flagged('update-without-install', 'FROM alpine:3.20\nRUN apk update\nUSER nobody\n'), ['update']);
  });
  it('accepts installs, upgrades, xargs and scripts in the same RUN', () => {
    const ok = [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && xargs -a packages.txt apt-get install -y',
      'RUN apt-get update && ./install-deps.sh',
      'RUN apt-get update && bash /tmp/setup.sh',
      'RUN apt-get update && $INSTALL',
      'RUN apt-get update && install-packages curl',
      'RUN <<EOF\napt-get update\napt-get install -y curl=7.88.1-10+deb12u12\nrm -rf /var/lib/apt/lists/*\nEOF',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged('update-without-install', debian(run)), [], run);
  });
});

describe('no-package-upgrade', () => {
  it('flags whole-system upgrades of every manager', () => {
    assert.deepStrictEqual(flagged('no-package-upgrade', debian('RUN apt-get update && apt-get -y dist-upgrade && apt full-upgrade -y && rm -rf /var/lib/apt/lists/*')), ['dist-upgrade', 'full-upgrade']);
    assert.deepStrictEqual(flagged('no-package-upgrade', 'FROM fedora:40\nRUN dnf -y upgrade && yum update -y && microdnf update\nUSER nobody\n'), ['upgrade', 'update', 'update']);
  });
  it('accepts upgrades of named packages', () => {
    assert.deepStrictEqual(flagged('no-package-upgrade', 'FROM fedora:40\nRUN dnf -y upgrade openssl && apk upgrade "$PKG"\nUSER nobody\n'), []);
  });
});
