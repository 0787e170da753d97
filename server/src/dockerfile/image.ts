/** Image references: `[registry/]repository[:tag][@digest]`. */

export interface ImageReference {
  /** As written (after ARG substitution). */
  raw: string;
  /** Registry host when one is named (`ghcr.io`, `localhost:5000`), else null (Docker Hub). */
  registry: string | null;
  /** Repository path without registry (`library/nginx` is written `nginx`). */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return { raw, registry, repository: rest, tag, digest };
}

/** The repository's last path segment (`bitnami/redis` → `redis`). */
export function imageBaseName(image: ImageReference): string {
  const slash = image.repository.lastIndexOf('/');
  return (slash >= 0 ? image.repository.slice(slash + 1) : image.repository).toLowerCase();
}

/** What is wrong with an image reference, by distribution's grammar; `start`/`end` are offsets into the text. */
export interface ReferenceProblem {
  reason: string;
  start: number;
  end: number;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Why `ref` is not an image reference BuildKit can pull (distribution's
 * `ParseNormalizedNamed`), or null when it is one. Variables must be expanded first.
 */
export function imageReferenceProblem(ref: string): ReferenceProblem | null {
  if (ref === '') return { reason: 'the image name is empty', start: 0, end: 0 };
  let nameEnd = ref.length;
  const at = ref.indexOf('@');
  if (at >= 0) {
    nameEnd = at;
    const digest = ref.slice(at + 1);
    const parsed = DIGEST.exec(digest);
    if (!parsed)
      return {
        reason: `"@${digest}" is not a digest (write @sha256: and 64 hexadecimal digits)`,
        start: at,
        end: ref.length,
      };
    const length = DIGEST_LENGTHS[parsed[1]];
    if (length === undefined)
      return {
        reason: `"${parsed[1]}" is not a digest algorithm (use sha256)`,
        start: at + 1,
        end: at + 1 + parsed[1].length,
      };
    if (parsed[2].length !== length) {
      return {
        reason: `a ${parsed[1]} digest has ${length} hexadecimal digits, not ${parsed[2].length}`,
        start: at + 1 + parsed[1].length + 1,
        end: ref.length,
      };
    }
  }
  let name = ref.slice(0, nameEnd);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    const tag = name.slice(colon + 1);
    if (!TAG.test(tag)) {
      const reason =
        tag === ''
          ? 'the tag after ":" is empty'
          : tag.length > 128
            ? 'a tag has at most 128 characters'
            : `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", not starting with "." or "-")`;
      return { reason, start: tag === '' ? 0 : colon + 1, end: nameEnd };
    }
    name = name.slice(0, colon);
  }
  if (name === '') return { reason: 'the image name is empty', start: 0, end: nameEnd };
  if (name.length > 255) return { reason: 'an image name has at most 255 characters', start: 0, end: name.length };
  const parts = name.split('/');
  let first = 0;
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
    const domain = parts[0];
    const host = /^(.*?)(?::([0-9]+))?$/.exec(domain)!;
    const hostOk =
      /^\[[0-9a-fA-F:.]+\]$/.test(host[1]) ||
      (host[1] !== '' && host[1].split('.').every((c) => DOMAIN_COMPONENT.test(c)));
    if (!hostOk || domain.endsWith(':'))
      return { reason: `"${domain}" is not a valid registry host`, start: 0, end: domain.length };
    first = 1;
  }
  let offset = parts.slice(0, first).reduce((n, p) => n + p.length + 1, 0);
  for (let i = first; i < parts.length; i++) {
    const part = parts[i];
    if (!PATH_COMPONENT.test(part)) {
      const reason =
        /[A-Z]/.test(part) && PATH_COMPONENT.test(part.toLowerCase())
          ? 'repository names must be lower-case'
          : part === ''
            ? 'the repository name has an empty path component'
            : `"${part}" is not a valid repository name component`;
      return { reason, start: offset, end: offset + part.length };
    }
    offset += part.length + 1;
  }
  if (first === 0 && parts.length === 1 && /^[a-f0-9]{64}$/.test(name)) {
    return {
      reason: 'a 64-digit hexadecimal string is an image ID, not a repository name',
      start: 0,
      end: name.length,
    };
  }
  return null;
}
