import { isMap, isScalar, isSeq } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'path';
import { appendToMap, insertionEdits } from '../../compose/insertions';
import { ComposeModel, ComposeService, scalarText } from '../../compose/model';
import { buildOf, composeFolder, imageOf, isRemoteContext } from '../../compose/references';
import { execFormText, healthcheckCommand } from '../../data/healthchecks';
import { imageBaseName, parseImageReference } from '../../dockerfile/image';
import { DockerfileModel } from '../../dockerfile/model';
import { defineComposeRule, FixProposal, RuleContext } from '../types';

type Health = 'defined' | 'disabled' | 'none' | 'image-unknown' | 'unknown';

/** Whether a Dockerfile defines a HEALTHCHECK (in any stage: we do not follow `target:`). */
function dockerfileHasHealthcheck(text: string): boolean {
  const model = new DockerfileModel(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text));
  return model.ast
    .getInstructions()
    .some((i) => i.getKeyword() === 'HEALTHCHECK' && i.getArguments()[0]?.getValue().toUpperCase() !== 'NONE');
}

/** What we know about the health check of the containers of a service. */
function healthOf(model: ComposeModel, service: ComposeService, context: RuleContext, depth = 0): Health {
  const healthcheck = service.entries.get('healthcheck');
  if (healthcheck) {
    const value = healthcheck.value;
    if (!isMap(value)) return 'defined';
    const entries = model.entriesOf(value);
    if (scalarText(entries.get('disable')?.value) === 'true') return 'disabled';
    const test = entries.get('test')?.value;
    const first = isSeq(test) ? scalarText(model.resolve(test.items[0])) : scalarText(test);
    if (first === 'NONE') return 'disabled';
    if (test !== undefined || value.items.length === 0) return 'defined';
    // Only timing options: the image's own HEALTHCHECK test is used.
  }
  const extended = service.entries.get('extends')?.value;
  if (extended) {
    const base = isScalar(extended)
      ? scalarText(extended)
      : isMap(extended) && !model.entriesOf(extended).has('file')
        ? scalarText(model.entriesOf(extended).get('service')?.value)
        : null;
    const target = base ? model.services.find((s) => s.name === base && s !== service) : undefined;
    if (!target || depth > 10) return 'unknown';
    const inherited = healthOf(model, target, context, depth + 1);
    if (inherited !== 'none' && inherited !== 'image-unknown') return inherited;
  }
  const build = buildOf(model, service);
  if (build) {
    const folder = composeFolder(model);
    if (!folder || !context.readFile || build.inline || build.context === null || isRemoteContext(build.context))
      return 'unknown';
    const contextDir = path.resolve(folder, build.context);
    const names =
      build.dockerfile !== null ? [build.dockerfile] : build.dockerfileNode ? [] : ['Dockerfile', 'Containerfile'];
    for (const name of names) {
      const text = context.readFile(path.resolve(contextDir, name));
      if (text !== null) return dockerfileHasHealthcheck(text) ? 'defined' : 'none';
    }
    return 'unknown';
  }
  const image = imageOf(service);
  if (!image) return 'unknown';
  // Docker's official images (no namespace) leave health checks to the user; other images may define one.
  const ref = parseImageReference(image);
  return (ref.registry === null || ref.registry === 'docker.io') &&
    !ref.repository.replace(/^library\//, '').includes('/')
    ? 'none'
    : 'image-unknown';
}

function healthcheckFix(model: ComposeModel, target: ComposeService): FixProposal[] {
  const image = imageOf(target);
  const command = image ? healthcheckCommand(imageBaseName(parseImageReference(image))) : null;
  if (!command || !target.map || target.entries.has('healthcheck')) return [];
  const lines = [
    'healthcheck:',
    `  test: ${execFormText(['CMD', ...command])}`,
    '  interval: 10s',
    '  timeout: 5s',
    '  retries: 5',
    '  start_period: 30s',
  ];
  const insertion = appendToMap(model, target.map, lines);
  return insertion
    ? [
        {
          title: `Add a healthcheck to "${target.name}" (${command[0]})`,
          safe: false,
          edits: insertionEdits(model, [insertion]),
        },
      ]
    : [];
}

export default defineComposeRule({
  id: 'compose-depends-on-healthcheck-missing',
  title: 'Waiting for a healthy service needs a health check on it',
  defaultSeverity: 'error',
  category: 'reliability',
  equivalents: [],
  lesson: 'compose',
  fix: 'unsafe',
  messages: {
    none: 'The service "{target}" has no healthcheck, so it never becomes healthy and "{service}" cannot start: add a healthcheck to "{target}".',
    disabled: 'The healthcheck of "{target}" is disabled, so it never becomes healthy and "{service}" cannot start.',
    imageUnknown:
      'The service "{target}" has no healthcheck in this file: unless its image "{image}" defines a HEALTHCHECK, "{service}" cannot start. Add a healthcheck to "{target}".',
    optionalNone:
      'The service "{target}" has no healthcheck, so it never becomes healthy: as the dependency is not required, Compose warns and starts "{service}" without waiting for it. Add a healthcheck to "{target}", or wait with condition: service_started.',
    optionalDisabled:
      'The healthcheck of "{target}" is disabled, so it never becomes healthy: as the dependency is not required, Compose warns and starts "{service}" without waiting for it.',
    optionalImageUnknown:
      'The service "{target}" has no healthcheck in this file: unless its image "{image}" defines a HEALTHCHECK, Compose warns (the dependency is not required) and starts "{service}" without waiting for it. Add a healthcheck to "{target}".',
  },
  docs: {
    flags: `\`depends_on\` with \`condition: service_healthy\` on a service that has no \`healthcheck:\` (its own,
      merged from an anchor, or inherited through \`extends\`), or whose health check is disabled. When the
      service builds its image, the Dockerfile is read for a \`HEALTHCHECK\` (in the editor and the CLI). For
      images outside Docker's official library, which may define a \`HEALTHCHECK\` of their own, and for a
      dependency marked \`required: false\`, the finding is one level milder.`,
    why: `Compose waits for the dependency to report "healthy" before it starts the dependent service. A
      container without a health check has no health status, so \`docker compose up\` fails with "container … has
      no healthcheck configured". With \`required: false\` Compose only logs a warning and starts the dependent
      service at once, so the wait promised by \`service_healthy\` never happens. Docker's official database
      images do not define one: the quick fix adds a check that uses the image's own client (\`pg_isready\`,
      \`redis-cli ping\`, \`mysqladmin ping\`, \`healthcheck.sh\`, \`mongosh\`).`,
    bad: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      cache:
        condition: service_healthy
  cache:
    image: redis:7.4
`,
        fixed: `services:
  web:
    image: example/web:2.1
    depends_on:
      cache:
        condition: service_healthy
  cache:
    image: redis:7.4
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 30s
`,
        expect: [{ messageId: 'none', line: 5, column: 7, text: 'cache' }],
      },
      {
        caption: 'An optional dependency: Compose warns and does not wait (reported one level milder)',
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      cache:
        condition: service_healthy
        required: false
  cache:
    image: memcached:1.6
`,
        expect: [{ messageId: 'optionalNone', line: 5, column: 7, text: 'cache' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      cache:
        condition: service_healthy
  cache:
    image: redis:7.4
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 10s
    volumes:
      - cache-data:/data
volumes:
  cache-data: {}
`,
      },
    ],
  },
  check(model, report, context) {
    for (const service of model.services) {
      const dependsOn = service.entries.get('depends_on');
      if (!dependsOn || !isMap(dependsOn.value)) continue;
      for (const [name, dependency] of model.entriesOf(dependsOn.value)) {
        if (!isMap(dependency.value)) continue;
        const options = model.entriesOf(dependency.value);
        if (scalarText(options.get('condition')?.value) !== 'service_healthy') continue;
        // Compose (waitDependencies) skips an optional dependency that cannot become healthy, with a warning.
        const optional = scalarText(options.get('required')?.value)?.toLowerCase() === 'false';
        const target = model.services.find((s) => s.name === name);
        if (!target) continue;
        const health = healthOf(model, target, context);
        if (health === 'defined' || health === 'unknown') continue;
        const range = model.rangeOfNode(dependsOn.merged ? service.key : dependency.key)!;
        const data = { service: service.name, target: name, image: imageOf(target) ?? '' };
        const kind = health === 'disabled' ? 'disabled' : health === 'image-unknown' ? 'imageUnknown' : 'none';
        const messageId = optional ? `optional${kind[0].toUpperCase()}${kind.slice(1)}` : kind;
        report({
          messageId,
          data,
          range,
          milder: health === 'image-unknown' || optional,
          fixes: () => healthcheckFix(model, target),
        });
      }
    }
  },
});
