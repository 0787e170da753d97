import * as assert from 'assert';
import { reportsOf } from '../../support/lint';

const findings = (dockerfile: string) => reportsOf('npm-pin-versions', dockerfile);

const flagged = (dockerfile: string) => findings(dockerfile).map((f) => f.text);
const node = (run: string) => `FROM node:20.14-alpine3.20\n${run}\nUSER node\n`;

describe('npm-pin-versions', () => {
  it('reports unpinned names and dist-tags, scoped or not, once per command', () => {
    assert.deepStrictEqual(
      findings(
        node(
          'RUN npm install -g --omit dev typescript @angular/cli pnpm@latest @vue/cli@next eslint@8.57.0 @nestjs/cli@10.3.2',
        ),
      ),
      [
        {
          text: 'typescript @angular/cli pnpm@latest @vue/cli@next',
          message:
            '"npm install" leaves 4 packages unpinned ("typescript", "@angular/cli", "pnpm@latest" and "@vue/cli@next"; a tag such as "latest" moves with every release): pin each one to a version ("typescript@<version>"), or install from package.json and its lock file.',
        },
      ],
    );
    assert.deepStrictEqual(
      findings(node('RUN npm i express')).map((f) => f.message),
      [
        '"npm i" leaves "express" unpinned: pin it as "express@<version>", or install from package.json and its lock file.',
      ],
    );
    assert.deepStrictEqual(
      findings(node('RUN npm install -g npm@latest')).map((f) => f.message),
      [
        '"npm install" installs "npm@latest" by the tag "latest", which moves with every release: pin a version ("npm@<version>").',
      ],
    );
    assert.deepStrictEqual(
      findings(node('RUN npm install -g @scope/a @scope/b@1.2.3 c')).map((f) => f.message),
      [
        '"npm install" leaves 2 packages unpinned ("@scope/a" and "c"): pin each one to a version ("@scope/a@<version>"), or install from package.json and its lock file.',
      ],
    );
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
    for (const run of ok) assert.deepStrictEqual(flagged(node(`RUN ${run}`)), [], run);
    assert.deepStrictEqual(flagged(node('RUN npm install git+https://github.com/o/r.git o/r')), [
      'git+https://github.com/o/r.git o/r',
    ]);
  });
});
