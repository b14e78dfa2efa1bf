/** The shapes the monitor dashboard reads from the API (the fields it uses). */

export interface Deadline {
  readonly date: string;
  readonly dueAt: string;
}

export interface UnitRef {
  readonly unitId: string;
  readonly role?: string;
}

export interface ItemOverview {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly status: string;
  readonly atRisk: boolean;
  readonly deadline: Deadline;
  readonly originalDeadline?: Deadline;
  readonly leadUnits: UnitRef[];
  readonly cooperatingUnits: UnitRef[];
  readonly openEscalations: { escalationId: string; level: number }[];
  readonly progress: { metric: string; label?: string; target: number; reached: number; percent: number }[];
}

export interface DirectiveOverview {
  readonly directiveId: string;
  readonly header: { number: string; issuedOn: string; subject: string };
  readonly asAt: string;
  readonly counts: Record<string, number>;
  readonly items: ItemOverview[];
}

export interface UnitFigure {
  readonly unitId: string;
  readonly role: string;
  readonly latest: number;
  readonly percentOfTarget: number;
  readonly runRate: number;
}

export interface TargetMetric {
  readonly metric: string;
  readonly label?: string;
  readonly target: number;
  readonly series: { date: string; value: number }[];
  readonly latest: number;
  readonly percent: number;
  readonly daysLeft: number;
  readonly requiredDailyRate: number | null;
  readonly runRate: number;
  readonly projectedCompletion: string | null;
  readonly atRisk: boolean;
  readonly leadUnits: UnitFigure[];
  readonly cooperatingUnits: UnitFigure[];
}

export interface TargetsView {
  readonly itemId: string;
  readonly number: number;
  readonly today: string;
  readonly deadline: Deadline;
  readonly metrics: TargetMetric[];
}

export interface UnitScore {
  readonly unitId: string;
  readonly name: string;
  readonly overdueCount: number;
  readonly lastReport: { asOf: string; reportedAt: string } | null;
  readonly daysSinceLastReport: number | null;
}

export interface Escalation {
  readonly escalationId: string;
  readonly itemId: string;
  readonly itemNumber: number;
  readonly directiveId: string;
  readonly unitId?: string;
  readonly level: number;
  readonly mustAct: string;
  readonly reason: string;
  readonly raisedAt: string;
  readonly ageDays: number;
  readonly status: 'open' | 'resolved';
}

export interface CatalogueUnit {
  readonly unitId: string;
  readonly name: string;
  readonly nameEn?: string;
}

export interface DirectiveSummary {
  readonly directiveId: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly subject: string;
}
