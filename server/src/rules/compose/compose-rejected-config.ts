import { isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import { environmentVariables, findingRange } from '../../compose/entries';
import { isPartialFile, Reference, referenceRange, referencesOf } from '../../compose/references';
import { ComposeModel, RESOURCE_KIND, RESOURCE_SECTIONS, Entry, isInterpolated, scalarText } from '../../compose/model';
import { defineComposeRule, Report } from '../types';

export default defineComposeRule({
  id: 'compose-rejected-config',
  title: 'Compose accepts the combination of keys',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    externalWith:
      '`{key}` cannot be set on the external {kind} "{name}": Compose only looks up an external {kind}, it creates nothing, so it rejects the file. Remove `{key}`, or `external`.',
    externalNames:
      '`external.name` and `name` both name the external {kind} "{name}": Compose rejects the file. Keep only `name` (`external.name` is the old form).',
    bindWithoutSource: 'A bind mount needs a `source`, the host path to mount: Compose rejects the file without one.',
    networkModeAndNetworks:
      'Service "{service}" sets both `network_mode` and `networks`: Compose rejects the file, as a service either joins networks or takes another network stack. Remove one of them.',
    deviceCount: '`count` must be a number or "all", not `{value}`: Compose rejects the file.',
    countAndIds:
      'A device request takes `count` or `device_ids`, not both: Compose rejects the file. Remove one of them.',
    dependencyCycle:
      'Service "{service}" depends on "{dependency}", which leads back to it ({path}): Compose rejects a dependency cycle, as no service could start first. Remove one of the dependencies.',
    dependsOnItself:
      'Service "{service}" depends on itself: Compose rejects the file, as a dependency cycle leaves no service to start first. Remove "{service}" from its `depends_on`.',
    secretWithoutSource:
      'Secret "{name}" has neither `file` nor `environment`: Compose rejects the file, as it has nothing to read the secret from. Add one of them, or `external: true` for a secret that already exists.',
    envTrailingSpace:
      'The variable name "{name}" ends with a space: Compose rejects the file. Remove the space before `=`.',
    nothingToRun:
      'Service "{service}" has neither `image` nor `build`: Compose rejects the project ("has neither an image nor a build context specified"), as there is nothing to run. Add `image:` with the image to run, or `build:` with the folder to build it from.',
    nonStringKey:
      '`{key}` is read as a {type}, not a name: Compose rejects keys that are not strings {where}. Quote it ("{key}").',
  },
  docs: {
    flags: `What Docker Compose's loader rejects although the JSON schema allows it: an external network,
      volume, secret or config with other keys than \`name\` (and \`x-\` extensions), or with both \`name\` and
      \`external.name\`; a long-syntax bind mount (\`type: bind\`) without \`source\`; a service with both
      \`network_mode\` and \`networks\`; a device request whose \`count\` is neither a number nor \`all\`, or that has
      both \`count\` and \`device_ids\`; keys that YAML reads as numbers, booleans or null under \`services\` or in an
      \`environment\` mapping; an \`environment\` variable whose name ends with a space (\`- DEBUG = 1\`); services
      whose \`depends_on\` form a cycle (or name the service itself); a secret with neither \`file\`, \`environment\`
      nor \`external\`, and a service with neither \`image\` nor \`build\` (neither judged in override files, which
      the base file may complete, nor for a service that \`extends\` another or is run by a \`provider\`). Values
      taken from the environment (\`\${VAR}\`) are not judged.`,
    why: `Compose validates the file against its schema, then its loader checks these rules and stops at the
      first one broken, with an error that names a path rather than a line. The schema alone cannot express
      them, so an editor that only checks the schema lets the file through until \`docker compose up\` fails.`,
    bad: [
      {
        caption: 'An external network with a driver',
        code: `services:
  web:
    image: nginx:1.27
    networks: [edge]
networks:
  edge:
    external: true
    driver: overlay
`,
        expect: [{ messageId: 'externalWith', line: 8, column: 5, text: 'driver' }],
      },
      {
        caption: 'Both network_mode and networks',
        code: `services:
  web:
    image: nginx:1.27
    network_mode: host
    networks: [backend]
networks:
  backend: {}
`,
        expect: [{ messageId: 'networkModeAndNetworks', line: 5, column: 5, text: 'networks' }],
      },
      {
        caption: 'A service with nothing to run',
        code: `services:
  web:
    ports: ["8080:80"]
`,
        expect: [{ messageId: 'nothingToRun', line: 2, column: 3, text: 'web' }],
      },
      {
        caption: 'A bind mount without a source',
        code: `services:
  web:
    image: nginx:1.27
    volumes:
      - type: bind
        target: /usr/share/nginx/html
`,
        expect: [{ messageId: 'bindWithoutSource', line: 5, column: 15, text: 'bind' }],
      },
      {
        caption: 'A device count that is not a number',
        code: `services:
  trainer:
    image: example/trainer:2.1
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: two
              capabilities: [gpu]
`,
        expect: [{ messageId: 'deviceCount', line: 9, column: 22, text: 'two' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: nginx:1.27
    networks: [edge]
    volumes:
      - type: bind
        source: ./site
        target: /usr/share/nginx/html
    environment:
      "1": one
networks:
  edge:
    external: true
    name: shared-edge
`,
      },
    ],
  },
  check(model, report) {
    checkExternals(model, report);
    checkServiceKeys(model, report);
    checkDependencyCycles(model, report);
    checkSecretSources(model, report);
    checkImageOrBuild(model, report);
    for (const service of model.services) {
      const networkMode = service.entries.get('network_mode');
      const networks = service.entries.get('networks');
      if (networkMode && networks && scalarText(networkMode.value) !== null && networks.value !== null) {
        const range = findingRange(model, service, networks, networks.key);
        if (range) report({ messageId: 'networkModeAndNetworks', data: { service: service.name }, range });
      }
      const volumes = service.entries.get('volumes')?.value;
      if (isSeq(volumes)) {
        for (const item of volumes.items) {
          const mount = model.resolve(item);
          if (!isMap(mount)) continue;
          const entries = model.entriesOf(mount);
          const type = entries.get('type');
          if (!type || scalarText(type.value) !== 'bind' || entries.has('source')) continue;
          const range = model.rangeOfNode(type.merged ? mount : type.value);
          if (range) report({ messageId: 'bindWithoutSource', range });
        }
      }
      const environment = service.entries.get('environment');
      if (environment && !environment.merged && isMap(environment.value))
        nonStringKeys(model, environment.value, `in the environment of service "${service.name}"`, report);
      if (environment && !environment.merged) {
        for (const variable of environmentVariables(model, service)) {
          if (!variable.name.endsWith(' ') || isInterpolated(variable.name)) continue;
          const range = model.rangeOfNode(variable.node);
          if (range) report({ messageId: 'envTrailingSpace', data: { name: variable.name }, range });
        }
      }
      checkDevices(model, service.entries.get('deploy'), report);
    }
  },
});

function checkExternals(model: ComposeModel, report: Report): void {
  for (const section of RESOURCE_SECTIONS) {
    for (const definition of model.definitions(section)) {
      if (!isMap(definition.value)) continue;
      const entries = model.entriesOf(definition.value);
      const external = entries.get('external');
      if (!external) continue;
      const externalValue = external.value;
      const legacyName = isMap(externalValue) ? model.entriesOf(externalValue).get('name') : undefined;
      const isExternal = isScalar(externalValue) ? externalValue.value === true : isMap(externalValue);
      if (!isExternal) continue;
      const kind = RESOURCE_KIND[section];
      for (const [key, entry] of entries) {
        if (key === 'name' || key === 'external' || key.startsWith('x-')) continue;
        const range = model.rangeOfNode(entry.merged ? definition.key : entry.key);
        if (range) report({ messageId: 'externalWith', data: { key, kind, name: definition.name }, range });
      }
      if (legacyName && entries.has('name')) {
        const range = model.rangeOfNode(legacyName.key);
        if (range) report({ messageId: 'externalNames', data: { kind, name: definition.name }, range });
      }
    }
  }
}

function checkServiceKeys(model: ComposeModel, report: Report): void {
  const section = model.resolve(model.topLevelPair('services')?.value);
  if (isMap(section)) nonStringKeys(model, section, 'under `services`', report);
}

/** Keys YAML reads as a number, a boolean or null: Compose wants names there. */
function nonStringKeys(model: ComposeModel, map: YAMLMap, where: string, report: Report): void {
  for (const pair of map.items) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value === 'string' || key.value === undefined) continue;
    const type =
      key.value === null
        ? 'null'
        : typeof key.value === 'boolean'
          ? 'boolean'
          : typeof key.value === 'number' || typeof key.value === 'bigint'
            ? 'number'
            : null;
    if (!type) continue;
    const range = model.rangeOfNode(key);
    if (range)
      report({
        messageId: 'nonStringKey',
        data: { key: key.range ? model.text.slice(key.range[0], key.range[1]) : String(key.value), type, where },
        range,
      });
  }
}

function checkDevices(model: ComposeModel, deploy: Entry | undefined, report: Report): void {
  let node = deploy?.value ?? null;
  for (const key of ['resources', 'reservations', 'devices']) {
    if (!isMap(node)) return;
    node = model.entriesOf(node).get(key)?.value ?? null;
  }
  if (!isSeq(node)) return;
  for (const item of node.items) {
    const device = model.resolve(item);
    if (!isMap(device)) continue;
    const entries = model.entriesOf(device);
    const count = entries.get('count');
    if (count && isScalar(count.value) && typeof count.value.value === 'string') {
      const value = count.value.value;
      if (value !== 'all' && !/^-?\d+$/.test(value) && !isInterpolated(value)) {
        const range = model.rangeOfNode(count.value);
        if (range) report({ messageId: 'deviceCount', data: { value }, range });
      }
    }
    const ids = entries.get('device_ids');
    if (count && ids && !ids.merged) {
      const range = model.rangeOfNode(ids.key);
      if (range) report({ messageId: 'countAndIds', range });
    }
  }
}

/** `depends_on` edges that lie on a cycle (a service reaching itself), each with the path back. */
function checkDependencyCycles(model: ComposeModel, report: Report): void {
  const edges = new Map<string, Reference[]>();
  for (const ref of referencesOf(model, 'services')) {
    if (ref.via !== 'depends_on') continue;
    const list = edges.get(ref.service.name) ?? [];
    list.push(ref);
    edges.set(ref.service.name, list);
  }
  /** The shortest path of service names from `from` to `to` along depends_on, or null. */
  const pathBetween = (from: string, to: string): string[] | null => {
    const previous = new Map<string, string | null>([[from, null]]);
    const queue = [from];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (current === to) {
        const path: string[] = [];
        for (let at: string | null = current; at !== null; at = previous.get(at) ?? null) path.unshift(at);
        return path;
      }
      for (const ref of edges.get(current) ?? []) {
        if (!previous.has(ref.name)) {
          previous.set(ref.name, current);
          queue.push(ref.name);
        }
      }
    }
    return null;
  };
  for (const refs of edges.values()) {
    for (const ref of refs) {
      if (ref.name === ref.service.name) {
        report({
          messageId: 'dependsOnItself',
          data: { service: ref.service.name },
          range: referenceRange(model, ref),
        });
        continue;
      }
      const back = pathBetween(ref.name, ref.service.name);
      if (!back) continue;
      const path = [ref.service.name, ...back].join(' -> ');
      report({
        messageId: 'dependencyCycle',
        data: { service: ref.service.name, dependency: ref.name, path },
        range: referenceRange(model, ref),
      });
    }
  }
}

/** A secret Compose must create needs `file` or `environment` to read it from. */
function checkSecretSources(model: ComposeModel, report: Report): void {
  if (isPartialFile(model)) return;
  for (const definition of model.definitions('secrets')) {
    const value = definition.value;
    const empty = value === null || (isScalar(value) && (value.value === null || value.value === undefined));
    if (!empty && !isMap(value)) continue;
    const entries = isMap(value) ? model.entriesOf(value) : new Map<string, Entry>();
    if (entries.has('file') || entries.has('environment')) continue;
    const external = entries.get('external');
    if (external) {
      const text = scalarText(external.value);
      if (isMap(external.value) || text === null || text !== 'false') continue;
    }
    const range = model.rangeOfNode(definition.key);
    if (range) report({ messageId: 'secretWithoutSource', data: { name: definition.name }, range });
  }
}

/**
 * Every service of a project needs an image to run or a build to make one (compose-go's consistency check). An override
 * file may add them to a service of the base file, `extends` brings them from another service, and a `provider`
 * service is run by a plugin instead.
 */
function checkImageOrBuild(model: ComposeModel, report: Report): void {
  if (isPartialFile(model)) return;
  for (const service of model.services) {
    if (!service.map || ['image', 'build', 'extends', 'provider'].some((key) => service.entries.has(key))) continue;
    const range = model.rangeOfNode(service.key);
    if (range) report({ messageId: 'nothingToRun', data: { service: service.name }, range });
  }
}
