/** compose-go's merge rules as merge.ts applies them: repeats left out, KEY=value lists by key, jobs, errors. */
import * as assert from 'assert';
import { parse } from 'yaml';
import { enforceUnicity, mergeValues, Value } from '../../server/src/compose/project/merge';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
/** Merges the YAML texts in order, without the unicity pass (as compose-go's Merge alone). */
const mergeOnly = (...texts: string[]) =>
  plain(texts.map((t) => parse(t) as Value).reduce((base, next) => mergeValues(base, next, [])));

describe('compose project merge: appending without repeats', () => {
  it('leaves out an appended entry equal to one already there, in plain lists and in dns/env_file lists', () => {
    assert.deepStrictEqual(
      mergeOnly(
        'services: {a: {cap_add: [NET_ADMIN], dns: [8.8.8.8], volumes: [{type: volume, source: d, target: /d}]}}',
        'services: {a: {cap_add: [NET_ADMIN, SYS_PTRACE], dns: 8.8.8.8, volumes: [{type: volume, source: d, target: /d}]}}',
      ),
      {
        services: {
          a: {
            cap_add: ['NET_ADMIN', 'SYS_PTRACE'],
            dns: ['8.8.8.8'],
            volumes: [{ type: 'volume', source: 'd', target: '/d' }],
          },
        },
      },
    );
  });
  it('changes nothing when the same override is merged a second time', () => {
    const override = 'services: {a: {env_file: [common.env, test.env], tmpfs: /run, ports: ["80:80"]}}';
    const once = mergeOnly('services: {a: {env_file: common.env, tmpfs: /tmp, ports: ["80:80"]}}', override);
    assert.deepStrictEqual(mergeOnly(JSON.stringify(once), override), once);
    assert.deepStrictEqual(once, {
      services: { a: { env_file: ['common.env', 'test.env'], tmpfs: ['/tmp', '/run'], ports: ['80:80'] } },
    });
  });
  it('keeps two forms of the same mount: only equal entries are repeats', () => {
    assert.deepStrictEqual(
      mergeOnly(
        'services: {a: {volumes: ["d:/d"]}}',
        'services: {a: {volumes: [{type: volume, source: d, target: /d}]}}',
      ).services.a.volumes,
      ['d:/d', { type: 'volume', source: 'd', target: '/d' }],
    );
  });
  it('keeps repeats the base file itself holds, as compose-go does', () => {
    assert.deepStrictEqual(
      mergeOnly('services: {a: {cap_add: [X, X]}}', 'services: {a: {cap_add: [X, Y]}}').services.a.cap_add,
      ['X', 'X', 'Y'],
    );
  });
});

describe('compose project merge: KEY=value lists by key', () => {
  it('ends on the last entry of a key even when the override repeats the base entry after another value', () => {
    for (const key of ['environment', 'labels', 'annotations', 'sysctls']) {
      assert.deepStrictEqual(
        mergeOnly(`services: {a: {${key}: [MODE=release]}}`, `services: {a: {${key}: [MODE=debug, MODE=release]}}`)
          .services.a[key],
        ['MODE=release'],
        key,
      );
    }
    assert.deepStrictEqual(
      mergeOnly('services: {a: {build: {args: [MODE=release]}}}', 'services: {a: {build: {args: {MODE: debug}}}}')
        .services.a.build.args,
      ['MODE=debug'],
    );
  });
  it('collapses keys the base repeats, so no two entries of a key remain', () => {
    assert.deepStrictEqual(
      mergeOnly('jobs: {t: {labels: [MODE=debug, MODE=release]}}', 'jobs: {t: {labels: [MODE=debug]}}'),
      { jobs: { t: { labels: ['MODE=debug'] } } },
    );
  });
  it('merges the labels of secrets and configs as lists, two empty ones giving an empty list', () => {
    assert.deepStrictEqual(mergeOnly('secrets: {s: {labels: {}}}', 'secrets: {s: {labels: {}}}'), {
      secrets: { s: { labels: [] } },
    });
    assert.deepStrictEqual(mergeOnly('configs: {c: {labels: {b: 2, a: 1}}}', 'configs: {c: {labels: [a=3]}}'), {
      configs: { c: { labels: ['a=3', 'b=2'] } },
    });
  });
  it('refuses an entry that is not a string, naming its place', () => {
    assert.throws(
      () => mergeOnly('services: {a: {environment: [A=1]}}', 'services: {a: {environment: [{B: 2}]}}'),
      /services\.a\.environment\.\[1\]: unexpected a mapping/,
    );
  });
});

describe('compose project merge: jobs, logging and IPAM', () => {
  it('applies the service rules to jobs (command replaced, depends_on as a mapping)', () => {
    assert.deepStrictEqual(
      mergeOnly(
        'jobs: {m: {command: [a, b], depends_on: [db]}}',
        'jobs: {m: {command: [c], depends_on: {cache: {condition: service_healthy}}}}',
      ),
      {
        jobs: {
          m: {
            command: ['c'],
            depends_on: {
              db: { condition: 'service_started', required: true },
              cache: { condition: 'service_healthy' },
            },
          },
        },
      },
    );
  });
  it('keeps the base logging under a null override and refuses a logging that is not a mapping', () => {
    assert.deepStrictEqual(mergeOnly('services: {a: {logging: {driver: local}}}', 'services: {a: {logging: null}}'), {
      services: { a: { logging: { driver: 'local' } } },
    });
    assert.throws(
      () => mergeOnly('services: {a: {logging: {driver: local}}}', 'services: {a: {logging: [x]}}'),
      /services\.a\.logging: cannot merge logging: a sequence is not a mapping/,
    );
  });
  it('says which side of an IPAM config is not a list', () => {
    const ipam = (v: string) => `networks: {n: {ipam: {config: ${v}}}}`;
    assert.throws(() => mergeOnly(ipam('{}'), ipam('[]')), /networks\.n\.ipam\.config: the base value is not a list/);
    assert.throws(() => mergeOnly(ipam('[]'), ipam('{}')), /the override value is not a list/);
  });
  it('lets the unicity pass keep a key where it first appears, after the merge', () => {
    assert.deepStrictEqual(
      plain(
        enforceUnicity(
          mergeValues(
            parse('services: {a: {devices: ["/dev/a:/dev/x", "/dev/b:/dev/y"]}}') as Value,
            parse('services: {a: {devices: ["/dev/c:/dev/x"]}}') as Value,
            [],
          ),
        ),
      ),
      {
        services: { a: { devices: ['/dev/c:/dev/x', '/dev/b:/dev/y'] } },
      },
    );
  });
});
