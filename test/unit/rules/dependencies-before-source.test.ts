import * as assert from 'assert';
import { appliedProposalsOf, findingsOf, fixedBy, lintText } from '../../support/lint';

const RULE = 'dependencies-before-source';

describe(RULE, () => {
  it('copies package*.json first with the same flags, then the sources after the install', () => {
    const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node --link . .\nRUN npm ci\nUSER node\n';
    assert.strictEqual(
      fixedBy(RULE, text),
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
      const fixed = fixedBy(RULE, `FROM alpine:3.20\nWORKDIR /src\nCOPY . /src\nRUN ${install}\nUSER nobody\n`);
      assert.strictEqual(
        fixed,
        `FROM alpine:3.20\nWORKDIR /src\nCOPY ${files} /src/\nRUN ${install}\nCOPY . /src\nUSER nobody\n`,
        install,
      );
    }
  });
  it('copies the requirements files pip names, into their own folder', () => {
    const text =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\nUSER nobody\n';
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements/\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\nUSER nobody\n',
    );
    const after = lintText(
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements/\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\nUSER nobody\n',
    );
    assert.ok(!after.findings.some((f) => f.rule.id === RULE), 'the copied requirements file counts');
    const absolute =
      'FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir --requirement=/app/requirements.txt\nUSER nobody\n';
    assert.strictEqual(
      fixedBy(RULE, absolute),
      'FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install --no-cache-dir --requirement=/app/requirements.txt\nCOPY . /app\nUSER nobody\n',
    );
  });
  it('keeps CRLF line breaks and moves a continued install as a whole', () => {
    const text =
      'FROM node:20-alpine\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci \\\r\n\t&& npm cache clean --force\r\nUSER node\r\n';
    assert.strictEqual(
      fixedBy(RULE, text),
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
      assert.deepStrictEqual(appliedProposalsOf(RULE, `FROM node:20-alpine\n${body}\nUSER node\n`), [], body);
    }
  });
  it('recognises installs as the package rules do: spellings, options before the subcommand, python -m pip', () => {
    const installs = [
      'npm clean-install',
      'npm isntall',
      'yarn --frozen-lockfile',
      'pnpm --filter web install',
      'python3 -m pip install -Ur requirements.txt',
      'poetry --no-interaction install --no-root',
      'mvn -B -ntp dependency:go-offline',
    ];
    for (const install of installs) {
      const text = `FROM alpine:3.20\nWORKDIR /src\nCOPY . .\nRUN ${install}\nUSER nobody\n`;
      assert.strictEqual(findingsOf(RULE, text).length, 1, install);
    }
  });
  it("does not take a global install for the project's, and looks on to the install after it", () => {
    const global = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install -g nodemon\nUSER node\n';
    assert.deepStrictEqual(findingsOf(RULE, global), []);
    const both = 'FROM node:20-alpine\nWORKDIR /app\nRUN npm install -g nodemon\nCOPY . .\nRUN npm ci\nUSER node\n';
    assert.deepStrictEqual(
      findingsOf(RULE, both).map((f) => f.range.start.line),
      [3],
    );
  });
  it('reads the manifest copy in JSON form', () => {
    const text =
      'FROM node:20-alpine\nWORKDIR /app\nCOPY ["package.json", "package-lock.json", "./"]\nCOPY . .\nRUN npm ci\nUSER node\n';
    assert.deepStrictEqual(findingsOf(RULE, text), []);
  });
  it('refuses the fix when another install in the RUN reads a file it would not copy', () => {
    const refused = [
      'WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && pip install -r requirements-dev.txt',
      'WORKDIR /app\nCOPY . .\nRUN npm --prefix web ci',
      'WORKDIR /app\nCOPY . .\nRUN go mod download && go mod tidy',
    ];
    for (const body of refused) {
      assert.deepStrictEqual(appliedProposalsOf(RULE, `FROM alpine:3.20\n${body}\nUSER nobody\n`), [], body);
    }
  });
});
