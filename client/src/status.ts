/**
 * The status bar item: what the language server is doing (starting, ready, linting the workspace, stopped).
 * A click opens the "Docker Coach" output. It shows while a Dockerfile, compose or .dockerignore file is the
 * active editor, and always while the workspace is linted or the server has stopped.
 */
import * as vscode from 'vscode';
import {
  Commands,
  COMPOSE_LANGUAGE_ID,
  DOCKERFILE_LANGUAGE_ID,
  DOCKERIGNORE_LANGUAGE_ID,
} from '../../server/src/protocol';

export type ServerState = 'starting' | 'ready' | 'linting' | 'stopped';

/** What the item shows, for the integration test's hook. */
export interface StatusState {
  state: ServerState;
  text: string;
  tooltip: string;
  command: string | undefined;
  visible: boolean;
}

const LANGUAGES = new Set([DOCKERFILE_LANGUAGE_ID, COMPOSE_LANGUAGE_ID, DOCKERIGNORE_LANGUAGE_ID]);

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockerCoach.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private server: Exclude<ServerState, 'linting'> = 'starting';
  /** Set while the workspace is linted: how far it got, in percent. */
  private linting: number | undefined;
  private visible = false;

  constructor() {
    this.item.name = 'Docker Coach';
    this.item.command = { title: 'Show Output', command: Commands.showOutput };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  setServer(state: Exclude<ServerState, 'linting'>): void {
    this.server = state;
    this.render();
  }

  /** Workspace lint progress in percent; undefined when it ends. */
  setLinting(percentage: number | undefined): void {
    this.linting = percentage;
    this.render();
  }

  get state(): StatusState {
    return {
      state: this.linting !== undefined && this.server === 'ready' ? 'linting' : this.server,
      text: this.item.text,
      tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '',
      command: typeof this.item.command === 'object' ? this.item.command.command : this.item.command,
      visible: this.visible,
    };
  }

  private render(): void {
    const state = this.state.state;
    const click = 'Click to show the Docker Coach output.';
    this.item.backgroundColor = undefined;
    if (state === 'starting') {
      this.item.text = '$(sync~spin) Docker Coach';
      this.item.tooltip = `Docker Coach: the language server is starting. ${click}`;
    } else if (state === 'ready') {
      this.item.text = '$(check) Docker Coach';
      this.item.tooltip = `Docker Coach: ready. ${click}`;
    } else if (state === 'linting') {
      this.item.text = `$(sync~spin) Docker Coach ${this.linting}%`;
      this.item.tooltip = `Docker Coach: linting the workspace (${this.linting}% done). ${click}`;
    } else {
      this.item.text = '$(error) Docker Coach';
      this.item.tooltip = `Docker Coach: the language server has stopped; run "Docker Coach: Restart Language Server" to start it again. ${click}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
    const language = vscode.window.activeTextEditor?.document.languageId;
    this.visible = state === 'linting' || state === 'stopped' || (language !== undefined && LANGUAGES.has(language));
    if (this.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
