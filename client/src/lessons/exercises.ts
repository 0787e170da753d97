/**
 * The exercise commands: "Start Exercise" opens a lesson's starter as an
 * untitled document, "Check My Exercise" has the language server judge the
 * document's goals, shows the results in the lesson panel and in a
 * notification, and marks the lesson completed when every goal passes.
 */
import * as vscode from 'vscode';
import {
  CheckExerciseParams,
  CheckExerciseResult,
  ExerciseSummary,
  isLessonId,
  LESSON_ORDER,
  LESSONS,
  LessonId,
} from '../../../server/src/protocol';
import { errorText } from './pages';
import { LessonProgress } from './progress';

/** What the exercises need from the language server and the lesson panel. */
export interface ExerciseHost {
  /** The server's exercises (`ListExercisesRequest`). */
  listExercises(): Promise<ExerciseSummary[]>;
  /** Has the server check an exercise document (`CheckExerciseRequest`). */
  checkExercise(params: CheckExerciseParams): Promise<CheckExerciseResult>;
  log(line: string): void;
  readonly progress: LessonProgress;
  /** The text editor the user worked in last (the panel may have the focus now). */
  lastTextEditor(): vscode.TextEditor | undefined;
  /** The lesson the panel shows, if it shows one. */
  shownLesson(): LessonId | undefined;
  /** Shows a lesson in the panel; with `preserveFocus`, the user stays in their editor. */
  showLesson(id: LessonId, options?: { preserveFocus?: boolean }): Promise<void>;
  /** Shows a lesson's new results: in place when the panel shows the lesson, else by showing it. */
  showResults(id: LessonId): Promise<void>;
  /** The editor column beside the lesson panel. */
  besidePanel(): vscode.ViewColumn;
}

const LANGUAGE_NAMES: Record<string, string> = { dockerfile: 'Dockerfile', dockercompose: 'Compose file' };

export class ExerciseCommands implements vscode.Disposable {
  private readonly results = new Map<LessonId, CheckExerciseResult>();
  /** The document each lesson's last check judged, for the results' "Go to line" buttons. */
  private readonly checkedDocuments = new Map<LessonId, vscode.TextDocument>();
  /** Untitled exercise documents (URI → lesson), in the order they were started. */
  private readonly exerciseDocuments = new Map<string, LessonId>();
  private exercises: ExerciseSummary[] | undefined;
  private readonly closing: vscode.Disposable;

  constructor(private readonly host: ExerciseHost) {
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => {
      this.exerciseDocuments.delete(document.uri.toString());
      for (const [lesson, checked] of this.checkedDocuments)
        if (checked === document) this.checkedDocuments.delete(lesson);
    });
  }

  dispose(): void {
    this.closing.dispose();
  }

  /** The exercises, asked of the server once, in syllabus order. */
  async list(): Promise<ExerciseSummary[]> {
    if (this.exercises) return this.exercises;
    const list = await this.host.listExercises();
    if (!Array.isArray(list)) throw new Error('the server sent no exercise list');
    this.exercises = list
      .filter((e) => isLessonId(e.lesson))
      .sort((a, b) => LESSON_ORDER.indexOf(a.lesson) - LESSON_ORDER.indexOf(b.lesson));
    return this.exercises;
  }

  /** The exercises if the server has answered already. */
  get known(): readonly ExerciseSummary[] | undefined {
    return this.exercises;
  }

  /** The last check of a lesson's exercise. */
  result(lesson: LessonId): CheckExerciseResult | undefined {
    return this.results.get(lesson);
  }

  /** Forgets the results (progress was reset). */
  clearResults(): void {
    this.results.clear();
  }

  /** The exercise documents being tracked, in the order they were started. */
  documents(): { uri: string; lesson: LessonId }[] {
    return [...this.exerciseDocuments].map(([uri, lesson]) => ({ uri, lesson }));
  }

  /** "Start Exercise": opens the starter of the lesson given (or picked) as an untitled document. Returns its URI. */
  async start(lesson?: unknown): Promise<string | undefined> {
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
      exercise = await this.pick(exercises, 'Which exercise do you want to start?');
    }
    if (!exercise) return undefined;
    // Never a file on disk: the starter opens as a new untitled document the user may save anywhere.
    const document = await vscode.workspace.openTextDocument({
      language: exercise.language,
      content: exercise.starter,
    });
    this.exerciseDocuments.delete(document.uri.toString());
    this.exerciseDocuments.set(document.uri.toString(), exercise.lesson);
    await vscode.window.showTextDocument(document, { viewColumn: this.host.besidePanel(), preview: false });
    if (this.host.shownLesson() !== exercise.lesson)
      await this.host.showLesson(exercise.lesson, { preserveFocus: true });
    return document.uri.toString();
  }

  /** "Check My Exercise": the exercise document's goals, in the panel and in a notification. */
  async check(lesson?: unknown): Promise<CheckExerciseResult | undefined> {
    const target = await this.target(typeof lesson === 'string' && isLessonId(lesson) ? lesson : undefined);
    if (!target) return undefined;
    const { document, lesson: id } = target;
    let result: CheckExerciseResult;
    try {
      result = await this.host.checkExercise({ lesson: id, text: document.getText() });
    } catch (error) {
      this.host.log(`[lessons] checking the exercise of ${id} failed: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`Docker Coach could not check the exercise: ${errorText(error)}`);
      return undefined;
    }
    if (!result || !Array.isArray(result.goals)) return undefined;
    this.results.set(id, result);
    this.checkedDocuments.set(id, document);
    if (result.passed) await this.host.progress.markCompleted(id);
    await this.host.showResults(id);
    void this.notify(id, result);
    return result;
  }

  /** Shows a line of the exercise document a goal points at, in the editor beside the panel. */
  async revealLine(lesson: LessonId, line: number): Promise<void> {
    const document = this.checkedDocuments.get(lesson);
    if (!document || document.isClosed) {
      void vscode.window.showInformationMessage('The exercise document that was checked is closed.');
      return;
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const column = visible?.viewColumn ?? this.host.besidePanel();
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: column,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The exercises, or undefined after telling the user why there are none. */
  private async exercisesOrSay(): Promise<ExerciseSummary[] | undefined> {
    try {
      const exercises = await this.list();
      if (exercises.length) return exercises;
      void vscode.window.showInformationMessage('Docker Coach has no exercises yet.');
    } catch (error) {
      this.host.log(`[lessons] listing the exercises failed: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`Docker Coach could not list the exercises: ${errorText(error)}`);
    }
    return undefined;
  }

  private async pick(exercises: ExerciseSummary[], placeHolder: string): Promise<ExerciseSummary | undefined> {
    const shown = this.host.shownLesson();
    // The lesson on screen first: that is most likely the one meant.
    const ordered = [...exercises.filter((e) => e.lesson === shown), ...exercises.filter((e) => e.lesson !== shown)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((exercise) => {
        const done = this.host.progress.isCompleted(exercise.lesson);
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
  private async target(
    lesson: LessonId | undefined,
  ): Promise<{ document: vscode.TextDocument; lesson: LessonId } | undefined> {
    const open = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
    const tracked = [...this.exerciseDocuments]
      .filter(([uri]) => open.has(uri))
      .map(([uri, l]) => ({ document: open.get(uri)!, lesson: l }));
    const editor = vscode.window.activeTextEditor ?? this.host.lastTextEditor();
    const active =
      editor && !editor.document.isClosed ? tracked.find((t) => t.document === editor.document) : undefined;
    if (active && (!lesson || active.lesson === lesson)) return active;
    if (lesson) {
      const latest = tracked.filter((t) => t.lesson === lesson).pop();
      if (latest) return latest;
      const start = 'Start Exercise';
      const answer = await vscode.window.showInformationMessage(
        `Start the exercise of "${LESSONS[lesson]}" first; then edit it and check it.`,
        start,
      );
      if (answer === start) await this.start(lesson);
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
      const exercise = await this.pick(
        matching,
        `Check ${editor.document.fileName.split(/[\\/]/).pop()} against which exercise?`,
      );
      if (!exercise) return undefined;
      this.exerciseDocuments.set(editor.document.uri.toString(), exercise.lesson);
      return { document: editor.document, lesson: exercise.lesson };
    }
    const start = 'Start Exercise';
    const answer = await vscode.window.showInformationMessage('There is no exercise to check: start one first.', start);
    if (answer === start) await this.start();
    return undefined;
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
      if (answer && next) await this.host.showLesson(next);
      return;
    }
    const failing = result.goals.find((g) => !g.passed);
    const show = 'Show Results';
    const answer = await vscode.window.showWarningMessage(
      `${met} of ${total} goals met.${failing ? ` Next: ${failing.hint}` : ''}`,
      show,
    );
    if (answer === show) await this.host.showLesson(lesson);
  }
}
