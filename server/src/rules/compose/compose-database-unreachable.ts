import { isMap, isNode, isSeq, Scalar, Node as YamlNode } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { ComposeModel, ComposeService, scalarText } from '../../compose/model';
import { imageOf, networksOf, Reference, referenceRange, referencesOf } from '../../compose/references';
import { databaseOf } from '../../data/databases';
import { defineComposeRule } from '../types';

/** Keys whose value is a bare host name. */
const HOST_KEY = /HOST|ADDR|SERVER|URL|URI|DSN|ENDPOINT/i;

/**
 * The first environment value of `service` that names each host it names as a
 * host: a URL (`postgres://…@db:5432/app`), `db:5432`, or `DB_HOST: db`. Keyed
 * by host, in the order the values are written; the node to report at.
 */
function environmentMentions(model: ComposeModel, service: ComposeService): Map<string, YamlNode> {
  const mentions = new Map<string, YamlNode>();
  const entry = service.entries.get('environment');
  if (!entry) return mentions;
  const pairs: { key: string; value: string; node: Scalar }[] = [];
  if (isMap(entry.value)) {
    for (const [key, e] of model.entriesOf(entry.value)) {
      const value = scalarText(e.value);
      if (value !== null) pairs.push({ key, value, node: e.value as Scalar });
    }
  } else if (isSeq(entry.value)) {
    for (const item of entry.value.items) {
      const node = model.resolve(item);
      const text = scalarText(node);
      const eq = text?.indexOf('=') ?? -1;
      if (text && eq > 0) pairs.push({ key: text.slice(0, eq), value: text.slice(eq + 1), node: node as Scalar });
    }
  }
  for (const { key, value, node } of pairs) {
    for (const host of mentionedHosts(key, value)) {
      if (!mentions.has(host)) mentions.set(host, entry.merged ? service.key : node);
    }
  }
  return mentions;
}

/** Host names after `//` or `@` in URLs. */
const HOST_IN_URL = /(?:\/\/|@)([A-Za-z0-9_.-]+)(?::\d+)?(?=[/?,;]|$)/g;
/** A whole value `host:port`. */
const HOST_PORT = /^([A-Za-z0-9_.-]+):\d+$/;

/** The host names an environment value names (scanned once per value, whatever the number of databases). */
function mentionedHosts(key: string, value: string): string[] {
  const hosts = [...value.matchAll(HOST_IN_URL)].map((m) => m[1]);
  const hostPort = HOST_PORT.exec(value);
  if (hostPort) hosts.push(hostPort[1]);
  if (HOST_KEY.test(key)) hosts.push(value);
  return hosts;
}

function list(names: Set<string>): string {
  return [...names].join(', ');
}

export default defineComposeRule({
  id: 'compose-database-unreachable',
  title: 'Services that use a database must share a network with it',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [],
  lesson: 'networking',
  fix: 'none',
  messages: {
    unreachable:
      'The service "{service}" uses the database "{database}" but shares no network with it ({service}: {serviceNetworks}; {database}: {databaseNetworks}), so it cannot reach it: add one of {database}\'s networks to {service}.',
  },
  docs: {
    flags: `A service that depends on (or links to) a service running a known database image, or whose
      environment names it as a host (\`postgres://app@db:5432/app\`, \`db:6379\`, \`DB_HOST: db\`), while the two
      share no network. A service without \`networks:\` is on the \`default\` network. Services with \`network_mode\`,
      or networks named by \`\${VARIABLES}\`, are not checked.`,
    why: `Containers resolve each other's service names only on a network they share. Once a file declares
      \`networks:\`, a service listed on a \`back\` network alone is no longer on \`default\`, so a service left on
      \`default\` gets "could not translate host name" or "connection refused" at run time, which \`docker compose
      config\` does not catch.`,
    bad: [
      {
        code: `services:
  api:
    image: example/api:1.4
    environment:
      DATABASE_URL: postgres://app@db:5432/app
    networks: [front]
  db:
    image: postgres:16
    networks: [back]
    volumes:
      - db-data:/var/lib/postgresql/data
networks:
  front: {}
  back: {}
volumes:
  db-data: {}
`,
        expect: [{ messageId: 'unreachable', line: 5, column: 21, text: 'postgres://app@db:5432/app' }],
      },
    ],
    good: [
      {
        code: `services:
  api:
    image: example/api:1.4
    environment:
      DATABASE_URL: postgres://app@db:5432/app
    networks: [front, back]
  db:
    image: postgres:16
    networks: [back]
    volumes:
      - db-data:/var/lib/postgresql/data
networks:
  front: {}
  back: {}
volumes:
  db-data: {}
`,
      },
    ],
  },
  check(model, report) {
    const databases = model.services.filter((s) => {
      const image = imageOf(s);
      return image !== null && databaseOf(image) !== null;
    });
    if (databases.length === 0) return;
    // Each service is read once and only the databases it names are checked, so
    // the cost grows with the file, not with services × databases.
    const byName = new Map<string, ComposeService[]>();
    const byHost = new Map<string, ComposeService[]>();
    const add = (index: Map<string, ComposeService[]>, key: string, database: ComposeService) => {
      const databasesThere = index.get(key);
      if (databasesThere) databasesThere.push(database);
      else index.set(key, [database]);
    };
    const databaseNetworks = new Map<ComposeService, Set<string>>();
    for (const database of databases) {
      const networks = networksOf(model, database);
      if (!networks) continue;
      databaseNetworks.set(database, networks);
      add(byName, database.name, database);
      add(byHost, database.name, database);
      const containerName = scalarText(database.entries.get('container_name')?.value);
      if (containerName) add(byHost, containerName, database);
    }
    /** Per service, its first `depends_on`/`links` reference to each name. */
    const dependencies = new Map<ComposeService, Map<string, Reference>>();
    for (const ref of referencesOf(model, 'services')) {
      if (ref.via !== 'depends_on' && ref.via !== 'links') continue;
      let own = dependencies.get(ref.service);
      if (!own) dependencies.set(ref.service, (own = new Map<string, Reference>()));
      if (!own.has(ref.name)) own.set(ref.name, ref);
    }
    const unreachable = new Map<
      ComposeService,
      { service: ComposeService; serviceNetworks: Set<string>; range: Range }[]
    >();
    for (const service of model.services) {
      // Where to report each database this service uses: its dependency on it, else the first environment value naming it.
      const named = new Map<ComposeService, Reference | YamlNode>();
      for (const [name, ref] of dependencies.get(service) ?? []) {
        for (const database of byName.get(name) ?? []) named.set(database, ref);
      }
      for (const [host, node] of environmentMentions(model, service)) {
        for (const database of byHost.get(host) ?? []) if (!named.has(database)) named.set(database, node);
      }
      named.delete(service);
      if (named.size === 0) continue;
      const serviceNetworks = networksOf(model, service);
      if (!serviceNetworks) continue;
      for (const [database, at] of named) {
        const range = isNode(at) ? model.rangeOfNode(at) : referenceRange(model, at);
        if (!range) continue;
        const networks = databaseNetworks.get(database)!;
        if ([...serviceNetworks].some((n) => networks.has(n))) continue;
        let found = unreachable.get(database);
        if (!found) unreachable.set(database, (found = []));
        found.push({ service, serviceNetworks, range });
      }
    }
    for (const database of databases) {
      for (const { service, serviceNetworks, range } of unreachable.get(database) ?? []) {
        report({
          messageId: 'unreachable',
          data: {
            service: service.name,
            database: database.name,
            serviceNetworks: list(serviceNetworks),
            databaseNetworks: list(databaseNetworks.get(database)!),
          },
          range,
        });
      }
    }
  },
});
