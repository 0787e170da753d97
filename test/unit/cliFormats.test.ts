/**
 * The CLI's CI features, run as a user runs them (the bundled dist/cli.js in a child process):
 * output formats, .gitignore and --ignore, --max-warnings, worker threads.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv';
import { escapeGithubData, escapeGithubProperty, escapeXml } from '../../server/src/cli/formats';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cli');

function run(args: string[], cwd = FIXTURES, input?: string) {
  const all = args[0] === 'lint' ? [...args, '--no-shellcheck'] : args;
  const result = spawnSync(process.execPath, [CLI, ...all], {
    input,
    encoding: 'utf8',
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-cli-fmt-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const linted = (stdout: string) =>
  (JSON.parse(stdout) as { file: string }[]).map((r) => r.file.split(path.sep).join('/'));

/**
 * The structural requirements of SARIF 2.1.0 for the parts docker-coach writes: required
 * properties, the level enum, 1-based regions, and no properties the spec does not define
 * (objects the official schema closes with additionalProperties: false are closed here too).
 */
const message = { type: 'object', required: ['text'], properties: { text: { type: 'string' } } };
const multiformat = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' }, markdown: { type: 'string' } },
  additionalProperties: false,
};
const regionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    startLine: { type: 'integer', minimum: 1 },
    startColumn: { type: 'integer', minimum: 1 },
    endLine: { type: 'integer', minimum: 1 },
    endColumn: { type: 'integer', minimum: 1 },
  },
  required: ['startLine'],
};
const artifactLocation = {
  type: 'object',
  additionalProperties: false,
  properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' }, index: { type: 'integer', minimum: -1 } },
};
const level = { enum: ['none', 'note', 'warning', 'error'] };
const SARIF_SCHEMA = {
  type: 'object',
  required: ['version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { enum: ['2.1.0'] },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        additionalProperties: false,
        properties: {
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          artifacts: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                location: artifactLocation,
                roles: {
                  type: 'array',
                  items: {
                    enum: [
                      'analysisTarget',
                      'attachment',
                      'responseFile',
                      'resultFile',
                      'standardStream',
                      'tracedFile',
                      'unmodified',
                      'modified',
                      'added',
                      'deleted',
                      'renamed',
                      'uncontrolled',
                      'driver',
                      'extension',
                      'translation',
                      'taxonomy',
                      'policy',
                      'referencedOnCommandLine',
                      'memoryContents',
                      'directory',
                      'userSpecifiedConfiguration',
                      'toolSpecifiedConfiguration',
                      'debugOutputFile',
                      'conversionSource',
                      'externalPropertyFile',
                      'repositoryRoot',
                    ],
                  },
                },
              },
            },
          },
          tool: {
            type: 'object',
            required: ['driver'],
            additionalProperties: false,
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string' },
                  informationUri: { type: 'string', pattern: '^[a-z]+:' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      additionalProperties: false,
                      properties: {
                        id: { type: 'string' },
                        name: { type: 'string' },
                        shortDescription: multiformat,
                        fullDescription: multiformat,
                        help: multiformat,
                        helpUri: { type: 'string', pattern: '^[a-z]+:' },
                        defaultConfiguration: {
                          type: 'object',
                          additionalProperties: false,
                          properties: { level, enabled: { type: 'boolean' } },
                        },
                        properties: { type: 'object' },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              additionalProperties: false,
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level,
                message,
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        additionalProperties: false,
                        properties: { artifactLocation, region: regionSchema },
                      },
                    },
                  },
                },
                fixes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['artifactChanges'],
                    additionalProperties: false,
                    properties: {
                      description: message,
                      artifactChanges: {
                        type: 'array',
                        minItems: 1,
                        items: {
                          type: 'object',
                          required: ['artifactLocation', 'replacements'],
                          additionalProperties: false,
                          properties: {
                            artifactLocation,
                            replacements: {
                              type: 'array',
                              minItems: 1,
                              items: {
                                type: 'object',
                                required: ['deletedRegion'],
                                additionalProperties: false,
                                properties: {
                                  deletedRegion: regionSchema,
                                  insertedContent: {
                                    type: 'object',
                                    additionalProperties: false,
                                    properties: { text: { type: 'string' } },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('docker-coach CLI formats', () => {
  it('github: one workflow command per problem, exact', () => {
    const { code, stdout } = run(['lint', 'Dockerfile', '--format', 'github']);
    assert.strictEqual(code, 1);
    assert.strictEqual(
      stdout,
      '::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=11,title=pin-base-image::Image "ubuntu" has no tag, so it means "ubuntu:latest": pin a version such as "ubuntu:<version>".\n' +
        '::error file=Dockerfile,line=2,col=1,endLine=2,endColumn=10,title=maintainer-deprecated::MAINTAINER is deprecated: record the author with LABEL org.opencontainers.image.authors instead.\n',
    );
  });

  it('github: escapes %, CR, LF in messages and also : and , in properties', () => {
    assert.strictEqual(escapeGithubData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.strictEqual(escapeGithubProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    const root = tree({ 'we,ird:name.dockerfile': 'FROM ubuntu\nUSER nobody\n' });
    const { stdout } = run(['lint', '.', '--format', 'github'], root);
    assert.match(stdout, /^::warning file=we%2Cird%3Aname\.dockerfile,line=1,col=6,/);
  });

  it('checkstyle: XML with escaped attributes, exact', () => {
    const { code, stdout } = run(['lint', 'Dockerfile', '--format', 'checkstyle']);
    assert.strictEqual(code, 1);
    assert.strictEqual(
      stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="Dockerfile">',
        '    <error line="1" column="6" severity="warning" message="Image &quot;ubuntu&quot; has no tag, so it means &quot;ubuntu:latest&quot;: pin a version such as &quot;ubuntu:&lt;version&gt;&quot;." source="pin-base-image"/>',
        '    <error line="2" column="1" severity="error" message="MAINTAINER is deprecated: record the author with LABEL org.opencontainers.image.authors instead." source="maintainer-deprecated"/>',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
    assert.strictEqual(escapeXml(`<a href="x">&'\u0001\n`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;');
  });

  it('gitlab: Code Quality issues with stable fingerprints, exact', () => {
    const { code, stdout } = run(['lint', 'Dockerfile', '--format', 'gitlab']);
    assert.strictEqual(code, 1);
    const fingerprint = (rule: string, line: string) =>
      createHash('sha256').update(`${rule}\u0000Dockerfile\u0000${line}`).digest('hex');
    assert.deepStrictEqual(JSON.parse(stdout), [
      {
        description:
          'Image "ubuntu" has no tag, so it means "ubuntu:latest": pin a version such as "ubuntu:<version>".',
        check_name: 'pin-base-image',
        fingerprint: fingerprint('pin-base-image', 'FROM ubuntu'),
        severity: 'major',
        location: { path: 'Dockerfile', lines: { begin: 1 } },
      },
      {
        description: 'MAINTAINER is deprecated: record the author with LABEL org.opencontainers.image.authors instead.',
        check_name: 'maintainer-deprecated',
        fingerprint: fingerprint('maintainer-deprecated', 'MAINTAINER me'),
        severity: 'critical',
        location: { path: 'Dockerfile', lines: { begin: 2 } },
      },
    ]);
  });

  it('gitlab: a fingerprint survives lines moving and tells identical problems apart', () => {
    const before = tree({ Dockerfile: 'FROM ubuntu\nMAINTAINER me\nUSER nobody\n' });
    const after = tree({ Dockerfile: '# a comment\n\nFROM ubuntu\nMAINTAINER me\nUSER nobody\n' });
    const prints = (root: string) =>
      (JSON.parse(run(['lint', 'Dockerfile', '--format', 'gitlab'], root).stdout) as { fingerprint: string }[]).map(
        (i) => i.fingerprint,
      );
    assert.deepStrictEqual(prints(after), prints(before));
    const twice = tree({ Dockerfile: 'FROM ubuntu AS a\nMAINTAINER me\nFROM a\nMAINTAINER me\nUSER nobody\n' });
    const all = prints(twice);
    assert.strictEqual(new Set(all).size, all.length);
  });

  it('sarif: valid SARIF 2.1.0 with rule metadata, 1-based regions and fixes', () => {
    const { code, stdout } = run(['lint', '.', '--format', 'sarif']);
    assert.strictEqual(code, 1);
    const sarif = JSON.parse(stdout);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SARIF_SCHEMA);
    assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
    const run0 = sarif.runs[0];
    assert.strictEqual(run0.tool.driver.name, 'docker-coach');
    const rules = run0.tool.driver.rules as {
      id: string;
      helpUri: string;
      defaultConfiguration: { level: string };
      shortDescription: { text: string };
    }[];
    const maintainerRule = rules.find((r) => r.id === 'maintainer-deprecated')!;
    // The rule's default is a warning; the fixture's .hadolint.yaml raises DL4000 to an error for this result.
    assert.strictEqual(maintainerRule.defaultConfiguration.level, 'warning');
    assert.match(maintainerRule.helpUri, /docs\/rules\/maintainer-deprecated\.md$/);
    assert.ok(fs.existsSync(new URL(maintainerRule.helpUri)), 'the help page exists');
    const maintainer = run0.results.find((r: { ruleId: string }) => r.ruleId === 'maintainer-deprecated');
    assert.strictEqual(rules[maintainer.ruleIndex].id, 'maintainer-deprecated');
    assert.strictEqual(maintainer.level, 'error');
    assert.deepStrictEqual(maintainer.locations[0].physicalLocation.region, {
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 11,
    });
    assert.strictEqual(maintainer.locations[0].physicalLocation.artifactLocation.uri, 'Dockerfile');
    const replacement = maintainer.fixes[0].artifactChanges[0].replacements[0];
    assert.strictEqual(replacement.deletedRegion.startLine, 2);
    assert.match(replacement.insertedContent.text, /LABEL org\.opencontainers\.image\.authors/);
    const pin = run0.results.find((r: { ruleId: string }) => r.ruleId === 'pin-base-image');
    assert.strictEqual(pin.level, 'warning');
    assert.strictEqual(pin.fixes, undefined, 'no fix object without a safe fix');
  });

  it('sarif: an absolute path becomes a file: URI (a relative reference must not start with a slash)', () => {
    const absolute = path.join(FIXTURES, 'Dockerfile');
    const sarif = JSON.parse(run(['lint', absolute, '--format', 'sarif']).stdout);
    const artifact = sarif.runs[0].artifacts[0];
    assert.strictEqual(artifact.location.uri, pathToFileURL(absolute).href);
    assert.deepStrictEqual(artifact.roles, ['analysisTarget']);
    assert.strictEqual(
      sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      pathToFileURL(absolute).href,
    );
  });

  it('text and json still work, and every format agrees on the number of problems', () => {
    const count = {
      json: (s: string) =>
        (JSON.parse(s) as { diagnostics: unknown[] }[]).reduce((n, f) => n + f.diagnostics.length, 0),
      sarif: (s: string) => JSON.parse(s).runs[0].results.length,
      github: (s: string) => s.split('\n').filter(Boolean).length,
      checkstyle: (s: string) => (s.match(/<error /g) ?? []).length,
      gitlab: (s: string) => JSON.parse(s).length,
      text: (s: string) => Number(/(\d+) problems?/.exec(s)![1]),
    };
    const numbers = Object.entries(count).map(([format, f]) => f(run(['lint', '.', '--format', format]).stdout));
    assert.strictEqual(new Set(numbers).size, 1, numbers.join(' '));
    assert.strictEqual(numbers[0], 3);
  });
});

describe('docker-coach CLI discovery and exit codes', () => {
  it('skips what the root and nested .gitignore files list, with negation, but lints explicit files', () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n*.gen.dockerfile\n!keep.gen.dockerfile\n',
      Dockerfile: 'FROM scratch\n',
      'build/Dockerfile': 'FROM scratch\n',
      'a.gen.dockerfile': 'FROM scratch\n',
      'keep.gen.dockerfile': 'FROM scratch\n',
      'svc/.gitignore': 'Dockerfile.local\n/compose.override.yaml\n',
      'svc/Dockerfile': 'FROM scratch\n',
      'svc/Dockerfile.local': 'FROM scratch\n',
      'svc/compose.override.yaml': 'services: {}\n',
      'svc/deep/compose.override.yaml': 'services: {}\n',
      'svc/deep/Dockerfile.local': 'FROM scratch\n',
    });
    assert.deepStrictEqual(linted(run(['lint', '.', '--format', 'json'], root).stdout), [
      'Dockerfile',
      'keep.gen.dockerfile',
      'svc/Dockerfile',
      'svc/deep/compose.override.yaml',
    ]);
    // A folder inside the repository still obeys the .gitignore files above it.
    assert.deepStrictEqual(linted(run(['lint', 'svc/deep', '--format', 'json'], root).stdout), [
      'svc/deep/compose.override.yaml',
    ]);
    // Explicit files are linted even when ignored.
    assert.deepStrictEqual(
      linted(run(['lint', 'build/Dockerfile', 'svc/Dockerfile.local', '--format', 'json'], root).stdout),
      ['build/Dockerfile', 'svc/Dockerfile.local'],
    );
  });

  it('--ignore globs (repeatable) skip folders and files, explicit ones too', () => {
    const root = tree({
      Dockerfile: 'FROM scratch\n',
      'vendor/Dockerfile': 'FROM scratch\n',
      'app/Dockerfile.test': 'FROM scratch\n',
      'app/Dockerfile': 'FROM scratch\n',
      'app/compose.yaml': 'services: {}\n',
    });
    const files = (...args: string[]) => linted(run(['lint', ...args, '--format', 'json'], root).stdout);
    assert.deepStrictEqual(files('.', '--ignore', 'vendor', '--ignore', 'Dockerfile.*'), [
      'Dockerfile',
      'app/Dockerfile',
      'app/compose.yaml',
    ]);
    assert.deepStrictEqual(files('.', '--ignore=app/**/*.yaml'), [
      'Dockerfile',
      'app/Dockerfile',
      'app/Dockerfile.test',
      'vendor/Dockerfile',
    ]);
    assert.deepStrictEqual(files('Dockerfile', 'vendor/Dockerfile', '--ignore', 'vendor/'), ['Dockerfile']);
    const everything = run(['lint', 'vendor', '--ignore', 'vendor/Dockerfile'], root);
    assert.strictEqual(everything.code, 2);
    assert.match(everything.stderr, /no Dockerfile or compose file found in vendor/);
  });

  it('--max-warnings N exits 1 only when warnings exceed N; --no-fail wins; bad N is a usage error', () => {
    // compose.yaml has one warning and no error.
    assert.strictEqual(run(['lint', 'compose.yaml']).code, 0);
    const over = run(['lint', 'compose.yaml', '--max-warnings', '0']);
    assert.strictEqual(over.code, 1);
    assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
    assert.strictEqual(run(['lint', 'compose.yaml', '--max-warnings', '1']).code, 0);
    assert.strictEqual(run(['lint', 'compose.yaml', '--max-warnings=0', '--failure-threshold', 'none']).code, 1);
    assert.strictEqual(run(['lint', 'compose.yaml', '--max-warnings', '0', '--no-fail']).code, 0);
    assert.strictEqual(run(['lint', 'Dockerfile', '--max-warnings', '5']).code, 1, 'errors still fail');
    const bad = run(['lint', '.', '--max-warnings', 'many']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--max-warnings needs a whole number/);
  });

  it('documents the formats and stable exit codes in --help', () => {
    const { stdout } = run(['--help']);
    for (const word of [
      'sarif',
      'github',
      'checkstyle',
      'gitlab',
      '--max-warnings',
      '--ignore',
      '--jobs',
      'Exit codes',
    ])
      assert.ok(stdout.includes(word), word);
    assert.match(stdout, /^ {2}0 {2}/m);
    assert.match(stdout, /^ {2}1 {2}/m);
    assert.match(stdout, /^ {2}2 {2}/m);
  });

  it('worker threads give exactly the sequential output, in input order, for 60 files', function () {
    this.timeout(60000);
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      const dir = `d${i % 5}`;
      if (i % 6 === 5)
        files[`${dir}/compose.${i}.yaml`] =
          `version: "3"\nservices:\n  web${i}:\n    image: nginx\n    privileged: true\n`;
      else
        files[`${dir}/Dockerfile.${i}`] =
          `FROM ubuntu${i % 2 ? ':22.04' : ''}\n${'RUN apt-get update && apt-get install curl\n'.repeat(i % 4)}MAINTAINER n${i}\n${i % 3 ? 'USER nobody\n' : ''}`;
    }
    files['d0/Dockerfile.bin'] = '\u0000\u0001binary';
    const root = tree(files);
    for (const format of ['json', 'sarif', 'text']) {
      const sequential = run(['lint', '.', '--format', format, '--jobs', '1'], root);
      const parallel = run(['lint', '.', '--format', format, '--jobs', '3'], root);
      assert.strictEqual(parallel.stdout, sequential.stdout, format);
      assert.strictEqual(parallel.stderr, sequential.stderr, format);
      assert.strictEqual(parallel.code, sequential.code, format);
      assert.strictEqual(sequential.code, 2, 'the binary file is an error');
      assert.match(sequential.stderr, /cannot lint d0.Dockerfile\.bin: it is a binary file/);
    }
    const order = linted(run(['lint', '.', '--format', 'json', '--jobs', '4'], root).stdout);
    assert.strictEqual(order.length, 60);
    // Discovery order: folders d0…d4, names sorted by code unit within each.
    assert.deepStrictEqual(order, [...order].sort());
  });
});
