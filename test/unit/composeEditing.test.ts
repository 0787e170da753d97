/** Editing features of compose files: hover, completion, navigation, outline, links. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItem,
  DocumentHighlightKind,
  MarkupContent,
  Range,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver-types';
import { cursorContext } from '../../server/src/compose/cursorContext';
import { descriptionAt, enumAt, keysAt } from '../../server/src/compose/schemaPaths';
import { COMPOSE_SERVICE_KEYS } from '../../server/src/data/composeKeys';
import { LESSONS } from '../../server/src/protocol';
import { RenameError } from '../../server/src/service/composeNavigation';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { docAtMarker, docOf } from '../support/lint';

const service = new DockerCoachService({ docsBaseUri: 'file:///docs/rules' });

/** The document without the `|` marker, and the marker's position. */
const at = (marked: string, uri?: string) => docAtMarker(marked, 'dockercompose', uri);

function hoverText(marked: string): string | null {
  const { doc, position } = at(marked);
  const hover = service.hover(doc, position);
  return hover ? (hover.contents as MarkupContent).value : null;
}

function hoverRange(marked: string): string | null {
  const { doc, position } = at(marked);
  const hover = service.hover(doc, position);
  return hover?.range ? doc.getText(hover.range) : null;
}

function labels(marked: string, triggerCharacter?: string): string[] {
  return completions(marked, triggerCharacter).map((i) => i.label);
}

function completions(marked: string, triggerCharacter?: string): CompletionItem[] {
  const { doc, position } = at(marked);
  return service.completion(doc, position, { snippets: true, triggerCharacter })?.items ?? [];
}

function texts(doc: TextDocument, ranges: { range: Range }[] | null): string[] {
  return (ranges ?? []).map(
    (r) =>
      `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character} ${doc.getText(r.range)}`,
  );
}

const STACK = [
  'x-common: &common',
  '  restart: unless-stopped',
  '  networks: [back]',
  'services:',
  '  web:',
  '    <<: *common',
  '    build:',
  '      context: ./app',
  '      dockerfile: Dockerfile.dev',
  '    image: ghcr.io/acme/web:1.4',
  '    ports:',
  '      - "127.0.0.1:8080:80"',
  '    depends_on:',
  '      db:',
  '        condition: service_healthy',
  '    links:',
  '      - cache:redis',
  '    env_file: [.env, {path: ./local.env, required: false}]',
  '    secrets:',
  '      - db_password',
  '    volumes:',
  '      - uploads:/srv/uploads',
  '      - ./static:/srv/static:ro',
  '  db:',
  '    <<: *common',
  '    image: postgres:16-alpine',
  '    volumes:',
  '      - type: volume',
  '        source: db-data',
  '        target: /var/lib/postgresql/data',
  '    healthcheck:',
  '      test: ["CMD-SHELL", "pg_isready"]',
  '  cache:',
  '    image: redis',
  '    network_mode: service:db',
  '  worker:',
  '    extends:',
  '      service: web',
  '    volumes_from:',
  '      - db:ro',
  'networks:',
  '  back: {}',
  'volumes:',
  '  db-data:',
  '  uploads:',
  'secrets:',
  '  db_password:',
  '    file: ./secrets/db_password.txt',
  '',
].join('\n');

/** STACK with the cursor after the n-th occurrence (0-based) of `needle`, `offset` characters into it. */
function inStack(needle: string, offset = 1, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = STACK.indexOf(needle, index + 1);
  assert.ok(index >= 0, needle);
  return STACK.slice(0, index + offset) + '|' + STACK.slice(index + offset);
}

describe('compose schema paths', () => {
  it('follows $ref, oneOf and patternProperties to descriptions, keys and enums', () => {
    assert.match(descriptionAt(['services', 'web', 'build', 'context'])!, /build context/i);
    assert.match(descriptionAt(['services', 'web', 'healthcheck'])!, /health/i);
    assert.deepStrictEqual(enumAt(['services', 'web', 'depends_on', 'db', 'condition']), [
      'service_started',
      'service_healthy',
      'service_completed_successfully',
    ]);
    assert.ok(keysAt(['services', 'web']).some((k) => k.name === 'healthcheck' && k.valueType === 'object'));
    assert.ok(keysAt(['services', 'web', 'volumes', 0]).some((k) => k.name === 'source'));
    assert.deepStrictEqual(keysAt(['services', 'web', 'image']), []);
    assert.strictEqual(descriptionAt(['nonsense', 'path']), undefined);
  });

  it('has our own text for the common service keys, each with a known lesson', () => {
    for (const key of [
      'image',
      'build',
      'ports',
      'volumes',
      'environment',
      'env_file',
      'depends_on',
      'healthcheck',
      'restart',
      'networks',
      'secrets',
      'configs',
      'command',
      'entrypoint',
      'user',
      'read_only',
      'deploy',
      'profiles',
      'container_name',
      'pull_policy',
      'logging',
      'extends',
      'init',
      'cap_add',
      'cap_drop',
      'tmpfs',
    ]) {
      const doc = COMPOSE_SERVICE_KEYS[key];
      assert.ok(doc, key);
      assert.ok(doc.lesson in LESSONS, key);
      assert.ok(
        keysAt(['services', 'x']).some((k) => k.name === key),
        `${key} is a key of the schema`,
      );
    }
  });
});

describe('compose hover', () => {
  it('explains a common key with our text, the schema description and the lesson', () => {
    const text = hoverText(inStack('healthcheck:'))!;
    assert.match(text, /^\*\*healthcheck\*\*: A command Docker runs/);
    assert.match(text, /\*Compose specification:\* Configure a health check/);
    assert.match(text, /Lesson: \[Resource limits and debugging\]\(file:\/\/\/lessons\/limits-and-debugging\.md\)/);
    assert.match(text, /compose-file\/services\/#healthcheck/);
    assert.strictEqual(hoverRange(inStack('healthcheck:')), 'healthcheck');
  });

  it("puts the rule of a finding under the cursor above the key's text", () => {
    const { doc, position } = at('services:\n  web:\n    image: ngi|nx\n');
    service.diagnostics(doc, DEFAULT_SETTINGS);
    const text = (service.hover(doc, position)!.contents as MarkupContent).value;
    const [rule, rest] = text.split('\n\n---\n\n');
    assert.match(
      rule,
      /^\[pin-image-tag\]\(file:\/\/\/docs\/rules\/pin-image-tag\.md\): [^\n]+ Lesson: \[Registries and tags\]\(file:\/\/\/lessons\/registries-and-tags\.md\)$/,
    );
    assert.match(rest, /`nginx`/);
  });

  it('explains any other key from the schema, with its path', () => {
    const text = hoverText(inStack('context:'))!;
    assert.match(text, /^\*\*context\*\*: Path to the build context/);
    assert.match(text, /`services\.web\.build\.context`/);
    assert.match(hoverText(inStack('target:'))!, /`services\.db\.volumes\[0\]\.target`/);
    assert.match(hoverText(inStack('services:'))!, /^\*\*services\*\*: The services of the application/);
  });

  it('explains keys of an x- block merged into a service as service keys', () => {
    assert.match(hoverText(inStack('restart:'))!, /^\*\*restart\*\*: What Docker does when the container exits/);
    assert.match(hoverText(inStack('x-common'))!, /extension field/);
    assert.match(hoverText(inStack('<<'))!, /merge key/);
  });

  it('explains enum values', () => {
    assert.match(hoverText(inStack('unless-stopped'))!, /^\*\*restart: unless-stopped\*\*: Like `always`, except/);
    assert.strictEqual(hoverRange(inStack('unless-stopped')), 'unless-stopped');
    assert.match(
      hoverText(inStack('service_healthy'))!,
      /^\*\*condition: service_healthy\*\*: Wait until the dependency's healthcheck/,
    );
    assert.match(hoverText(inStack('volume\n', 1))!, /^\*\*type: volume\*\*: A named \(or anonymous\) volume/);
    assert.match(hoverText('services:\n  a:\n    pull_policy: every_|12h\n')!, /older than 12h/);
    assert.match(hoverText('services:\n  a:\n    restart: "n|o"\n')!, /Never restart/);
  });

  it('shows the service a reference points at', () => {
    const text = hoverText(inStack('db:\n        condition'))!;
    assert.match(text, /^\*\*Service `db`\*\* \(line 24\)/);
    assert.match(text, /- image: `postgres:16-alpine`/);
    assert.match(text, /- healthcheck: yes/);
    assert.match(text, /Referenced by: `web`, `cache`, `worker`/);
    assert.strictEqual(hoverRange(inStack('db:\n        condition')), 'db');
    assert.match(
      hoverText(inStack('cache:redis'))!,
      /\*\*Service `cache`\*\*[\s\S]*- image: `redis`[\s\S]*- ports: none published/,
    );
    assert.strictEqual(hoverRange(inStack('service:db', 9)), 'db');
    assert.match(
      hoverText(inStack('service: web', 10))!,
      /\*\*Service `web`\*\*[\s\S]*- build: `\.\/app`[\s\S]*- ports: `127\.0\.0\.1:8080:80`/,
    );
    assert.strictEqual(hoverRange(inStack('db:ro', 1)), 'db');
    assert.match(
      hoverText('services:\n  a:\n    extends:\n      file: common.yaml\n      service: ba|se\n')!,
      /^\*\*Service `base`\*\* of `common\.yaml`/,
    );
  });

  it('shows the definition of a referenced network, volume or secret and who uses it', () => {
    const network = hoverText(inStack('back]'))!;
    assert.match(network, /^\*\*Network `back`\*\* \(line 42\)/);
    assert.match(network, /Used by: `web`, `db`/, 'services that get the network through a merge key use it too');
    assert.match(hoverText(inStack('db-data', 2))!, /^\*\*Volume `db-data`\*\*[\s\S]*Used by: `db`/);
    assert.match(
      hoverText(inStack('db_password', 2))!,
      /^\*\*Secret `db_password`\*\*[\s\S]*file: \.\/secrets\/db_password\.txt/,
    );
    assert.match(
      hoverText('services:\n  a:\n    networks: [de|fault]\n')!,
      /the network Compose creates for every project/,
    );
    assert.match(hoverText('services:\n  a:\n    depends_on: [gh|ost]\n')!, /not defined under `services:`/);
  });

  it('takes an image reference apart', () => {
    const hub = hoverText(inStack('image: redis', 8))!;
    assert.match(hub, /\| Registry \| `docker\.io`: Docker Hub, the default/);
    assert.match(hub, /\| Repository \| `library\/redis`: an official image/);
    assert.match(hub, /\| Tag \| none, so `latest`/);
    assert.match(hub, /Full reference: `docker\.io\/library\/redis:latest`/);
    assert.match(hub, /Tags that exist for `redis` include `7\.4`/);
    const ghcr = hoverText(inStack('ghcr.io'))!;
    assert.match(ghcr, /\| Registry \| `ghcr\.io` \|/);
    assert.match(ghcr, /\| Repository \| `acme\/web` \|/);
    assert.match(ghcr, /\| Tag \| `1\.4`/);
    const digest = hoverText('services:\n  a:\n    image: alpine@sha256:|0123\n')!;
    assert.match(digest, /\| Digest \| `sha256:0123`: pins this exact image/);
    assert.match(digest, /\| Tag \| none \(the digest decides\)/);
    assert.match(hoverText('services:\n  a:\n    image: app:${T|AG}\n')!, /filled in from environment variables/);
  });

  it('says nothing on plain values and outside the document', () => {
    assert.strictEqual(hoverText(inStack('pg_isready', 2)), null);
    assert.strictEqual(hoverText('services:\n  a:\n    image: x\n|\n'), null);
    assert.strictEqual(hoverText('|'), null);
  });
});

describe('compose completion', () => {
  it('offers the service keys not yet written, with documentation and snippets', () => {
    const items = completions(
      'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:80:80"]\n    |\n  db:\n    image: postgres:16\n',
    );
    const names = items.map((i) => i.label);
    assert.ok(names.includes('healthcheck') && names.includes('depends_on') && names.includes('restart'));
    assert.ok(!names.includes('image') && !names.includes('ports'), 'keys already present are left out');
    const healthcheck = items.find((i) => i.label === 'healthcheck')!;
    assert.match(
      (healthcheck.documentation as MarkupContent).value,
      /^A command Docker runs[\s\S]*Lesson: \[Resource limits and debugging\]\(file:\/\/\/lessons\/limits-and-debugging\.md\)/,
    );
    assert.deepStrictEqual(healthcheck.textEdit, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } },
      newText: 'healthcheck:\n  $0',
    });
    assert.strictEqual(
      (items.find((i) => i.label === 'depends_on')!.textEdit as { newText: string }).newText,
      'depends_on:\n  - $0',
    );
    assert.strictEqual(
      (items.find((i) => i.label === 'restart')!.textEdit as { newText: string }).newText,
      'restart: $0',
    );
    assert.ok(
      healthcheck.sortText! < items.find((i) => i.label === 'blkio_config')!.sortText!,
      'common keys sort first',
    );
  });

  it('replaces the word being typed, even when the unfinished line breaks the YAML', () => {
    const items = completions('services:\n  web:\n    image: x\n    heal|\n  db:\n    image: y\n');
    const healthcheck = items.find((i) => i.label === 'healthcheck')!;
    assert.deepStrictEqual((healthcheck.textEdit as TextEdit).range, {
      start: { line: 3, character: 4 },
      end: { line: 3, character: 8 },
    });
    assert.ok(!items.some((i) => i.label === 'image'));
  });

  it('offers plain text without snippet support', () => {
    const { doc, position } = at('services:\n  web:\n    |\n');
    const item = service.completion(doc, position, { snippets: false })!.items.find((i) => i.label === 'healthcheck')!;
    assert.strictEqual((item.textEdit as { newText: string }).newText, 'healthcheck:');
    assert.strictEqual(item.insertTextFormat, undefined);
  });

  it('offers the keys of nested mappings and of list items', () => {
    assert.deepStrictEqual(
      labels('services:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n      |\n').sort(),
      ['disable', 'interval', 'retries', 'start_interval', 'start_period', 'timeout'],
    );
    const mount = labels('services:\n  web:\n    volumes:\n      - type: volume\n        |\n');
    assert.ok(mount.includes('source') && mount.includes('target') && !mount.includes('type'));
    assert.deepStrictEqual(labels('|').sort(), [
      'configs',
      'include',
      'models',
      'name',
      'networks',
      'secrets',
      'services',
      'version',
      'volumes',
    ]);
    assert.ok(!labels('services:\n  a:\n    image: x\n|').includes('services'));
  });

  it('offers enum values with their explanation', () => {
    const restart = completions('services:\n  web:\n    restart: |\n');
    assert.deepStrictEqual(
      restart.map((i) => i.label),
      ['no', 'always', 'on-failure', 'unless-stopped'],
    );
    assert.strictEqual(
      (restart[0].textEdit as { newText: string }).newText,
      '"no"',
      'YAML 1.1 would read a bare no as false',
    );
    assert.match((restart[3].documentation as MarkupContent).value, /Like `always`/);
    const condition = completions(
      'services:\n  web:\n    depends_on:\n      db:\n        condition: service_h|\n  db:\n    image: x\n',
    );
    assert.deepStrictEqual(
      condition.map((i) => i.label),
      ['service_started', 'service_healthy', 'service_completed_successfully'],
    );
    assert.deepStrictEqual((condition[1].textEdit as TextEdit).range, {
      start: { line: 4, character: 19 },
      end: { line: 4, character: 28 },
    });
    assert.ok(labels('services:\n  web:\n    pull_policy: |\n').includes('missing'));
    assert.deepStrictEqual(labels('services:\n  web:\n    read_only: |\n'), ['true', 'false']);
    assert.deepStrictEqual(labels('services:\n  web:\n    volumes:\n      - type: |\n'), [
      'bind',
      'volume',
      'tmpfs',
      'cluster',
      'npipe',
      'image',
    ]);
    assert.ok(labels('services:\n  web:\n    image: |\n').includes('postgres:16-alpine'));
  });

  it('offers service names in depends_on, links and extends (not the service itself, not those listed)', () => {
    const stack = (lines: string) =>
      `services:\n  web:\n    image: x\n${lines}\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7.4\n`;
    assert.deepStrictEqual(labels(stack('    depends_on:\n      - |'), ' '), ['db', 'cache']);
    assert.deepStrictEqual(labels(stack('    depends_on:\n      - db\n      - |')), ['cache']);
    assert.deepStrictEqual(
      labels(stack('    depends_on:\n    - |')),
      ['db', 'cache'],
      "a sequence at the key's column",
    );
    const mapForm = completions(stack('    depends_on:\n      |'));
    assert.deepStrictEqual(
      mapForm.map((i) => [i.label, (i.textEdit as { newText: string }).newText]),
      [
        ['db', 'db:'],
        ['cache', 'cache:'],
      ],
    );
    assert.deepStrictEqual(labels(stack('    links:\n      - c|')), ['db', 'cache']);
    assert.deepStrictEqual(labels(stack('    extends:\n      service: |')), ['db', 'cache']);
    assert.deepStrictEqual(labels(stack('    network_mode: |')), [
      'bridge',
      'host',
      'none',
      'service:db',
      'service:cache',
    ]);
    const db = completions(stack('    depends_on:\n      - |'))[0];
    assert.strictEqual(db.detail, 'service (image postgres:16)');
    assert.match((db.documentation as MarkupContent).value, /^\*\*Service `db`\*\*\n\n- image: `postgres:16`/);
  });

  it('offers network, volume, secret and config names where they are referenced', () => {
    const defs =
      'networks:\n  front: {}\n  back: {}\nvolumes:\n  data:\nsecrets:\n  pw:\n    file: ./pw.txt\nconfigs:\n  conf:\n    file: ./c.conf\n';
    assert.deepStrictEqual(labels(`services:\n  web:\n    networks:\n      - front\n      - |\n${defs}`), ['back']);
    assert.deepStrictEqual(labels(`services:\n  web:\n    networks:\n      |\n${defs}`), ['front', 'back']);
    const volume = completions(`services:\n  web:\n    volumes:\n      - |\n${defs}`).find((i) => i.label === 'data')!;
    assert.strictEqual((volume.textEdit as { newText: string }).newText, 'data:');
    assert.ok(labels(`services:\n  web:\n    secrets:\n      - |\n${defs}`).includes('pw'));
    assert.ok(labels(`services:\n  web:\n    secrets:\n      - source: |\n${defs}`).includes('pw'));
    assert.ok(labels(`services:\n  web:\n    configs:\n      - |\n${defs}`).includes('conf'));
    assert.ok(
      labels(`services:\n  web:\n    build:\n      context: .\n      secrets:\n        - |\n${defs}`).includes('pw'),
    );
  });

  it('stays quiet where it has nothing to say', () => {
    assert.deepStrictEqual(labels('services:\n  web:\n    image: x\n    |', ' '), [], 'a space typed in indentation');
    assert.deepStrictEqual(labels('services:\n  web:\n    command: |\n      echo |\n'), [], 'inside a block scalar');
    assert.deepStrictEqual(labels('services:\n  web:\n    # a comm|\n'), []);
    assert.deepStrictEqual(labels('services:\n  web:\n    depends_on: [db, |]\n'), [], 'flow sequences');
    const { doc, position } = at('FROM alpine:3.20\n|');
    // A Dockerfile gets Dockerfile completion (instructions), never compose keys.
    const dockerfileItems = service
      .completion(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, doc.getText()), position)!
      .items.map((i) => i.label);
    assert.ok(dockerfileItems.includes('RUN') && !dockerfileItems.includes('services'));
  });

  it('reads the cursor context from indentation', () => {
    const context = (marked: string) => {
      const i = marked.indexOf('|');
      const c = cursorContext(marked.slice(0, i) + marked.slice(i + 1), i);
      return c && { path: c.path, kind: c.kind, key: c.key, prefix: c.prefix, siblings: c.siblings };
    };
    assert.deepStrictEqual(context('services:\n  web: &w\n    image: x\n    |\n    ports: []\n'), {
      path: ['services', 'web'],
      kind: 'key',
      key: undefined,
      prefix: '',
      siblings: ['image', 'ports'],
    });
    assert.deepStrictEqual(
      context('services:\n  web:\n    volumes:\n      - type: bind\n        source: ./a\n        re|\n'),
      {
        path: ['services', 'web', 'volumes', 0],
        kind: 'key',
        key: undefined,
        prefix: 're',
        siblings: ['source', 'type'],
      },
    );
    assert.deepStrictEqual(context('services:\n  web:\n    volumes:\n      - type: b|\n'), {
      path: ['services', 'web', 'volumes', 0],
      kind: 'value',
      key: 'type',
      prefix: 'b',
      siblings: [],
    });
    assert.deepStrictEqual(
      context('services:\r\n  web:\r\n    depends_on:\r\n      - a\r\n      - |\r\n      - c\r\n'),
      { path: ['services', 'web', 'depends_on'], kind: 'item', key: undefined, prefix: '', siblings: ['a', 'c'] },
    );
    assert.strictEqual(
      context('services:\n  web:\n    command: >\n      echo\n      |\n'),
      null,
      'inside a block scalar',
    );
  });
});

describe('compose navigation', () => {
  function definition(marked: string): string[] {
    const { doc, position } = at(marked);
    return texts(doc, service.definition(doc, position));
  }
  function references(marked: string, includeDeclaration = true): string[] {
    const { doc, position } = at(marked);
    return texts(doc, service.references(doc, position, includeDeclaration));
  }

  it('goes from a service reference to the service', () => {
    assert.deepStrictEqual(definition(inStack('db:\n        condition')), ['23:2-23:4 db']);
    assert.deepStrictEqual(definition(inStack('cache:redis')), ['32:2-32:7 cache']);
    assert.deepStrictEqual(definition(inStack('service:db', 9)), ['23:2-23:4 db']);
    assert.deepStrictEqual(definition(inStack('service: web', 10)), ['4:2-4:5 web']);
    assert.deepStrictEqual(definition(inStack('db:ro')), ['23:2-23:4 db']);
    assert.deepStrictEqual(definition('services:\n  a:\n    depends_on: [gh|ost]\n'), []);
  });

  it('goes from a network, volume, secret or anchor reference to its definition', () => {
    assert.deepStrictEqual(definition(inStack('back]')), ['41:2-41:6 back']);
    assert.deepStrictEqual(definition(inStack('uploads:/')), ['44:2-44:9 uploads']);
    assert.deepStrictEqual(definition(inStack('db-data', 1, 0)), ['43:2-43:9 db-data']);
    assert.deepStrictEqual(definition(inStack('db_password', 1, 0)), ['46:2-46:13 db_password']);
    assert.deepStrictEqual(definition(inStack('*common', 2, 1)), ['0:11-0:17 common']);
    assert.deepStrictEqual(definition(inStack('./static')), [], 'a bind mount is not a volume reference');
  });

  it('finds every reference, with or without the declaration', () => {
    assert.deepStrictEqual(references(inStack('  db:\n    <<', 3)), [
      '13:6-13:8 db',
      '23:2-23:4 db',
      '34:26-34:28 db',
      '39:8-39:10 db',
    ]);
    assert.deepStrictEqual(references(inStack('  db:\n    <<', 3), false), [
      '13:6-13:8 db',
      '34:26-34:28 db',
      '39:8-39:10 db',
    ]);
    assert.deepStrictEqual(references(inStack('&common', 2)), [
      '0:11-0:17 common',
      '5:9-5:15 common',
      '24:9-24:15 common',
    ]);
    assert.deepStrictEqual(
      references(inStack('  back:', 3)),
      ['2:13-2:17 back', '41:2-41:6 back'],
      'a merged reference counts once',
    );
  });

  it('renames a service everywhere it is referenced, and only the name part', () => {
    const { doc, position } = at(inStack('db:\n        condition'));
    assert.deepStrictEqual(service.prepareRename(doc, position), {
      range: { start: { line: 13, character: 6 }, end: { line: 13, character: 8 } },
      placeholder: 'db',
    });
    const edit = service.rename(doc, position, 'postgres')!;
    const edits = edit.changes![doc.uri];
    const renamed = TextDocument.applyEdits(doc, edits);
    assert.match(renamed, /\n {6}postgres:\n {8}condition/);
    assert.match(renamed, /\n {2}postgres:\n {4}<<: \*common\n {4}image: postgres:16-alpine/);
    assert.match(renamed, /network_mode: service:postgres\n/);
    assert.match(renamed, /- postgres:ro\n/);
    assert.strictEqual(edits.length, 4);
    assert.throws(() => service.rename(doc, position, 'bad name'), RenameError);
  });

  it('renames anchors with their aliases, and volumes with their mounts', () => {
    const anchor = at(inStack('*common', 3, 0));
    const anchorEdit = service.rename(anchor.doc, anchor.position, 'defaults')!;
    const anchored = TextDocument.applyEdits(anchor.doc, anchorEdit.changes![anchor.doc.uri]);
    assert.strictEqual((anchored.match(/&defaults\b/g) ?? []).length, 1);
    assert.strictEqual((anchored.match(/\*defaults\b/g) ?? []).length, 2);
    const volume = at(inStack('  uploads:', 3));
    const volumeEdit = service.rename(volume.doc, volume.position, 'media')!;
    const renamed = TextDocument.applyEdits(volume.doc, volumeEdit.changes![volume.doc.uri]);
    assert.match(renamed, /- media:\/srv\/uploads\n/);
    assert.match(renamed, /\n {2}media:\n/);
  });

  it('refuses to rename what is not a name', () => {
    const { doc, position } = at(inStack('image: ghcr', 2));
    assert.strictEqual(service.prepareRename(doc, position), null);
    assert.strictEqual(service.rename(doc, position, 'x'), null);
  });

  it('resolves aliases to the latest anchor of that name', () => {
    const { doc, position } = at('a: &x 1\nb: *x\nc: &x 2\nd: *|x\n');
    assert.deepStrictEqual(texts(doc, service.references(doc, position, true)), ['2:4-2:5 x', '3:4-3:5 x']);
  });

  it('highlights a name: the definition as a write, references as reads', () => {
    const { doc, position } = at(inStack('cache:redis'));
    const highlights = service.documentHighlights(doc, position)!;
    assert.deepStrictEqual(texts(doc, highlights), ['16:8-16:13 cache', '32:2-32:7 cache']);
    assert.deepStrictEqual(
      highlights.map((h) => h.kind),
      [DocumentHighlightKind.Read, DocumentHighlightKind.Write],
    );
    const { doc: d2, position: p2 } = at(inStack('image: ghcr', 2));
    assert.strictEqual(service.documentHighlights(d2, p2), null);
  });
});

describe('compose outline and links', () => {
  it('lists sections, services with their keys, and definitions', () => {
    const doc = docOf(STACK, 'dockercompose');
    const symbols = service.documentSymbols(doc);
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['x-common', SymbolKind.Property],
        ['services', SymbolKind.Module],
        ['networks', SymbolKind.Namespace],
        ['volumes', SymbolKind.Namespace],
        ['secrets', SymbolKind.Namespace],
      ],
    );
    const services = symbols[1];
    assert.deepStrictEqual(
      services.children!.map((s) => [s.name, s.kind]),
      [
        ['web', SymbolKind.Class],
        ['db', SymbolKind.Class],
        ['cache', SymbolKind.Class],
        ['worker', SymbolKind.Class],
      ],
    );
    const cache = services.children![2];
    assert.deepStrictEqual(
      cache.children!.map((s) => [s.name, s.detail]),
      [
        ['image', 'redis'],
        ['network_mode', 'service:db'],
      ],
    );
    assert.deepStrictEqual(cache.range, { start: { line: 32, character: 2 }, end: { line: 34, character: 28 } });
    assert.deepStrictEqual(cache.selectionRange, {
      start: { line: 32, character: 2 },
      end: { line: 32, character: 7 },
    });
    assert.deepStrictEqual(
      symbols[3].children!.map((s) => [s.name, s.kind]),
      [
        ['db-data', SymbolKind.Struct],
        ['uploads', SymbolKind.Struct],
      ],
    );
  });

  it('links build contexts, Dockerfiles (against the context), env files and extended files', () => {
    const text = [
      'services:',
      '  web:',
      '    build:',
      '      context: ./app',
      '      dockerfile: docker/Dockerfile.dev',
      '    env_file: [.env, {path: "./local.env", required: false}]',
      '  api:',
      '    build: ../api',
      '    extends:',
      '      file: common.yaml',
      '      service: base',
      '  remote:',
      '    build: https://github.com/acme/app.git#main',
      '    env_file: ${ENV_FILE}',
      '  bare:',
      '    build:',
      '      dockerfile: Dockerfile.bare',
      '',
    ].join('\n');
    const doc = TextDocument.create('file:///home/me/project/compose.yaml', 'dockercompose', 1, text);
    const links = service.documentLinks(doc).map((l) => [doc.getText(l.range), l.target]);
    assert.deepStrictEqual(links, [
      ['./app', 'file:///home/me/project/app'],
      ['docker/Dockerfile.dev', 'file:///home/me/project/app/docker/Dockerfile.dev'],
      ['.env', 'file:///home/me/project/.env'],
      ['./local.env', 'file:///home/me/project/local.env'],
      ['../api', 'file:///home/me/api'],
      ['common.yaml', 'file:///home/me/project/common.yaml'],
      ['Dockerfile.bare', 'file:///home/me/project/Dockerfile.bare'],
    ]);
    assert.deepStrictEqual(
      service.documentLinks(TextDocument.create('untitled:Untitled-1', 'dockercompose', 1, text)),
      [],
    );
  });

  it('gives nothing for a Dockerfile image name (not a stage or variable)', () => {
    const doc = docOf('FROM alpine:3.20\n', 'dockerfile');
    const position = { line: 0, character: 6 };
    assert.strictEqual(service.definition(doc, position), null);
    assert.strictEqual(service.references(doc, position, true), null);
    assert.strictEqual(service.prepareRename(doc, position), null);
    assert.strictEqual(service.documentHighlights(doc, position), null);
  });
});
