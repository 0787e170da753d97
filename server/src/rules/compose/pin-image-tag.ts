import { TextEdit } from 'vscode-languageserver-types';
import { parseImageReference } from '../../dockerfile/image';
import { contentStart, findingRange } from '../../compose/entries';
import { isInterpolated, scalarText } from '../../compose/model';
import { pinTagFixes } from '../sharedFixes';
import { defineComposeRule } from '../types';

/** Tags that name a channel rather than a version: they move to new releases. */
const MOVING_TAGS = new Set(['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts']);

export default defineComposeRule({
  id: 'pin-image-tag',
  title: 'Pin service images to a version tag or digest',
  defaultSeverity: 'warning',
  category: 'reliability',
  equivalents: [
    { tool: 'dclint', id: 'service-image-require-explicit-tag' },
    { tool: 'compose-lint', id: 'CL-0004' },
  ],
  lesson: 'registries-and-tags',
  fix: 'unsafe',
  messages: {
    untagged: 'Image "{image}" of service "{service}" has no tag, so it means "{image}:latest": pin a version such as "{image}:<version>".',
    moving: 'Tag "{tag}" of image "{image}" moves to each new release: pin a version instead.',
  },
  docs: {
    flags: 'A service `image` with no tag or digest, or with a tag that names a release channel (`latest`, `stable`, `edge`, `nightly`, `dev`, `test`, `beta`, `canary`, `lts`). Services that also have `build` are not flagged (their `image` names the image Compose builds), nor are interpolated images. For common official images the quick fix offers existing tags to choose from.',
    why: 'Without a tag Compose pulls `latest`, which is whatever was pushed last: `docker compose pull` or a new machine silently gets a new major version, and two developers run different software from the same file. A version tag makes the stack repeatable; a digest (`@sha256:…`) makes it exact.',
    bad: [
      { code: 'services:\n  cache:\n    image: redis\n', fixed: 'services:\n  cache:\n    image: redis:7.4\n' },
      { code: 'services:\n  web:\n    image: nginx:latest\n', fixed: 'services:\n  web:\n    image: nginx:1.27\n' },
    ],
    good: [
      { code: 'services:\n  cache:\n    image: memcached:1.6-alpine\n  web:\n    image: nginx@sha256:4c5e3f0e4a1b9c0d2e7f6a5b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d\n' },
      { caption: 'The image a service builds', code: 'services:\n  app:\n    build: .\n    image: example/app\n    pull_policy: build\n' },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('image');
      if (!entry || service.entries.has('build')) continue;
      const raw = scalarText(entry.value);
      if (raw === null || raw === '' || isInterpolated(raw)) continue;
      const image = parseImageReference(raw);
      if (image.digest) continue;
      const range = findingRange(model, service, entry, entry.value);
      if (!range) continue;
      const start = entry.merged ? null : contentStart(model, entry.value);
      const pin = (at: number, length: number, prefix: string) => pinTagFixes(image, (text) => TextEdit.replace(model.rangeOf(at, at + length), text), prefix);
      if (image.tag === null) {
        report({ messageId: 'untagged', data: { image: raw, service: service.name }, range, fixes: start === null ? undefined : () => pin(start + raw.length, 0, ':') });
      } else if (MOVING_TAGS.has(image.tag.toLowerCase())) {
        const tag = image.tag;
        report({ messageId: 'moving', data: { image: raw, tag }, range, fixes: start === null ? undefined : () => pin(start + raw.length - tag.length, tag.length, '') });
      }
    }
  },
});
