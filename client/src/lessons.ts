/**
 * Lessons in the editor: one webview panel that shows lessons and rule pages,
 * follows their links (other lessons, rules, snippets, exercises, the web),
 * starts exercises as untitled documents, checks them through the language
 * server and remembers completed lessons. The HTML comes from lessonPages.ts;
 * the view's script and styles are media/lesson.js and media/lesson.css.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { isLessonId, LESSON_ORDER, LESSON_SUMMARIES, LESSONS, LessonId } from '../../server/src/data/lessons';
import type { CheckExerciseParams, CheckExerciseResult, ExerciseSummary, GoalResult } from '../../server/src/lessons/types';
import { Requests } from '../../server/src/protocol';
import { Navigation, pageFooter, pageHeader, renderPage, resolveLink, viewShell } from './lessonPages';
import { LessonProgress, PROGRESS_KEY } from './lessonProgress';

export const LESSON_VIEW_TYPE = 'dockerCoach.lesson';

/** What the panel shows. */
export type Page = { kind: 'lesson'; id: LessonId } | { kind: 'rule'; id: string };

/** What the lessons need from the rest of the client. */
export interface LessonHost {
  /** Sends a request to the language server. */
  request<R>(method: string, params?: unknown): Promise<R>;
  log(line: string): void;
}

/** Exercise results as the view shows them. */
interface ViewResults {
  lesson: LessonId;
  title: string;
  passed: boolean;
  goals: GoalResult[];
}

/** Messages to the view's script (media/lesson.js). */
type ToView =
  | { type: 'show'; seq: number; page: Page; title: string; header: string; body: string; footer: string; completed: boolean; results?: ViewResults; focus: boolean; fragment?: string }
  | { type: 'results'; seq: number; results: ViewResults }
  | { type: 'completed'; seq: number; completed: boolean };

/** Messages from the view's script. */
type FromView = { type: 'ready' } | { type: 'link'; href: string } | { type: 'rendered'; seq: number };

interface SnippetDefinition {
  prefix?: string | string[];
  body: string | string[];
  description?: string;
}

/** What the test hook reports (`dockerCoach._lessonState`). */
export interface LessonViewState {
  page?: Page;
  title?: string;
  visible: boolean;
  /** The page the view has rendered (it confirms each page and result it shows). */
  renderedPage?: Page;
  results?: CheckExerciseResult;
  completed: LessonId[];
  exerciseDocuments: { uri: string; lesson: LessonId }[];
  /** The server's exercises, or null when it does not answer the request. */
  exercises: ExerciseSummary[] | null;
}

/** An untitled Dockerfile with everyday mistakes, for the walkthrough. */
export const PRACTICE_DOCKERFILE = [
  '# A practice Dockerfile with a few everyday mistakes.',
  '# Docker Coach underlines them; hover one, or open the light bulb to fix it.',
  'FROM python:latest',
  'MAINTAINER Jane Doe <jane@example.com>',
  'WORKDIR app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'RUN apt-get update',
  'RUN apt-get install curl',
  'CMD python app.py',
  '',
].join('\n');

const samePage = (a: Page | undefined, b: Page | undefined) => !!a && !!b && a.kind === b.kind && a.id === b.id;

const pagePath = (page: Page) => (page.kind === 'lesson' ? `lessons/${page.id}.md` : `docs/rules/${page.id}.md`);

const LANGUAGE_NAMES: Record<string, string> = { dockerfile: 'Dockerfile', dockercompose: 'Compose file' };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Lessons implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private page: Page | undefined;
  private pageTitle = '';
  private history: { page: Page; title: string }[] = [];
  private ready = false;
  /** Numbers every message to the view; the view confirms what it rendered. */
  private seq = 0;
  private showRequests = 0;
  /** The last 'show' message, sent again whenever the view (re)loads. */
  private lastShow: Extract<ToView, { type: 'show' }> | undefined;
  private renderedSeq = 0;
  private renderedPage: Page | undefined;
  private renderWaiters: { seq: number; resolve: () => void }[] = [];
  private readonly results = new Map<LessonId, CheckExerciseResult>();
  /** The document each lesson's last check judged, for the results' "Go to line" buttons. */
  private readonly checkedDocuments = new Map<LessonId, vscode.TextDocument>();
  /** Untitled exercise documents (URI → lesson), in the order they were started. */
  private readonly exerciseDocuments = new Map<string, LessonId>();
  private exercises: ExerciseSummary[] | undefined;
  private snippets: Map<string, Record<string, SnippetDefinition>> | undefined;
  private lastTextEditor: vscode.TextEditor | undefined;
  private readonly progress: LessonProgress;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: LessonHost,
  ) {
    this.progress = new LessonProgress(context.globalState);
    // Progress follows the user through Settings Sync.
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.lastTextEditor = vscode.window.activeTextEditor;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastTextEditor = editor;
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.exerciseDocuments.delete(document.uri.toString());
        for (const [lesson, checked] of this.checkedDocuments) if (checked === document) this.checkedDocuments.delete(lesson);
      }),
      vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          if (this.panel) {
            panel.dispose();
            return;
          }
          this.adopt(panel);
          const saved = (state as { page?: Page } | undefined)?.page;
          const page: Page = saved?.kind === 'rule' && /^[a-z0-9-]+$/.test(saved.id) ? saved : saved?.kind === 'lesson' && isLessonId(saved.id) ? saved : { kind: 'lesson', id: LESSON_ORDER[0] };
          await this.show(page, { preserveFocus: true, remember: false });
        },
      }),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  // ---- Commands ----

  /** "Open Lesson…": the lesson given, or a pick of all lessons with their summaries and completion marks. */
  async openLesson(id?: unknown): Promise<void> {
    if (typeof id === 'string' && isLessonId(id)) return this.show({ kind: 'lesson', id });
    const picked = await this.pickLesson();
    if (picked) await this.show({ kind: 'lesson', id: picked });
  }

  /** A rule's page in the lesson panel. */
  async showRule(id: string): Promise<void> {
    if (/^[a-z0-9-]+$/.test(id)) await this.show({ kind: 'rule', id });
  }

  /** "Start Exercise": opens the starter of the lesson given (or picked) as an untitled document. Returns its URI. */
  async startExercise(lesson?: unknown): Promise<string | undefined> {
    const exercises = await this.exercisesOrSay();
    if (!exercises) return undefined;
    let exercise: ExerciseSummary | undefined;
    if (typeof lesson === 'string' && isLessonId(lesson)) {
      exercise = exercises.find((e) => e.lesson === lesson);
      if (!exercise) {
        void vscode.window.showInformationMessage(`The lesson "${LESSONS[lesson]}" has no exercise.`);
        return undefined;
      }
    } else {
      exercise = await this.pickExercise(exercises, 'Which exercise do you want to start?');
    }
    if (!exercise) return undefined;
    // Never a file on disk: the starter opens as a new untitled document the user may save anywhere.
    const document = await vscode.workspace.openTextDocument({ language: exercise.language, content: exercise.starter });
    this.exerciseDocuments.delete(document.uri.toString());
    this.exerciseDocuments.set(document.uri.toString(), exercise.lesson);
    const column = this.panel && this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
    if (!samePage(this.page, { kind: 'lesson', id: exercise.lesson }) || !this.panel) {
      await this.show({ kind: 'lesson', id: exercise.lesson }, { preserveFocus: true });
    }
    return document.uri.toString();
  }

  /** "Check My Exercise": the exercise document's goals, in the panel and in a notification. */
  async checkExercise(lesson?: unknown): Promise<CheckExerciseResult | undefined> {
    const target = await this.exerciseTarget(typeof lesson === 'string' && isLessonId(lesson) ? lesson : undefined);
    if (!target) return undefined;
    const { document, lesson: id } = target;
    let result: CheckExerciseResult;
    try {
      result = await this.host.request<CheckExerciseResult>(Requests.checkExercise, { lesson: id, text: document.getText() } satisfies CheckExerciseParams);
    } catch (error) {
      this.host.log(`[lessons] checking the exercise of ${id} failed: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`Docker Coach could not check the exercise: ${errorText(error)}`);
      return undefined;
    }
    if (!result || !Array.isArray(result.goals)) return undefined;
    this.results.set(id, result);
    this.checkedDocuments.set(id, document);
    if (result.passed) await this.progress.markCompleted(id);
    if (samePage(this.page, { kind: 'lesson', id }) && this.panel && this.lastShow) {
      this.ensurePanel(true);
      this.lastShow = { ...this.lastShow, completed: this.progress.isCompleted(id), results: this.viewResults(id) };
      this.post({ type: 'results', seq: ++this.seq, results: this.viewResults(id)! });
      this.post({ type: 'completed', seq: ++this.seq, completed: this.progress.isCompleted(id) });
    } else {
      await this.show({ kind: 'lesson', id }, { preserveFocus: true });
    }
    void this.notify(id, result);
    return result;
  }

  /** "Reset Lesson Progress", after a confirmation. True when reset. */
  async resetProgress(): Promise<boolean> {
    const count = this.progress.completed().length;
    const reset = 'Reset Progress';
    const answer = await vscode.window.showWarningMessage(
      'Reset your Docker Coach lesson progress?',
      { modal: true, detail: `Docker Coach forgets that you completed ${count === 1 ? '1 lesson' : `${count} lessons`} and the last exercise results. Your files are not touched.` },
      reset,
    );
    if (answer !== reset) return false;
    await this.progress.reset();
    this.results.clear();
    if (this.lastShow) this.lastShow = { ...this.lastShow, completed: false, results: undefined };
    this.post({ type: 'completed', seq: ++this.seq, completed: false });
    void vscode.window.showInformationMessage('Docker Coach: lesson progress reset.');
    return true;
  }

  /** The walkthrough's first step: an untitled Dockerfile with mistakes to find and fix. */
  async openPracticeDockerfile(): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: PRACTICE_DOCKERFILE });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** Follows a link the way a click in the view does (the view's messages, and a test hook). */
  async followLink(href: string): Promise<void> {
    const target = resolveLink(href, this.page ? pagePath(this.page) : 'lessons/index.md');
    if (!target) {
      this.host.log(`[lessons] cannot follow the link ${JSON.stringify(href)}`);
      return;
    }
    const lesson = this.page?.kind === 'lesson' ? this.page.id : undefined;
    switch (target.kind) {
      case 'lesson':
      case 'rule':
        return this.show({ kind: target.kind, id: target.id } as Page, { focus: true, fragment: target.fragment });
      case 'snippet':
        return this.insertSnippet(target.language, target.name);
      case 'exercise':
        if (target.action === 'start') await this.startExercise(lesson);
        else await this.checkExercise(lesson);
        return;
      case 'external':
        await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
        return;
      case 'view':
        if (target.action === 'pick') return this.openLesson();
        return this.back();
      case 'line':
        if (lesson) await this.revealExerciseLine(lesson, target.line);
        return;
      case 'anchor':
        return; // the view scrolls by itself
    }
  }

  /** For the integration test: what the panel shows; with `waitForRender`, once the view has rendered it. */
  async state(waitForRender?: unknown): Promise<LessonViewState> {
    if (waitForRender === true && this.panel) await this.rendered(this.seq, 15_000);
    const lesson = this.page?.kind === 'lesson' ? this.page.id : undefined;
    let exercises: ExerciseSummary[] | null;
    try {
      exercises = await this.listExercises();
    } catch {
      exercises = null;
    }
    return {
      page: this.page,
      title: this.panel?.title,
      visible: !!this.panel?.visible,
      renderedPage: this.renderedPage,
      results: lesson ? this.results.get(lesson) : undefined,
      completed: this.progress.completed(),
      exerciseDocuments: [...this.exerciseDocuments].map(([uri, l]) => ({ uri, lesson: l })),
      exercises,
    };
  }

  // ---- The panel ----

  private async show(page: Page, options: { preserveFocus?: boolean; focus?: boolean; fragment?: string; remember?: boolean } = {}): Promise<void> {
    const request = ++this.showRequests;
    const panel = this.ensurePanel(options.preserveFocus ?? false);
    if (this.page && !samePage(this.page, page) && options.remember !== false) {
      this.history.push({ page: this.page, title: this.pageTitle });
      if (this.history.length > 30) this.history.shift();
    }
    this.page = page;
    const content = await this.pageContent(page, panel.webview);
    // A later page was asked for while this one was read: that one wins.
    if (request !== this.showRequests || this.panel !== panel) return;
    this.pageTitle = content.title;
    panel.title = page.kind === 'lesson' ? LESSONS[page.id] : `Rule: ${page.id}`;
    const lesson = page.kind === 'lesson' ? page.id : undefined;
    this.lastShow = {
      type: 'show',
      seq: ++this.seq,
      page,
      title: content.title,
      header: content.header,
      body: content.body,
      footer: content.footer,
      completed: lesson ? this.progress.isCompleted(lesson) : false,
      results: lesson ? this.viewResults(lesson) : undefined,
      focus: !!options.focus,
      fragment: options.fragment,
    };
    this.post(this.lastShow);
  }

  private back(): Promise<void> {
    const previous = this.history.pop();
    return previous ? this.show(previous.page, { focus: true, remember: false }) : Promise.resolve();
  }

  private ensurePanel(preserveFocus: boolean): vscode.WebviewPanel {
    if (this.panel) {
      if (preserveFocus && this.panel.visible) return this.panel;
      // Showing results while the user edits: never cover their editor; move the panel beside it instead.
      const editorColumn = vscode.window.activeTextEditor?.viewColumn;
      const column = preserveFocus && editorColumn !== undefined && this.panel.viewColumn === editorColumn ? vscode.ViewColumn.Beside : this.panel.viewColumn;
      this.panel.reveal(column, preserveFocus);
      return this.panel;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, 'Docker Coach', { viewColumn: column, preserveFocus }, this.webviewOptions());
    this.adopt(panel);
    return panel;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      enableFindWidget: true,
      // The view's own files and the lessons' images; nothing else on disk.
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media'), vscode.Uri.joinPath(this.context.extensionUri, 'lessons')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    webview.html = viewShell({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'lesson.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'lesson.js')).toString(),
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
        this.page = undefined;
        this.lastShow = undefined;
        this.renderedPage = undefined;
        this.history = [];
        this.ready = false;
      }
    });
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
        if (typeof message.href === 'string') {
          this.followLink(message.href).catch((error) => {
            this.host.log(`[lessons] following ${message.href} failed: ${errorText(error)}`);
            void vscode.window.showErrorMessage(`Docker Coach: ${errorText(error)}`);
          });
        }
        return;
      case 'rendered':
        if (typeof message.seq === 'number') {
          this.renderedSeq = Math.max(this.renderedSeq, message.seq);
          if (this.lastShow && message.seq >= this.lastShow.seq) this.renderedPage = this.lastShow.page;
          this.renderWaiters = this.renderWaiters.filter((w) => (w.seq <= this.renderedSeq ? (w.resolve(), false) : true));
        }
        return;
    }
  }

  private post(message: ToView): void {
    // A view that is loading gets the current page when it says 'ready'.
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private rendered(seq: number, timeoutMs: number): Promise<void> {
    if (this.renderedSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the lesson view did not render message ${seq} (last rendered: ${this.renderedSeq})`)), timeoutMs);
      this.renderWaiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private async pageContent(page: Page, webview: vscode.Webview): Promise<{ title: string; header: string; body: string; footer: string }> {
    const path = pagePath(page);
    let text = await this.readExtensionFile(path);
    if (text === undefined) {
      text =
        page.kind === 'lesson'
          ? `# ${LESSONS[page.id]}\n\n${LESSON_SUMMARIES[page.id]}\n\n*The text of this lesson is missing from this installation of Docker Coach.*\n`
          : `# ${page.id}\n\nDocker Coach has no rule called \`${page.id}\`.\n`;
    }
    const rendered = renderPage(text, {
      pagePath: path,
      imageUri: (file) => (/^(lessons|media)\//.test(file) ? webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, file)).toString() : undefined),
    });
    for (const link of rendered.unresolvedLinks) this.host.log(`[lessons] ${path}: a link the lesson view cannot follow: ${link}`);
    const nav: Navigation = {};
    const back = this.history[this.history.length - 1];
    if (back) nav.back = { href: 'view:back', title: back.title };
    if (page.kind === 'lesson') {
      const index = LESSON_ORDER.indexOf(page.id);
      nav.position = { index: index + 1, total: LESSON_ORDER.length };
      const previous = LESSON_ORDER[index - 1];
      const next = LESSON_ORDER[index + 1];
      if (previous) nav.previous = { href: `lesson:${previous}`, title: LESSONS[previous] };
      if (next) nav.next = { href: `lesson:${next}`, title: LESSONS[next] };
    }
    return { title: rendered.title || (page.kind === 'lesson' ? LESSONS[page.id] : page.id), header: pageHeader(nav), body: rendered.html, footer: pageFooter(nav) };
  }

  private async readExtensionFile(path: string): Promise<string | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, path));
      return new TextDecoder('utf-8').decode(bytes);
    } catch {
      return undefined;
    }
  }

  private viewResults(lesson: LessonId): ViewResults | undefined {
    const result = this.results.get(lesson);
    return result && { lesson, title: LESSONS[lesson], passed: result.passed, goals: result.goals };
  }

  // ---- Lessons and exercises ----

  private async pickLesson(): Promise<LessonId | undefined> {
    type Item = vscode.QuickPickItem & { id: LessonId };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = 'Docker Coach Lessons';
    pick.placeholder = 'Which lesson do you want to open?';
    pick.matchOnDetail = true;
    const items = (withExercise: Set<LessonId>): Item[] => {
      const completed = new Set(this.progress.completed());
      return LESSON_ORDER.map((id, i) => {
        const done = completed.has(id);
        const notes = [done ? 'completed' : '', withExercise.has(id) ? 'exercise' : ''].filter(Boolean);
        return { id, label: `${done ? '$(pass-filled) ' : ''}${i + 1}. ${LESSONS[id]}`, description: notes.join(' · ') || undefined, detail: LESSON_SUMMARIES[id] };
      });
    };
    const firstOpen = () => pick.items.find((item) => !this.progress.isCompleted(item.id)) ?? pick.items[0];
    pick.items = items(new Set(this.exercises?.map((e) => e.lesson)));
    pick.activeItems = [firstOpen()];
    if (!this.exercises) {
      // Which lessons have an exercise comes from the server; show the list at once and add it when it answers.
      void this.listExercises().then(
        (exercises) => {
          const active = pick.activeItems[0]?.id;
          pick.items = items(new Set(exercises.map((e) => e.lesson)));
          pick.activeItems = [pick.items.find((item) => item.id === active) ?? firstOpen()];
        },
        () => undefined,
      );
    }
    return new Promise((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.id);
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }

  private async listExercises(): Promise<ExerciseSummary[]> {
    if (this.exercises) return this.exercises;
    const list = await this.host.request<ExerciseSummary[]>(Requests.listExercises);
    if (!Array.isArray(list)) throw new Error('the server sent no exercise list');
    this.exercises = list.filter((e) => isLessonId(e.lesson)).sort((a, b) => LESSON_ORDER.indexOf(a.lesson) - LESSON_ORDER.indexOf(b.lesson));
    return this.exercises;
  }

  /** The exercises, or undefined after telling the user why there are none. */
  private async exercisesOrSay(): Promise<ExerciseSummary[] | undefined> {
    try {
      const exercises = await this.listExercises();
      if (exercises.length) return exercises;
      void vscode.window.showInformationMessage('Docker Coach has no exercises yet.');
    } catch (error) {
      this.host.log(`[lessons] listing the exercises failed: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`Docker Coach could not list the exercises: ${errorText(error)}`);
    }
    return undefined;
  }

  private async pickExercise(exercises: ExerciseSummary[], placeHolder: string): Promise<ExerciseSummary | undefined> {
    const shown = this.page?.kind === 'lesson' ? this.page.id : undefined;
    // The lesson on screen first: that is most likely the one meant.
    const ordered = [...exercises.filter((e) => e.lesson === shown), ...exercises.filter((e) => e.lesson !== shown)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((exercise) => {
        const done = this.progress.isCompleted(exercise.lesson);
        return {
          exercise,
          label: `${done ? '$(pass-filled) ' : ''}${exercise.title}`,
          description: [LESSONS[exercise.lesson], done ? 'completed' : ''].filter(Boolean).join(' · '),
          detail: LANGUAGE_NAMES[exercise.language] ?? exercise.language,
        };
      }),
      { placeHolder, matchOnDescription: true },
    );
    return picked?.exercise;
  }

  /** The document to check and its lesson: the active exercise document, the lesson's latest one, or the user's choice. */
  private async exerciseTarget(lesson: LessonId | undefined): Promise<{ document: vscode.TextDocument; lesson: LessonId } | undefined> {
    const open = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
    const tracked = [...this.exerciseDocuments].filter(([uri]) => open.has(uri)).map(([uri, l]) => ({ document: open.get(uri)!, lesson: l }));
    const editor = vscode.window.activeTextEditor ?? this.lastTextEditor;
    const active = editor && !editor.document.isClosed ? tracked.find((t) => t.document === editor.document) : undefined;
    if (active && (!lesson || active.lesson === lesson)) return active;
    if (lesson) {
      const latest = tracked.filter((t) => t.lesson === lesson).pop();
      if (latest) return latest;
      const start = 'Start Exercise';
      const answer = await vscode.window.showInformationMessage(`Start the exercise of "${LESSONS[lesson]}" first; then edit it and check it.`, start);
      if (answer === start) await this.startExercise(lesson);
      return undefined;
    }
    if (tracked.length === 1) return tracked[0];
    if (tracked.length > 1) {
      const picked = await vscode.window.showQuickPick(
        tracked.map((t) => ({ target: t, label: LESSONS[t.lesson], description: t.document.fileName })),
        { placeHolder: 'Which exercise do you want to check?' },
      );
      return picked?.target;
    }
    // A Dockerfile or compose file of the user's own (a saved exercise, say): check it against an exercise they pick.
    if (editor && !editor.document.isClosed && Object.keys(LANGUAGE_NAMES).includes(editor.document.languageId)) {
      const exercises = await this.exercisesOrSay();
      const matching = exercises?.filter((e) => e.language === editor.document.languageId) ?? [];
      if (!matching.length) return undefined;
      const exercise = await this.pickExercise(matching, `Check ${editor.document.fileName.split(/[\\/]/).pop()} against which exercise?`);
      if (!exercise) return undefined;
      this.exerciseDocuments.set(editor.document.uri.toString(), exercise.lesson);
      return { document: editor.document, lesson: exercise.lesson };
    }
    const start = 'Start Exercise';
    const answer = await vscode.window.showInformationMessage('There is no exercise to check: start one first.', start);
    if (answer === start) await this.startExercise();
    return undefined;
  }

  /** Shows a line of the exercise document a goal points at, in the editor beside the panel. */
  private async revealExerciseLine(lesson: LessonId, line: number): Promise<void> {
    const document = this.checkedDocuments.get(lesson);
    if (!document || document.isClosed) {
      void vscode.window.showInformationMessage('The exercise document that was checked is closed.');
      return;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const column = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async notify(lesson: LessonId, result: CheckExerciseResult): Promise<void> {
    const total = result.goals.length;
    const met = result.goals.filter((g) => g.passed).length;
    if (result.passed) {
      const next = LESSON_ORDER[LESSON_ORDER.indexOf(lesson) + 1];
      const action = next ? 'Next Lesson' : undefined;
      const answer = await vscode.window.showInformationMessage(
        `Exercise passed: all ${total} goals of "${LESSONS[lesson]}" are met. Lesson completed.`,
        ...(action ? [action] : []),
      );
      if (answer && next) await this.show({ kind: 'lesson', id: next });
      return;
    }
    const failing = result.goals.find((g) => !g.passed);
    const show = 'Show Results';
    const answer = await vscode.window.showWarningMessage(`${met} of ${total} goals met.${failing ? ` Next: ${failing.hint}` : ''}`, show);
    if (answer === show) await this.show({ kind: 'lesson', id: lesson });
  }

  // ---- Snippets ----

  /** Inserts a snippet into the editor of its language the user worked in last, or into a new untitled document. */
  private async insertSnippet(language: string, name: string): Promise<void> {
    const definitions = (await this.loadSnippets()).get(language) ?? {};
    const snippet =
      definitions[name] ??
      Object.values(definitions).find((d) => (Array.isArray(d.prefix) ? d.prefix : [d.prefix]).includes(name));
    if (!snippet) {
      void vscode.window.showWarningMessage(`Docker Coach has no ${language} snippet called "${name}".`);
      return;
    }
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === language && !e.document.isClosed);
    const candidate = visible.find((e) => e.document === this.lastTextEditor?.document) ?? visible[0];
    let editor: vscode.TextEditor;
    if (candidate) {
      editor = await vscode.window.showTextDocument(candidate.document, { viewColumn: candidate.viewColumn, preserveFocus: false });
    } else {
      const document = await vscode.workspace.openTextDocument({ language, content: '' });
      const column = this.panel && this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      editor = await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
    }
    await editor.insertSnippet(new vscode.SnippetString(body));
  }

  /** The snippets the extension contributes, by language (from the manifest, so a new snippet file needs no code). */
  private async loadSnippets(): Promise<Map<string, Record<string, SnippetDefinition>>> {
    if (this.snippets) return this.snippets;
    const manifest = this.context.extension.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } } | undefined;
    const contributed = manifest?.contributes?.snippets ?? [];
    const snippets = new Map<string, Record<string, SnippetDefinition>>();
    for (const { language, path } of contributed) {
      const text = await this.readExtensionFile(path.replace(/^\.\//, ''));
      if (!text) continue;
      try {
        snippets.set(language, { ...snippets.get(language), ...(JSON.parse(text) as Record<string, SnippetDefinition>) });
      } catch (error) {
        this.host.log(`[lessons] cannot read the snippets in ${path}: ${errorText(error)}`);
      }
    }
    this.snippets = snippets;
    return snippets;
  }
}
