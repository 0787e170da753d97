import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { lint } from '../../../server/src/engine/lint';
import { flaggedBy } from '../../support/lint';

const RULE = 'compose-unknown-service';

describe(RULE, () => {
  it('flags depends_on (both forms), links, extends, service: modes and volumes_from', () => {
    const text =
      'services:\n  a:\n    image: x:1\n    depends_on: [bb]\n    links: ["cc:alias"]\n    extends: {service: dd}\n    network_mode: service:ee\n    volumes_from: ["ff:ro", "container:gg"]\n  b:\n    image: x:1\n    depends_on:\n      zz: {condition: service_started}\n      yy: {condition: service_started, required: false}\n';
    assert.deepStrictEqual(flaggedBy(RULE, text), ['bb', 'cc', 'dd', 'ee', 'ff', 'zz']);
  });
  it('does not flag extends from another file, nor override files', () => {
    assert.deepStrictEqual(flaggedBy(RULE, 'services:\n  a:\n    extends: {file: base.yaml, service: common}\n'), []);
    const doc = TextDocument.create(
      'file:///p/compose.override.yaml',
      'dockercompose',
      1,
      'services:\n  a:\n    depends_on: [db]\n',
    );
    assert.deepStrictEqual(
      lint(doc, DEFAULT_SETTINGS).findings.map((f) => f.rule.id),
      [],
    );
  });
});
