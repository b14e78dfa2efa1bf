import {
  CATALOGUE_STREAM,
  DIRECTIVE_REGISTRY_STREAM,
  itemStream,
  reminderPolicyOf,
  type DirectiveRecord,
  type CatalogueProcessor,
  type ItemProcessor,
  type ItemState,
  type MonitoringArrangement,
  type RegistryProcessor,
  type UnitRecord,
  type ReminderPolicy,
} from '#directives';

/** What the follow-up needs to know of a directive. */
export interface DirectiveFollowUp {
  readonly directiveId: string;
  readonly itemIds: readonly string[];
  readonly policy: ReminderPolicy;
  readonly monitoring?: MonitoringArrangement;
  /** The unit the monitoring reports to, when `monitoring.reportsTo` names one of the catalogue. */
  readonly reportsToUnitId?: string;
}

/** Who must act at each escalation level: the directive's monitor, then the body it reports to. */
export function mustActAt(directive: DirectiveFollowUp | undefined, level: number): string {
  if (level <= 1) return directive?.monitoring?.leadUnitId ?? 'monitor';
  return directive?.reportsToUnitId ?? directive?.monitoring?.reportsTo ?? 'standing-committee';
}

/**
 * Reads what the follow-up decides from, through the command processors, so that the follow-up
 * sees exactly the state the next command will be decided on (caught up with the store).
 */
export class FollowUpDirectory {
  constructor(
    private readonly items: ItemProcessor,
    private readonly registry: RegistryProcessor,
    /** Resolves `reportsTo` to a unit, so a level-2 escalation reaches its inbox and webhook. */
    private readonly catalogue?: CatalogueProcessor,
  ) {}

  async item(itemId: string): Promise<ItemState> {
    return (await this.items.read(itemStream(itemId))).state;
  }

  async directive(directiveId: string): Promise<DirectiveFollowUp | undefined> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const record = state.directives.get(directiveId);
    if (!record) return undefined;
    const units = await this.units();
    return followUpOf(record, reminderPolicyOf(state, directiveId), unitNamed(units, record.monitoring?.reportsTo));
  }

  async directives(): Promise<DirectiveFollowUp[]> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const units = await this.units();
    return [...state.directives.values()].map((record) => followUpOf(record, reminderPolicyOf(state, record.directiveId), unitNamed(units, record.monitoring?.reportsTo)));
  }

  private async units(): Promise<ReadonlyMap<string, UnitRecord> | undefined> {
    return this.catalogue ? (await this.catalogue.read(CATALOGUE_STREAM)).state.units : undefined;
  }
}

/** The catalogue unit whose id or name (case and spaces aside) is `text`. */
function unitNamed(units: ReadonlyMap<string, UnitRecord> | undefined, text: string | undefined): string | undefined {
  if (!text || !units) return undefined;
  const id = text.trim();
  if (units.has(id)) return id;
  const wanted = id.toLocaleLowerCase('vi');
  return [...units.values()].find((u) => u.name.trim().toLocaleLowerCase('vi') === wanted)?.unitId;
}

function followUpOf(record: DirectiveRecord, policy: ReminderPolicy, reportsToUnitId: string | undefined): DirectiveFollowUp {
  const itemIds = record.items.map((item) => item.itemId);
  return { directiveId: record.directiveId, itemIds, policy, ...(record.monitoring ? { monitoring: record.monitoring } : {}), ...(reportsToUnitId ? { reportsToUnitId } : {}) };
}
