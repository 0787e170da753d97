import { posix } from 'path';
import { copyInstructions } from '../../dockerfile/copies';
import { dockerignoreModel } from '../../dockerignore/model';
import { defineDockerfileRule } from '../types';

/** What a whole-context copy should never take along. */
const MUST_EXCLUDE = ['.git', '.env'];

export default defineDockerfileRule({
  id: 'copy-all-without-dockerignore',
  title: 'Copying the whole context needs a .dockerignore',
  defaultSeverity: 'warning',
  category: 'security',
  equivalents: [],
  lesson: 'layers-and-cache',
  fix: 'none',
  messages: {
    missing: '{keyword} {source} copies the whole build context, and the context has no .dockerignore: add one that leaves out .git, .env, dependencies and build output.',
    incomplete: '{keyword} {source} copies the whole build context, and {file} does not exclude {names}: add {names} to it.',
  },
  docs: {
    flags: 'A `COPY` or `ADD` of the whole build context (source `.` or `./`) when the context has no `.dockerignore`. When the `.dockerignore` exists but excludes neither `.git` nor `.env` (or one of them), the finding is one level milder (info by default). Only reported when the editor or CLI knows the build context, which is assumed to be the Dockerfile\'s folder.',
    why: 'Without a `.dockerignore`, `COPY . .` takes everything in the folder: the `.git` directory with the whole history, `.env` files with passwords, local `node_modules` or virtual environments built for another system, logs and build output. The image grows, secrets end up in a layer anyone who pulls the image can read, and any edited file — even a README — changes the layer\'s cache key, so every later step is rebuilt. A `.dockerignore` that lists these keeps the context small and the cache useful.',
    bad: [
      { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n', dockerignore: null },
      { caption: 'The .dockerignore forgets .git', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n', dockerignore: '.env\n__pycache__\n' },
    ],
    good: [
      { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n', dockerignore: '.git\n.env\n__pycache__\n' },
      { caption: 'Copying named files needs no .dockerignore', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py ./\nUSER nobody\nCMD ["python", "app.py"]\n', dockerignore: null },
    ],
  },
  check(model, report, context) {
    const ignoreFile = context.dockerignore;
    if (ignoreFile === undefined) return;
    const missing = ignoreFile === null ? [] : MUST_EXCLUDE.filter((name) => !dockerignoreModel(ignoreFile.text).ignores(name));
    if (ignoreFile !== null && missing.length === 0) return;
    for (const copy of copyInstructions(model)) {
      if (copy.from !== null) continue;
      const whole = copy.sources.find((s) => s.value === '.' || s.value === './');
      if (!whole) continue;
      if (ignoreFile === null) {
        report({ messageId: 'missing', data: { keyword: copy.keyword, source: whole.value }, range: whole.range });
      } else {
        report({ messageId: 'incomplete', data: { keyword: copy.keyword, source: whole.value, file: posix.basename(ignoreFile.path), names: missing.join(' and ') }, range: whole.range, milder: true });
      }
    }
  },
});
