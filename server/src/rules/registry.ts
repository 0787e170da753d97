/**
 * Every rule, sorted by id. Adding a rule: one file in `dockerfile/` or
 * `compose/`, one line here (the registry test checks the order).
 */
import composeVersionObsolete from './compose/compose-version-obsolete';
import absoluteWorkdir from './dockerfile/absolute-workdir';
import apkNoCache from './dockerfile/apk-no-cache';
import aptGetCleanLists from './dockerfile/apt-get-clean-lists';
import aptGetNoRecommends from './dockerfile/apt-get-no-recommends';
import aptGetYes from './dockerfile/apt-get-yes';
import aptNotAptGet from './dockerfile/apt-not-apt-get';
import consistentInstructionCasing from './dockerfile/consistent-instruction-casing';
import copyMultipleSourcesDir from './dockerfile/copy-multiple-sources-dir';
import copyNotAdd from './dockerfile/copy-not-add';
import dependenciesBeforeSource from './dockerfile/dependencies-before-source';
import duplicateStageName from './dockerfile/duplicate-stage-name';
import execFormCmd from './dockerfile/exec-form-cmd';
import exposeInvalidFormat from './dockerfile/expose-invalid-format';
import exposeProtoCasing from './dockerfile/expose-proto-casing';
import exposeValidPort from './dockerfile/expose-valid-port';
import fromAsCasing from './dockerfile/from-as-casing';
import fromPlatformFlag from './dockerfile/from-platform-flag';
import fromPlatformFlagConst from './dockerfile/from-platform-flag-const';
import invalidDefaultArgInFrom from './dockerfile/invalid-default-arg-in-from';
import invalidDefinitionDescription from './dockerfile/invalid-definition-description';
import legacyKeyValueFormat from './dockerfile/legacy-key-value-format';
import maintainerDeprecated from './dockerfile/maintainer-deprecated';
import malformedExecForm from './dockerfile/malformed-exec-form';
import mergeRunLayers from './dockerfile/merge-run-layers';
import multipleInstructions from './dockerfile/multiple-instructions';
import noCdInRun from './dockerfile/no-cd-in-run';
import noEmptyContinuation from './dockerfile/no-empty-continuation';
import noSudo from './dockerfile/no-sudo';
import nonRootUser from './dockerfile/non-root-user';
import pinBaseImage from './dockerfile/pin-base-image';
import pipNoCacheDir from './dockerfile/pip-no-cache-dir';
import redundantTargetPlatform from './dockerfile/redundant-target-platform';
import reservedStageName from './dockerfile/reserved-stage-name';
import secretsInArgOrEnv from './dockerfile/secrets-in-arg-or-env';
import stageNameCasing from './dockerfile/stage-name-casing';
import undefinedArgInFrom from './dockerfile/undefined-arg-in-from';
import undefinedVar from './dockerfile/undefined-var';
import { ComposeRule, DockerfileRule, Rule } from './types';

export const RULES: readonly Rule[] = [
  absoluteWorkdir,
  apkNoCache,
  aptGetCleanLists,
  aptGetNoRecommends,
  aptGetYes,
  aptNotAptGet,
  composeVersionObsolete,
  consistentInstructionCasing,
  copyMultipleSourcesDir,
  copyNotAdd,
  dependenciesBeforeSource,
  duplicateStageName,
  execFormCmd,
  exposeInvalidFormat,
  exposeProtoCasing,
  exposeValidPort,
  fromAsCasing,
  fromPlatformFlag,
  fromPlatformFlagConst,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  legacyKeyValueFormat,
  maintainerDeprecated,
  malformedExecForm,
  mergeRunLayers,
  multipleInstructions,
  noCdInRun,
  noEmptyContinuation,
  noSudo,
  nonRootUser,
  pinBaseImage,
  pipNoCacheDir,
  redundantTargetPlatform,
  reservedStageName,
  secretsInArgOrEnv,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
];

export const DOCKERFILE_RULES: readonly DockerfileRule[] = RULES.filter((r): r is DockerfileRule => r.language === 'dockerfile');
export const COMPOSE_RULES: readonly ComposeRule[] = RULES.filter((r): r is ComposeRule => r.language === 'compose');

const byId = new Map(RULES.map((r) => [r.id, r]));
const byEquivalent = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const eq of rule.equivalents) {
    const key = eq.id.toLowerCase();
    byEquivalent.set(key, [...(byEquivalent.get(key) ?? []), rule]);
  }
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rules named by an id or an equivalent code (`DL3008`, `JSONArgsRecommended`). */
export function rulesForCode(code: string): Rule[] {
  const rule = byId.get(code);
  if (rule) return [rule];
  return byEquivalent.get(code.toLowerCase()) ?? [];
}
