/** dockerfile-syntax: what BuildKit's parser and instruction parsers reject, at the place they reject it. */
import * as assert from 'assert';
import { applyEdits, findingsOf } from '../../support/lint';

const RULE = 'dockerfile-syntax';

const findings = (text: string) => findingsOf(RULE, text);

/** [message, covered text] of each finding. */
const flagged = (text: string): [string, string][] => findingsOf(RULE, text).map((f) => [f.message, f.text]);

function covered(text: string): string[] {
  return flagged(text).map(([, t]) => t);
}

function fixed(text: string): string {
  const [finding] = findings(text);
  const [fix] = finding.fixes!();
  assert.strictEqual(fix.safe, false);
  return applyEdits(text, fix.edits);
}

describe('dockerfile-syntax', () => {
  describe('unknown instructions', () => {
    it('reports the keyword, in any case, with the instruction it is closest to', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nworkdri /srv\n'), [
        ['"workdri" is not a Dockerfile instruction (did you mean workdir?): the build stops here.', 'workdri'],
      ]);
      assert.deepStrictEqual(fixed('FROM alpine:3.20\nCOPPY a.sh /bin/\n'), 'FROM alpine:3.20\nCOPY a.sh /bin/\n');
    });
    it('says nothing more when no instruction is close', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nINSTALL curl\n'), [
        ['"INSTALL" is not a Dockerfile instruction: the build stops here.', 'INSTALL'],
      ]);
    });
    it('reads the keyword as BuildKit does: continuations joined, a lone escape character kept', () => {
      assert.deepStrictEqual(covered('FR\\\nOM alpine:3.20\nUSER nobody\n'), []);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nSTOPSIGNAL\\\n9\n'), ['STOPSIGNAL\\\n9']);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nR\\UN true\n'), ['R\\UN']);
    });
    it('leaves ONBUILD triggers, comments and heredoc bodies alone', () => {
      assert.deepStrictEqual(
        covered('FROM alpine:3.20\nONBUILD RUNN make\n# RUNN make\nRUN <<EOF\nRUNN make\nEOF\n'),
        [],
      );
    });
  });

  describe('missing arguments', () => {
    it('reports an instruction with nothing after it (flags aside) at its keyword', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nENV\n'), [
        ['ENV needs a name and a value, and nothing follows it.', 'ENV'],
      ]);
      assert.deepStrictEqual(covered('FROM\n'), ['FROM']);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nCOPY --chown=1000\nWORKDIR\nEXPOSE \\\n\n'), [
        'COPY',
        'WORKDIR',
        'EXPOSE',
      ]);
    });
    it('accepts RUN, CMD and ENTRYPOINT without arguments, as BuildKit does', () => {
      assert.deepStrictEqual(covered('FROM alpine:3.20\nRUN\nCMD\nENTRYPOINT\n'), []);
    });
    it('needs a source and a destination for COPY and ADD, heredocs and JSON included', () => {
      assert.deepStrictEqual(flagged('FROM python:3.12\nCOPY app.py\n'), [
        [
          'COPY needs a source and a destination: with a single argument, Docker cannot tell where to put it.',
          'app.py',
        ],
      ]);
      assert.deepStrictEqual(
        covered('FROM alpine:3.20\nADD ["a.txt"]\nCOPY <<EOF\nhello\nEOF\nCOPY a b /dir/\nCOPY --from=build /out ./\n'),
        ['["a.txt"]', '<<EOF'],
      );
    });
    it('needs at least one item in SHELL and VOLUME arrays', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nSHELL []\n'), [
        ['SHELL needs at least the shell program in its array.', '[]'],
      ]);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nVOLUME []\nVOLUME [""]\n'), ['VOLUME', '[""]']);
    });
  });

  describe('ENV, LABEL and ARG', () => {
    it('reports a word without "=" once name=value is used, with a fix that quotes the value', () => {
      const text = 'FROM alpine:3.20\nENV GREETING=hello big world PORT=80\n';
      assert.deepStrictEqual(flagged(text), [
        [
          '"big" has no "=": once ENV uses name=value, every word must be a name=value pair. A value with blanks needs quotes.',
          'big',
        ],
      ]);
      assert.strictEqual(fixed(text), 'FROM alpine:3.20\nENV GREETING="hello big world" PORT=80\n');
    });
    it('accepts the old one-pair form and ARG with several names', () => {
      assert.deepStrictEqual(
        covered('FROM alpine:3.20\nENV GREETING hello world\nLABEL maintainer me\nARG A=1 B C="x y"\n'),
        [],
      );
    });
    it('reports the old form without a value', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nLABEL version\n'), [
        ['LABEL version has no value: write version=value (or version= for an empty value).', 'version'],
      ]);
    });
    it('reports a missing name', () => {
      assert.deepStrictEqual(covered('FROM alpine:3.20\nENV a=1 =2\nARG =x\n'), ['=2', '=x']);
    });
    it('reports a quote that is never closed, in the name or in the value', () => {
      assert.deepStrictEqual(flagged("FROM alpine:3.20\nENV A='one\n"), [
        ['This single quote is never closed: Docker stops with "unexpected end of statement".', "'one"],
      ]);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nLABEL "title=x\nARG B="x\\"\n'), ['"title', '"x\\"']);
      assert.deepStrictEqual(covered('FROM alpine:3.20\nENV A="a\\"b" B=\'a\\\' C=${X:-"y z"}\n'), []);
    });
    it('checks the pairs of ENV and LABEL triggers as BuildKit parses them now', () => {
      assert.deepStrictEqual(covered('FROM alpine:3.20\nONBUILD ENV A=1 B\nONBUILD LABEL "x\nONBUILD ENV "x=1\n'), [
        'B',
        '"x',
      ]);
    });
  });

  describe('HEALTHCHECK', () => {
    it('takes nothing after NONE', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nHEALTHCHECK NONE --interval=5s\n'), [
        ['HEALTHCHECK NONE takes nothing after NONE.', '--interval=5s'],
      ]);
    });
    it('needs a command after CMD', () => {
      assert.deepStrictEqual(covered('FROM alpine:3.20\nHEALTHCHECK --retries=3 CMD\nHEALTHCHECK cmd []\n'), [
        'CMD',
        'cmd',
      ]);
    });
    it('reports another form, with a fix that adds CMD', () => {
      const text = 'FROM nginx:1.27\nHEALTHCHECK --interval=30s curl -f http://localhost/\n';
      assert.deepStrictEqual(flagged(text), [
        [
          '"curl" is not a HEALTHCHECK form: write HEALTHCHECK NONE, or HEALTHCHECK CMD followed by the command.',
          'curl',
        ],
      ]);
      assert.strictEqual(fixed(text), 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/\n');
    });
  });

  describe('SHELL, STOPSIGNAL, USER', () => {
    it('needs SHELL in JSON form, with a fix for plain words', () => {
      const text = 'FROM alpine:3.20\nSHELL /bin/ash -eo pipefail -c\n';
      assert.deepStrictEqual(covered(text), ['/bin/ash -eo pipefail -c']);
      assert.strictEqual(fixed(text), 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\n');
      assert.deepStrictEqual(covered('FROM alpine:3.20\nSHELL ["/bin/sh", "-c"] extra\n'), ['["/bin/sh", "-c"] extra']);
    });
    it('leaves a JSON look-alike to malformed-exec-form', () => {
      assert.deepStrictEqual(covered("FROM alpine:3.20\nSHELL ['/bin/sh', '-c']\n"), []);
    });
    it('takes one STOPSIGNAL word', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nSTOPSIGNAL SIGTERM now\n'), [
        ['STOPSIGNAL takes one signal; "now" is one word too many.', 'now'],
      ]);
    });
    it('accepts signal names with or without SIG, in any case, and non-zero numbers', () => {
      assert.deepStrictEqual(
        covered(
          'FROM alpine:3.20\nSTOPSIGNAL SIGQUIT\nSTOPSIGNAL term\nSTOPSIGNAL 9\nSTOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL "SIGINT"\nSTOPSIGNAL $SIG\n',
        ),
        [],
      );
    });
    it('reports an unknown signal, with the closest name as a fix', () => {
      assert.deepStrictEqual(flagged('FROM alpine:3.20\nSTOPSIGNAL 0\nSTOPSIGNAL a\n'), [
        [
          '"0" is not a signal Docker knows: use a name such as SIGTERM or SIGQUIT (SIG may be left out) or a number.',
          '0',
        ],
        [
          '"a" is not a signal Docker knows: use a name such as SIGTERM or SIGQUIT (SIG may be left out) or a number.',
          'a',
        ],
      ]);
      assert.strictEqual(fixed('FROM nginx:1.27\nSTOPSIGNAL SIGTREM\n'), 'FROM nginx:1.27\nSTOPSIGNAL SIGTERM\n');
    });
    it('takes USER as user[:group]', () => {
      assert.deepStrictEqual(
        covered(
          'FROM alpine:3.20\nUSER app:app\nUSER 1000\nUSER ContainerUser\nUSER ${UID}:${GID}\nUSER app staff\nUSER a:b:c\n',
        ),
        ['app staff', 'a:b:c'],
      );
    });
  });

  describe('parser directives', () => {
    it('reports an escape character other than \\ or `', () => {
      assert.deepStrictEqual(flagged('# escape=ab\nFROM alpine:3.20\n'), [
        ['The escape character can only be \\ or `: with "ab", Docker refuses the file.', 'ab'],
      ]);
      assert.deepStrictEqual(covered('#escape= \nFROM alpine:3.20\n'), [' ']);
    });
    it('reports a directive given twice', () => {
      assert.deepStrictEqual(flagged('# escape=`\n# ESCAPE=`\nFROM alpine:3.20\n'), [
        ['The escape directive is given twice: Docker refuses a repeated parser directive.', 'ESCAPE'],
      ]);
    });
    it('reads directives only at the top, before any other line', () => {
      assert.deepStrictEqual(covered('# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20\n# escape=ab\n'), []);
      assert.deepStrictEqual(covered('\n# escape=ab\nFROM alpine:3.20\n'), []);
      assert.deepStrictEqual(covered('# a comment\n# escape=ab\nFROM alpine:3.20\n'), []);
    });
  });

  it('judges a statement it found clean before (statements are remembered) anew under another escape character', () => {
    const statement = 'ENV A="x\\"';
    assert.deepStrictEqual(covered(`# escape=\`\nFROM alpine:3.20\n${statement}\n`), []);
    assert.deepStrictEqual(covered(`FROM alpine:3.20\n${statement}\n`), ['"x\\"']);
    assert.deepStrictEqual(covered(`# escape=\`\nFROM alpine:3.20\nUSER nobody\n${statement}\n`), []);
  });

  it('reads a lone carriage return as BuildKit does: not a line break', () => {
    assert.deepStrictEqual(covered('FROM alpine:3.20\nRUN\\\r echo\n'), ['RUN\\']);
  });
});
