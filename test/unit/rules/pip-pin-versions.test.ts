import * as assert from 'assert';
import { lintText, reportsOf } from '../../support/lint';

const findings = (dockerfile: string) => reportsOf('pip-pin-versions', dockerfile);

const flagged = (dockerfile: string) => findings(dockerfile).map((f) => f.text);
const py = (run: string) => `FROM python:3.12-slim\n${run}\nUSER nobody\n`;

describe('pip-pin-versions', () => {
  it('recognises pip, pip3.12 and python -m pip', () => {
    assert.deepStrictEqual(
      flagged(
        py(
          'RUN pip install --no-cache-dir flask && pip3.12 install --no-cache-dir requests && python3 -u -m pip install --no-cache-dir "uvicorn[standard]"',
        ),
      ),
      ['flask', 'requests', '"uvicorn[standard]"'],
    );
  });
  it('reports once per command and keeps the extras in the suggested pin', () => {
    assert.deepStrictEqual(
      findings(py('RUN python -m pip install --no-cache-dir "uvicorn[standard]" numpy==1.26.4 gunicorn')),
      [
        {
          text: '"uvicorn[standard]" numpy==1.26.4 gunicorn',
          message:
            '"pip install" leaves 2 packages unpinned ("uvicorn[standard]" and "gunicorn"): pin each one ("uvicorn[standard]==<version>") or install from a requirements file with pinned versions.',
        },
      ],
    );
    assert.deepStrictEqual(
      findings(py('RUN pip3 install --no-cache-dir "psycopg[binary,pool]"')).map((f) => f.message),
      [
        '"pip3 install" leaves "psycopg[binary,pool]" unpinned: pin it ("psycopg[binary,pool]==<version>") or install from a requirements file with pinned versions.',
      ],
    );
  });
  it('accepts specifiers, files, paths, URLs and values of options', () => {
    const ok = [
      'pip install --no-cache-dir "flask>=3,<4" django~=5.0 numpy==1.26.4 "uvicorn[standard]==0.30.1"',
      'pip install --no-cache-dir -r requirements.txt gunicorn',
      'pip install --no-cache-dir --requirement=requirements.txt',
      'pip install --no-cache-dir -c constraints.txt gunicorn',
      'pip install --no-cache-dir -e . ./libs/core /wheels/app-1.0-py3-none-any.whl dist/app.tar.gz',
      'pip install --no-cache-dir "app @ https://example.com/app-1.0.tar.gz" git+https://github.com/o/r@v1.0',
      'pip install --no-cache-dir --index-url https://pypi.example.com/simple -t /opt/lib --extra-index-url https://x flask==3.0.3',
      'pip install --no-cache-dir "$PACKAGE" "flask==$FLASK_VERSION"',
      'pip download flask',
    ];
    for (const run of ok) assert.deepStrictEqual(flagged(py(`RUN ${run}`)), [], run);
  });
  it('reports a VCS URL without a tag or commit: it installs the head of the default branch', () => {
    assert.deepStrictEqual(
      findings(py('RUN pip install --no-cache-dir git+https://git.example.com/team/tool.git#egg=tool')),
      [
        {
          text: 'git+https://git.example.com/team/tool.git#egg=tool',
          message:
            '"pip install" installs "git+https://git.example.com/team/tool.git#egg=tool" from the head of its default branch: add a tag or commit to the URL ("…@v1.2.0") to pin it.',
        },
      ],
    );
    // The user of an SSH URL is not a ref; a ref after the path is.
    assert.deepStrictEqual(flagged(py('RUN pip install --no-cache-dir git+ssh://git@git.example.com/team/tool.git')), [
      'git+ssh://git@git.example.com/team/tool.git',
    ]);
    assert.deepStrictEqual(
      flagged(
        py(
          'RUN pip install --no-cache-dir git+ssh://git@git.example.com/team/tool.git@4f2a9c1 "tool @ git+https://git.example.com/t/tool.git@v2"',
        ),
      ),
      [],
    );
  });
});

describe('pip-pin-versions: upgrading pip itself', () => {
  const texts = (run: string) =>
    lintText(`FROM python:3.12-slim\n${run}\nUSER nobody\n`)
      .findings.filter((f) => f.rule.id === 'pip-pin-versions')
      .map((f) => f.message);
  it('leaves pip, setuptools and wheel alone with --upgrade, and still names the other packages', () => {
    assert.deepStrictEqual(texts('RUN pip install --no-cache-dir --upgrade pip setuptools wheel'), []);
    assert.deepStrictEqual(texts('RUN python -m pip install -U pip'), []);
    assert.strictEqual(texts('RUN pip install --no-cache-dir -U pip flask').length, 1);
    assert.match(texts('RUN pip install --no-cache-dir -U pip flask')[0], /"flask"/);
    assert.doesNotMatch(texts('RUN pip install --no-cache-dir -U pip flask')[0], /"pip"/);
  });
  it('still reports pip without --upgrade', () => {
    assert.strictEqual(texts('RUN pip install --no-cache-dir pip').length, 1);
  });
});
