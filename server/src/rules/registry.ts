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
import copyMultipleSourcesDir from './dockerfile/copy-multiple-sources-dir';
import copyNotAdd from './dockerfile/copy-not-add';
import dependenciesBeforeSource from './dockerfile/dependencies-before-source';
import duplicateStageName from './dockerfile/duplicate-stage-name';
import execFormCmd from './dockerfile/exec-form-cmd';
import exposeValidPort from './dockerfile/expose-valid-port';
import fromAsCasing from './dockerfile/from-as-casing';
import maintainerDeprecated from './dockerfile/maintainer-deprecated';
import malformedExecForm from './dockerfile/malformed-exec-form';
import mergeRunLayers from './dockerfile/merge-run-layers';
import multipleInstructions from './dockerfile/multiple-instructions';
import noCdInRun from './dockerfile/no-cd-in-run';
import noPointlessCommands from './dockerfile/no-pointless-commands';
import noReplaceBinSh from './dockerfile/no-replace-bin-sh';
import noSudo from './dockerfile/no-sudo';
import nonRootUser from './dockerfile/non-root-user';
import oneDownloadTool from './dockerfile/one-download-tool';
import pinBaseImage from './dockerfile/pin-base-image';
import pipNoCacheDir from './dockerfile/pip-no-cache-dir';
import rpmCleanCache from './dockerfile/rpm-clean-cache';
import rpmInstallYes from './dockerfile/rpm-install-yes';
import rpmPinVersions from './dockerfile/rpm-pin-versions';
import runPipefail from './dockerfile/run-pipefail';
import useraddNoLogInit from './dockerfile/useradd-no-log-init';
import wgetProgress from './dockerfile/wget-progress';
import zypperNoDistUpgrade from './dockerfile/zypper-no-dist-upgrade';
import { ComposeRule, DockerfileRule, Rule } from './types';

export const RULES: readonly Rule[] = [
  absoluteWorkdir,
  apkNoCache,
  aptGetCleanLists,
  aptGetNoRecommends,
  aptGetYes,
  aptNotAptGet,
  composeVersionObsolete,
  copyMultipleSourcesDir,
  copyNotAdd,
  dependenciesBeforeSource,
  duplicateStageName,
  execFormCmd,
  exposeValidPort,
  fromAsCasing,
  maintainerDeprecated,
  malformedExecForm,
  mergeRunLayers,
  multipleInstructions,
  noCdInRun,
  noPointlessCommands,
  noReplaceBinSh,
  noSudo,
  nonRootUser,
  oneDownloadTool,
  pinBaseImage,
  pipNoCacheDir,
  rpmCleanCache,
  rpmInstallYes,
  rpmPinVersions,
  runPipefail,
  useraddNoLogInit,
  wgetProgress,
  zypperNoDistUpgrade,
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
