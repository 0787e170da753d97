/**
 * Where the lesson panel is and where "Back" leads: the page shown and the
 * pages left before it (at most 30). Pure, so unit tests cover it.
 */
import { Page, samePage } from './pages';

export interface HistoryEntry {
  page: Page;
  title: string;
}

export class PageHistory {
  private current: Page | undefined;
  private currentTitle = '';
  private entries: HistoryEntry[] = [];

  constructor(private readonly limit = 30) {}

  /** The page shown (or being read). */
  get page(): Page | undefined {
    return this.current;
  }

  /** Moves to `page`; the page left is remembered for "Back" unless it is the same page or `remember` is false. */
  visit(page: Page, remember = true): void {
    if (this.current && !samePage(this.current, page) && remember) {
      this.entries.push({ page: this.current, title: this.currentTitle });
      if (this.entries.length > this.limit) this.entries.shift();
    }
    this.current = page;
  }

  /** The title of the page shown, once its text is read (the title "Back" shows after the next visit). */
  setTitle(title: string): void {
    this.currentTitle = title;
  }

  /** Where "Back" leads, without going there. */
  get previous(): HistoryEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  /** Takes the page "Back" leads to off the stack (visit it with `remember` false). */
  back(): HistoryEntry | undefined {
    return this.entries.pop();
  }

  /** Forgets everything (the panel closed). */
  clear(): void {
    this.current = undefined;
    this.entries = [];
  }
}
