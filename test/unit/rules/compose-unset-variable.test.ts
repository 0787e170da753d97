/** compose-unset-variable: variables without a value, as Compose loads the project around the file. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol';
import { ComposeProjects } from '../../../server/src/engine/composeProjects';
import { lint } from '../../../server/src/engine/lint';
import { findingsOf } from '../../support/lint';

/** Lints `compose.yaml` of a temporary folder holding `files`, in the environment `env`: `line:col severity text: message`. */
function unset(files: Record<string, string>, env: Record<string, string> = {}, file = 'compose.yaml'): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-unset-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const projects = new ComposeProjects({ openText: () => undefined, env, maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const absolute = path.join(dir, file);
    const document = TextDocument.create(pathToFileURL(absolute).toString(), 'dockercompose', 1, files[file]);
    const result = lint(document, DEFAULT_SETTINGS, undefined, {
      composeProject: (d) => projects.contextFor(absolute, d.getText()),
      readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null),
    });
    return result.findings
      .filter((f) => f.rule.id === 'compose-unset-variable')
      .map(
        (f) =>
          `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${document.getText(f.range)}: ${f.message}`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('compose-unset-variable', () => {
  it('warns where a variable without value or default is written, and errs for a required one', () => {
    const compose =
      'services:\n  web:\n    image: "nginx:${TAG}"\n    ports: ["$PORT:80"]\n    environment:\n      KEY: ${API_KEY:?set API_KEY in .env}\n      MODE: ${MODE:-dev}\n';
    assert.deepStrictEqual(unset({ 'compose.yaml': compose }), [
      '3:19 warning ${TAG}: The variable "TAG" is not set (neither in the environment nor in .env) and has no default: Compose warns and puts an empty string here.',
      '4:14 warning $PORT: The variable "PORT" is not set (neither in the environment nor in .env) and has no default: Compose warns and puts an empty string here.',
      '6:12 error ${API_KEY:?set API_KEY in .env}: The variable "API_KEY" is required and has no value, so Compose refuses to load the project: "required variable API_KEY is missing a value: set API_KEY in .env".',
    ]);
  });

  it('takes values from .env and from the environment', () => {
    const compose =
      'services:\n  web:\n    image: "nginx:${TAG}"\n    ports: ["${PORT}:80"]\n    environment:\n      KEY: ${API_KEY:?needed}\n';
    assert.deepStrictEqual(
      unset({ 'compose.yaml': compose, '.env': 'TAG=1.27\nexport API_KEY="k"\n' }, { PORT: '8080' }),
      [],
    );
  });

  it('says when a committed example env file lists the variable', () => {
    const compose =
      'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n';
    assert.deepStrictEqual(unset({ 'compose.yaml': compose, '.env.example': '# copy to .env\nDB_PASSWORD=\n' }), [
      '5:26 warning ${DB_PASSWORD}: The variable "DB_PASSWORD" is not set: .env.example lists it, but there is no .env value and the environment has none, so Compose warns and puts an empty string here. Copy .env.example to .env and fill it in, or set it in the environment.',
    ]);
  });

  it('reports a variable of an override file where the override writes it, with the project .env', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: ["${PORT}:80", "${ADMIN_PORT}:81"]\n',
      '.env': 'PORT=8080\n',
    };
    assert.deepStrictEqual(
      unset(files, {}, 'compose.override.yaml').map((f) => f.split(':').slice(0, 2).join(':')),
      ['3:28 warning ${ADMIN_PORT}'],
    );
    assert.deepStrictEqual(unset(files, {}, 'compose.yaml'), []);
  });

  it('says nothing about files it cannot place in a project (untitled, standard input)', () => {
    assert.deepStrictEqual(findingsOf('compose-unset-variable', 'services:\n  web:\n    image: "nginx:${TAG}"\n'), []);
  });
});
