import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'cap-add-all';
const svc = (body: string): string => `services:\n  app:\n    image: example/app:1.0\n${body}`;

describe(RULE, () => {
  it('flags ALL in cap_add, in any case', () => {
    assert.deepStrictEqual(flaggedBy(RULE, svc('    cap_add: [NET_ADMIN, cap_all]\n')), ['cap_all']);
  });
});
