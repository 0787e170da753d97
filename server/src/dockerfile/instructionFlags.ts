/**
 * The flags of Dockerfile instructions, the `RUN --mount` types and their
 * options, and the values worth offering for them: texts for completion (and
 * hovers), written for Docker Coach and checked against the Dockerfile
 * reference and BuildKit's instruction parser.
 */

export interface FlagDoc {
  /** Without the leading `--`. */
  name: string;
  /** Upper-case keywords of the instructions that accept it. */
  instructions: readonly string[];
  /** `bool` flags are written bare (`--link`); `value` flags as `--name=value`. */
  kind: 'bool' | 'value';
  /** May be given more than once (`--mount`, `--exclude`). */
  repeatable?: boolean;
  /** The value shape, for the item's detail: `<user>[:<group>]`. */
  syntax: string;
  /** Markdown. */
  doc: string;
  /** The snippet after `--name=` (with `${1…}` placeholders), when the flag takes a value. */
  snippet?: string;
}

export const FLAG_DOCS: readonly FlagDoc[] = [
  {
    name: 'platform',
    instructions: ['FROM'],
    kind: 'value',
    syntax: '--platform=<os>/<arch>[/<variant>]',
    doc:
      "Picks the variant of a multi-platform base image for this platform instead of the build's target platform.\n\n" +
      'Use `--platform=$BUILDPLATFORM` for stages that only run build tools (compilers, bundlers), so they run natively while you ' +
      'cross-build for other platforms. A fixed value such as `linux/amd64` is reported by BuildKit (FromPlatformFlagConstDisallowed).',
    snippet: '${1:\\$BUILDPLATFORM}',
  },
  {
    name: 'from',
    instructions: ['COPY'],
    kind: 'value',
    syntax: '--from=<stage|image|context>',
    doc:
      'Copies from an earlier build stage (its name or index), an image, or a named build context instead of the build context.\n\n' +
      'The heart of multi-stage builds: build in one stage, copy only the result into a small final stage.',
    snippet: '${1:stage}',
  },
  {
    name: 'chown',
    instructions: ['COPY', 'ADD'],
    kind: 'value',
    syntax: '--chown=<user>[:<group>]',
    doc:
      'Sets the owner of the copied files. Without it they belong to root (UID and GID 0).\n\n' +
      "Names are looked up in the image's `/etc/passwd` and `/etc/group`; numeric IDs need neither. A user without a group " +
      "also uses the user's numeric ID as the group. Files the application only reads are safer left owned by root: give " +
      'ownership only to what it must write.',
    snippet: '${1:user}:${2:group}',
  },
  {
    name: 'chmod',
    instructions: ['COPY', 'ADD'],
    kind: 'value',
    syntax: '--chmod=<perms>',
    doc:
      'Sets the permission bits of the copied files, in octal (`755`, `644`). Saves a `RUN chmod`, which would copy every file ' +
      'into a second layer.\n\nSymbolic values (`u+x`) need Dockerfile syntax 1.14 or newer.',
    snippet: '${1:644}',
  },
  {
    name: 'link',
    instructions: ['COPY', 'ADD'],
    kind: 'bool',
    syntax: '--link[=<boolean>]',
    doc:
      'Puts the copied files in a layer of their own that does not depend on the layers below. The copy stays cached when ' +
      'earlier instructions change, and BuildKit can move the image onto a new base without running the copy again.\n\n' +
      'The destination is not read first: symlinks in the destination path are not followed.',
  },
  {
    name: 'parents',
    instructions: ['COPY'],
    kind: 'bool',
    syntax: '--parents[=<boolean>]',
    doc:
      'Keeps the parent directories of the sources under the destination: `COPY --parents a/x.txt b/y.txt /dst/` creates ' +
      '`/dst/a/x.txt` and `/dst/b/y.txt`. A `./` inside a source path marks where the kept part starts.\n\n' +
      'Needs a recent Dockerfile frontend; older ones only had it in the `labs` syntax.',
  },
  {
    name: 'exclude',
    instructions: ['COPY', 'ADD'],
    kind: 'value',
    repeatable: true,
    syntax: '--exclude=<pattern>',
    doc:
      'Leaves out the source paths that match the pattern (wildcards allowed). Repeat the flag for several patterns.\n\n' +
      'Needs a recent Dockerfile frontend; older ones only had it in the `labs` syntax.',
    snippet: '${1:pattern}',
  },
  {
    name: 'keep-git-dir',
    instructions: ['ADD'],
    kind: 'bool',
    syntax: '--keep-git-dir[=<boolean>]',
    doc: 'When the source is a Git repository, keeps its `.git` directory, which `ADD` leaves out by default.',
  },
  {
    name: 'checksum',
    instructions: ['ADD'],
    kind: 'value',
    syntax: '--checksum=sha256:<hex>',
    doc:
      'Verifies a remote file against its digest: the build fails when the download does not match. Pins what an ' +
      '`ADD https://…` fetches, the way a digest pins a base image.',
    snippet: 'sha256:${1:digest}',
  },
  {
    name: 'unpack',
    instructions: ['ADD'],
    kind: 'bool',
    syntax: '--unpack[=<boolean>]',
    doc:
      'Whether a tar archive (also gzip, bzip2 or xz compressed) is extracted into the destination. Local archives are ' +
      'extracted by default and downloaded ones are not; `--unpack` extracts a download too, `--unpack=false` keeps a local ' +
      'archive as a file. Needs a recent Dockerfile frontend.',
  },
  {
    name: 'mount',
    instructions: ['RUN'],
    kind: 'value',
    repeatable: true,
    syntax: '--mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>…]',
    doc:
      'Mounts something into the filesystem for this one command only; nothing of it is stored in the layer.\n\n' +
      '- `cache`: a directory kept between builds (package manager caches)\n' +
      '- `secret`: a secret file or variable that never reaches the image\n' +
      '- `ssh`: the SSH agent of the machine running the build\n' +
      '- `bind`: files of the context or another stage, without copying them into a layer\n' +
      '- `tmpfs`: a scratch directory in memory',
    snippet: 'type=${1|cache,secret,bind,ssh,tmpfs|}',
  },
  {
    name: 'network',
    instructions: ['RUN'],
    kind: 'value',
    syntax: '--network=<default|none|host>',
    doc: "The network the command runs in: the build's default, `none` (no access at all), or the host's network (needs an entitlement).",
    snippet: '${1|none,default,host|}',
  },
  {
    name: 'security',
    instructions: ['RUN'],
    kind: 'value',
    syntax: '--security=<sandbox|insecure>',
    doc:
      'Runs the command in the usual sandbox (the default) or, with `insecure`, with elevated privileges like `docker run ' +
      '--privileged`. Older Dockerfile frontends only had it in the `labs` syntax.',
    snippet: '${1|insecure,sandbox|}',
  },
  {
    name: 'device',
    instructions: ['RUN'],
    kind: 'value',
    repeatable: true,
    syntax: '--device=<name>[,required]',
    doc:
      'Makes a CDI device (a GPU, for instance) available to this command. `required` fails the build when the device is missing. ' +
      'Needs BuildKit 0.20 or newer and the `device` entitlement.',
    snippet: '${1:vendor.com/device=name}',
  },
  {
    name: 'interval',
    instructions: ['HEALTHCHECK'],
    kind: 'value',
    syntax: '--interval=<duration>',
    doc: 'Time between two checks, counted from the end of the previous one. The first check runs one interval after the container starts. Default `30s`.',
    snippet: '${1:30s}',
  },
  {
    name: 'timeout',
    instructions: ['HEALTHCHECK'],
    kind: 'value',
    syntax: '--timeout=<duration>',
    doc: 'A check that takes longer than this counts as failed. Default `30s`; a few seconds is usually plenty for a local HTTP probe.',
    snippet: '${1:5s}',
  },
  {
    name: 'start-period',
    instructions: ['HEALTHCHECK'],
    kind: 'value',
    syntax: '--start-period=<duration>',
    doc:
      'Start-up time: failed checks in this period do not count towards `--retries`, but the first success marks the container ' +
      'healthy. Default `0s`.',
    snippet: '${1:10s}',
  },
  {
    name: 'start-interval',
    instructions: ['HEALTHCHECK'],
    kind: 'value',
    syntax: '--start-interval=<duration>',
    doc: 'Time between checks during the start period, so a fast-starting service turns healthy sooner. Default `5s`; needs Docker Engine 25.0 or newer.',
    snippet: '${1:2s}',
  },
  {
    name: 'retries',
    instructions: ['HEALTHCHECK'],
    kind: 'value',
    syntax: '--retries=<n>',
    doc: 'How many consecutive failed checks make the container `unhealthy`. Default `3`.',
    snippet: '${1:3}',
  },
];

/** A value to offer after `--<flag>=` or `<option>=`: the value and what it means (markdown). */
export interface ValueDoc {
  value: string;
  doc: string;
}

const DURATION_UNITS = 'A Go duration: a number with a unit, `ms`, `s`, `m` or `h` (`1m30s`).';

export const FLAG_VALUES: Readonly<Record<string, readonly ValueDoc[]>> = {
  platform: [
    {
      value: '$BUILDPLATFORM',
      doc: 'The platform of the machine running the build: build tools run natively, without emulation.',
    },
    {
      value: 'linux/amd64',
      doc: 'Always the 64-bit x86 variant, whatever the build targets (BuildKit reports a constant platform).',
    },
    {
      value: 'linux/arm64',
      doc: 'Always the 64-bit Arm variant, whatever the build targets (BuildKit reports a constant platform).',
    },
  ],
  network: [
    {
      value: 'none',
      doc: 'No network at all (only loopback). Proves the step uses nothing but what earlier steps fetched.',
    },
    { value: 'default', doc: "The build's default network, the same as leaving the flag out." },
    {
      value: 'host',
      doc: "The host's network stack. Needs the `network.host` entitlement: allowed by the builder and requested with `docker buildx build --allow network.host`.",
    },
  ],
  security: [
    {
      value: 'insecure',
      doc:
        'Runs the command without the sandbox, with privileges like `docker run --privileged`. Needs the `security.insecure` ' +
        'entitlement: allowed by the builder and requested with `docker buildx build --allow security.insecure`.',
    },
    { value: 'sandbox', doc: 'The default sandbox; writing it changes nothing.' },
  ],
  chmod: [
    {
      value: '755',
      doc: '`rwxr-xr-x`: the owner may change it, everybody may read and run it. Scripts, binaries, directories.',
    },
    { value: '644', doc: '`rw-r--r--`: the owner may change it, everybody may read it. Ordinary files.' },
    {
      value: '555',
      doc: '`r-xr-xr-x`: everybody may read and run it, nobody may change it. Binaries the application must not overwrite.',
    },
    { value: '444', doc: '`r--r--r--`: read-only for everybody. Configuration the application must not change.' },
    { value: '600', doc: '`rw-------`: only the owner may read and change it. Give the owner with `--chown`.' },
  ],
  link: [
    { value: 'true', doc: 'The same as a bare `--link`.' },
    { value: 'false', doc: 'The default: the copy is applied on top of the previous layer.' },
  ],
  parents: [
    { value: 'true', doc: 'The same as a bare `--parents`.' },
    { value: 'false', doc: 'The default: only the last path element is kept.' },
  ],
  unpack: [
    { value: 'true', doc: 'Extract the archive, downloaded ones too.' },
    { value: 'false', doc: 'Keep the archive as a file, local ones too.' },
  ],
  'keep-git-dir': [
    { value: 'true', doc: 'Keep the `.git` directory.' },
    { value: 'false', doc: 'The default: leave `.git` out.' },
  ],
  interval: [
    { value: '30s', doc: `The default. ${DURATION_UNITS}` },
    { value: '10s', doc: `Notices failures sooner, at the cost of more checks. ${DURATION_UNITS}` },
    { value: '1m', doc: `For checks that are expensive. ${DURATION_UNITS}` },
    { value: '5m', doc: `For slow-changing services. ${DURATION_UNITS}` },
  ],
  timeout: [
    { value: '5s', doc: `Enough for a local HTTP probe. ${DURATION_UNITS}` },
    { value: '3s', doc: `A tight limit for a quick probe. ${DURATION_UNITS}` },
    { value: '10s', doc: DURATION_UNITS },
    { value: '30s', doc: `The default. ${DURATION_UNITS}` },
  ],
  'start-period': [
    { value: '10s', doc: `For services that start in a few seconds. ${DURATION_UNITS}` },
    { value: '30s', doc: DURATION_UNITS },
    { value: '1m', doc: `For slow starters (JVM applications, databases). ${DURATION_UNITS}` },
    { value: '0s', doc: `The default: no grace period. ${DURATION_UNITS}` },
  ],
  'start-interval': [
    { value: '5s', doc: `The default. ${DURATION_UNITS}` },
    { value: '2s', doc: DURATION_UNITS },
    { value: '1s', doc: DURATION_UNITS },
  ],
  retries: [
    { value: '3', doc: 'The default.' },
    { value: '5', doc: 'More tolerant of a single slow answer.' },
  ],
};

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export const MOUNT_TYPES: Readonly<Record<MountType, string>> = {
  cache:
    'A directory kept between builds, for package manager and compiler caches: `npm`, `pip`, `apt`, `go` reuse their downloads ' +
    'even when the layer is rebuilt. Not part of the image.',
  secret:
    'A secret passed with `docker build --secret id=<id>,src=<file>` (or `env=<VAR>`), readable by this command only. It is never ' +
    'written to a layer or the build history. By default the file is `/run/secrets/<id>`.',
  bind:
    'Files from the build context, another stage or an image, visible to this command without copying them into a layer. ' +
    'Read-only by default.',
  ssh:
    'The SSH agent of the machine running the build (`docker build --ssh default`), for `git clone` of private repositories. ' +
    '`SSH_AUTH_SOCK` is set for the command; no key ends up in the image.',
  tmpfs: 'An empty directory in memory for this command, for scratch files that must not end up in the layer.',
};

export interface MountOptionDoc {
  name: string;
  /** Bare options (`readonly`, `required`) need no value. */
  bare?: boolean;
  /** Other spellings BuildKit accepts. */
  aliases?: readonly string[];
  doc: string;
  values?: readonly ValueDoc[];
}

const TARGET = (what: string): MountOptionDoc => ({ name: 'target', aliases: ['dst', 'destination'], doc: what });
const BOOLEAN = (yes: string): ValueDoc[] => [
  { value: 'true', doc: yes },
  { value: 'false', doc: 'The default.' },
];
const UID = (what: string): MountOptionDoc => ({ name: 'uid', doc: `User ID owning the ${what}. Default \`0\`.` });
const GID = (what: string): MountOptionDoc => ({ name: 'gid', doc: `Group ID owning the ${what}. Default \`0\`.` });

/** The options of each mount type, in the order worth offering them. */
export const MOUNT_OPTIONS: Readonly<Record<MountType, readonly MountOptionDoc[]>> = {
  bind: [
    TARGET('Where the files appear for the command. Required.'),
    { name: 'source', aliases: ['src'], doc: 'The path inside `from` to mount. Default: its root.' },
    { name: 'from', doc: 'A build stage, image or named context to mount from. Default: the build context.' },
    {
      name: 'readonly',
      bare: true,
      aliases: ['ro'],
      doc: 'Mount read-only, which bind mounts already are by default.',
    },
    {
      name: 'rw',
      bare: true,
      aliases: ['readwrite'],
      doc: 'Allow writes. They are thrown away after the command; nothing reaches the layer or the source.',
    },
  ],
  cache: [
    TARGET('Where the cache directory appears for the command, e.g. `/root/.cache/pip`. Required.'),
    { name: 'id', doc: 'Names the cache, so different instructions or stages can share it. Default: the target path.' },
    {
      name: 'sharing',
      doc: 'What happens when builds running at the same time use the cache. Default `shared`.',
      values: [
        {
          value: 'shared',
          doc: 'The default: every writer uses the same cache at once. Fine for caches that handle concurrency.',
        },
        { value: 'private', doc: 'A writer that finds the cache in use gets a new, empty one.' },
        {
          value: 'locked',
          doc: 'A writer waits until the other one is done. Right for `apt`, whose cache directories do not tolerate two users.',
        },
      ],
    },
    { name: 'from', doc: 'A build stage, image or context whose files seed the cache. Default: an empty directory.' },
    { name: 'source', aliases: ['src'], doc: 'The path inside `from` to start from. Default: its root.' },
    { name: 'mode', doc: 'Permission bits of a new cache directory, in octal. Default `0755`.' },
    UID('cache directory'),
    GID('cache directory'),
    { name: 'readonly', bare: true, aliases: ['ro'], doc: 'Use the cache without writing to it.' },
  ],
  tmpfs: [
    TARGET('Where the in-memory directory appears for the command. Required.'),
    { name: 'size', doc: 'The most it may hold, in bytes or with a unit (`64m`, `1g`). Default: no limit.' },
  ],
  secret: [
    { name: 'id', doc: 'The id given to `docker build --secret id=…`. Default: the file name of `target`.' },
    TARGET('The file the secret appears as. Default `/run/secrets/<id>`.'),
    {
      name: 'env',
      doc: 'Also (or, without `target`, only) expose the secret as this environment variable of the command. Needs Dockerfile syntax 1.10 or newer.',
    },
    {
      name: 'required',
      bare: true,
      doc: 'Fail the build when the secret is not given, instead of running the command without it.',
      values: BOOLEAN('Fail when the secret is missing.'),
    },
    { name: 'mode', doc: 'Permission bits of the secret file, in octal. Default `0400`.' },
    UID('secret file'),
    GID('secret file'),
  ],
  ssh: [
    { name: 'id', doc: 'Which agent or key of `docker build --ssh <id>=…` to forward. Default `default`.' },
    TARGET('The path of the agent socket. Default `/run/buildkit/ssh_agent.<N>`; `SSH_AUTH_SOCK` points to it.'),
    {
      name: 'required',
      bare: true,
      doc: 'Fail the build when no agent is forwarded, instead of running the command without it.',
      values: BOOLEAN('Fail when no agent is forwarded.'),
    },
    { name: 'mode', doc: 'Permission bits of the socket, in octal. Default `0600`.' },
    UID('socket'),
    GID('socket'),
  ],
};
