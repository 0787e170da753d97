/**
 * Which lessons the user has completed (every goal of the exercise passed),
 * kept in the extension's global state so it survives restarts and follows
 * Settings Sync. Pure: takes any store shaped like `vscode.Memento`.
 */
import { isLessonId, LESSON_ORDER, LessonId } from '../../../server/src/protocol';

export interface ProgressStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const PROGRESS_KEY = 'dockerCoach.lessons.completed';

export class LessonProgress {
  constructor(private readonly store: ProgressStore) {}

  /** The completed lessons in syllabus order (ids from older versions that no longer exist are dropped). */
  completed(): LessonId[] {
    const stored = this.store.get<unknown>(PROGRESS_KEY);
    const ids = new Set(
      Array.isArray(stored) ? stored.filter((id): id is LessonId => typeof id === 'string' && isLessonId(id)) : [],
    );
    return LESSON_ORDER.filter((id) => ids.has(id));
  }

  isCompleted(id: LessonId): boolean {
    return this.completed().includes(id);
  }

  /** Marks a lesson completed; true when it was not already. */
  async markCompleted(id: LessonId): Promise<boolean> {
    const completed = this.completed();
    if (completed.includes(id)) return false;
    await this.store.update(PROGRESS_KEY, [...completed, id]);
    return true;
  }

  async reset(): Promise<void> {
    await this.store.update(PROGRESS_KEY, undefined);
  }
}
