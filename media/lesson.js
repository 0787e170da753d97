// @ts-check
// The lesson view's script (client/src/lessons/panel.ts sends it pages and exercise results).
// It renders what it is sent, reports link activations, and never navigates by itself.
(function () {
  // @ts-ignore: provided by VS Code inside webviews
  const vscode = acquireVsCodeApi();
  const header = /** @type {HTMLElement} */ (document.getElementById('page-header'));
  const main = /** @type {HTMLElement} */ (document.getElementById('page'));
  const footer = /** @type {HTMLElement} */ (document.getElementById('page-footer'));
  const results = /** @type {HTMLElement} */ (document.getElementById('results'));

  /** @param {number} seq */
  function rendered(seq) {
    vscode.postMessage({ type: 'rendered', seq });
  }

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * Exercise results, built from text nodes only (the goals and hints come from the server).
   * @param {{ title: string, passed: boolean, goals: { id: string, text: string, passed: boolean, hint: string, line?: number }[] } | undefined} data
   */
  function renderResults(data) {
    results.replaceChildren();
    if (!data) return;
    const met = data.goals.filter((g) => g.passed).length;
    const section = element('section', data.passed ? 'result passed' : 'result failed');
    section.setAttribute('aria-labelledby', 'results-heading');
    const heading = element('h2', undefined, data.passed ? 'Exercise passed' : 'Exercise not passed yet');
    heading.id = 'results-heading';
    section.append(heading);
    section.append(
      element(
        'p',
        'summary',
        data.passed
          ? `All ${data.goals.length} goals are met. Lesson completed.`
          : `${met} of ${data.goals.length} goals met.`,
      ),
    );
    const list = element('ul', 'goals');
    for (const goal of data.goals) {
      const item = element('li', goal.passed ? 'goal passed' : 'goal failed');
      const mark = element('span', 'mark', goal.passed ? '✓' : '✗');
      mark.setAttribute('aria-hidden', 'true');
      const text = element('span', 'goal-text');
      text.append(
        element('span', 'visually-hidden', goal.passed ? 'Passed: ' : 'Not yet: '),
        document.createTextNode(goal.text),
      );
      item.append(mark, text);
      if (!goal.passed && goal.hint) item.append(element('p', 'hint', goal.hint));
      if (!goal.passed && typeof goal.line === 'number' && goal.line >= 0) {
        // The server may point at the line to look at: a button shows it in the exercise document.
        const go = element('button', 'goto', `Go to line ${goal.line + 1}`);
        go.setAttribute('type', 'button');
        go.dataset.link = `line:${goal.line}`;
        const wrapper = element('p', 'hint');
        wrapper.append(go);
        item.append(wrapper);
      }
      list.append(item);
    }
    section.append(list);
    const actions = element('p', 'result-actions');
    const check = element('button', 'action', 'Check again');
    check.setAttribute('type', 'button');
    check.dataset.link = 'exercise:check';
    actions.append(check);
    section.append(actions);
    results.append(section);
  }

  /** @param {boolean} completed */
  function showCompletion(completed) {
    const badge = document.getElementById('completion');
    if (badge) badge.hidden = !completed;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'show') {
      // Old results must not be announced again: the live region is quiet while the page changes.
      results.setAttribute('aria-live', 'off');
      header.innerHTML = message.header;
      main.innerHTML = message.body;
      footer.innerHTML = message.footer;
      renderResults(message.results);
      showCompletion(message.completed);
      document.title = message.title;
      vscode.setState({ page: message.page });
      const target = message.fragment ? document.getElementById(message.fragment) : null;
      if (target) target.scrollIntoView();
      else window.scrollTo(0, 0);
      if (message.focus) {
        const heading = main.querySelector('h1');
        if (heading) heading.focus();
      }
      requestAnimationFrame(() => {
        results.setAttribute('aria-live', 'polite');
        rendered(message.seq);
      });
    } else if (message.type === 'results') {
      renderResults(message.results);
      results.scrollIntoView({ block: 'nearest' });
      rendered(message.seq);
    } else if (message.type === 'completed') {
      showCompletion(message.completed);
      rendered(message.seq);
    }
  });

  /** Links and buttons carry data-link; in-page anchors scroll here, everything else goes to the extension. */
  function activate(/** @type {Event} */ event) {
    const target = event.target instanceof Element ? event.target.closest('a, button') : null;
    if (!target) return;
    event.preventDefault();
    const link = target.getAttribute('data-link');
    if (!link) return;
    if (link.startsWith('#')) {
      const anchor = document.getElementById(decodeURIComponent(link.slice(1)));
      if (anchor) {
        anchor.scrollIntoView();
        if (!anchor.hasAttribute('tabindex')) anchor.setAttribute('tabindex', '-1');
        anchor.focus();
      }
      return;
    }
    vscode.postMessage({ type: 'link', href: link });
  }
  document.addEventListener('click', activate);
  // A middle click would otherwise try to open the link in a new window.
  document.addEventListener('auxclick', (event) => {
    if (event.button === 1) activate(event);
  });

  vscode.postMessage({ type: 'ready' });
})();
