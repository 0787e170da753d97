/** Code actions: which finding a diagnostic stands for, and the per-rule fix-all offer. */
import * as assert from 'assert';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { DockerCoachService } from '../../server/src/service/languageService';
import { docOf } from '../support/lint';

describe('code actions', () => {
  const service = new DockerCoachService({ docsBaseUri: 'file:///d' });
  // Two RUNs whose apt-get install is flagged by several rules at the same place.
  const document = docOf('FROM debian:12\nRUN apt-get update && apt-get install curl\nRUN apt-get update && apt-get install git\nUSER nobody\n');
  const diagnostics = service.diagnostics(document, DEFAULT_SETTINGS);
  const titlesFor = (code: string, line: number) => {
    const diagnostic = diagnostics.find((d) => d.code === code && d.range.start.line === line);
    assert.ok(diagnostic, `${code} on line ${line}`);
    return service.codeActions(document, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).map((a) => a.title);
  };

  it('answers for the rule of the diagnostic among findings that start at the same place', () => {
    const sameStart = diagnostics.filter((d) => d.range.start.line === 2 && d.range.start.character === diagnostics.find((x) => x.code === 'apt-get-yes' && x.range.start.line === 2)!.range.start.character);
    assert.ok(sameStart.length >= 2, sameStart.map((d) => d.code).join(', '));
    for (const d of sameStart) assert.ok(titlesFor(String(d.code), 2).includes(`Explain "${d.code}"`), String(d.code));
  });

  it('offers fix-all of a rule only when the rule has more than one fixable finding', () => {
    assert.ok(titlesFor('apt-get-yes', 1).includes('Fix all "apt-get-yes" problems in this file'));
    const single = docOf('FROM debian:12\nRUN apt-get update && apt-get install curl\nUSER nobody\n');
    const [diagnostic] = service.diagnostics(single, DEFAULT_SETTINGS).filter((d) => d.code === 'apt-get-yes');
    const titles = service.codeActions(single, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).map((a) => a.title);
    assert.ok(titles.includes('Explain "apt-get-yes"') && !titles.some((t) => t.startsWith('Fix all')), titles.join(' | '));
  });
});
