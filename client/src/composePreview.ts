/**
 * "Show Effective Compose Configuration": the project a compose file belongs to, merged and
 * interpolated by the server (as `docker compose config` loads it), shown as a read-only YAML
 * document of its own scheme. The document follows edits of the files it was read from, changes
 * on disk and the `dockerCoach.compose.profiles` setting; "Select Compose Profiles…" changes the
 * profiles of one preview.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  Commands,
  COMPOSE_LANGUAGE_ID,
  EffectiveComposeConfig,
  EffectiveComposeConfigParams,
} from '../../server/src/protocol';

export const PREVIEW_SCHEME = 'docker-coach-compose';

/** How long edits must pause before a preview is computed again. */
const REFRESH_DELAY_MS = 250;

export type ConfigRequest = (params: EffectiveComposeConfigParams) => Promise<EffectiveComposeConfig>;

interface Preview {
  source: vscode.Uri;
  /** Profiles chosen for this preview; undefined: the setting's. */
  profiles: string[] | undefined;
  /** The last answer (loaded files, profiles for the pick). */
  result: EffectiveComposeConfig | undefined;
}

export class ComposePreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly previews = new Map<string, Preview>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly request: ConfigRequest,
    private readonly log: (line: string) => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.yml,*.yaml,.env,*.env}');
    const onDisk = (uri: vscode.Uri) => this.fileChanged(uri);
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      this.changes,
      watcher,
      watcher.onDidChange(onDisk),
      watcher.onDidCreate(onDisk),
      watcher.onDidDelete(onDisk),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.fileChanged(e.document.uri)),
      // Closing a file with unsaved edits puts the disk's text back in charge.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === PREVIEW_SCHEME) this.previews.delete(document.uri.toString());
        else this.fileChanged(document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const [key, preview] of this.previews) {
          if (preview.profiles === undefined && e.affectsConfiguration('dockerCoach.compose.profiles', preview.source))
            this.schedule(key);
        }
      }),
    );
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** The command: the preview of `target` (the explorer's or editor title's file), else of the active compose file. */
  async show(target?: unknown): Promise<vscode.TextEditor | undefined> {
    const source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    const active = vscode.window.activeTextEditor?.document;
    if (!source || (!(target instanceof vscode.Uri) && active?.languageId !== COMPOSE_LANGUAGE_ID)) {
      void vscode.window.showInformationMessage(
        'Open a compose file to see the effective configuration of its project.',
      );
      return undefined;
    }
    if (source.scheme !== 'file') {
      void vscode.window.showInformationMessage(
        'Save the compose file first: the effective configuration is computed for a project folder on disk.',
      );
      return undefined;
    }
    const existing = [...this.previews.entries()].find(([, p]) => p.source.toString() === source.toString());
    let uri: vscode.Uri;
    if (existing) {
      uri = vscode.Uri.parse(existing[0]);
      this.changes.fire(uri);
    } else {
      const preview: Preview = { source, profiles: undefined, result: undefined };
      let result: EffectiveComposeConfig;
      try {
        result = await this.fetch(preview);
      } catch (err) {
        void vscode.window.showErrorMessage(
          `Docker Coach could not compute the effective configuration: ${err instanceof Error ? err.message : String(err)}`,
        );
        return undefined;
      }
      // The tab's title is the file name: it names the project.
      uri = vscode.Uri.from({
        scheme: PREVIEW_SCHEME,
        path: `/${result.projectName || 'compose'} (effective config).yaml`,
        query: source.toString(),
      });
      this.previews.set(uri.toString(), preview);
      if (result.errors) {
        void vscode.window.showWarningMessage(
          `Docker Compose would refuse the project "${result.projectName}": ${result.errors} ${result.errors === 1 ? 'error' : 'errors'}, listed at the top of the preview.`,
        );
      }
    }
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'yaml') document = await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** The command: choose the profiles of the active preview (or of the active compose file's preview). */
  async selectProfiles(): Promise<void> {
    let editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.scheme !== PREVIEW_SCHEME) editor = await this.show();
    const key = editor?.document.uri.toString();
    const preview = key ? this.previews.get(key) : undefined;
    if (!key || !preview) return;
    const result = preview.result ?? (await this.fetch(preview));
    if (result.availableProfiles.length === 0) {
      void vscode.window.showInformationMessage(`No service of the project "${result.projectName}" has profiles.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      result.availableProfiles.map((p) => ({
        label: p,
        picked: result.profiles.includes(p) || result.profiles.includes('*'),
      })),
      { canPickMany: true, placeHolder: 'Profiles to enable (as docker compose --profile)' },
    );
    if (!picked) return;
    preview.profiles = picked.map((p) => p.label);
    this.changes.fire(vscode.Uri.parse(key));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let preview = this.previews.get(uri.toString());
    if (!preview) {
      // A preview restored after a reload: its source is in the query.
      preview = { source: vscode.Uri.parse(uri.query), profiles: undefined, result: undefined };
      this.previews.set(uri.toString(), preview);
    }
    try {
      return (await this.fetch(preview)).text;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`[compose] effective configuration of ${preview.source.fsPath}: ${message}`);
      return `# The effective configuration could not be computed: ${message}\n`;
    }
  }

  private async fetch(preview: Preview): Promise<EffectiveComposeConfig> {
    const profiles =
      preview.profiles ??
      vscode.workspace.getConfiguration('dockerCoach', preview.source).get<string[]>('compose.profiles', []);
    preview.result = await this.request({
      uri: preview.source.toString(),
      profiles: Array.isArray(profiles) ? profiles.filter((p) => typeof p === 'string') : [],
    });
    return preview.result;
  }

  /** A file changed: previews that read it, or whose project folder holds it (a new override file), are computed again. */
  private fileChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || this.previews.size === 0) return;
    const file = uri.fsPath;
    for (const [key, preview] of this.previews) {
      const result = preview.result;
      const concerned =
        !result ||
        result.loadedFiles.includes(file) ||
        path.dirname(file) === result.workingDir ||
        file === preview.source.fsPath;
      if (concerned) this.schedule(key);
    }
  }

  private schedule(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (this.previews.has(key)) this.changes.fire(vscode.Uri.parse(key));
      }, REFRESH_DELAY_MS),
    );
  }
}

/** Registers the preview provider and its two commands. */
export function registerComposePreviews(request: ConfigRequest, log: (line: string) => void): vscode.Disposable[] {
  const previews = new ComposePreviews(request, log);
  return [
    previews,
    vscode.commands.registerCommand(Commands.showEffectiveComposeConfig, (target?: unknown) => previews.show(target)),
    vscode.commands.registerCommand(Commands.selectComposeProfiles, () => previews.selectProfiles()),
  ];
}
