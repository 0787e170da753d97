/** compose-schema: the compose-spec JSON schema, every error at its key or value, in plain words. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { schemaCompileMillis } from '../../../server/src/compose/schema';
import { applyEdits, findingsOf, lintText } from '../../support/lint';

const findings = (text: string) => findingsOf('compose-schema', text);

/** `line:character-line:character`, 0-based, and the message. */
function shown(text: string): string[] {
  return findings(text).map(
    (f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`,
  );
}

function fixed(text: string, index = 0): string {
  const finding = findings(text)[index];
  const [fix] = finding.fixes?.() ?? [];
  assert.ok(fix, `no fix for: ${finding.message}`);
  assert.strictEqual(fix.safe, false, 'renaming a key is offered, never applied by fix-all');
  return applyEdits(text, fix.edits);
}

describe('compose-schema', () => {
  it('validates the first time in bounded time (the figure is printed, not asserted)', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../../samples/compose.yaml'), 'utf8');
    const started = performance.now();
    lintText(text, 'dockercompose');
    const first = performance.now() - started;
    const again = performance.now();
    lintText(`${text}\n`, 'dockercompose');
    const second = performance.now() - again;
    // Another test may have compiled the schema already; its compile time is kept.
    console.log(
      `      schema load + compile at first use: ${schemaCompileMillis()?.toFixed(0)} ms; this lint: ${first.toFixed(0)} ms, the next: ${second.toFixed(1)} ms`,
    );
    assert.ok(schemaCompileMillis() !== undefined);
  });

  describe('unknown keys, at the key', () => {
    it('at the top level', () => {
      assert.deepStrictEqual(shown('servicse:\n  web:\n    image: nginx:1.27\n'), [
        '0:0-0:8 Unknown key `servicse` at the top level: did you mean `services`?',
      ]);
      assert.deepStrictEqual(shown('services: {}\nfoo: 1\n'), [
        '1:0-1:3 Unknown key `foo` at the top level: expected `version`, `name`, `include`, `services`, `models`, `networks`, `volumes`, `secrets`, `configs` or an `x-` extension.',
      ]);
    });

    it('accepts service keys newer than the bundled schema (pre_start), and still checks the rest of the service', () => {
      const text =
        'services:\n  app:\n    image: alpine:3.20\n    pre_start:\n      - image: alpine:3.20\n        command: sh -c "echo ready > /shared/init"\n';
      assert.deepStrictEqual(shown(text), []);
      assert.deepStrictEqual(shown(`${text}    restat: always\n`).length, 1);
      assert.deepStrictEqual(shown('services:\n  app:\n    image: alpine:3.20\n    pre_start: now\n').length, 1);
    });

    it('in a service, with the fix that renames the key', () => {
      const text = 'services:\n  web:\n    image: nginx:1.27\n    helthcheck:\n      test: ["CMD", "true"]\n';
      assert.deepStrictEqual(shown(text), [
        '3:4-3:14 Unknown key `helthcheck` in service "web": did you mean `healthcheck`?',
      ]);
      assert.strictEqual(fixed(text), text.replace('helthcheck', 'healthcheck'));
      assert.deepStrictEqual(shown(fixed(text)), []);
    });

    it('nested, and in top-level sections', () => {
      const text = [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          memroy: 512m',
        'networks:',
        '  front:',
        '    drvier: bridge',
        'volumes:',
        '  data:',
        '    "lables": {}',
        'secrets:',
        '  token:',
        '    fil: ./token.txt',
        '',
      ].join('\n');
      assert.deepStrictEqual(shown(text), [
        '6:10-6:16 Unknown key `memroy` in `deploy.resources.limits` of service "web": did you mean `memory`?',
        '9:4-9:10 Unknown key `drvier` in network "front": did you mean `driver`?',
        '12:4-12:12 Unknown key `lables` in volume "data": did you mean `labels`?',
        '15:4-15:7 Unknown key `fil` in secret "token": did you mean `file`?',
      ]);
      assert.ok(fixed(text, 2).includes('\n    labels: {}\n'), 'a quoted key is replaced, quotes included');
    });

    it('extension keys and their content are free', () => {
      assert.deepStrictEqual(
        shown(
          'x-anything:\n  whatever: [1, {a: b}]\nservices:\n  web:\n    image: nginx:1.27\n    x-mine: {helthcheck: 1}\n',
        ),
        [],
      );
    });

    it('names that are not valid service or volume names', () => {
      assert.deepStrictEqual(shown('services:\n  "my web":\n    image: nginx:1.27\nvolumes:\n  data/1: {}\n'), [
        '1:2-1:10 `my web` is not a valid service name: use only letters, digits, `.`, `_` and `-`.',
        '4:2-4:8 `data/1` is not a valid volume name: use only letters, digits, `.`, `_` and `-`.',
      ]);
    });
  });

  describe('wrong types, at the value', () => {
    it('says what was expected and what was found', () => {
      assert.deepStrictEqual(
        shown('services:\n  web:\n    image: nginx:1.27\n    ports: "8080:80"\n    privileged: [true]\n'),
        [
          '3:11-3:20 `ports` of service "web" must be a list, not a string.',
          '4:16-4:22 `privileged` of service "web" must be a boolean or a string, not a list.',
        ],
      );
    });

    it('a lone boolean type reads as `true` or `false`', () => {
      assert.deepStrictEqual(
        shown(
          'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_started\n        required: "yes"\n  db:\n    image: postgres:16\n',
        ),
        ['6:18-6:23 `depends_on.db.required` of service "web" must be `true` or `false`, not a string.'],
      );
    });

    it('a block collection of the wrong type is reported at its key', () => {
      assert.deepStrictEqual(shown('services:\n  web:\n    image: nginx:1.27\n    command:\n      run: now\n'), [
        '3:4-3:11 `command` of service "web" must be empty, a string or a list, not a mapping.',
      ]);
    });

    it('one message for a value none of the alternatives accepts', () => {
      assert.deepStrictEqual(shown('services:\n  web:\n    build: 3\n'), [
        '2:11-2:12 `build` of service "web" must be a string or a mapping, not a number.',
      ]);
    });

    it('a document that is not a mapping', () => {
      assert.deepStrictEqual(shown('- services\n- web\n'), [
        '0:0-0:10 The compose file must be a mapping, not a list.',
      ]);
    });
  });

  describe('enum, pattern, required, limits, duplicates', () => {
    it('lists the allowed values, suggests the closest and fixes it', () => {
      const text =
        'services:\n  web:\n    image: example/web:1.4\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: postgres:16\n';
      assert.deepStrictEqual(shown(text), [
        '5:19-5:33 `depends_on.db.condition` of service "web" must be `service_started`, `service_healthy` or `service_completed_successfully`, not `service_healty`: did you mean `service_healthy`?',
      ]);
      assert.deepStrictEqual(shown(fixed(text)), []);
    });

    it('one error for one mistake in a long-syntax list item (not one per alternative)', () => {
      assert.deepStrictEqual(
        shown(
          'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bnd\n        source: ./html\n        target: /usr/share/nginx/html\n      - source: data\n        target: /data\n',
        ),
        [
          '4:14-4:17 `volumes[0].type` of service "web" must be `bind`, `volume`, `tmpfs`, `cluster`, `npipe` or `image`, not `bnd`: did you mean `bind`?',
          '7:8-7:20 `volumes[1]` of service "web" is missing the required key `type`.',
        ],
      );
    });

    it('patterns in words, numeric limits, duplicates', () => {
      assert.deepStrictEqual(
        shown(
          'services:\n  web:\n    image: nginx:1.27\n    pull_policy: sometimes\n    cpu_percent: 150\n    cap_add: [NET_ADMIN, NET_ADMIN]\n',
        ),
        [
          '3:17-3:26 `pull_policy` of service "web" must be `always`, `never`, `missing`, `build`, `refresh`, `daily`, `weekly` or `every_` followed by an interval such as `every_12h`, not `sometimes`.',
          '4:17-4:20 `cpu_percent` of service "web" must be at most 100, not 150.',
          '5:25-5:34 `cap_add` of service "web" lists `NET_ADMIN` more than once.',
        ],
      );
    });

    it('a missing required key is reported at the key of its mapping', () => {
      assert.deepStrictEqual(
        shown(
          'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        restart: true\n  db:\n    image: postgres:16\n',
        ),
        ['4:6-4:8 `depends_on.db` of service "web" is missing the required key `condition`.'],
      );
    });
  });

  describe('values Compose fills in or drops', () => {
    it('never reports an interpolated value', () => {
      const text = [
        'services:',
        '  web:',
        '    image: nginx:${TAG:-1.27}',
        '    ports: ["${PORT}:80", "$OTHER"]',
        '    cpus: ${CPUS}',
        '    privileged: ${PRIVILEGED:-false}',
        '    pull_policy: ${PULL_POLICY}',
        '    cpu_percent: ${PERCENT:?set it}',
        '    logging: ${LOGGING}',
        '    depends_on:',
        '      db:',
        '        condition: ${CONDITION}',
        '    volumes:',
        '      - type: $VOLUME_TYPE',
        '        source: data',
        '        target: /data',
        '',
      ].join('\n');
      assert.deepStrictEqual(shown(text), []);
    });

    it('but `$$` is a literal dollar', () => {
      assert.deepStrictEqual(shown('services:\n  web:\n    image: nginx:1.27\n    pull_policy: $${X}\n').length, 1);
    });

    it('accepts !reset on any value and validates !override values', () => {
      assert.deepStrictEqual(
        shown(
          'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n    environment: !reset null\n    depends_on: !reset null\n    healthcheck: !reset {}\n',
        ),
        [],
      );
      assert.deepStrictEqual(shown('services:\n  web:\n    image: nginx:1.27\n    ports: !override "8080:80"\n'), [
        '3:21-3:30 `ports` of service "web" must be a list, not a string.',
      ]);
    });
  });

  describe('anchors, aliases and merge keys', () => {
    it('sees merged values; a mistake in an anchor is reported where it is used, without a rename fix', () => {
      const text = [
        'x-base: &base',
        '  restart: always',
        '  helthcheck:',
        '    disable: true',
        'x-check: &check',
        '  test: ["CMD", "true"]',
        '  intervl: 30s',
        'services:',
        '  web:',
        '    <<: *base',
        '    image: nginx:1.27',
        '  api:',
        '    <<: [*base]',
        '    image: example/api:2',
        '    healthcheck: *check',
        '',
      ].join('\n');
      assert.deepStrictEqual(shown(text), [
        '9:8-9:13 Unknown key `helthcheck` in service "web" (from `*base`): did you mean `healthcheck`?',
        '12:9-12:14 Unknown key `helthcheck` in service "api" (from `*base`): did you mean `healthcheck`?',
        '14:17-14:23 Unknown key `intervl` in `healthcheck` of service "api" (from `*check`): did you mean `interval`?',
      ]);
      assert.ok(findings(text).every((f) => f.fixes === undefined));
    });

    it('keys written in the service win over merged ones', () => {
      assert.deepStrictEqual(
        shown(
          'x-base: &base\n  ports: "80"\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
        ),
        [],
      );
      assert.deepStrictEqual(
        shown('x-base: &base\n  ports: "80"\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n'),
        ['4:8-4:13 `ports` of service "web" (from `*base`) must be a list, not a string.'],
      );
    });
  });

  describe('documents', () => {
    it('checks every document of the file (Compose loads them all, in order)', () => {
      assert.deepStrictEqual(
        shown('services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    imag: nginx:1.27\n'),
        ['6:4-6:8 Unknown key `imag` in service "web": did you mean `image`?'],
      );
    });

    it('says once that a file is in the Compose file format v1, on its first service', () => {
      const v1 =
        '# an old file\nx-common: {restart: always}\nvpn:\n  build: .\n  net: host\nweb:\n  image: nginx:1.27\n  links: [vpn]\n';
      assert.deepStrictEqual(shown(v1), [
        '2:0-2:3 This file is in the Compose file format v1, with its services at the top level (`vpn`…) and no `services:` key: Docker Compose v2 rejects the whole file, as `vpn` is no top-level key of the Compose Specification. Move the services under a top-level `services:` key.',
      ]);
      // One document in v1, the next one not: each gets its own verdict.
      assert.deepStrictEqual(
        shown('web:\n  image: nginx:1.27\n---\nservices:\n  web:\n    imag: nginx:1.27\n').map((s) => s.split(',')[0]),
        [
          '0:0-0:3 This file is in the Compose file format v1',
          '5:4-5:8 Unknown key `imag` in service "web": did you mean `image`?',
        ],
      );
    });

    it('a misplaced key is no v1 file: with `services:` or `version:`, or without image or build, keys are reported one by one', () => {
      assert.deepStrictEqual(shown('services: {}\nweb:\n  image: nginx:1.27\n'), [
        '1:0-1:3 Unknown key `web` at the top level: expected `version`, `name`, `include`, `services`, `models`, `networks`, `volumes`, `secrets`, `configs` or an `x-` extension.',
      ]);
      assert.deepStrictEqual(shown('version: "3.8"\nweb:\n  image: nginx:1.27\n').length, 1);
      assert.match(shown('version: "3.8"\nweb:\n  image: nginx:1.27\n')[0], /Unknown key `web`/);
      assert.match(shown('web:\n  restart: always\n')[0], /Unknown key `web`/);
    });

    it('skips a document with YAML syntax errors (they are reported as such)', () => {
      const result = lintText('services:\n  web:\n    image: [nginx\n    helthcheck: {}\n', 'dockercompose');
      assert.ok(result.findings.some((f) => f.rule.id === 'compose-yaml-syntax'));
      assert.deepStrictEqual(
        result.findings.filter((f) => f.rule.id === 'compose-schema'),
        [],
      );
    });

    it("settings and pragmas apply, by id or by dclint's name", () => {
      const text =
        'services:\n  web:\n    image: nginx:1.27\n    # docker-coach ignore=compose-schema\n    helthcheck: {}\n    ports: "80"\n';
      assert.deepStrictEqual(shown(text).length, 1);
      assert.deepStrictEqual(
        lintText(text, 'dockercompose', { rules: { 'compose-schema': 'off' } }).findings.filter(
          (f) => f.rule.id === 'compose-schema',
        ),
        [],
      );
      assert.deepStrictEqual(
        lintText(text, 'dockercompose', { rules: { 'invalid-schema': 'warning' } }).findings.map((f) => f.severity),
        ['warning'],
      );
    });
  });

  describe('hostile input: bounded time, one clear diagnostic, no crash', () => {
    const timed = (text: string) => {
      const started = Date.now();
      const result = lintText(text, 'dockercompose');
      return { result, millis: Date.now() - started };
    };
    const messages = (result: ReturnType<typeof lintText>) => [
      ...result.notices.map((n) => n.message),
      ...result.findings.map((f) => f.message),
    ];

    it('a billion laughs', () => {
      const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++)
        lines.push(
          `x-${i}: &a${i} [${Array(9)
            .fill(i === 1 ? '*a' : `*a${i - 1}`)
            .join(', ')}]`,
        );
      lines.push('services:', '  web:', '    image: nginx:1.27', '    command: *a9', '');
      const { result, millis } = timed(lines.join('\n'));
      assert.ok(millis < 5000, `${millis} ms`);
      assert.deepStrictEqual(messages(result), [
        'Not checked against the Compose schema: its aliases refer to aliases so many times over that expanding them would explode (a "billion laughs" document).',
      ]);
    });

    it('one large anchor merged into many services', () => {
      const anchor = 'x-big: &big\n' + Array.from({ length: 3000 }, (_, i) => `  key${i}: value${i}\n`).join('');
      const services =
        'services:\n' +
        Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    <<: *big\n`).join('');
      const { result, millis } = timed(anchor + services);
      assert.ok(millis < 5000, `${millis} ms`);
      assert.deepStrictEqual(
        messages(result).filter((m) => m.startsWith('Not checked')),
        [
          'Not checked against the Compose schema: more than 200,000 values once its aliases and merge keys are expanded.',
        ],
      );
    });

    it('1,000 levels of block nesting', () => {
      const text = `services:\n  web:\n    image: nginx:1.27\nx-deep:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n')} end\n`;
      const { result, millis } = timed(text);
      assert.ok(millis < 5000, `${millis} ms`);
      // Whether the YAML parser gives up at this depth depends on how much stack its compiled code uses: when it
      // does, the file gets that one clear finding; when it does not, the file is valid and gets nothing.
      const said = messages(result);
      assert.ok(said.length <= 1 && said.every((m) => /nested too deeply/i.test(m)), said.join('\n'));
    });

    it('1,000 levels of flow nesting, and 5,000 levels of `- - -`', () => {
      for (const deep of [
        'x-deep: ' + '['.repeat(1000) + ']'.repeat(1000),
        'x-deep:\n  ' + '- '.repeat(5000) + 'end',
      ]) {
        const { result, millis } = timed(`services:\n  web:\n    image: nginx:1.27\n${deep}\n`);
        assert.ok(millis < 5000, `${millis} ms`);
        assert.deepStrictEqual(messages(result), [
          'YAML: Nested too deeply here for the parser to follow (thousands of levels); what is inside is not checked.',
        ]);
      }
    });

    it('an alias inside its own anchor', () => {
      const { result } = timed(
        'services:\n  web: &web\n    image: nginx:1.27\n    <<: *web\n  api: &api\n    image: example/api:2\n    labels: [*api]\n',
      );
      // Said once, by compose-yaml-syntax at the alias; the schema check does not add that the value never ends.
      assert.deepStrictEqual(messages(timed('x-a: &a\n  b: *a\nservices:\n  web:\n    image: nginx:1.27\n').result), [
        'YAML: The alias *a is inside the anchor &a it refers to: the value would contain itself.',
      ]);
      assert.deepStrictEqual(messages(result), [
        'YAML: The alias *web is inside the anchor &web it refers to: the value would contain itself.',
        'YAML: The alias *api is inside the anchor &api it refers to: the value would contain itself.',
      ]);
    });
  });

  describe('the bundle', () => {
    it('carries the schema: the CLI validates compose files far from any node_modules', () => {
      const cli = path.resolve(__dirname, '../../../../dist/cli.js');
      assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: npm test builds it before the unit tests');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-coach-schema-'));
      try {
        // The bin and the bundle it starts.
        for (const name of ['cli.js', 'cli.bundle.js'])
          fs.copyFileSync(path.join(path.dirname(cli), name), path.join(dir, name));
        fs.writeFileSync(
          path.join(dir, 'compose.yaml'),
          'services:\n  web:\n    image: nginx:1.27\n    helthcheck: {}\n',
        );
        const run = spawnSync(
          process.execPath,
          [path.join(dir, 'cli.js'), 'lint', 'compose.yaml', '--format', 'json', '--no-shellcheck'],
          { cwd: dir, encoding: 'utf8' },
        );
        const [file] = JSON.parse(run.stdout);
        assert.deepStrictEqual(
          file.diagnostics.map((d: { rule: string; message: string }) => `${d.rule}: ${d.message}`),
          ['compose-schema: Unknown key `helthcheck` in service "web": did you mean `healthcheck`?'],
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
