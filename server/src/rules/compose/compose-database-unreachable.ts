import { isMap, isSeq, Scalar } from 'yaml';
import { Range } from 'vscode-languageserver-types';
import { ComposeModel, ComposeService, scalarText } from '../../compose/model';
import { imageOf, networksOf, referenceRange, referencesOf } from '../../compose/references';
import { databaseOf } from '../../data/databases';
import { defineComposeRule } from '../types';

/** Keys whose value is a bare host name. */
const HOST_KEY = /HOST|ADDR|SERVER|URL|URI|DSN|ENDPOINT/i;

/** An environment value of `service` that names `host` as a host: a URL (`postgres://…@db:5432/app`), `db:5432`, or `DB_HOST: db`. */
function environmentMention(model: ComposeModel, service: ComposeService, hosts: string[]): Range | null {
  const entry = service.entries.get('environment');
  if (!entry) return null;
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
  const wanted = new Set(hosts);
  for (const { key, value, node } of pairs) {
    if (mentionedHosts(key, value).some((host) => wanted.has(host))) return model.rangeOfNode(entry.merged ? service.key : node);
  }
  return null;
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
    unreachable: 'The service "{service}" uses the database "{database}" but shares no network with it ({service}: {serviceNetworks}; {database}: {databaseNetworks}), so it cannot reach it: add one of {database}\'s networks to {service}.',
  },
  docs: {
    flags: 'A service that depends on (or links to) a service running a known database image, or whose environment names it as a host (`postgres://app@db:5432/app`, `db:6379`, `DB_HOST: db`), while the two share no network. A service without `networks:` is on the `default` network. Services with `network_mode`, or networks named by `${VARIABLES}`, are not checked.',
    why: 'Containers resolve each other\'s service names only on a network they share. Once a file declares `networks:`, a service listed on a `back` network alone is no longer on `default`, so a service left on `default` gets "could not translate host name" or "connection refused" at run time, which `docker compose config` does not catch.',
    bad: [
      {
        code: 'services:\n  api:\n    image: example/api:1.4\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n    networks: [front]\n  db:\n    image: postgres:16\n    networks: [back]\n    volumes:\n      - db-data:/var/lib/postgresql/data\nnetworks:\n  front: {}\n  back: {}\nvolumes:\n  db-data: {}\n',
      },
    ],
    good: [
      {
        code: 'services:\n  api:\n    image: example/api:1.4\n    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n    networks: [front, back]\n  db:\n    image: postgres:16\n    networks: [back]\n    volumes:\n      - db-data:/var/lib/postgresql/data\nnetworks:\n  front: {}\n  back: {}\nvolumes:\n  db-data: {}\n',
      },
    ],
  },
  check(model, report) {
    const databases = model.services.filter((s) => {
      const image = imageOf(s);
      return image !== null && databaseOf(image) !== null;
    });
    if (databases.length === 0) return;
    const dependencies = referencesOf(model, 'services').filter((r) => r.via === 'depends_on' || r.via === 'links');
    for (const database of databases) {
      const databaseNetworks = networksOf(model, database);
      if (!databaseNetworks) continue;
      const hosts = [database.name];
      const containerName = scalarText(database.entries.get('container_name')?.value);
      if (containerName) hosts.push(containerName);
      for (const service of model.services) {
        if (service === database) continue;
        const serviceNetworks = networksOf(model, service);
        if (!serviceNetworks || [...serviceNetworks].some((n) => databaseNetworks.has(n))) continue;
        const dependency = dependencies.find((r) => r.service === service && r.name === database.name);
        const range = dependency ? referenceRange(model, dependency) : environmentMention(model, service, hosts);
        if (!range) continue;
        report({
          messageId: 'unreachable',
          data: { service: service.name, database: database.name, serviceNetworks: list(serviceNetworks), databaseNetworks: list(databaseNetworks) },
          range,
        });
      }
    }
  },
});
