/** invalid-flag: the flags BuildKit's instruction parsers refuse. */
import * as assert from 'assert';
import { applyEdits, findingsOf, lintText } from '../../support/lint';

const found = (text: string) => findingsOf('invalid-flag', text).map((f) => `${f.text}: ${f.message}`);

describe('invalid-flag', () => {
  it('reports an unknown flag at its name, with a did-you-mean fix', () => {
    const text = 'FROM alpine:3.20\nADD --keep-git=true https://example.com/x.git /src\n';
    const [finding] = lintText(text).findings.filter((f) => f.rule.id === 'invalid-flag');
    assert.strictEqual(finding.message, 'ADD has no --keep-git flag: did you mean --keep-git-dir?');
    const [fix] = finding.fixes!();
    assert.strictEqual(fix.safe, false);
    assert.strictEqual(
      applyEdits(text, fix.edits),
      'FROM alpine:3.20\nADD --keep-git-dir=true https://example.com/x.git /src\n',
    );
  });
  it('treats flag names as case-sensitive, as BuildKit does', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nCOPY --Chown=1:1 a /b\n'), [
      'Chown: COPY has no --Chown flag: did you mean --chown?',
    ]);
  });
  it('reports flags on instructions that take none, and ignores those of ARG, STOPSIGNAL and HEALTHCHECK NONE', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nWORKDIR --parents /app\n'), [
      '--parents: WORKDIR takes no flags: BuildKit reads "--parents" as an unknown flag.',
    ]);
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nARG --x=1 A=2\nSTOPSIGNAL --y SIGTERM\nHEALTHCHECK --bogus NONE\n'),
      [],
    );
  });
  it('stops at a lone -- and at the first word that is not a flag, and reads quoted values', () => {
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nCOPY -- --x /dst/\nRUN echo --network=bogus\nCOPY --chown="app:app" a /b\n'),
      [],
    );
  });
  it('reports a repeated flag, except the repeatable ones', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nCOPY --chmod=644 --chmod=755 a /b\n'), [
      'chmod: --chmod is given more than once: COPY accepts it once.',
    ]);
    assert.deepStrictEqual(
      found(
        'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/a --mount=type=tmpfs,target=/b true\nCOPY --exclude=*.md --exclude=*.txt . /src/\n',
      ),
      [],
    );
  });
  it('reports a value flag without a value and a boolean flag with another value', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nCOPY --chmod . /app\n'), [
      'chmod: --chmod needs a value: --chmod=<perms>.',
    ]);
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nCOPY --link=yes a /b\nCOPY --link= a /b\nCOPY --link=FALSE a /b\n'),
      [
        'yes: --link takes true or false, not "yes".',
        '--link=: --link= needs true or false after the "=", or no "=" at all.',
      ],
    );
  });
  it('reads HEALTHCHECK durations as Go does: a unit is needed, 0 is allowed, below 1ms is not', () => {
    assert.deepStrictEqual(
      found(
        'FROM alpine:3.20\nHEALTHCHECK --interval=5 --timeout=1x --start-period=0 --start-interval=10us CMD true\n',
      ),
      [
        '5: --interval=5 has no unit: write it with one, such as 5s (units: ns, us, ms, s, m, h).',
        '1x: --timeout=1x: "x" is not a duration unit (use ns, us, ms, s, m or h).',
        '10us: --start-interval=10us is shorter than the 1ms minimum (only 0 is allowed below it).',
      ],
    );
    assert.deepStrictEqual(found('FROM alpine:3.20\nARG I=5s\nHEALTHCHECK --interval=$I CMD true\n'), [
      '$I: --interval=$I: BuildKit does not expand variables in HEALTHCHECK flags, so this is not a duration.',
    ]);
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nHEALTHCHECK --interval=1m30s --timeout=.5s --start-period=0s --retries= CMD true\n'),
      [],
    );
  });
  it('reports a --retries that is not a whole number or is negative', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nHEALTHCHECK --retries=a CMD true\n'), [
      'a: --retries=a is not a whole number.',
    ]);
    assert.deepStrictEqual(found('FROM alpine:3.20\nHEALTHCHECK --retries=-2 CMD true\n'), [
      '-2: --retries cannot be negative.',
    ]);
    assert.deepStrictEqual(found('FROM alpine:3.20\nHEALTHCHECK --retries=0 CMD true\n'), []);
  });
  it('checks RUN --network and --security values', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nRUN --network=off --security=privileged true\n'), [
      'off: --network=off is not a network mode: use default, none or host.',
      'privileged: --security=privileged is not a security mode: use sandbox or insecure.',
    ]);
  });
  it('checks RUN --mount options as BuildKit parses them', () => {
    const mount = (options: string) =>
      found(`FROM alpine:3.20\nRUN --mount=${options} true\n`).map((m) => m.replace(/^[^:]*: /, ''));
    assert.deepStrictEqual(mount('type=volume,target=/x'), [
      '--mount: "volume" is not a mount type: use bind, cache, tmpfs, secret or ssh.',
    ]);
    assert.deepStrictEqual(mount('type=cache,traget=/x'), [
      '--mount: "traget" is not a mount option (did you mean "target"?).',
    ]);
    assert.deepStrictEqual(mount('type=cache,target=/x,size=1g'), [
      '--mount: "size" is only for tmpfs mounts (this one is cache; give type= first).',
    ]);
    assert.deepStrictEqual(mount('required,type=secret,id=a'), [
      '--mount: "required" is only for secret and ssh mounts (this one is bind; give type= first).',
    ]);
    assert.deepStrictEqual(mount('type=bind,target=/x,uid=1000'), ['--mount: "uid" is not allowed for bind mounts.']);
    assert.deepStrictEqual(mount('type=secret'), ['--mount: a secret mount needs an id, a source or a target.']);
    assert.deepStrictEqual(mount('type=cache,target=/x,mode=0999'), [
      '--mount: mode=0999 is not an octal file mode (such as 0755).',
    ]);
    assert.deepStrictEqual(mount('type=bind,from=$STAGE,target=/x'), [
      '--mount: "from" does not expand variables: name a stage with the image instead.',
    ]);
    assert.deepStrictEqual(mount('type=secret,id=npm,required,target=/root/.npmrc,uid=1000,mode=0400'), []);
    assert.deepStrictEqual(mount('type=cache,target=/var/cache/apt,sharing=locked,id=$ID'), []);
    assert.deepStrictEqual(mount('type=tmpfs,target=/tmp,size=64m'), []);
  });
  it('checks RUN --device options', () => {
    assert.deepStrictEqual(found('FROM alpine:3.20\nRUN --device=nvidia.com/gpu=all,required true\n'), []);
    assert.deepStrictEqual(found('FROM alpine:3.20\nRUN --device=nvidia.com/gpu=all,count=2 true\n'), [
      'nvidia.com/gpu=all,count=2: --device: "count" is not a device option (use name and required).',
    ]);
  });
  it('checks the flags of ONBUILD triggers, at their place in the ONBUILD line', () => {
    const text =
      'FROM alpine:3.20\nONBUILD COPY --chowm=app:app . /app/\nONBUILD RUN --mount=type=cahce,target=/root/.cache make\n' +
      'ONBUILD ADD --link=sometimes a /b/\nONBUILD COPY --chmod a /b/\nONBUILD RUN --network=host make\nUSER nobody\n';
    assert.deepStrictEqual(found(text), [
      'chowm: COPY has no --chowm flag: did you mean --chown?',
      'type=cahce,target=/root/.cache: --mount: "cahce" is not a mount type: use bind, cache, tmpfs, secret or ssh.',
      'sometimes: --link takes true or false, not "sometimes".',
      'chmod: --chmod needs a value: --chmod=<perms>.',
    ]);
    const [finding] = lintText(text).findings.filter((f) => f.rule.id === 'invalid-flag');
    assert.deepStrictEqual(finding.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 20 } });
    assert.strictEqual(
      applyEdits(text, finding.fixes!()[0].edits).split('\n')[1],
      'ONBUILD COPY --chown=app:app . /app/',
    );
  });
  it('reads flags across line continuations', () => {
    assert.deepStrictEqual(
      found('FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    --netwrok=none \\\n    true\n'),
      ['netwrok: RUN has no --netwrok flag: did you mean --network?'],
    );
  });
});
