import { parseImageReference } from '../../dockerfile/image';
import { fromReferences, resolveStageRef } from '../../dockerfile/stageRefs';
import { defineDockerfileRule } from '../types';

/** Docker Hub's names: an image without a registry comes from there. */
const DOCKER_HUB = ['docker.io', 'hub.docker.com'];

/** `*` allows all, `*.corp.example` a suffix, `registry.corp.*` a prefix; anything else must match exactly. */
function registryMatches(pattern: string, registry: string): boolean {
  const p = pattern.toLowerCase();
  const r = registry.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*')) return r.endsWith(p.slice(1));
  if (p.endsWith('*')) return r.startsWith(p.slice(0, -1));
  return p === r;
}

/** Null when the image comes from a trusted registry (or is `scratch`), else the registry it comes from. */
function untrustedRegistry(image: string, trusted: string[]): string | null {
  if (image.toLowerCase() === 'scratch') return null;
  const registry = parseImageReference(image).registry;
  const candidates = registry === null ? DOCKER_HUB : [registry];
  return trusted.some((pattern) => candidates.some((c) => registryMatches(pattern, c)))
    ? null
    : (registry ?? 'docker.io');
}

export default defineDockerfileRule({
  id: 'trusted-registry',
  title: 'Use images from trusted registries only',
  defaultSeverity: 'error',
  category: 'security',
  equivalents: [{ tool: 'hadolint', id: 'DL3026' }],
  lesson: 'registries-and-tags',
  fix: 'none',
  messages: {
    untrusted: 'Image "{image}" comes from {registry}, which is not in the trusted registries ({trusted}).',
  },
  docs: {
    flags: `With \`dockerCoach.trustedRegistries\` set: a \`FROM\` image, a \`COPY --from=<image>\` or a \`RUN
      --mount=…,from=<image>\` whose registry is not in the list. Images without a registry come from Docker Hub,
      allowed by \`docker.io\` or \`hub.docker.com\`. Entries may use \`*\` as a prefix or suffix wildcard
      (\`*.corp.example\`). Build stages, \`scratch\` and images given through unresolved variables are not checked;
      with an empty list the rule reports nothing.`,
    why: `A base image, or any image you copy files from, runs with the trust of your own code.
      Organisations often mirror audited images into their own registry and want builds to use only those
      copies: a \`FROM\` that reaches a public registry bypasses that review, and so does \`COPY --from=some/image\`
      or a mount from an image.`,
    bad: [
      {
        code: `FROM ghcr.io/acme/base:1.4
USER nobody
`,
        settings: { trustedRegistries: ['registry.corp.example'] },
        expect: [{ messageId: 'untrusted', line: 1, column: 6, text: 'ghcr.io/acme/base:1.4' }],
      },
      {
        caption: 'Docker Hub is not trusted here',
        code: `FROM registry.corp.example/alpine:3.20
COPY --from=busybox:1.36 /bin/busybox /bin/busybox
USER nobody
`,
        settings: { trustedRegistries: ['registry.corp.example'] },
        expect: [{ messageId: 'untrusted', line: 2, column: 13, text: 'busybox:1.36' }],
      },
    ],
    good: [
      {
        code: `FROM registry.corp.example/alpine:3.20 AS base
FROM base
USER nobody
`,
        settings: { trustedRegistries: ['registry.corp.example'] },
      },
      {
        caption: 'Docker Hub allowed explicitly',
        code: `FROM alpine:3.20
USER nobody
`,
        settings: { trustedRegistries: ['docker.io', '*.corp.example'] },
      },
    ],
  },
  check(model, report, context) {
    const trusted = context.settings.trustedRegistries ?? [];
    if (trusted.length === 0) return;
    const list = trusted.join(', ');
    const seenStages = new Set<string>();
    for (const stage of model.stages) {
      const image = stage.image;
      const range = stage.from.getImageRange();
      if (image && range && !stage.fromStage && !seenStages.has(image.raw.toLowerCase())) {
        const registry = untrustedRegistry(image.raw, trusted);
        if (registry !== null)
          report({ messageId: 'untrusted', data: { image: image.raw, registry, trusted: list }, range });
      }
      if (stage.name) seenStages.add(stage.name.toLowerCase());
    }
    for (const ref of fromReferences(model)) {
      const target = resolveStageRef(model, ref.name, ref.stage);
      if (target.kind !== 'image' && target.kind !== 'unknown') continue;
      const registry = untrustedRegistry(ref.name, trusted);
      if (registry !== null)
        report({ messageId: 'untrusted', data: { image: ref.name, registry, trusted: list }, range: ref.range });
    }
  },
});
