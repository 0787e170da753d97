import { isMap, isScalar, isSeq } from 'yaml';
import { addDefinition, appendToMap, appendToSeq, insertionEdits } from '../../compose/insertions';
import { ComposeModel, ComposeService, isInterpolated, scalarText } from '../../compose/model';
import { imageOf, mountsOf } from '../../compose/references';
import { databaseOf, DatabaseImage, volumeTarget } from '../../data/databases';
import { parseImageReference } from '../../dockerfile/image';
import { defineComposeRule, FixProposal } from '../types';

/** `dir` is `mount` or inside it. */
function covers(mount: string, dir: string): boolean {
  const m = mount.replace(/\/+$/, '') || '/';
  return dir === m || dir.startsWith(m === '/' ? '/' : m + '/');
}

/** The value of an environment variable set literally on the service (map or list form). */
function environmentValue(model: ComposeModel, service: ComposeService, name: string): string | null {
  const env = service.entries.get('environment')?.value;
  if (isMap(env)) return scalarText(model.entriesOf(env).get(name)?.value);
  if (isSeq(env)) {
    for (const item of env.items) {
      const text = scalarText(model.resolve(item));
      if (text?.startsWith(name + '=')) return text.slice(name.length + 1);
    }
  }
  return null;
}

/** Directories a mount may cover to keep the data: a custom PGDATA, or the image's data directory and its alternatives. */
function dataDirs(model: ComposeModel, service: ComposeService, database: DatabaseImage): string[] | null {
  if (database.name === 'postgres') {
    const pgdata = environmentValue(model, service, 'PGDATA');
    if (pgdata !== null) return isInterpolated(pgdata) ? null : [pgdata];
  }
  return [database.dataDir, ...(database.alsoCovered ?? [])];
}

/** The `tmpfs:` paths of a service: data kept in memory on purpose. */
function tmpfsTargets(model: ComposeModel, service: ComposeService): string[] {
  const value = service.entries.get('tmpfs')?.value ?? null;
  const items = isSeq(value) ? value.items.map((i) => model.resolve(i)) : [value];
  return items.map((i) => scalarText(i)?.split(':')[0] ?? null).filter((t): t is string => t !== null);
}

function volumeFix(model: ComposeModel, service: ComposeService, target: string): FixProposal[] {
  if (!service.map) return [];
  const taken = new Set(model.definitions('volumes').map((d) => d.name));
  let name = `${service.name}-data`;
  for (let i = 2; taken.has(name); i++) name = `${service.name}-data-${i}`;
  const mount = `${name}:${target}`;
  const volumes = service.entries.get('volumes');
  let serviceInsertion;
  if (!volumes) serviceInsertion = appendToMap(model, service.map, ['volumes:', `  - ${mount}`]);
  else if (!volumes.merged && isSeq(volumes.value) && volumes.value.items.length > 0)
    serviceInsertion = appendToSeq(model, volumes.value, mount);
  const definition = addDefinition(model, 'volumes', name);
  if (!serviceInsertion || !definition) return [];
  return [
    {
      title: `Keep the data in a named volume "${name}"`,
      safe: false,
      edits: insertionEdits(model, [serviceInsertion, definition]),
    },
  ];
}

export default defineComposeRule({
  id: 'compose-database-without-volume',
  title: 'Databases should keep their data in a volume',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [],
  lesson: 'volumes',
  fix: 'unsafe',
  messages: {
    missing: 'The {database} data in "{dir}" is lost when the container is removed: mount a named volume there.',
  },
  docs: {
    flags: `A service running a known database image (postgres, mysql, mariadb, mongo, redis, valkey,
      elasticsearch, opensearch, cassandra, neo4j, couchdb, clickhouse) with neither a named volume nor a bind
      mount on its data directory (or a folder above it; a custom \`PGDATA\` counts). A \`tmpfs\` there is taken as
      a deliberate choice. Redis and Valkey, often used as disposable caches, are reported one level milder.`,
    why: `Without a mount the data lives in the container's writable layer or, for images that declare their
      data directory as a \`VOLUME\` (postgres, mysql, mongo, redis…), in an anonymous volume with a random name
      that \`docker compose down -v\` and \`docker compose rm -v\` delete and that a new container does not always
      get back. A named volume survives, is reused by the next container and is easy to back up. The quick fix
      adds a \`<service>-data\` volume (for Postgres 18 and later at \`/var/lib/postgresql\`, where those images
      keep versioned data).`,
    bad: [
      {
        code: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: app
`,
        fixed: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: app
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data: {}
`,
        expect: [{ messageId: 'missing', line: 3, column: 12, text: 'postgres:16' }],
      },
      {
        caption: 'The volumes key exists but mounts something else',
        code: `services:
  mongo:
    image: mongo:7.0
    volumes:
      - ./init:/docker-entrypoint-initdb.d:ro
volumes:
  logs: {}
`,
        fixed: `services:
  mongo:
    image: mongo:7.0
    volumes:
      - ./init:/docker-entrypoint-initdb.d:ro
      - mongo-data:/data/db
volumes:
  logs: {}
  mongo-data: {}
`,
        expect: [{ messageId: 'missing', line: 3, column: 12, text: 'mongo:7.0' }],
      },
    ],
    good: [
      {
        code: `services:
  db:
    image: mysql:8.4
    volumes:
      - db-data:/var/lib/mysql
volumes:
  db-data: {}
`,
      },
      {
        caption: 'A throw-away database for tests, in memory on purpose',
        code: `services:
  test-db:
    image: postgres:16
    tmpfs:
      - /var/lib/postgresql/data
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const image = imageOf(service);
      if (!image) continue;
      const database = databaseOf(image);
      if (!database) continue;
      if (service.entries.has('volumes_from')) continue;
      const dirs = dataDirs(model, service, database);
      if (!dirs) continue;
      const mounts = mountsOf(model, service);
      const volumes = service.entries.get('volumes')?.value;
      if (volumes && !isSeq(volumes) && !(isScalar(volumes) && volumes.value === null)) continue;
      if (mounts.some((m) => m.target === null || m.type === 'unknown')) continue;
      const kept = mounts
        .filter((m) => m.type === 'volume' || m.type === 'bind' || m.type === 'tmpfs')
        .map((m) => m.target!);
      kept.push(...tmpfsTargets(model, service));
      if (dirs.some((dir) => kept.some((target) => covers(target, dir)))) continue;
      const imageEntry = service.entries.get('image')!;
      const target = dirs[0] === database.dataDir ? volumeTarget(database, parseImageReference(image).tag) : dirs[0];
      report({
        messageId: 'missing',
        data: { database: database.name, dir: target },
        range: model.rangeOfNode(imageEntry.merged ? service.key : imageEntry.value)!,
        milder: database.oftenCache,
        fixes: () => volumeFix(model, service, target),
      });
    }
  },
});
