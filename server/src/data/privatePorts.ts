/**
 * Services that should not answer the whole network by default: data stores,
 * message brokers, service registries, Docker management and debuggers. Used
 * by `port-all-interfaces` to tell a database or debugger port published on
 * every interface from a web server published on purpose.
 */
import { parseImageReference } from '../dockerfile/image';
import { databaseOf } from './databases';

/**
 * Container ports that these services listen on by default or by wide
 * convention, with what usually listens there. Ports shared with common web
 * applications (9000, 8123, 8080…) are left out: the image tells those apart.
 */
const PORTS: Record<number, string> = {
  1433: 'Microsoft SQL Server',
  1521: 'the Oracle Database listener',
  2181: 'ZooKeeper',
  2345: 'the Delve (Go) debugger',
  2375: 'the Docker API without TLS',
  2379: 'the etcd client API',
  3306: 'MySQL or MariaDB',
  4222: 'NATS',
  5005: 'a Java debugger (JDWP)',
  5432: 'PostgreSQL',
  5672: 'RabbitMQ (AMQP)',
  5678: 'the Python debugger debugpy',
  5984: 'CouchDB',
  6379: 'Redis or Valkey',
  7687: 'Neo4j (Bolt)',
  8086: 'InfluxDB',
  8500: 'the Consul HTTP API',
  9042: 'Cassandra (CQL)',
  9092: 'Kafka',
  9200: 'the Elasticsearch or OpenSearch REST API',
  9229: 'the Node.js inspector',
  9300: 'the Elasticsearch transport',
  11211: 'Memcached',
  15672: 'the RabbitMQ management API',
  26257: 'CockroachDB',
  27017: 'MongoDB',
  28015: 'RethinkDB',
  33060: 'the MySQL X Protocol',
  61616: 'ActiveMQ',
};

/** What a service is, for messages: "database service". */
export type PrivateKind =
  'database' | 'cache' | 'message broker' | 'search engine' | 'service registry' | 'Docker management';

/** Images (Docker Hub repositories without `library/`, others with their registry) beyond the databases of `databases.ts`. */
const IMAGES: Record<string, PrivateKind> = {
  'bitnami/postgresql': 'database',
  'bitnami/mysql': 'database',
  'bitnami/mariadb': 'database',
  'bitnami/mongodb': 'database',
  'bitnami/redis': 'database',
  'redislabs/redismod': 'database',
  'redis/redis-stack': 'database',
  'eqalpha/keydb': 'database',
  'mcr.microsoft.com/mssql/server': 'database',
  influxdb: 'database',
  'cockroachdb/cockroach': 'database',
  rethinkdb: 'database',
  memcached: 'cache',
  'bitnami/memcached': 'cache',
  rabbitmq: 'message broker',
  'bitnami/rabbitmq': 'message broker',
  'apache/kafka': 'message broker',
  'bitnami/kafka': 'message broker',
  'confluentinc/cp-kafka': 'message broker',
  'redpandadata/redpanda': 'message broker',
  'vectorized/redpanda': 'message broker',
  'docker.redpanda.com/redpandadata/redpanda': 'message broker',
  'docker.redpanda.com/vectorized/redpanda': 'message broker',
  nats: 'message broker',
  zookeeper: 'service registry',
  'bitnami/zookeeper': 'service registry',
  'confluentinc/cp-zookeeper': 'service registry',
  'hashicorp/consul': 'service registry',
  'bitnami/etcd': 'service registry',
  'quay.io/coreos/etcd': 'service registry',
  'gcr.io/etcd-development/etcd': 'service registry',
  'portainer/portainer': 'Docker management',
  'portainer/portainer-ce': 'Docker management',
  'portainer/portainer-ee': 'Docker management',
  'portainer/agent': 'Docker management',
};

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The kind of service an image runs when none of its ports should face the network by default; null otherwise. */
export function privateKindOfImage(image: string): PrivateKind | null {
  const database = databaseOf(image);
  if (database)
    return database.name === 'elasticsearch' || database.name === 'opensearch' ? 'search engine' : 'database';
  const ref = parseImageReference(image);
  const repository = ref.repository.toLowerCase().replace(/^library\//, '');
  const registry = ref.registry?.toLowerCase() ?? null;
  const key = registry === null || DOCKER_HUB.has(registry) ? repository : `${registry}/${repository}`;
  return IMAGES[key] ?? null;
}

/** What usually listens on a container port, when it should not face the network by default; null otherwise. */
export function privatePortUse(port: number): string | null {
  return PORTS[port] ?? null;
}
