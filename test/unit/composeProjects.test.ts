/** Compose projects around a document: resolution, caching, cross-file rules and navigation. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Location, Position, TextEdit } from 'vscode-languageserver-types';
import { ComposeProjects } from '../../server/src/engine/composeProjects';
import { DockerCoachService } from '../../server/src/service/languageService';
import { RenameError } from '../../server/src/service/composeNavigation';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

const BASE =
  'include:\n  - db/database.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n    networks:\n      - backend\n';
const OVERRIDE = 'services:\n  web:\n    environment:\n      LOG_LEVEL: debug\n';
const DATABASE =
  'services:\n  db:\n    image: postgres:16.4\n    networks: [backend]\nnetworks:\n  backend: {}\nvolumes:\n  db-data: {}\n';

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-project-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A host whose open documents are a map (path → text). */
function projectsWith(open: Map<string, string> = new Map(), env: Record<string, string> = {}) {
  return new ComposeProjects({ openText: (f) => open.get(f), env, maxFileSize: DEFAULT_SETTINGS.maxFileSize });
}

function docAt(file: string, text = fs.readFileSync(file, 'utf8')): TextDocument {
  return TextDocument.create(pathToFileURL(file).toString(), 'dockercompose', 1, text);
}

function findings(projects: ComposeProjects, file: string, rule: string, text?: string): string[] {
  const document = docAt(file, text);
  const result = lint(document, DEFAULT_SETTINGS, undefined, {
    composeProject: (d) => projects.contextFor(file, d.getText()),
  });
  return result.findings.filter((f) => f.rule.id === rule).map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

/** Inside the first name (letters, digits, `-`, `_`) of the first `needle` after its leading punctuation. */
function positionOf(text: string, needle: string): Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not found`);
  return TextDocument.create('file:///x', 'dockercompose', 1, text).positionAt(index + needle.search(/\w/) + 1);
}

const where = (dir: string, locations: Location[] | null) =>
  (locations ?? []).map(
    (l) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line + 1}:${l.range.start.character + 1}`,
  );

describe('compose projects', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempProject({
      'compose.yaml': BASE,
      'compose.override.yaml': OVERRIDE,
      'db/database.yaml': DATABASE,
      'other/docker-compose.prod.yml': 'services:\n  api:\n    depends_on: [db]\n',
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts the base, the override and an included file in the default project', () => {
    const projects = projectsWith();
    for (const name of ['compose.yaml', 'compose.override.yaml', 'db/database.yaml']) {
      const context = projects.contextFor(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'))!;
      assert.strictEqual(context.membership, 'default', name);
      assert.deepStrictEqual(context.composeFiles.map((f) => path.relative(dir, f)).sort(), [
        'compose.override.yaml',
        'compose.yaml',
        'db/database.yaml',
      ]);
    }
    const alone = projects.contextFor(
      path.join(dir, 'other/docker-compose.prod.yml'),
      'services:\n  api:\n    depends_on: [db]\n',
    )!;
    assert.strictEqual(alone.membership, 'alone');
    assert.deepStrictEqual(alone.composeFiles, [path.join(dir, 'other/docker-compose.prod.yml')]);
  });

  it('reads open documents instead of the disk, and loads again when a member file changes', () => {
    const open = new Map<string, string>();
    const projects = projectsWith(open);
    const base = path.join(dir, 'compose.yaml');
    const first = projects.contextFor(base, BASE)!;
    assert.ok(first.namesDefined('services').includes('db'));
    assert.strictEqual(projects.contextFor(base, BASE)!.project, first.project, 'cached');
    // Unsaved edit of the included file: the service is renamed there.
    open.set(path.join(dir, 'db/database.yaml'), DATABASE.replace('  db:', '  postgres:'));
    assert.deepStrictEqual(projects.contextFor(base, BASE)!.namesDefined('services').sort(), ['postgres', 'web']);
    assert.ok(projects.projectsReading(path.join(dir, 'db/database.yaml')).has(base));
    // Closed without saving, then the disk changes.
    open.clear();
    assert.ok(projects.contextFor(base, BASE)!.namesDefined('services').includes('db'));
    fs.writeFileSync(path.join(dir, 'db/database.yaml'), DATABASE.replace('  db:', '  database:') + '# longer\n');
    assert.ok(projects.contextFor(base, BASE)!.namesDefined('services').includes('database'));
  });

  it('counts definitions and uses in the other files of the project', () => {
    const projects = projectsWith();
    assert.deepStrictEqual(findings(projects, path.join(dir, 'compose.yaml'), 'compose-unknown-service'), []);
    assert.deepStrictEqual(findings(projects, path.join(dir, 'compose.yaml'), 'compose-undefined-reference'), []);
    // backend is used by web in compose.yaml; db-data by nobody.
    assert.deepStrictEqual(findings(projects, path.join(dir, 'db/database.yaml'), 'compose-unused-definition'), [
      '8: No service uses the volume "db-data": remove it, or attach it to the service that needs it.',
    ]);
    assert.deepStrictEqual(
      findings(projects, path.join(dir, 'compose.yaml'), 'compose-unknown-service', BASE.replace('- db\n', '- dbx\n')),
      ['7: No file of this Compose project defines a service "dbx" (depends_on): did you mean "db"?'],
    );
    // A file combined with others by -f, outside the default project: names may come from anywhere.
    assert.deepStrictEqual(
      findings(projects, path.join(dir, 'other/docker-compose.prod.yml'), 'compose-unknown-service'),
      [],
    );
  });

  it('does not report names when an included file cannot be read', () => {
    fs.rmSync(path.join(dir, 'db/database.yaml'));
    assert.deepStrictEqual(findings(projectsWith(), path.join(dir, 'compose.yaml'), 'compose-unknown-service'), []);
  });

  it('goes to definitions, finds references and renames across the files', () => {
    const projects = projectsWith();
    const service = new DockerCoachService({ docsBaseUri: 'file:///docs', composeProjects: projects });
    const base = docAt(path.join(dir, 'compose.yaml'));
    assert.deepStrictEqual(where(dir, service.definition(base, positionOf(BASE, '- db\n'))), ['db/database.yaml:2:3']);
    assert.deepStrictEqual(where(dir, service.definition(base, positionOf(BASE, '- backend'))), [
      'db/database.yaml:6:3',
    ]);
    const database = docAt(path.join(dir, 'db/database.yaml'));
    assert.deepStrictEqual(where(dir, service.references(database, positionOf(DATABASE, 'backend: {}'), true)).sort(), [
      'compose.yaml:9:9',
      'db/database.yaml:4:16',
      'db/database.yaml:6:3',
    ]);
    // web is defined in the base and changed by the override.
    const override = docAt(path.join(dir, 'compose.override.yaml'));
    assert.deepStrictEqual(where(dir, service.definition(override, positionOf(OVERRIDE, 'web'))).sort(), [
      'compose.override.yaml:2:3',
      'compose.yaml:4:3',
    ]);
    const hover = service.hover(base, positionOf(BASE, '- db\n'))!;
    assert.strictEqual(
      (hover.contents as { value: string }).value,
      `**Service \`db\`**: defined in [db/database.yaml](${pathToFileURL(path.join(dir, 'db/database.yaml')).href}#L2) (line 2), another file of this Compose project.`,
    );
    const edit = service.rename(base, positionOf(BASE, '- backend'), 'internal')!;
    const changes = Object.fromEntries(
      Object.entries(edit.changes!).map(([uri, edits]) => [
        path.relative(dir, new URL(uri).pathname),
        edits.map((e: TextEdit) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.newText}`),
      ]),
    );
    assert.deepStrictEqual(changes, {
      'compose.yaml': ['9:9 internal'],
      'db/database.yaml': ['4:16 internal', '6:3 internal'],
    });
  });

  it('refuses a rename that would edit a file that is not writable', () => {
    const service = new DockerCoachService({
      docsBaseUri: 'file:///docs',
      composeProjects: projectsWith(),
      writable: (f) => !f.endsWith('database.yaml'),
    });
    const base = docAt(path.join(dir, 'compose.yaml'));
    assert.throws(
      () => service.rename(base, positionOf(BASE, '- db\n'), 'postgres'),
      (e: Error) =>
        e instanceof RenameError && /database\.yaml also names it, and that file is not writable/.test(e.message),
    );
  });

  it('follows extends with file: to the service in that file', () => {
    const common = 'services:\n  base:\n    image: alpine:3.20\n';
    const main = 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n';
    const other = tempProject({ 'compose.yaml': main, 'common.yaml': common });
    try {
      const service = new DockerCoachService({ docsBaseUri: 'file:///docs', composeProjects: projectsWith() });
      const doc = docAt(path.join(other, 'compose.yaml'));
      assert.deepStrictEqual(where(other, service.definition(doc, positionOf(main, 'base'))), ['common.yaml:2:3']);
      const edit = service.rename(docAt(path.join(other, 'common.yaml')), positionOf(common, 'base'), 'shared')!;
      assert.deepStrictEqual(
        Object.keys(edit.changes!)
          .map((u) => path.basename(new URL(u).pathname))
          .sort(),
        ['common.yaml', 'compose.yaml'],
      );
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('compose variable hovers', () => {
  const compose =
    'services:\n  web:\n    image: "nginx:${NGINX_VERSION}"\n    ports:\n      - "${WEB_PORT:-8080}:80"\n    user: "${RUN_AS}"\n    environment:\n      HOME_DIR: ${HOME_DIR}\n      KEY: ${API_KEY:?set API_KEY}\n';
  let dir: string;
  let service: DockerCoachService;
  let doc: TextDocument;
  beforeEach(() => {
    dir = tempProject({ 'compose.yaml': compose, '.env': '# versions\nNGINX_VERSION=1.27\n' });
    service = new DockerCoachService({
      docsBaseUri: 'file:///docs',
      composeProjects: projectsWith(new Map(), { HOME_DIR: '/home/me' }),
    });
    doc = docAt(path.join(dir, 'compose.yaml'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const hover = (needle: string) => {
    const h = service.hover(doc, positionOf(compose, needle));
    return h ? `${doc.getText(h.range)} | ${(h.contents as { value: string }).value}` : null;
  };

  it('shows the value, where it comes from and what the operator does', () => {
    assert.strictEqual(
      hover('NGINX_VERSION}'),
      `\${NGINX_VERSION} | **Variable \`NGINX_VERSION\`**: set to \`1.27\` in [.env](${pathToFileURL(path.join(dir, '.env')).href}#L2) (line 2).\n\nCompose puts \`1.27\` here.\n\n\`\${VAR}\`: the variable's value; when it is not set, Compose warns and uses an empty string.`,
    );
    assert.strictEqual(
      hover('WEB_PORT'),
      '${WEB_PORT:-8080} | **Variable `WEB_PORT`**: not set (neither in the environment nor in .env).\n\nCompose puts `8080` here.\n\n`${VAR:-default}`: the default when the variable is not set or is empty.',
    );
    assert.match(
      hover('HOME_DIR}')!,
      /^\$\{HOME_DIR\} \| \*\*Variable `HOME_DIR`\*\*: set to `\/home\/me` in the environment \(/,
    );
    assert.match(
      hover('RUN_AS')!,
      /not set \(neither in the environment nor in \.env\)\.\n\nCompose warns and puts an empty string here\./,
    );
    assert.match(
      hover('API_KEY')!,
      /Compose refuses to load the project: "required variable API_KEY is missing a value: set API_KEY"\.\n\n`\$\{VAR:\?message\}`: required/,
    );
  });

  it('leaves other hovers alone', () => {
    assert.match(hover('image')!, /^image \| /);
  });
});
