/**
 * The predefined build arguments: the one list of their names, what they
 * hold (hovers and completion of `$TARGETARCH`, `$HTTP_PROXY` and friends),
 * and the platform values used to evaluate FROM lines without a build.
 * Checked against the Dockerfile reference ("Predefined ARGs", "Automatic
 * platform ARGs in the global scope").
 */

/** A platform argument: what it holds, and a typical valid value used when no build gives one. */
interface PlatformArg {
  doc: string;
  sample: string;
}

const PLATFORM: Readonly<Record<string, PlatformArg>> = {
  TARGETPLATFORM: {
    doc: 'The platform the image is built for, e.g. `linux/amd64`, `linux/arm64` or `linux/arm/v7` (set with `docker build --platform`).',
    sample: 'linux/amd64',
  },
  TARGETOS: { doc: 'The OS part of `TARGETPLATFORM`, e.g. `linux` or `windows`.', sample: 'linux' },
  TARGETARCH: { doc: 'The architecture part of `TARGETPLATFORM`, e.g. `amd64`, `arm64` or `arm`.', sample: 'amd64' },
  TARGETVARIANT: {
    doc: 'The variant part of `TARGETPLATFORM`, e.g. `v7` for `linux/arm/v7`; empty for most platforms.',
    sample: '',
  },
  BUILDPLATFORM: { doc: 'The platform of the machine running the build, e.g. `linux/amd64`.', sample: 'linux/amd64' },
  BUILDOS: { doc: 'The OS part of `BUILDPLATFORM`, e.g. `linux`.', sample: 'linux' },
  BUILDARCH: { doc: 'The architecture part of `BUILDPLATFORM`, e.g. `amd64` or `arm64`.', sample: 'amd64' },
  BUILDVARIANT: { doc: 'The variant part of `BUILDPLATFORM`; empty for most platforms.', sample: '' },
};

/** Predefined platform arguments: defined in the global scope (usable in FROM), not inside stages. */
export const PLATFORM_ARGS: readonly string[] = Object.keys(PLATFORM);

export const PLATFORM_ARG_DOCS: Readonly<Record<string, string>> = Object.fromEntries(
  PLATFORM_ARGS.map((name) => [name, PLATFORM[name].doc]),
);

/** Values used to evaluate FROM lines without a build: typical, valid platform values. */
export const PLATFORM_ARG_SAMPLES: Readonly<Record<string, string>> = Object.fromEntries(
  PLATFORM_ARGS.map((name) => [name, PLATFORM[name].sample]),
);

/** Predefined proxy arguments: passed with --build-arg without any ARG instruction. */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/** Arguments BuildKit reads itself and never reports as undefined. */
export const BUILDKIT_ARGS: readonly string[] = ['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE'];

export const PLATFORM_ARG_NOTE =
  'BuildKit sets it in the global scope: `FROM` lines can use it directly, but inside a stage it is only visible after `ARG <name>` (without a value) in that stage.';

export const PROXY_ARG_DOC =
  'A predefined proxy argument: `docker build --build-arg <name>=…` sets it for `RUN` steps without any `ARG` instruction. ' +
  'It is left out of `docker history` and does not invalidate the cache, unless the Dockerfile declares it with `ARG`.';
