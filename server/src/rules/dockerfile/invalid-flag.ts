import { TextEdit } from 'vscode-languageserver-types';
import { MOUNT_OPTIONS, MOUNT_TYPES } from '../../dockerfile/instructionFlags';
import { acceptedFlags, FlagWord, instructionFlagWords } from '../../dockerfile/flags';
import { DockerfileModel } from '../../dockerfile/model';
import { closestMatch } from '../../util/distance';
import { isGoBool, isGoRamSize, parseGoDuration, parseGoInt32, parseGoUint32 } from '../../util/goParse';
import { defineDockerfileRule, Report } from '../types';

const DURATION_FLAGS = new Set(['interval', 'timeout', 'start-period', 'start-interval']);
const NETWORKS = ['default', 'none', 'host'];
const SECURITY = ['sandbox', 'insecure'];

export default defineDockerfileRule({
  id: 'invalid-flag',
  title: 'Instruction flags BuildKit rejects',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'writing-dockerfiles',
  fix: 'unsafe',
  messages: {
    unknown: '{keyword} has no --{name} flag.',
    unknownSuggest: '{keyword} has no --{name} flag: did you mean --{suggestion}?',
    noFlags: '{keyword} takes no flags: BuildKit reads "--{name}" as an unknown flag.',
    duplicate: '--{name} is given more than once: {keyword} accepts it once.',
    missingValue: '--{name} needs a value: {syntax}.',
    emptyBool: '--{name}= needs true or false after the "=", or no "=" at all.',
    notBool: '--{name} takes true or false, not "{value}".',
    duration: '--{name}={value} is not a duration: write a number with a unit, such as 30s, 1m30s or 500ms.',
    durationVariable:
      '--{name}={value}: BuildKit does not expand variables in HEALTHCHECK flags, so this is not a duration.',
    durationUnit: '--{name}={value} has no unit: write it with one, such as {value}s (units: ns, us, ms, s, m, h).',
    durationUnknownUnit: '--{name}={value}: "{unit}" is not a duration unit (use ns, us, ms, s, m or h).',
    durationTooShort: '--{name}={value} is shorter than the 1ms minimum (only 0 is allowed below it).',
    retries: '--retries={value} is not a whole number.',
    retriesNegative: '--retries cannot be negative.',
    network: '--network={value} is not a network mode: use default, none or host.',
    security: '--security={value} is not a security mode: use sandbox or insecure.',
    mount: '--mount: {problem}.',
    device: '--device: {problem}.',
  },
  docs: {
    flags: `Flags that make BuildKit stop with a parse error: an unknown flag (flag names are case-sensitive),
      a flag on an instruction that takes none (\`ENV\`, \`WORKDIR\`, \`CMD\`…), a flag given twice, a flag without
      its value (\`COPY --chmod . .\`), a boolean flag with another value, a \`HEALTHCHECK\` duration without a unit
      or shorter than 1ms, a \`--retries\` that is not a whole number, a \`RUN --network\` or \`--security\` mode that
      does not exist, and \`RUN --mount\` or \`--device\` options that BuildKit refuses (unknown keys or mount
      types, options of another mount type, bad numbers). \`ARG\` and \`STOPSIGNAL\` flags and the flags of
      \`HEALTHCHECK NONE\` are left alone: BuildKit ignores them. Mount options that use variables are only
      checked for \`from\`, which never expands them. The instructions of \`ONBUILD\` triggers are checked the same
      way.`,
    why: `BuildKit checks every instruction before it builds anything, so one wrong flag fails the whole
      build. Durations are Go durations: \`--interval=30\` has no unit and is refused, and anything between 0 and
      1ms is refused too. Flags that need a newer Dockerfile frontend (\`COPY --parents\`, \`--exclude\`, \`RUN
      --security\`, \`--device\`) are not reported here, since the frontend that runs the build decides. The quick
      fix corrects a misspelt flag name.`,
    bad: [
      {
        code: `FROM alpine:3.20
COPY --chowm=app:app . /app
USER nobody
`,
        fixed: `FROM alpine:3.20
COPY --chown=app:app . /app
USER nobody
`,
        expect: [{ messageId: 'unknownSuggest', line: 2, column: 8, text: 'chowm' }],
      },
      {
        code: `FROM alpine:3.20
HEALTHCHECK --interval=30 CMD wget -q -O /dev/null http://localhost/ || exit 1
USER nobody
`,
        expect: [{ messageId: 'durationUnit', line: 2, column: 24, text: '30' }],
      },
      {
        code: `FROM alpine:3.20
RUN --mount=type=cache,target=/root/.cache,size=1g apk add --no-cache curl
USER nobody
`,
        expect: [{ messageId: 'mount', line: 2, column: 13, text: 'type=cache,target=/root/.cache,size=1g' }],
      },
    ],
    good: [
      {
        code: `FROM alpine:3.20
COPY --chown=app:app . /app
USER nobody
`,
      },
      {
        code: `FROM alpine:3.20
HEALTHCHECK --interval=30s --retries=3 CMD wget -q -O /dev/null http://localhost/ || exit 1
USER nobody
`,
      },
      {
        code: `FROM alpine:3.20
RUN --mount=type=tmpfs,target=/tmp,size=1g --network=none echo hi
USER nobody
`,
      },
    ],
  },
  check(model, report) {
    // ONBUILD triggers are checked too: BuildKit parses a trigger's flags only when a child image runs it,
    // so a wrong flag there breaks every image built FROM this one.
    const triggers = model.scopes.filter((scope) => scope.kind === 'onbuild').flatMap((scope) => scope.instructions);
    for (const instruction of [...model.ast.getInstructions(), ...triggers]) {
      const words = instructionFlagWords(model, instruction);
      if (words.length === 0) continue;
      const keyword = instruction.getKeyword().toUpperCase();
      const accepted = acceptedFlags(keyword, instruction);
      if (!accepted) continue;
      const seen = new Set<string>();
      for (const word of words) {
        // Ranges only for findings: most flags are fine.
        const range = () => model.rangeOf(word.start, word.end);
        const nameRange = () => model.rangeOf(word.nameStart, word.nameEnd);
        const flag = accepted.get(word.name);
        if (!flag) {
          if (accepted.size === 0) {
            report({ messageId: 'noFlags', data: { keyword, name: word.name }, range: range() });
            continue;
          }
          const suggestion = closestMatch(word.name, accepted.keys());
          report({
            messageId: suggestion ? 'unknownSuggest' : 'unknown',
            data: { keyword, name: word.name, suggestion: suggestion ?? '' },
            range: nameRange(),
            fixes: suggestion
              ? () => [
                  {
                    title: `Change to --${suggestion}`,
                    safe: false,
                    edits: [TextEdit.replace(nameRange(), suggestion)],
                  },
                ]
              : undefined,
          });
          continue;
        }
        if (seen.has(word.name) && !flag.repeatable) {
          report({ messageId: 'duplicate', data: { keyword, name: word.name }, range: nameRange() });
        }
        seen.add(word.name);
        if (flag.kind === 'bool') {
          if (word.value === '') report({ messageId: 'emptyBool', data: { name: word.name }, range: range() });
          else if (word.value !== null && !['true', 'false'].includes(word.value.toLowerCase())) {
            report({
              messageId: 'notBool',
              data: { name: word.name, value: word.value },
              range: valueRange(model, word),
            });
          }
          continue;
        }
        if (word.value === null) {
          report({ messageId: 'missingValue', data: { name: word.name, syntax: flag.syntax }, range: nameRange() });
          continue;
        }
        checkValue(model, keyword, word, report);
      }
    }
  },
});

function valueRange(model: DockerfileModel, word: FlagWord) {
  return model.rangeOf(word.valueStart, word.end);
}

function checkValue(model: DockerfileModel, keyword: string, word: FlagWord, report: Report): void {
  const value = word.value!;
  const range = valueRange(model, word);
  const name = word.name;
  if (keyword === 'HEALTHCHECK' && DURATION_FLAGS.has(name)) {
    if (value === '') return;
    if (value.includes('$')) {
      report({ messageId: 'durationVariable', data: { name, value }, range });
      return;
    }
    const parsed = parseGoDuration(value);
    if ('problem' in parsed) {
      const problem = parsed.problem;
      if (problem === 'invalid') report({ messageId: 'duration', data: { name, value }, range });
      else if (problem === 'missing-unit') report({ messageId: 'durationUnit', data: { name, value }, range });
      else report({ messageId: 'durationUnknownUnit', data: { name, value, unit: problem.unknownUnit }, range });
    } else if (parsed.nanoseconds !== 0 && parsed.nanoseconds < 1e6) {
      report({ messageId: 'durationTooShort', data: { name, value }, range });
    }
  } else if (keyword === 'HEALTHCHECK' && name === 'retries') {
    if (value === '') return;
    const retries = parseGoInt32(value);
    if (retries === null) report({ messageId: 'retries', data: { value }, range });
    else if (retries < 0) report({ messageId: 'retriesNegative', data: { value }, range });
  } else if (keyword === 'RUN' && name === 'network') {
    if (!NETWORKS.includes(value)) report({ messageId: 'network', data: { value }, range });
  } else if (keyword === 'RUN' && name === 'security') {
    if (!SECURITY.includes(value)) report({ messageId: 'security', data: { value }, range });
  } else if (keyword === 'RUN' && name === 'mount') {
    const problem = mountProblem(value);
    if (problem) report({ messageId: 'mount', data: { problem }, range });
  } else if (keyword === 'RUN' && name === 'device') {
    const problem = deviceProblem(value);
    if (problem) report({ messageId: 'device', data: { problem }, range });
  }
}

/** Every option key BuildKit's mount parser knows (it lower-cases them). */
const MOUNT_KEYS = new Set([
  'type',
  'required',
  ...Object.values(MOUNT_OPTIONS).flatMap((options) => options.flatMap((o) => [o.name, ...(o.aliases ?? [])])),
]);
MOUNT_KEYS.add('rw').add('readwrite').add('ro').add('readonly');
const FILE_INFO_TYPES = new Set(['secret', 'ssh', 'cache']);

/** Splits a CSV record as Go's encoding/csv does for one line (double quotes group, `""` is a quote). */
function csvFields(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',') return null;
    } else {
      while (i < text.length && text[i] !== ',') {
        if (text[i] === '"') return null;
        field += text[i++];
      }
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++;
  }
}

/** What BuildKit's `RUN --mount` parser refuses in `value`, in words; null when it accepts it (or cannot be judged before variables expand). */
export function mountProblem(value: string): string | null {
  const fields = csvFields(value);
  if (!fields) return 'the options are not valid comma-separated values';
  const fromField = fields.find((f) => /^from=/i.test(f));
  if (fromField && /\$./.test(fromField))
    return '"from" does not expand variables: name a stage with the image instead';
  if (value.includes('$')) return null;
  let type = 'bind';
  const set = new Set<string>();
  let sharing = false;
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? null : field.slice(eq + 1);
    if (v === null) {
      if (['readonly', 'ro', 'readwrite', 'rw'].includes(key)) continue;
      if (key === 'required') {
        if (type === 'secret' || type === 'ssh') continue;
        return `"required" is only for secret and ssh mounts (this one is ${type}; give type= first)`;
      }
      return `"${field}" needs a value (key=value)`;
    }
    if (!MOUNT_KEYS.has(key)) {
      const suggestion = closestMatch(key, MOUNT_KEYS);
      return `"${key}" is not a mount option${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
    }
    set.add(key);
    switch (key) {
      case 'type': {
        const t = v.toLowerCase();
        if (!(t in MOUNT_TYPES)) return `"${v}" is not a mount type: use bind, cache, tmpfs, secret or ssh`;
        type = t;
        break;
      }
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw':
        if (!isGoBool(v)) return `${key}=${v} takes true or false`;
        break;
      case 'required':
        if (type !== 'secret' && type !== 'ssh')
          return `"required" is only for secret and ssh mounts (this one is ${type}; give type= first)`;
        if (!isGoBool(v)) return `required=${v} takes true or false`;
        break;
      case 'size':
        if (type !== 'tmpfs') return `"size" is only for tmpfs mounts (this one is ${type}; give type= first)`;
        if (!isGoRamSize(v)) return `size=${v} is not a size (such as 64m or 1g)`;
        break;
      case 'sharing':
        if (!['shared', 'private', 'locked'].includes(v.toLowerCase()))
          return `sharing=${v} is not a sharing mode: use shared, private or locked`;
        sharing = true;
        break;
      case 'mode':
        if (parseGoUint32(v, 8) === null) return `mode=${v} is not an octal file mode (such as 0755)`;
        break;
      case 'uid':
      case 'gid':
        if (parseGoUint32(v, 10) === null) return `${key}=${v} is not a numeric ID`;
        break;
    }
  }
  if (!FILE_INFO_TYPES.has(type)) {
    for (const key of ['mode', 'uid', 'gid']) if (set.has(key)) return `"${key}" is not allowed for ${type} mounts`;
  }
  if (type === 'secret') {
    if (set.has('from')) return 'a secret mount cannot have "from"';
    if (sharing) return 'a secret mount cannot set "sharing"';
    const has = (...keys: string[]) => keys.some((k) => set.has(k));
    if (!has('source', 'src', 'target', 'dst', 'destination', 'id', 'env'))
      return 'a secret mount needs an id, a source or a target';
    if (has('source', 'src') && set.has('id')) return 'a secret mount cannot have both "source" and "id"';
  }
  if (sharing && type !== 'cache') return '"sharing" is only for cache mounts';
  return null;
}

/** What BuildKit's `RUN --device` parser refuses; null when it accepts it. */
export function deviceProblem(value: string): string | null {
  if (value.includes('$')) return null;
  const fields = csvFields(value);
  if (!fields) return 'the options are not valid comma-separated values';
  let name = '';
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'required') continue;
      if (name === '') {
        name = field;
        continue;
      }
      return `"${field}" needs a value (key=value)`;
    }
    const v = field.slice(eq + 1);
    if (key === 'name') {
      if (name !== '') return `the device name is already ${name}`;
      name = v;
    } else if (key === 'required') {
      if (!isGoBool(v)) return `required=${v} takes true or false`;
    } else if (name === '') {
      name = field;
    } else {
      return `"${key}" is not a device option (use name and required)`;
    }
  }
  return null;
}
