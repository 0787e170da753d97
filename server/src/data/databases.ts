/**
 * Database and data-store images whose data lives in a directory that is lost
 * with the container unless a volume is mounted there.
 */
import { ImageReference, parseImageReference } from '../dockerfile/image';

export interface DatabaseImage {
  /** A short name for messages and volume names (`postgres`). */
  name: string;
  /** The directory the image keeps its data in. */
  dataDir: string;
  /** Other mount points that also hold the data (a parent directory, a newer layout). */
  alsoCovered?: string[];
  /** Often used as a disposable cache: a missing volume is a milder problem. */
  oftenCache?: boolean;
}

const POSTGRES: DatabaseImage = {
  name: 'postgres',
  dataDir: '/var/lib/postgresql/data',
  alsoCovered: ['/var/lib/postgresql'],
};
const MYSQL: DatabaseImage = { name: 'mysql', dataDir: '/var/lib/mysql' };

/** Docker Hub repositories (official images without `library/`) and other well-known registries' paths. */
const DATABASES: Record<string, DatabaseImage> = {
  postgres: POSTGRES,
  'postgis/postgis': POSTGRES,
  'timescale/timescaledb': POSTGRES,
  mysql: MYSQL,
  'mysql/mysql-server': MYSQL,
  mariadb: { name: 'mariadb', dataDir: '/var/lib/mysql' },
  mongo: { name: 'mongo', dataDir: '/data/db' },
  'mongodb/mongodb-community-server': { name: 'mongo', dataDir: '/data/db' },
  redis: { name: 'redis', dataDir: '/data', oftenCache: true },
  'redis/redis-stack-server': { name: 'redis', dataDir: '/data', oftenCache: true },
  'valkey/valkey': { name: 'valkey', dataDir: '/data', oftenCache: true },
  elasticsearch: { name: 'elasticsearch', dataDir: '/usr/share/elasticsearch/data' },
  'docker.elastic.co/elasticsearch/elasticsearch': { name: 'elasticsearch', dataDir: '/usr/share/elasticsearch/data' },
  'opensearchproject/opensearch': { name: 'opensearch', dataDir: '/usr/share/opensearch/data' },
  cassandra: { name: 'cassandra', dataDir: '/var/lib/cassandra' },
  neo4j: { name: 'neo4j', dataDir: '/data' },
  couchdb: { name: 'couchdb', dataDir: '/opt/couchdb/data' },
  'clickhouse/clickhouse-server': { name: 'clickhouse', dataDir: '/var/lib/clickhouse' },
};

/** The database an image reference names, when it is one we know; null otherwise. */
export function databaseOf(image: string | ImageReference): DatabaseImage | null {
  const ref = typeof image === 'string' ? parseImageReference(image) : image;
  const repository = ref.repository.toLowerCase().replace(/^library\//, '');
  const registry = ref.registry?.toLowerCase() ?? null;
  if (
    registry === null ||
    registry === 'docker.io' ||
    registry === 'index.docker.io' ||
    registry === 'registry-1.docker.io'
  )
    return DATABASES[repository] ?? null;
  return DATABASES[`${registry}/${repository}`] ?? null;
}

/**
 * Where to mount a volume for an image: Postgres 18 and later keep their
 * data under `/var/lib/postgresql/<major>/docker` and declare the volume at
 * `/var/lib/postgresql`; older ones use `/var/lib/postgresql/data`.
 */
export function volumeTarget(database: DatabaseImage, tag: string | null): string {
  if (database === POSTGRES) {
    const major = /^(\d+)/.exec(tag ?? '');
    if (!major || Number(major[1]) >= 18) return '/var/lib/postgresql';
  }
  return database.dataDir;
}
