import * as assert from 'assert';
import { flaggedBy } from '../../support/lint';

const RULE = 'onbuild-trigger';

describe(RULE, () => {
  it('flags FROM, MAINTAINER and ONBUILD triggers in any case, on the trigger', () => {
    assert.deepStrictEqual(
      flaggedBy(
        RULE,
        'FROM alpine:3.20\nONBUILD FROM x\nONBUILD maintainer me\nONBUILD ONBUILD RUN x\nONBUILD RUN echo ok\n',
        { force: true },
      ),
      ['FROM', 'maintainer', 'ONBUILD'],
    );
  });
});
