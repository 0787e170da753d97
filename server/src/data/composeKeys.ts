/**
 * Hover and completion texts of our own for the compose keys people use most,
 * shown above the compose-spec schema's description, and explanations of the
 * values of enum-like keys. Every key links to the lesson that teaches it.
 */
import { LessonId } from '../protocol';

export interface ComposeKeyDoc {
  /** What the key does in Compose, in a sentence or two. */
  summary: string;
  /** Behaviour worth knowing: defaults, pitfalls. */
  notes: string[];
  /** A short YAML example of the key inside a service (or at the top level for sections). */
  example: string;
  lesson: LessonId;
  /** The page and anchor under https://docs.docker.com/reference/compose-file/ */
  reference: string;
}

export const COMPOSE_REFERENCE = 'https://docs.docker.com/reference/compose-file/';

/** Keys of a service (`services.<name>.<key>`). */
export const COMPOSE_SERVICE_KEYS: Record<string, ComposeKeyDoc> = {
  image: {
    summary:
      "The image the service's containers run. Compose pulls it when it is not present locally (see `pull_policy`).",
    notes: [
      'Without a tag Docker uses `latest`, which changes under you: pin a version tag, or a digest (`@sha256:…`) for byte-for-byte repeatability.',
      'A name without a registry comes from Docker Hub; a single-segment name such as `postgres` means `docker.io/library/postgres`.',
      'Together with `build`, the name is the tag given to the image Compose builds; without `pull_policy`, Compose first tries to pull that name and builds only when the pull fails.',
    ],
    example: 'image: postgres:16-alpine',
    lesson: 'registries-and-tags',
    reference: 'services/#image',
  },
  build: {
    summary:
      "Build the service's image from a Dockerfile instead of (or in addition to) pulling one. A string is the build context; a mapping sets `context`, `dockerfile`, `args`, `target` and more.",
    notes: [
      'A relative context is resolved against the folder of the compose file, not the current directory.',
      "`dockerfile` is resolved against the context. The context's `.dockerignore` decides what is sent to the builder.",
      '`docker compose up` builds only when the image is missing; use `up --build` (or `docker compose build`) after changing the sources.',
    ],
    example: 'build:\n  context: .\n  dockerfile: Dockerfile\n  target: runtime',
    lesson: 'compose',
    reference: 'build/',
  },
  ports: {
    summary: 'Publish container ports on the host: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`.',
    notes: [
      "Without a host IP the port listens on every interface of the host, and Docker's packet-filter rules let it through host firewalls such as ufw. Bind to `127.0.0.1:` for ports only this machine should reach.",
      'Without a host port Docker picks a free one at random (`docker compose port` tells which).',
      'Services on the same network reach each other on the container port without publishing anything.',
      'Write ports as quoted strings: some YAML parsers read `22:22` as a base-60 number.',
    ],
    example: 'ports:\n  - "127.0.0.1:8080:80"',
    lesson: 'networking',
    reference: 'services/#ports',
  },
  volumes: {
    summary:
      'Mount storage into the containers: named volumes (`data:/var/lib/postgresql/data`), host folders (`./src:/app`, a bind mount) or tmpfs.',
    notes: [
      'A source that is a plain name is a named volume and must be declared under the top-level `volumes:`; it survives `docker compose down` (only `down -v` deletes it).',
      "A source starting with `.`, `/` or `~` is a bind mount; relative paths are resolved against the compose file's folder.",
      'Append `:ro` to mount read-only. Data written anywhere else in the container is lost when the container is recreated.',
    ],
    example: 'volumes:\n  - db-data:/var/lib/postgresql/data\n  - ./config:/etc/app:ro',
    lesson: 'volumes',
    reference: 'services/#volumes',
  },
  environment: {
    summary: 'Environment variables of the containers, as a mapping (`KEY: value`) or a list (`KEY=value`).',
    notes: [
      "`${VAR}` in values is filled in by Compose from your shell or the project's `.env` file when the file is read; write `$$` for a literal dollar sign.",
      'A key without a value (`- DEBUG`) passes the variable through from the environment Compose runs in.',
      'Values here win over `env_file`. Do not write passwords literally: use `${VAR:?message}` or `secrets`.',
    ],
    example: 'environment:\n  LOG_LEVEL: info\n  DATABASE_URL: postgres://app:${DB_PASSWORD:?set it}@db/app',
    lesson: 'configuration-and-secrets',
    reference: 'services/#environment',
  },
  env_file: {
    summary: 'Read container environment variables from one or more files of `KEY=VALUE` lines.',
    notes: [
      "Paths are relative to the compose file's folder. A missing file is an error unless the long form says `required: false`.",
      "These variables reach the container only; they are not used for `${VAR}` interpolation in the compose file (that is the project's `.env`).",
      'When several files set a variable the last one wins, and `environment` wins over all of them.',
    ],
    example: 'env_file:\n  - path: ./app.env\n    required: false',
    lesson: 'configuration-and-secrets',
    reference: 'services/#env_file',
  },
  depends_on: {
    summary:
      'Start order: the listed services are created and started before this one (and stopped after it). `docker compose up web` also starts what `web` depends on.',
    notes: [
      "The short list form only waits for the dependency's container to start, not for the program in it to be ready.",
      'The long form waits for a `condition`: `service_healthy` (needs a `healthcheck` on the dependency) or `service_completed_successfully` (for one-off jobs such as migrations).',
      '`restart: true` restarts this service when Compose restarts the dependency; `required: false` only warns when the dependency is not running.',
    ],
    example: 'depends_on:\n  db:\n    condition: service_healthy\n    restart: true',
    lesson: 'compose',
    reference: 'services/#depends_on',
  },
  healthcheck: {
    summary:
      "A command Docker runs inside the container at an interval to decide whether it is healthy; it replaces the image's HEALTHCHECK.",
    notes: [
      '`test` is `["CMD", "prog", "arg"]` (run directly), `["CMD-SHELL", "cmd"]` or a plain string (run by `/bin/sh -c`), or `["NONE"]`. Exit code 0 means healthy.',
      'Defaults: `interval` 30s, `timeout` 30s, `retries` 3, `start_period` 0s. Failures during `start_period` do not count.',
      'The command runs inside the image: `curl` or `wget` must exist there. `depends_on` with `condition: service_healthy` waits for this check.',
    ],
    example:
      'healthcheck:\n  test: ["CMD-SHELL", "pg_isready -U app"]\n  interval: 10s\n  timeout: 5s\n  retries: 5\n  start_period: 10s',
    lesson: 'limits-and-debugging',
    reference: 'services/#healthcheck',
  },
  restart: {
    summary:
      'What Docker does when the container exits: `no` (the default), `always`, `on-failure[:max-retries]` or `unless-stopped`.',
    notes: [
      'Restarts back off: the delay doubles after each quick failure, so a crashing service does not spin the CPU.',
      '`always` and `unless-stopped` also start the container when the Docker daemon starts; `unless-stopped` not if you had stopped it by hand.',
    ],
    example: 'restart: unless-stopped',
    lesson: 'running-containers',
    reference: 'services/#restart',
  },
  networks: {
    summary:
      "The networks the service's containers join. Without this key a service joins the project's `default` network.",
    notes: [
      "Containers on a shared network reach each other by service name (Docker's DNS), on the container port.",
      'Every network named here (other than `default`) must be declared under the top-level `networks:`.',
      'The mapping form sets per-network `aliases` and static `ipv4_address`/`ipv6_address`.',
    ],
    example: 'networks:\n  - backend',
    lesson: 'networking',
    reference: 'services/#networks',
  },
  secrets: {
    summary:
      'Grant the service secrets declared under the top-level `secrets:`; each appears as a file at `/run/secrets/<name>` inside the container.',
    notes: [
      'Secrets do not show in `docker inspect` or the environment, unlike `environment` values.',
      'Many official images read a `*_FILE` variable (`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`).',
      'The long form sets `target`, `uid`, `gid` and `mode`.',
    ],
    example: 'secrets:\n  - db_password',
    lesson: 'configuration-and-secrets',
    reference: 'services/#secrets',
  },
  configs: {
    summary:
      'Mount configuration files declared under the top-level `configs:` into the container (at `/<name>` unless `target` says otherwise).',
    notes: [
      'Meant for non-sensitive files; use `secrets` for anything confidential.',
      'The long form sets `target`, `uid`, `gid` and `mode`.',
    ],
    example: 'configs:\n  - source: nginx_conf\n    target: /etc/nginx/conf.d/default.conf',
    lesson: 'configuration-and-secrets',
    reference: 'services/#configs',
  },
  command: {
    summary:
      "Overrides the image's default command (its CMD). A list is passed as is; a string is split into words like a shell would, but no shell runs it.",
    notes: [
      'Pipes, `&&` and `$VAR` expansion at run time need a shell: `["sh", "-c", "…"]` (and `$$VAR` so Compose does not interpolate it).',
      "The image's ENTRYPOINT, if any, still runs and receives these words as arguments.",
    ],
    example: 'command: ["npm", "run", "start"]',
    lesson: 'running-containers',
    reference: 'services/#command',
  },
  entrypoint: {
    summary: "Overrides the image's ENTRYPOINT, and also discards the image's default CMD.",
    notes: [
      'Set `command` too when the new entrypoint needs arguments.',
      'An empty value (`entrypoint: []` or `""`) removes the image\'s entrypoint.',
    ],
    example: 'entrypoint: ["/usr/local/bin/docker-entrypoint.sh"]',
    lesson: 'running-containers',
    reference: 'services/#entrypoint',
  },
  user: {
    summary:
      "The user (and optionally group) the container's processes run as: `name`, `uid` or `uid:gid`. Overrides the image's USER.",
    notes: [
      "A name must exist in the image's `/etc/passwd`; numeric ids always work.",
      'Files the process writes to bind mounts get this uid on the host.',
    ],
    example: 'user: "1000:1000"',
    lesson: 'security',
    reference: 'services/#user',
  },
  read_only: {
    summary:
      "Mount the container's root filesystem read-only, so a compromised process cannot change the image's files.",
    notes: ['Give writable places explicitly: `tmpfs` for `/tmp` and run directories, volumes for data.'],
    example: 'read_only: true\ntmpfs:\n  - /tmp',
    lesson: 'security',
    reference: 'services/#read_only',
  },
  deploy: {
    summary:
      'Deployment settings: `replicas`, `resources` (CPU and memory limits and reservations), restart and update policies, placement.',
    notes: [
      '`docker compose up` applies `replicas` and `resources`; placement and update/rollback settings only matter on a Swarm.',
      'A memory limit keeps one service from starving the others; the kernel kills the process when it goes over.',
    ],
    example: 'deploy:\n  resources:\n    limits:\n      cpus: "1.0"\n      memory: 512M',
    lesson: 'limits-and-debugging',
    reference: 'deploy/',
  },
  profiles: {
    summary:
      'Start this service only when one of these profiles is active (`docker compose --profile debug up`, or `COMPOSE_PROFILES`).',
    notes: [
      'Services without `profiles` always start. Naming a service on the command line (`docker compose run tool`) starts it whatever its profiles.',
    ],
    example: 'profiles: ["debug"]',
    lesson: 'compose',
    reference: 'services/#profiles',
  },
  container_name: {
    summary: 'A fixed container name instead of the generated `<project>-<service>-<n>`.',
    notes: [
      'Container names are unique per Docker host: the service cannot be scaled beyond one container, and two copies of the project (another folder or `-p` name) clash.',
      'Other services do not need it to reach this one: they use the service name.',
    ],
    example: 'container_name: myapp-db',
    lesson: 'running-containers',
    reference: 'services/#container_name',
  },
  pull_policy: {
    summary:
      "When Compose pulls the service's image: `missing` (the default), `always`, `never`, `build`, or a refresh period (`daily`, `weekly`, `every_12h`).",
    notes: [
      'With `build` in the service, `pull_policy: build` always builds, and `missing` avoids pulling a same-named image from a registry.',
    ],
    example: 'pull_policy: missing',
    lesson: 'registries-and-tags',
    reference: 'services/#pull_policy',
  },
  logging: {
    summary:
      'The logging driver of the containers (`json-file`, `local`, `journald`, `syslog`, `none`…) and its options.',
    notes: [
      'The default `json-file` driver keeps every log line unless rotation is set: add `max-size` and `max-file` options, or use the `local` driver, which rotates by default.',
    ],
    example: 'logging:\n  driver: json-file\n  options:\n    max-size: "10m"\n    max-file: "3"',
    lesson: 'limits-and-debugging',
    reference: 'services/#logging',
  },
  extends: {
    summary: "Start from another service's configuration (in this file, or in `file:`) and change only what differs.",
    notes: [
      "The base service's settings are merged in: mappings key by key, lists such as `ports` and `volumes` combined, single values replaced by yours.",
      "A relative `file` is resolved against this compose file's folder.",
    ],
    example: 'extends:\n  file: common.yaml\n  service: base',
    lesson: 'compose',
    reference: 'services/#extends',
  },
  init: {
    summary:
      'Run a tiny init process (docker-init) as PID 1 that forwards signals to your program and reaps zombie processes.',
    notes: [
      'Useful when the program was not written to run as PID 1: it then stops promptly on `docker compose stop` instead of being killed after the timeout.',
    ],
    example: 'init: true',
    lesson: 'running-containers',
    reference: 'services/#init',
  },
  cap_add: {
    summary: "Add Linux capabilities to the container's default set (for example `NET_ADMIN`).",
    notes: [
      "Each capability is a slice of root's power; `ALL` gives nearly everything `privileged` does. Add only what the program needs.",
    ],
    example: 'cap_add:\n  - NET_BIND_SERVICE',
    lesson: 'security',
    reference: 'services/#cap_add',
  },
  cap_drop: {
    summary: "Remove Linux capabilities from the container's default set.",
    notes: ['A hardened service drops `ALL` and adds back the few it needs with `cap_add`.'],
    example: 'cap_drop:\n  - ALL',
    lesson: 'security',
    reference: 'services/#cap_drop',
  },
  tmpfs: {
    summary: 'Mount in-memory filesystems at these container paths; their contents vanish when the container stops.',
    notes: [
      'The usual companion of `read_only: true` for `/tmp` and run directories. Options such as `size` limit the memory used.',
    ],
    example: 'tmpfs:\n  - /tmp',
    lesson: 'volumes',
    reference: 'services/#tmpfs',
  },
};

/** Top-level sections of a compose file. */
export const COMPOSE_TOP_LEVEL_KEYS: Record<string, ComposeKeyDoc> = {
  services: {
    summary:
      'The services of the application: each one becomes one or more containers created from the same configuration.',
    notes: ["A service name is also its hostname on the project's networks."],
    example: 'services:\n  web:\n    image: nginx:1.27-alpine',
    lesson: 'compose',
    reference: 'services/',
  },
  networks: {
    summary:
      'Networks the services can join. Compose also creates a `default` network for the project; declare others to separate front end and back end.',
    notes: [
      'Compose prefixes the name with the project name unless `name:` is set; `external: true` uses an existing network.',
    ],
    example: 'networks:\n  backend:\n    internal: true',
    lesson: 'networking',
    reference: 'networks/',
  },
  volumes: {
    summary:
      'Named volumes the services mount. They keep their data when containers are recreated, until `docker compose down -v`.',
    notes: [
      'Compose prefixes the name with the project name unless `name:` is set; `external: true` uses an existing volume.',
    ],
    example: 'volumes:\n  db-data:',
    lesson: 'volumes',
    reference: 'volumes/',
  },
  secrets: {
    summary:
      'Secrets services can be granted, read from a `file:` or from an `environment:` variable of the shell running Compose.',
    notes: ['Keep the secret files out of version control.'],
    example: 'secrets:\n  db_password:\n    file: ./secrets/db_password.txt',
    lesson: 'configuration-and-secrets',
    reference: 'secrets/',
  },
  configs: {
    summary: 'Configuration files services can mount, from a `file:`, an `environment:` variable or inline `content:`.',
    notes: [],
    example: 'configs:\n  nginx_conf:\n    file: ./nginx.conf',
    lesson: 'configuration-and-secrets',
    reference: 'configs/',
  },
  version: {
    summary:
      'Obsolete. Compose v2 ignores it (and warns); the file is always read with the current Compose specification.',
    notes: ['Remove it.'],
    example: '',
    lesson: 'compose',
    reference: 'version-and-name/',
  },
  name: {
    summary:
      "The project name, which prefixes container, network and volume names. Defaults to the name of the compose file's folder.",
    notes: ['`-p` on the command line or `COMPOSE_PROJECT_NAME` override it.'],
    example: 'name: myapp',
    lesson: 'compose',
    reference: 'version-and-name/',
  },
  include: {
    summary: 'Include other compose files as sub-projects; their services, networks and volumes are added to this one.',
    notes: ["Relative paths in an included file are resolved against that file's folder."],
    example: 'include:\n  - ../shared/compose.yaml',
    lesson: 'compose',
    reference: 'include/',
  },
};

/** Explanations of values, by the key they are the value of. */
export const COMPOSE_VALUES: Record<string, Record<string, string>> = {
  restart: {
    no: 'Never restart the container automatically (the default).',
    always:
      'Restart the container whenever it stops. A container you stopped by hand stays stopped until the Docker daemon restarts, which starts it again.',
    'on-failure':
      'Restart only when the container exits with a non-zero status; `on-failure:5` gives up after 5 attempts.',
    'unless-stopped':
      'Like `always`, except that a container you stopped by hand stays stopped when the Docker daemon restarts.',
  },
  pull_policy: {
    missing: 'Pull the image only when it is not present locally (the default).',
    if_not_present: 'Same as `missing`.',
    always: 'Pull the image every time the service is started, to get the latest push of the tag.',
    never: 'Never pull: the image must already be present locally (built or loaded), else starting fails.',
    build: 'Always build the image from `build`, never pull it.',
    daily: 'Pull again when the local copy was pulled more than a day ago.',
    weekly: 'Pull again when the local copy was pulled more than a week ago.',
  },
  condition: {
    service_started:
      "Wait only until the dependency's container has started (what the short form of `depends_on` does).",
    service_healthy: "Wait until the dependency's healthcheck reports healthy; the dependency needs a `healthcheck`.",
    service_completed_successfully:
      'Wait until the dependency has run to completion with exit code 0, for one-off jobs such as migrations.',
  },
  network_mode: {
    bridge: "Docker's default bridge network, without Compose's project network and its service-name DNS.",
    host: "Share the host's network stack: no isolation, and `ports` are meaningless. Linux only.",
    none: 'No networking except loopback.',
  },
  type: {
    volume: 'A named (or anonymous) volume managed by Docker; `source` is the volume name.',
    bind: 'A host file or folder mounted into the container; `source` is the host path.',
    tmpfs: 'An in-memory filesystem; nothing is kept when the container stops.',
    npipe: 'A Windows named pipe from the host.',
    cluster: 'A cluster volume (Swarm).',
    image: 'The filesystem of another image, mounted read-only.',
  },
};

/** The explanation of a value, including the patterned ones (`on-failure:3`, `every_12h`, `service:db`). */
export function composeValueDoc(key: string, value: string): string | undefined {
  const table = COMPOSE_VALUES[key];
  if (!table) return undefined;
  if (Object.prototype.hasOwnProperty.call(table, value)) return table[value];
  if (key === 'restart') {
    const retries = /^on-failure:(\d+)$/.exec(value);
    if (retries) return `Restart only when the container exits with a non-zero status, at most ${retries[1]} times.`;
  }
  if (key === 'pull_policy' && /^every_([0-9]+[wdhms])+$/.test(value))
    return `Pull again when the local copy is older than ${value.slice('every_'.length)}.`;
  if (key === 'network_mode') {
    if (value.startsWith('service:'))
      return `Share the network stack of service \`${value.slice(8)}\`'s container (same IP address and ports; \`localhost\` is that container).`;
    if (value.startsWith('container:'))
      return `Share the network stack of the existing container \`${value.slice(10)}\`.`;
  }
  return undefined;
}
