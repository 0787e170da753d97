import { isSeq } from 'yaml';
import { ComposeModel, ComposeService, isInterpolated, scalarText } from '../../compose/model';
import { referenceRange, referencesOf } from '../../compose/references';
import { defineComposeRule, quotedList } from '../types';

/** A service's profiles: [] for none (always enabled), null when they cannot be read (a variable, not a list). */
function profilesOf(model: ComposeModel, service: ComposeService): string[] | null {
  const entry = service.entries.get('profiles');
  if (!entry) return [];
  if (!isSeq(entry.value)) return null;
  const names: string[] = [];
  for (const item of entry.value.items) {
    const name = scalarText(model.resolve(item));
    if (name === null || isInterpolated(name)) return null;
    names.push(name);
  }
  return names;
}

export default defineComposeRule({
  id: 'compose-depends-on-profile-disabled',
  title: 'A service must not depend on a service its profiles leave out',
  defaultSeverity: 'error',
  category: 'correctness',
  equivalents: [],
  lesson: 'compose',
  fix: 'none',
  messages: {
    always:
      '"{service}" always runs, but "{dependency}" runs only with the {profileWord} {profiles}: without it Compose refuses the project ("depends on undefined service").',
    profile:
      '"{service}" runs with the profile "{profile}", which does not enable "{dependency}" (only {profiles}): with that profile alone Compose refuses the project ("depends on undefined service").',
  },
  docs: {
    flags: `A required \`depends_on\` entry naming a service that has \`profiles:\` when the dependent service
      runs without one of them: it has no profiles (it always runs), or one of its profiles is not among the
      dependency's. Entries with \`required: false\`, services defined in other files and profiles written with
      \`\${VARIABLES}\` are not checked. For a dependent with profiles the finding is one level milder: only some
      choices of profiles fail.`,
    why: `A service none of whose profiles is enabled is left out of the project, and Compose does not
      enable it for a service that depends on it: the whole project is refused with "service … depends on
      undefined service …" before anything starts (the Compose specification gives this very case as an invalid
      model). The usual cures are to give the dependent the same profile, to drop the profile from the
      dependency, or to mark the dependency \`required: false\` when the dependent can start without it.`,
    bad: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      - migrate
  migrate:
    image: example/web:2.1
    command: ["migrate"]
    profiles: [tools]
`,
        expect: [{ messageId: 'always', line: 5, column: 9, text: 'migrate' }],
      },
      {
        code: `services:
  debug:
    image: busybox:1.36
    profiles: [debug]
    depends_on:
      - testdb
  testdb:
    image: example/testdb:1.2
    profiles: [test]
`,
        expect: [{ messageId: 'profile', line: 6, column: 9, text: 'testdb' }],
      },
    ],
    good: [
      {
        code: `services:
  web:
    image: example/web:2.1
    depends_on:
      migrate:
        condition: service_completed_successfully
        required: false
  migrate:
    image: example/web:2.1
    command: ["migrate"]
    profiles: [tools]
`,
      },
      {
        code: `services:
  debug:
    image: busybox:1.36
    profiles: [debug]
    depends_on:
      - testdb
  testdb:
    image: example/testdb:1.2
    profiles: [test, debug]
`,
      },
    ],
  },
  check(model, report) {
    const byName = new Map(model.services.map((s) => [s.name, s]));
    for (const ref of referencesOf(model, 'services')) {
      if (ref.via !== 'depends_on' || ref.optional) continue;
      const dependency = byName.get(ref.name);
      if (!dependency || dependency === ref.service) continue;
      const needed = profilesOf(model, dependency);
      const own = profilesOf(model, ref.service);
      if (!needed || needed.length === 0 || !own || needed.includes('*') || own.includes('*')) continue;
      const missing = own.find((p) => !needed.includes(p));
      if (own.length > 0 && missing === undefined) continue;
      const profilesNode = dependency.entries.get('profiles')!;
      report({
        messageId: own.length === 0 ? 'always' : 'profile',
        data: {
          service: ref.service.name,
          dependency: ref.name,
          profiles: quotedList(needed),
          profileWord: needed.length === 1 ? 'profile' : 'profiles',
          profile: missing ?? '',
        },
        range: referenceRange(model, ref),
        milder: own.length > 0,
        related: [
          {
            uri: model.document.uri,
            range: model.rangeOfNode(profilesNode.merged ? dependency.key : profilesNode.key)!,
            message: `the profiles of "${ref.name}"`,
          },
        ],
      });
    }
  },
});
