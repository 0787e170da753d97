import * as assert from 'assert';
import {
  checkExercise,
  EXERCISES,
  ExerciseError,
  exerciseFor,
  listExercises,
} from '../../server/src/lessons/exercises';
import { CheckExerciseResult, isLessonId, LESSON_ORDER } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { lintText, ruleIds } from '../support/lint';

/**
 * For every goal, edits of the reference solution that must make that goal
 * fail: the first undoes what the rule checks, later ones what the structural
 * half checks (so neither half of a goal is vacuous).
 */
const COUNTER_EXAMPLES: Record<string, Record<string, [from: string, to: string][]>> = {
  'writing-dockerfiles': {
    'slim-pinned-base': [
      ['FROM python:3.12-slim', 'FROM python'],
      ['FROM python:3.12-slim', 'FROM python:3.12'],
      ['FROM python:3.12-slim', 'FROM python:slim'],
    ],
    workdir: [
      ['WORKDIR /app\n', ''],
      ['WORKDIR /app\nCOPY requirements.txt .\n', 'COPY requirements.txt /app/\nWORKDIR /app\n'],
    ],
    'requirements-first': [
      [
        'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
        'COPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
      ],
      [
        'RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
        'RUN pip install --no-cache-dir -r requirements.txt\n',
      ],
    ],
    'pip-no-cache': [['--no-cache-dir ', '']],
    'non-root-user': [
      ['USER app\n', ''],
      ['USER app\n', 'USER root\n'],
    ],
    'exec-form-cmd': [
      ['CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]', 'CMD gunicorn --bind 0.0.0.0:8000 app:app'],
      [
        'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
        "CMD ['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']",
      ],
      ['CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n', ''],
    ],
    'no-errors': [
      ['EXPOSE 8000', 'EXPOSE 80000'],
      ['# A Flask app', '# check=skip=JSONArgsRecommended\n# A Flask app'],
    ],
  },
  'layers-and-cache': {
    'manifests-first': [
      [
        'COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n',
        'COPY . .\nRUN npm ci --omit=dev\n',
      ],
      ['RUN npm ci --omit=dev\nCOPY . .\n', 'RUN npm ci --omit=dev\n'],
    ],
    'update-with-install': [
      ['RUN apt-get update \\\n    && apt-get install', 'RUN apt-get update\nRUN apt-get install'],
      ['apt-get update \\\n    && ', ''],
    ],
    'apt-lists-cleaned': [
      [' \\\n    && rm -rf /var/lib/apt/lists/*', ''],
      [
        'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \\\n    && rm -rf /var/lib/apt/lists/*\n',
        '',
      ],
    ],
    'no-errors': [['WORKDIR /app', 'WORKDIR /app\nENV BASE=/app DATA=$BASE/data']],
  },
  'multi-stage-builds': {
    'build-stage': [
      ['\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/server /server\n', 'USER nobody\n'],
    ],
    'minimal-runtime': [['FROM gcr.io/distroless/static-debian12:nonroot\n', 'FROM alpine:3.20\nUSER nobody\n']],
    'only-the-binary': [
      ['COPY --from=build /out/server /server', 'COPY --from=build /src /src'],
      ['COPY --from=build /out/server /server', 'COPY --from=build /out/server /server\nCOPY . /src'],
    ],
    'static-binary': [['RUN CGO_ENABLED=0 go build', 'RUN go build']],
    'base-images-pinned': [['FROM golang:1.22 AS build', 'FROM golang AS build']],
    'non-root-user': [['static-debian12:nonroot', 'static-debian12:debug']],
    'no-errors': [['EXPOSE 8080', 'EXPOSE 80800']],
  },
  compose: {
    'database-volume': [
      ['    volumes:\n      - db-data:/var/lib/postgresql/data\n', ''],
      ['db-data:/var/lib/postgresql/data', './data:/var/lib/postgresql/data'],
    ],
    'database-healthy-first': [
      [
        '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U app"]\n      interval: 5s\n      timeout: 3s\n      retries: 10\n',
        '',
      ],
      ['    depends_on:\n      db:\n        condition: service_healthy\n', '    depends_on:\n      - db\n'],
    ],
    'no-literal-password': [
      ['POSTGRES_PASSWORD_FILE: /run/secrets/db_password', 'POSTGRES_PASSWORD: example'],
      ['      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n', ''],
    ],
    'no-errors': [
      ['    image: postgres:16.3\n', '    image: postgres:16.3\n    container_name: "data base"\n'],
      ['services:\n', 'services: [\n'],
    ],
  },
  security: {
    'pinned-images': [['ghcr.io/example/api:2.4.1', 'ghcr.io/example/api']],
    'local-ports': [
      ['"127.0.0.1:9000:9000"', '"9000:9000"'],
      ['"127.0.0.1:9000:9000"', '"0.0.0.0:9000:9000"'],
    ],
    'not-privileged': [
      ['    read_only: true\n', '    read_only: true\n    privileged: true\n'],
      ['    read_only: true\n', '    read_only: true\n    cap_add:\n      - ALL\n'],
    ],
    'token-as-secret': [
      ['API_TOKEN_FILE: /run/secrets/api_token', 'API_TOKEN: s3cr3t-t0ken'],
      ['    secrets:\n      - api_token\n', ''],
    ],
    'read-only-api': [['    read_only: true\n', '']],
    'no-errors': [['    read_only: true\n', '    read_only: true\n    restart_policy: always\n']],
  },
  'registries-and-tags': {
    'every-image-tagged': [['nginx-unprivileged:1.27-alpine', 'nginx-unprivileged']],
    'no-latest': [['node:20.14-alpine3.20', 'node:latest']],
    'version-tags': [
      ['node:20.14-alpine3.20', 'node:lts-alpine'],
      ['nginx-unprivileged:1.27-alpine', 'nginx-unprivileged:alpine'],
    ],
    'no-errors': [
      [
        'FROM nginxinc/nginx-unprivileged:1.27-alpine\n',
        'FROM nginxinc/nginx-unprivileged:1.27-alpine\nEXPOSE 80800\n',
      ],
    ],
  },
  'configuration-and-secrets': {
    'no-secret-build-variables': [
      ['WORKDIR /app\n', 'ARG PYPI_TOKEN\nWORKDIR /app\n'],
      ['WORKDIR /app\n', 'ENV DATABASE_PASSWORD=changeme\nWORKDIR /app\n'],
    ],
    'secret-mount': [['RUN --mount=type=secret,id=netrc,target=/root/.netrc \\\n    pip', 'RUN pip']],
    'no-credentials-in-commands': [
      ['https://pypi.example.com/simple', 'https://user:hunter2@pypi.example.com/simple'],
      ['COPY requirements.txt .\n', 'COPY requirements.txt .\nCOPY .netrc /root/.netrc\n'],
    ],
    'no-errors': [['WORKDIR /app', 'WORKDIR /app\nENV BASE=/app DATA=$BASE/data']],
  },
};

function goal(result: CheckExerciseResult, id: string) {
  const found = result.goals.find((g) => g.id === id);
  assert.ok(found, `no goal ${id}`);
  return found;
}

describe('exercises', () => {
  it('belong to distinct lessons, in syllabus order, with distinct goal ids', () => {
    const lessons = EXERCISES.map((e) => e.lesson);
    assert.ok(lessons.every(isLessonId));
    assert.deepStrictEqual(
      lessons,
      LESSON_ORDER.filter((id) => lessons.includes(id)),
    );
    assert.strictEqual(new Set(lessons).size, lessons.length);
    assert.strictEqual(EXERCISES.length, 7);
    for (const exercise of EXERCISES) {
      const ids = exercise.goals.map((g) => g.id);
      assert.strictEqual(new Set(ids).size, ids.length, exercise.lesson);
      assert.strictEqual(ids[ids.length - 1], 'no-errors');
      for (const g of exercise.goals) {
        assert.match(g.text, /^[A-Za-z].*\.$/, `${exercise.lesson}/${g.id}: one sentence`);
        assert.ok(g.hint.length > 20, `${exercise.lesson}/${g.id}: a hint`);
      }
    }
  });

  it('are listed with their starter and goals', () => {
    const listed = listExercises();
    assert.deepStrictEqual(
      listed.map((e) => e.lesson),
      EXERCISES.map((e) => e.lesson),
    );
    for (const [i, summary] of listed.entries()) {
      assert.strictEqual(summary.starter, EXERCISES[i].starter);
      assert.strictEqual(summary.language, EXERCISES[i].language);
      assert.deepStrictEqual(
        summary.goals,
        EXERCISES[i].goals.map((g) => ({ id: g.id, text: g.text })),
      );
    }
    assert.deepStrictEqual(new DockerCoachService({ docsBaseUri: 'file:///docs' }).listExercises(), listed);
  });

  for (const exercise of EXERCISES) {
    describe(exercise.lesson, () => {
      it('the starter fails at least one goal and lints without notices', () => {
        const result = checkExercise({ lesson: exercise.lesson, text: exercise.starter });
        assert.strictEqual(result.lesson, exercise.lesson);
        assert.strictEqual(result.passed, false);
        assert.ok(result.goals.some((g) => !g.passed));
        assert.deepStrictEqual(
          result.goals.map((g) => g.id),
          exercise.goals.map((g) => g.id),
        );
        assert.deepStrictEqual(lintText(exercise.starter, exercise.language).notices, []);
        // A failing goal points at a line of the file.
        for (const g of result.goals.filter((g) => !g.passed)) {
          assert.ok(
            g.line !== undefined && g.line >= 0 && g.line < exercise.starter.split('\n').length,
            `${g.id} line`,
          );
        }
      });

      it('the reference solution passes every goal and lints clean', () => {
        const result = checkExercise({ lesson: exercise.lesson, text: exercise.solution });
        assert.deepStrictEqual(
          result.goals.filter((g) => !g.passed).map((g) => g.id),
          [],
        );
        assert.strictEqual(result.passed, true);
        const lint = lintText(exercise.solution, exercise.language);
        assert.deepStrictEqual(lint.notices, []);
        assert.deepStrictEqual(ruleIds(lint), []);
      });

      it('every goal fails on its counter-examples', () => {
        const cases = COUNTER_EXAMPLES[exercise.lesson];
        assert.ok(cases, 'counter-examples for this exercise');
        assert.deepStrictEqual(Object.keys(cases).sort(), exercise.goals.map((g) => g.id).sort(), 'one entry per goal');
        for (const [id, edits] of Object.entries(cases)) {
          assert.ok(edits.length > 0, id);
          for (const [from, to] of edits) {
            assert.ok(exercise.solution.includes(from), `${id}: "${from}" is in the solution`);
            const text = exercise.solution.replace(from, to);
            const result = checkExercise({ lesson: exercise.lesson, text });
            assert.strictEqual(
              goal(result, id).passed,
              false,
              `${id} should fail after replacing ${JSON.stringify(from)} with ${JSON.stringify(to)}`,
            );
            // The goal itself fails, not the exercise's precondition.
            assert.strictEqual(
              goal(result, id).hint,
              exercise.goals.find((g) => g.id === id)!.hint,
              `${id}: ${JSON.stringify(to)} keeps what the exercise is about`,
            );
            assert.strictEqual(result.passed, false);
          }
        }
      });
    });
  }

  it('fail every goal on an empty file, without throwing', () => {
    for (const exercise of EXERCISES) {
      const result = checkExercise({ lesson: exercise.lesson, text: '' });
      assert.deepStrictEqual(
        result.goals.filter((g) => g.passed).map((g) => g.id),
        [],
        exercise.lesson,
      );
    }
  });

  it('fail every goal but "no errors" when the file drops what the exercise is about', () => {
    const cases: [lesson: string, from: string, to: string][] = [
      ['writing-dockerfiles', 'RUN pip install --no-cache-dir -r requirements.txt\n', ''],
      ['multi-stage-builds', 'RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\n', ''],
      ['compose', '  db:\n    image: postgres:16.3\n', '  db:\n    image: mysql:8.4\n'],
      [
        'security',
        '  proxy:\n    image: nginxinc/nginx-unprivileged:1.27-alpine\n    ports:\n      - "127.0.0.1:8080:8080"\n',
        '',
      ],
    ];
    for (const [lesson, from, to] of cases) {
      const exercise = exerciseFor(lesson)!;
      assert.ok(exercise.solution.includes(from), `${lesson}: ${from}`);
      const result = checkExercise({ lesson: exercise.lesson, text: exercise.solution.replace(from, to) });
      assert.deepStrictEqual(
        result.goals.filter((g) => g.passed).map((g) => g.id),
        ['no-errors'],
        lesson,
      );
      assert.ok(
        result.goals.every(
          (g) =>
            g.hint === (g.id === 'no-errors' ? exercise.goals.find((x) => x.id === g.id)!.hint : exercise.keeps.hint),
        ),
        lesson,
      );
    }
  });

  it('cannot be passed by silencing a rule', () => {
    const exercise = exerciseFor('writing-dockerfiles')!;
    const silenced = exercise.solution
      .replace('USER app\n', '')
      .replace('FROM python', '# docker-coach ignore=non-root-user\n# hadolint ignore=DL3002\nFROM python');
    // The editor honours the comments…
    assert.ok(!ruleIds(lintText(silenced)).includes('non-root-user'));
    // …the exercise check does not.
    assert.strictEqual(goal(checkExercise({ lesson: exercise.lesson, text: silenced }), 'non-root-user').passed, false);
  });

  it('accept other correct answers', () => {
    const multi = exerciseFor('multi-stage-builds')!;
    const scratch = multi.solution.replace(
      'FROM gcr.io/distroless/static-debian12:nonroot\n',
      'FROM scratch\nUSER 65532:65532\n',
    );
    assert.deepStrictEqual(
      checkExercise({ lesson: multi.lesson, text: scratch }).goals.filter((g) => !g.passed),
      [],
    );
    const env = multi.solution.replace('RUN CGO_ENABLED=0 go build', 'ENV CGO_ENABLED=0\nRUN go build');
    assert.deepStrictEqual(
      checkExercise({ lesson: multi.lesson, text: env }).goals.filter((g) => !g.passed),
      [],
    );

    const compose = exerciseFor('compose')!;
    const interpolated = compose.solution.replace(
      'POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
      'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}',
    );
    assert.strictEqual(
      goal(checkExercise({ lesson: compose.lesson, text: interpolated }), 'no-literal-password').passed,
      true,
    );

    // Commands and COPY sources are read as the rules read them (dockerfile/packages.ts, dockerfile/copies.ts).
    const writing = exerciseFor('writing-dockerfiles')!;
    const pythonPip = writing.solution.replace(
      'RUN pip install --no-cache-dir -r requirements.txt',
      'RUN python3 -m pip install --no-cache-dir --requirement=requirements.txt',
    );
    assert.deepStrictEqual(
      checkExercise({ lesson: writing.lesson, text: pythonPip }).goals.filter((g) => !g.passed),
      [],
    );
    const layers = exerciseFor('layers-and-cache')!;
    const jsonCopy = layers.solution.replace(
      'COPY package.json package-lock.json ./',
      'COPY ["package.json", "package-lock.json", "./"]',
    );
    assert.deepStrictEqual(
      checkExercise({ lesson: layers.lesson, text: jsonCopy }).goals.filter((g) => !g.passed),
      [],
    );
    const simulated = layers.solution.replace('apt-get install -y', 'apt-get install -s -y');
    assert.strictEqual(
      goal(checkExercise({ lesson: layers.lesson, text: simulated }), 'apt-lists-cleaned').passed,
      false,
      'a simulation installs nothing',
    );

    const registries = exerciseFor('registries-and-tags')!;
    const digest = registries.solution.replace(
      'nginx-unprivileged:1.27-alpine',
      `nginx-unprivileged@sha256:${'ab'.repeat(32)}`,
    );
    assert.deepStrictEqual(
      checkExercise({ lesson: registries.lesson, text: digest }).goals.filter((g) => !g.passed),
      [],
    );
  });

  it('reject a lesson without an exercise, clearly', () => {
    assert.throws(
      () => checkExercise({ lesson: 'no-such-lesson' as never, text: '' }),
      (err: Error) =>
        err instanceof ExerciseError &&
        /Unknown lesson "no-such-lesson"/.test(err.message) &&
        /layers-and-cache/.test(err.message),
    );
    assert.throws(
      () => checkExercise({ lesson: 'networking', text: '' }),
      (err: Error) => err instanceof ExerciseError && /Lesson "networking" has no exercise/.test(err.message),
    );
    assert.throws(() => checkExercise({ lesson: 'compose', text: 42 as never }), ExerciseError);
  });
});
