import { isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import { findingRange } from '../../compose/entries';
import { ComposeModel, DefinitionSection, Entry, isInterpolated, scalarText } from '../../compose/model';
import { defineComposeRule, Report } from '../types';

const SECTIONS: DefinitionSection[] = ['networks', 'volumes', 'secrets', 'configs'];
const SINGULAR: Record<DefinitionSection, string> = { networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' };

export default defineComposeRule({
  id: 'compose-rejected-config',
  title: 'Compose accepts the combination of keys',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    externalWith: '`{key}` cannot be set on the external {kind} "{name}": Compose only looks up an external {kind}, it creates nothing, so it rejects the file. Remove `{key}`, or `external`.',
    externalNames: '`external.name` and `name` both name the external {kind} "{name}": Compose rejects the file. Keep only `name` (`external.name` is the old form).',
    bindWithoutSource: 'A bind mount needs a `source`, the host path to mount: Compose rejects the file without one.',
    networkModeAndNetworks: 'Service "{service}" sets both `network_mode` and `networks`: Compose rejects the file, as a service either joins networks or takes another network stack. Remove one of them.',
    deviceCount: '`count` must be a number or "all", not `{value}`: Compose rejects the file.',
    countAndIds: 'A device request takes `count` or `device_ids`, not both: Compose rejects the file. Remove one of them.',
    nonStringKey: '`{key}` is read as a {type}, not a name: Compose rejects keys that are not strings {where}. Quote it ("{key}").',
  },
  docs: {
    flags:
      'What Docker Compose\'s loader rejects although the JSON schema allows it: an external network, volume, secret or config with other keys than `name` (and `x-` extensions), or with both `name` and `external.name`; a long-syntax bind mount (`type: bind`) without `source`; a service with both `network_mode` and `networks`; a device request whose `count` is neither a number nor `all`, or that has both `count` and `device_ids`; keys that YAML reads as numbers, booleans or null under `services` or in an `environment` mapping. Values taken from the environment (`${VAR}`) are not judged.',
    why:
      'Compose validates the file against its schema, then its loader checks these rules and stops at the first one broken, with an error that names a path rather than a line. The schema alone cannot express them, so an editor that only checks the schema lets the file through until `docker compose up` fails.',
    bad: [
      { caption: 'An external network with a driver', code: 'services:\n  web:\n    image: nginx:1.27\n    networks: [edge]\nnetworks:\n  edge:\n    external: true\n    driver: overlay\n' },
      { caption: 'Both network_mode and networks', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    networks: [backend]\nnetworks:\n  backend: {}\n' },
      { caption: 'A bind mount without a source', code: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        target: /usr/share/nginx/html\n' },
      {
        caption: 'A device count that is not a number',
        code: 'services:\n  trainer:\n    image: example/trainer:2.1\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: two\n              capabilities: [gpu]\n',
      },
    ],
    good: [
      { code: 'services:\n  web:\n    image: nginx:1.27\n    networks: [edge]\n    volumes:\n      - type: bind\n        source: ./site\n        target: /usr/share/nginx/html\n    environment:\n      "1": one\nnetworks:\n  edge:\n    external: true\n    name: shared-edge\n' },
    ],
  },
  check(model, report) {
    checkExternals(model, report);
    checkServiceKeys(model, report);
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
      if (environment && !environment.merged && isMap(environment.value)) nonStringKeys(model, environment.value, `in the environment of service "${service.name}"`, report);
      checkDevices(model, service.entries.get('deploy'), report);
    }
  },
});

function checkExternals(model: ComposeModel, report: Report): void {
  for (const section of SECTIONS) {
    for (const definition of model.definitions(section)) {
      if (!isMap(definition.value)) continue;
      const entries = model.entriesOf(definition.value);
      const external = entries.get('external');
      if (!external) continue;
      const externalValue = external.value;
      const legacyName = isMap(externalValue) ? model.entriesOf(externalValue).get('name') : undefined;
      const isExternal = isScalar(externalValue) ? externalValue.value === true : isMap(externalValue);
      if (!isExternal) continue;
      const kind = SINGULAR[section];
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
    const type = key.value === null ? 'null' : typeof key.value === 'boolean' ? 'boolean' : typeof key.value === 'number' || typeof key.value === 'bigint' ? 'number' : null;
    if (!type) continue;
    const range = model.rangeOfNode(key);
    if (range) report({ messageId: 'nonStringKey', data: { key: key.range ? model.text.slice(key.range[0], key.range[1]) : String(key.value), type, where }, range });
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
