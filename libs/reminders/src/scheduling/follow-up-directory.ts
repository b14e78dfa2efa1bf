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
    return record ? followUpOf(record, reminderPolicyOf(state, directiveId), await this.unitNamed(record.monitoring?.reportsTo)) : undefined;
  }

  async directives(): Promise<DirectiveFollowUp[]> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const records = [...state.directives.values()];
    return Promise.all(records.map(async (record) => followUpOf(record, reminderPolicyOf(state, record.directiveId), await this.unitNamed(record.monitoring?.reportsTo))));
  }

  /** The catalogue unit whose id or name (case and spaces aside) is `text`. */
  private async unitNamed(text: string | undefined): Promise<string | undefined> {
    if (!text || !this.catalogue) return undefined;
    const { state } = await this.catalogue.read(CATALOGUE_STREAM);
    const wanted = text.trim().toLocaleLowerCase('vi');
    if (state.units.has(text.trim())) return text.trim();
    return [...state.units.values()].find((u) => u.name.trim().toLocaleLowerCase('vi') === wanted)?.unitId;
  }
}

function followUpOf(record: DirectiveRecord, policy: ReminderPolicy, reportsToUnitId: string | undefined): DirectiveFollowUp {
  const itemIds = record.items.map((item) => item.itemId);
  return { directiveId: record.directiveId, itemIds, policy, ...(record.monitoring ? { monitoring: record.monitoring } : {}), ...(reportsToUnitId ? { reportsToUnitId } : {}) };
}
