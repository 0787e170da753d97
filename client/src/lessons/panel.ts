/**
 * The lesson panel: one reused webview that loads the shell of pages.ts once,
 * then gets pages and exercise results as messages (media/lesson.js renders
 * them and confirms each one). It knows nothing of lessons beyond what it is
 * sent; links clicked in it go to the `link` callback.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { GoalResult, LessonId } from '../../../server/src/protocol';
import { Page, viewShell } from './pages';

export const LESSON_VIEW_TYPE = 'dockerCoach.lesson';

/** Exercise results as the view shows them. */
export interface ViewResults {
  lesson: LessonId;
  title: string;
  passed: boolean;
  goals: GoalResult[];
}

/** A page as the view shows it. */
export interface PageView {
  page: Page;
  title: string;
  header: string;
  body: string;
  footer: string;
  completed: boolean;
  results?: ViewResults;
  /** Move the keyboard focus into the page. */
  focus: boolean;
  /** The anchor to scroll to. */
  fragment?: string;
}

/** Messages to the view's script (media/lesson.js). */
type ShowMessage = { type: 'show'; seq: number } & PageView;
type ToView =
  | ShowMessage
  | { type: 'results'; seq: number; results: ViewResults }
  | { type: 'completed'; seq: number; completed: boolean };

/** Messages from the view's script. */
type FromView = { type: 'ready' } | { type: 'link'; href: string } | { type: 'rendered'; seq: number };

export interface PanelEvents {
  /** A link was clicked in the view. */
  link(href: string): void;
  /** The user closed the panel. */
  closed(): void;
}

export class LessonPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** Numbers every message to the view; the view confirms what it rendered. */
  private seq = 0;
  /** The last 'show' message, sent again whenever the view (re)loads. */
  private lastShow: ShowMessage | undefined;
  private renderedSeq = 0;
  private renderedPageValue: Page | undefined;
  private renderWaiters: { seq: number; resolve: () => void }[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly events: PanelEvents,
  ) {}

  /** The webview panel while it is open. */
  get current(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The page the view has rendered (it confirms each page and result it shows). */
  get renderedPage(): Page | undefined {
    return this.renderedPageValue;
  }

  /** The editor column beside the panel, for documents opened from it. */
  besideColumn(): vscode.ViewColumn {
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /** Shows the panel, created when it is not open; with `preserveFocus`, never over the editor the user works in. */
  reveal(preserveFocus: boolean): vscode.WebviewPanel {
    if (this.panel) {
      if (preserveFocus && this.panel.visible) return this.panel;
      // Showing results while the user edits: never cover their editor; move the panel beside it instead.
      const editorColumn = vscode.window.activeTextEditor?.viewColumn;
      const column =
        preserveFocus && editorColumn !== undefined && this.panel.viewColumn === editorColumn
          ? vscode.ViewColumn.Beside
          : this.panel.viewColumn;
      this.panel.reveal(column, preserveFocus);
      return this.panel;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      LESSON_VIEW_TYPE,
      'Docker Coach',
      { viewColumn: column, preserveFocus },
      this.webviewOptions(),
    );
    this.adopt(panel);
    return panel;
  }

  /** Takes over a panel: a new one, or one VS Code restored after a restart. */
  adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    webview.html = viewShell({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'lesson.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'lesson.js')).toString(),
    });
    const subscriptions: vscode.Disposable[] = [
      webview.onDidReceiveMessage((message: FromView) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        // A hidden view is unloaded; it says 'ready' again when shown.
        if (!panel.visible) this.ready = false;
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.lastShow = undefined;
        this.renderedPageValue = undefined;
        this.ready = false;
        this.events.closed();
      }
    });
  }

  /** Shows a page, with `tabTitle` on the panel's tab. */
  show(view: PageView, tabTitle: string): void {
    if (!this.panel) return;
    this.panel.title = tabTitle;
    this.lastShow = { type: 'show', seq: ++this.seq, ...view };
    this.post(this.lastShow);
  }

  /**
   * New exercise results for the page shown, in place (the panel revealed beside the editor). False when
   * the panel has no page to put them on.
   */
  showResults(results: ViewResults, completed: boolean): boolean {
    if (!this.panel || !this.lastShow) return false;
    this.reveal(true);
    this.lastShow = { ...this.lastShow, completed, results };
    this.post({ type: 'results', seq: ++this.seq, results });
    this.post({ type: 'completed', seq: ++this.seq, completed });
    return true;
  }

  /** Progress was reset: no completion mark, and no results when the view loads again. */
  clearProgress(): void {
    if (this.lastShow) this.lastShow = { ...this.lastShow, completed: false, results: undefined };
    this.post({ type: 'completed', seq: ++this.seq, completed: false });
  }

  /** Resolves once the view has rendered every message sent so far (rejects after `timeoutMs`). */
  rendered(timeoutMs: number): Promise<void> {
    const seq = this.seq;
    if (this.renderedSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the lesson view did not render message ${seq} (last rendered: ${this.renderedSeq})`)),
        timeoutMs,
      );
      this.renderWaiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      enableFindWidget: true,
      // The view's own files and the lessons' images; nothing else on disk.
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'media'),
        vscode.Uri.joinPath(this.extensionUri, 'lessons'),
      ],
    };
  }

  private onMessage(message: FromView): void {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lastShow) {
          this.lastShow = { ...this.lastShow, seq: ++this.seq, focus: false };
          void this.panel?.webview.postMessage(this.lastShow);
        }
        return;
      case 'link':
        if (typeof message.href === 'string') this.events.link(message.href);
        return;
      case 'rendered':
        if (typeof message.seq === 'number') {
          this.renderedSeq = Math.max(this.renderedSeq, message.seq);
          if (this.lastShow && message.seq >= this.lastShow.seq) this.renderedPageValue = this.lastShow.page;
          this.renderWaiters = this.renderWaiters.filter((w) =>
            w.seq <= this.renderedSeq ? (w.resolve(), false) : true,
          );
        }
        return;
    }
  }

  private post(message: ToView): void {
    // A view that is loading gets the current page when it says 'ready'.
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }
}
