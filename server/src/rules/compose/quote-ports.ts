import { isScalar, isSeq, Scalar } from 'yaml';
import { findingRange } from '../../compose/entries';
import { defineComposeRule } from '../types';

export default defineComposeRule({
  id: 'quote-ports',
  title: 'Quote port mappings',
  defaultSeverity: 'warning',
  category: 'correctness',
  equivalents: [{ tool: 'dclint', id: 'require-quotes-in-ports' }],
  lesson: 'compose',
  fix: 'safe',
  messages: {
    unquoted: 'Quote the port mapping "{port}": unquoted, a YAML 1.1 parser reads values like 22:22 as a base-60 number.',
  },
  docs: {
    flags: 'An unquoted short-syntax port mapping that contains a colon (`- 8080:80`) in `ports`. Single and double quotes are both fine, and a lone port number needs no quotes (dclint, by default, also asks for quotes around those and in `expose`, and for single quotes only).',
    why: 'YAML 1.1 reads `xx:yy` with numbers below 60 as a sexagesimal (base-60) integer: `22:22` becomes 1342. Compose\'s own parser follows YAML 1.2 and keeps it a string, but other tools that read the same file (older docker-compose, linters, CI scripts, editors) may not. Quoting makes the value a string everywhere, which is why the Compose documentation writes ports quoted.',
    bad: [{ code: 'services:\n  ssh:\n    image: example/sshd:9.6\n    ports:\n      - 127.0.0.1:2222:22\n', fixed: 'services:\n  ssh:\n    image: example/sshd:9.6\n    ports:\n      - "127.0.0.1:2222:22"\n' }],
    good: [{ code: 'services:\n  ssh:\n    image: example/sshd:9.6\n    ports:\n      - "127.0.0.1:2222:22"\n      - \'127.0.0.1:8022:22\'\n' }],
  },
  check(model, report) {
    for (const service of model.services) {
      const entry = service.entries.get('ports');
      if (!entry || !isSeq(entry.value)) continue;
      for (const item of entry.value.items) {
        if (!isScalar(item) || item.type !== Scalar.PLAIN || typeof item.value !== 'string' || !item.value.includes(':') || !item.range) continue;
        const range = findingRange(model, service, entry, item);
        if (!range) continue;
        const [start, end] = item.range;
        const port = item.value;
        const safeToQuote = !/["\\]/.test(port) && model.text.slice(start, end) === port;
        report({
          messageId: 'unquoted',
          data: { port },
          range,
          fixes:
            entry.merged || !safeToQuote
              ? undefined
              : () => [{ title: 'Quote the port mapping', safe: true, preferred: true, edits: [{ range: model.rangeOf(start, end), newText: `"${port}"` }] }],
        });
      }
    }
  },
});
