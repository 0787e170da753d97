/** The effective configuration document ("Show Effective Compose Configuration"): header, project, open text, profiles. */
import * as assert from 'assert';
import * as path from 'path';
import { parse } from 'yaml';
import { effectiveComposeConfig } from '../../server/src/service/effectiveConfig';

const ROOT = path.resolve('/shop');

/** An in-memory folder (paths relative to ROOT); `open` holds the editor's unsaved text, read first. */
function preview(
  files: Record<string, string>,
  file: string,
  options: { profiles?: string[]; open?: Record<string, string>; env?: Record<string, string> } = {},
) {
  const disk = new Map(Object.entries(files).map(([f, t]) => [path.join(ROOT, f), t]));
  const open = new Map(Object.entries(options.open ?? {}).map(([f, t]) => [path.join(ROOT, f), t]));
  return effectiveComposeConfig(path.join(ROOT, file), options.profiles ?? [], {
    readText: (f) => open.get(f) ?? disk.get(f) ?? { unreadable: 'missing' },
    exists: (f) => open.has(f) || disk.has(f),
    env: options.env ?? {},
  });
}

/** The header comment lines and the YAML under them. */
function split(text: string): { header: string[]; config: Record<string, unknown> } {
  const end = text.indexOf('\n\n');
  return { header: text.slice(0, end).split('\n'), config: parse(text.slice(end + 2)) };
}

const PROJECT = {
  'compose.yaml':
    'name: shop\ninclude:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:${NGINX_TAG}\n    ports: ["8080:80"]\n',
  'compose.override.yaml': 'services:\n  web:\n    ports: ["8443:443"]\n    environment:\n      LOG_LEVEL: debug\n',
  'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG:-16.4}\n',
  '.env': 'NGINX_TAG=1.27.3-alpine\n',
};

describe('effective compose configuration document', () => {
  it('merges the override, adds the included services and interpolates from .env, under a header naming the project', () => {
    const result = preview(PROJECT, 'compose.override.yaml');
    const { header, config } = split(result.text);
    assert.deepStrictEqual(header, [
      '# Effective configuration of the Compose project "shop", as `docker compose config` loads it (short syntax kept as written).',
      `# Folder: ${ROOT}`,
      '# Files: compose.yaml, compose.override.yaml',
      '# Also read: .env, db/compose.yaml',
      '# Profiles: none enabled',
      '# Read-only; open files are read with their unsaved changes, and the preview follows their edits.',
    ]);
    assert.deepStrictEqual(config, {
      name: 'shop',
      services: {
        web: { image: 'nginx:1.27.3-alpine', ports: ['8080:80', '8443:443'], environment: { LOG_LEVEL: 'debug' } },
        db: { image: 'postgres:16.4' },
      },
    });
    assert.strictEqual(result.projectName, 'shop');
    assert.deepStrictEqual(
      [...result.loadedFiles].sort(),
      ['.env', 'compose.override.yaml', 'compose.yaml', 'db/compose.yaml'].map((f) => path.join(ROOT, f)),
    );
    assert.deepStrictEqual([result.errors, result.warnings], [0, 0]);
  });

  it("reads an open file's unsaved text instead of the disk's", () => {
    const { config } = split(
      preview(PROJECT, 'compose.yaml', {
        open: { 'compose.override.yaml': 'services:\n  web:\n    environment:\n      LOG_LEVEL: trace\n' },
      }).text,
    );
    assert.deepStrictEqual((config.services as Record<string, unknown>).web, {
      image: 'nginx:1.27.3-alpine',
      ports: ['8080:80'],
      environment: { LOG_LEVEL: 'trace' },
    });
  });

  it('lists unset variables and errors in the header, with file, line and column', () => {
    const files = {
      ...PROJECT,
      '.env': '',
      'compose.override.yaml': 'services:\n  web:\n    command: ${CMD:?set CMD}\n',
    };
    const result = preview(files, 'compose.yaml');
    const { header } = split(result.text);
    assert.deepStrictEqual(header.slice(6), [
      '#',
      '# Compose would refuse this project: 1 error',
      '#   compose.override.yaml:3:14: required variable CMD is missing a value: set CMD',
      '#',
      '# 1 warning:',
      '#   compose.yaml:6:18: the "NGINX_TAG" variable is not set; Compose uses an empty string',
    ]);
    assert.deepStrictEqual([result.errors, result.warnings], [1, 1]);
  });

  it('honours profiles as --profile does, and names every profile of the project', () => {
    const files = {
      'compose.yaml':
        'services:\n  app:\n    image: app:1\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n  mail:\n    image: mailpit:1\n    profiles: [dev, test]\n',
    };
    const none = preview(files, 'compose.yaml');
    assert.deepStrictEqual(Object.keys(split(none.text).config.services as object), ['app']);
    assert.strictEqual(
      split(none.text).header[3],
      '# Profiles: none enabled (services left out: debug, mail); profiles in the project: debug, dev, test',
    );
    assert.deepStrictEqual(none.availableProfiles, ['debug', 'dev', 'test']);
    const dev = preview(files, 'compose.yaml', { profiles: ['dev'] });
    assert.deepStrictEqual(Object.keys(split(dev.text).config.services as object), ['app', 'mail']);
    assert.deepStrictEqual(dev.profiles, ['dev']);
    // Without profiles given, COMPOSE_PROFILES (here from .env) decides, as in Compose.
    const fromEnv = preview({ ...files, '.env': 'COMPOSE_PROFILES=debug\n' }, 'compose.yaml');
    assert.deepStrictEqual(Object.keys(split(fromEnv.text).config.services as object), ['app', 'debug']);
  });

  it('says Compose refuses a project whose enabled service needs one the profiles leave out', () => {
    const files = {
      'compose.yaml':
        'services:\n  app:\n    image: app:1\n    depends_on: [migrate]\n  migrate:\n    image: app:1\n    profiles: [tools]\n',
    };
    const result = preview(files, 'compose.yaml');
    assert.deepStrictEqual(split(result.text).header.slice(5), [
      '#',
      '# Compose would refuse this project: 1 error',
      '#   service "app" depends on undefined service "migrate": none of its profiles is enabled',
    ]);
    assert.strictEqual(result.errors, 1);
    assert.strictEqual(preview(files, 'compose.yaml', { profiles: ['tools'] }).errors, 0);
  });

  it("shows a file the folder's project does not load on its own, as `docker compose -f FILE config` would", () => {
    const result = preview(
      { ...PROJECT, 'docker-compose.prod.yml': 'services:\n  web:\n    image: nginx:1.27.3\n' },
      'docker-compose.prod.yml',
    );
    const { header, config } = split(result.text);
    assert.strictEqual(
      header[0],
      '# Effective configuration of the Compose project "shop", as `docker compose -f docker-compose.prod.yml config` loads it (short syntax kept as written).',
    );
    assert.strictEqual(
      header[4],
      '# docker-compose.prod.yml is not a file `docker compose` loads in this folder by default, so it is shown on its own.',
    );
    assert.deepStrictEqual(config, { name: 'shop', services: { web: { image: 'nginx:1.27.3' } } });
  });
});
