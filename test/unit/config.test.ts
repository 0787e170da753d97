/** Project configuration: .hadolint.yaml, BuildKit's `# check=` directive, and where files are found. */
import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { parseHadolintConfig, withProjectConfig } from '../../server/src/engine/hadolintConfig';
import { isKnownCode, ProjectFiles } from '../../server/src/engine/projectFiles';
import { normalizeSettings } from '../../server/src/service/settings';
import { lintText, ruleIds } from '../support/lint';

const parse = (text: string) => parseHadolintConfig('/repo/.hadolint.yaml', text, isKnownCode);

describe('.hadolint.yaml', () => {
  it('maps ignored, override (style → hint), registries, label schema and flags', () => {
    const config = parse(
      [
        'ignored: [DL3019, SC2086]',
        'override:',
        '  error: [DL3015]',
        '  style: [DL3059]',
        '  info: [apt-get-yes]',
        'trustedRegistries:',
        '  - docker.io',
        '  - registry.example.com:5000',
        'label-schema:',
        '  maintainer: text',
        '  org.opencontainers.image.created: rfc3339',
        'strict-labels: true',
        'disable-ignore-pragma: true',
        'failure-threshold: style',
        'no-color: true',
      ].join('\n'),
    );
    assert.deepStrictEqual(config.problems, []);
    assert.deepStrictEqual(config.rules, {
      DL3019: 'off',
      SC2086: 'off',
      DL3015: 'error',
      DL3059: 'hint',
      'apt-get-yes': 'info',
    });
    assert.deepStrictEqual(config.trustedRegistries, ['docker.io', 'registry.example.com:5000']);
    assert.deepStrictEqual(config.labelSchema, { maintainer: 'text', 'org.opencontainers.image.created': 'rfc3339' });
    assert.strictEqual(config.strictLabels, true);
    assert.strictEqual(config.disableIgnorePragmas, true);
    assert.strictEqual(config.failureThreshold, 'hint');
  });

  it('reports unknown keys with a suggestion, unknown codes and bad values at their ranges', () => {
    const config = parse(
      'ignored:\n  - DL9999\nfailure-threshhold: warning\nstrict-labels: yes please\nlabel-schema:\n  team: colour\n',
    );
    const byLine = config.problems.map((p) => [p.range.start.line, p.range.start.character, p.severity, p.message]);
    assert.deepStrictEqual(byLine, [
      [
        1,
        4,
        'warning',
        'Unknown rule "DL9999": Docker Coach has no rule with this id or hadolint code, so this entry has no effect.',
      ],
      [2, 0, 'warning', 'Unknown setting "failure-threshhold": did you mean "failure-threshold"? It is ignored.'],
      [3, 15, 'error', '"strict-labels" must be true or false.'],
      [
        5,
        8,
        'error',
        'Unknown label type "colour" for "team": use one of text, url, spdx, rfc3339, semver, hash, email.',
      ],
    ]);
  });

  it('turns YAML syntax errors and a non-mapping document into errors, and accepts an empty file', () => {
    const broken = parse('ignored: [DL3019\n');
    assert.strictEqual(broken.problems[0].severity, 'error');
    assert.match(broken.problems[0].message, /^YAML syntax error: /);
    assert.match(parse('- DL3019\n').problems[0].message, /is a mapping of settings/);
    assert.deepStrictEqual(parse('').problems, []);
    assert.deepStrictEqual(parse('# only a comment\n').problems, []);
  });

  it('gives the same merged settings object for the same settings and file (per-settings caches survive each edit)', () => {
    const config = parse('ignored: [DL3006]\n');
    const user = normalizeSettings({});
    assert.strictEqual(withProjectConfig(user, config), withProjectConfig(user, config));
    assert.notStrictEqual(withProjectConfig(user, config), withProjectConfig(user, parse('ignored: [DL3006]\n')));
  });

  it('stays under the editor settings: per-rule settings win, lists apply when the editor has none', () => {
    const config = parse(
      'ignored: [DL3006]\noverride:\n  error: [DL3014]\ntrustedRegistries: [docker.io]\ndisable-ignore-pragma: true\n',
    );
    const user = normalizeSettings({ rules: { DL3014: 'hint' } });
    const merged = withProjectConfig(user, config);
    assert.deepStrictEqual(merged.rules, { DL3006: 'off', DL3014: 'hint' });
    assert.deepStrictEqual(merged.trustedRegistries, ['docker.io']);
    assert.strictEqual(merged.honorInlinePragmas, false);
    assert.deepStrictEqual(
      withProjectConfig(normalizeSettings({ trustedRegistries: ['ghcr.io'] }), config).trustedRegistries,
      ['ghcr.io'],
    );
  });

  it('silences one hadolint code of a rule that covers two, and keeps the other', () => {
    const settings = withProjectConfig(DEFAULT_SETTINGS, parse('ignored: [DL3006]\n'));
    const text = 'FROM node\nFROM python:latest AS app\nUSER nobody\n';
    const result = lintText(text, 'dockerfile', settings);
    const pins = result.findings.filter((f) => f.rule.id === 'pin-base-image');
    assert.deepStrictEqual(
      pins.map((f) => f.hadolintCode),
      ['DL3007'],
    );
    const raised = lintText(
      text,
      'dockerfile',
      withProjectConfig(DEFAULT_SETTINGS, parse('override:\n  error: [DL3007]\n')),
    );
    assert.deepStrictEqual(
      raised.findings.filter((f) => f.rule.id === 'pin-base-image').map((f) => [f.hadolintCode, f.severity]),
      [
        ['DL3006', 'warning'],
        ['DL3007', 'error'],
      ],
    );
  });

  it('disable-ignore-pragma makes inline ignore comments ineffective', () => {
    const text = 'FROM ubuntu:24.04\n# hadolint ignore=DL4000\nMAINTAINER me\nUSER nobody\n';
    assert.ok(!ruleIds(lintText(text)).includes('maintainer-deprecated'));
    const settings = withProjectConfig(DEFAULT_SETTINGS, parse('disable-ignore-pragma: true\n'));
    assert.ok(ruleIds(lintText(text, 'dockerfile', settings)).includes('maintainer-deprecated'));
  });
});

describe('BuildKit # check= directive', () => {
  const body = 'FROM alpine:3.20 as build\nMAINTAINER me\nFROM alpine:3.20\nCOPY --from=build /a /a\nUSER nobody\n';

  it('skip= turns the named BuildKit checks off, and only those', () => {
    const ids = ruleIds(lintText(`# check=skip=FromAsCasing\n${body}`));
    assert.ok(!ids.includes('from-as-casing'));
    assert.ok(ids.includes('maintainer-deprecated'));
  });

  it('skip=all turns every BuildKit check off but keeps rules BuildKit does not have', () => {
    const ids = ruleIds(lintText(`# check=skip=all\n${body}\nRUN apk add curl\n`));
    assert.ok(!ids.includes('from-as-casing'));
    assert.ok(!ids.includes('maintainer-deprecated'));
    assert.ok(ids.includes('apk-no-cache'), 'apk-no-cache has no BuildKit equivalent');
  });

  it('error=true makes BuildKit check findings errors', () => {
    const result = lintText(`# check=error=true\n${body}`);
    assert.strictEqual(result.findings.find((f) => f.rule.id === 'from-as-casing')?.severity, 'error');
  });

  it('is only read at the top of the file, before any instruction or comment', () => {
    const ids = ruleIds(lintText(`# a comment\n# check=skip=FromAsCasing\n\n${body}`));
    assert.ok(ids.includes('from-as-casing'));
  });

  it('skip=all leaves an experimental check that experimental= turns on, as BuildKit does', () => {
    const text =
      '# check=skip=all;experimental=InvalidDefinitionDescription\nFROM alpine:3.20 AS base\n# pinned\nARG VERSION=1\nLABEL version=$VERSION\nUSER nobody\n';
    assert.deepStrictEqual(ruleIds(lintText(text)), ['invalid-definition-description']);
  });
});

describe('# check=skip= right above an instruction', () => {
  const lines = (text: string, settings = {}) =>
    lintText(text, 'dockerfile', settings).findings.map((f) => `${f.rule.id}@${f.range.start.line}`);

  it('skips the named checks for that instruction only, in any comment line of the block above it', () => {
    const text =
      'FROM alpine:3.20\n# keep the shell form: the script needs it\n# check=skip=JSONArgsRecommended\nCMD node server.js\nMAINTAINER me\nFROM alpine:3.20\nUSER nobody\nCMD node other.js\n';
    assert.deepStrictEqual(lines(text), ['maintainer-deprecated@4', 'exec-form-cmd@7']);
  });

  it('takes a list or all, and leaves other instructions and rules BuildKit does not have alone', () => {
    const text =
      'FROM alpine:3.20 as build\n# check=skip=StageNameCasing,FromAsCasing\nFROM alpine:3.20 as Final\n# check=skip=all\nMAINTAINER me\nRUN apk add curl\nUSER nobody\n';
    assert.deepStrictEqual(lines(text), ['from-as-casing@0', 'apk-no-cache@5']);
  });

  it('is detached by an empty line or an empty comment line, and is not read from other places', () => {
    assert.deepStrictEqual(
      lines('FROM alpine:3.20\nUSER nobody\n# check=skip=JSONArgsRecommended\n\nCMD node server.js\n'),
      ['exec-form-cmd@4'],
    );
    assert.deepStrictEqual(
      lines('FROM alpine:3.20\nUSER nobody\n# check=skip=JSONArgsRecommended\n#\nCMD node server.js\n'),
      ['exec-form-cmd@4'],
    );
    assert.deepStrictEqual(
      lines('FROM alpine:3.20\nUSER nobody\nCMD node server.js # check=skip=JSONArgsRecommended\n'),
      ['exec-form-cmd@2'],
    );
  });

  it('covers a finding anywhere in the instruction, and takes the names in any case', () => {
    const text = 'FROM alpine:3.20\n# check=skip=noemptycontinuation\nRUN echo a \\\n\n  && echo b\nUSER nobody\n';
    assert.deepStrictEqual(lines(text), []);
  });
});

describe('project files', () => {
  const files = (entries: Record<string, string>) => ({ read: (file: string) => entries[path.resolve(file)] ?? null });
  const root = path.resolve('/work/project');

  it('finds the nearest hadolint configuration above a file, then the user-wide one', () => {
    const reader = files({
      [path.join(root, '.hadolint.yml')]: 'ignored: [DL3019]\n',
      [path.join(root, 'svc', '.hadolint.yaml')]: 'ignored: [DL3015]\n',
      [path.resolve('/home/me/.config/hadolint.yaml')]: 'ignored: [DL3059]\n',
    });
    const project = new ProjectFiles(reader, [path.resolve('/home/me/.config/hadolint.yaml')]);
    assert.deepStrictEqual(project.configFor(path.join(root, 'svc', 'api', 'Dockerfile'))?.rules, { DL3015: 'off' });
    assert.deepStrictEqual(project.configFor(path.join(root, 'web', 'Dockerfile'))?.rules, { DL3019: 'off' });
    assert.deepStrictEqual(project.configFor(path.resolve('/elsewhere/Dockerfile'))?.rules, { DL3059: 'off' });
    assert.strictEqual(new ProjectFiles(files({}), []).configFor(path.join(root, 'Dockerfile')), null);
  });

  it('prefers <Dockerfile>.dockerignore over the context .dockerignore, and knows when there is none', () => {
    const reader = files({
      [path.join(root, '.dockerignore')]: 'node_modules\n',
      [path.join(root, 'Dockerfile.prod.dockerignore')]: '.git\n',
    });
    const project = new ProjectFiles(reader, []);
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile.prod'))?.text, '.git\n');
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile'))?.path, path.join(root, '.dockerignore'));
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'other', 'Dockerfile')), null);
  });

  it('reads files again after invalidate()', () => {
    const entries: Record<string, string> = {};
    const project = new ProjectFiles(files(entries), []);
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile')), null);
    entries[path.join(root, '.dockerignore')] = '.env\n';
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile')), null, 'cached until invalidated');
    project.invalidate();
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile'))?.text, '.env\n');
  });

  it('forgets the ignore file of one Dockerfile (its document closed), not the others', () => {
    const entries: Record<string, string> = { [path.join(root, '.dockerignore')]: '.env\n' };
    const project = new ProjectFiles(files(entries), []);
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile'))?.text, '.env\n');
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile.dev'))?.text, '.env\n');
    entries[path.join(root, '.dockerignore')] = '.git\n';
    project.forgetDockerfile(path.join(root, 'Dockerfile'));
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile'))?.text, '.git\n');
    assert.strictEqual(project.dockerignoreFor(path.join(root, 'Dockerfile.dev'))?.text, '.env\n', 'still cached');
  });
});

describe('BuildKit experimental checks', () => {
  it('# check=experimental= turns on a check that is off by default, unless the settings turned it off', () => {
    const text = (directive: string) =>
      `${directive}# the builder\nFROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nUSER nobody\n`;
    assert.ok(!ruleIds(lintText(text(''))).includes('invalid-definition-description'));
    assert.ok(
      ruleIds(lintText(text('# check=experimental=InvalidDefinitionDescription\n'))).includes(
        'invalid-definition-description',
      ),
    );
    assert.ok(ruleIds(lintText(text('# check=experimental=all\n'))).includes('invalid-definition-description'));
    const off = lintText(text('# check=experimental=all\n'), 'dockerfile', {
      rules: { 'invalid-definition-description': 'off' },
    });
    assert.ok(!ruleIds(off).includes('invalid-definition-description'));
  });
});
