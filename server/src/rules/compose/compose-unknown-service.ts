import { TextEdit } from 'vscode-languageserver-types';
import { hasIncludes, referenceRange, referencesOf } from '../../compose/references';
import { closestMatch } from '../../util/distance';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'compose-unknown-service',
  title: 'Services named in depends_on, links and extends must exist',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    unknown: 'There is no service "{name}" in this file ({via}), so Compose refuses it.',
    didYouMean: 'There is no service "{name}" in this file ({via}): did you mean "{suggestion}"?',
  },
  docs: {
    flags: 'A service named in `depends_on`, `links`, `extends` (without `file:`), `volumes_from`, or a `service:` value of `network_mode`/`pid`/`ipc` that the file does not define. `depends_on` entries with `required: false` and files that `include:` other compose files or are probably combined with another one (`compose.override.yaml`, `docker-compose.prod.yml`) are not reported.',
    why: 'Compose checks these names before starting anything and stops with "depends on undefined service". The quick fix offers the closest service name.',
    bad: [
      {
        code: 'services:\n  web:\n    image: example/web:2.1\n    depends_on:\n      - api\n  apis:\n    image: example/api:1.4\n',
        fixed: 'services:\n  web:\n    image: example/web:2.1\n    depends_on:\n      - apis\n  apis:\n    image: example/api:1.4\n',
      },
      { code: 'services:\n  worker:\n    extends: base\n    command: ["worker"]\n' },
    ],
    good: [{ code: 'services:\n  web:\n    image: example/web:2.1\n    depends_on:\n      api:\n        condition: service_started\n  api:\n    image: example/api:1.4\n' }],
  },
  check(model, report) {
    if (hasIncludes(model)) return;
    const names = model.services.map((s) => s.name);
    const defined = new Set(names);
    for (const ref of referencesOf(model, 'services')) {
      if (defined.has(ref.name) || ref.optional) continue;
      const suggestion = closestMatch(ref.name, names.filter((n) => n !== ref.service.name));
      const span = ref.span;
      report({
        messageId: suggestion ? 'didYouMean' : 'unknown',
        data: { name: ref.name, via: ref.via, suggestion: suggestion ?? '' },
        range: referenceRange(model, ref),
        fixes: () => (suggestion && span && !ref.merged ? [{ title: `Change to "${suggestion}"`, safe: false, edits: [TextEdit.replace(model.rangeOf(span.start, span.end), suggestion)] }] : []),
      });
    }
  },
});
