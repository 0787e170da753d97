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
