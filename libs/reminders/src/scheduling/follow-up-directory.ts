import {
  DIRECTIVE_REGISTRY_STREAM,
  itemStream,
  reminderPolicyOf,
  type DirectiveRecord,
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
}

/** Who must act at each escalation level: the directive's monitor, then the body it reports to. */
export function mustActAt(directive: DirectiveFollowUp | undefined, level: number): string {
  if (level <= 1) return directive?.monitoring?.leadUnitId ?? 'monitor';
  return directive?.monitoring?.reportsTo ?? 'standing-committee';
}

/**
 * Reads what the follow-up decides from, through the command processors, so that the follow-up
 * sees exactly the state the next command will be decided on (caught up with the store).
 */
export class FollowUpDirectory {
  constructor(
    private readonly items: ItemProcessor,
    private readonly registry: RegistryProcessor,
  ) {}

  async item(itemId: string): Promise<ItemState> {
    return (await this.items.read(itemStream(itemId))).state;
  }

  async directive(directiveId: string): Promise<DirectiveFollowUp | undefined> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    const record = state.directives.get(directiveId);
    return record ? followUpOf(record, reminderPolicyOf(state, directiveId)) : undefined;
  }

  async directives(): Promise<DirectiveFollowUp[]> {
    const { state } = await this.registry.read(DIRECTIVE_REGISTRY_STREAM);
    return [...state.directives.values()].map((record) => followUpOf(record, reminderPolicyOf(state, record.directiveId)));
  }
}

function followUpOf(record: DirectiveRecord, policy: ReminderPolicy): DirectiveFollowUp {
  const itemIds = record.items.map((item) => item.itemId);
  return { directiveId: record.directiveId, itemIds, policy, ...(record.monitoring ? { monitoring: record.monitoring } : {}) };
}
