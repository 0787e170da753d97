/** The fixes added for issue 4: what each one writes, and when it refuses. */
import * as assert from 'assert';
import { applyEdits, lintText } from '../../support/lint';

interface Applied {
  title: string;
  safe: boolean;
  result: string;
}

/** Every proposal of the first finding of `rule`, applied on its own. */
function proposals(text: string, rule: string, settings = {}): Applied[] {
  const finding = lintText(text, 'dockerfile', settings).findings.find((f) => f.rule.id === rule);
  assert.ok(finding, `${rule} should report in:\n${text}`);
  return (finding.fixes?.() ?? []).map((fix) => ({ title: fix.title, safe: fix.safe, result: applyEdits(text, fix.edits) }));
}

function firstFix(text: string, rule: string, settings = {}): string | null {
  return proposals(text, rule, settings)[0]?.result ?? null;
}

describe('issue 4 fixes', () => {
  describe('dependencies-before-source', () => {
    it('copies package*.json first with the same flags, then the sources after the install', () => {
      const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node --link . .\nRUN npm ci\nUSER node\n';
      assert.strictEqual(
        firstFix(text, 'dependencies-before-source'),
        'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node --link package*.json ./\nRUN npm ci\nCOPY --chown=node:node --link . .\nUSER node\n',
      );
    });
    it('names the lock file of yarn and pnpm, go.mod and go.sum, pom.xml', () => {
      const cases: [string, string][] = [
        ['yarn install --frozen-lockfile', 'package.json yarn.lock'],
        ['pnpm install --frozen-lockfile', 'package.json pnpm-lock.yaml'],
        ['go mod download', 'go.mod go.sum'],
        ['mvn -B dependency:go-offline', 'pom.xml'],
        ['bundle install', 'Gemfile Gemfile.lock'],
      ];
      for (const [install, files] of cases) {
        const fixed = firstFix(`FROM alpine:3.20\nWORKDIR /src\nCOPY . /src\nRUN ${install}\nUSER nobody\n`, 'dependencies-before-source');
        assert.strictEqual(fixed, `FROM alpine:3.20\nWORKDIR /src\nCOPY ${files} /src/\nRUN ${install}\nCOPY . /src\nUSER nobody\n`, install);
      }
    });
    it('copies the requirements files pip names, into their own folder', () => {
      const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\nUSER nobody\n';
      assert.strictEqual(
        firstFix(text, 'dependencies-before-source'),
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements/\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\nUSER nobody\n',
      );
      const after = lintText('FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements/\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\nUSER nobody\n');
      assert.ok(!after.findings.some((f) => f.rule.id === 'dependencies-before-source'), 'the copied requirements file counts');
      const absolute = 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir --requirement=/app/requirements.txt\nUSER nobody\n';
      assert.strictEqual(
        firstFix(absolute, 'dependencies-before-source'),
        'FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install --no-cache-dir --requirement=/app/requirements.txt\nCOPY . /app\nUSER nobody\n',
      );
    });
    it('keeps CRLF line breaks and moves a continued install as a whole', () => {
      const text = 'FROM node:20-alpine\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci \\\r\n\t&& npm cache clean --force\r\nUSER node\r\n';
      assert.strictEqual(
        firstFix(text, 'dependencies-before-source'),
        'FROM node:20-alpine\r\nWORKDIR /app\r\nCOPY package*.json ./\r\nRUN npm ci \\\r\n\t&& npm cache clean --force\r\nCOPY . .\r\nUSER node\r\n',
      );
    });
    it('refuses when the install may need the sources or the paths cannot be mapped', () => {
      const refused = [
        'WORKDIR /app\nCOPY . .\nRUN npm ci && npm run build',
        'WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt -e .',
        'WORKDIR /app\nCOPY . .\nRUN poetry install',
        'WORKDIR /app\nCOPY . .\nRUN composer install',
        'WORKDIR /app\nCOPY . .\nRUN cargo fetch',
        'WORKDIR /app\nCOPY . .\nRUN cd sub && npm ci',
        'WORKDIR /app\nCOPY . .\nRUN ./mvnw dependency:go-offline',
        'COPY . /app\nRUN npm ci',
        'WORKDIR /app\nCOPY . .\nCOPY config.json /etc/app/\nRUN npm ci',
        'WORKDIR /app\nCOPY . .\nWORKDIR /app/web\nRUN npm ci',
        'WORKDIR /app\nCOPY . sub/\nRUN npm ci',
        'WORKDIR /app\nCOPY . .\nRUN pip install -r $REQUIREMENTS',
      ];
      for (const body of refused) {
        assert.deepStrictEqual(proposals(`FROM node:20-alpine\n${body}\nUSER node\n`, 'dependencies-before-source'), [], body);
      }
    });
  });

  describe('no-sudo', () => {
    it('removes sudo and its harmless options, unsafe', () => {
      const [fix] = proposals('FROM debian:12-slim\nRUN sudo -E -- apt-get update\nUSER nobody\n', 'no-sudo');
      assert.strictEqual(fix.result, 'FROM debian:12-slim\nRUN apt-get update\nUSER nobody\n');
      assert.strictEqual(fix.safe, false);
    });
    it('refuses when sudo switches to another user or runs nothing', () => {
      for (const run of ['sudo -u app make', 'sudo -i', 'sudo --user=app make']) {
        assert.deepStrictEqual(proposals(`FROM debian:12-slim\nRUN ${run}\nUSER nobody\n`, 'no-sudo'), [], run);
      }
    });
  });

  describe('expose-ssh', () => {
    it('removes port 22 from a list, across a continuation', () => {
      assert.strictEqual(firstFix('FROM nginx:1.27\nEXPOSE 80 22/tcp 443\nUSER nginx\n', 'expose-ssh'), 'FROM nginx:1.27\nEXPOSE 80 443\nUSER nginx\n');
      assert.strictEqual(firstFix('FROM nginx:1.27\nEXPOSE 22 \\\n\t8080\nUSER nginx\n', 'expose-ssh'), 'FROM nginx:1.27\nEXPOSE 8080\nUSER nginx\n');
    });
    it('deletes the whole line in a CRLF file when 22 is the only port', () => {
      assert.strictEqual(firstFix('FROM nginx:1.27\r\nEXPOSE 22\r\nUSER nginx\r\n', 'expose-ssh'), 'FROM nginx:1.27\r\nUSER nginx\r\n');
    });
  });

  describe('from-platform-flag-const and from-platform-flag', () => {
    it('removes the flag; offers $BUILDPLATFORM only for a stage that others copy from', () => {
      const builder = 'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n';
      const fixes = proposals(builder, 'from-platform-flag-const');
      assert.deepStrictEqual(fixes.map((f) => f.result), [
        'FROM golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n',
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go version\nFROM alpine:3.20\nCOPY --from=build /etc/os-release /\nUSER nobody\n',
      ]);
      assert.ok(fixes.every((f) => !f.safe));
      const base = 'FROM --platform=linux/amd64 alpine:3.20 AS base\nFROM base\nUSER nobody\n';
      assert.strictEqual(proposals(base, 'from-platform-flag-const').length, 1);
    });
    it('removes the flag in a file with the backtick escape character', () => {
      const text = '# escape=`\nFROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n';
      assert.strictEqual(firstFix(text, 'from-platform-flag-const'), '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n');
    });
    it('from-platform-flag removes any --platform', () => {
      const settings = { rules: { 'from-platform-flag': 'warning' as const } };
      assert.strictEqual(firstFix('FROM --platform=$TARGETPLATFORM alpine:3.20\nUSER nobody\n', 'from-platform-flag', settings), 'FROM alpine:3.20\nUSER nobody\n');
    });
  });

  describe('reserved-stage-name', () => {
    it('renames the stage and every reference, avoiding names already taken', () => {
      const text = [
        'FROM alpine:3.20 AS scratch-stage',
        'FROM alpine:3.20 AS Context',
        'RUN echo hi > /hello',
        'FROM context',
        'RUN --mount=type=bind,from=context,target=/ctx cat /ctx/hello',
        'FROM alpine:3.20',
        'COPY --from=CONTEXT /hello /hello',
        'USER nobody',
        '',
      ].join('\n');
      const [fix] = proposals(text, 'reserved-stage-name', { rules: { 'stage-name-casing': 'off' } });
      assert.strictEqual(fix.result, text.replace(/\bcontext\b(?!-)/gi, 'context-stage'));
      assert.strictEqual(fix.safe, false);
    });
    it('renames a later FROM scratch that means the stage, but not an image after a new stage of that name', () => {
      const text = 'FROM alpine:3.20 AS scratch\nRUN echo hi > /hello\nFROM scratch\nUSER nobody\n';
      assert.strictEqual(firstFix(text, 'reserved-stage-name'), 'FROM alpine:3.20 AS scratch-stage\nRUN echo hi > /hello\nFROM scratch-stage\nUSER nobody\n');
    });
  });

  describe('inline-ignore-pragma', () => {
    const settings = { rules: { 'inline-ignore-pragma': 'warning' as const } };
    it('deletes the comment line in a CRLF file and on a last line without a line break', () => {
      assert.strictEqual(
        firstFix('FROM alpine:3.20\r\n\t# hadolint ignore=DL3059\r\nRUN echo one\r\nUSER nobody\r\n', 'inline-ignore-pragma', settings),
        'FROM alpine:3.20\r\nRUN echo one\r\nUSER nobody\r\n',
      );
      assert.strictEqual(firstFix('FROM alpine:3.20\nUSER nobody\n# docker-coach ignore=merge-run-layers', 'inline-ignore-pragma', settings), 'FROM alpine:3.20\nUSER nobody');
    });
  });

  describe('env-self-reference', () => {
    it('splits before each variable that uses one set earlier on the line', () => {
      const text = 'FROM alpine:3.20\n\tENV A=/opt B=$A/bin C=${B}/x D=1\nUSER nobody\n';
      assert.strictEqual(firstFix(text, 'env-self-reference'), 'FROM alpine:3.20\n\tENV A=/opt\n\tENV B=$A/bin\n\tENV C=${B}/x D=1\nUSER nobody\n');
      assert.strictEqual(
        firstFix('FROM alpine:3.20\r\nENV A=1 B="$A"\r\nUSER nobody\r\n', 'env-self-reference'),
        'FROM alpine:3.20\r\nENV A=1\r\nENV B="$A"\r\nUSER nobody\r\n',
      );
    });
    it('refuses continued lines and a use of a variable set further right', () => {
      assert.deepStrictEqual(proposals('FROM alpine:3.20\nENV A=1 \\\n    B=$A\nUSER nobody\n', 'env-self-reference'), []);
      assert.deepStrictEqual(proposals('FROM alpine:3.20\nENV B=$A A=1\nUSER nobody\n', 'env-self-reference'), []);
    });
  });

  describe('prefer-cache-mount', () => {
    it('adds the mount and removes the rm from a continued chain', () => {
      const text = 'FROM node:20-alpine\nRUN npm ci \\\n\t&& rm -rf /root/.npm\nUSER node\n';
      const [fix] = proposals(text, 'prefer-cache-mount');
      assert.strictEqual(fix.result, 'FROM node:20-alpine\nRUN --mount=type=cache,target=/root/.npm npm ci\nUSER node\n');
      assert.strictEqual(fix.safe, false);
    });
    it('removes only the cache path when rm removes other things too, and locks the apt cache', () => {
      const text = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* /var/cache/apt\nUSER nobody\n';
      assert.strictEqual(
        firstFix(text, 'prefer-cache-mount'),
        'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n',
      );
    });
    it('refuses a RUN that only deletes the cache, and a non-root home', () => {
      assert.deepStrictEqual(proposals('FROM python:3.12-slim\nRUN rm -rf /root/.cache/pip\nUSER nobody\n', 'prefer-cache-mount'), []);
      assert.deepStrictEqual(proposals('FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 && rm -rf /home/app/.cache/pip\nUSER nobody\n', 'prefer-cache-mount'), []);
    });
  });

  describe('no-package-upgrade', () => {
    it('removes the upgrade from a leading-&& chain with CRLF', () => {
      const text = 'FROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get upgrade -y \\\r\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\r\n    && rm -rf /var/lib/apt/lists/*\r\nUSER nobody\r\n';
      assert.strictEqual(
        firstFix(text, 'no-package-upgrade'),
        'FROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\r\n    && rm -rf /var/lib/apt/lists/*\r\nUSER nobody\r\n',
      );
    });
    it('removes a leading upgrade and its &&', () => {
      assert.strictEqual(firstFix('FROM alpine:3.20\nRUN apk upgrade --no-cache && \\\n\tapk add --no-cache curl=8.9.1-r0\nUSER nobody\n', 'no-package-upgrade'), 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\nUSER nobody\n');
    });
    it('offers nothing when the upgrade is alone, piped, after ||, or all the update was for', () => {
      for (const run of ['apk upgrade --no-cache', 'apt-get update && apt-get upgrade -y', 'apt-get update; apt-get upgrade -y', 'true || apt-get upgrade -y && apt-get install -y curl', 'apt-get upgrade -y | tee /log']) {
        const finding = lintText(`FROM debian:12-slim\nRUN ${run}\nUSER nobody\n`).findings.find((f) => f.rule.id === 'no-package-upgrade');
        assert.ok(finding, run);
        assert.strictEqual(finding.fixes, undefined, run);
      }
    });
  });

  describe('update-without-install', () => {
    it('merges the update into the next RUN when it installs with the same manager', () => {
      const text = 'FROM alpine:3.20\r\nRUN apk update\r\nRUN apk add --no-cache curl=8.9.1-r0\r\nUSER nobody\r\n';
      const [fix] = proposals(text, 'update-without-install');
      assert.strictEqual(fix.result, 'FROM alpine:3.20\r\nRUN apk update && \\\r\n    apk add --no-cache curl=8.9.1-r0\r\nUSER nobody\r\n');
      assert.strictEqual(fix.safe, true);
    });
    it('offers nothing when the next instruction does not install with that manager', () => {
      for (const next of ['RUN echo done', 'COPY a /a', 'RUN pip install --no-cache-dir flask==3.0.3', 'RUN --network=none apt-get install -y curl']) {
        assert.deepStrictEqual(proposals(`FROM debian:12-slim\nRUN apt-get update\n${next}\nUSER nobody\n`, 'update-without-install'), [], next);
      }
    });
  });
});
