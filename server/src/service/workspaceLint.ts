/**
 * "Lint Workspace": every Dockerfile, compose file and .dockerignore file of the workspace folders, found
 * with the CLI's rules (`.gitignore`, dependency and build folders skipped), linted from disk and published
 * like the diagnostics of open documents. Open documents keep their live diagnostics.
 *
 * The results of files that are not open stay until the next workspace lint or a clear: a file that closes
 * is linted again from disk rather than cleared, one that changes on disk is linted again (or cleared
 * when it is gone), and all of them are linted again when the settings or a configuration file change.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Diagnostic } from 'vscode-languageserver-types';
import { discover } from '../engine/discover';
import { WorkspaceLintResult } from '../protocol';

/** What the workspace lint needs from the server. */
export interface WorkspaceLintHost {
  /** The diagnostics of a file on disk (its text as saved), or null when it cannot be read. */
  lintFile(uri: string, file: string, language: string): Promise<Diagnostic[] | null>;
  isOpen(uri: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
}

export interface WorkspaceLintRun {
  /** Called before each file, and once at the end (`done === total`). */
  progress?(done: number, total: number, file: string): void;
  isCancelled?(): boolean;
}

/** The files a workspace lint looks at in these folders, in the CLI's order, with their language. */
export function workspaceFiles(folders: readonly string[]): { file: string; uri: string; language: string }[] {
  const errors: string[] = [];
  const files: { file: string; uri: string; language: string }[] = [];
  for (const folder of folders) {
    // A folder without any file is no error here; unreadable subfolders are skipped as the CLI skips them.
    for (const input of discover([folder], null, errors)) {
      // A name that is not valid UTF-8 has no file URI an editor would open.
      if (input.pathBytes) continue;
      const file = path.resolve(input.file);
      files.push({ file, uri: pathToFileURL(file).toString(), language: input.language });
    }
  }
  return files;
}

export class WorkspaceLint {
  /** Files whose diagnostics come from the workspace lint when they are not open: uri → path and language. */
  private readonly linted = new Map<string, { file: string; language: string }>();
  private running = false;
  /** Bumped by every run, clear and refreshAll: an older refreshAll stops at its next file. */
  private generation = 0;

  constructor(private readonly host: WorkspaceLintHost) {}

  get isRunning(): boolean {
    return this.running;
  }

  has(uri: string): boolean {
    return this.linted.has(uri);
  }

  /**
   * Lints every file of the folders that is not open; open ones keep their live diagnostics and become
   * part of the results (so that closing them keeps diagnostics). Files of the previous run that are no
   * longer found lose theirs. A cancelled run keeps what it published.
   */
  async run(folders: readonly string[], run: WorkspaceLintRun = {}): Promise<WorkspaceLintResult> {
    if (this.running) throw new Error('a workspace lint is already running');
    this.running = true;
    this.generation++;
    try {
      const files = workspaceFiles(folders);
      const found = new Set(files.map((f) => f.uri));
      for (const uri of [...this.linted.keys()]) {
        if (found.has(uri)) continue;
        this.linted.delete(uri);
        if (!this.host.isOpen(uri)) this.host.publish(uri, []);
      }
      const result: WorkspaceLintResult = {
        files: files.length,
        linted: 0,
        problems: 0,
        filesWithProblems: 0,
        cancelled: false,
      };
      for (const [index, { file, uri, language }] of files.entries()) {
        if (run.isCancelled?.()) {
          result.cancelled = true;
          break;
        }
        run.progress?.(index, files.length, file);
        this.linted.set(uri, { file, language });
        if (this.host.isOpen(uri)) continue;
        const diagnostics = await this.host.lintFile(uri, file, language);
        // Opened while it was linted: the live diagnostics win.
        if (this.host.isOpen(uri)) continue;
        this.host.publish(uri, diagnostics ?? []);
        result.linted++;
        result.problems += diagnostics?.length ?? 0;
        if (diagnostics?.length) result.filesWithProblems++;
      }
      if (!result.cancelled) run.progress?.(files.length, files.length, '');
      return result;
    } finally {
      this.running = false;
    }
  }

  /** A document of the results closed, or changed on disk while not open: its diagnostics from disk again. */
  async refresh(uri: string): Promise<void> {
    const entry = this.linted.get(uri);
    if (!entry || this.host.isOpen(uri)) return;
    const diagnostics = await this.host.lintFile(uri, entry.file, entry.language);
    if (this.host.isOpen(uri) || this.linted.get(uri) !== entry) return;
    if (diagnostics === null) {
      // Gone (deleted, or no longer a regular file).
      this.linted.delete(uri);
      this.host.publish(uri, []);
      return;
    }
    this.host.publish(uri, diagnostics);
  }

  /**
   * The settings or a configuration file (`.hadolint.yaml`) changed: every file of the results that is not open is
   * linted again from disk, one at a time. A later refreshAll, run or clear takes over, so at most one goes on.
   */
  async refreshAll(): Promise<void> {
    const generation = ++this.generation;
    for (const uri of [...this.linted.keys()]) {
      if (this.generation !== generation) return;
      await this.refresh(uri);
    }
  }

  /** Forgets every result; files that are not open lose their diagnostics. Returns how many files had results. */
  clear(): number {
    this.generation++;
    const count = this.linted.size;
    for (const uri of this.linted.keys()) if (!this.host.isOpen(uri)) this.host.publish(uri, []);
    this.linted.clear();
    return count;
  }
}
