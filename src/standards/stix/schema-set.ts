/**
 * The vendored OASIS STIX 2.1 JSON schemas (draft 2020-12), imported as JSON modules so the
 * library reads no files. See schemas/SOURCE.md for provenance and licence.
 */
import commonBinary from "./schemas/common/binary.json" with { type: "json" };
import commonBundle from "./schemas/common/bundle.json" with { type: "json" };
import commonCore from "./schemas/common/core.json" with { type: "json" };
import commonCyberObservableCore from "./schemas/common/cyber-observable-core.json" with { type: "json" };
import commonDictionary from "./schemas/common/dictionary.json" with { type: "json" };
import commonExtension from "./schemas/common/extension.json" with { type: "json" };
import commonExtensionDefinition from "./schemas/common/extension-definition.json" with { type: "json" };
import commonExternalReference from "./schemas/common/external-reference.json" with { type: "json" };
import commonGranularMarking from "./schemas/common/granular-marking.json" with { type: "json" };
import commonHashesType from "./schemas/common/hashes-type.json" with { type: "json" };
import commonHex from "./schemas/common/hex.json" with { type: "json" };
import commonIdentifier from "./schemas/common/identifier.json" with { type: "json" };
import commonKillChainPhase from "./schemas/common/kill-chain-phase.json" with { type: "json" };
import commonLanguageContent from "./schemas/common/language-content.json" with { type: "json" };
import commonMarkingDefinition from "./schemas/common/marking-definition.json" with { type: "json" };
import commonProperties from "./schemas/common/properties.json" with { type: "json" };
import commonTimestamp from "./schemas/common/timestamp.json" with { type: "json" };
import commonUrlRegex from "./schemas/common/url-regex.json" with { type: "json" };
import observablesArtifact from "./schemas/observables/artifact.json" with { type: "json" };
import observablesAutonomousSystem from "./schemas/observables/autonomous-system.json" with { type: "json" };
import observablesDirectory from "./schemas/observables/directory.json" with { type: "json" };
import observablesDomainName from "./schemas/observables/domain-name.json" with { type: "json" };
import observablesEmailAddr from "./schemas/observables/email-addr.json" with { type: "json" };
import observablesEmailMessage from "./schemas/observables/email-message.json" with { type: "json" };
import observablesFile from "./schemas/observables/file.json" with { type: "json" };
import observablesIpv4Addr from "./schemas/observables/ipv4-addr.json" with { type: "json" };
import observablesIpv6Addr from "./schemas/observables/ipv6-addr.json" with { type: "json" };
import observablesMacAddr from "./schemas/observables/mac-addr.json" with { type: "json" };
import observablesMutex from "./schemas/observables/mutex.json" with { type: "json" };
import observablesNetworkTraffic from "./schemas/observables/network-traffic.json" with { type: "json" };
import observablesProcess from "./schemas/observables/process.json" with { type: "json" };
import observablesSoftware from "./schemas/observables/software.json" with { type: "json" };
import observablesUrl from "./schemas/observables/url.json" with { type: "json" };
import observablesUserAccount from "./schemas/observables/user-account.json" with { type: "json" };
import observablesWindowsRegistryKey from "./schemas/observables/windows-registry-key.json" with { type: "json" };
import observablesX509Certificate from "./schemas/observables/x509-certificate.json" with { type: "json" };
import sdosAttackPattern from "./schemas/sdos/attack-pattern.json" with { type: "json" };
import sdosCampaign from "./schemas/sdos/campaign.json" with { type: "json" };
import sdosCourseOfAction from "./schemas/sdos/course-of-action.json" with { type: "json" };
import sdosGrouping from "./schemas/sdos/grouping.json" with { type: "json" };
import sdosIdentity from "./schemas/sdos/identity.json" with { type: "json" };
import sdosIncident from "./schemas/sdos/incident.json" with { type: "json" };
import sdosIndicator from "./schemas/sdos/indicator.json" with { type: "json" };
import sdosInfrastructure from "./schemas/sdos/infrastructure.json" with { type: "json" };
import sdosIntrusionSet from "./schemas/sdos/intrusion-set.json" with { type: "json" };
import sdosLocation from "./schemas/sdos/location.json" with { type: "json" };
import sdosMalware from "./schemas/sdos/malware.json" with { type: "json" };
import sdosMalwareAnalysis from "./schemas/sdos/malware-analysis.json" with { type: "json" };
import sdosNote from "./schemas/sdos/note.json" with { type: "json" };
import sdosObservedData from "./schemas/sdos/observed-data.json" with { type: "json" };
import sdosOpinion from "./schemas/sdos/opinion.json" with { type: "json" };
import sdosReport from "./schemas/sdos/report.json" with { type: "json" };
import sdosThreatActor from "./schemas/sdos/threat-actor.json" with { type: "json" };
import sdosTool from "./schemas/sdos/tool.json" with { type: "json" };
import sdosVulnerability from "./schemas/sdos/vulnerability.json" with { type: "json" };
import srosRelationship from "./schemas/sros/relationship.json" with { type: "json" };
import srosSighting from "./schemas/sros/sighting.json" with { type: "json" };

/** Every schema; each carries its own \`$id\` and refers to the others by relative path. */
export const STIX_SCHEMAS: readonly object[] = [
  commonBinary,
  commonBundle,
  commonCore,
  commonCyberObservableCore,
  commonDictionary,
  commonExtensionDefinition,
  commonExtension,
  commonExternalReference,
  commonGranularMarking,
  commonHashesType,
  commonHex,
  commonIdentifier,
  commonKillChainPhase,
  commonLanguageContent,
  commonMarkingDefinition,
  commonProperties,
  commonTimestamp,
  commonUrlRegex,
  observablesArtifact,
  observablesAutonomousSystem,
  observablesDirectory,
  observablesDomainName,
  observablesEmailAddr,
  observablesEmailMessage,
  observablesFile,
  observablesIpv4Addr,
  observablesIpv6Addr,
  observablesMacAddr,
  observablesMutex,
  observablesNetworkTraffic,
  observablesProcess,
  observablesSoftware,
  observablesUrl,
  observablesUserAccount,
  observablesWindowsRegistryKey,
  observablesX509Certificate,
  sdosAttackPattern,
  sdosCampaign,
  sdosCourseOfAction,
  sdosGrouping,
  sdosIdentity,
  sdosIncident,
  sdosIndicator,
  sdosInfrastructure,
  sdosIntrusionSet,
  sdosLocation,
  sdosMalwareAnalysis,
  sdosMalware,
  sdosNote,
  sdosObservedData,
  sdosOpinion,
  sdosReport,
  sdosThreatActor,
  sdosTool,
  sdosVulnerability,
  srosRelationship,
  srosSighting,
];
