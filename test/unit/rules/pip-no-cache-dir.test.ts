import * as assert from 'assert';
import { fixedBy, flaggedBy } from '../../support/lint';

const RULE = 'pip-no-cache-dir';
const flagged = (text: string) => flaggedBy(RULE, text);

describe(RULE, () => {
  it('takes PIP_NO_CACHE_DIR given to the command, exported earlier in the RUN, or set with ENV', () => {
    for (const run of [
      'PIP_NO_CACHE_DIR=1 pip install flask==3.0.3',
      'env PIP_NO_CACHE_DIR=yes pip install flask==3.0.3',
      'export PIP_NO_CACHE_DIR=true && pip install flask==3.0.3',
      'export PATH=/opt/bin:$PATH PIP_NO_CACHE_DIR=on; pip install flask==3.0.3',
    ]) {
      assert.deepStrictEqual(flagged(`FROM python:3.12-slim\nRUN ${run}\nUSER nobody\n`), [], run);
    }
    assert.deepStrictEqual(
      flagged('FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\nUSER nobody\n'),
      [],
    );
  });
  it('counts false values too, since pip turns its cache off for any boolean it reads', () => {
    for (const value of ['0', 'false', 'No', 'off']) {
      assert.deepStrictEqual(
        flagged(`FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=${value} pip install flask==3.0.3\nUSER nobody\n`),
        [],
        value,
      );
      assert.deepStrictEqual(
        flagged(`FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=${value}\nRUN pip install flask==3.0.3\nUSER nobody\n`),
        [],
        value,
      );
    }
  });
  it('still reports an empty value (pip ignores it), an export after the install, or one for another command', () => {
    assert.deepStrictEqual(
      flagged('FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR= pip install flask==3.0.3\nUSER nobody\n'),
      ['install'],
    );
    assert.deepStrictEqual(
      flagged('FROM python:3.12-slim\nRUN pip install flask==3.0.3 && export PIP_NO_CACHE_DIR=1\nUSER nobody\n'),
      ['install'],
    );
    assert.deepStrictEqual(
      flagged('FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 true && pip install flask==3.0.3\nUSER nobody\n'),
      ['install'],
    );
  });
  it('follows ENV through the stages a stage is built on, and not from other stages', () => {
    assert.deepStrictEqual(
      flagged(
        'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.0.3\nUSER nobody\n',
      ),
      [],
    );
    assert.deepStrictEqual(
      flagged(
        'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip install flask==3.0.3\nUSER nobody\n',
      ),
      ['install'],
    );
  });
  it('checks ONBUILD triggers and file parts without FROM, with the fix inside the trigger', () => {
    const text = 'FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\nUSER nobody\n';
    assert.deepStrictEqual(flagged(text), ['install']);
    assert.strictEqual(
      fixedBy(RULE, text),
      'FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\nUSER nobody\n',
    );
    assert.deepStrictEqual(
      flagged(
        'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install -r requirements.txt\nUSER nobody\n',
      ),
      [],
    );
    assert.deepStrictEqual(flagged('RUN pip install flask==3.0.3\n'), ['install']);
  });
  const py = (run: string) => `FROM python:3.12-slim\n${run}\nUSER nobody\n`;
  it('sees python -m pip', () => {
    assert.deepStrictEqual(
      flaggedBy(RULE, py('RUN python3 -u -m pip install flask==3.0.3 && python -mpip install flask==3.0.3')),
      ['install', 'install'],
    );
  });
});
