/**
 * Short offline notes on the most used base images, for hovers on image
 * references: what the image is, its usual variants, and the user it runs
 * as when that is not simply root. Kept to facts that hold across the
 * maintained tags.
 */
import { ImageReference } from '../dockerfile/image';

export interface ImageNote {
  /** What the image is, one sentence. */
  about: string;
  /** Its common tag variants and what they mean. */
  variants?: string;
  /** The user its processes run as, when worth knowing. */
  user?: string;
}

/** Keyed like `KNOWN_IMAGES`: the Docker Hub name of official images, else the full path. */
export const IMAGE_NOTES: Readonly<Record<string, ImageNote>> = {
  alpine: {
    about:
      'Alpine Linux: a very small distribution (a few MB) built on musl libc and BusyBox; packages come from `apk`.',
    variants: 'tags are Alpine releases (`3.21`). Software built for glibc may need `libc6-compat` or a rebuild.',
    user: 'root; create a user with `adduser -D`.',
  },
  ubuntu: {
    about: 'Ubuntu: the Canonical distribution, a minimal install with `apt`.',
    variants: 'tags are releases (`24.04`) or code names (`noble`); LTS releases get five years of standard support.',
    user: 'root. Since 23.04 the image also contains a user `ubuntu` with UID 1000, so creating another user with UID 1000 fails.',
  },
  debian: {
    about: 'Debian: a stable, widely used distribution with `apt`; the base of most official language images.',
    variants:
      'tags are version numbers (`12`) or code names (`bookworm`); `-slim` leaves out documentation and other files containers rarely need.',
    user: 'root.',
  },
  fedora: {
    about: 'Fedora: the Red Hat-sponsored distribution with `dnf`; releases are supported for about 13 months.',
    user: 'root.',
  },
  busybox: {
    about: 'BusyBox: one small binary providing a shell and the common Unix tools; no package manager.',
    variants: '`-musl`, `-glibc` and `-uclibc` say which C library it is built with.',
    user: 'root.',
  },
  node: {
    about: 'Node.js with npm (and Yarn or Corepack, depending on the version), on Debian by default.',
    variants:
      '`-slim` (Debian with fewer packages), `-alpine`, and Debian code names (`-bookworm`). Even-numbered majors are the LTS lines.',
    user: 'root by default; the image has a ready `node` user (UID 1000): add `USER node`.',
  },
  python: {
    about: 'CPython with pip, on Debian by default.',
    variants:
      '`-slim` (Debian with fewer packages: build tools missing for packages without wheels), `-alpine` (musl: many wheels do not apply), code names (`-bookworm`).',
    user: 'root; create a user for the final stage.',
  },
  golang: {
    about:
      'The Go toolchain, on Debian by default; large, so usually a build stage whose binary is copied into `scratch` or a distroless image.',
    variants: '`-alpine`, Debian code names (`-bookworm`).',
    user: 'root.',
  },
  rust: {
    about: 'Rust with rustup and cargo, on Debian by default; usually a build stage.',
    variants: '`-slim`, `-alpine` (builds musl binaries), Debian code names.',
    user: 'root.',
  },
  ruby: {
    about: 'Ruby with gem and Bundler, on Debian by default.',
    variants: '`-slim`, `-alpine`, Debian code names.',
    user: 'root.',
  },
  php: {
    about: 'PHP, with `docker-php-ext-install` and `docker-php-ext-enable` to add extensions.',
    variants:
      '`-cli` (command line), `-fpm` (FastCGI, behind a web server), `-apache` (with Apache httpd), plus `-alpine` builds.',
    user: 'root; the `-fpm` and `-apache` variants serve requests as `www-data`.',
  },
  'eclipse-temurin': {
    about:
      'Eclipse Temurin: the Adoptium builds of OpenJDK, on Ubuntu by default; the usual replacement for the deprecated `openjdk` image.',
    variants: '`-jdk` to compile, `-jre` (smaller) to run; `-alpine` builds.',
    user: 'root.',
  },
  openjdk: {
    about:
      'Deprecated: the `openjdk` official image is no longer updated; use `eclipse-temurin` (or another maintained OpenJDK build) instead.',
  },
  maven: {
    about: 'Apache Maven on a JDK; the tag names the JDK (`3.9-eclipse-temurin-21`). Used as a build stage.',
    user: 'root.',
  },
  gradle: {
    about: 'Gradle on a JDK; the tag names the JDK (`8-jdk21`). Used as a build stage.',
  },
  nginx: {
    about: 'The nginx web server and reverse proxy, serving `/usr/share/nginx/html` on port 80.',
    variants: '`-alpine`, `-alpine-slim`, `-perl`; `mainline` and `stable` lines.',
    user: 'The master process runs as root (to bind port 80); workers run as `nginx`. `nginxinc/nginx-unprivileged` runs fully non-root on port 8080.',
  },
  httpd: {
    about: 'The Apache HTTP Server, serving `/usr/local/apache2/htdocs/` on port 80.',
    variants: '`-alpine`.',
    user: 'The main process runs as root; request workers run as `daemon`.',
  },
  postgres: {
    about:
      'The PostgreSQL server. The entrypoint initialises a new database on first start; it needs `POSTGRES_PASSWORD` (or `POSTGRES_HOST_AUTH_METHOD=trust`, for throwaway setups only).',
    variants: '`-alpine`, Debian code names.',
    user: 'The entrypoint starts the server as `postgres`.',
  },
  mysql: {
    about:
      'The MySQL server, on Oracle Linux. The first start needs `MYSQL_ROOT_PASSWORD` (or `MYSQL_RANDOM_ROOT_PASSWORD` / `MYSQL_ALLOW_EMPTY_PASSWORD`).',
    user: 'The entrypoint starts the server as `mysql`.',
  },
  mariadb: {
    about: 'The MariaDB server, on Ubuntu. The first start needs `MARIADB_ROOT_PASSWORD` (or one of its alternatives).',
    user: 'The server runs as `mysql`.',
  },
  redis: {
    about: 'The Redis in-memory data store; data is saved under `/data`.',
    variants: '`-alpine`.',
    user: 'The entrypoint starts the server as `redis`.',
  },
  mongo: {
    about: 'The MongoDB server; data lives in `/data/db`.',
    user: 'The entrypoint starts the server as `mongodb`.',
  },
  rabbitmq: {
    about: 'The RabbitMQ message broker.',
    variants: '`-management` adds the web management UI (port 15672); `-alpine`.',
    user: 'The server runs as `rabbitmq`.',
  },
  'mcr.microsoft.com/dotnet/sdk': {
    about:
      'The .NET SDK, to build and publish; use a runtime image (`aspnet`, `runtime`, `runtime-deps`) for the final stage.',
  },
  'mcr.microsoft.com/dotnet/aspnet': {
    about: 'The ASP.NET Core runtime, for running published apps; since .NET 8 apps listen on port 8080 by default.',
    user: 'root by default; since .NET 8 the image has an `app` user (UID in `$APP_UID`, 1654): add `USER $APP_UID`.',
  },
  'gcr.io/distroless/static-debian12': {
    about:
      'Distroless static: only CA certificates, time zone data and `/etc/passwd`; no shell and no package manager. For static binaries (Go with `CGO_ENABLED=0`, Rust musl).',
    variants: '`:nonroot` runs as UID 65532; `:debug` adds a BusyBox shell.',
  },
  'gcr.io/distroless/base-debian12': {
    about: 'Distroless base: like `static` plus glibc and OpenSSL; no shell and no package manager.',
    variants: '`:nonroot` runs as UID 65532; `:debug` adds a BusyBox shell.',
  },
};

/** The note for an image reference (`node`, `library/node`, `docker.io/library/node`, `gcr.io/distroless/static-debian12`). */
export function imageNote(image: ImageReference): { name: string; note: ImageNote } | null {
  const hub = image.registry === null || image.registry === 'docker.io' || image.registry === 'index.docker.io';
  const name = hub
    ? image.repository.replace(/^library\//, '').toLowerCase()
    : `${image.registry}/${image.repository}`.toLowerCase();
  const note = IMAGE_NOTES[name];
  return note ? { name, note } : null;
}

/** The note as a Markdown paragraph and list. */
export function imageNoteMarkdown(name: string, note: ImageNote): string {
  const lines = [`**${name}**: ${note.about}`];
  if (note.variants) lines.push(`- Variants: ${note.variants}`);
  if (note.user) lines.push(`- User: ${note.user}`);
  return lines.join('\n');
}
