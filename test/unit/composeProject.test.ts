/** The Compose project model: files, .env, interpolation, merge rules, include, extends, profiles, limits. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { composeConfigCommand } from '../../server/src/cli/composeConfig';
import { parseDotenv } from '../../server/src/compose/project/dotenv';
import { substitute } from '../../server/src/compose/project/interpolate';
import { enforceUnicity, mergeValues, Value } from '../../server/src/compose/project/merge';
import { ComposeProject, loadProject, MAX_NESTING } from '../../server/src/compose/project/loader';

const ROOT = path.resolve('/project');
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Loads a project from an in-memory folder (paths relative to ROOT). */
function load(
  files: Record<string, string>,
  options: {
    files?: string[];
    profiles?: string[];
    env?: Record<string, string>;
    cwd?: string;
    projectDirectory?: string;
  } = {},
): ComposeProject {
  const abs = new Map(Object.entries(files).map(([f, t]) => [path.join(ROOT, f), t]));
  return loadProject({
    files: options.files,
    profiles: options.profiles,
    projectDirectory: options.projectDirectory,
    cwd: options.cwd ? path.join(ROOT, options.cwd) : ROOT,
    env: options.env ?? {},
    readText: (f) => abs.get(f) ?? { unreadable: 'missing' },
    exists: (f) => abs.has(f),
  });
}
const services = (p: ComposeProject) => plain(p.config.services);
const merged = (base: string, override: string) =>
  plain(enforceUnicity(mergeValues(parse(base) as Value, parse(override) as Value, [])));

describe('compose project: interpolation', () => {
  const vars: Record<string, string> = { SET: 'v', EMPTY: '' };
  const sub = (t: string) => substitute(t, (n) => vars[n]);
  it('substitutes every form as Compose does', () => {
    const cases: [string, string][] = [
      ['$SET/${SET}', 'v/v'],
      ['${UNSET:-d}|${EMPTY:-d}|${SET:-d}', 'd|d|v'],
      ['${UNSET-d}|${EMPTY-d}', 'd|'],
      ['${SET:+alt}|${EMPTY:+alt}|${UNSET:+alt}', 'alt||'],
      ['${SET+alt}|${EMPTY+alt}|${UNSET+alt}', 'alt|alt|'],
      ['$$SET and $${SET}', '$SET and ${SET}'],
      ['${UNSET:-${SET}-x}', 'v-x'],
      ['${UNSET:-a:-b}', 'a:-b'],
      ['$SET-x', 'v-x'],
    ];
    for (const [input, want] of cases) assert.strictEqual(sub(input).value, want, input);
  });
  it('records each variable with its place and whether it resolves', () => {
    const r = sub('a ${MISSING} $SET ${UNSET:-x} ${NESTED:-$ALSO}');
    assert.deepStrictEqual(
      r.references.map((x) => [x.name, x.offset, x.length, x.unresolved]),
      [
        ['MISSING', 2, 10, 'missing'],
        ['SET', 13, 4, null],
        ['UNSET', 18, 11, null],
        ['NESTED', 30, 16, null],
        ['ALSO', 40, 5, 'missing'],
      ],
    );
  });
  it('refuses required variables without a value and invalid templates', () => {
    assert.strictEqual(sub('${UNSET:?say ${SET}}').error?.message, 'required variable UNSET is missing a value: say v');
    assert.strictEqual(sub('${EMPTY:?}').error?.message, 'required variable EMPTY is missing a value');
    assert.strictEqual(sub('${EMPTY?}').error, null);
    for (const bad of ['${', '$}', '${}', '${ x}', '${x!}', 'cost $5'])
      assert.match(sub(bad).error?.message ?? '', /^Invalid template/, bad);
  });
});

describe('compose project: .env', () => {
  it('reads export, quotes, escapes, comments, multi-line values and ${VAR}', () => {
    const text = '# c\nexport A=1 # note\nB="x\\ny ${A}"\nC=\'$A lit\'\nD: "two\nlines"\nE=a#b\nF=${A}${G:-g}\nH\n';
    const r = parseDotenv(text, (n) => (n === 'H' ? 'from-env' : undefined));
    assert.deepStrictEqual(Object.fromEntries(r.values), {
      A: '1',
      B: 'x\ny 1',
      C: '$A lit',
      D: 'two\nlines',
      E: 'a#b',
      F: '1g',
      H: 'from-env',
    });
    assert.strictEqual(r.error, null);
  });
  it('reports an unterminated quote and a bad key with the line', () => {
    assert.match(parseDotenv('A=1\nB="open\n').error?.message ?? '', /^line 2: unterminated quoted value/);
    assert.match(parseDotenv('A B=1').error?.message ?? '', /unexpected character|key cannot contain a space/);
    assert.match(parseDotenv('A$=1').error?.message ?? '', /line 1: unexpected character "\$"/);
  });
});

describe('compose project: merge rules', () => {
  it('replaces scalars, command and entrypoint; merges mappings; appends other lists', () => {
    assert.deepStrictEqual(
      merged(
        'services: {a: {image: x, command: [a, b], cap_add: [X], healthcheck: {test: [CMD, a], interval: 1s}}}',
        'services: {a: {image: y, command: [c], cap_add: [Y, X], healthcheck: {test: [CMD, b]}}}',
      ),
      {
        services: {
          a: { image: 'y', command: ['c'], cap_add: ['X', 'Y'], healthcheck: { test: ['CMD', 'b'], interval: '1s' } },
        },
      },
    );
  });
  it('turns environment mappings into sorted KEY=value lists and keeps the last value of a key in place', () => {
    assert.deepStrictEqual(
      merged('services: {a: {environment: {B: 1, A: x, N: null}}}', 'services: {a: {environment: [B=2, C=3]}}'),
      { services: { a: { environment: ['A=x', 'B=2', 'N', 'C=3'] } } },
    );
  });
  it('merges depends_on and networks as mappings, build string as context', () => {
    assert.deepStrictEqual(
      merged(
        'services: {a: {depends_on: [db], networks: [front], build: .}}',
        'services: {a: {depends_on: {cache: {condition: service_healthy}}, networks: {back: {aliases: [b]}}, build: {dockerfile: D}}}',
      ),
      {
        services: {
          a: {
            depends_on: {
              db: { condition: 'service_started', required: true },
              cache: { condition: 'service_healthy' },
            },
            networks: { front: null, back: { aliases: ['b'] } },
            build: { context: '.', dockerfile: 'D' },
          },
        },
      },
    );
  });
  it('de-duplicates ports, volumes, secrets and expose by their key', () => {
    assert.deepStrictEqual(
      merged(
        'services: {a: {ports: ["80:80"], volumes: ["./a:/data", "/b"], secrets: [s], expose: [80]}}',
        'services: {a: {ports: ["80:80", "443:443"], volumes: ["./c:/data:ro"], secrets: [{source: s, target: /run/secrets/s}], expose: ["80", 80]}}',
      ),
      {
        services: {
          a: {
            ports: ['80:80', '443:443'],
            volumes: ['./c:/data:ro', '/b'],
            secrets: [{ source: 's', target: '/run/secrets/s' }],
            expose: ['80'],
          },
        },
      },
      'the last of equal keys takes the place of the first (the repeated 80 is dropped while appending)',
    );
  });
  it('merges logging options only for the same driver', () => {
    assert.deepStrictEqual(
      merged(
        'services: {a: {logging: {driver: local, options: {x: 1}}}}',
        'services: {a: {logging: {driver: syslog, options: {y: 2}}}}',
      ),
      { services: { a: { logging: { driver: 'syslog', options: { y: 2 } } } } },
    );
    assert.deepStrictEqual(
      merged(
        'services: {a: {logging: {driver: local, options: {x: 1}}}}',
        'services: {a: {logging: {options: {y: 2}}}}',
      ),
      { services: { a: { logging: { driver: 'local', options: { x: 1, y: 2 } } } } },
    );
  });
  it('refuses a mapping over a list', () => {
    assert.throws(
      () => merged('services: {a: {cap_add: [X]}}', 'services: {a: {cap_add: {X: 1}}}'),
      /cannot override services\.a\.cap_add/,
    );
  });
});

describe('compose project: files and loading', () => {
  it('finds compose.yaml and its override, in a folder above, and reads .env beside them', () => {
    const p = load(
      {
        'compose.yaml': 'services:\n  a:\n    image: x:${TAG}\n',
        'compose.override.yml': 'services:\n  a:\n    ports: ["80:80"]\n',
        'docker-compose.yml': 'services: {}\n',
        '.env': 'TAG=1\n',
        'sub/deep/.keep': '',
      },
      { cwd: 'sub/deep' },
    );
    assert.deepStrictEqual(p.files, [path.join(ROOT, 'compose.yaml'), path.join(ROOT, 'compose.override.yml')]);
    assert.deepStrictEqual(
      services(p),
      { a: { image: 'x:', ports: ['80:80'] } },
      'the .env of the working folder is read, not the one beside the files',
    );
    assert.ok(p.warnings.some((w) => /found several compose files/.test(w.message)));
  });
  it('takes COMPOSE_FILE, COMPOSE_PATH_SEPARATOR and COMPOSE_PROFILES from .env; the process environment wins', () => {
    const files = {
      '.env': 'COMPOSE_FILE=a.yaml;b.yaml\nCOMPOSE_PATH_SEPARATOR=;\nCOMPOSE_PROFILES=dev\nV=env-file\n',
      'a.yaml': 'services:\n  s:\n    image: ${V}\n  d:\n    image: d\n    profiles: [dev]\n',
      'b.yaml': 'services:\n  s:\n    init: true\n',
    };
    const p = load(files, { env: { V: 'process' } });
    assert.deepStrictEqual(services(p), { s: { image: 'process', init: true }, d: { image: 'd', profiles: ['dev'] } });
    assert.deepStrictEqual(p.profiles, ['dev']);
    const source = p.environment.get('COMPOSE_PROFILES')!.source;
    assert.ok(source !== 'process' && source.file === path.join(ROOT, '.env') && source.range.start.line === 2);
  });
  it('applies !reset and !override of a later file', () => {
    const p = load({
      'compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["80:80"]\n    environment: {A: 1}\n',
      'compose.override.yaml': 'services:\n  a:\n    ports: !override ["81:80"]\n    environment: !reset {}\n',
    });
    assert.deepStrictEqual(services(p), { a: { image: 'x', ports: ['81:80'] } });
  });
  it('includes a project with its own folder and .env, and refuses a conflicting definition', () => {
    const p = load({
      'compose.yaml': 'include:\n  - path: lib/db.yaml\nservices:\n  web:\n    image: w\n',
      'lib/db.yaml': 'services:\n  db:\n    image: pg:${PG}\n    env_file: db.env\n',
      'lib/.env': 'PG=16\n',
    });
    assert.deepStrictEqual(services(p), {
      web: { image: 'w' },
      db: { image: 'pg:16', env_file: path.join(ROOT, 'lib/db.env') },
    });
    assert.deepStrictEqual(
      p.origins.services.db.map((o) => [o.file, o.via, o.range.start.line]),
      [[path.join(ROOT, 'lib/db.yaml'), 'include', 1]],
    );
    const conflict = load({
      'compose.yaml': 'include: [other.yaml]\nservices:\n  db:\n    image: a\n',
      'other.yaml': 'services:\n  db:\n    image: b\n',
    });
    assert.match(conflict.errors[0].message, /other\.yaml defines service "db", which this file also defines/);
    assert.strictEqual(conflict.errors[0].range?.start.line, 2);
  });
  it("extends a service of the same file and of another file, with that file's relative paths", () => {
    const p = load({
      'compose.yaml':
        'services:\n  base:\n    image: b\n    environment: [A=1]\n  one:\n    extends: base\n    environment: [B=2]\n  two:\n    extends: {file: lib/common.yaml, service: tpl}\n',
      'lib/common.yaml': 'services:\n  tpl:\n    build: ./ctx\n',
    });
    assert.deepStrictEqual(services(p), {
      base: { image: 'b', environment: ['A=1'] },
      one: { image: 'b', environment: ['A=1', 'B=2'] },
      two: { build: path.join(ROOT, 'lib/ctx') },
    });
    assert.deepStrictEqual(
      p.origins.services.one.map((o) => o.via),
      ['file', 'extends'],
    );
  });
  it('stops include and extends cycles with a clear error', () => {
    const inc = load({ 'compose.yaml': 'include: [a.yaml]\n', 'a.yaml': 'include: [compose.yaml]\n' });
    assert.match(inc.errors[0].message, /^include cycle: compose\.yaml → a\.yaml → compose\.yaml$/);
    const ext = load({ 'compose.yaml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' });
    assert.match(ext.errors[0].message, /^extends cycle: a → b → a$/);
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_NESTING + 2; i++)
      files[i === 0 ? 'compose.yaml' : `f${i}.yaml`] = `include: [f${i + 1}.yaml]\n`;
    assert.ok(load(files).errors.some((e) => /nest more than/.test(e.message)));
  });
  it('records unresolved variables at their place and refuses a required one', () => {
    const p = load({ 'compose.yaml': 'services:\n  a:\n    image: "x:${TAG}"\n    command: ${CMD:?give CMD}\n' });
    assert.deepStrictEqual(
      p.unresolved.map((u) => [
        u.name,
        u.unresolved,
        u.range.start.line,
        u.range.start.character,
        u.range.end.character,
      ]),
      [
        ['TAG', 'missing', 2, 14, 20],
        ['CMD', 'required', 3, 13, 29],
      ],
    );
    assert.strictEqual(p.errors[0].message, 'required variable CMD is missing a value: give CMD');
  });
  it('leaves out services of profiles not enabled and notes what depends on them', () => {
    const files = {
      'compose.yaml':
        'services:\n  a:\n    image: a\n    depends_on: [dbg]\n  dbg:\n    image: d\n    profiles: [debug]\n',
    };
    const p = load(files);
    assert.deepStrictEqual(Object.keys(services(p)), ['a']);
    assert.deepStrictEqual(p.disabledServices, ['dbg']);
    assert.deepStrictEqual(p.dependsOnDisabled, [{ service: 'a', dependency: 'dbg', required: true }]);
    assert.deepStrictEqual(Object.keys(services(load(files, { profiles: ['*'] }))), ['a', 'dbg']);
  });
  it('names the project from COMPOSE_PROJECT_NAME, name: or the folder, normalised', () => {
    assert.strictEqual(load({ 'compose.yaml': 'name: My.App\nservices: {}\n' }).name, 'myapp');
    assert.strictEqual(load({ 'compose.yaml': 'name: x\n' }, { env: { COMPOSE_PROJECT_NAME: 'Env' } }).name, 'env');
    assert.strictEqual(load({ 'compose.yaml': 'services: {}\n' }).name, 'project');
  });
  it('reports missing files, YAML errors and alias bombs without throwing', () => {
    assert.match(load({}).errors[0].message, /no compose file found/);
    assert.match(
      load({ 'compose.yaml': 'a: 1\n' }, { files: ['nope.yaml'] }).errors[0].message,
      /cannot read .*nope\.yaml: missing/,
    );
    assert.strictEqual(load({ 'compose.yaml': 'services:\n  a: [\n' }).errors[0].range?.start.line !== undefined, true);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    assert.match(
      load({ 'compose.yaml': bomb.join('\n') + '\n' }).errors[0].message,
      /too large to load: more than 1,000,000 values/,
    );
  });
});

describe('compose project: docker-coach compose-config', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-config-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], env: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    const code = composeConfigCommand(
      args,
      (s) => (out += s),
      (s) => (err += s),
      'USAGE',
      dir,
      env,
    );
    return { code, out, err };
  };
  it('prints the effective configuration as YAML, name first', () => {
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      'name: demo\nservices:\n  web:\n    image: nginx:${TAG:-1}\n    build: ./app\n',
    );
    fs.writeFileSync(path.join(dir, 'compose.override.yaml'), 'services:\n  web:\n    ports: ["80:80"]\n');
    const r = run([]);
    assert.deepStrictEqual([r.code, r.err], [0, '']);
    assert.strictEqual(
      r.out,
      `name: demo\nservices:\n  web:\n    image: nginx:1\n    build: ${path.join(dir, 'app')}\n    ports:\n      - 80:80\n`,
    );
  });
  it('prints the model as JSON, with -f, --profile and the warnings on standard error', () => {
    fs.writeFileSync(
      path.join(dir, 'one.yaml'),
      'services:\n  a:\n    image: ${NOPE}\n  b:\n    image: b\n    profiles: [p]\n',
    );
    const r = run(['-f', 'one.yaml', '--profile', 'p', '--format', 'json']);
    assert.strictEqual(r.code, 0);
    const model = JSON.parse(r.out);
    assert.deepStrictEqual(model.config, {
      name: path
        .basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, ''),
      services: { a: { image: '' }, b: { image: 'b', profiles: ['p'] } },
    });
    assert.deepStrictEqual(
      model.unresolved.map((u: { name: string; range: { start: { line: number } } }) => [u.name, u.range.start.line]),
      [['NOPE', 2]],
    );
    assert.strictEqual(
      r.err,
      'docker-coach: warning: one.yaml:3:12: the "NOPE" variable is not set; Compose uses an empty string\n',
    );
  });
  it('exits 2 with one line when Compose would refuse the project, or on a usage error', () => {
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: ${IMG:?set IMG}\n');
    assert.deepStrictEqual(run([]), {
      code: 2,
      out: '',
      err: 'docker-coach: compose.yaml:3:12: required variable IMG is missing a value: set IMG\n',
    });
    assert.deepStrictEqual(run(['--format', 'xml']).code, 2);
    assert.match(run(['--format', 'xml']).err, /^docker-coach: unknown format "xml" \(use yaml or json\)\n\nUSAGE\n$/);
    assert.deepStrictEqual(run(['-f', 'gone.yaml']), {
      code: 2,
      out: '',
      err: `docker-coach: cannot read ${path.join(dir, 'gone.yaml')}: missing\n`,
    });
  });
});
