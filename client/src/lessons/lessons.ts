/**
 * Lessons in the editor: the lesson commands and how the parts fit together.
 * The panel (panel.ts) shows lessons and rule pages rendered by pages.ts and
 * reports the links clicked in it; this follows them (other pages with
 * history.ts, snippets.ts, exercises.ts, the web) and keeps the panel's
 * completion marks and results current (progress.ts).
 */
import * as vscode from 'vscode';
import {
  CheckExerciseParams,
  CheckExerciseResult,
  ExerciseSummary,
  isLessonId,
  LESSON_ORDER,
  LESSON_SUMMARIES,
  LESSONS,
  LessonId,
} from '../../../server/src/protocol';
import { ExerciseCommands } from './exercises';
import { PageHistory } from './history';
import { LESSON_VIEW_TYPE, LessonPanel, ViewResults } from './panel';
import {
  errorText,
  Page,
  pageFooter,
  pageHeader,
  pageNavigation,
  pagePath,
  renderPage,
  resolveLink,
  samePage,
} from './pages';
import { LessonProgress, PROGRESS_KEY } from './progress';
import { LessonSnippets } from './snippets';

/** What the lessons need from the rest of the client. */
export interface LessonHost {
  /** The server's exercises (`ListExercisesRequest`). */
  listExercises(): Promise<ExerciseSummary[]>;
  /** Checks an exercise document (`CheckExerciseRequest`). */
  checkExercise(params: CheckExerciseParams): Promise<CheckExerciseResult>;
  log(line: string): void;
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

export class Lessons implements vscode.Disposable {
  private readonly panel: LessonPanel;
  private readonly history = new PageHistory();
  private readonly exercises: ExerciseCommands;
  private readonly snippets: LessonSnippets;
  private readonly progress: LessonProgress;
  /** Counts the pages asked for: a page read after a later one was asked for is not shown. */
  private showRequests = 0;
  private lastTextEditor: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: LessonHost,
  ) {
    this.progress = new LessonProgress(context.globalState);
    // Progress follows the user through Settings Sync.
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.lastTextEditor = vscode.window.activeTextEditor;
    this.panel = new LessonPanel(context.extensionUri, {
      link: (href) => {
        this.followLink(href).catch((error) => {
          this.host.log(`[lessons] following ${href} failed: ${errorText(error)}`);
          void vscode.window.showErrorMessage(`Docker Coach: ${errorText(error)}`);
        });
      },
      closed: () => this.history.clear(),
    });
    const lastTextEditor = () => this.lastTextEditor;
    const besidePanel = () => this.panel.besideColumn();
    this.exercises = new ExerciseCommands({
      listExercises: () => host.listExercises(),
      checkExercise: (params) => host.checkExercise(params),
      log: (line) => host.log(line),
      progress: this.progress,
      lastTextEditor,
      shownLesson: () => this.shownLesson(),
      showLesson: (id, options) => this.show({ kind: 'lesson', id }, options),
      showResults: (id) => this.showResults(id),
      besidePanel,
    });
    this.snippets = new LessonSnippets({
      contributed: () => {
        const manifest = context.extension.packageJSON as
          { contributes?: { snippets?: { language: string; path: string }[] } } | undefined;
        return manifest?.contributes?.snippets ?? [];
      },
      readExtensionFile: (path) => this.readExtensionFile(path),
      log: (line) => host.log(line),
      lastTextEditor,
      besidePanel,
    });
    this.disposables.push(
      this.exercises,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastTextEditor = editor;
      }),
      vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          if (this.panel.current) {
            panel.dispose();
            return;
          }
          this.panel.adopt(panel);
          const saved = (state as { page?: Page } | undefined)?.page;
          const page: Page =
            saved?.kind === 'rule' && /^[a-z0-9-]+$/.test(saved.id)
              ? saved
              : saved?.kind === 'lesson' && isLessonId(saved.id)
                ? saved
                : { kind: 'lesson', id: LESSON_ORDER[0] };
          await this.show(page, { preserveFocus: true, remember: false });
        },
      }),
    );
  }

  dispose(): void {
    this.panel.dispose();
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
  startExercise(lesson?: unknown): Promise<string | undefined> {
    return this.exercises.start(lesson);
  }

  /** "Check My Exercise": the exercise document's goals, in the panel and in a notification. */
  checkExercise(lesson?: unknown): Promise<CheckExerciseResult | undefined> {
    return this.exercises.check(lesson);
  }

  /** "Reset Lesson Progress", after a confirmation. True when reset. */
  async resetProgress(): Promise<boolean> {
    const count = this.progress.completed().length;
    const reset = 'Reset Progress';
    const answer = await vscode.window.showWarningMessage(
      'Reset your Docker Coach lesson progress?',
      {
        modal: true,
        detail: `Docker Coach forgets that you completed ${count === 1 ? '1 lesson' : `${count} lessons`} and the last exercise results. Your files are not touched.`,
      },
      reset,
    );
    if (answer !== reset) return false;
    await this.progress.reset();
    this.exercises.clearResults();
    this.panel.clearProgress();
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
    const page = this.history.page;
    const target = resolveLink(href, page ? pagePath(page) : 'lessons/index.md');
    if (!target) {
      this.host.log(`[lessons] cannot follow the link ${JSON.stringify(href)}`);
      return;
    }
    const lesson = page?.kind === 'lesson' ? page.id : undefined;
    switch (target.kind) {
      case 'lesson':
      case 'rule':
        return this.show({ kind: target.kind, id: target.id } as Page, { focus: true, fragment: target.fragment });
      case 'snippet':
        return this.snippets.insert(target.language, target.name);
      case 'exercise':
        if (target.action === 'start') await this.exercises.start(lesson);
        else await this.exercises.check(lesson);
        return;
      case 'external':
        await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
        return;
      case 'view':
        if (target.action === 'pick') return this.openLesson();
        return this.back();
      case 'line':
        if (lesson) await this.exercises.revealLine(lesson, target.line);
        return;
      case 'anchor':
        return; // the view scrolls by itself
    }
  }

  /** For the integration test: what the panel shows; with `waitForRender`, once the view has rendered it. */
  async state(waitForRender?: unknown): Promise<LessonViewState> {
    const panel = this.panel.current;
    if (waitForRender === true && panel) await this.panel.rendered(15_000);
    const page = this.history.page;
    const lesson = page?.kind === 'lesson' ? page.id : undefined;
    let exercises: ExerciseSummary[] | null;
    try {
      exercises = await this.exercises.list();
    } catch {
      exercises = null;
    }
    return {
      page,
      title: this.panel.current?.title,
      visible: !!this.panel.current?.visible,
      renderedPage: this.panel.renderedPage,
      results: lesson ? this.exercises.result(lesson) : undefined,
      completed: this.progress.completed(),
      exerciseDocuments: this.exercises.documents(),
      exercises,
    };
  }

  // ---- Pages ----

  private async show(
    page: Page,
    options: { preserveFocus?: boolean; focus?: boolean; fragment?: string; remember?: boolean } = {},
  ): Promise<void> {
    const request = ++this.showRequests;
    const panel = this.panel.reveal(options.preserveFocus ?? false);
    this.history.visit(page, options.remember !== false);
    const content = await this.pageContent(page, panel.webview);
    // A later page was asked for while this one was read: that one wins.
    if (request !== this.showRequests || this.panel.current !== panel) return;
    this.history.setTitle(content.title);
    const lesson = page.kind === 'lesson' ? page.id : undefined;
    this.panel.show(
      {
        page,
        title: content.title,
        header: content.header,
        body: content.body,
        footer: content.footer,
        completed: lesson ? this.progress.isCompleted(lesson) : false,
        results: lesson ? this.viewResults(lesson) : undefined,
        focus: !!options.focus,
        fragment: options.fragment,
      },
      page.kind === 'lesson' ? LESSONS[page.id] : `Rule: ${page.id}`,
    );
  }

  private back(): Promise<void> {
    const previous = this.history.back();
    return previous ? this.show(previous.page, { focus: true, remember: false }) : Promise.resolve();
  }

  /** The lesson the panel shows, if it is open on one. */
  private shownLesson(): LessonId | undefined {
    const page = this.history.page;
    return this.panel.current && page?.kind === 'lesson' ? page.id : undefined;
  }

  /** A lesson's new exercise results: in place when the panel shows that lesson, else by showing it beside the editor. */
  private async showResults(id: LessonId): Promise<void> {
    const results = this.viewResults(id);
    if (
      samePage(this.history.page, { kind: 'lesson', id }) &&
      results &&
      this.panel.showResults(results, this.progress.isCompleted(id))
    )
      return;
    await this.show({ kind: 'lesson', id }, { preserveFocus: true });
  }

  private async pageContent(
    page: Page,
    webview: vscode.Webview,
  ): Promise<{ title: string; header: string; body: string; footer: string }> {
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
      imageUri: (file) =>
        /^(lessons|media)\//.test(file)
          ? webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, file)).toString()
          : undefined,
    });
    for (const link of rendered.unresolvedLinks)
      this.host.log(`[lessons] ${path}: a link the lesson view cannot follow: ${link}`);
    const back = this.history.previous;
    const nav = pageNavigation(page, back && { href: 'view:back', title: back.title });
    return {
      title: rendered.title || (page.kind === 'lesson' ? LESSONS[page.id] : page.id),
      header: pageHeader(nav),
      body: rendered.html,
      footer: pageFooter(nav),
    };
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
    const result = this.exercises.result(lesson);
    return result && { lesson, title: LESSONS[lesson], passed: result.passed, goals: result.goals };
  }

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
        return {
          id,
          label: `${done ? '$(pass-filled) ' : ''}${i + 1}. ${LESSONS[id]}`,
          description: notes.join(' · ') || undefined,
          detail: LESSON_SUMMARIES[id],
        };
      });
    };
    const firstOpen = () => pick.items.find((item) => !this.progress.isCompleted(item.id)) ?? pick.items[0];
    const known = this.exercises.known;
    pick.items = items(new Set(known?.map((e) => e.lesson)));
    pick.activeItems = [firstOpen()];
    if (!known) {
      // Which lessons have an exercise comes from the server; show the list at once and add it when it answers.
      void this.exercises.list().then(
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
}
