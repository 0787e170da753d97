/**
 * The language id a document is handled as. Editors name these languages their own way (Neovim's
 * filetypes, Helix's language names, Emacs's major modes), and the rest of the server only knows
 * its three ids: anything else would be read as a Dockerfile. So the id a client sends on
 * `didOpen` goes through here first: a file name that the VS Code manifest's patterns give one of our
 * languages decides, and otherwise a known alias becomes ours (an id we do not know, `yaml` or
 * `plaintext`, is left as it is).
 */
import { COMPOSE_LANGUAGE_ID, DOCKERFILE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID } from './protocol';

const ALIASES: ReadonlyMap<string, string> = new Map([
  [DOCKERFILE_LANGUAGE_ID, DOCKERFILE_LANGUAGE_ID],
  ['containerfile', DOCKERFILE_LANGUAGE_ID],
  // Emacs: eglot's default id for dockerfile-ts-mode is the mode's name without "-mode".
  ['dockerfile-ts', DOCKERFILE_LANGUAGE_ID],
  [COMPOSE_LANGUAGE_ID, COMPOSE_LANGUAGE_ID],
  // Helix's language name and Emacs's docker-compose-mode.
  ['docker-compose', COMPOSE_LANGUAGE_ID],
  // The filetype Neovim users give compose files (a YAML file with compose on top).
  ['yaml.docker-compose', COMPOSE_LANGUAGE_ID],
  [DOCKERIGNORE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID],
]);

/** The same file names as the manifest's `contributes.languages`. */
const BY_FILE_NAME: readonly [RegExp, string][] = [
  [/^(?:\.dockerignore|.+\.dockerignore)$/, DOCKERIGNORE_LANGUAGE_ID],
  [/^(?:Dockerfile|Containerfile)(?:\..+)?$|\.(?:dockerfile|Dockerfile|containerfile)$/, DOCKERFILE_LANGUAGE_ID],
  [/^(?:compose(?:\..+)?|docker-compose.*)\.ya?ml$/, COMPOSE_LANGUAGE_ID],
];

export function canonicalLanguageId(languageId: string, uri: string): string {
  const name = fileNameOf(uri);
  const byName = BY_FILE_NAME.find(([pattern]) => pattern.test(name))?.[1];
  // A name that is one of our languages wins over an id of another of them: a client may send one id for
  // every document of a server (Eglot 1.9 sends the id of the document that started it), and a
  // `docker-compose.yml` read as a Dockerfile would get nothing but wrong findings.
  return byName ?? ALIASES.get(languageId.toLowerCase()) ?? languageId;
}

function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.includes('/') ? path.replace(/^.*\//, '') : path.replace(/^[a-z][a-z0-9+.-]*:/i, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a malformed escape: the name as written
  }
}
