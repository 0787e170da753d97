import { Range, TextEdit } from 'vscode-languageserver-types';
import { parseImageReference } from '../../dockerfile/image';
import { contentStart, findingRange } from '../../compose/entries';
import { isInterpolated, scalarText } from '../../compose/model';
import { pinTagFixes } from '../sharedFixes';
import { defineComposeRule, quotedList } from '../types';

/** A service whose image is unpinned: where to report it, and where its image value starts (null in a merged entry). */
interface Unpinned {
  service: string;
  range: Range;
  start: number | null;
}

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
    untagged:
      'Image "{image}" of service "{service}" has no tag, so it means "{image}:latest": pin a version such as "{image}:<version>".',
    moving: 'Tag "{tag}" of image "{image}" moves to each new release: pin a version instead.',
    untaggedShared:
      'Image "{image}" of services {services} has no tag, so it means "{image}:latest": pin a version such as "{image}:<version>".',
    movingShared:
      'Tag "{tag}" of image "{image}" (services {services}) moves to each new release: pin a version instead.',
  },
  docs: {
    flags: `A service \`image\` with no tag or digest, or with a tag that names a release channel (\`latest\`,
      \`stable\`, \`edge\`, \`nightly\`, \`dev\`, \`test\`, \`beta\`, \`canary\`, \`lts\`). Services that also have \`build\` are
      not flagged (their \`image\` names the image Compose builds), nor are interpolated images. For common
      official images the quick fix offers existing tags to choose from. Services that share such an image get
      one finding, at the first of them, naming them all; its fix pins every one.`,
    why: `Without a tag Compose pulls \`latest\`, which is whatever was pushed last: \`docker compose pull\` or
      a new machine silently gets a new major version, and two developers run different software from the same
      file. A version tag makes the stack repeatable; a digest (\`@sha256:…\`) makes it exact.`,
    bad: [
      {
        code: `services:
  cache:
    image: redis
`,
        fixed: `services:
  cache:
    image: redis:7.4
`,
        expect: [{ messageId: 'untagged', line: 3, column: 12, text: 'redis' }],
      },
      {
        code: `services:
  web:
    image: nginx:latest
`,
        fixed: `services:
  web:
    image: nginx:1.27
`,
        expect: [{ messageId: 'moving', line: 3, column: 12, text: 'nginx:latest' }],
      },
    ],
    good: [
      {
        code: `services:
  cache:
    image: memcached:1.6-alpine
  web:
    image: nginx@sha256:4c5e3f0e4a1b9c0d2e7f6a5b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d
`,
      },
      {
        caption: 'The image a service builds',
        code: `services:
  app:
    build: .
    image: example/app
    pull_policy: build
`,
      },
    ],
  },
  check(model, report) {
    // Services that share an unpinned image share one decision: one finding, at the first of them, whose fix pins them all.
    const groups = new Map<string, Unpinned[]>();
    for (const service of model.services) {
      const entry = service.entries.get('image');
      if (!entry || service.entries.has('build')) continue;
      const raw = scalarText(entry.value);
      if (raw === null || raw === '' || isInterpolated(raw)) continue;
      const image = parseImageReference(raw);
      if (image.digest) continue;
      const moving = image.tag !== null && MOVING_TAGS.has(image.tag.toLowerCase());
      if (image.tag !== null && !moving) continue;
      const range = findingRange(model, service, entry, entry.value);
      if (!range) continue;
      const start = entry.merged ? null : contentStart(model, entry.value);
      const group = groups.get(raw);
      const occurrence = { service: service.name, range, start };
      if (group) group.push(occurrence);
      else groups.set(raw, [occurrence]);
    }
    for (const [raw, occurrences] of groups) {
      const image = parseImageReference(raw);
      const tag = image.tag;
      const services = occurrences.map((o) => o.service);
      const shared = occurrences.length > 1;
      const data = { image: raw, service: services[0], services: quotedList(services), tag: tag ?? '' };
      const messageId = tag === null ? (shared ? 'untaggedShared' : 'untagged') : shared ? 'movingShared' : 'moving';
      // Where the new tag goes: after an untagged name, or over the moving tag.
      const at = (start: number) =>
        tag === null
          ? { from: start + raw.length, to: start + raw.length }
          : { from: start + raw.length - tag.length, to: start + raw.length };
      const editable = occurrences.filter((o): o is Unpinned & { start: number } => o.start !== null);
      const fixes =
        editable.length === 0
          ? undefined
          : () => {
              const edit = (o: { start: number }) => (text: string) =>
                TextEdit.replace(model.rangeOf(at(o.start).from, at(o.start).to), text);
              const proposals = pinTagFixes(image, edit(editable[0]), tag === null ? ':' : '');
              if (!shared) return proposals;
              // Several places: plain edits (a snippet fills one place only).
              return proposals.map((p) => ({
                title: `${p.title}, in ${editable.length === occurrences.length ? 'every' : editable.length} service${editable.length === 1 ? '' : 's'} using it`,
                safe: p.safe,
                edits: editable.map((o) => edit(o)(p.edits[0].newText)),
              }));
            };
      report({ messageId, data, range: occurrences[0].range, fixes });
    }
  },
});
