/**
 * Every rule, sorted by id. Adding a rule: one file in `dockerfile/`,
 * `compose/` or `dockerignore/`, one line here (the registry test checks the order).
 */
import buildAndImageWithoutPullPolicy from './compose/build-and-image-without-pull-policy';
import capAddAll from './compose/cap-add-all';
import composeBuildArgMissing from './compose/compose-build-arg-missing';
import composeBuildArgNotDeclared from './compose/compose-build-arg-not-declared';
import composeBuildDockerfileProblems from './compose/compose-build-dockerfile-problems';
import composeBuildTargetNotFound from './compose/compose-build-target-not-found';
import composeContainerNameWithReplicas from './compose/compose-container-name-with-replicas';
import composeDatabaseUnreachable from './compose/compose-database-unreachable';
import composeDatabaseWithoutVolume from './compose/compose-database-without-volume';
import composeDependsOnHealthcheckMissing from './compose/compose-depends-on-healthcheck-missing';
import composeDependsOnProfileDisabled from './compose/compose-depends-on-profile-disabled';
import composeMissingFile from './compose/compose-missing-file';
import composeRejectedConfig from './compose/compose-rejected-config';
import composeSchema from './compose/compose-schema';
import composeUndefinedReference from './compose/compose-undefined-reference';
import composeUnknownService from './compose/compose-unknown-service';
import composeUnsetVariable from './compose/compose-unset-variable';
import composeUnusedDefinition from './compose/compose-unused-definition';
import composeVersionObsolete from './compose/compose-version-obsolete';
import composeYamlSyntax from './compose/compose-yaml-syntax';
import containerNameInvalid from './compose/container-name-invalid';
import dockerSocketMounted from './compose/docker-socket-mounted';
import duplicateContainerName from './compose/duplicate-container-name';
import duplicatePublishedPort from './compose/duplicate-published-port';
import hostNamespaceShared from './compose/host-namespace-shared';
import hostNetworkMode from './compose/host-network-mode';
import literalSecretInEnvironment from './compose/literal-secret-in-environment';
import noQuotesInVolumes from './compose/no-quotes-in-volumes';
import pinImageTag from './compose/pin-image-tag';
import portAllInterfaces from './compose/port-all-interfaces';
import privilegedContainer from './compose/privileged-container';
import quotePorts from './compose/quote-ports';
import readOnlyRootFilesystem from './compose/read-only-root-filesystem';
import requireProjectName from './compose/require-project-name';
import serviceDependenciesOrder from './compose/service-dependencies-order';
import serviceKeysOrder from './compose/service-keys-order';
import servicePortsOrder from './compose/service-ports-order';
import servicesOrder from './compose/services-order';
import topLevelKeysOrder from './compose/top-level-keys-order';
import absoluteWorkdir from './dockerfile/absolute-workdir';
import apkNoCache from './dockerfile/apk-no-cache';
import apkPinVersions from './dockerfile/apk-pin-versions';
import aptGetCleanLists from './dockerfile/apt-get-clean-lists';
import aptGetNoRecommends from './dockerfile/apt-get-no-recommends';
import aptGetPinVersions from './dockerfile/apt-get-pin-versions';
import aptGetYes from './dockerfile/apt-get-yes';
import aptNotAptGet from './dockerfile/apt-not-apt-get';
import consistentInstructionCasing from './dockerfile/consistent-instruction-casing';
import copyAllWithoutDockerignore from './dockerfile/copy-all-without-dockerignore';
import copyEntireFilesystem from './dockerfile/copy-entire-filesystem';
import copyFromOwnStage from './dockerfile/copy-from-own-stage';
import copyFromUnknownStage from './dockerfile/copy-from-unknown-stage';
import copyIgnoredFile from './dockerfile/copy-ignored-file';
import copyMultipleSourcesDir from './dockerfile/copy-multiple-sources-dir';
import copyNotAdd from './dockerfile/copy-not-add';
import copyRelativeWithoutWorkdir from './dockerfile/copy-relative-without-workdir';
import copySecretFiles from './dockerfile/copy-secret-files';
import credentialsInRun from './dockerfile/credentials-in-run';
import dependenciesBeforeSource from './dockerfile/dependencies-before-source';
import dockerfileSyntax from './dockerfile/dockerfile-syntax';
import duplicateStageName from './dockerfile/duplicate-stage-name';
import envSelfReference from './dockerfile/env-self-reference';
import execFormCmd from './dockerfile/exec-form-cmd';
import exposeInvalidFormat from './dockerfile/expose-invalid-format';
import exposeProtoCasing from './dockerfile/expose-proto-casing';
import exposeSsh from './dockerfile/expose-ssh';
import exposeValidPort from './dockerfile/expose-valid-port';
import extractArchiveWithAdd from './dockerfile/extract-archive-with-add';
import firstInstruction from './dockerfile/first-instruction';
import fromAsCasing from './dockerfile/from-as-casing';
import fromPlatformFlag from './dockerfile/from-platform-flag';
import fromPlatformFlagConst from './dockerfile/from-platform-flag-const';
import gemPinVersions from './dockerfile/gem-pin-versions';
import goPinVersions from './dockerfile/go-pin-versions';
import healthcheckMissing from './dockerfile/healthcheck-missing';
import inlineIgnorePragma from './dockerfile/inline-ignore-pragma';
import invalidDefaultArgInFrom from './dockerfile/invalid-default-arg-in-from';
import invalidDefinitionDescription from './dockerfile/invalid-definition-description';
import invalidFlag from './dockerfile/invalid-flag';
import invalidImageReference from './dockerfile/invalid-image-reference';
import invalidStageName from './dockerfile/invalid-stage-name';
import labelKeyInvalid from './dockerfile/label-key-invalid';
import labelMissing from './dockerfile/label-missing';
import labelNotInSchema from './dockerfile/label-not-in-schema';
import labelSchemaValue from './dockerfile/label-schema-value';
import legacyKeyValueFormat from './dockerfile/legacy-key-value-format';
import maintainerDeprecated from './dockerfile/maintainer-deprecated';
import malformedExecForm from './dockerfile/malformed-exec-form';
import mergeRunLayers from './dockerfile/merge-run-layers';
import multipleInstructions from './dockerfile/multiple-instructions';
import noCdInRun from './dockerfile/no-cd-in-run';
import noEmptyContinuation from './dockerfile/no-empty-continuation';
import noPackageUpgrade from './dockerfile/no-package-upgrade';
import noPointlessCommands from './dockerfile/no-pointless-commands';
import noReplaceBinSh from './dockerfile/no-replace-bin-sh';
import noSudo from './dockerfile/no-sudo';
import nonRootUser from './dockerfile/non-root-user';
import npmPinVersions from './dockerfile/npm-pin-versions';
import numericUser from './dockerfile/numeric-user';
import onbuildTrigger from './dockerfile/onbuild-trigger';
import oneDownloadTool from './dockerfile/one-download-tool';
import pinBaseImage from './dockerfile/pin-base-image';
import pipNoCacheDir from './dockerfile/pip-no-cache-dir';
import pipPinVersions from './dockerfile/pip-pin-versions';
import preferCacheMount from './dockerfile/prefer-cache-mount';
import redundantTargetPlatform from './dockerfile/redundant-target-platform';
import reservedStageName from './dockerfile/reserved-stage-name';
import rpmCleanCache from './dockerfile/rpm-clean-cache';
import rpmInstallYes from './dockerfile/rpm-install-yes';
import rpmPinVersions from './dockerfile/rpm-pin-versions';
import runPipefail from './dockerfile/run-pipefail';
import secretsInArgOrEnv from './dockerfile/secrets-in-arg-or-env';
import stageNameCasing from './dockerfile/stage-name-casing';
import trustedRegistry from './dockerfile/trusted-registry';
import undefinedArgInFrom from './dockerfile/undefined-arg-in-from';
import undefinedVar from './dockerfile/undefined-var';
import unsupportedVariableModifier from './dockerfile/unsupported-variable-modifier';
import unusedArg from './dockerfile/unused-arg';
import updateWithoutInstall from './dockerfile/update-without-install';
import useraddNoLogInit from './dockerfile/useradd-no-log-init';
import wgetProgress from './dockerfile/wget-progress';
import workdirSystemDir from './dockerfile/workdir-system-dir';
import yarnCacheClean from './dockerfile/yarn-cache-clean';
import zypperNoDistUpgrade from './dockerfile/zypper-no-dist-upgrade';
import dockerignoreBackslash from './dockerignore/dockerignore-backslash';
import dockerignoreExceptionOverridden from './dockerignore/dockerignore-exception-overridden';
import { ComposeRule, DockerfileRule, DockerignoreRule, Rule } from './types';

export const RULES: readonly Rule[] = [
  absoluteWorkdir,
  apkNoCache,
  apkPinVersions,
  aptGetCleanLists,
  aptGetNoRecommends,
  aptGetPinVersions,
  aptGetYes,
  aptNotAptGet,
  buildAndImageWithoutPullPolicy,
  capAddAll,
  composeBuildArgMissing,
  composeBuildArgNotDeclared,
  composeBuildDockerfileProblems,
  composeBuildTargetNotFound,
  composeContainerNameWithReplicas,
  composeDatabaseUnreachable,
  composeDatabaseWithoutVolume,
  composeDependsOnHealthcheckMissing,
  composeDependsOnProfileDisabled,
  composeMissingFile,
  composeRejectedConfig,
  composeSchema,
  composeUndefinedReference,
  composeUnknownService,
  composeUnsetVariable,
  composeUnusedDefinition,
  composeVersionObsolete,
  composeYamlSyntax,
  consistentInstructionCasing,
  containerNameInvalid,
  copyAllWithoutDockerignore,
  copyEntireFilesystem,
  copyFromOwnStage,
  copyFromUnknownStage,
  copyIgnoredFile,
  copyMultipleSourcesDir,
  copyNotAdd,
  copyRelativeWithoutWorkdir,
  copySecretFiles,
  credentialsInRun,
  dependenciesBeforeSource,
  dockerSocketMounted,
  dockerfileSyntax,
  dockerignoreBackslash,
  dockerignoreExceptionOverridden,
  duplicateContainerName,
  duplicatePublishedPort,
  duplicateStageName,
  envSelfReference,
  execFormCmd,
  exposeInvalidFormat,
  exposeProtoCasing,
  exposeSsh,
  exposeValidPort,
  extractArchiveWithAdd,
  firstInstruction,
  fromAsCasing,
  fromPlatformFlag,
  fromPlatformFlagConst,
  gemPinVersions,
  goPinVersions,
  healthcheckMissing,
  hostNamespaceShared,
  hostNetworkMode,
  inlineIgnorePragma,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  invalidFlag,
  invalidImageReference,
  invalidStageName,
  labelKeyInvalid,
  labelMissing,
  labelNotInSchema,
  labelSchemaValue,
  legacyKeyValueFormat,
  literalSecretInEnvironment,
  maintainerDeprecated,
  malformedExecForm,
  mergeRunLayers,
  multipleInstructions,
  noCdInRun,
  noEmptyContinuation,
  noPackageUpgrade,
  noPointlessCommands,
  noQuotesInVolumes,
  noReplaceBinSh,
  noSudo,
  nonRootUser,
  npmPinVersions,
  numericUser,
  onbuildTrigger,
  oneDownloadTool,
  pinBaseImage,
  pinImageTag,
  pipNoCacheDir,
  pipPinVersions,
  portAllInterfaces,
  preferCacheMount,
  privilegedContainer,
  quotePorts,
  readOnlyRootFilesystem,
  redundantTargetPlatform,
  requireProjectName,
  reservedStageName,
  rpmCleanCache,
  rpmInstallYes,
  rpmPinVersions,
  runPipefail,
  secretsInArgOrEnv,
  serviceDependenciesOrder,
  serviceKeysOrder,
  servicePortsOrder,
  servicesOrder,
  stageNameCasing,
  topLevelKeysOrder,
  trustedRegistry,
  undefinedArgInFrom,
  undefinedVar,
  unsupportedVariableModifier,
  unusedArg,
  updateWithoutInstall,
  useraddNoLogInit,
  wgetProgress,
  workdirSystemDir,
  yarnCacheClean,
  zypperNoDistUpgrade,
];

export const DOCKERFILE_RULES: readonly DockerfileRule[] = RULES.filter(
  (r): r is DockerfileRule => r.language === 'dockerfile',
);
export const COMPOSE_RULES: readonly ComposeRule[] = RULES.filter((r): r is ComposeRule => r.language === 'compose');
export const DOCKERIGNORE_RULES: readonly DockerignoreRule[] = RULES.filter(
  (r): r is DockerignoreRule => r.language === 'dockerignore',
);

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
