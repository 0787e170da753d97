/**
 * Hover texts for instruction flags (`COPY --link`, `RUN --mount`…), the
 * mount types and mount options, written for Docker Coach and checked against
 * the Dockerfile reference and BuildKit's mount parser. `since` names the
 * Dockerfile frontend version (`# syntax=docker/dockerfile:<version>`) that
 * made a flag stable; it is only given where the reference or the release
 * notes state it.
 */

export interface FlagDoc {
  /** How the flag is written, e.g. `--chown=<user>[:<group>]`. */
  syntax: string;
  /** One or two sentences: what the flag does. */
  summary: string;
  /** Short facts that matter in practice (markdown, without the leading "- "). */
  notes: string[];
  /** Meanings of the accepted values, for flags with a fixed set of values. */
  values?: Record<string, string>;
  /** The value Docker uses when the flag is absent. */
  default?: string;
  /** When the flag became available, as stated by the reference or release notes. */
  since?: string;
  /** Anchor on https://docs.docker.com/reference/dockerfile/. */
  anchor: string;
}

const CHOWN: FlagDoc = {
  syntax: '--chown=<user>[:<group>]',
  summary:
    'Sets the owner of the copied files and directories. Without it they belong to `root` (UID and GID 0), whatever `USER` says.',
  notes: [
    "Accepts names or numeric IDs. Names are looked up in the stage's `/etc/passwd` and `/etc/group` at build time; the build fails when they are missing there.",
    'With `--link` the files are copied into an empty layer, so names cannot be looked up: use numeric IDs.',
    'Give the group too (`app:app`, `1000:1000`) so there is no doubt about it.',
    'Cheaper than a later `RUN chown -R`, which copies every file into a new layer again.',
    'Not supported for Windows containers.',
  ],
  anchor: 'copy---chown',
};

const CHMOD: FlagDoc = {
  syntax: '--chmod=<perms>',
  summary:
    'Sets the permissions of the copied files and directories, in octal (`755`, `0644`) or symbolic notation (`+x`, `u=rwX,go=rX`).',
  notes: [
    'Symbolic notation needs Dockerfile syntax 1.14 or later; octal works since 1.2.',
    'Cheaper than a later `RUN chmod`, which duplicates the files in a new layer.',
    'Not supported for Windows containers.',
  ],
  since: '1.2',
  anchor: 'copy---chmod',
};

const LINK: FlagDoc = {
  syntax: '--link[=<boolean>]',
  summary:
    'Copies into a new, empty layer that is then placed on top of the stage, so the layer does not depend on the instructions before it.',
  notes: [
    'The copied layer stays cached when earlier instructions change, and an image can be rebased on a new base image without running the copy again.',
    'The copy cannot see the files below it: a symlink in the destination path is not followed, and `--chown` must use numeric IDs.',
    'Copying a directory replaces the mode of an existing directory at the destination (add `--chmod` when that matters, e.g. for `/tmp`).',
  ],
  default: 'false',
  since: '1.4',
  anchor: 'copy---link',
};

const EXCLUDE: FlagDoc = {
  syntax: '--exclude=<pattern>',
  summary:
    'Leaves out the source files that match the pattern (same wildcards as the sources, Go `filepath.Match`). Repeat the flag for several patterns.',
  notes: [
    'Introduced in the labs channel of Dockerfile 1.7 (`# syntax=docker/dockerfile:1.7-labs`); stable since 1.19.',
    'For files that should never reach any build, a `.dockerignore` entry is the better place: it also keeps them out of the build context.',
  ],
  since: '1.19',
  anchor: 'copy---exclude',
};

export const FLAG_DOCS: Readonly<Record<string, Readonly<Record<string, FlagDoc>>>> = {
  FROM: {
    platform: {
      syntax: '--platform=<platform>',
      summary:
        'Picks the platform variant of a multi-platform base image, e.g. `linux/amd64`, `linux/arm64`, `linux/arm/v7`, `windows/amd64`.',
      notes: [
        "Without it the stage uses the target platform of the build (`docker build --platform`, else the builder's own platform).",
        'Global `ARG`s work here. `--platform=$BUILDPLATFORM` runs the stage natively on the build machine, which suits compilers that cross-compile for `$TARGETPLATFORM`.',
        'A fixed value (`--platform=linux/amd64`) makes every platform of a multi-platform build get that same architecture; BuildKit warns about it (FromPlatformFlagConstDisallowed).',
      ],
      anchor: 'from',
    },
  },
  COPY: {
    from: {
      syntax: '--from=<stage|index|context|image>',
      summary:
        'Copies from an earlier build stage (by name or index), a named build context (`docker build --build-context name=…`) or an image, instead of from the build context.',
      notes: [
        'Source paths are taken from the root of that stage or image; its `WORKDIR` does not apply.',
        'A name that is neither a stage nor a named context is pulled as an image; pin its tag like a base image.',
      ],
      anchor: 'copy---from',
    },
    chown: CHOWN,
    chmod: CHMOD,
    link: LINK,
    parents: {
      syntax: '--parents[=<boolean>]',
      summary:
        'Keeps the directory structure of each source under the destination: `COPY --parents ./x/a.txt /dst/` creates `/dst/x/a.txt` instead of `/dst/a.txt`.',
      notes: [
        'A `./` inside a source path marks where the kept part starts: `./src/./app/*.py` keeps `app/…`.',
        '`**` matches any number of directories, e.g. `./services/**/package.json`.',
        'Lets one `COPY` replace several that only differ in their directory.',
        'Introduced in the labs channel of Dockerfile 1.7 (`# syntax=docker/dockerfile:1.7-labs`); stable since 1.20.',
      ],
      default: 'false',
      since: '1.20',
      anchor: 'copy---parents',
    },
    exclude: EXCLUDE,
  },
  ADD: {
    'keep-git-dir': {
      syntax: '--keep-git-dir[=<boolean>]',
      summary:
        'When the source is a Git repository, keeps its `.git` directory in the image; by default only the checked-out files are added.',
      notes: [
        'Only useful when the build needs Git metadata (`git describe`, `git rev-parse HEAD`); the history can be large.',
        'Git URLs as `ADD` sources are stable since Dockerfile 1.6.',
      ],
      default: 'false',
      anchor: 'add---keep-git-dir',
    },
    checksum: {
      syntax: '--checksum=<hash>',
      summary:
        'Verifies a remote source before it is added: for an HTTP(S) URL the SHA-256 digest of the content (`sha256:<hex>`, the only algorithm), for a Git source the commit SHA (full or a prefix).',
      notes: [
        'The build fails when the download does not match, so a changed or tampered file never reaches the image.',
        'Stable since Dockerfile 1.6 (labs channel in 1.5).',
      ],
      since: '1.6',
      anchor: 'add---checksum',
    },
    chown: { ...CHOWN, anchor: 'add---chown' },
    chmod: { ...CHMOD, anchor: 'add---chmod' },
    link: { ...LINK, anchor: 'add---link' },
    exclude: { ...EXCLUDE, anchor: 'add---exclude' },
    unpack: {
      syntax: '--unpack[=<boolean>]',
      summary:
        'Whether a tar archive (also gzip, bzip2, xz or zstd compressed) is extracted into the destination. Local archives are extracted by default, remote ones (URLs) are not.',
      notes: [
        '`--unpack=true` downloads and extracts a remote archive in one step; `--unpack=false` adds a local archive as a file.',
      ],
      since: '1.17',
      anchor: 'add---unpack',
    },
  },
  RUN: {
    mount: {
      syntax: '--mount=[type=<bind|cache|tmpfs|secret|ssh>][,<option>=<value>...]',
      summary:
        'Mounts something into the container of this one `RUN` step: files from the context or another stage, a persistent cache, a tmpfs, a secret or the SSH agent. What is mounted is not part of the layer.',
      notes: [
        'The type defaults to `bind`. Repeat `--mount` for several mounts.',
        'Option values may use variables, except `from`.',
      ],
      since: '1.2',
      anchor: 'run---mount',
    },
    network: {
      syntax: '--network=<default|none|host>',
      summary: 'Chooses the network this step runs in.',
      values: {
        default: "the build's normal network, the same as leaving the flag out.",
        none: 'no network at all, only a private loopback: proves that the step works offline (e.g. installing from files copied in before).',
        host: "the host's network. Needs the `network.host` entitlement, allowed on the builder and requested by the build (`--allow network.host`).",
      },
      notes: [],
      default: 'default',
      since: '1.3',
      anchor: 'run---network',
    },
    security: {
      syntax: '--security=<sandbox|insecure>',
      summary: 'Chooses the sandbox of this step.',
      values: {
        sandbox: 'the normal, restricted container (the default; writing it changes nothing).',
        insecure:
          'runs the step with elevated privileges, like `docker run --privileged`. Needs the `security.insecure` entitlement, allowed on the builder and requested by the build (`--allow security.insecure`).',
      },
      notes: ['Labs channel since Dockerfile 1.1.2; stable since 1.20.'],
      default: 'sandbox',
      since: '1.20',
      anchor: 'run---security',
    },
    device: {
      syntax: '--device=<name>[,required]',
      summary: 'Makes a CDI device (a GPU, for instance) available to this step.',
      notes: ['Needs BuildKit 0.20 or later and the `device` entitlement on the builder and the build.'],
      anchor: 'run---device',
    },
  },
  HEALTHCHECK: {
    interval: {
      syntax: '--interval=<duration>',
      summary: 'Time between two checks. The first check runs one interval after the container starts.',
      notes: ['Durations are written like `30s`, `1m30s`, `500ms`.'],
      default: '30s',
      anchor: 'healthcheck',
    },
    timeout: {
      syntax: '--timeout=<duration>',
      summary: 'How long one check may take; a check that runs longer is killed and counts as a failure.',
      notes: ['Keep it well below the interval, and make the command itself time out (e.g. `curl --max-time`).'],
      default: '30s',
      anchor: 'healthcheck',
    },
    'start-period': {
      syntax: '--start-period=<duration>',
      summary:
        'Start-up time for the container: failed checks in this period do not count towards `--retries`. A successful check ends the period early.',
      notes: [
        'Set it to how long the application may need to start, so a slow start does not mark the container unhealthy.',
      ],
      default: '0s',
      anchor: 'healthcheck',
    },
    'start-interval': {
      syntax: '--start-interval=<duration>',
      summary: 'Time between checks during the start period, so a container can report healthy soon after it is ready.',
      notes: ['Added in Dockerfile 1.6; the engine running the container needs Docker 25.0 or later.'],
      default: '5s',
      since: '1.6',
      anchor: 'healthcheck',
    },
    retries: {
      syntax: '--retries=<n>',
      summary: 'How many consecutive failed checks make the container `unhealthy`.',
      notes: [],
      default: '3',
      anchor: 'healthcheck',
    },
  },
};

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface MountTypeDoc {
  summary: string;
  notes: string[];
  /** Writable unless `ro` is given (cache, tmpfs), or read-only unless `rw` is given. */
  writableByDefault: boolean;
  anchor: string;
}

export const MOUNT_TYPES: Readonly<Record<MountType, MountTypeDoc>> = {
  bind: {
    summary:
      'Mounts files from the build context (by default), another stage, a named context or an image, for this step only.',
    notes: [
      'Read-only unless `rw` is given; writes are thrown away after the step.',
      'Lets a step use files (sources, a lock file) without a `COPY` layer that stays in the image.',
    ],
    writableByDefault: false,
    anchor: 'run---mounttypebind',
  },
  cache: {
    summary:
      'A directory the builder keeps between builds, for package manager and compiler caches (`/root/.cache/pip`, `/root/.npm`, `/var/cache/apt`, `/root/.cache/go-build`).',
    notes: [
      "Not part of the image, and a change in its contents does not invalidate the step's cache.",
      'It can be empty or pruned at any time and is shared with other builds: the step must work with any content.',
      'With a cache mount, flags like `--no-cache-dir` or `rm -rf` of the cache are no longer needed to keep the image small.',
    ],
    writableByDefault: true,
    anchor: 'run---mounttypecache',
  },
  tmpfs: {
    summary: 'An empty in-memory filesystem for this step; nothing written there reaches the layer.',
    notes: [],
    writableByDefault: true,
    anchor: 'run---mounttypetmpfs',
  },
  secret: {
    summary:
      'Gives this step a secret passed with `docker build --secret id=<id>,…`, as a file (by default `/run/secrets/<id>`) or as an environment variable (`env=`), without storing it in the image or its history.',
    notes: [
      'When the build does not pass the secret, the step runs without it unless `required=true`.',
      'The file belongs to root with mode `0400`: set `uid`/`mode` when a non-root `USER` must read it.',
      'This is the way to use tokens and keys while building; `ARG` and `ENV` values are visible in the image metadata.',
    ],
    writableByDefault: false,
    anchor: 'run---mounttypesecret',
  },
  ssh: {
    summary:
      'Forwards an SSH agent (or key) passed with `docker build --ssh default` to this step, so `git clone git@…` or `ssh` work without copying a private key into the image.',
    notes: [
      "The step also needs the host's key in `known_hosts` (e.g. `ssh-keyscan github.com >> ~/.ssh/known_hosts`).",
      'When the build does not pass the agent, the step runs without it unless `required=true`.',
    ],
    writableByDefault: false,
    anchor: 'run---mounttypessh',
  },
};

export interface MountOptionDoc {
  /** Other names BuildKit accepts for the option. */
  aliases: string[];
  /** What the option means for each mount type that accepts it. */
  byType: Partial<Record<MountType | 'any', string>>;
  /** Meanings of fixed values. */
  values?: Record<string, string>;
}

/** Mount options by their main name; `mountOptionDoc` also finds aliases. */
export const MOUNT_OPTIONS: Readonly<Record<string, MountOptionDoc>> = {
  type: {
    aliases: [],
    byType: { any: 'The kind of mount: `bind` (the default), `cache`, `tmpfs`, `secret` or `ssh`.' },
  },
  target: {
    aliases: ['dst', 'destination'],
    byType: {
      bind: "Where the files appear in the step's container (required).",
      cache:
        "The directory to cache, e.g. `/root/.cache/pip` (required). It is also the cache's id when `id` is not given.",
      tmpfs: 'Where the tmpfs is mounted (required).',
      secret: 'The file path of the secret. Default: `/run/secrets/<id>` (unless `env` is given).',
      ssh: 'The path of the agent socket. Default: `/run/buildkit/ssh_agent.<n>`.',
    },
  },
  source: {
    aliases: ['src'],
    byType: {
      bind: 'The path inside `from` (the build context by default) to mount. Default: its root.',
      cache: 'The path inside `from` to start the cache from. Default: its root.',
    },
  },
  from: {
    aliases: [],
    byType: {
      bind: 'A build stage, named context or image to mount from. Default: the build context. No variables here.',
      cache:
        'A build stage or image whose files the cache starts with. Default: an empty directory. No variables here.',
    },
  },
  ro: {
    aliases: ['readonly'],
    byType: { any: 'Mounts read-only (the default for `bind`, `secret` and `ssh`).' },
  },
  rw: {
    aliases: ['readwrite'],
    byType: {
      any: 'Mounts writable (the default for `cache` and `tmpfs`). For `bind` mounts, writes are thrown away after the step.',
    },
  },
  id: {
    aliases: [],
    byType: {
      cache:
        'Names the cache: mounts with the same id share it, also across Dockerfiles on the same builder. Default: the `target` path.',
      secret: 'The id given to `docker build --secret id=<id>`. Default: the file name of `target`.',
      ssh: 'The id given to `docker build --ssh <id>`. Default: `default`.',
    },
  },
  sharing: {
    aliases: [],
    byType: { cache: 'What happens when several builds use this cache at the same time. Default: `shared`.' },
    values: {
      shared: 'every build writes to the same cache at the same time (the default).',
      private: 'a build that finds the cache in use gets a new, separate cache.',
      locked:
        'a build waits until the other one releases the cache. Use it for tools that need exclusive access, like apt.',
    },
  },
  mode: {
    aliases: [],
    byType: {
      cache: 'Permissions (octal) of a new cache directory. Default: `0755`.',
      secret: 'Permissions (octal) of the secret file. Default: `0400`.',
      ssh: 'Permissions (octal) of the agent socket. Default: `0600`.',
    },
  },
  uid: {
    aliases: [],
    byType: {
      cache: 'Owner (user ID) of a new cache directory. Default: `0`.',
      secret:
        'Owner (user ID) of the secret file. Default: `0`, so a non-root `USER` needs this (or `mode`) to read it.',
      ssh: 'Owner (user ID) of the agent socket. Default: `0`.',
    },
  },
  gid: {
    aliases: [],
    byType: {
      cache: 'Group ID of a new cache directory. Default: `0`.',
      secret: 'Group ID of the secret file. Default: `0`.',
      ssh: 'Group ID of the agent socket. Default: `0`.',
    },
  },
  size: {
    aliases: [],
    byType: { tmpfs: 'The largest size the tmpfs may grow to.' },
  },
  required: {
    aliases: [],
    byType: {
      secret:
        'With `required` or `required=true` the step fails when the build does not pass the secret. Default: `false` (the step runs without it).',
      ssh: 'With `required` or `required=true` the step fails when the build does not pass an SSH agent or key. Default: `false`.',
    },
  },
  env: {
    aliases: [],
    byType: {
      secret:
        'Also (or, without `target`, only) exposes the secret as this environment variable of the step. Needs Dockerfile syntax 1.10 or later.',
    },
  },
};

const OPTION_BY_NAME = new Map<string, string>();
for (const [name, doc] of Object.entries(MOUNT_OPTIONS)) {
  OPTION_BY_NAME.set(name, name);
  for (const alias of doc.aliases) OPTION_BY_NAME.set(alias, name);
}

/** The documentation of a mount option, by its name or an alias (case-insensitive, as BuildKit reads them). */
export function mountOptionDoc(name: string): { name: string; doc: MountOptionDoc } | null {
  const main = OPTION_BY_NAME.get(name.toLowerCase());
  return main ? { name: main, doc: MOUNT_OPTIONS[main] } : null;
}

/** The flag documentation of an instruction's flag; flag names are matched case-insensitively. */
export function flagDoc(keyword: string, flag: string): FlagDoc | null {
  return FLAG_DOCS[keyword.toUpperCase()]?.[flag.toLowerCase()] ?? null;
}
