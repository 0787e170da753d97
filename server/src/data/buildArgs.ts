/**
 * What the predefined build arguments hold, for hovers on `$TARGETARCH`,
 * `$HTTP_PROXY` and friends. Checked against the Dockerfile reference
 * ("Predefined ARGs", "Automatic platform ARGs in the global scope").
 */

export const PLATFORM_ARG_DOCS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'The platform the image is built for, e.g. `linux/amd64`, `linux/arm64` or `linux/arm/v7` (set with `docker build --platform`).',
  TARGETOS: 'The OS part of `TARGETPLATFORM`, e.g. `linux` or `windows`.',
  TARGETARCH: 'The architecture part of `TARGETPLATFORM`, e.g. `amd64`, `arm64` or `arm`.',
  TARGETVARIANT: 'The variant part of `TARGETPLATFORM`, e.g. `v7` for `linux/arm/v7`; empty for most platforms.',
  BUILDPLATFORM: 'The platform of the machine running the build, e.g. `linux/amd64`.',
  BUILDOS: 'The OS part of `BUILDPLATFORM`, e.g. `linux`.',
  BUILDARCH: 'The architecture part of `BUILDPLATFORM`, e.g. `amd64` or `arm64`.',
  BUILDVARIANT: 'The variant part of `BUILDPLATFORM`; empty for most platforms.',
};

export const PLATFORM_ARG_NOTE =
  'BuildKit sets it in the global scope: `FROM` lines can use it directly, but inside a stage it is only visible after `ARG <name>` (without a value) in that stage.';

export const PROXY_ARG_DOC =
  'A predefined proxy argument: `docker build --build-arg <name>=…` sets it for `RUN` steps without any `ARG` instruction. ' +
  'It is left out of `docker history` and does not invalidate the cache, unless the Dockerfile declares it with `ARG`.';
