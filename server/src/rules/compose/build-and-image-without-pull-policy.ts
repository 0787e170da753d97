import { appendKey, findingRange } from '../../compose/entries';
import { scalarText } from '../../compose/model';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'build-and-image-without-pull-policy',
  title: 'Set pull_policy when a service has both build and image',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'no-build-and-image' }],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    ambiguous:
      'Service "{service}" has both `build` and `image`: Compose runs "{image}" from the local cache or the registry when it finds one there, and builds only when it does not. Add `pull_policy: build` to always build it (or remove `build` to always pull).',
  },
  docs: {
    flags: `A service with both \`build\` and \`image\` and no \`pull_policy\`.`,
    why: `With both keys, \`image\` is the name Compose gives the image it builds, and the one \`docker compose
      push\` uploads. But without a \`pull_policy\`, \`docker compose up\` first looks for an image of that name
      locally and then in the registry, and builds only when neither has it: an older push or someone else's
      image of the same name on Docker Hub runs instead of your current code. \`pull_policy: build\` makes the
      intent explicit: always build, never pull.`,
    bad: [
      {
        code: `services:
  app:
    build: .
    image: example/app:1.0
`,
        fixed: `services:
  app:
    build: .
    image: example/app:1.0
    pull_policy: build
`,
        expect: [{ messageId: 'ambiguous', line: 3, column: 5, text: 'build' }],
      },
    ],
    good: [
      {
        code: `services:
  app:
    build: .
    image: example/app:1.0
    pull_policy: build
`,
      },
      {
        caption: 'Build only; Compose names the image after the project',
        code: `services:
  app:
    build: .
`,
      },
    ],
  },
  check(model, report) {
    for (const service of model.services) {
      const build = service.entries.get('build');
      const image = service.entries.get('image');
      if (!build || !image || service.entries.has('pull_policy')) continue;
      const range = findingRange(model, service, build, build.key);
      if (!range) continue;
      report({
        messageId: 'ambiguous',
        data: { service: service.name, image: scalarText(image.value) ?? '' },
        range,
        fixes: () => {
          const edit = appendKey(model, service.map, 'pull_policy: build');
          return edit ? [{ title: 'Add "pull_policy: build"', safe: false, edits: [edit] }] : [];
        },
      });
    }
  },
});
