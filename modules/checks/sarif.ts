import { CheckResult, Finding } from './engine';
import { PublicIds, Rule, Severity } from './rule';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** URI of the evaluated file, relative to the report. @default 'cdk.tf.json' */
  readonly artifactUri?: string;
  /** Version written as the tool's version. @default '0.1.0' */
  readonly toolVersion?: string;
}

/** SARIF's levels: `note` is its name for information. */
const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** Public IDs as SARIF tags (`checkov:CKV_AWS_27`). */
function tags(ids: PublicIds): string[] {
  return Object.entries(ids).flatMap(([tool, list]) => (list as string[]).map((id) => `${tool}:${id}`));
}

/**
 * The result as a SARIF 2.1.0 log: one run, the rules evaluated as
 * `tool.driver.rules`, one result per finding naming the resource as a
 * logical location; suppressed findings carry `suppressions` with the reason.
 */
export function toSarif(result: CheckResult, options: SarifOptions = {}): object {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdktf-eda-checks',
            version: options.toolVersion ?? '0.1.0',
            informationUri: 'https://github.com/cdktf-eda/cdktf-eda',
            rules: result.rules.map(sarifRule),
          },
        },
        automationDetails: result.stackName ? { id: `cdktf-eda-checks/${result.stackName}` } : undefined,
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId), options.artifactUri ?? 'cdk.tf.json')),
      },
    ],
  };
}

function sarifRule(rule: Rule): object {
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${rule.severity}; ${tags(rule.publicIds).join(', ') || 'no public equivalent'}).` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity], enabled: true },
    properties: { service: rule.service, optional: rule.optional ?? false, publicIds: rule.publicIds, tags: [rule.service, ...tags(rule.publicIds)] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number | undefined, uri: string): object {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri } },
        logicalLocations: [
          {
            name: finding.path ?? finding.address,
            fullyQualifiedName: finding.address,
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: { resourceRule: `${finding.ruleId}/${finding.address}` },
    properties: { address: finding.address, resourceType: finding.type, constructPath: finding.path, fix: finding.fix },
    suppressions: finding.suppression ? [{ kind: 'inSource', status: 'accepted', justification: finding.suppression.reason }] : undefined,
  };
}
