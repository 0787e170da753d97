import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseShell, parseSimpleList, parseWithMvdan } from '../../server/src/shell/shell';
import { DockerfileModel, prepareShellText } from '../../server/src/dockerfile/model';
import { docOf, lintText, ruleIds } from '../support/lint';
import { generateCorpus, randomSource } from '../support/generateDockerfiles';

describe('shell parsing of RUN commands', () => {
  it('gives each simple command its words, literal values and offsets', () => {
    const text = 'apt-get install -y "cu rl" \'x y\' $HOME || true | tee /log';
    const script = parseShell(text, 100);
    assert.deepStrictEqual(
      script.commands.map((c) => c.words.map((w) => w.value)),
      [['apt-get', 'install', '-y', 'cu rl', 'x y', null], ['true'], ['tee', '/log']],
    );
    assert.deepStrictEqual(
      script.commands.map((c) => c.join),
      ['start', '||', '|'],
    );
    assert.deepStrictEqual(
      script.commands.map((c) => c.inPipeline),
      [false, true, true],
    );
    const word = script.commands[0].words[3];
    assert.strictEqual(text.slice(word.start - 100, word.end - 100), '"cu rl"');
  });
  it('moves a cached parse to each offset it is asked at, and back', () => {
    const text = 'a=1 make -C src | tee log && (cd /x; ls) | wc -l';
    const at = (base: number) =>
      parseShell(text, base).commands.map((c) => [
        c.start,
        c.end,
        c.pipeProducerStart,
        ...c.words.map((w) => `${w.value}@${w.start}-${w.end}`),
      ]);
    const expected = (base: number) =>
      parseShell(text, 0).commands.map((c) => [
        c.start + base,
        c.end + base,
        c.pipeProducerStart === undefined ? undefined : c.pipeProducerStart + base,
        ...c.words.map((w) => `${w.value}@${w.start + base}-${w.end + base}`),
      ]);
    for (const base of [40, 40, 7, 40, 0, 7]) assert.deepStrictEqual(at(base), expected(base), `at ${base}`);
    assert.strictEqual(parseShell(text, 9), parseShell(text, 9), 'the same offset twice: one copy');
  });

  it('maps offsets after multi-byte characters to UTF-16 positions', () => {
    const text = 'echo "é✓😀" && cd /tmp';
    const cd = parseShell(text, 0).commands[1].words[0];
    assert.strictEqual(text.slice(cd.start, cd.end), 'cd');
    assert.strictEqual(parseShell(text, 0).commands[0].words[1].value, 'é✓😀');
  });
  it('marks commands inside subshells, blocks and conditionals as nested', () => {
    const script = parseShell('(cd /a && make); if true; then cd /b; fi; { cd /c; }; cd /d', 0);
    assert.deepStrictEqual(
      script.commands.filter((c) => c.words[0]?.value === 'cd').map((c) => c.nested),
      [true, true, true, false],
    );
  });
  it('lists the variables export statements set, with their literal values, and keeps the commands nested in them', () => {
    const text = 'export A=1 B "C=two words" D=$HOME; export E= && make';
    const script = parseShell(text, 10);
    assert.deepStrictEqual(
      script.exports?.map((e) => [e.name, e.value, e.assigns]),
      [
        ['A', '1', true],
        ['B', null, false],
        ['C', 'two words', true],
        ['D', null, true],
        ['E', '', true],
      ],
    );
    assert.strictEqual(
      text.slice(script.exports[0].start - 10, script.exports[0].end - 10),
      'export A=1 B "C=two words" D=$HOME',
    );
    assert.deepStrictEqual(
      script.commands.map((c) => c.words[0]?.value ?? null),
      ['make'],
    );
    assert.deepStrictEqual(
      parseShell('export X=$(curl -fsS https://example.com/v)', 0).commands.map((c) => c.words[0].value),
      ['curl'],
    );
    assert.strictEqual(parseShell('make install', 0).exports, undefined);
  });
  it('reports a parse error instead of throwing', () => {
    const script = parseShell('echo "unterminated', 10);
    assert.strictEqual(script.commands.length, 0);
    assert.match(script.error!.message, /quote/);
  });
  it('detects shell comments but not # inside words', () => {
    assert.strictEqual(parseShell('echo a # note', 0).hasComments, true);
    assert.strictEqual(parseShell('echo "a # b" x#y ${#A}', 0).hasComments, false);
    // A # after a long word that covers an earlier one is still inside it.
    assert.strictEqual(parseShell('echo "$(echo a) #x" b', 0).hasComments, false);
    assert.strictEqual(parseShell('echo "$(echo a)" b #x', 0).hasComments, true);
  });
  it('walks chains longer than the call stack is deep, in order', () => {
    const count = 20000;
    const script = parseShell(Array.from({ length: count }, (_, i) => `echo ${i}`).join(' && '), 0);
    assert.strictEqual(script.error, undefined);
    assert.strictEqual(script.commands.length, count);
    assert.deepStrictEqual(
      script.commands.slice(0, 3).map((c) => [c.join, c.words[1].value]),
      [
        ['start', '0'],
        ['&&', '1'],
        ['&&', '2'],
      ],
    );
    assert.deepStrictEqual(
      script.commands.slice(-1).map((c) => [c.join, c.words[1].value]),
      [['&&', String(count - 1)]],
    );
  });
  it('marks pipes, their producers and background statements as before', () => {
    const script = parseShell('a | b | c && d & e', 0);
    assert.deepStrictEqual(
      script.commands.map((c) => [c.words[0].value, c.join, c.inPipeline, c.background ?? false]),
      [
        ['a', 'start', true, true],
        ['b', '|', true, true],
        ['c', '|', true, true],
        ['d', '&&', false, true],
        ['e', ';', false, false],
      ],
    );
    // In `a | b | c`, c reads from b, and b from a.
    assert.deepStrictEqual(
      script.commands.slice(1, 3).map((c) => c.pipeProducerStart),
      [0, 4],
    );
  });
  it('turns Dockerfile continuations, comment lines and blank lines into spaces without moving offsets', () => {
    const raw = 'echo a \\\n  # comment\n\n  && echo b';
    const prepared = prepareShellText(raw, '\\');
    assert.strictEqual(prepared.length, raw.length);
    assert.deepStrictEqual(
      parseShell(prepared, 0).commands.map((c) => c.words.map((w) => w.value)),
      [
        ['echo', 'a'],
        ['echo', 'b'],
      ],
    );
  });
});

describe('heredocs fed to a named shell', () => {
  it('treats the body of `RUN bash <<EOF` as the script, so rules see its commands', () => {
    const text = 'FROM debian:12.6\nRUN bash -e <<EOF\ncd /srv\nEOF\nUSER nobody\n';
    assert.ok(ruleIds(lintText(text)).includes('no-cd-in-run'));
    const python = 'FROM python:3.12-slim\nRUN python3 <<EOF\nprint("cd /srv")\nEOF\nUSER nobody\n';
    assert.ok(!ruleIds(lintText(python)).includes('no-cd-in-run'));
  });
});

describe('the plain-list fast path', () => {
  /** Every RUN script of the fixture corpus and of generated Dockerfiles, as the model hands them to the parser. */
  function realScripts(): string[] {
    const texts: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/dockerfile/i.test(entry.name)) texts.push(fs.readFileSync(full, 'utf8'));
      }
    };
    walk(path.join(__dirname, '../../../test/fixtures'));
    texts.push(...generateCorpus(300, 7).map((input) => input.text));
    const scripts: string[] = [];
    for (const text of texts) {
      const model = new DockerfileModel(docOf(text));
      for (const instruction of model.ast.getInstructions()) {
        if (instruction.getKeyword() === 'RUN')
          for (const source of model.shellSources(instruction) ?? []) scripts.push(source.text);
      }
    }
    return scripts;
  }

  it('gives exactly what mvdan/sh gives, on every real script it takes', () => {
    const scripts = realScripts();
    let taken = 0;
    for (const script of scripts) {
      const simple = parseSimpleList(script);
      if (!simple) continue;
      taken++;
      assert.deepStrictEqual(simple, parseWithMvdan(script), script);
    }
    // It must take a good share of real scripts, or it is not worth having.
    assert.ok(taken > scripts.length / 5, `${taken} of ${scripts.length}`);
  });

  it('gives exactly what mvdan/sh gives on random strings of shell tokens it takes', () => {
    // Words, quotes, parameters, redirections, operators, blanks and the syntax it must leave alone.
    const tokens = [
      ...['a', 'apt-get', 'sudo', 'x=1', 'A=', 'A+=b', '"q w"', "'s q'", '"$A"', '${B}', '$C', '$1', '$@'],
      ...['"x$A y"', '"\\$x\\"y\\\\z\\n"', 'a\\ b', '\\#', '#c', 'a#b', '*', '?', '[x]', '{a,b}', '{', '}'],
      ...['2>&1', '>', '>>', '<', '2>', '&>', '>&2', '<<<', '>|', '<>', '&&', '||', '|', ';', '&', '\n', '\r'],
      ...[' ', ' ', ' ', '\t', '~', '^', '=', 'é', '😀', 'if', 'fi', 'export', 'time', '[[', '!', '(', ')'],
      ...['$(x)', '`x`', '$', '""', "''", '10', '-', '--x=y', '"', "'", '\\'],
      // Command substitutions, `${…}` operations, compound commands, `export`, `!`, `&` and comments.
      ...['$(', '"$(', '${A:-x}', '${A:-', '${a##*-}', '${#A}', '"${A%/b}"', '${A/x/y}', '${A:0:1}', '${A:-$(b)}'],
      ...['${A:-"x y"}', "${A:-'q'}", '${A-}', '${A:=x y}', '${!A}', '${A[1]}', 'then', 'elif', 'else', 'for', 'in'],
      ...['do', 'done', 'while', 'until', 'case', 'esac', ';;', 'x)', '$((1))', 'f()', 'function', '! ', '#', 'a!b'],
      ...['export A=1', 'export A=$(a)', 'export A', 'export -n', 'local', '{ a; }', '(a)', '{a}', 'done)', 'fi)'],
      ...['esac)', '(esac)', ' \\\n', '\\\n', '$ ', 'a$', '"$ "', '"a$"', '$;', '}) ', '$(a; }) '],
    ];
    const random = randomSource(19);
    let taken = 0;
    for (let n = 0; n < 20000; n++) {
      let script = '';
      for (let k = Math.floor(random() * 12); k >= 0; k--) {
        script += tokens[Math.floor(random() * tokens.length)] + (random() < 0.6 ? ' ' : '');
      }
      const simple = parseSimpleList(script);
      if (!simple) continue;
      taken++;
      assert.deepStrictEqual(simple, parseWithMvdan(script), JSON.stringify(script));
    }
    assert.ok(taken > 2000, `${taken} taken`);
  });

  it('gives exactly what mvdan/sh gives on random scripts of compound commands, some of them broken', () => {
    const random = randomSource(23);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const separator = (): string => pick(['; ', ';', ' ;\n', '\n', '\n\n  ', ' & ', '  # note\n', ' \\\n ']);
    const blank = (): string => pick([' ', ' ', '  ', '\t', ' \\\n  ']);
    const word = (depth: number): string => {
      const words = ['a', '-x', '"q w"', "'s'", '$A', '${B}', '"$A"', '${A:-x}', '"${a##*-}"', '${A%/x}', '$(c)'];
      words.push(
        '"$(c d)"',
        'x$(e)y',
        '!',
        '[',
        ']',
        '{}',
        '#x',
        'x#',
        '2>&1',
        '> /f',
        '<f',
        'x=1',
        '$',
        'a$',
        '"$ x"',
      );
      if (depth < 3) words.push(`$(${list(depth + 1)})`, `"$(${list(depth + 1)})"`, `\${A:-$(${list(depth + 1)})}`);
      return pick(words);
    };
    const simple = (depth: number): string => {
      let text = (random() < 0.2 ? `A=1${blank()}` : '') + pick(['echo', 'apt-get', 'cd', '[', 'true', 'x']);
      for (let k = Math.floor(random() * 4); k > 0; k--) text += blank() + word(depth);
      return text;
    };
    const element = (depth: number): string => {
      const r = depth >= 3 ? 0 : random();
      if (r < 0.5) return simple(depth);
      const inner = (): string => list(depth + 1);
      if (r < 0.58) return `{ ${inner()}${separator()}}${random() < 0.2 ? ' > /f' : ''}`;
      if (r < 0.66) return `(${inner()})`;
      if (r < 0.76) {
        let text = `if ${inner()}${separator()}then ${inner()}`;
        if (random() < 0.3) text += `${separator()}elif ${inner()}${separator()}then ${inner()}`;
        if (random() < 0.4) text += `${separator()}else ${inner()}`;
        return `${text}${separator()}fi${random() < 0.2 ? ' 2>/dev/null' : ''}`;
      }
      if (r < 0.84) return `for x in ${word(depth)} ${word(depth)}${pick(['; ', '\n'])}do ${inner()}${separator()}done`;
      if (r < 0.9) return `${pick(['while', 'until'])} ${inner()}${separator()}do ${inner()}${separator()}done`;
      if (r < 0.93) {
        let text = `case ${word(depth)}${pick([' in ', ' in\n  '])}`;
        for (let k = Math.floor(random() * 3); k >= 0; k--) {
          const patterns = random() < 0.5 ? word(depth) : `${word(depth)}${pick(['|', ' | '])}${word(depth)}`;
          text += `${pick(['', '('])}${patterns}${pick([')', ' )'])}${pick([' ', '\n', ''])}`;
          if (random() < 0.8) text += inner();
          text += pick([';;', ' ;;', '\n;;', ';;\n', ';;&', ';&', '']) + pick([' ', '\n']);
        }
        return `${text}${pick(['esac', '\nesac', ' esac'])}${random() < 0.2 ? ' > /f' : ''}`;
      }
      if (r < 0.945) {
        const body = pick([`{ ${inner()}${separator()}}`, `(${inner()})`, `{ ${inner()} }`]);
        return `${pick(['f', 'g_1', 'h-x', 'f '])}${pick(['()', '( )', '() '])}${pick([' ', '', '\n'])}${body}${pick(['', ' > /f', ' | a', ' && b', '&'])}`;
      }
      if (r < 0.96)
        return `export ${pick(['A=1', 'A', 'A=$(b)', 'A="x y" B=$C', 'A=${B:-c}', 'A= B=2', 'A=$(b; c) B=$(d)'])}`;
      return pick(['case x in a) b;;& esac', 'f() { a; }', 'a |& b', 'time a', '! a', 'a && ! b | c']);
    };
    const pipeline = (depth: number): string => {
      let text = (random() < 0.1 ? '! ' : '') + element(depth);
      while (random() < 0.2) text += pick([' | ', '|', ' |\n ']) + element(depth);
      return text;
    };
    const statement = (depth: number): string => {
      let text = pipeline(depth);
      while (random() < 0.3) text += pick([' && ', ' || ', '&&\n  ']) + pipeline(depth);
      return text;
    };
    const list = (depth: number): string => {
      let text = statement(depth);
      while (random() < 0.35) text += separator() + statement(depth);
      return text;
    };
    /** Deletes a few characters or inserts a token somewhere, to reach the places where the syntax breaks. */
    const mutate = (text: string): string => {
      const at = Math.floor(random() * (text.length + 1));
      if (random() < 0.5) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
      const tokens = [';', '\n', ' ', '(', ')', '{', '}', '&', '|', '"', "'", '$', '#', '!', '\\'];
      const token = pick([...tokens, 'fi', 'done', 'then', 'esac', ';;']);
      return text.slice(0, at) + token + text.slice(at);
    };
    let taken = 0;
    for (let n = 0; n < 3000; n++) {
      let script = list(0) + pick(['', '', ';', '\n', ' &']);
      if (random() < 0.5) script = mutate(script);
      const simple = parseSimpleList(script);
      if (!simple) continue;
      taken++;
      assert.deepStrictEqual(simple, parseWithMvdan(script), JSON.stringify(script));
    }
    assert.ok(taken > 600, `${taken} taken`);
  });

  const edges = [
    '',
    '   ',
    'echo a;',
    'a&&b||c|d;e',
    'a && b | c',
    'a | b && c | d | e',
    'apt-get install -y curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists',
    'pip install --no-cache-dir flask==3.0.3 user@host:/path a,b %x +y',
    'cd /app\tmake',
    'set -eux;   \tapk add --no-cache curl   \t;',
    'a ; b ;',
    'a && b ;',
    'A=1 make',
    'A=1',
    'A="x y" B=$C cmd arg',
    'echo "x" \'y z\' a\\ b',
    'echo "a\\$b\\n$C" ${D}x $1 $@ "$?" a#b',
    'echo a > /f 2>&1 && cat < /f >> /g; cmd &> /dev/null',
    '> /f cmd',
    'echo ~/x *.txt [ab]? {a,b}',
    'echo a\nb',
    'a;\nb',
    'a &&\n  b |\n  c',
    '[ -f x ] || echo é✓',
    './configure\r\nmake\r\nmake install',
    'export A=1',
    'export A=1 B D=$HOME; export E= && make',
    'if true; then a; fi',
    'a &',
    'a | b && c & d',
    'echo a # c',
    'echo $(date)',
    'echo ${A:-x}',
    '{ a; }',
    'set -eux; saved="$(apt-mark showmanual)"; arch="${arch##*-}"; export GNUPGHOME="$(mktemp -d)"',
    'for k in $KEYS $(cat /keys); do gpg --recv-keys "$k"; done; if [ -n "$x" ]; then (cd /a && make) | tee log; fi',
    '! a | b && c',
    'a && ! b | c',
    'while read x; do echo "$x"; done < /f',
    'until a\ndo\n  b\ndone',
    '{ echo a; echo b; } > /f',
    'if a; then b; elif c; then d; else e; fi 2>/dev/null',
    'a | { b; c; } | d',
    'echo "${A:-x y}" ${B%%[a-z]*} ${#C} ${D/x/y} ${E:-$(f)}',
    'x=$(a; b) make "$(c | d)"',
    'export X=$(a && b) Y=$(c; d | e)',
    '[ ! -d /x ] && echo !a',
    'case "$(dpkg --print-architecture)" in\n  amd64 | x86_64) a=x64 ;;\n  (arm64) a=arm64; b ;;\n  *) ;;\nesac',
    'case $x in a) b;; esac | c',
    'v=$(if a; then b; fi) w=$(for x in y; do z; done) u=$(case x in a) b;; esac)',
    'go test -run=^$ . "a$" "$ b" | tee /log',
    'apt-get install -y \\\n  curl \\\n  git\nrm -rf /x',
    'f() { a; }; b',
    'x && f() {\n  a "$@"\n}\nf x',
  ];
  for (const script of edges) {
    it(`agrees with mvdan/sh on ${JSON.stringify(script)}`, () => {
      const simple = parseSimpleList(script);
      assert.ok(simple, 'taken by the fast path');
      assert.deepStrictEqual(simple, parseWithMvdan(script));
    });
  }

  const declined = [
    'local x',
    'time make',
    'a |& b',
    'a && ',
    '; a',
    'a;; b',
    'let x=1',
    'echo `date`',
    "echo $'x'",
    'a[1]=x',
    'a=(x y)',
    'case x in a) b;;& esac',
    'case x in a) b;& esac',
    'f() { a; b; } | c',
    'f() { a; } > /f',
    'f() ( a )',
    'function f { a; }',
    'echo $((1 + 2))',
    'echo ${A:0:1}',
    'if a; then fi',
    '( )',
    'echo $()',
    'export -n A',
    'export "C=two words"',
    'for ((i = 0; i < 2; i++)); do a; done',
    'a | ! b',
    'echo a # c \\\nb',
    'echo a\\\nb',
    '[[ -f x ]]',
    'cat <<EOF',
    'diff <(a) b',
    'a > ',
    '> /f',
    'a 2>&1>f{x}>g',
    'echo {fd}>f',
    'echo "unclosed',
    'echo 😀',
  ];
  for (const script of declined) {
    it(`leaves ${JSON.stringify(script)} to mvdan/sh`, () => {
      assert.strictEqual(parseSimpleList(script), null);
    });
  }
});
